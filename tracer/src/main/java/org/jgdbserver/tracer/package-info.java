/**
 * The tracer: a user-space rendering of the utrace engine layer over ptrace.
 *
 * <p>{@link org.jgdbserver.tracer.Tracer} owns one platform thread that makes every ptrace call
 * (see ../shared/ENGINEERING-NOTES.md for why). Above it, {@link org.jgdbserver.tracer.Engine}s
 * attach to the threads of a process with {@link org.jgdbserver.tracer.EngineOps} callbacks and
 * an {@link org.jgdbserver.tracer.Event} mask, and answer each report with a
 * {@link org.jgdbserver.tracer.ResumeAction}; when engines disagree the most restrictive action
 * wins. Several engines can share a thread: a gdb session, a second client, a syscall tracer.
 *
 * <p>This package knows nothing of the GDB remote protocol, Netty or register layouts; it hands
 * out kernel regset bytes by note number. Only {@code sys.Ptrace} calls into the kernel.
 */
package org.jgdbserver.tracer;
