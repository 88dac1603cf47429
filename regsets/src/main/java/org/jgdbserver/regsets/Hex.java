package org.jgdbserver.regsets;

/**
 * Hex helpers for register data in RSP packets (gdb manual, "Packets": {@code g} replies and
 * {@code p} replies are the register bytes in target byte order, two lowercase hex digits per
 * byte; {@code xx} marks a byte whose value is unavailable).
 */
public final class Hex {
    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    private Hex() {
    }

    public static String encode(byte[] bytes) {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        appendTo(sb, bytes, 0, bytes.length);
        return sb.toString();
    }

    static void appendTo(StringBuilder sb, byte[] bytes, int off, int len) {
        for (int i = off; i < off + len; i++) {
            sb.append(DIGITS[(bytes[i] >> 4) & 0xf]).append(DIGITS[bytes[i] & 0xf]);
        }
    }

    /** {@code xx} repeated for a register of {@code byteSize} bytes. */
    public static String unavailable(int byteSize) {
        return "xx".repeat(byteSize);
    }

    /** Decodes an even number of hex digits (either case). */
    public static byte[] decode(CharSequence hex) {
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException("hex string has odd length " + hex.length()
                    + ", expected two digits per byte");
        }
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) ((digit(hex, 2 * i) << 4) | digit(hex, 2 * i + 1));
        }
        return out;
    }

    static int digit(CharSequence s, int i) {
        int d = Character.digit(s.charAt(i), 16);
        if (d < 0) {
            throw new IllegalArgumentException("'" + s.charAt(i) + "' at index " + i
                    + " is not a hex digit");
        }
        return d;
    }
}
