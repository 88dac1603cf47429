package org.jgdbserver.regsets;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;

/** Shared test data: the XSAVE layouts of real CPUs and fake kernels. */
final class Fixtures {
    private Fixtures() {
    }

    /** XCR0 of this machine's AMD EPYC (x87 SSE AVX opmask ZMM_Hi256 Hi16_ZMM; no MPX/PKRU). */
    static final long XCR0_AMD = 0xe7;

    /** AMD Zen 4 CPUID 0xD offsets: no MPX hole, so AVX-512 sits at 832/896/1408. */
    static XsaveLayout amdZen4() {
        return new XsaveLayout(XCR0_AMD, 2432, new int[] {0, 0, 576, 0, 0, 832, 896, 1408});
    }

    /** AMD Zen 4 with PKRU enabled: PKRU follows Hi16_ZMM at 2432. */
    static XsaveLayout amdZen4Pkru() {
        return new XsaveLayout(XCR0_AMD | 0x200, 2440,
                new int[] {0, 0, 576, 0, 0, 832, 896, 1408, 0, 2432});
    }

    /** A kernel that hands out fixed regset bytes and counts how often it is asked. */
    static final class FakeKernel implements RegsetSource {
        final Map<Regset, byte[]> regsets = new EnumMap<>(Regset.class);
        final Map<Regset, Integer> reads = new EnumMap<>(Regset.class);

        FakeKernel put(Regset r, byte[] bytes) {
            regsets.put(r, bytes);
            return this;
        }

        @Override
        public byte[] read(Regset regset) {
            reads.merge(regset, 1, Integer::sum);
            byte[] b = regsets.get(regset);
            return b == null ? null : b.clone();
        }
    }

    /** Random bytes for every regset a layout uses, sized as the kernel would size them. */
    static FakeKernel randomKernel(TargetLayout layout, long seed) {
        Random rnd = new Random(seed);
        FakeKernel k = new FakeKernel();
        for (Regset r : layout.regsets()) {
            int size = layout.minimumRegsetSize(r);
            if (r == Regset.NT_X86_XSTATE) {
                size = layout.xsave().size();
            }
            byte[] b = new byte[size];
            rnd.nextBytes(b);
            if (r == Regset.NT_X86_XSTATE) {
                // XSTATE_BV: a random subset of the enabled components, rest of header zero.
                long bv = rnd.nextLong() & layout.xsave().xcr0();
                Bytes.putLong(b, XsaveLayout.HEADER_OFFSET, 8, bv);
                java.util.Arrays.fill(b, XsaveLayout.HEADER_OFFSET + 8,
                        XsaveLayout.EXTENDED_START, (byte) 0);
            }
            k.put(r, b);
        }
        return k;
    }

    static long le(byte[] b) {
        return Bytes.getLong(b, 0, Math.min(8, b.length));
    }
}
