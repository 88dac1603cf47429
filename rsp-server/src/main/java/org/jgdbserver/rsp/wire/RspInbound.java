package org.jgdbserver.rsp.wire;

/**
 * A message produced by {@link RspFrameDecoder}. None of these is reference-counted.
 */
public sealed interface RspInbound permits RspPacket, RspAck, RspInterrupt, RspBadChecksum, RspFrameError {
}
