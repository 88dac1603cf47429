package org.jgdbserver.rsp.protocol;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * General queries (GDB manual, "General Query Packets": {@code qSupported}, {@code qXfer},
 * {@code qAttached}, {@code qSymbol}, {@code qRcmd}).
 */
public final class QueryPackets {

    private QueryPackets() {
    }

    /**
     * {@code qSupported[:gdbfeature[;gdbfeature]...]}: feature negotiation. Each feature is
     * {@code name+}, {@code name-}, {@code name?} or {@code name=value}; e.g. GDB 13 sends
     * {@code multiprocess+;swbreak+;hwbreak+;qRelocInsn+;fork-events+;vfork-events+;exec-events+;
     * vContSupported+;QThreadEvents+;no-resumed+;memory-tagging+;xmlRegisters=i386}.
     * Reply {@code PacketSize=...;feature+;...}.
     *
     * @param features name to {@code "+"}, {@code "-"}, {@code "?"} or the value after {@code =},
     *                 in packet order
     */
    public record SupportedPacket(Map<String, String> features) implements RspRequest {
        public SupportedPacket {
            features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
        }

        /** Whether GDB announced {@code name+}. */
        public boolean supports(String name) {
            return "+".equals(features.get(name));
        }

        /** The value of {@code name=value}, or null. */
        public String value(String name) {
            return features.get(name);
        }
    }

    /**
     * {@code qXfer:object:read:annex:offset,length}: read part of a special object (target.xml,
     * auxv, libraries-svr4, threads, exec-file, siginfo, ...). Reply {@code m data} (more follows),
     * {@code l data} (last), {@code E NN}, or empty if the object is unknown; see
     * {@link Replies#xferChunk}.
     *
     * @param object the object name
     * @param annex  the annex (may be empty)
     * @param offset byte offset into the object
     * @param length maximum bytes wanted
     */
    public record XferReadPacket(String object, String annex, long offset, long length) implements RspRequest {
    }

    /**
     * {@code qXfer:object:write:annex:offset:data}: write part of a special object (e.g. siginfo).
     * The data is binary, already unescaped. Reply: the count written in hex, or {@code E NN}.
     *
     * @param object the object name
     * @param annex  the annex (may be empty)
     * @param offset byte offset into the object
     * @param data   the bytes
     */
    public record XferWritePacket(String object, String annex, long offset, byte[] data) implements RspRequest {
        @Override
        public boolean equals(Object o) {
            return o instanceof XferWritePacket p && object.equals(p.object) && annex.equals(p.annex)
                    && offset == p.offset && Arrays.equals(data, p.data);
        }

        @Override
        public int hashCode() {
            return object.hashCode() * 31 + annex.hashCode() * 7 + Long.hashCode(offset);
        }

        @Override
        public String toString() {
            return "XferWritePacket[" + object + ":" + annex + ", offset=" + offset + ", " + data.length + " bytes]";
        }
    }

    /**
     * {@code qAttached[:pid]}: was the process attached to (reply {@code 1}) or created ({@code 0}).
     *
     * @param pid the process, when multiprocess is in use
     */
    public record AttachedQueryPacket(OptionalLong pid) implements RspRequest {
    }

    /**
     * {@code qSymbol::} (GDB offers to look up symbols), {@code qSymbol:value:hexname} (the value
     * of a symbol we asked for) or {@code qSymbol::hexname} (that symbol is unknown). Reply
     * {@code OK} or {@code qSymbol:hexname} to ask for another.
     *
     * @param value the symbol's value, if GDB knew it
     * @param name  the symbol name (UTF-8), or empty for the initial {@code qSymbol::}
     */
    public record SymbolPacket(OptionalLong value, String name) implements RspRequest {
        /** Whether this is the initial {@code qSymbol::} offer. */
        public boolean isOffer() {
            return name.isEmpty() && value.isEmpty();
        }
    }

    /**
     * {@code qRcmd,hex}: a {@code monitor} command. Reply: zero or more {@code O hex} console
     * output packets, then {@code OK}, or {@code E NN}, or empty if unsupported.
     *
     * @param command the command text (UTF-8)
     */
    public record MonitorCommandPacket(String command) implements RspRequest {
    }

    /** Parses {@code qSupported...}; the cursor is after {@code qSupported}. */
    static RspRequest parseSupported(PacketReader r) {
        Map<String, String> features = new LinkedHashMap<>();
        if (r.consume(':')) {
            while (!r.atEnd()) {
                int semi = r.indexOf(';');
                int stop = semi < 0 ? r.end : semi;
                String item = r.textTo(stop);
                if (semi >= 0) {
                    r.pos++;
                }
                if (item.isEmpty()) {
                    continue;
                }
                int eq = item.indexOf('=');
                if (eq > 0) {
                    features.put(item.substring(0, eq), item.substring(eq + 1));
                } else {
                    char last = item.charAt(item.length() - 1);
                    if ((last == '+' || last == '-' || last == '?') && item.length() > 1) {
                        features.put(item.substring(0, item.length() - 1), String.valueOf(last));
                    } else {
                        throw PacketReader.fail("qSupported: bad feature '" + item + "'");
                    }
                }
            }
        }
        r.expectEnd();
        return new SupportedPacket(features);
    }

    /** Parses {@code qXfer:...}; the cursor is after {@code qXfer:}. Null for unknown operations. */
    static RspRequest parseXfer(PacketReader r) {
        String object = r.textUntil(':');
        String op = r.textUntil(':');
        String annex = r.textUntil(':');
        if (object.isEmpty()) {
            throw PacketReader.fail("qXfer: empty object name");
        }
        switch (op) {
            case "read": {
                long offset = r.hex();
                r.expect(',');
                long length = r.hex();
                r.expectEnd();
                return new XferReadPacket(object, annex, offset, length);
            }
            case "write": {
                long offset = r.hex();
                r.expect(':');
                return new XferWritePacket(object, annex, offset, r.rest());
            }
            default:
                return null;
        }
    }

    /** Parses {@code qAttached...}; the cursor is after {@code qAttached}. */
    static RspRequest parseAttached(PacketReader r) {
        if (r.atEnd()) {
            return new AttachedQueryPacket(OptionalLong.empty());
        }
        r.expect(':');
        long pid = r.hex();
        r.expectEnd();
        return new AttachedQueryPacket(OptionalLong.of(pid));
    }

    /** Parses {@code qSymbol:...}; the cursor is after {@code qSymbol:}. */
    static RspRequest parseSymbol(PacketReader r) {
        OptionalLong value = OptionalLong.empty();
        if (!r.consume(':')) {
            value = OptionalLong.of(r.hex());
            r.expect(':');
        }
        return new SymbolPacket(value, r.hexStringTo(r.end));
    }

    /** Parses {@code qRcmd,...}; the cursor is after {@code qRcmd,}. */
    static RspRequest parseRcmd(PacketReader r) {
        return new MonitorCommandPacket(r.hexStringTo(r.end));
    }
}
