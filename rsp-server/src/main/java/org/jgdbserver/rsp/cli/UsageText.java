package org.jgdbserver.rsp.cli;

/** The texts the command line prints; same layout as gdbserver's, our own words and name. */
final class UsageText {

    private UsageText() {
    }

    static final String NAME = "jgdbserver";

    static String version() {
        String v = UsageText.class.getPackage().getImplementationVersion();
        if (v == null) {
            v = "0.1.0-SNAPSHOT";
        }
        return NAME + " " + v + "\n"
                + "A GDB remote debugging stub for Linux, drop-in compatible with GNU gdbserver.\n"
                + "Running on Java " + System.getProperty("java.version", "?")
                + " (" + System.getProperty("java.vendor", "?") + ").\n"
                + "This " + NAME + " was configured as \"x86_64-linux-gnu\"\n";
    }

    /** The usage text; {@code toStdout} adds the line about reporting bugs, as gdbserver does. */
    static String usage(boolean toStdout) {
        String s = "Usage:\t" + NAME + " [OPTIONS] COMM PROG [ARGS ...]\n"
                + "\t" + NAME + " [OPTIONS] --attach COMM PID\n"
                + "\t" + NAME + " [OPTIONS] --multi COMM\n"
                + "\n"
                + "COMM is HOST:PORT or :PORT to wait for GDB on a TCP port, or '-' or 'stdio'\n"
                + "to talk to GDB over our standard input and output.  Serial devices are not\n"
                + "supported.\n"
                + "PROG is the program to debug, ARGS its arguments.\n"
                + "PID is the process to attach to when --attach is given.\n"
                + "\n"
                + "Operating modes:\n"
                + "\n"
                + "  --attach              Attach to the running process PID.\n"
                + "  --multi               Start without a program; keep running until GDB\n"
                + "                        says to quit (extended-remote).\n"
                + "  --once                Exit when the first connection closes.\n"
                + "  --help                Show this text and exit.\n"
                + "  --version             Show version information and exit.\n"
                + "\n"
                + "Other options:\n"
                + "\n"
                + "  --wrapper WRAPPER --  Start new programs through WRAPPER.\n"
                + "  --disable-randomization\n"
                + "                        Start PROG with address space randomization off.\n"
                + "  --no-disable-randomization\n"
                + "                        Leave address space randomization on when\n"
                + "                        starting PROG.\n"
                + "  --startup-with-shell\n"
                + "                        Start PROG through a shell, which then execs\n"
                + "                        PROG.  (default)\n"
                + "  --no-startup-with-shell\n"
                + "                        Exec PROG directly, without a shell: no globbing\n"
                + "                        and no variable expansion in ARGS.\n"
                + "\n"
                + "Debug options:\n"
                + "\n"
                + "  --debug               Log what the server does.\n"
                + "  --debug=OPT1[,OPT2,...]\n"
                + "                        Log only some parts.\n"
                + "                          Options:\n"
                + "                            all\n"
                + "                            threads\n"
                + "                            remote\n"
                + "                            event-loop\n"
                + "  --debug-format=OPT1[,OPT2,...]\n"
                + "                        Add details to each log line.\n"
                + "                          Options:\n"
                + "                            all\n"
                + "                            none\n"
                + "                            timestamp\n"
                + "  --debug-file=FILE     Write the log to FILE instead of standard error.\n"
                + "  --remote-debug        Log the remote protocol traffic.\n"
                + "  --event-loop-debug    Log event loop activity.\n"
                + "  --disable-packet=OPT1[,OPT2,...]\n"
                + "                        Turn off some RSP packets or features.\n"
                + "                          Options:\n"
                + "                            vCont, T, Tthread, qC, qfThreadInfo and\n"
                + "                            threads (all the thread packets).\n"
                + "\n"
                + "The GDB manual (\"Using the gdbserver Program\") describes these options.\n";
        if (toStdout) {
            s += "Report bugs to the jgdbserver maintainers.\n";
        }
        return s;
    }

    static String disableable() {
        return "Disableable packets:\n"
                + "  vCont       \tEvery vCont packet\n"
                + "  qC          \tAsking for the current thread\n"
                + "  qfThreadInfo\tListing threads\n"
                + "  Tthread     \tThe thread field of T stop replies\n"
                + "  threads     \tAll of the above\n"
                + "  T           \tEvery 'T' packet\n";
    }

    /** What gdbserver builds without self tests print for --selftest; gdb's testsuite looks for it. */
    static final String SELFTEST = "Selftests have been disabled for this build.\n";
}
