package org.jgdbserver.regsets;

/**
 * How a register's gdb bytes relate to the bytes of its kernel slot. All data is little-endian,
 * as on both x86 and aarch64 Linux, and as gdb expects in {@code g} packets for these targets.
 */
public enum Encoding {
    /**
     * Copy the low {@code min(slot size, register size)} bytes. Reading a narrower slot
     * zero-extends (the 16-bit FXSAVE fctrl/fstat/fiseg/foseg become gdb's 32-bit registers);
     * writing into a wider slot zero-extends (gdb's 32-bit eflags and cs into 8-byte
     * user_regs_struct fields).
     */
    RAW,
    /**
     * Like {@link #RAW} but writes sign-extend into the wider slot. Used for eax/orig_eax of an
     * i386 task whose general registers travel in the 64-bit user_regs_struct: the kernel's
     * syscall-restart logic tests orig_ax/ax as signed 64-bit values, so -1 must stay -1
     * (gdb's amd64-linux-nat.c and gdbserver's linux-x86-low.cc do the same for eax).
     */
    SIGN_EXTEND,
    /**
     * The x87 tag word. FXSAVE/XSAVE store the abridged form (one byte, bit i = physical register
     * i not empty); gdb's {@code ftag} is the full 16-bit form (two bits per register: 0 valid,
     * 1 zero, 2 special, 3 empty), derived from the register contents (Intel SDM vol. 1,
     * 8.1.7 and 10.5.1.1). See {@link X87Tags}.
     */
    X87_FTAG,
    /**
     * The 11-bit x87 last-instruction opcode, kept in a 16-bit FXSAVE field. Reads mask to
     * 11 bits; writes keep the field's upper 5 bits, as gdbserver's i387 code does.
     */
    X87_FOP
}
