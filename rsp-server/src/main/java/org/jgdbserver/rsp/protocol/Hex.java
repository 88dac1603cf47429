package org.jgdbserver.rsp.protocol;

import java.nio.charset.StandardCharsets;

/**
 * Hexadecimal helpers for packet bodies and replies (GDB manual, "Remote Protocol &gt; Overview":
 * binary data is sent as pairs of hex digits, most significant nibble first; GDB sends lower case
 * and accepts either). Table-driven, allocation-light, no regex and no {@code String.format}:
 * {@code m} and {@code g} replies go through here thousands of times a second.
 */
public final class Hex {

    private static final byte[] DIGITS = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    /** For byte b: PAIRS[2b], PAIRS[2b+1] are its two hex digits. */
    private static final byte[] PAIRS = new byte[512];
    /** For byte b: the sum of its two hex digit characters. */
    private static final int[] PAIR_SUMS = new int[256];
    /** Digit value by character, or -1. */
    private static final byte[] VALUES = new byte[256];

    static {
        for (int i = 0; i < 256; i++) {
            PAIRS[2 * i] = DIGITS[i >> 4];
            PAIRS[2 * i + 1] = DIGITS[i & 15];
            PAIR_SUMS[i] = DIGITS[i >> 4] + DIGITS[i & 15];
            VALUES[i] = -1;
        }
        for (int i = 0; i < 10; i++) {
            VALUES['0' + i] = (byte) i;
        }
        for (int i = 0; i < 6; i++) {
            VALUES['a' + i] = (byte) (10 + i);
            VALUES['A' + i] = (byte) (10 + i);
        }
    }

    private Hex() {
    }

    /** The value of hex digit {@code c}, or -1 if it is not one. */
    public static int digit(int c) {
        return c >= 0 && c < 256 ? VALUES[c] : -1;
    }

    /** The lower-case digit for a nibble 0..15. */
    public static char nibble(int v) {
        return (char) DIGITS[v & 15];
    }

    /**
     * Decodes {@code hexLen} hex digits of {@code src} from {@code off} into {@code dst} from
     * {@code dstOff}. Returns the number of bytes written, or -1 on an odd length or a non-hex
     * digit (then {@code dst} may be partly written).
     */
    public static int decodeInto(byte[] src, int off, int hexLen, byte[] dst, int dstOff) {
        if ((hexLen & 1) != 0) {
            return -1;
        }
        int bad = 0;
        int j = dstOff;
        for (int i = off, end = off + hexLen; i < end; i += 2) {
            int hi = VALUES[src[i] & 0xff];
            int lo = VALUES[src[i + 1] & 0xff];
            bad |= hi | lo;
            dst[j++] = (byte) (hi << 4 | lo);
        }
        return bad < 0 ? -1 : hexLen / 2;
    }

    /** Decodes a whole array of hex digits; throws IllegalArgumentException if it is not hex. */
    public static byte[] decode(byte[] hex) {
        byte[] out = new byte[hex.length / 2];
        if (decodeInto(hex, 0, hex.length, out, 0) < 0) {
            throw new IllegalArgumentException("not a hex string");
        }
        return out;
    }

    /** Decodes a hex string; throws IllegalArgumentException if it is not hex. */
    public static byte[] decode(CharSequence hex) {
        int n = hex.length();
        if ((n & 1) != 0) {
            throw new IllegalArgumentException("odd number of hex digits");
        }
        byte[] out = new byte[n / 2];
        for (int i = 0; i < n; i += 2) {
            int hi = hex.charAt(i) < 256 ? VALUES[hex.charAt(i)] : -1;
            int lo = hex.charAt(i + 1) < 256 ? VALUES[hex.charAt(i + 1)] : -1;
            if ((hi | lo) < 0) {
                throw new IllegalArgumentException("not a hex string");
            }
            out[i / 2] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    /**
     * Writes {@code len} bytes of {@code src} from {@code off} as {@code 2 * len} lower-case hex
     * digits into {@code dst} from {@code dstOff}. Returns the position after the last digit.
     */
    public static int encodeInto(byte[] src, int off, int len, byte[] dst, int dstOff) {
        int j = dstOff;
        for (int i = off, end = off + len; i < end; i++) {
            int p = (src[i] & 0xff) << 1;
            dst[j] = PAIRS[p];
            dst[j + 1] = PAIRS[p + 1];
            j += 2;
        }
        return j;
    }

    /**
     * As {@link #encodeInto}, and in the same pass the packet checksum of the digits written
     * (their sum mod 256), or -1 when two neighbouring bytes are equal: then the digits have
     * runs that run-length encoding should shorten (zero-filled memory). Without such runs the
     * frame is the digits as they are: no hex digit needs an escape.
     */
    public static int encodeIntoWithChecksum(byte[] src, int off, int len, byte[] dst, int dstOff) {
        final byte[] pairs = PAIRS;
        final int[] sums = PAIR_SUMS;
        int j = dstOff;
        int sum = 0;
        int previous = -1;
        boolean repeats = false;
        for (int i = off, end = off + len; i < end; i++) {
            int b = src[i] & 0xff;
            dst[j] = pairs[b << 1];
            dst[j + 1] = pairs[(b << 1) + 1];
            j += 2;
            sum += sums[b];
            repeats |= b == previous;
            previous = b;
        }
        return repeats ? -1 : sum & 0xff;
    }

    /** {@code len} bytes of {@code src} as a new array of hex digit characters. */
    public static byte[] encode(byte[] src, int off, int len) {
        byte[] out = new byte[2 * len];
        encodeInto(src, off, len, out, 0);
        return out;
    }

    /** All of {@code src} as a new array of hex digit characters. */
    public static byte[] encode(byte[] src) {
        return encode(src, 0, src.length);
    }

    /** All of {@code src} as a hex string. */
    public static String toHexString(byte[] src) {
        return new String(encode(src), StandardCharsets.ISO_8859_1);
    }

    /** The UTF-8 bytes of {@code text}, hex-encoded (for qRcmd output, vRun arguments, ...). */
    public static String encodeString(String text) {
        return toHexString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Appends {@code len} bytes of {@code src} as hex digits. */
    public static StringBuilder appendBytes(StringBuilder sb, byte[] src, int off, int len) {
        sb.ensureCapacity(sb.length() + 2 * len);
        for (int i = off, end = off + len; i < end; i++) {
            int p = (src[i] & 0xff) << 1;
            sb.append((char) PAIRS[p]).append((char) PAIRS[p + 1]);
        }
        return sb;
    }

    /** Appends {@code v} as an unsigned hex number without leading zeros ({@code 0} for zero). */
    public static StringBuilder appendNumber(StringBuilder sb, long v) {
        if (v == 0) {
            return sb.append('0');
        }
        int shift = (63 - Long.numberOfLeadingZeros(v)) & ~3;
        for (; shift >= 0; shift -= 4) {
            sb.append((char) DIGITS[(int) (v >>> shift) & 15]);
        }
        return sb;
    }

    /** Appends the low byte of {@code v} as exactly two hex digits. */
    public static StringBuilder appendByte(StringBuilder sb, int v) {
        int p = (v & 0xff) << 1;
        return sb.append((char) PAIRS[p]).append((char) PAIRS[p + 1]);
    }

    /** {@code v} as an unsigned hex number without leading zeros. */
    public static String number(long v) {
        return appendNumber(new StringBuilder(16), v).toString();
    }

    /**
     * Parses an unsigned hex number of up to 64 bits (leading zeros allowed).
     *
     * @throws NumberFormatException if the text is empty, not hex or too large
     */
    public static long parseUnsigned(CharSequence s) {
        int n = s.length();
        if (n == 0) {
            throw new NumberFormatException("empty hex number");
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            int d = c < 256 ? VALUES[c] : -1;
            if (d < 0) {
                throw new NumberFormatException("not hex: " + s);
            }
            if ((v >>> 60) != 0) {
                throw new NumberFormatException("hex number exceeds 64 bits: " + s);
            }
            v = v << 4 | d;
        }
        return v;
    }
}
