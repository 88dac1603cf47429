package org.jgdbserver.rsp.protocol;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Breakpoint and watchpoint packets (GDB manual, "Remote Protocol &gt; Packets":
 * {@code Z type,addr,kind[;cond_list...][;cmds:persist,cmd_list...]} and {@code z type,addr,kind}).
 */
public final class BreakpointPackets {

    private BreakpointPackets() {
    }

    /** The {@code type} field of {@code Z}/{@code z}. */
    public enum BreakpointType {
        /** 0: software breakpoint. */
        SOFTWARE,
        /** 1: hardware breakpoint. */
        HARDWARE,
        /** 2: write watchpoint. */
        WRITE_WATCHPOINT,
        /** 3: read watchpoint. */
        READ_WATCHPOINT,
        /** 4: access watchpoint. */
        ACCESS_WATCHPOINT;

        private static final BreakpointType[] VALUES = values();

        /** The type for wire number {@code n}, or null. */
        public static BreakpointType of(int n) {
            return n >= 0 && n < VALUES.length ? VALUES[n] : null;
        }

        /** The wire number. */
        public int wire() {
            return ordinal();
        }

        /** Whether this is one of the watchpoint types. */
        public boolean isWatchpoint() {
            return ordinal() >= 2;
        }
    }

    /**
     * {@code Z type,addr,kind[;X len,bytes...][;cmds:persist,X len,bytes...]}: insert a breakpoint
     * or watchpoint. {@code kind} is the breakpoint size in bytes (x86: 1) or the watched length.
     * Reply {@code OK}, {@code E NN}, or empty if the type is not supported.
     *
     * @param type       what to insert
     * @param address    where
     * @param kind       breakpoint kind / watch length
     * @param conditions agent-expression bytecodes of target-side conditions (may be empty)
     * @param persist    the {@code cmds:} persist flag (false without commands)
     * @param commands   agent-expression bytecodes of target-side commands (may be empty)
     */
    public record InsertBreakpointPacket(BreakpointType type, long address, int kind, List<byte[]> conditions,
                                         boolean persist, List<byte[]> commands) implements RspRequest {
        public InsertBreakpointPacket {
            conditions = List.copyOf(conditions);
            commands = List.copyOf(commands);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof InsertBreakpointPacket p && type == p.type && address == p.address
                    && kind == p.kind && persist == p.persist && sameBytes(conditions, p.conditions)
                    && sameBytes(commands, p.commands);
        }

        @Override
        public int hashCode() {
            return (type.hashCode() * 31 + Long.hashCode(address)) * 31 + kind;
        }

        @Override
        public String toString() {
            return "InsertBreakpointPacket[" + type + ", address=0x" + Long.toHexString(address) + ", kind=" + kind
                    + ", " + conditions.size() + " conditions, " + commands.size() + " commands]";
        }
    }

    /**
     * {@code z type,addr,kind}: remove a breakpoint or watchpoint. Reply {@code OK}, {@code E NN},
     * or empty if the type is not supported.
     *
     * @param type    what to remove
     * @param address where
     * @param kind    breakpoint kind / watch length
     */
    public record RemoveBreakpointPacket(BreakpointType type, long address, int kind) implements RspRequest {
    }

    private static boolean sameBytes(List<byte[]> a, List<byte[]> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!Arrays.equals(a.get(i), b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses {@code Z}/{@code z}; the cursor is after the letter. A type outside 0-4 gives an
     * {@link UnknownPacket} (empty reply: "not supported"), as gdbserver does.
     */
    static RspRequest parse(byte letter, PacketReader r) {
        int typeNumber = r.hexInt(0xff);
        BreakpointType type = BreakpointType.of(typeNumber);
        r.expect(',');
        long address = r.hex();
        r.expect(',');
        int kind = r.hexInt(Integer.MAX_VALUE);
        if (type == null) {
            return new UnknownPacket((char) letter + Integer.toString(typeNumber));
        }
        if (letter == 'z') {
            r.expectEnd();
            return new RemoveBreakpointPacket(type, address, kind);
        }
        List<byte[]> conditions = new ArrayList<>(0);
        List<byte[]> commands = new ArrayList<>(0);
        boolean persist = false;
        while (r.consume(';')) {
            if (r.consume("cmds:")) {
                persist = r.hexInt(1) == 1;
                r.expect(',');
                readExpressions(r, commands);
            } else {
                readExpressions(r, conditions);
            }
        }
        r.expectEnd();
        return new InsertBreakpointPacket(type, address, kind, conditions, persist, commands);
    }

    /** Reads {@code X len,hex} items until something else. */
    private static void readExpressions(PacketReader r, List<byte[]> into) {
        do {
            r.expect('X');
            int len = r.hexInt(0xffff);
            r.expect(',');
            if (r.remaining() < 2 * len) {
                throw PacketReader.fail("agent expression shorter than its length");
            }
            into.add(r.hexBytesTo(r.pos + 2 * len));
        } while (r.peek() == 'X');
    }
}
