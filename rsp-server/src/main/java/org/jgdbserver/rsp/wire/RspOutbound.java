package org.jgdbserver.rsp.wire;

/**
 * A message {@link RspReplyEncoder} knows how to put on the wire. None of these is reference-counted.
 */
public sealed interface RspOutbound permits RspReply, RspNotification, RspAck {
}
