package org.jgdbserver.rsp.wire;

import io.netty.channel.ChannelPipeline;

/**
 * Installs the framing handlers in the order they must have. Use it from the channel initializer,
 * then add the session handler last:
 * <pre>{@code
 * RspAckHandler acks = RspPipeline.addFraming(ch.pipeline());
 * ch.pipeline().addLast("session", new SessionHandler(acks, ...));
 * }</pre>
 */
public final class RspPipeline {

    /** Handler names used by {@link #addFraming}. */
    public static final String DECODER = "rsp-frame-decoder";
    public static final String ENCODER = "rsp-reply-encoder";
    public static final String ACKS = "rsp-ack-handler";

    private RspPipeline() {
    }

    /** Adds decoder, encoder and ack handler at the end of {@code pipeline}; returns the ack handler. */
    public static RspAckHandler addFraming(ChannelPipeline pipeline) {
        return addFraming(pipeline, RspFrameDecoder.DEFAULT_MAX_PACKET_LENGTH);
    }

    /** As {@link #addFraming(ChannelPipeline)}, with a packet body limit. */
    public static RspAckHandler addFraming(ChannelPipeline pipeline, int maxPacketLength) {
        RspAckHandler acks = new RspAckHandler();
        pipeline.addLast(DECODER, new RspFrameDecoder(maxPacketLength));
        pipeline.addLast(ENCODER, new RspReplyEncoder());
        pipeline.addLast(ACKS, acks);
        return acks;
    }
}
