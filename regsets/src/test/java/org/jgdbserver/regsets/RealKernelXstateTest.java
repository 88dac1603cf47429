package org.jgdbserver.regsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * Decodes regsets captured with PTRACE_GETREGSET from a real process on this machine's AMD
 * EPYC (kernel XSAVE size 2432, CPUID 0xD offsets AVX 576, opmask 832, ZMM_Hi256 896, Hi16_ZMM
 * 1408). Before stopping, the process loaded zmm31 and zmm15 with the 32-bit lanes
 * 0xc0de0000 + i (i = 0..15) and k7 with 0xa5a5.
 */
class RealKernelXstateTest {
    private static byte[] resource(String name) throws IOException {
        try (InputStream in = RealKernelXstateTest.class.getResourceAsStream("/" + name)) {
            return in.readAllBytes();
        }
    }

    private static long lane(byte[] v, int i) {
        return Bytes.getLong(v, 4 * i, 4);
    }

    @Test
    void decodesAvx512FromTheKernelsAmdLayout() throws IOException {
        byte[] xs = resource("amd-epyc-kernel-nt_x86_xstate.bin");
        byte[] pr = resource("amd-epyc-kernel-nt_prstatus.bin");
        assertEquals(2432, xs.length);
        assertEquals(Amd64Linux.USER_REGS_SIZE, pr.length);
        long xcr0 = XsaveLayout.xcr0FromXsave(xs);
        assertEquals(0xe7, xcr0);

        XsaveLayout amd = new XsaveLayout(xcr0, xs.length,
                new int[] {0, 0, 576, 0, 0, 832, 896, 1408});
        TargetLayout layout = Amd64Linux.layout(amd);
        RegisterCodec codec = new RegisterCodec(layout);
        Fixtures.FakeKernel kernel = new Fixtures.FakeKernel()
                .put(Regset.NT_X86_XSTATE, xs).put(Regset.NT_PRSTATUS, pr);
        GPacket g = codec.readAll(new RegsetBuffers(kernel));

        byte[] xmm31 = g.register(layout.register("xmm31").orElseThrow().regnum());
        byte[] ymm31h = g.register(layout.register("ymm31h").orElseThrow().regnum());
        byte[] zmm31h = g.register(layout.register("zmm31h").orElseThrow().regnum());
        byte[] zmm15h = g.register(layout.register("zmm15h").orElseThrow().regnum());
        for (int i = 0; i < 4; i++) {
            assertEquals(0xc0de0000L + i, lane(xmm31, i), "zmm31 lane " + i);
            assertEquals(0xc0de0004L + i, lane(ymm31h, i), "zmm31 lane " + (4 + i));
        }
        for (int i = 0; i < 8; i++) {
            assertEquals(0xc0de0008L + i, lane(zmm31h, i), "zmm31 lane " + (8 + i));
            assertEquals(0xc0de0008L + i, lane(zmm15h, i), "zmm15 lane " + (8 + i));
        }
        assertEquals(0xa5a5, Fixtures.le(g.register(layout.register("k7").orElseThrow()
                .regnum())));
        assertEquals(0x037f, Fixtures.le(g.register(layout.register("fctrl").orElseThrow()
                .regnum())));
        // rip points into the user-space address range.
        long rip = Fixtures.le(g.register(layout.pcRegnum()));
        assertTrue(rip > 0 && rip < 0x0000_8000_0000_0000L, Long.toHexString(rip));

        // Intel's constant offsets would have read something else entirely.
        TargetLayout intel = Amd64Linux.layout(XsaveLayout.intelStandard(0xe7));
        assertEquals(1152 + 15 * 32, intel.register("zmm15h").orElseThrow().slot().offset());
        assertTrue(intel.minimumRegsetSize(Regset.NT_X86_XSTATE) > xs.length,
                "Intel offsets do not even fit the 2432-byte AMD area");

        // Writing the packet back changes nothing.
        RegsetBuffers back = new RegsetBuffers(kernel);
        codec.writeAll(g, back);
        assertTrue(back.dirty().isEmpty());
    }
}
