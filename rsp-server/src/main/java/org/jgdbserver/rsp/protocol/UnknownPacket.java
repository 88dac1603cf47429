package org.jgdbserver.rsp.protocol;

/**
 * A packet this server does not implement (GDB manual, "Remote Protocol &gt; Overview": "for any
 * command not supported by the stub, an empty response ({@code $#00}) should be returned").
 * {@code vMustReplyEmpty}, {@code qTStatus}, {@code qOffsets} and the like end up here.
 *
 * @param name the packet's name as far as it could be told (e.g. {@code qTStatus}), for logs
 */
public record UnknownPacket(String name) implements RspRequest {
}
