package org.jgdbserver.rsp.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A reply packet for GDB: the body that {@link RspReplyEncoder} frames as {@code $body#cs}, adding
 * {@code }}-escapes and run-length encoding itself (GDB manual, "Remote Protocol &gt; Overview").
 * The body may be text or binary; callers never escape it themselves.
 *
 * <p>Ownership: the array is handed over on construction. Do not modify it afterwards: in
 * acknowledgement mode {@link RspAckHandler} keeps the last reply and sends it again when GDB
 * answers {@code -}. The record is not reference-counted.
 *
 * @param body the unescaped reply body
 * @param plainChecksum the checksum of {@code body} when it is known to need neither escapes
 *        nor run-length encoding (hex digits without runs): the encoder then sends it as it
 *        is; -1 when unknown
 */
public record RspReply(byte[] body, int plainChecksum) implements RspOutbound {

    /** The empty reply: "I do not know this packet". */
    public static final RspReply EMPTY = new RspReply(new byte[0]);
    /** {@code OK}. */
    public static final RspReply OK = of("OK");

    public RspReply {
        Objects.requireNonNull(body, "body");
    }

    /** A reply the encoder escapes and run-length encodes as needed. */
    public RspReply(byte[] body) {
        this(body, -1);
    }

    /** A reply whose body is {@code text}; each char must be in 0..255 (ISO-8859-1). */
    public static RspReply of(CharSequence text) {
        // String.getBytes copies a Latin-1 string's array as it is; charAt loops are far slower.
        return new RspReply(text.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }

    /** A reply whose body is a copy of {@code len} bytes of {@code src} from {@code off}. */
    public static RspReply copyOf(byte[] src, int off, int len) {
        return new RspReply(Arrays.copyOfRange(src, off, off + len));
    }

    /** The body as ISO-8859-1 text (for logs and tests). */
    public String text() {
        return new String(body, StandardCharsets.ISO_8859_1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RspReply r && Arrays.equals(body, r.body);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "RspReply[" + printable(body, 0, body.length) + "]";
    }

    /** Renders bytes for a log line: printable ASCII as is, others as \xNN, long bodies cut. */
    static String printable(byte[] b, int off, int len) {
        int shown = Math.min(len, 200);
        StringBuilder sb = new StringBuilder(shown + 16);
        for (int i = off; i < off + shown; i++) {
            int c = b[i] & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                sb.append((char) c);
            } else {
                sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            }
        }
        if (shown < len) {
            sb.append("...(").append(len).append(" bytes)");
        }
        return sb.toString();
    }
}
