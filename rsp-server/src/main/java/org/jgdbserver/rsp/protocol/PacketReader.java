package org.jgdbserver.rsp.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A cursor over a packet body for the family parsers. Failures throw {@link Malformed}, a
 * stackless exception that {@link RspParser} turns into a {@link MalformedPacket}.
 */
final class PacketReader {

    /** Thrown on bad input; caught by {@link RspParser}. No stack trace, cheap to throw. */
    static final class Malformed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Malformed(String why) {
            super(why, null, false, false);
        }
    }

    final byte[] b;
    int pos;
    final int end;

    PacketReader(byte[] body, int start) {
        this.b = body;
        this.pos = start;
        this.end = body.length;
    }

    static Malformed fail(String why) {
        return new Malformed(why);
    }

    boolean atEnd() {
        return pos >= end;
    }

    int remaining() {
        return end - pos;
    }

    /** The next byte (0..255) or -1 at the end. */
    int peek() {
        return pos < end ? b[pos] & 0xff : -1;
    }

    /** Skips {@code c} if it comes next. */
    boolean consume(char c) {
        if (pos < end && b[pos] == (byte) c) {
            pos++;
            return true;
        }
        return false;
    }

    /** Skips {@code text} if it comes next. */
    boolean consume(String text) {
        int n = text.length();
        if (end - pos < n) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (b[pos + i] != (byte) text.charAt(i)) {
                return false;
            }
        }
        pos += n;
        return true;
    }

    void expect(char c) {
        if (!consume(c)) {
            throw fail("expected '" + c + "' at offset " + pos);
        }
    }

    void expectEnd() {
        if (pos != end) {
            throw fail("unexpected data at offset " + pos);
        }
    }

    /** An unsigned hex number of 1 to 16 significant digits (leading zeros allowed). */
    long hex() {
        int start = pos;
        long v = 0;
        int significant = 0;
        while (pos < end) {
            int d = Hex.digit(b[pos]);
            if (d < 0) {
                break;
            }
            if (v != 0 || d != 0) {
                if (++significant > 16) {
                    throw fail("hex number too large at offset " + start);
                }
            }
            v = v << 4 | d;
            pos++;
        }
        if (pos == start) {
            throw fail("expected a hex number at offset " + start);
        }
        return v;
    }

    /** A hex number no larger than {@code max}. */
    int hexInt(int max) {
        int start = pos;
        long v = hex();
        if (v < 0 || v > max) {
            throw fail("number out of range at offset " + start);
        }
        return (int) v;
    }

    /** A hex number, or -1 written as {@code -1}. */
    long hexOrMinusOne() {
        if (consume("-1")) {
            return -1;
        }
        return hex();
    }

    /** Index of the next {@code c} from the cursor, or -1. */
    int indexOf(char c) {
        for (int i = pos; i < end; i++) {
            if (b[i] == (byte) c) {
                return i;
            }
        }
        return -1;
    }

    /** The rest of the body, copied. */
    byte[] rest() {
        byte[] r = Arrays.copyOfRange(b, pos, end);
        pos = end;
        return r;
    }

    /** Hex-decodes bytes up to {@code stop} (exclusive) and moves there. */
    byte[] hexBytesTo(int stop) {
        int n = stop - pos;
        if ((n & 1) != 0) {
            throw fail("odd number of hex digits at offset " + pos);
        }
        byte[] out = new byte[n / 2];
        if (Hex.decodeInto(b, pos, n, out, 0) < 0) {
            throw fail("bad hex digit after offset " + pos);
        }
        pos = stop;
        return out;
    }

    /** Hex-decodes the rest of the body. */
    byte[] hexBytesToEnd() {
        return hexBytesTo(end);
    }

    /** Hex-decodes up to {@code stop} and reads the bytes as UTF-8 text. */
    String hexStringTo(int stop) {
        return new String(hexBytesTo(stop), StandardCharsets.UTF_8);
    }

    /** Plain (not hex) text up to {@code stop}, one char per byte. */
    String textTo(int stop) {
        String s = new String(b, pos, stop - pos, StandardCharsets.ISO_8859_1);
        pos = stop;
        return s;
    }

    /** Plain text up to the next {@code c}, which is consumed; fails if there is none. */
    String textUntil(char c) {
        int i = indexOf(c);
        if (i < 0) {
            throw fail("expected '" + c + "' after offset " + pos);
        }
        String s = textTo(i);
        pos++;
        return s;
    }

    /** A {@code 0}/{@code 1} flag filling the rest of the packet. */
    boolean flagToEnd() {
        if (remaining() == 1) {
            int c = b[pos];
            if (c == '0' || c == '1') {
                pos++;
                return c == '1';
            }
        }
        throw fail("expected 0 or 1 at offset " + pos);
    }
}
