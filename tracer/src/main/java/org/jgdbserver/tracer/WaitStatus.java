package org.jgdbserver.tracer;

/** A decoded waitpid(2) status (sys/wait.h macros). */
public record WaitStatus(int raw) {
    public boolean exited() {
        return (raw & 0x7f) == 0;
    }

    public int exitCode() {
        return (raw >> 8) & 0xff;
    }

    public boolean signaled() {
        return ((raw & 0x7f) + 1) >> 1 > 0 && !stopped() && !exited();
    }

    public int termSignal() {
        return raw & 0x7f;
    }

    public boolean coreDumped() {
        return (raw & 0x80) != 0;
    }

    public boolean stopped() {
        return (raw & 0xff) == 0x7f;
    }

    /** The stop signal, with 0x80 set for a syscall stop under PTRACE_O_TRACESYSGOOD. */
    public int stopSignal() {
        return (raw >> 8) & 0xff;
    }

    /** The PTRACE_EVENT_* of a stop, or 0. */
    public int event() {
        return (raw >> 16) & 0xff;
    }

    public boolean gone() {
        return exited() || signaled();
    }

    @Override
    public String toString() {
        if (exited()) {
            return "exited " + exitCode();
        }
        if (signaled()) {
            return "killed by signal " + termSignal();
        }
        if (stopped()) {
            return "stopped sig " + stopSignal() + (event() != 0 ? " event " + event() : "");
        }
        return "status 0x" + Integer.toHexString(raw);
    }
}
