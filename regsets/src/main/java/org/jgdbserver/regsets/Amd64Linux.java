package org.jgdbserver.regsets;

import java.util.List;

/**
 * Layouts for 64-bit x86 processes on Linux, numbered exactly as gdb/gdbserver 13 number them
 * (gdb/arch/amd64.c amd64_create_target_description with is_linux and segments true): core,
 * sse, linux (orig_rax), segments (fs_base, gs_base), then per XCR0 avx, mpx, avx512, pkeys.
 *
 * <p>Tracer inputs: NT_PRSTATUS (216-byte {@code struct user_regs_struct}); with an
 * {@link XsaveLayout}, NT_X86_XSTATE for all FP/vector registers; without one, NT_PRFPREG
 * (512-byte FXSAVE image) for x87/SSE.
 */
public final class Amd64Linux {
    private Amd64Linux() {
    }

    /** Size of x86-64 {@code struct user_regs_struct} (asm/user_64.h): 27 x 8 bytes. */
    public static final int USER_REGS_SIZE = 27 * 8;

    // Indexes of the 8-byte fields of struct user_regs_struct (asm/user_64.h).
    private static final int R15 = 0;
    private static final int R14 = 1;
    private static final int R13 = 2;
    private static final int R12 = 3;
    private static final int RBP = 4;
    private static final int RBX = 5;
    private static final int R11 = 6;
    private static final int R10 = 7;
    private static final int R9 = 8;
    private static final int R8 = 9;
    private static final int RAX = 10;
    private static final int RCX = 11;
    private static final int RDX = 12;
    private static final int RSI = 13;
    private static final int RDI = 14;
    private static final int ORIG_RAX = 15;
    private static final int RIP = 16;
    private static final int CS = 17;
    private static final int EFLAGS = 18;
    private static final int RSP = 19;
    private static final int SS = 20;
    private static final int FS_BASE = 21;
    private static final int GS_BASE = 22;
    private static final int DS = 23;
    private static final int ES = 24;
    private static final int FS = 25;
    private static final int GS = 26;

    /**
     * The layout for a process on a machine with this XSAVE layout; pass null when
     * NT_X86_XSTATE is unavailable (gdbserver then falls back to the SSE-only description).
     */
    public static TargetLayout layout(XsaveLayout xsave) {
        LayoutBuilder b = new LayoutBuilder("i386:x86-64", "GNU/Linux");
        X86Features x86 = new X86Features(xsave, Regset.NT_PRFPREG);

        b.feature(X86Features.CORE, List.of(X86Types.EFLAGS));
        gpr(b, "rax", 64, "int64", RAX);
        gpr(b, "rbx", 64, "int64", RBX);
        gpr(b, "rcx", 64, "int64", RCX);
        gpr(b, "rdx", 64, "int64", RDX);
        gpr(b, "rsi", 64, "int64", RSI);
        gpr(b, "rdi", 64, "int64", RDI);
        gpr(b, "rbp", 64, "data_ptr", RBP);
        gpr(b, "rsp", 64, "data_ptr", RSP);
        gpr(b, "r8", 64, "int64", R8);
        gpr(b, "r9", 64, "int64", R9);
        gpr(b, "r10", 64, "int64", R10);
        gpr(b, "r11", 64, "int64", R11);
        gpr(b, "r12", 64, "int64", R12);
        gpr(b, "r13", 64, "int64", R13);
        gpr(b, "r14", 64, "int64", R14);
        gpr(b, "r15", 64, "int64", R15);
        gpr(b, "rip", 64, "code_ptr", RIP);
        // gdb shows eflags and the selectors as 32-bit registers; the kernel keeps 8 bytes.
        gpr(b, "eflags", 32, "i386_eflags", EFLAGS);
        gpr(b, "cs", 32, "int32", CS);
        gpr(b, "ss", 32, "int32", SS);
        gpr(b, "ds", 32, "int32", DS);
        gpr(b, "es", 32, "int32", ES);
        gpr(b, "fs", 32, "int32", FS);
        gpr(b, "gs", 32, "int32", GS);
        x86.addX87(b);

        x86.addSse(b, 16);

        b.feature(X86Features.LINUX, List.of());
        gpr(b, "orig_rax", 64, "int", ORIG_RAX);

        b.feature(X86Features.SEGMENTS, List.of());
        gpr(b, "fs_base", 64, "int", FS_BASE);
        gpr(b, "gs_base", 64, "int", GS_BASE);

        x86.addXstateFeatures(b, true);
        return b.build("rip", "rsp", "rbp", xsave);
    }

    private static void gpr(LayoutBuilder b, String name, int bits, String type, int index) {
        b.reg(name, bits, type, Slot.raw(Regset.NT_PRSTATUS, index * 8, 8));
    }
}
