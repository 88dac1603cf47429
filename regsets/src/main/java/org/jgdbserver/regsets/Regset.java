package org.jgdbserver.regsets;

/**
 * A kernel register set, named by its ELF note type, as passed to
 * {@code ptrace(PTRACE_GETREGSET/PTRACE_SETREGSET, tid, NT_*, &iov)}.
 *
 * <p>Note numbers are from the Linux uapi header {@code include/uapi/linux/elf.h}.
 */
public enum Regset {
    /** General registers: x86-64 {@code struct user_regs_struct} (27 x 8 bytes), i386 compat
     * {@code struct user_regs_struct} (17 x 4 bytes) or arm64 {@code struct user_pt_regs}. */
    NT_PRSTATUS(1),
    /** x86-64 view: the 512-byte FXSAVE image ({@code struct user_i387_struct}). arm64:
     * {@code struct user_fpsimd_state}. (For an i386 task's regset view this note is the old
     * 108-byte FSAVE format, which this module does not use; see {@link #NT_PRXFPREG}.) */
    NT_PRFPREG(2),
    /** i386 view only: the 512-byte FXSAVE image ({@code struct user32_fxsr_struct}). */
    NT_PRXFPREG(0x46e62b7f),
    /** x86: the XSAVE area in standard (non-compacted) format, as large as CPUID 0xD.0 says. */
    NT_X86_XSTATE(0x202),
    /** arm64: TPIDR_EL0 (8 bytes; 16 with TPIDR2 on SME systems). */
    NT_ARM_TLS(0x401),
    /** arm64: {@code struct user_pac_mask { u64 data_mask; u64 insn_mask; }}. */
    NT_ARM_PAC_MASK(0x406),
    /** arm64: the tagged-address control word (8 bytes), for MTE. */
    NT_ARM_TAGGED_ADDR_CTRL(0x409);

    private final int noteType;

    Regset(int noteType) {
        this.noteType = noteType;
    }

    /** The NT_* value to pass to ptrace. */
    public int noteType() {
        return noteType;
    }
}
