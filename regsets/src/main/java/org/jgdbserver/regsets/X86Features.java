package org.jgdbserver.regsets;

import java.util.ArrayList;
import java.util.List;

/**
 * The x87/SSE/AVX/MPX/AVX-512/PKRU register groups shared by the amd64 and i386 layouts. The
 * two differ only in how many vector registers exist (16 or 8 xmm; zmm16-31 only in 64-bit
 * mode), which regset carries the FXSAVE image, and the register order of the AVX-512 feature
 * (gdb/features/i386/64bit-avx512.xml vs 32bit-avx512.xml).
 *
 * <p>When an {@link XsaveLayout} is given, every FP/vector register is read from NT_X86_XSTATE
 * (legacy region and extended components), gated by XSTATE_BV; otherwise from the 512-byte
 * FXSAVE image in {@code fxsaveRegset}, ungated. Using one regset for all of them means a write
 * back can never clobber a value written through another regset.
 */
final class X86Features {
    static final String CORE = "org.gnu.gdb.i386.core";
    static final String SSE = "org.gnu.gdb.i386.sse";
    static final String LINUX = "org.gnu.gdb.i386.linux";
    static final String SEGMENTS = "org.gnu.gdb.i386.segments";
    static final String AVX = "org.gnu.gdb.i386.avx";
    static final String MPX = "org.gnu.gdb.i386.mpx";
    static final String AVX512 = "org.gnu.gdb.i386.avx512";
    static final String PKEYS = "org.gnu.gdb.i386.pkeys";

    /** x87 control word after FNINIT/XRSTOR of the init state (SDM vol. 1, 8.1.5). */
    static final long FCTRL_INIT = 0x037f;
    /** Full tag word with all registers empty. */
    static final long FTAG_INIT = 0xffff;
    /** MXCSR after reset/init (SDM vol. 1, 10.2.3.1). */
    static final long MXCSR_INIT = 0x1f80;

    private static final long BIT_X87 = 1L << XsaveLayout.X87;
    private static final long BIT_SSE = 1L << XsaveLayout.SSE;
    private static final long BIT_AVX = 1L << XsaveLayout.AVX;

    private final XsaveLayout xs;
    private final Regset fpRegset;
    private final boolean gated;

    /**
     * @param xs           XSAVE layout, or null to use the FXSAVE image
     * @param fxsaveRegset the regset holding the FXSAVE image when {@code xs} is null
     */
    X86Features(XsaveLayout xs, Regset fxsaveRegset) {
        this.xs = xs;
        this.fpRegset = xs != null ? Regset.NT_X86_XSTATE : fxsaveRegset;
        this.gated = xs != null;
    }

    private Slot legacy(int offset, int size, Encoding enc, long mask, long init) {
        return new Slot(fpRegset, offset, size, enc, gated ? mask : 0, init);
    }

    private Slot legacy(int offset, int size, long mask) {
        return legacy(offset, size, Encoding.RAW, mask, 0);
    }

    /**
     * st0-7 and the eight x87 control registers, the tail of the core feature. FXSAVE layout
     * (SDM vol. 1, table 10-2): FCW 0, FSW 2, abridged FTW 4, FOP 6, FIP 8 (+FCS 12), FDP 16
     * (+FDS 20), MXCSR 24, ST(i) at 32 + 16*i. gdb's order is fctrl fstat ftag fiseg fioff foseg
     * fooff fop, all 32 bits wide in the g packet (64bit-core.xml).
     */
    void addX87(LayoutBuilder b) {
        for (int i = 0; i < 8; i++) {
            b.reg("st" + i, 80, "i387_ext", legacy(32 + 16 * i, 10, BIT_X87));
        }
        b.reg("fctrl", 32, "int", "float",
                legacy(0, 2, Encoding.RAW, BIT_X87, FCTRL_INIT));
        b.reg("fstat", 32, "int", "float", legacy(2, 2, BIT_X87));
        b.reg("ftag", 32, "int", "float",
                legacy(4, 1, Encoding.X87_FTAG, BIT_X87, FTAG_INIT));
        b.reg("fiseg", 32, "int", "float", legacy(12, 2, BIT_X87));
        b.reg("fioff", 32, "int", "float", legacy(8, 4, BIT_X87));
        b.reg("foseg", 32, "int", "float", legacy(20, 2, BIT_X87));
        b.reg("fooff", 32, "int", "float", legacy(16, 4, BIT_X87));
        b.reg("fop", 32, "int", "float", legacy(6, 2, Encoding.X87_FOP, BIT_X87, 0));
    }

    /** xmm0..n-1 and mxcsr (64bit-sse.xml / 32bit-sse.xml). */
    void addSse(LayoutBuilder b, int numXmm) {
        List<TdescType> types = new ArrayList<>(X86Types.vec128());
        types.add(X86Types.MXCSR);
        b.feature(SSE, types);
        for (int i = 0; i < numXmm; i++) {
            b.reg("xmm" + i, 128, "vec128", legacy(160 + 16 * i, 16, BIT_SSE));
        }
        // MXCSR belongs to both the SSE and AVX components: it is in its init state only when
        // both bits are clear (gdbserver i387-fp.cc reads it the same way).
        b.reg("mxcsr", 32, "i386_mxcsr", "vector",
                legacy(24, 4, Encoding.RAW, BIT_SSE | BIT_AVX, MXCSR_INIT));
    }

    private Slot ext(int component, int offsetInComponent, int size) {
        return new Slot(Regset.NT_X86_XSTATE, xs.offset(component) + offsetInComponent, size,
                Encoding.RAW, 1L << component, 0);
    }

    /** ymm0h..n-1h: component 2, YMM_Hi128, 16 bytes per register. */
    void addAvx(LayoutBuilder b, int numXmm) {
        b.feature(AVX, List.of());
        for (int i = 0; i < numXmm; i++) {
            b.reg("ymm" + i + "h", 128, "uint128", ext(XsaveLayout.AVX, 16 * i, 16));
        }
    }

    /** bnd0raw-3raw (component 3, 16 bytes each), bndcfgu and bndstatus (component 4). */
    void addMpx(LayoutBuilder b) {
        b.feature(MPX, X86Types.mpx());
        for (int i = 0; i < 4; i++) {
            b.reg("bnd" + i + "raw", 128, "br128", ext(XsaveLayout.BNDREGS, 16 * i, 16));
        }
        b.reg("bndcfgu", 64, "cfgu", ext(XsaveLayout.BNDCSR, 0, 8));
        b.reg("bndstatus", 64, "status", ext(XsaveLayout.BNDCSR, 8, 8));
    }

    /**
     * AVX-512, 64-bit order (64bit-avx512.xml): xmm16-31, ymm16h-31h, k0-7, zmm0h-31h. Hi16_ZMM
     * (component 7) holds zmm16-31 whole, 64 bytes each: bytes 0-15 are xmm16+i, 16-31 ymm16h+i,
     * 32-63 zmm16h+i. ZMM_Hi256 (component 6) holds the upper 256 bits of zmm0-15.
     */
    void addAvx512Amd64(LayoutBuilder b) {
        List<TdescType> types = new ArrayList<>(X86Types.vec128());
        types.add(X86Types.V2UI128);
        b.feature(AVX512, types);
        for (int i = 0; i < 16; i++) {
            b.reg("xmm" + (16 + i), 128, "vec128", ext(XsaveLayout.HI16_ZMM, 64 * i, 16));
        }
        for (int i = 0; i < 16; i++) {
            b.reg("ymm" + (16 + i) + "h", 128, "uint128",
                    ext(XsaveLayout.HI16_ZMM, 64 * i + 16, 16));
        }
        addOpmask(b);
        for (int i = 0; i < 16; i++) {
            b.reg("zmm" + i + "h", 256, "v2ui128", ext(XsaveLayout.ZMM_HI256, 32 * i, 32));
        }
        for (int i = 0; i < 16; i++) {
            b.reg("zmm" + (16 + i) + "h", 256, "v2ui128",
                    ext(XsaveLayout.HI16_ZMM, 64 * i + 32, 32));
        }
    }

    /** AVX-512 as a 32-bit task sees it (32bit-avx512.xml): k0-7, zmm0h-7h. */
    void addAvx512I386(LayoutBuilder b) {
        b.feature(AVX512, List.of(X86Types.V2UI128));
        addOpmask(b);
        for (int i = 0; i < 8; i++) {
            b.reg("zmm" + i + "h", 256, "v2ui128", ext(XsaveLayout.ZMM_HI256, 32 * i, 32));
        }
    }

    private void addOpmask(LayoutBuilder b) {
        for (int i = 0; i < 8; i++) {
            b.reg("k" + i, 64, "uint64", ext(XsaveLayout.OPMASK, 8 * i, 8));
        }
    }

    /** pkru: component 9, 4 bytes (pkeys.xml). */
    void addPkeys(LayoutBuilder b) {
        b.feature(PKEYS, List.of());
        b.reg("pkru", 32, "uint32", ext(XsaveLayout.PKRU, 0, 4));
    }

    /**
     * Adds the XCR0-selected features after the Linux/segments ones, in gdb's order
     * (gdb/arch/amd64.c, gdb/arch/i386.c): avx, mpx, avx512, pkeys.
     */
    void addXstateFeatures(LayoutBuilder b, boolean amd64) {
        if (xs == null) {
            return;
        }
        int numXmm = amd64 ? 16 : 8;
        if (xs.has(XsaveLayout.AVX)) {
            addAvx(b, numXmm);
        }
        if (xs.hasMpx()) {
            addMpx(b);
        }
        if (xs.hasAvx512()) {
            if (amd64) {
                addAvx512Amd64(b);
            } else {
                addAvx512I386(b);
            }
        }
        if (xs.has(XsaveLayout.PKRU)) {
            addPkeys(b);
        }
    }
}
