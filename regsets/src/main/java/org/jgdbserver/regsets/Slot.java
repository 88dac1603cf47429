package org.jgdbserver.regsets;

/**
 * Where the kernel keeps one register: a byte range of one {@link Regset}.
 *
 * @param regset     the kernel register set holding the register
 * @param offset     byte offset within that regset's buffer
 * @param size       bytes the kernel reserves for it (may differ from the gdb register size;
 *                   see {@link Encoding#RAW})
 * @param encoding   how gdb bytes map to slot bytes
 * @param xstateMask for registers inside an XSAVE area: the XSTATE_BV bits of the state
 *                   component(s) that hold it. When {@code (XSTATE_BV & xstateMask) == 0} the
 *                   component is in its init state and the bytes in the buffer mean nothing
 *                   (Intel SDM vol. 1, 13.6 "Processor Tracking of XSAVE-Managed State"); the
 *                   register then reads as {@code initValue}. 0 means not gated.
 * @param initValue  the register's value (gdb form) in the init state: 0 for everything except
 *                   fctrl (0x037f), ftag (0xffff, all empty) and mxcsr (0x1f80)
 */
public record Slot(Regset regset, int offset, int size, Encoding encoding, long xstateMask,
                   long initValue) {

    public Slot {
        if (regset == null || encoding == null) {
            throw new IllegalArgumentException("regset and encoding are required, got "
                    + regset + ", " + encoding);
        }
        if (offset < 0 || size <= 0) {
            throw new IllegalArgumentException("slot offset must be >= 0 and size > 0, got offset "
                    + offset + " size " + size);
        }
    }

    /** An ungated slot copied as is. */
    public static Slot raw(Regset regset, int offset, int size) {
        return new Slot(regset, offset, size, Encoding.RAW, 0, 0);
    }

    /** The first byte after this slot. */
    public int end() {
        return offset + size;
    }

    /** True if the register lives in an XSAVE state component tracked by XSTATE_BV. */
    public boolean gated() {
        return xstateMask != 0;
    }
}
