/**
 * GDB agent expressions (GDB manual, appendix "The GDB Agent Expression Mechanism"): the
 * bytecode gdb compiles breakpoint conditions and {@code dprintf} commands to when it lets the
 * target evaluate them ({@code set breakpoint condition-evaluation target},
 * {@code set dprintf-style agent}).
 *
 * <p>{@link org.jgdbserver.rsp.agent.AgentExpression} holds one bytecode string,
 * {@link org.jgdbserver.rsp.agent.AgentInterpreter} runs it against an
 * {@link org.jgdbserver.rsp.agent.AgentContext} (registers by gdb's register number, memory,
 * trace state variables, printf output), and {@link org.jgdbserver.rsp.agent.AgentPrintf}
 * formats the {@code printf} op. Opcode values are gdb's ({@code gdbsupport/ax.def}), in
 * {@link org.jgdbserver.rsp.agent.AgentOp}.
 *
 * <p>Pure Java: nothing here knows the wire, the session, the tracer or ptrace. The session
 * supplies the context; the interpreter runs on whatever thread calls it (the tracer thread,
 * for breakpoint conditions).
 */
package org.jgdbserver.rsp.agent;
