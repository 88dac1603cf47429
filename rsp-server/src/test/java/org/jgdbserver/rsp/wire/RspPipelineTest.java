package org.jgdbserver.rsp.wire;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.jgdbserver.rsp.wire.WireTestSupport.*;
import static org.junit.jupiter.api.Assertions.*;

class RspPipelineTest {

    /** A toy session: answers qSupported, switches to no-ack on QStartNoAckMode, echoes others. */
    private static final class ToySession extends ChannelInboundHandlerAdapter {
        private final RspAckHandler acks;
        int interrupts;

        ToySession(RspAckHandler acks) {
            this.acks = acks;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg == RspInterrupt.INSTANCE) {
                interrupts++;
            } else if (msg instanceof RspPacket p) {
                switch (p.text()) {
                    case "QStartNoAckMode":
                        ctx.writeAndFlush(RspReply.OK);
                        acks.enterNoAckMode();
                        break;
                    case "qSupported":
                        ctx.writeAndFlush(RspReply.of("PacketSize=4000;QStartNoAckMode+"));
                        break;
                    default:
                        ctx.writeAndFlush(RspReply.of("0".repeat(32)));
                        break;
                }
            }
        }
    }

    @Test
    void gdbStyleConversation() {
        EmbeddedChannel ch = new EmbeddedChannel();
        RspAckHandler acks = RspPipeline.addFraming(ch.pipeline());
        ToySession session = new ToySession(acks);
        ch.pipeline().addLast(session);
        assertEquals(List.of(RspPipeline.DECODER, RspPipeline.ENCODER, RspPipeline.ACKS),
                ch.pipeline().names().subList(0, 3));

        writeBytewise(ch, "+" + frame("qSupported"));
        assertEquals("+" + frame("PacketSize=4000;QStartNoAckMode+"), outbound(ch));
        writeBytewise(ch, "+" + frame("QStartNoAckMode"));
        assertEquals("+$OK#9a", outbound(ch));
        writeBytewise(ch, "+" + frame("g") + "\u0003");
        assertEquals(frame("0*<"), outbound(ch)); // 32 zeros: '0' and 31 repeats
        assertEquals(1, session.interrupts);
        assertEquals(List.of(), inbound(ch));
        assertFalse(ch.finish());
    }
}
