package org.jgdbserver.regsets;

/**
 * Conversion between the abridged x87 tag byte stored by FXSAVE/XSAVE and the full 16-bit tag
 * word gdb's {@code ftag} register shows (Intel SDM vol. 1, 8.1.7 "x87 FPU Tag Word" and 10.5.1.1
 * "x87 State": FXSAVE keeps one bit per physical register, 1 = not empty; the full form has two
 * bits per physical register: 00 valid, 01 zero, 10 special, 11 empty). The full form is derived
 * from the register contents, the way FSTENV would report it (and as gdbserver's i387 code does).
 */
final class X87Tags {
    private X87Tags() {
    }

    static final int VALID = 0;
    static final int ZERO = 1;
    static final int SPECIAL = 2;
    static final int EMPTY = 3;

    /**
     * Classifies one 80-bit extended value (10 bytes at {@code off}, little-endian: 64-bit
     * significand with explicit integer bit 63, then 15-bit exponent and sign).
     */
    static int classify(byte[] buf, int off) {
        long significand = Bytes.getLong(buf, off, 8);
        int exponent = (int) (Bytes.getLong(buf, off + 8, 2) & 0x7fff);
        boolean integerBit = significand < 0;
        if (exponent == 0x7fff) {
            return SPECIAL; // infinity, NaN
        }
        if (exponent == 0) {
            return significand == 0 ? ZERO : SPECIAL; // zero, or denormal/pseudo-denormal
        }
        return integerBit ? VALID : SPECIAL; // normal, or unnormal
    }

    /**
     * The full tag word from the abridged byte.
     *
     * @param abridged bit i set = physical register i is not empty
     * @param fstat    the status word; TOP (bits 11-13) maps physical to stack registers
     * @param buf      the buffer holding st0..st7 (stack order, 16-byte stride)
     * @param stBase   offset of st0 in {@code buf}
     */
    static int fullFromAbridged(int abridged, int fstat, byte[] buf, int stBase) {
        int top = (fstat >> 11) & 7;
        int full = 0;
        for (int phys = 0; phys < 8; phys++) {
            int tag;
            if ((abridged & (1 << phys)) == 0) {
                tag = EMPTY;
            } else {
                int st = (phys - top + 8) & 7; // physical register phys is ST((phys - TOP) mod 8)
                tag = classify(buf, stBase + 16 * st);
            }
            full |= tag << (2 * phys);
        }
        return full;
    }

    /** The abridged byte from a full tag word: bit i set unless tag i is 11 (empty). */
    static int abridgedFromFull(int full) {
        int abridged = 0;
        for (int phys = 0; phys < 8; phys++) {
            if (((full >> (2 * phys)) & 3) != EMPTY) {
                abridged |= 1 << phys;
            }
        }
        return abridged;
    }
}
