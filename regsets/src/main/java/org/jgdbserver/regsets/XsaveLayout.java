package org.jgdbserver.regsets;

import java.util.Arrays;

/**
 * What the tracer learned about the XSAVE area of this machine: XCR0 (which state components the
 * OS enabled), the total size of the NT_X86_XSTATE buffer, and where each state component lives
 * in it.
 *
 * <p>These are inputs, never constants: the tracer reads XCR0 from the software-reserved bytes
 * 464..471 of any NT_X86_XSTATE buffer (Linux arch/x86/include/asm/user.h: "sw_usable_bytes
 * [464..471]" hold the OS-enabled xstate mask; see {@link #xcr0FromXsave}) and the offsets from
 * CPUID leaf 0xD: sub-leaf n, EBX = offset of component n in the standard format, EAX = its size
 * (Intel SDM vol. 1, 13.4.3). Offsets really differ between vendors: Intel keeps MPX at 960/1024
 * and therefore AVX-512 opmask/ZMM_Hi256/Hi16_ZMM at 1088/1152/1664, while AMD Zen 4 has no MPX
 * and puts them at 832/896/1408.
 *
 * <p>Fixed by the architecture (SDM 13.4): the legacy region 0..511 is the FXSAVE image
 * (components 0 x87 and 1 SSE), the XSAVE header starts at 512 with XSTATE_BV, and component
 * sizes (not offsets) are fixed: see {@link #componentSize}.
 *
 * @param xcr0            the XCR0 value (only bits this module knows about matter)
 * @param size            the NT_X86_XSTATE buffer size (CPUID 0xD.0 EBX)
 * @param componentOffset componentOffset[n] = offset of state component n (index = component
 *                        number; unused entries may be 0)
 */
public record XsaveLayout(long xcr0, int size, int[] componentOffset) {

    /** Offset of the software-reserved XCR0 copy in a ptrace NT_X86_XSTATE buffer. */
    public static final int XCR0_OFFSET = 464;
    /** Offset of the XSAVE header; XSTATE_BV is its first 8 bytes. */
    public static final int HEADER_OFFSET = 512;
    /** Size of legacy region + header: where extended components may begin. */
    public static final int EXTENDED_START = 576;

    public static final int X87 = 0;
    public static final int SSE = 1;
    /** YMM_Hi128: the upper 128 bits of ymm0-15. */
    public static final int AVX = 2;
    public static final int BNDREGS = 3;
    public static final int BNDCSR = 4;
    /** k0-k7. */
    public static final int OPMASK = 5;
    /** Upper 256 bits of zmm0-15. */
    public static final int ZMM_HI256 = 6;
    /** All 512 bits of zmm16-31. */
    public static final int HI16_ZMM = 7;
    public static final int PKRU = 9;

    /** XCR0 bits gdbserver looks at (its X86_XSTATE_ALL_MASK): x87 SSE AVX MPX AVX-512 PKRU. */
    public static final long KNOWN_FEATURES = 0x2ffL;
    public static final long AVX512_MASK = (1L << OPMASK) | (1L << ZMM_HI256) | (1L << HI16_ZMM);
    public static final long MPX_MASK = (1L << BNDREGS) | (1L << BNDCSR);

    private static final int[] COMPONENT_SIZE = {160, 256, 256, 64, 64, 64, 512, 1024, 0, 8};

    /** Intel's standard-format offsets (CPUID 0xD on Skylake-SP and later). Not for AMD. */
    private static final int[] INTEL_OFFSET = {0, 160, 576, 960, 1024, 1088, 1152, 1664, 0, 2688};

    public XsaveLayout {
        if (componentOffset == null) {
            throw new IllegalArgumentException("componentOffset is required");
        }
        componentOffset = componentOffset.clone();
        if (size < EXTENDED_START) {
            throw new IllegalArgumentException("XSAVE size " + size + " is below the "
                    + EXTENDED_START + " bytes of legacy region plus header");
        }
        for (int c = AVX; c <= PKRU; c++) {
            if ((xcr0 & (1L << c)) == 0 || COMPONENT_SIZE[c] == 0) {
                continue;
            }
            int off = c < componentOffset.length ? componentOffset[c] : 0;
            if (off < EXTENDED_START || off + COMPONENT_SIZE[c] > size) {
                throw new IllegalArgumentException("XSAVE component " + c + " is enabled in XCR0 0x"
                        + Long.toHexString(xcr0) + " but its offset " + off + " (size "
                        + COMPONENT_SIZE[c] + ") is not within " + EXTENDED_START + ".." + size
                        + "; pass CPUID 0xD sub-leaf " + c + " EBX");
            }
        }
    }

    /**
     * The standard layout of an Intel CPU with all components up to PKRU, restricted to
     * {@code xcr0}. Size is the end of the last enabled component. For tests and for Intel
     * hosts whose CPUID agrees; real tracers should pass CPUID values.
     */
    public static XsaveLayout intelStandard(long xcr0) {
        int end = EXTENDED_START;
        int[] offs = new int[INTEL_OFFSET.length];
        for (int c = AVX; c < INTEL_OFFSET.length; c++) {
            if ((xcr0 & (1L << c)) != 0 && COMPONENT_SIZE[c] != 0) {
                offs[c] = INTEL_OFFSET[c];
                end = Math.max(end, INTEL_OFFSET[c] + COMPONENT_SIZE[c]);
            }
        }
        return new XsaveLayout(xcr0, end, offs);
    }

    /** Reads the XCR0 copy the kernel stores at bytes 464..471 of an NT_X86_XSTATE buffer. */
    public static long xcr0FromXsave(byte[] xstate) {
        if (xstate == null || xstate.length < XCR0_OFFSET + 8) {
            throw new IllegalArgumentException("NT_X86_XSTATE buffer of "
                    + (xstate == null ? "null" : xstate.length + " bytes")
                    + " is too short to hold XCR0 at " + XCR0_OFFSET + ".." + (XCR0_OFFSET + 7));
        }
        return Bytes.getLong(xstate, XCR0_OFFSET, 8);
    }

    /** Architectural size of state component {@code c} (CPUID 0xD sub-leaf c, EAX). */
    public static int componentSize(int c) {
        if (c < 0 || c >= COMPONENT_SIZE.length || COMPONENT_SIZE[c] == 0) {
            throw new IllegalArgumentException("XSAVE component " + c + " is not one of 0-7, 9");
        }
        return COMPONENT_SIZE[c];
    }

    /** True if XCR0 enables component {@code c}. */
    public boolean has(int c) {
        return (xcr0 & (1L << c)) != 0;
    }

    /** True if any AVX-512 component is enabled (gdb adds the avx512 feature then). */
    public boolean hasAvx512() {
        return (xcr0 & AVX512_MASK) != 0;
    }

    /** True if any MPX component is enabled. */
    public boolean hasMpx() {
        return (xcr0 & MPX_MASK) != 0;
    }

    /** Offset of component {@code c}; throws if the layout does not carry it. */
    public int offset(int c) {
        if (c == X87) {
            return 0;
        }
        if (c == SSE) {
            return 160;
        }
        int off = c < componentOffset.length ? componentOffset[c] : 0;
        if (off < EXTENDED_START) {
            throw new IllegalStateException("XSAVE component " + c + " has no offset (got " + off
                    + "); XCR0 is 0x" + Long.toHexString(xcr0));
        }
        return off;
    }

    @Override
    public int[] componentOffset() {
        return componentOffset.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof XsaveLayout x && x.xcr0 == xcr0 && x.size == size
                && Arrays.equals(x.componentOffset, componentOffset);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(xcr0) * 31 * 31 + size * 31 + Arrays.hashCode(componentOffset);
    }

    @Override
    public String toString() {
        return "XsaveLayout[xcr0=0x" + Long.toHexString(xcr0) + ", size=" + size + ", offsets="
                + Arrays.toString(componentOffset) + "]";
    }
}
