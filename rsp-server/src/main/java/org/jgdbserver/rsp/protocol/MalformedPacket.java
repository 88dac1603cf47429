package org.jgdbserver.rsp.protocol;

/**
 * A known packet whose arguments could not be parsed. The session answers with an error reply
 * ({@link Replies#E01}), as gdbserver does.
 *
 * @param why what was wrong, for logs
 */
public record MalformedPacket(String why) implements RspRequest {
}
