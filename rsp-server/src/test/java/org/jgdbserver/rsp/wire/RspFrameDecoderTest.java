package org.jgdbserver.rsp.wire;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.function.BiConsumer;

import static org.jgdbserver.rsp.wire.WireTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

class RspFrameDecoderTest {

    /** Runs the input whole and one byte at a time, checks both give the expected messages. */
    private static void check(String input, Object... expected) {
        check(RspFrameDecoder.DEFAULT_MAX_PACKET_LENGTH, input, expected);
    }

    private static void check(int max, String input, Object... expected) {
        List<BiConsumer<EmbeddedChannel, String>> feeders =
                List.of(WireTestSupport::writeWhole, WireTestSupport::writeBytewise);
        for (BiConsumer<EmbeddedChannel, String> feed : feeders) {
            EmbeddedChannel ch = new EmbeddedChannel(new RspFrameDecoder(max));
            feed.accept(ch, input);
            assertEquals(List.of(expected), inbound(ch), "input " + input);
            assertFalse(ch.finish());
        }
    }

    private static RspPacket p(String body) {
        return RspPacket.of(body);
    }

    @Test
    void simplePacket() {
        check("$g#67", p("g"));
        check(frame("qSupported:multiprocess+;swbreak+"), p("qSupported:multiprocess+;swbreak+"));
    }

    @Test
    void emptyPacket() {
        check("$#00", p(""));
    }

    @Test
    void upperCaseChecksumDigits() {
        check("$m0,4#FD".replace("FD", String.format("%02X", ("m0,4".chars().sum()) & 0xff)), p("m0,4"));
    }

    @Test
    void severalPacketsInOneBuffer() {
        check(frame("?") + frame("g") + frame("m1000,4"), p("?"), p("g"), p("m1000,4"));
    }

    @Test
    void acksAndInterrupt() {
        check("+-\u0003", RspAck.PLUS, RspAck.MINUS, RspInterrupt.INSTANCE);
        check("+" + frame("vCont;c") + "\u0003", RspAck.PLUS, p("vCont;c"), RspInterrupt.INSTANCE);
    }

    @Test
    void interruptByteInsideBodyIsData() {
        check(frame("X0,1:\u0003"), p("X0,1:\u0003"));
    }

    @Test
    void garbageBetweenPacketsIsSkipped() {
        check("xyz\r\n" + frame("g") + "\u0000\u00ff junk" + frame("?") + "#12", p("g"), p("?"));
    }

    @Test
    void escapes() {
        // } followed by byte ^ 0x20: }] = '}', }\u0003 = '#', }\u0004 = '$', }\n = '*'
        check(frame("X0,4:}]}\u0003}\u0004}\n"), p("X0,4:}#$*"));
    }

    @Test
    void escapedHighByte() {
        check(frame("X0,1:}\u00df"), p("X0,1:\u00ff"));
    }

    @Test
    void runLengthEncoding() {
        check(frame("0* "), p("0000"));
        check(frame("a*!b"), p("aaaaab"));
        check(frame("0*~"), p("0".repeat(98)));
        check(frame("x*\u001d"), p("x")); // zero extra copies is allowed
        check(frame("ab*\"*\""), p("a" + "b".repeat(11)));
    }

    @Test
    void runLengthAfterEscapeRepeatsTheRawByte() {
        // }] is an escaped '}'; the following *  repeats the raw ']' three times, as GDB does.
        check(frame("}]* "), p("}]]]"));
    }

    @Test
    void runLengthCountMayLookLikeEscapeOrStar() {
        check(frame("a*}"), p("a".repeat(97)));
        check(frame("a**"), p("a".repeat(14)));
    }

    @Test
    void badRunLength() {
        check(frame("* x") + frame("g"),
                new RspFrameError(RspFrameError.Kind.BAD_RUN_LENGTH,
                        "bad run-length encoding in packet of 3 raw bytes"), p("g"));
        List<Object> out = decodeWhole(frame("a*\u0010"));
        assertEquals(RspFrameError.Kind.BAD_RUN_LENGTH, ((RspFrameError) out.get(0)).kind());
        out = decodeWhole(frame("a*"));
        assertEquals(RspFrameError.Kind.BAD_RUN_LENGTH, ((RspFrameError) out.get(0)).kind());
    }

    @Test
    void danglingEscape() {
        List<Object> out = decodeWhole(frame("ab}") + frame("c"));
        assertEquals(RspFrameError.Kind.BAD_ESCAPE, ((RspFrameError) out.get(0)).kind());
        assertEquals(p("c"), out.get(1));
    }

    @Test
    void badChecksum() {
        check("$g#00", new RspBadChecksum(bytes("g"), 0, 0x67));
        check("$g#zz", new RspBadChecksum(bytes("g"), -1, 0x67));
        check("$g#00" + "$g#67", new RspBadChecksum(bytes("g"), 0, 0x67), p("g"));
    }

    @Test
    void dollarInsideBodyRestarts() {
        List<Object> out = decodeWhole("$abc" + frame("g"));
        assertEquals(2, out.size());
        assertEquals(RspFrameError.Kind.RESTARTED, ((RspFrameError) out.get(0)).kind());
        assertEquals(p("g"), out.get(1));
    }

    @Test
    void tooLongPacketIsSkipped() {
        String big = "M0,20:" + "00".repeat(0x20);
        List<Object> out = decodeWhole(16, frame(big) + frame("g"));
        assertEquals(2, out.size());
        assertEquals(RspFrameError.Kind.TOO_LONG, ((RspFrameError) out.get(0)).kind());
        assertEquals(p("g"), out.get(1));
        // via run-length expansion too: 5 bytes expanding to 100
        out = decodeWhole(16, frame("0*~0*~") + frame("?"));
        assertEquals(RspFrameError.Kind.TOO_LONG, ((RspFrameError) out.get(0)).kind());
        assertEquals(p("?"), out.get(1));
        // exactly at the limit is fine
        check(4, frame("0* "), p("0000"));
    }

    @Test
    void hugePacketDoesNotAllocateBeyondLimit() {
        EmbeddedChannel ch = new EmbeddedChannel(new RspFrameDecoder(1024));
        writeWhole(ch, "$");
        for (int i = 0; i < 64; i++) {
            writeWhole(ch, "0".repeat(64 * 1024));
        }
        writeWhole(ch, "#00");
        List<Object> out = inbound(ch);
        assertEquals(1, out.size());
        assertEquals(RspFrameError.Kind.TOO_LONG, ((RspFrameError) out.get(0)).kind());
        assertFalse(ch.finish());
    }

    @Test
    void splitAcrossReadsAtEveryPosition() {
        String input = "+" + frame("X10,3:}]* ") + "\u0003" + frame("vCont;c:p1.-1") + "-";
        List<Object> expected = decodeWhole(input);
        assertEquals(5, expected.size());
        for (int cut = 1; cut < input.length(); cut++) {
            EmbeddedChannel ch = new EmbeddedChannel(new RspFrameDecoder());
            writeWhole(ch, input.substring(0, cut));
            writeWhole(ch, input.substring(cut));
            assertEquals(expected, inbound(ch), "cut at " + cut);
            assertFalse(ch.finish());
        }
    }

    @Test
    void partialPacketAtCloseIsDropped() {
        EmbeddedChannel ch = new EmbeddedChannel(new RspFrameDecoder());
        writeWhole(ch, "$m10,");
        assertFalse(ch.finish());
    }

    @Test
    void constructorRejectsBadLimit() {
        assertThrows(IllegalArgumentException.class, () -> new RspFrameDecoder(0));
    }

    private static List<Object> decodeWhole(String input) {
        return decodeWhole(RspFrameDecoder.DEFAULT_MAX_PACKET_LENGTH, input);
    }

    private static List<Object> decodeWhole(int max, String input) {
        EmbeddedChannel ch = new EmbeddedChannel(new RspFrameDecoder(max));
        writeWhole(ch, input);
        List<Object> out = inbound(ch);
        assertFalse(ch.finish());
        return out;
    }
}
