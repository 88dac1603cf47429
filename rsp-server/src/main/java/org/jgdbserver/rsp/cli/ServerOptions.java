package org.jgdbserver.rsp.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parsed command line, with gdbserver's rules (GDB manual, "Using the gdbserver Program" and
 * "gdbserver man page"):
 * <pre>
 *   jgdbserver [OPTIONS] COMM PROG [ARGS ...]
 *   jgdbserver [OPTIONS] --attach COMM PID
 *   jgdbserver [OPTIONS] --multi COMM [PROG [ARGS ...]]
 * </pre>
 * Options come before COMM; the first argument not starting with {@code -} is COMM and
 * everything after PROG belongs to the program. A lone {@code -} is COMM (stdio) and ends the
 * options. {@code COMM --attach PID} (the old order) is accepted too.
 *
 * @param comm                 where to listen
 * @param multi                {@code --multi}: extended-remote server that outlives its programs
 * @param attach               {@code --attach}: debug the running process {@link #attachPid}
 * @param attachPid            the pid with {@code --attach}, else 0
 * @param once                 {@code --once}: exit after the first connection closes
 * @param program              PROG, or null (only with {@code --multi} or {@code --attach})
 * @param programArgs          ARGS
 * @param wrapper              {@code --wrapper} words (empty if none)
 * @param debug                {@code --debug} or {@code --debug=threads|all}
 * @param debugComponents      the components given to {@code --debug=} (empty with plain --debug)
 * @param debugTimestamp       {@code --debug-format=timestamp|all}
 * @param remoteDebug          {@code --remote-debug} or {@code --debug=remote|all}
 * @param eventLoopDebug       {@code --event-loop-debug} or {@code --debug=event-loop|all}
 * @param debugFile            {@code --debug-file=FILE}, or null for stderr
 * @param disableRandomization ASLR off for started programs (default true)
 * @param startupWithShell     start programs through {@code $SHELL} (default true)
 * @param disabledPackets      names from {@code --disable-packet=} (vCont, T, Tthread, qC,
 *                             qfThreadInfo; {@code threads} expands to the four thread ones)
 */
public record ServerOptions(Comm comm, boolean multi, boolean attach, long attachPid, boolean once,
                            String program, List<String> programArgs, List<String> wrapper,
                            boolean debug, Set<String> debugComponents, boolean debugTimestamp,
                            boolean remoteDebug, boolean eventLoopDebug, String debugFile,
                            boolean disableRandomization, boolean startupWithShell,
                            Set<String> disabledPackets) {

    public ServerOptions {
        programArgs = List.copyOf(programArgs);
        wrapper = List.copyOf(wrapper);
        debugComponents = Collections.unmodifiableSet(new LinkedHashSet<>(debugComponents));
        disabledPackets = Collections.unmodifiableSet(new LinkedHashSet<>(disabledPackets));
    }

    /** Whether {@code --disable-packet} named {@code name} (directly or through {@code threads}). */
    public boolean isPacketDisabled(String name) {
        return disabledPackets.contains(name);
    }

    /**
     * The outcome of parsing: either options to run with, or text to print and a status to exit
     * with ({@code --help}, {@code --version}, errors).
     *
     * @param options    the options, or null when the program should just exit
     * @param exitStatus the exit status when {@code options} is null (0 or 1)
     * @param stdout     text for standard output (may be empty)
     * @param stderr     text for standard error (may be empty)
     */
    public record Result(ServerOptions options, int exitStatus, String stdout, String stderr) {

        /** Whether to go on and serve. */
        public boolean shouldRun() {
            return options != null;
        }

        static Result run(ServerOptions o) {
            return new Result(o, 0, "", "");
        }

        static Result exit(int status, String out, String err) {
            return new Result(null, status, out, err);
        }

        static Result usageError() {
            return exit(1, "", UsageText.usage(false));
        }
    }

    private static final List<String> DISABLEABLE = List.of("vCont", "T", "Tthread", "qC", "qfThreadInfo");
    private static final List<String> THREAD_PACKETS = List.of("vCont", "Tthread", "qC", "qfThreadInfo");
    private static final List<String> DEBUG_COMPONENTS = List.of("threads", "remote", "event-loop");

    /** Parses the arguments (without the program name). Never throws, never prints, never exits. */
    public static Result parse(String... args) {
        boolean multi = false;
        boolean attach = false;
        boolean once = false;
        boolean selftest = false;
        boolean debug = false;
        boolean debugTimestamp = false;
        boolean remoteDebug = false;
        boolean eventLoopDebug = false;
        boolean disableRandomization = true;
        boolean startupWithShell = true;
        String debugFile = null;
        List<String> wrapper = new ArrayList<>();
        Set<String> debugComponents = new LinkedHashSet<>();
        Set<String> disabled = new LinkedHashSet<>();
        String comm = null;

        int i = 0;
        while (i < args.length && args[i].startsWith("-")) {
            String a = args[i];
            if (a.equals("-")) {
                comm = "-";
                i++;
                break;
            }
            switch (a) {
                case "--version":
                    return Result.exit(0, UsageText.version(), "");
                case "--help":
                    return Result.exit(0, UsageText.usage(true), "");
                case "--attach":
                    attach = true;
                    break;
                case "--multi":
                    multi = true;
                    break;
                case "--once":
                    once = true;
                    break;
                case "--wrapper": {
                    int start = ++i;
                    while (i < args.length && !args[i].equals("--")) {
                        wrapper.add(args[i]);
                        i++;
                    }
                    if (i == start || i >= args.length) {
                        return Result.usageError();
                    }
                    break; // i is on "--", skipped below
                }
                case "--debug":
                    debug = true;
                    break;
                case "--remote-debug":
                    remoteDebug = true;
                    break;
                case "--event-loop-debug":
                    eventLoopDebug = true;
                    break;
                case "--disable-packet":
                    return Result.exit(0, UsageText.disableable(), "");
                case "--disable-randomization":
                    disableRandomization = true;
                    break;
                case "--no-disable-randomization":
                    disableRandomization = false;
                    break;
                case "--startup-with-shell":
                    startupWithShell = true;
                    break;
                case "--no-startup-with-shell":
                    startupWithShell = false;
                    break;
                case "--selftest":
                    selftest = true;
                    break;
                default:
                    if (a.startsWith("--debug=")) {
                        for (String c : splitList(a.substring("--debug=".length()))) {
                            if (c.equals("all")) {
                                debugComponents.addAll(DEBUG_COMPONENTS);
                            } else if (DEBUG_COMPONENTS.contains(c)) {
                                debugComponents.add(c);
                            } else {
                                return Result.exit(1, "", "Unknown debug component: \"" + c + "\"\n"
                                        + "Known components: all, threads, remote, event-loop\n");
                            }
                        }
                        debug |= debugComponents.contains("threads");
                        remoteDebug |= debugComponents.contains("remote");
                        eventLoopDebug |= debugComponents.contains("event-loop");
                    } else if (a.startsWith("--debug-format=")) {
                        debugTimestamp = false;
                        for (String f : splitList(a.substring("--debug-format=".length()))) {
                            if (f.equals("all") || f.equals("timestamp")) {
                                debugTimestamp = true;
                            } else if (f.equals("none")) {
                                debugTimestamp = false;
                            } else {
                                return Result.exit(1, "", "Unknown debug-format argument: \"" + f + "\"\n");
                            }
                        }
                    } else if (a.startsWith("--debug-file=")) {
                        debugFile = a.substring("--debug-file=".length());
                    } else if (a.startsWith("--disable-packet=")) {
                        for (String p : splitList(a.substring("--disable-packet=".length()))) {
                            if (p.equals("threads")) {
                                disabled.addAll(THREAD_PACKETS);
                            } else if (DISABLEABLE.contains(p)) {
                                disabled.add(p);
                            } else {
                                return Result.exit(1, "", "Don't know how to disable \"" + p + "\".\n\n"
                                        + UsageText.disableable());
                            }
                        }
                    } else if (a.startsWith("--selftest=")) {
                        selftest = true;
                    } else {
                        return Result.exit(1, "", "Unknown argument: " + a + "\n");
                    }
                    break;
            }
            i++;
        }

        if (comm == null && i < args.length) {
            comm = args[i++];
        }
        if ((comm == null || (!attach && !multi && i >= args.length)) && !selftest) {
            return Result.usageError();
        }
        if (selftest) {
            return Result.exit(0, UsageText.SELFTEST, "");
        }

        Comm parsedComm;
        try {
            parsedComm = Comm.parse(comm);
        } catch (IllegalArgumentException e) {
            return Result.exit(1, "", UsageText.NAME + ": " + e.getMessage() + "\n");
        }

        // "COMM --attach PID", the order older gdbservers wanted.
        if (i < args.length && args[i].equals("--attach")) {
            attach = true;
            i++;
        }
        long pid = 0;
        String program = null;
        List<String> programArgs = List.of();
        if (attach) {
            if (i != args.length - 1 || (pid = parsePid(args[i])) <= 0) {
                return Result.usageError();
            }
        } else if (i < args.length) {
            program = args[i];
            programArgs = Arrays.asList(args).subList(i + 1, args.length);
        }
        return Result.run(new ServerOptions(parsedComm, multi, attach, pid, once, program, programArgs, wrapper,
                debug, debugComponents, debugTimestamp, remoteDebug, eventLoopDebug, debugFile,
                disableRandomization, startupWithShell, disabled));
    }

    /** {@code strtoul(s, &end, 0)} with a check for trailing junk: decimal, 0x hex or 0 octal. -1 if bad. */
    static long parsePid(String s) {
        if (s.isEmpty()) {
            return -1;
        }
        int radix = 10;
        String digits = s;
        if (s.startsWith("0x") || s.startsWith("0X")) {
            radix = 16;
            digits = s.substring(2);
        } else if (s.length() > 1 && s.startsWith("0")) {
            radix = 8;
            digits = s.substring(1);
        }
        if (digits.isEmpty() || digits.startsWith("+") || digits.startsWith("-")) {
            return -1;
        }
        try {
            long v = Long.parseLong(digits, radix);
            return v > 0 && v <= Integer.MAX_VALUE ? v : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static List<String> splitList(String s) {
        List<String> out = new ArrayList<>();
        for (String p : s.split(",")) {
            if (!p.isEmpty()) {
                out.add(p);
            }
        }
        return out;
    }
}
