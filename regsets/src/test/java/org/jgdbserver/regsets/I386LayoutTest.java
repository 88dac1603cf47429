package org.jgdbserver.regsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class I386LayoutTest {
    private static final List<String> CORE = List.of("eax", "ecx", "edx", "ebx", "esp", "ebp",
            "esi", "edi", "eip", "eflags", "cs", "ss", "ds", "es", "fs", "gs");

    @Test
    void numberingMatchesGdbI386Linux() {
        TargetLayout l = I386Linux.layout(XsaveLayout.intelStandard(0x2ff));
        for (int i = 0; i < CORE.size(); i++) {
            assertEquals(CORE.get(i), l.register(i).name());
        }
        assertEquals("st0", l.register(16).name());
        assertEquals("fop", l.register(31).name());
        assertEquals("xmm0", l.register(32).name());
        assertEquals("mxcsr", l.register(40).name());
        assertEquals("orig_eax", l.register(41).name());
        assertEquals("ymm0h", l.register(42).name());
        assertEquals("bnd0raw", l.register(50).name());
        assertEquals("k0", l.register(56).name());
        assertEquals("zmm7h", l.register(71).name());
        assertEquals("pkru", l.register(72).name());
        assertEquals(73, l.registerCount());
        assertEquals("i386", l.architecture());
        assertEquals(8, l.pcRegnum());
        assertEquals(4, l.spRegnum());
        assertEquals(5, l.fpRegnum());
        assertTrue(l.register("xmm8").isEmpty());
        assertTrue(l.register("fs_base").isEmpty(), "gdbserver gives i386 no segments feature");
        assertEquals(41 + 1, I386Linux.layout(null).registerCount());
    }

    @Test
    void compatPrstatusMapping() {
        TargetLayout l = I386Linux.layout(Fixtures.amdZen4());
        // i386 user_regs_struct: ebx ecx edx esi edi ebp eax xds xes xfs xgs orig_eax eip xcs
        // eflags esp xss; word i holds 0x1000 + i.
        byte[] gregs = new byte[I386Linux.USER_REGS_SIZE_32];
        for (int i = 0; i < 17; i++) {
            Bytes.putLong(gregs, 4 * i, 4, 0x1000 + i);
        }
        RegsetBuffers regs = new RegsetBuffers(new Fixtures.FakeKernel()
                .put(Regset.NT_PRSTATUS, gregs));
        RegisterCodec c = new RegisterCodec(l);
        String[] kernelOrder = {"ebx", "ecx", "edx", "esi", "edi", "ebp", "eax", "ds", "es", "fs",
            "gs", "orig_eax", "eip", "cs", "eflags", "esp", "ss"};
        for (int i = 0; i < kernelOrder.length; i++) {
            RegisterDef r = l.register(kernelOrder[i]).orElseThrow();
            assertEquals(0x1000 + i, Fixtures.le(c.read(r.regnum(), regs)), kernelOrder[i]);
        }
        assertEquals(68, l.minimumRegsetSize(Regset.NT_PRSTATUS));

        c.write(l.pcRegnum(), Bytes.ofLong(0x08049000L, 4), regs);
        assertEquals(0x08049000L, Bytes.getLong(regs.dirty().get(Regset.NT_PRSTATUS), 48, 4));
    }

    @Test
    void amd64FormSignExtendsEaxAndOrigEax() {
        TargetLayout l = I386Linux.layout(null, I386Linux.GregsForm.AMD64_FORM);
        byte[] gregs = new byte[Amd64Linux.USER_REGS_SIZE];
        Bytes.putLong(gregs, 10 * 8, 8, 0xffff_ffff_8000_0001L); // rax
        Bytes.putLong(gregs, 16 * 8, 8, 0x0804_9000L); // rip
        RegsetBuffers regs = new RegsetBuffers(new Fixtures.FakeKernel()
                .put(Regset.NT_PRSTATUS, gregs));
        RegisterCodec c = new RegisterCodec(l);
        assertEquals(0x8000_0001L, Fixtures.le(c.read(0, regs)));
        assertEquals(0x0804_9000L, Fixtures.le(c.read(l.pcRegnum(), regs)));

        int origEax = l.register("orig_eax").orElseThrow().regnum();
        c.write(origEax, Bytes.ofLong(0xffff_ffffL, 4), regs); // -1: "not in a syscall"
        c.write(3, Bytes.ofLong(0x8000_0000L, 4), regs); // ebx: zero-extended
        byte[] out = regs.dirty().get(Regset.NT_PRSTATUS);
        assertEquals(-1L, Bytes.getLong(out, 15 * 8, 8));
        assertEquals(0x8000_0000L, Bytes.getLong(out, 5 * 8, 8));
        assertEquals(Regset.NT_PRFPREG, l.register("st0").orElseThrow().slot().regset());
    }

    @Test
    void compatWithoutXsaveUsesPrxfpregAndRejectsFsaveFormat() {
        TargetLayout l = I386Linux.layout(null);
        RegisterDef xmm7 = l.register("xmm7").orElseThrow();
        assertEquals(Regset.NT_PRXFPREG, xmm7.slot().regset());
        byte[] fx = new byte[512];
        java.util.Arrays.fill(fx, 160 + 7 * 16, 160 + 8 * 16, (byte) 0x37);
        RegisterCodec c = new RegisterCodec(l);
        byte[] v = c.read(xmm7.regnum(), new RegsetBuffers(new Fixtures.FakeKernel()
                .put(Regset.NT_PRXFPREG, fx)));
        assertArrayEquals(java.util.Arrays.copyOfRange(fx, 272, 288), v);
        // A 108-byte FSAVE image (what NT_PRFPREG is in the i386 view) is refused loudly.
        assertThrows(IllegalStateException.class, () -> c.read(xmm7.regnum(),
                new RegsetBuffers(new Fixtures.FakeKernel().put(Regset.NT_PRXFPREG,
                        new byte[108]))));
    }

    @Test
    void avx512For32BitTasksIsOpmaskAndLowZmmOnly() {
        XsaveLayout amd = Fixtures.amdZen4();
        TargetLayout l = I386Linux.layout(amd);
        assertEquals(List.of("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "zmm0h", "zmm1h",
                "zmm2h", "zmm3h", "zmm4h", "zmm5h", "zmm6h", "zmm7h"),
                l.registersOf(X86Features.AVX512).stream().map(RegisterDef::name).toList());
        assertEquals(896 + 7 * 32, l.register("zmm7h").orElseThrow().slot().offset());
        assertEquals(832, l.register("k0").orElseThrow().slot().offset());
    }
}
