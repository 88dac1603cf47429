package org.jgdbserver.regsets;

/** Little-endian helpers; both supported targets are little-endian. */
final class Bytes {
    private Bytes() {
    }

    /** Reads {@code n} (1..8) bytes at {@code off} as an unsigned little-endian value. */
    static long getLong(byte[] b, int off, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = (v << 8) | (b[off + i] & 0xffL);
        }
        return v;
    }

    /** Writes the low {@code n} (1..8) bytes of {@code v} at {@code off}, little-endian. */
    static void putLong(byte[] b, int off, int n, long v) {
        for (int i = 0; i < n; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }

    /** {@code n} bytes holding {@code v} little-endian; bytes beyond 8 are zero. */
    static byte[] ofLong(long v, int n) {
        byte[] out = new byte[n];
        putLong(out, 0, Math.min(n, 8), v);
        return out;
    }
}
