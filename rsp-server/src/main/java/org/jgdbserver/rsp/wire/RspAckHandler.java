package org.jgdbserver.rsp.wire;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;

/**
 * The acknowledgement half of the protocol (GDB manual, "Remote Protocol &gt; Overview" and the
 * {@code QStartNoAckMode} entry of "General Query Packets").
 *
 * <p>In acknowledgement mode (the start of every connection):
 * <ul>
 *   <li>each good {@link RspPacket} is answered with {@code +} at once, before it is passed on;</li>
 *   <li>each {@link RspBadChecksum} is answered with {@code -} (GDB retransmits) and passed on
 *       for logging; the session must not act on it;</li>
 *   <li>{@link RspFrameError}s are answered with {@code -} when
 *       {@link RspFrameError.Kind#nakInAckMode()}, with {@code +} when they are
 *       {@link RspFrameError.Kind#TOO_LONG}, and passed on;</li>
 *   <li>the last {@link RspReply} written is kept until GDB answers {@code +}; a {@code -} makes
 *       this handler write it again.</li>
 * </ul>
 * In no-ack mode nothing is acknowledged, nothing is kept, and a packet with a bad checksum is
 * accepted anyway and passed on as an {@link RspPacket}, as gdbserver does (TCP has already
 * checked it). Incoming {@link RspAck}s are consumed here in both modes.
 *
 * <p>Switching: the session answers {@code QStartNoAckMode} with {@code OK} (that reply is still
 * sent, and acknowledged by GDB, in acknowledgement mode), then calls {@link #enterNoAckMode()}
 * or fires {@link #ENTER_NO_ACK_MODE} with {@code channel.pipeline().fireUserEventTriggered(..)}.
 * There is no way back; a new connection gets a new handler.
 *
 * <p>Place it after {@link RspFrameDecoder} and {@link RspReplyEncoder}, before the session.
 * Not {@code @Sharable}.
 */
public final class RspAckHandler extends ChannelDuplexHandler {

    /** User event that switches this handler to no-ack mode; consumed by the handler. */
    public static final Object ENTER_NO_ACK_MODE = new Object() {
        @Override
        public String toString() {
            return "RspAckHandler.ENTER_NO_ACK_MODE";
        }
    };

    private volatile boolean ackMode = true;
    private RspReply unacknowledged;
    /** The body of the last packet passed on, and whether GDB has sent a {@code +} since. */
    private byte[] lastBody;
    private boolean plusSinceLastPacket;
    private ChannelHandlerContext ctx;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    /** Whether {@code +}/{@code -} are still exchanged. */
    public boolean isAckMode() {
        return ackMode;
    }

    /**
     * Stops acknowledging from now on. Call it after the {@code OK} reply to
     * {@code QStartNoAckMode} has been written. Safe from any thread: off the event loop the switch
     * is queued behind writes already made from that thread.
     */
    public void enterNoAckMode() {
        ChannelHandlerContext c = ctx;
        if (c != null && !c.executor().inEventLoop()) {
            c.executor().execute(this::switchMode);
        } else {
            switchMode();
        }
    }

    private void switchMode() {
        ackMode = false;
        unacknowledged = null;
        lastBody = null;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (msg instanceof RspPacket packet) {
            if (ackMode) {
                ctx.writeAndFlush(RspAck.PLUS, ctx.voidPromise());
                // GDB acknowledges our reply before it sends its next packet. The same packet
                // again with no '+' in between was sent before GDB saw our reply: a
                // retransmission, because our '+' came late (a cold start: GDB's first
                // qSupported twice). Answering it again would put every later reply one behind.
                if (!plusSinceLastPacket && java.util.Arrays.equals(packet.body(), lastBody)) {
                    return;
                }
                lastBody = packet.body().clone();
                plusSinceLastPacket = false;
            }
            ctx.fireChannelRead(msg);
        } else if (msg instanceof RspAck ack) {
            if (ackMode) {
                if (ack == RspAck.PLUS) {
                    unacknowledged = null;
                    plusSinceLastPacket = true;
                } else if (unacknowledged != null) {
                    ctx.writeAndFlush(unacknowledged, ctx.voidPromise());
                }
            }
        } else if (msg instanceof RspBadChecksum bad) {
            if (ackMode) {
                ctx.writeAndFlush(RspAck.MINUS, ctx.voidPromise());
                ctx.fireChannelRead(msg);
            } else {
                ctx.fireChannelRead(new RspPacket(bad.body()));
            }
        } else if (msg instanceof RspFrameError error) {
            if (ackMode) {
                if (error.kind().nakInAckMode()) {
                    ctx.writeAndFlush(RspAck.MINUS, ctx.voidPromise());
                } else if (error.kind() == RspFrameError.Kind.TOO_LONG) {
                    ctx.writeAndFlush(RspAck.PLUS, ctx.voidPromise());
                }
            }
            ctx.fireChannelRead(msg);
        } else {
            ctx.fireChannelRead(msg);
        }
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (ackMode && msg instanceof RspReply reply) {
            unacknowledged = reply;
        }
        ctx.write(msg, promise);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt == ENTER_NO_ACK_MODE) {
            switchMode();
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }
}
