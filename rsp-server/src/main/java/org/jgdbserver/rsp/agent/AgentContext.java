package org.jgdbserver.rsp.agent;

/**
 * What an agent expression sees of the stopped thread it runs for. Values are the target's
 * little-endian bytes turned into numbers by the interpreter.
 */
public interface AgentContext {

    /**
     * Register {@code regnum} (gdb's number, the one the target description gives it) as raw
     * bytes in target order; its length is the register's size.
     *
     * @throws AgentException ({@link AgentException.Kind#BAD_REGISTER}) for an unknown number
     */
    byte[] register(int regnum) throws AgentException;

    /**
     * Reads exactly {@code length} bytes at {@code address} into {@code into}.
     *
     * @throws AgentException ({@link AgentException.Kind#MEMORY_FAULT}) when any of them cannot be read
     */
    void readMemory(long address, byte[] into, int length) throws AgentException;

    /** Trace state variable {@code n} ({@code getv}); 0 for one never set, as gdbserver answers. */
    default long getVariable(int n) {
        return 0;
    }

    /** Sets trace state variable {@code n} ({@code setv}). */
    default void setVariable(int n, long value) {
    }

    /**
     * Output of the {@code printf} op ({@code dprintf} with {@code set dprintf-style agent}):
     * gdbserver writes it to its own standard output. {@code function} and {@code channel} are
     * the values gdb pushed for {@code dprintf-function} and {@code dprintf-channel}.
     */
    default void print(long function, long channel, String text) {
    }
}
