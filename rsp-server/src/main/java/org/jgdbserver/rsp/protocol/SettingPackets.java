package org.jgdbserver.rsp.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Settings GDB pushes to the stub (GDB manual, "General Query Packets": {@code QNonStop},
 * {@code QStartNoAckMode}, {@code QPassSignals}, {@code QProgramSignals}, {@code QCatchSyscalls},
 * {@code QThreadEvents}, {@code QEnvironment...}, {@code QSetWorkingDir},
 * {@code QStartupWithShell}, {@code QDisableRandomization}, {@code QListThreadsInStopReply}).
 * All are answered {@code OK} (or {@code E NN}).
 */
public final class SettingPackets {

    private SettingPackets() {
    }

    /**
     * {@code QNonStop:0|1}: leave or enter non-stop mode.
     *
     * @param enable true for {@code 1}
     */
    public record NonStopPacket(boolean enable) implements RspRequest {
    }

    /**
     * {@code QStartNoAckMode}: stop acknowledging. Reply {@code OK} (still acknowledged), then
     * call {@code RspAckHandler.enterNoAckMode()}.
     */
    public record StartNoAckModePacket() implements RspRequest {
    }

    /**
     * {@code QPassSignals:sig[;sig]...}: signals to deliver to the inferior without stopping.
     * Replaces the previous list; may be empty.
     *
     * @param signals GDB signal numbers
     */
    public record PassSignalsPacket(List<Integer> signals) implements RspRequest {
        public PassSignalsPacket {
            signals = List.copyOf(signals);
        }
    }

    /**
     * {@code QProgramSignals:sig[;sig]...}: signals the inferior may receive when GDB resumes with
     * them; others are dropped. May be empty.
     *
     * @param signals GDB signal numbers
     */
    public record ProgramSignalsPacket(List<Integer> signals) implements RspRequest {
        public ProgramSignalsPacket {
            signals = List.copyOf(signals);
        }
    }

    /**
     * {@code QCatchSyscalls:1[;sysno]...} or {@code QCatchSyscalls:0}: report system calls.
     *
     * @param enable   whether to catch
     * @param syscalls the syscall numbers; empty with {@code enable} means all
     */
    public record CatchSyscallsPacket(boolean enable, List<Integer> syscalls) implements RspRequest {
        public CatchSyscallsPacket {
            syscalls = List.copyOf(syscalls);
        }
    }

    /**
     * {@code QThreadEvents:0|1}: report thread creation and exit.
     *
     * @param enable true for {@code 1}
     */
    public record ThreadEventsPacket(boolean enable) implements RspRequest {
    }

    /**
     * {@code QEnvironmentHexEncoded:hex}: set {@code NAME=VALUE} in the environment of programs
     * started later.
     *
     * @param name  variable name
     * @param value its value (possibly empty)
     */
    public record EnvironmentSetPacket(String name, String value) implements RspRequest {
    }

    /**
     * {@code QEnvironmentUnset:hex}: remove a variable from the environment of programs started later.
     *
     * @param name variable name
     */
    public record EnvironmentUnsetPacket(String name) implements RspRequest {
    }

    /** {@code QEnvironmentReset}: back to the environment the server started with. */
    public record EnvironmentResetPacket() implements RspRequest {
    }

    /**
     * {@code QSetWorkingDir:[hex]}: working directory for programs started later.
     *
     * @param directory the directory, or empty for "the server's own"
     */
    public record SetWorkingDirPacket(String directory) implements RspRequest {
    }

    /**
     * {@code QStartupWithShell:0|1}: start programs through the shell.
     *
     * @param enable true for {@code 1}
     */
    public record StartupWithShellPacket(boolean enable) implements RspRequest {
    }

    /**
     * {@code QDisableRandomization:0|1}: disable address-space randomization for later programs.
     *
     * @param disable true for {@code 1}
     */
    public record DisableRandomizationPacket(boolean disable) implements RspRequest {
    }

    /** {@code QListThreadsInStopReply}: include {@code threads:} and {@code thread-pcs:} in stop replies. */
    public record ListThreadsInStopReplyPacket() implements RspRequest {
    }

    static final StartNoAckModePacket START_NO_ACK = new StartNoAckModePacket();
    static final EnvironmentResetPacket ENV_RESET = new EnvironmentResetPacket();
    static final ListThreadsInStopReplyPacket LIST_THREADS = new ListThreadsInStopReplyPacket();

    /**
     * Parses a {@code Q} packet; {@code name} is the text before the first {@code :} and the
     * cursor is just after that colon (or at the end if there is none). Returns null for an
     * unknown name.
     */
    static RspRequest parse(String name, boolean hasColon, PacketReader r) {
        switch (name) {
            case "QStartNoAckMode":
                r.expectEnd();
                return START_NO_ACK;
            case "QEnvironmentReset":
                r.expectEnd();
                return ENV_RESET;
            case "QListThreadsInStopReply":
                r.expectEnd();
                return LIST_THREADS;
            default:
                break;
        }
        if (!hasColon) {
            return null;
        }
        switch (name) {
            case "QNonStop":
                return new NonStopPacket(r.flagToEnd());
            case "QThreadEvents":
                return new ThreadEventsPacket(r.flagToEnd());
            case "QStartupWithShell":
                return new StartupWithShellPacket(r.flagToEnd());
            case "QDisableRandomization":
                return new DisableRandomizationPacket(r.flagToEnd());
            case "QPassSignals":
                return new PassSignalsPacket(numberList(r, 0xff));
            case "QProgramSignals":
                return new ProgramSignalsPacket(numberList(r, 0xff));
            case "QCatchSyscalls": {
                int c = r.peek();
                r.pos++;
                if (c == '0') {
                    r.expectEnd();
                    return new CatchSyscallsPacket(false, List.of());
                }
                if (c != '1') {
                    throw PacketReader.fail("QCatchSyscalls: expected 0 or 1");
                }
                List<Integer> numbers = List.of();
                if (r.consume(';')) {
                    if (r.atEnd()) {
                        throw PacketReader.fail("QCatchSyscalls: empty syscall list after ';'");
                    }
                    numbers = numberList(r, Integer.MAX_VALUE);
                }
                r.expectEnd();
                return new CatchSyscallsPacket(true, numbers);
            }
            case "QEnvironmentHexEncoded": {
                String var = r.hexStringTo(r.end);
                int eq = var.indexOf('=');
                if (eq <= 0) {
                    throw PacketReader.fail("QEnvironmentHexEncoded: expected NAME=VALUE");
                }
                return new EnvironmentSetPacket(var.substring(0, eq), var.substring(eq + 1));
            }
            case "QEnvironmentUnset": {
                String var = r.hexStringTo(r.end);
                if (var.isEmpty()) {
                    throw PacketReader.fail("QEnvironmentUnset: empty name");
                }
                return new EnvironmentUnsetPacket(var);
            }
            case "QSetWorkingDir":
                return new SetWorkingDirPacket(r.hexStringTo(r.end));
            default:
                return null;
        }
    }

    /** {@code n;n;...} hex numbers to the end of the packet; empty allowed. */
    static List<Integer> numberList(PacketReader r, int max) {
        List<Integer> list = new ArrayList<>();
        if (r.atEnd()) {
            return list;
        }
        // gdb ends these lists with a ';' (remote.c writes "sig;" for each signal).
        do {
            if (r.atEnd()) {
                break;
            }
            list.add(r.hexInt(max));
        } while (r.consume(';'));
        r.expectEnd();
        return list;
    }
}
