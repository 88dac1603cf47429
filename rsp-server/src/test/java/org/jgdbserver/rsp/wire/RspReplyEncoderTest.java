package org.jgdbserver.rsp.wire;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.jgdbserver.rsp.wire.WireTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

class RspReplyEncoderTest {

    private static String encode(RspOutbound msg) {
        EmbeddedChannel ch = new EmbeddedChannel(new RspReplyEncoder());
        assertTrue(ch.writeOutbound(msg));
        String s = outbound(ch);
        assertFalse(ch.finish());
        return s;
    }

    @Test
    void plainReply() {
        assertEquals("$OK#9a", encode(RspReply.OK));
        assertEquals("$#00", encode(RspReply.EMPTY));
        assertEquals("$E01#a6", encode(RspReply.of("E01")));
    }

    @Test
    void acks() {
        assertEquals("+", encode(RspAck.PLUS));
        assertEquals("-", encode(RspAck.MINUS));
    }

    @Test
    void notification() {
        assertEquals(frame("Stop:T05thread:p1.1;").replace('$', '%'),
                encode(RspNotification.stop("T05thread:p1.1;")));
    }

    @Test
    void escapesSpecialCharacters() {
        assertEquals(frame("a}\u0004b}\u0003c}]d}\n"), encode(RspReply.of("a$b#c}d*")));
        assertEquals(frame("}]}]}]}]"), encode(RspReply.of("}}}}")));
    }

    @Test
    void memoryRepliesWithoutRepeatsAreFramedAsTheyAreWithTheirChecksum() {
        Random r = new Random(7);
        for (int len : new int[] {0, 1, 2, 3, 17, 4096, 65536}) {
            byte[] data = new byte[len];
            for (int i = 0; i < len; i++) {
                do {
                    data[i] = (byte) r.nextInt(256);
                } while (i > 0 && data[i] == data[i - 1]);
            }
            RspReply fast = org.jgdbserver.rsp.protocol.Replies.hex(data, 0, len);
            assertTrue(fast.plainChecksum() >= 0, "no neighbours alike: framed as it is");
            // Short runs inside neighbours ("a3 33 3b") are left as they are: RLE is optional.
            assertTrue(frame(fast.text()).equals(encode(fast)), "length " + len + ": plain digits, right checksum");
        }
    }

    @Test
    void memoryRepliesWithRepeatsAreStillRunLengthEncoded() {
        byte[] zeros = new byte[64];
        RspReply reply = org.jgdbserver.rsp.protocol.Replies.hex(zeros, 0, zeros.length);
        assertEquals(-1, reply.plainChecksum());
        assertEquals(frame("0*~0*:"), encode(reply)); // 128 zeros: a 0 and 97 more, a 0 and 29 more
        byte[] mixed = {0x12, 0x34, 0x34, 0x56};
        assertEquals(frame("12343456"), encode(org.jgdbserver.rsp.protocol.Replies.hex(mixed, 0, 4)));
    }

    @Test
    void runLengthEncoding() {
        assertEquals(frame("000"), encode(RspReply.of("000")));
        assertEquals(frame("0* "), encode(RspReply.of("0000")));
        assertEquals(frame("0*!"), encode(RspReply.of("00000")));
        assertEquals(frame("0*\""), encode(RspReply.of("000000")));
        // 7 zeros = 6 repeats would be '#': sent as 5 repeats and one literal
        assertEquals(frame("0*\"0"), encode(RspReply.of("0".repeat(7))));
        // 8 zeros = 7 repeats would be '$'
        assertEquals(frame("0*\"00"), encode(RspReply.of("0".repeat(8))));
        assertEquals(frame("0*%"), encode(RspReply.of("0".repeat(9))));
        assertEquals(frame("0*~"), encode(RspReply.of("0".repeat(98))));
        assertEquals(frame("0*~0"), encode(RspReply.of("0".repeat(99))));
        assertEquals(frame("0*~0* "), encode(RspReply.of("0".repeat(102))));
        assertEquals(frame("ab* c"), encode(RspReply.of("abbbbc")));
    }

    @Test
    void countCharacterIsNeverFramingCharacter() {
        for (int n = 1; n < 1000; n++) {
            String wire = encode(RspReply.of("f".repeat(n)));
            String body = wire.substring(1, wire.length() - 3);
            assertEquals(-1, body.indexOf('#'), "n=" + n);
            assertEquals(-1, body.indexOf('$'), "n=" + n);
            for (char c : body.toCharArray()) {
                assertTrue(c >= ' ' && c <= '~', "n=" + n);
            }
        }
    }

    @Test
    void escapedBytesAreNotRunLengthEncoded() {
        assertEquals(frame("}\u0003}\u0003}\u0003}\u0003}\u0003"), encode(RspReply.of("#####")));
    }

    @Test
    void largeHexReply() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 4832 / 2; i++) {
            sb.append(i % 7 == 0 ? "00" : "a5");
        }
        String wire = encode(RspReply.of(sb));
        assertEquals(List.of(RspPacket.of(sb.toString())), decode(wire));
    }

    @Test
    void roundTripRandomBodies() {
        Random r = new Random(42);
        for (int iter = 0; iter < 500; iter++) {
            int len = r.nextInt(300);
            byte[] b = new byte[len];
            for (int i = 0; i < len; i++) {
                // runs and special characters are what matter
                int pick = r.nextInt(10);
                b[i] = pick < 4 && i > 0 ? b[i - 1]
                        : pick < 6 ? (byte) "$#}*+-\u0003"
                                .charAt(r.nextInt(7)) : (byte) r.nextInt(256);
            }
            String wire = encode(new RspReply(b.clone()));
            assertEquals(List.of(new RspPacket(b)), decode(wire), "iteration " + iter);
        }
    }

    @Test
    void aRepeatedBodyIsFramedAlikeAndAnotherBodyAfreshOnTheSameChannel() {
        byte[] g = new byte[4832];
        byte[] other = new byte[4832];
        for (int i = 0; i < g.length; i++) {
            g[i] = (byte) "0123456789abcdef".charAt((i * 7) % 16);
            other[i] = (byte) "0123456789abcdef".charAt((i * 5) % 16);
        }
        EmbeddedChannel ch = new EmbeddedChannel(new RspReplyEncoder());
        RspReply first = new RspReply(g);
        List<String> wires = new java.util.ArrayList<>();
        for (RspOutbound m : List.of(first, new RspReply(g), RspReply.OK, new RspReply(other), first,
                new RspNotification(g))) {
            assertTrue(ch.writeOutbound(m));
            wires.add(outbound(ch));
        }
        assertFalse(ch.finish());
        assertEquals(encode(first), wires.get(0));
        assertEquals(wires.get(0), wires.get(1));
        assertEquals(wires.get(0), wires.get(4));
        assertEquals("$OK#9a", wires.get(2));
        assertEquals(List.of(new RspPacket(other)), decode(wires.get(3)));
        assertEquals("%" + wires.get(0).substring(1), wires.get(5));
    }

    private static List<Object> decode(String wire) {
        EmbeddedChannel ch = new EmbeddedChannel(new RspFrameDecoder());
        writeBytewise(ch, wire);
        List<Object> out = inbound(ch);
        assertFalse(ch.finish());
        return out;
    }
}
