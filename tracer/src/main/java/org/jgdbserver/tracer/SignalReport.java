package org.jgdbserver.tracer;

/**
 * One signal-delivery stop, as the engines see it in {@link EngineOps#reportSignal}. Traps the
 * tracer decoded are signals too (utrace had breakpoints arrive as SIGTRAP): a software
 * breakpoint this engine owns, a single-step this engine asked for, a hardware breakpoint or
 * watchpoint. An engine may change what gets delivered ({@link #deliver}, {@link #ignore});
 * the last engine to change it wins.
 */
public final class SignalReport {
    /** Why the thread stopped. */
    public enum Kind {
        /** A signal the program is about to receive. */
        SIGNAL,
        /** A software breakpoint this engine inserted; the pc is already rewound to it. */
        BREAKPOINT,
        /** The single-step or block-step this engine asked for has completed. */
        STEP,
        /** A hardware breakpoint (execute) in a debug register. */
        HW_BREAKPOINT,
        /** A hardware watchpoint; {@link #dataAddress} says which. */
        WATCHPOINT
    }

    private final Kind kind;
    private final int originalSignal;
    private int signal;
    private final long address;
    private final long dataAddress;
    private final WatchKind watchKind;

    SignalReport(Kind kind, int signal, long address, long dataAddress, WatchKind watchKind) {
        this.kind = kind;
        this.originalSignal = signal;
        this.signal = kind == Kind.SIGNAL ? signal : 0;
        this.address = address;
        this.dataAddress = dataAddress;
        this.watchKind = watchKind;
    }

    public Kind kind() {
        return kind;
    }

    /** The Linux signal number the thread stopped with (SIGTRAP for the trap kinds). */
    public int originalSignal() {
        return originalSignal;
    }

    /** The signal that will be delivered when the thread resumes (0: none). */
    public int signal() {
        return signal;
    }

    /** The pc of the breakpoint, or the pc after a step. */
    public long address() {
        return address;
    }

    /** For {@link Kind#WATCHPOINT}: the watched address that triggered. */
    public long dataAddress() {
        return dataAddress;
    }

    public WatchKind watchKind() {
        return watchKind;
    }

    public void deliver(int sig) {
        this.signal = sig;
    }

    public void ignore() {
        this.signal = 0;
    }

    @Override
    public String toString() {
        return kind + "(sig " + originalSignal + ", 0x" + Long.toHexString(address) + ")";
    }
}
