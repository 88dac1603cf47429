package org.jgdbserver.rsp.wire;

import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.jgdbserver.rsp.wire.WireTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

class RspAckHandlerTest {

    private final RspAckHandler ack = new RspAckHandler();
    private final EmbeddedChannel ch =
            new EmbeddedChannel(new RspFrameDecoder(64), new RspReplyEncoder(), ack);

    @Test
    void goodPacketIsAcknowledgedBeforeReply() {
        writeBytewise(ch, frame("?"));
        assertEquals(List.of(RspPacket.of("?")), inbound(ch));
        ch.writeAndFlush(RspReply.of("S05"));
        assertEquals("+" + frame("S05"), outbound(ch));
        writeWhole(ch, "+");
        assertEquals(List.of(), inbound(ch));
        assertFalse(ch.finish());
    }

    @Test
    void retransmissionBeforeOurReplyWasSeenIsAcknowledgedButNotAnsweredTwice() {
        // A slow start: GDB timed out waiting for our '+' and sent qSupported again.
        writeWhole(ch, frame("qSupported:x+") + frame("qSupported:x+"));
        assertEquals(List.of(RspPacket.of("qSupported:x+")), inbound(ch));
        ch.writeAndFlush(RspReply.of("PacketSize=400"));
        assertEquals("++" + frame("PacketSize=400"), outbound(ch));
        // GDB acknowledges the reply; the same packet after that is a new request.
        writeWhole(ch, "+" + frame("qSupported:x+"));
        assertEquals(List.of(RspPacket.of("qSupported:x+")), inbound(ch));
        ch.writeAndFlush(RspReply.of("PacketSize=400"));
        writeWhole(ch, "+" + frame("g"));
        assertEquals(List.of(RspPacket.of("g")), inbound(ch));
        assertEquals("+" + frame("PacketSize=400") + "+", outbound(ch));
        assertFalse(ch.finish());
    }

    @Test
    void badChecksumIsNakedAndRetransmissionAccepted() {
        writeBytewise(ch, "$g#00");
        List<Object> in = inbound(ch);
        assertEquals(1, in.size());
        assertInstanceOf(RspBadChecksum.class, in.get(0));
        assertEquals("-", outbound(ch));
        writeBytewise(ch, "$g#67");
        assertEquals(List.of(RspPacket.of("g")), inbound(ch));
        assertEquals("+", outbound(ch));
        assertFalse(ch.finish());
    }

    @Test
    void nakFromGdbResendsLastReply() {
        writeWhole(ch, frame("m0,1"));
        inbound(ch);
        ch.writeAndFlush(RspReply.of("E01"));
        assertEquals("+" + frame("E01"), outbound(ch));
        writeWhole(ch, "-");
        assertEquals(frame("E01"), outbound(ch));
        writeWhole(ch, "-");
        assertEquals(frame("E01"), outbound(ch));
        writeWhole(ch, "+");
        writeWhole(ch, "-"); // nothing left to resend
        assertEquals("", outbound(ch));
        assertEquals(List.of(), inbound(ch));
        assertFalse(ch.finish());
    }

    @Test
    void notificationsAreNotRetransmitted() {
        ch.writeAndFlush(RspNotification.stop("T05"));
        assertEquals(frame("Stop:T05").replace('$', '%'), outbound(ch));
        writeWhole(ch, "-");
        assertEquals("", outbound(ch));
        assertFalse(ch.finish());
    }

    @Test
    void startNoAckModeHandshake() {
        writeWhole(ch, frame("QStartNoAckMode"));
        assertEquals(List.of(RspPacket.of("QStartNoAckMode")), inbound(ch));
        ch.writeAndFlush(RspReply.OK);
        ack.enterNoAckMode();
        assertFalse(ack.isAckMode());
        assertEquals("+$OK#9a", outbound(ch));
        // GDB still acknowledges the OK; later packets are neither acked nor nak'ed
        writeWhole(ch, "+" + frame("g") + "$g#00");
        assertEquals(List.of(RspPacket.of("g"), RspPacket.of("g")), inbound(ch));
        ch.writeAndFlush(RspReply.of("00"));
        writeWhole(ch, "-");
        assertEquals(frame("00"), outbound(ch));
        assertFalse(ch.finish());
    }

    @Test
    void userEventSwitchesMode() {
        ch.pipeline().fireUserEventTriggered(RspAckHandler.ENTER_NO_ACK_MODE);
        assertFalse(ack.isAckMode());
        writeWhole(ch, frame("?"));
        assertEquals(List.of(RspPacket.of("?")), inbound(ch));
        assertEquals("", outbound(ch));
        assertFalse(ch.finish());
    }

    @Test
    void interruptsPassThrough() {
        writeWhole(ch, "\u0003");
        assertEquals(List.of(RspInterrupt.INSTANCE), inbound(ch));
        assertEquals("", outbound(ch));
        assertFalse(ch.finish());
    }

    @Test
    void frameErrors() {
        writeWhole(ch, frame("M0,40:" + "00".repeat(0x40)));
        List<Object> in = inbound(ch);
        assertEquals(RspFrameError.Kind.TOO_LONG, ((RspFrameError) in.get(0)).kind());
        assertEquals("+", outbound(ch));
        writeWhole(ch, frame("*x"));
        in = inbound(ch);
        assertEquals(RspFrameError.Kind.BAD_RUN_LENGTH, ((RspFrameError) in.get(0)).kind());
        assertEquals("-", outbound(ch));
        writeWhole(ch, "$ab" + frame("c"));
        in = inbound(ch);
        assertEquals(RspFrameError.Kind.RESTARTED, ((RspFrameError) in.get(0)).kind());
        assertEquals(RspPacket.of("c"), in.get(1));
        assertEquals("+", outbound(ch));
        assertFalse(ch.finish());
    }
}
