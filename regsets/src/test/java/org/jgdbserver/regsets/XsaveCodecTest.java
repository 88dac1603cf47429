package org.jgdbserver.regsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class XsaveCodecTest {
    private final XsaveLayout amd = Fixtures.amdZen4();
    private final TargetLayout layout = Amd64Linux.layout(amd);
    private final RegisterCodec codec = new RegisterCodec(layout);

    /** An XSAVE image with distinct bytes per register and all components in use. */
    private byte[] xsave(long xstateBv) {
        byte[] xs = new byte[amd.size()];
        // Poison the places an Intel-offset decoder would read.
        Arrays.fill(xs, 1088, 2432, (byte) 0xee);
        Bytes.putLong(xs, XsaveLayout.XCR0_OFFSET, 8, amd.xcr0());
        Bytes.putLong(xs, XsaveLayout.HEADER_OFFSET, 8, xstateBv);
        for (int i = 0; i < 8; i++) { // k0-7
            Bytes.putLong(xs, 832 + 8 * i, 8, 0x1111_0000_0000_0000L + i);
        }
        for (int i = 0; i < 16; i++) { // zmm0h-15h: 32 bytes each, byte j = 0x40 + i
            Arrays.fill(xs, 896 + 32 * i, 896 + 32 * i + 32, (byte) (0x40 + i));
        }
        for (int i = 0; i < 16; i++) { // zmm16-31: xmm part 0xa0+i, ymm hi 0xb0+i, zmm hi 0xc0+i
            int base = 1408 + 64 * i;
            Arrays.fill(xs, base, base + 16, (byte) (0xa0 + i));
            Arrays.fill(xs, base + 16, base + 32, (byte) (0xb0 + i));
            Arrays.fill(xs, base + 32, base + 64, (byte) (0xc0 + i));
        }
        for (int i = 0; i < 16; i++) { // ymm0h-15h
            Arrays.fill(xs, 576 + 16 * i, 576 + 16 * i + 16, (byte) (0x60 + i));
        }
        for (int i = 0; i < 16; i++) { // xmm0-15
            Arrays.fill(xs, 160 + 16 * i, 160 + 16 * i + 16, (byte) (0x20 + i));
        }
        Bytes.putLong(xs, 24, 4, 0x1fa0); // mxcsr with PE set
        Bytes.putLong(xs, 0, 2, 0x027f); // fctrl
        return xs;
    }

    private RegsetBuffers kernel(byte[] xs) {
        byte[] gregs = new byte[Amd64Linux.USER_REGS_SIZE];
        Bytes.putLong(gregs, 16 * 8, 8, 0x401000L); // rip
        return new RegsetBuffers(new Fixtures.FakeKernel()
                .put(Regset.NT_PRSTATUS, gregs).put(Regset.NT_X86_XSTATE, xs));
    }

    private byte[] reg(String name, RegsetBuffers regs) {
        return codec.read(layout.register(name).orElseThrow().regnum(), regs);
    }

    private static byte[] filled(int n, int b) {
        byte[] out = new byte[n];
        Arrays.fill(out, (byte) b);
        return out;
    }

    @Test
    void avx512DecodesFromAmdOffsets() {
        RegsetBuffers regs = kernel(xsave(0xe7));
        assertEquals(0x1111_0000_0000_0007L, Fixtures.le(reg("k7", regs)));
        assertEquals(0x1111_0000_0000_0000L, Fixtures.le(reg("k0", regs)));
        assertArrayEquals(filled(16, 0xaf), reg("xmm31", regs));
        assertArrayEquals(filled(16, 0xbf), reg("ymm31h", regs));
        assertArrayEquals(filled(32, 0xcf), reg("zmm31h", regs));
        assertArrayEquals(filled(32, 0x4f), reg("zmm15h", regs));
        assertArrayEquals(filled(16, 0x6f), reg("ymm15h", regs));
        assertArrayEquals(filled(16, 0x23), reg("xmm3", regs));
        assertEquals(0x1fa0, Fixtures.le(reg("mxcsr", regs)));
        assertEquals(0x027f, Fixtures.le(reg("fctrl", regs)));
    }

    @Test
    void gPacketPlacesZmm31hAtItsGOffset() {
        GPacket g = codec.readAll(kernel(xsave(0xe7)));
        RegisterDef z = layout.register("zmm31h").orElseThrow();
        byte[] all = g.bytes();
        assertArrayEquals(filled(32, 0xcf),
                Arrays.copyOfRange(all, z.gOffset(), z.gOffset() + 32));
        assertEquals(layout.registerCount(), g.available().cardinality());
    }

    @Test
    void clearXstateBvBitsReadAsInitValues() {
        // Only x87 and SSE in use: AVX and all AVX-512 components read as zeros even though
        // the buffer holds non-zero bytes there.
        RegsetBuffers regs = kernel(xsave(0x3));
        assertArrayEquals(new byte[16], reg("ymm5h", regs));
        assertArrayEquals(new byte[8], reg("k7", regs));
        assertArrayEquals(new byte[32], reg("zmm3h", regs));
        assertArrayEquals(new byte[16], reg("xmm31", regs));
        assertArrayEquals(new byte[32], reg("zmm31h", regs));
        assertArrayEquals(filled(16, 0x23), reg("xmm3", regs)); // SSE still live

        // Hi16_ZMM alone clear: k7 live, zmm16-31 zero.
        regs = kernel(xsave(0x67));
        assertEquals(0x1111_0000_0000_0007L, Fixtures.le(reg("k7", regs)));
        assertArrayEquals(new byte[16], reg("xmm20", regs));
        assertArrayEquals(filled(32, 0x40), reg("zmm0h", regs));
    }

    @Test
    void x87AndMxcsrInitValuesAreArchitectural() {
        RegsetBuffers regs = kernel(xsave(0xe4)); // x87 and SSE clear, AVX set
        assertEquals(0x037f, Fixtures.le(reg("fctrl", regs)));
        assertEquals(0xffff, Fixtures.le(reg("ftag", regs)));
        assertArrayEquals(new byte[10], reg("st0", regs));
        assertArrayEquals(new byte[16], reg("xmm3", regs));
        // MXCSR is AVX state too: with AVX in use it is read from the buffer.
        assertEquals(0x1fa0, Fixtures.le(reg("mxcsr", regs)));

        regs = kernel(xsave(0xe0)); // SSE and AVX both clear
        assertEquals(0x1f80, Fixtures.le(reg("mxcsr", regs)));
    }

    @Test
    void writingIntoInitComponentMaterializesItAndSetsTheBit() {
        byte[] xs = xsave(0x67); // Hi16_ZMM (bit 7) in init state, stale bytes in the buffer
        RegsetBuffers regs = kernel(xs);
        int zmm31h = layout.register("zmm31h").orElseThrow().regnum();
        assertTrue(codec.write(zmm31h, filled(32, 0x77), regs));

        byte[] out = regs.dirty().get(Regset.NT_X86_XSTATE);
        assertEquals(0xe7, Bytes.getLong(out, XsaveLayout.HEADER_OFFSET, 8));
        assertArrayEquals(filled(32, 0x77), Arrays.copyOfRange(out, 1408 + 15 * 64 + 32,
                1408 + 16 * 64));
        // The rest of the component is now its init value (zeros), not the stale bytes.
        assertArrayEquals(new byte[1024 - 32], Arrays.copyOfRange(out, 1408, 1408 + 15 * 64 + 32));
        assertArrayEquals(new byte[16], reg("xmm16", regs));
        // Other components untouched.
        assertArrayEquals(filled(32, 0x4f), reg("zmm15h", regs));
        assertFalse(regs.dirty().containsKey(Regset.NT_PRSTATUS));
    }

    @Test
    void writingX87IntoInitStateSetsControlWordInit() {
        RegsetBuffers regs = kernel(xsave(0xe6)); // x87 in init state
        int st1 = layout.register("st1").orElseThrow().regnum();
        byte[] one = {0, 0, 0, 0, 0, 0, 0, (byte) 0x80, (byte) 0xff, 0x3f}; // 1.0
        assertTrue(codec.write(st1, one, regs));
        byte[] out = regs.dirty().get(Regset.NT_X86_XSTATE);
        assertEquals(0xe7, Bytes.getLong(out, XsaveLayout.HEADER_OFFSET, 8));
        assertEquals(0x037f, Bytes.getLong(out, 0, 2));
        assertArrayEquals(one, reg("st1", regs));
        assertEquals(0x037f, Fixtures.le(reg("fctrl", regs)));
    }

    @Test
    void writingAnUnchangedValueLeavesEverythingClean() {
        RegsetBuffers regs = kernel(xsave(0x3));
        int k3 = layout.register("k3").orElseThrow().regnum();
        assertTrue(codec.write(k3, new byte[8], regs)); // already reads as 0 (init)
        assertTrue(regs.dirty().isEmpty());
    }

    @Test
    void coreRegisterReadDoesNotFetchXstate() {
        Fixtures.FakeKernel k = new Fixtures.FakeKernel()
                .put(Regset.NT_PRSTATUS, new byte[Amd64Linux.USER_REGS_SIZE]);
        RegsetBuffers regs = new RegsetBuffers(k);
        codec.read(layout.pcRegnum(), regs);
        codec.read(layout.spRegnum(), regs);
        assertEquals(1, k.reads.get(Regset.NT_PRSTATUS));
        assertFalse(k.reads.containsKey(Regset.NT_X86_XSTATE));
        assertFalse(regs.wasFetched(Regset.NT_X86_XSTATE));
    }

    @Test
    void unavailableRegsetGivesXx() {
        Fixtures.FakeKernel k = new Fixtures.FakeKernel()
                .put(Regset.NT_PRSTATUS, new byte[Amd64Linux.USER_REGS_SIZE]);
        RegsetBuffers regs = new RegsetBuffers(k);
        int xmm0 = layout.register("xmm0").orElseThrow().regnum();
        assertNull(codec.read(xmm0, regs));
        assertEquals("xx".repeat(16), codec.readHex(xmm0, regs));
        assertFalse(codec.write(xmm0, new byte[16], regs));
        GPacket g = codec.readAll(regs);
        assertEquals(24 + 3, g.available().cardinality()); // 24 GPRs + orig_rax + 2 bases
        String hex = g.toHex();
        assertEquals(2 * layout.gPacketSize(), hex.length());
        RegisterDef st0 = layout.register("st0").orElseThrow();
        assertEquals("xx".repeat(10), hex.substring(2 * st0.gOffset(), 2 * st0.gOffset() + 20));
        assertEquals("0000000000000000", hex.substring(0, 16));
    }

    @Test
    void tooShortBufferIsAnErrorNamingSizes() {
        RegsetBuffers regs = new RegsetBuffers(new Fixtures.FakeKernel()
                .put(Regset.NT_X86_XSTATE, new byte[576]));
        int zmm31h = layout.register("zmm31h").orElseThrow().regnum();
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> codec.read(zmm31h, regs));
        assertTrue(e.getMessage().contains("576 bytes"), e.getMessage());
        assertTrue(e.getMessage().contains("zmm31h"), e.getMessage());
    }

    @Test
    void pkruComesFromItsComponent() {
        XsaveLayout xs = Fixtures.amdZen4Pkru();
        TargetLayout l = Amd64Linux.layout(xs);
        RegisterCodec c = new RegisterCodec(l);
        byte[] buf = new byte[xs.size()];
        Bytes.putLong(buf, XsaveLayout.HEADER_OFFSET, 8, 0x200);
        Bytes.putLong(buf, 2432, 4, 0x55555554L);
        RegsetBuffers regs = new RegsetBuffers(new Fixtures.FakeKernel()
                .put(Regset.NT_X86_XSTATE, buf));
        assertEquals(0x55555554L, Fixtures.le(c.read(l.register("pkru").orElseThrow().regnum(),
                regs)));
    }
}
