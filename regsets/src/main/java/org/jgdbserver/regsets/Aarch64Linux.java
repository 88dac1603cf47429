package org.jgdbserver.regsets;

import static org.jgdbserver.regsets.TdescType.Field.bit;
import static org.jgdbserver.regsets.TdescType.Field.bits;
import static org.jgdbserver.regsets.TdescType.Field.typed;

import java.util.ArrayList;
import java.util.List;

/**
 * Layouts for aarch64 Linux processes, in gdb 13's order (gdb/arch/aarch64.c
 * aarch64_create_target_description): core (x0-x30, sp, pc, cpsr), fpu (v0-v31, fpsr, fpcr),
 * then optionally pauth, mte and tls. SVE/SME are not modelled: with SVE gdb replaces the fpu
 * feature by a vector-length-dependent sve feature, which is future work.
 *
 * <p>Kernel sources (arch/arm64/include/uapi/asm/ptrace.h): NT_PRSTATUS is
 * {@code struct user_pt_regs { u64 regs[31]; u64 sp; u64 pc; u64 pstate; }} (272 bytes),
 * NT_PRFPREG is {@code struct user_fpsimd_state { __uint128_t vregs[32]; u32 fpsr; u32 fpcr;
 * u32 __reserved[2]; }} (528 bytes), NT_ARM_PAC_MASK is {@code { u64 data_mask; u64 insn_mask; }},
 * NT_ARM_TLS holds TPIDR_EL0 (then TPIDR2_EL0 on SME systems), NT_ARM_TAGGED_ADDR_CTRL one u64.
 */
public final class Aarch64Linux {
    private Aarch64Linux() {
    }

    public static final String CORE = "org.gnu.gdb.aarch64.core";
    public static final String FPU = "org.gnu.gdb.aarch64.fpu";
    public static final String PAUTH = "org.gnu.gdb.aarch64.pauth";
    public static final String MTE = "org.gnu.gdb.aarch64.mte";
    public static final String TLS = "org.gnu.gdb.aarch64.tls";

    /** Size of {@code struct user_pt_regs}. */
    public static final int USER_PT_REGS_SIZE = 34 * 8;
    /** Size of {@code struct user_fpsimd_state}. */
    public static final int USER_FPSIMD_SIZE = 32 * 16 + 16;

    /** Which optional features the process has (from HWCAP/HWCAP2 and regset probing). */
    public record Options(boolean pauth, boolean mte, int tlsRegisters) {
        public Options {
            if (tlsRegisters < 0 || tlsRegisters > 2) {
                throw new IllegalArgumentException("tlsRegisters must be 0, 1 (tpidr) or 2"
                        + " (tpidr, tpidr2), got " + tlsRegisters);
            }
        }

        /** What gdbserver 13 reports on a plain ARMv8.0 Linux machine: core, fpu, tls(tpidr). */
        public static Options basic() {
            return new Options(false, false, 1);
        }
    }

    static final TdescType CPSR_FLAGS = new TdescType.Flags("cpsr_flags", 4, List.of(
            bit("SP", 0), bits("EL", 2, 3), bit("nRW", 4), bit("F", 6), bit("I", 7),
            bit("A", 8), bit("D", 9), bits("BTYPE", 10, 11), bit("SSBS", 12), bit("IL", 20),
            bit("SS", 21), bit("PAN", 22), bit("UAO", 23), bit("DIT", 24), bit("TCO", 25),
            bit("V", 28), bit("C", 29), bit("Z", 30), bit("N", 31)));

    static final TdescType FPSR_FLAGS = new TdescType.Flags("fpsr_flags", 4, List.of(
            bit("IOC", 0), bit("DZC", 1), bit("OFC", 2), bit("UFC", 3), bit("IXC", 4),
            bit("IDC", 7), bit("QC", 27), bit("V", 28), bit("C", 29), bit("Z", 30),
            bit("N", 31)));

    static final TdescType FPCR_FLAGS = new TdescType.Flags("fpcr_flags", 4, List.of(
            bit("FIZ", 0), bit("AH", 1), bit("NEP", 2), bit("IOE", 8), bit("DZE", 9),
            bit("OFE", 10), bit("UFE", 11), bit("IXE", 12), bit("EBF", 13), bit("IDE", 15),
            bits("Len", 16, 18), bit("FZ16", 19), bits("Stride", 20, 21), bits("RMode", 22, 23),
            bit("FZ", 24), bit("DN", 25), bit("AHP", 26)));

    /** The {@code aarch64v} union of the v registers and its lane vectors (aarch64-fpu.xml). */
    static List<TdescType> vectorTypes() {
        List<TdescType> t = new ArrayList<>();
        String[][] vecs = {{"v2d", "ieee_double", "2"}, {"v2u", "uint64", "2"},
            {"v2i", "int64", "2"}, {"v4f", "ieee_single", "4"}, {"v4u", "uint32", "4"},
            {"v4i", "int32", "4"}, {"v8f", "ieee_half", "8"}, {"v8u", "uint16", "8"},
            {"v8i", "int16", "8"}, {"v8bf16", "bfloat16", "8"}, {"v16u", "uint8", "16"},
            {"v16i", "int8", "16"}, {"v1u", "uint128", "1"}, {"v1i", "int128", "1"}};
        for (String[] v : vecs) {
            t.add(new TdescType.Vector(v[0], v[1], Integer.parseInt(v[2])));
        }
        t.add(new TdescType.Union("vnd",
                List.of(typed("f", "v2d"), typed("u", "v2u"), typed("s", "v2i"))));
        t.add(new TdescType.Union("vns",
                List.of(typed("f", "v4f"), typed("u", "v4u"), typed("s", "v4i"))));
        t.add(new TdescType.Union("vnh", List.of(typed("bf", "v8bf16"), typed("f", "v8f"),
                typed("u", "v8u"), typed("s", "v8i"))));
        t.add(new TdescType.Union("vnb", List.of(typed("u", "v16u"), typed("s", "v16i"))));
        t.add(new TdescType.Union("vnq", List.of(typed("u", "v1u"), typed("s", "v1i"))));
        t.add(new TdescType.Union("aarch64v", List.of(typed("d", "vnd"), typed("s", "vns"),
                typed("h", "vnh"), typed("b", "vnb"), typed("q", "vnq"))));
        t.add(FPSR_FLAGS);
        t.add(FPCR_FLAGS);
        return t;
    }

    public static TargetLayout layout(Options opt) {
        LayoutBuilder b = new LayoutBuilder("aarch64", "GNU/Linux");

        b.feature(CORE, List.of(CPSR_FLAGS));
        for (int i = 0; i < 31; i++) {
            b.reg("x" + i, 64, "int", Slot.raw(Regset.NT_PRSTATUS, 8 * i, 8));
        }
        b.reg("sp", 64, "data_ptr", Slot.raw(Regset.NT_PRSTATUS, 31 * 8, 8));
        b.reg("pc", 64, "code_ptr", Slot.raw(Regset.NT_PRSTATUS, 32 * 8, 8));
        // gdb's cpsr is 32 bits; the kernel's pstate is a u64 whose upper half is RES0.
        b.reg("cpsr", 32, "cpsr_flags", Slot.raw(Regset.NT_PRSTATUS, 33 * 8, 8));

        b.feature(FPU, vectorTypes());
        for (int i = 0; i < 32; i++) {
            b.reg("v" + i, 128, "aarch64v", Slot.raw(Regset.NT_PRFPREG, 16 * i, 16));
        }
        b.reg("fpsr", 32, "fpsr_flags", Slot.raw(Regset.NT_PRFPREG, 512, 4));
        b.reg("fpcr", 32, "fpcr_flags", Slot.raw(Regset.NT_PRFPREG, 516, 4));

        if (opt.pauth()) {
            b.feature(PAUTH, List.of());
            b.reg("pauth_dmask", 64, "int", Slot.raw(Regset.NT_ARM_PAC_MASK, 0, 8));
            b.reg("pauth_cmask", 64, "int", Slot.raw(Regset.NT_ARM_PAC_MASK, 8, 8));
        }
        if (opt.mte()) {
            b.feature(MTE, List.of());
            b.reg("tag_ctl", 64, "uint64", "system",
                    Slot.raw(Regset.NT_ARM_TAGGED_ADDR_CTRL, 0, 8));
        }
        if (opt.tlsRegisters() > 0) {
            b.feature(TLS, List.of());
            b.reg("tpidr", 64, "data_ptr", Slot.raw(Regset.NT_ARM_TLS, 0, 8));
            if (opt.tlsRegisters() > 1) {
                b.reg("tpidr2", 64, "data_ptr", Slot.raw(Regset.NT_ARM_TLS, 8, 8));
            }
        }
        return b.build("pc", "sp", "x29", null);
    }
}
