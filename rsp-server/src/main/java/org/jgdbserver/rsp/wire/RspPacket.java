package org.jgdbserver.rsp.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One packet received from GDB with a good checksum: the body between {@code $} and {@code #},
 * with {@code }}-escapes removed and {@code *} run-length encoding expanded.
 *
 * <p>Ownership: {@link #body()} is a fresh array made for this message; the receiver owns it and
 * may keep or modify it. Nothing here needs releasing.
 *
 * @param body the decoded packet body
 */
public record RspPacket(byte[] body) implements RspInbound {

    public RspPacket {
        Objects.requireNonNull(body, "body");
    }

    /** A packet whose body is the ASCII of {@code text}; handy in tests. */
    public static RspPacket of(String text) {
        return new RspPacket(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** The body as ISO-8859-1 text, one char per byte (for logging). */
    public String text() {
        return new String(body, StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RspPacket p && Arrays.equals(body, p.body);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "RspPacket[" + RspReply.printable(body, 0, body.length) + "]";
    }
}
