package org.jgdbserver.rsp.protocol;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Process-level packets (GDB manual, "Remote Protocol &gt; Packets": {@code !}, {@code D},
 * {@code k}, {@code R}, {@code vAttach}, {@code vKill}, {@code vRun}).
 */
public final class ProcessPackets {

    private ProcessPackets() {
    }

    /** {@code !}: enable extended mode. Reply {@code OK}. */
    public record ExtendedModePacket() implements RspRequest {
    }

    /**
     * {@code D} or {@code D;pid}: detach from the process (with multiprocess, the given one).
     * Reply {@code OK} or {@code E NN}.
     *
     * @param pid the process, if given
     */
    public record DetachPacket(OptionalLong pid) implements RspRequest {
    }

    /** {@code k}: kill the inferior. No reply is required in all-stop; gdbserver replies {@code X09}. */
    public record KillPacket() implements RspRequest {
    }

    /**
     * {@code vKill;pid}: kill one process (extended mode). Reply {@code OK} or {@code E NN}.
     *
     * @param pid the process
     */
    public record VKillPacket(long pid) implements RspRequest {
    }

    /**
     * {@code vAttach;pid}: attach to a running process. Reply: a stop reply, or {@code E NN}.
     *
     * @param pid the process
     */
    public record AttachPacket(long pid) implements RspRequest {
    }

    /**
     * {@code vRun;filename[;argument]...}: start a new program (extended mode); the fields are
     * hex-encoded. An empty filename means "the program last run". Reply: a stop reply, or
     * {@code E NN}.
     *
     * @param program   the program, UTF-8 decoded, possibly empty
     * @param arguments the arguments, UTF-8 decoded
     */
    public record RunPacket(String program, List<String> arguments) implements RspRequest {
        public RunPacket {
            arguments = List.copyOf(arguments);
        }
    }

    /**
     * {@code R XX}: restart the program with the arguments it was last started with (extended
     * mode; gdb sends it for {@code run} when vRun is disabled). The argument is ignored (gdb
     * sends {@code R0}). No reply: gdb asks for the new process with {@code qC}.
     */
    public record RestartPacket() implements RspRequest {
    }

    static final ExtendedModePacket EXTENDED = new ExtendedModePacket();
    static final KillPacket KILL = new KillPacket();
    static final RestartPacket RESTART = new RestartPacket();

    /** Parses {@code D}; the cursor is after the letter. */
    static RspRequest parseDetach(PacketReader r) {
        if (r.atEnd()) {
            return new DetachPacket(OptionalLong.empty());
        }
        r.expect(';');
        long pid = r.hex();
        r.expectEnd();
        return new DetachPacket(OptionalLong.of(pid));
    }

    /** Parses {@code R}; the cursor is after the letter: nothing or hex digits. */
    static RspRequest parseRestart(PacketReader r) {
        if (!r.atEnd()) {
            r.hex();
            r.expectEnd();
        }
        return RESTART;
    }

    /** Parses a {@code ;pid} tail. */
    static long parsePid(PacketReader r) {
        r.expect(';');
        long pid = r.hex();
        r.expectEnd();
        return pid;
    }

    /** Parses {@code vRun...}; the cursor is after {@code vRun}. */
    static RspRequest parseRun(PacketReader r) {
        r.expect(';');
        List<String> fields = new ArrayList<>(4);
        for (;;) {
            int semi = r.indexOf(';');
            int stop = semi < 0 ? r.end : semi;
            fields.add(r.hexStringTo(stop));
            if (semi < 0) {
                break;
            }
            r.pos++;
        }
        return new RunPacket(fields.get(0), fields.subList(1, fields.size()));
    }
}
