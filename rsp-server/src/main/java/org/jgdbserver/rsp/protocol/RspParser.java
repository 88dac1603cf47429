package org.jgdbserver.rsp.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Packet body to {@link RspRequest} (GDB manual, "Remote Protocol &gt; Packets").
 *
 * <p>Dispatches on the first character, and for {@code q}, {@code Q} and {@code v} packets on the
 * name (the text up to the first {@code :}, {@code ,}, {@code ;} or {@code ?}), to the family
 * parsers. Thread-safe and stateless.
 */
public final class RspParser {

    private RspParser() {
    }

    /**
     * Parses a packet body, as delivered by {@code RspPacket.body()} (unescaped, RLE expanded).
     * Never throws: returns {@link UnknownPacket} for packets we do not implement and
     * {@link MalformedPacket} for known packets with bad arguments.
     */
    public static RspRequest parse(byte[] body) {
        if (body == null || body.length == 0) {
            return new UnknownPacket("");
        }
        try {
            return dispatch(body);
        } catch (PacketReader.Malformed e) {
            return new MalformedPacket(e.getMessage());
        } catch (RuntimeException e) {
            // A parser bug must not take the connection down; report it as malformed.
            return new MalformedPacket("internal parser error: " + e);
        }
    }

    /** {@link #parse(byte[])} over the ISO-8859-1 bytes of {@code text} (tests and tools). */
    public static RspRequest parse(String text) {
        return parse(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static RspRequest dispatch(byte[] body) {
        byte first = body[0];
        PacketReader r = new PacketReader(body, 1);
        switch (first) {
            case '?':
                return r.atEnd() ? StopPackets.HALT_REASON : unknown(body);
            case '!':
                return r.atEnd() ? ProcessPackets.EXTENDED : unknown(body);
            case 'k':
                return r.atEnd() ? ProcessPackets.KILL : unknown(body);
            case 'g':
            case 'G':
            case 'p':
            case 'P':
                return RegisterPackets.parse(first, r);
            case 'm':
            case 'M':
            case 'x':
            case 'X':
                return MemoryPackets.parse(first, r);
            case 'c':
            case 'C':
            case 's':
            case 'S':
                return ResumePackets.parse(first, r);
            case 'D':
                return ProcessPackets.parseDetach(r);
            case 'R':
                return ProcessPackets.parseRestart(r);
            case 'H':
                return ThreadPackets.parseSetThread(r);
            case 'T':
                return ThreadPackets.parseThreadAlive(r);
            case 'z':
            case 'Z':
                return BreakpointPackets.parse(first, r);
            case 'q':
                return query(body);
            case 'Q':
                return setting(body);
            case 'v':
                return verbose(body);
            default:
                return unknown(body);
        }
    }

    private static RspRequest query(byte[] body) {
        int nameEnd = nameEnd(body);
        String name = new String(body, 0, nameEnd, StandardCharsets.ISO_8859_1);
        PacketReader r = new PacketReader(body, nameEnd);
        switch (name) {
            case "qC":
                return r.atEnd() ? ThreadPackets.CURRENT : unknown(body);
            case "qfThreadInfo":
                return r.atEnd() ? ThreadPackets.INFO_FIRST : unknown(body);
            case "qsThreadInfo":
                return r.atEnd() ? ThreadPackets.INFO_NEXT : unknown(body);
            case "qSupported":
                return QueryPackets.parseSupported(r);
            case "qAttached":
                return QueryPackets.parseAttached(r);
            case "qXfer": {
                r.expect(':');
                RspRequest x = QueryPackets.parseXfer(r);
                return x != null ? x : unknown(body);
            }
            case "qSymbol":
                r.expect(':');
                return QueryPackets.parseSymbol(r);
            case "qRcmd":
                r.expect(',');
                return QueryPackets.parseRcmd(r);
            case "qGetTLSAddr":
                r.expect(':');
                return ThreadPackets.parseTls(r);
            case "qCRC":
                r.expect(':');
                return MemoryPackets.parseCrc(r);
            case "qSearch":
                if (r.consume(":memory:")) {
                    return MemoryPackets.parseSearch(r);
                }
                return unknown(body);
            default:
                return unknown(body);
        }
    }

    private static RspRequest setting(byte[] body) {
        int nameEnd = nameEnd(body);
        String name = new String(body, 0, nameEnd, StandardCharsets.ISO_8859_1);
        PacketReader r = new PacketReader(body, nameEnd);
        boolean colon = r.consume(':');
        RspRequest q = SettingPackets.parse(name, colon, r);
        return q != null ? q : unknown(body);
    }

    private static RspRequest verbose(byte[] body) {
        int nameEnd = nameEnd(body);
        String name = new String(body, 0, nameEnd, StandardCharsets.ISO_8859_1);
        PacketReader r = new PacketReader(body, nameEnd);
        switch (name) {
            case "vCont":
                return ResumePackets.parseVCont(r);
            case "vStopped":
                return r.atEnd() ? StopPackets.STOPPED : unknown(body);
            case "vCtrlC":
                return r.atEnd() ? StopPackets.CTRL_C : unknown(body);
            case "vKill":
                return new ProcessPackets.VKillPacket(ProcessPackets.parsePid(r));
            case "vAttach":
                return new ProcessPackets.AttachPacket(ProcessPackets.parsePid(r));
            case "vRun":
                return ProcessPackets.parseRun(r);
            case "vFile": {
                r.expect(':');
                RspRequest f = FilePackets.parse(r);
                return f != null ? f : unknown(body);
            }
            default:
                // vMustReplyEmpty and everything else we do not know.
                return unknown(body);
        }
    }

    /** End of a q/Q/v packet name: the first ':', ',', ';' or '?' (after the first char). */
    private static int nameEnd(byte[] body) {
        for (int i = 1; i < body.length; i++) {
            byte c = body[i];
            if (c == ':' || c == ',' || c == ';' || c == '?') {
                return i;
            }
        }
        return body.length;
    }

    private static UnknownPacket unknown(byte[] body) {
        int n = body[0] == 'q' || body[0] == 'Q' || body[0] == 'v' ? nameEnd(body) : 1;
        return new UnknownPacket(new String(body, 0, Math.min(n, 64), StandardCharsets.ISO_8859_1));
    }
}
