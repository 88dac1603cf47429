package org.jgdbserver.tracer;

/**
 * A launched program ended before it reached its first instruction (the startup shell could not
 * exec it, a wrapper failed, ...). {@link #status()} says how; the message is the one gdb and
 * gdbserver print for it ("During startup program exited with code 127.").
 */
public final class StartupExitException extends TracerException {
    private static final String[] NAMES = {null, "SIGHUP, Hangup", "SIGINT, Interrupt", "SIGQUIT, Quit",
        "SIGILL, Illegal instruction", "SIGTRAP, Trace/breakpoint trap", "SIGABRT, Aborted", "SIGBUS, Bus error",
        "SIGFPE, Arithmetic exception", "SIGKILL, Killed", "SIGUSR1, User defined signal 1",
        "SIGSEGV, Segmentation fault", "SIGUSR2, User defined signal 2", "SIGPIPE, Broken pipe",
        "SIGALRM, Alarm clock", "SIGTERM, Terminated"};

    private final WaitStatus status;

    StartupExitException(int pid, WaitStatus status) {
        super("launch(pid " + pid + ")", describe(status));
        this.status = status;
    }

    public WaitStatus status() {
        return status;
    }

    /** gdb's words (gdb/nat/fork-inferior.c, startup_inferior). */
    public String gdbMessage() {
        return describe(status);
    }

    static String describe(WaitStatus ws) {
        if (ws.signaled()) {
            int s = ws.termSignal();
            String name = s > 0 && s < NAMES.length ? NAMES[s] : "SIG" + s + ", Unknown signal " + s;
            return "During startup program terminated with signal " + name + ".";
        }
        return ws.exitCode() != 0 ? "During startup program exited with code " + ws.exitCode() + "."
                : "During startup program exited normally.";
    }
}
