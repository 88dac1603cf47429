package org.jgdbserver.rsp.agent;

/**
 * An agent expression that could not be evaluated. gdbserver's {@code eval_result_type}s are
 * the kinds; whatever the kind, a breakpoint condition that fails counts as true (the stop is
 * reported and gdb evaluates the condition itself).
 */
public final class AgentException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        EMPTY_EXPRESSION, UNRECOGNIZED_OPCODE, UNHANDLED_OPCODE, STACK_UNDERFLOW, STACK_OVERFLOW, EMPTY_STACK,
        DIVIDE_BY_ZERO, MEMORY_FAULT, BAD_REGISTER, OUT_OF_BOUNDS, TOO_MANY_STEPS, BAD_PRINTF
    }

    private final Kind kind;

    public AgentException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
