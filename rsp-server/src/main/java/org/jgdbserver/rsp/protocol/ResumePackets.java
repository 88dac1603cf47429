package org.jgdbserver.rsp.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Resumption packets (GDB manual, "Remote Protocol &gt; Packets": {@code c}, {@code C}, {@code s},
 * {@code S}, {@code vCont?}, {@code vCont}). Signal numbers are GDB's own numbering
 * ({@link GdbSignals}), not the host's.
 */
public final class ResumePackets {

    private ResumePackets() {
    }

    /**
     * {@code c [addr]}: continue the current {@code Hc} thread, optionally from {@code addr}.
     * Reply: a stop reply when the inferior stops.
     *
     * @param address resume address, if given
     */
    public record ContinuePacket(OptionalLong address) implements RspRequest {
    }

    /**
     * {@code C sig[;addr]}: continue delivering GDB signal {@code sig}.
     *
     * @param signal  GDB signal number
     * @param address resume address, if given
     */
    public record ContinueWithSignalPacket(int signal, OptionalLong address) implements RspRequest {
    }

    /**
     * {@code s [addr]}: single-step the current {@code Hc} thread.
     *
     * @param address resume address, if given
     */
    public record StepPacket(OptionalLong address) implements RspRequest {
    }

    /**
     * {@code S sig[;addr]}: single-step delivering GDB signal {@code sig}.
     *
     * @param signal  GDB signal number
     * @param address resume address, if given
     */
    public record StepWithSignalPacket(int signal, OptionalLong address) implements RspRequest {
    }

    /**
     * {@code vCont?}: which vCont actions are supported. Reply e.g. {@code vCont;c;C;s;S;t;r}.
     */
    public record VContQueryPacket() implements RspRequest {
    }

    /**
     * {@code vCont[;action[:thread-id]]...}: resume threads, each with the first action whose
     * thread-id matches it (an action without thread-id matches every thread).
     *
     * @param actions the actions in packet order, never empty
     */
    public record VContPacket(List<VContAction> actions) implements RspRequest {
        public VContPacket {
            actions = List.copyOf(actions);
        }
    }

    /** The kind of a {@code vCont} action. */
    public enum VContKind {
        /** {@code c}. */
        CONTINUE,
        /** {@code C sig}. */
        CONTINUE_WITH_SIGNAL,
        /** {@code s}. */
        STEP,
        /** {@code S sig}. */
        STEP_WITH_SIGNAL,
        /** {@code t}: stop (non-stop mode). */
        STOP,
        /** {@code r start,end}: step while the pc is in [start, end). */
        RANGE_STEP
    }

    /**
     * One {@code vCont} action.
     *
     * @param kind       what to do
     * @param signal     GDB signal number for {@code C}/{@code S}, else 0
     * @param rangeStart for {@code r}: first address of the range, else 0
     * @param rangeEnd   for {@code r}: address just past the range, else 0
     * @param thread     the thread-id after {@code :}, or null when the action applies to all
     */
    public record VContAction(VContKind kind, int signal, long rangeStart, long rangeEnd, ThreadId thread) {

        /** An action without signal or range. */
        public static VContAction of(VContKind kind, ThreadId thread) {
            return new VContAction(kind, 0, 0, 0, thread);
        }

        /**
         * Whether this action may concern a thread of process {@code pid}: without a pid in the
         * thread id (no multiprocess extensions) any action may.
         */
        public boolean appliesToProcess(long pid) {
            if (thread == null || thread.isAll() || !thread.hasPid()) {
                return true;
            }
            return thread.pid() == ThreadId.ALL || thread.pid() == pid;
        }

        /** Whether this action applies to the given thread ({@code pid} may be {@link ThreadId#NO_PID}). */
        public boolean appliesTo(long pid, long tid) {
            if (thread == null || thread.isAll()) {
                return true;
            }
            if (thread.hasPid() && thread.pid() != ThreadId.ALL && thread.pid() != pid) {
                return false;
            }
            return thread.tid() == ThreadId.ALL || thread.tid() == tid;
        }
    }

    private static final VContQueryPacket VCONT_QUERY = new VContQueryPacket();

    /** Parses {@code c}, {@code C}, {@code s}, {@code S}; the cursor is after the letter. */
    static RspRequest parse(byte letter, PacketReader r) {
        switch (letter) {
            case 'c':
                return new ContinuePacket(optionalAddress(r));
            case 's':
                return new StepPacket(optionalAddress(r));
            case 'C': {
                int sig = r.hexInt(0xff);
                OptionalLong addr = r.consume(';') ? OptionalLong.of(r.hex()) : OptionalLong.empty();
                r.expectEnd();
                return new ContinueWithSignalPacket(sig, addr);
            }
            case 'S': {
                int sig = r.hexInt(0xff);
                OptionalLong addr = r.consume(';') ? OptionalLong.of(r.hex()) : OptionalLong.empty();
                r.expectEnd();
                return new StepWithSignalPacket(sig, addr);
            }
            default:
                throw new AssertionError(letter);
        }
    }

    private static OptionalLong optionalAddress(PacketReader r) {
        if (r.atEnd()) {
            return OptionalLong.empty();
        }
        long a = r.hex();
        r.expectEnd();
        return OptionalLong.of(a);
    }

    /** Parses the rest of {@code vCont...}; the cursor is after {@code vCont}. */
    static RspRequest parseVCont(PacketReader r) {
        if (r.consume('?')) {
            r.expectEnd();
            return VCONT_QUERY;
        }
        if (r.atEnd()) {
            throw PacketReader.fail("vCont without actions");
        }
        List<VContAction> actions = new ArrayList<>(2);
        while (!r.atEnd()) {
            r.expect(';');
            int c = r.peek();
            r.pos++;
            VContKind kind;
            int sig = 0;
            long start = 0;
            long end = 0;
            switch (c) {
                case 'c':
                    kind = VContKind.CONTINUE;
                    break;
                case 's':
                    kind = VContKind.STEP;
                    break;
                case 't':
                    kind = VContKind.STOP;
                    break;
                case 'C':
                    kind = VContKind.CONTINUE_WITH_SIGNAL;
                    sig = r.hexInt(0xff);
                    break;
                case 'S':
                    kind = VContKind.STEP_WITH_SIGNAL;
                    sig = r.hexInt(0xff);
                    break;
                case 'r':
                    kind = VContKind.RANGE_STEP;
                    start = r.hex();
                    r.expect(',');
                    end = r.hex();
                    break;
                default:
                    throw PacketReader.fail("unknown vCont action '" + (char) Math.max(c, 0) + "'");
            }
            ThreadId thread = r.consume(':') ? ThreadId.read(r) : null;
            actions.add(new VContAction(kind, sig, start, end, thread));
        }
        return new VContPacket(actions);
    }
}
