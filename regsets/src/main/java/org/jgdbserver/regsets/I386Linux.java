package org.jgdbserver.regsets;

import java.util.List;

/**
 * Layouts for 32-bit (i386) processes on a 64-bit Linux kernel, numbered as gdb/gdbserver 13 do
 * for them (gdb/arch/i386.c i386_create_target_description with is_linux true and segments
 * false, architecture {@code i386}, which gdb shows as {@code i386:intel}'s family): core (eax
 * ecx edx ebx esp ebp esi edi eip eflags cs ss ds es fs gs, st0-7, x87 control), sse (xmm0-7,
 * mxcsr), linux (orig_eax), then per XCR0 avx (ymm0h-7h), mpx, avx512 (k0-7, zmm0h-7h), pkeys.
 *
 * <p>How the general registers arrive depends on how the tracer fetched them; see
 * {@link GregsForm}. The caller chooses this layout per process from the ELF class of its
 * executable (ELFCLASS32 with EM_386).
 */
public final class I386Linux {
    private I386Linux() {
    }

    /** The two shapes NT_PRSTATUS can have for a 32-bit task on a 64-bit kernel. */
    public enum GregsForm {
        /**
         * {@code ptrace(PTRACE_GETREGSET, NT_PRSTATUS)}: the kernel answers in the tracee's own
         * regset view (arch/x86/kernel/ptrace.c task_user_regset_view), i.e. i386
         * {@code struct user_regs_struct}, 17 x 4 bytes: ebx ecx edx esi edi ebp eax xds xes xfs
         * xgs orig_eax eip xcs eflags esp xss. The FXSAVE image is then NT_PRXFPREG (in that
         * view NT_PRFPREG is the old 108-byte FSAVE format).
         */
        COMPAT_32,
        /**
         * {@code PTRACE_GETREGS}/{@code PTRACE_GETFPREGS} from a 64-bit tracer, which always use
         * the x86-64 structures (216-byte user_regs_struct, 512-byte FXSAVE) whatever the
         * tracee's mode; gdbserver does this. The tracer supplies them as NT_PRSTATUS and
         * NT_PRFPREG. eax and orig_eax are sign-extended on write (see
         * {@link Encoding#SIGN_EXTEND}), the others zero-extended.
         */
        AMD64_FORM
    }

    /** Size of i386 {@code struct user_regs_struct} (asm/user_32.h): 17 x 4 bytes. */
    public static final int USER_REGS_SIZE_32 = 17 * 4;

    // Indexes of the 4-byte fields of i386 struct user_regs_struct (asm/user_32.h).
    private static final int[] COMPAT = new int[17];
    // Indexes of the matching 8-byte fields of the x86-64 struct user_regs_struct.
    private static final int[] WIDE = new int[17];

    private static final int EAX = 0;
    private static final int ECX = 1;
    private static final int EDX = 2;
    private static final int EBX = 3;
    private static final int ESP = 4;
    private static final int EBP = 5;
    private static final int ESI = 6;
    private static final int EDI = 7;
    private static final int EIP = 8;
    private static final int EFLAGS = 9;
    private static final int CS = 10;
    private static final int SS = 11;
    private static final int DS = 12;
    private static final int ES = 13;
    private static final int FS = 14;
    private static final int GS = 15;
    private static final int ORIG_EAX = 16;

    static {
        // i386 user_regs_struct: ebx0 ecx1 edx2 esi3 edi4 ebp5 eax6 xds7 xes8 xfs9 xgs10
        // orig_eax11 eip12 xcs13 eflags14 esp15 xss16
        int[][] compat = {{EAX, 6}, {ECX, 1}, {EDX, 2}, {EBX, 0}, {ESP, 15}, {EBP, 5}, {ESI, 3},
            {EDI, 4}, {EIP, 12}, {EFLAGS, 14}, {CS, 13}, {SS, 16}, {DS, 7}, {ES, 8}, {FS, 9},
            {GS, 10}, {ORIG_EAX, 11}};
        // x86-64 user_regs_struct: rbp4 rbx5 rax10 rcx11 rdx12 rsi13 rdi14 orig_rax15 rip16
        // cs17 eflags18 rsp19 ss20 ds23 es24 fs25 gs26
        int[][] wide = {{EAX, 10}, {ECX, 11}, {EDX, 12}, {EBX, 5}, {ESP, 19}, {EBP, 4},
            {ESI, 13}, {EDI, 14}, {EIP, 16}, {EFLAGS, 18}, {CS, 17}, {SS, 20}, {DS, 23},
            {ES, 24}, {FS, 25}, {GS, 26}, {ORIG_EAX, 15}};
        for (int[] p : compat) {
            COMPAT[p[0]] = p[1];
        }
        for (int[] p : wide) {
            WIDE[p[0]] = p[1];
        }
    }

    /** The layout for the usual case: GETREGSET-style general registers ({@link GregsForm#COMPAT_32}). */
    public static TargetLayout layout(XsaveLayout xsave) {
        return layout(xsave, GregsForm.COMPAT_32);
    }

    /**
     * @param xsave XSAVE layout of the machine, or null when NT_X86_XSTATE is unavailable
     * @param form  how the tracer supplies NT_PRSTATUS (and which regset has the FXSAVE image)
     */
    public static TargetLayout layout(XsaveLayout xsave, GregsForm form) {
        LayoutBuilder b = new LayoutBuilder("i386", "GNU/Linux");
        Regset fxsave = form == GregsForm.COMPAT_32 ? Regset.NT_PRXFPREG : Regset.NT_PRFPREG;
        X86Features x86 = new X86Features(xsave, fxsave);

        b.feature(X86Features.CORE, List.of(X86Types.EFLAGS));
        gpr(b, form, "eax", "int32", EAX);
        gpr(b, form, "ecx", "int32", ECX);
        gpr(b, form, "edx", "int32", EDX);
        gpr(b, form, "ebx", "int32", EBX);
        gpr(b, form, "esp", "data_ptr", ESP);
        gpr(b, form, "ebp", "data_ptr", EBP);
        gpr(b, form, "esi", "int32", ESI);
        gpr(b, form, "edi", "int32", EDI);
        gpr(b, form, "eip", "code_ptr", EIP);
        gpr(b, form, "eflags", "i386_eflags", EFLAGS);
        gpr(b, form, "cs", "int32", CS);
        gpr(b, form, "ss", "int32", SS);
        gpr(b, form, "ds", "int32", DS);
        gpr(b, form, "es", "int32", ES);
        gpr(b, form, "fs", "int32", FS);
        gpr(b, form, "gs", "int32", GS);
        x86.addX87(b);

        x86.addSse(b, 8);

        b.feature(X86Features.LINUX, List.of());
        gpr(b, form, "orig_eax", "int", ORIG_EAX);

        x86.addXstateFeatures(b, false);
        return b.build("eip", "esp", "ebp", xsave);
    }

    private static void gpr(LayoutBuilder b, GregsForm form, String name, String type, int reg) {
        Slot slot;
        if (form == GregsForm.COMPAT_32) {
            slot = Slot.raw(Regset.NT_PRSTATUS, COMPAT[reg] * 4, 4);
        } else {
            Encoding enc = reg == EAX || reg == ORIG_EAX ? Encoding.SIGN_EXTEND : Encoding.RAW;
            slot = new Slot(Regset.NT_PRSTATUS, WIDE[reg] * 8, 8, enc, 0, 0);
        }
        b.reg(name, 32, type, slot);
    }
}
