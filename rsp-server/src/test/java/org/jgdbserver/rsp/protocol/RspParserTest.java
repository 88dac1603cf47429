package org.jgdbserver.rsp.protocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

import static org.jgdbserver.rsp.protocol.ParserAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

class RspParserTest {

    /** A sample of every family, valid. */
    static final List<String> VALID = List.of(
            "?", "!", "k", "g", "G00", "p10", "P10=00", "m0,1", "M0,1:00", "x0,1", "X0,1:a", "c", "C05", "s",
            "S05;10", "vCont?", "vCont;c", "Hg0", "T1", "qC", "qfThreadInfo", "qsThreadInfo",
            "qSupported:multiprocess+", "qXfer:auxv:read::0,10", "qXfer:siginfo:write::0:x", "qAttached",
            "Z0,1,1", "z1,1,1", "D", "D;1", "vKill;1", "vRun;", "vAttach;1", "vStopped", "vCtrlC",
            "QNonStop:1", "QStartNoAckMode", "QPassSignals:5", "QProgramSignals:", "QCatchSyscalls:0",
            "QThreadEvents:1", "QEnvironmentHexEncoded:613d62", "QEnvironmentUnset:61", "QEnvironmentReset",
            "QSetWorkingDir:", "QStartupWithShell:1", "QDisableRandomization:0", "qSymbol::", "qRcmd,",
            "qGetTLSAddr:1,2,3", "qSearch:memory:0;1;a", "qCRC:0,1", "R0", "qXfer:osdata:read::0,fff",
            "vFile:open:61,0,0",
            "vFile:pread:1,2,3", "vFile:pwrite:1,2,", "vFile:close:1", "vFile:fstat:1", "vFile:unlink:61",
            "vFile:readlink:61", "vFile:setfs:0");

    @Test
    void everySampleParsesToATypedRequest() {
        for (String s : VALID) {
            RspRequest r = RspParser.parse(s);
            assertFalse(r instanceof UnknownPacket || r instanceof MalformedPacket, s + " -> " + r);
        }
    }

    @Test
    void unknownPackets() {
        unknown("");
        unknown("vMustReplyEmpty");
        unknown("qTStatus");
        unknown("r");
        unknown("i");
        unknown("\u0000");
        unknown("vContx");
        assertEquals(new UnknownPacket("vMustReplyEmpty"), RspParser.parse("vMustReplyEmpty"));
        assertEquals(new UnknownPacket("qTStatus"), RspParser.parse("qTStatus"));
        assertInstanceOf(UnknownPacket.class, RspParser.parse((byte[]) null));
    }

    @Test
    void truncationsNeverThrow() {
        for (String s : VALID) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            for (int n = 0; n <= b.length; n++) {
                RspRequest r = RspParser.parse(java.util.Arrays.copyOf(b, n));
                assertNotNull(r);
                if (r instanceof MalformedPacket m) {
                    assertFalse(m.why().startsWith("internal"), s + "[" + n + "]: " + m.why());
                }
            }
        }
    }

    @Test
    void randomBytesNeverThrow() {
        Random rnd = new Random(7);
        String alphabet = "0123456789abcdefpP.-,;:=?!+XxMmgGcCsSvqQzZTHDk";
        for (int i = 0; i < 20000; i++) {
            String base = VALID.get(rnd.nextInt(VALID.size()));
            StringBuilder sb = new StringBuilder(base);
            int edits = 1 + rnd.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int pos = rnd.nextInt(sb.length() + 1);
                char c = rnd.nextInt(8) == 0 ? (char) rnd.nextInt(256) : alphabet.charAt(rnd.nextInt(alphabet.length()));
                if (rnd.nextBoolean() && pos < sb.length()) {
                    sb.setCharAt(pos, c);
                } else {
                    sb.insert(pos, c);
                }
            }
            RspRequest r = RspParser.parse(sb.toString());
            assertNotNull(r);
            if (r instanceof MalformedPacket m) {
                assertFalse(m.why().startsWith("internal"), sb + ": " + m.why());
            }
        }
    }
}
