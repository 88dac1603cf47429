package org.jgdbserver.regsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class Aarch64LayoutTest {
    private final TargetLayout all = Aarch64Linux.layout(new Aarch64Linux.Options(true, true, 2));

    @Test
    void numberingAndOffsets() {
        for (int i = 0; i < 31; i++) {
            assertEquals("x" + i, all.register(i).name());
            assertEquals(8 * i, all.register(i).gOffset());
        }
        assertEquals("sp", all.register(31).name());
        assertEquals("pc", all.register(32).name());
        assertEquals("cpsr", all.register(33).name());
        assertEquals(4, all.register(33).byteSize());
        assertEquals("v0", all.register(34).name());
        assertEquals(268, all.register(34).gOffset());
        assertEquals("fpsr", all.register(66).name());
        assertEquals("fpcr", all.register(67).name());
        assertEquals("pauth_dmask", all.register(68).name());
        assertEquals("pauth_cmask", all.register(69).name());
        assertEquals("tag_ctl", all.register(70).name());
        assertEquals("tpidr", all.register(71).name());
        assertEquals("tpidr2", all.register(72).name());
        assertEquals(32, all.pcRegnum());
        assertEquals(31, all.spRegnum());
        assertEquals(29, all.fpRegnum());
        assertEquals(Aarch64Linux.USER_PT_REGS_SIZE, all.minimumRegsetSize(Regset.NT_PRSTATUS));
        assertEquals(520, all.minimumRegsetSize(Regset.NT_PRFPREG));
        assertEquals(69, Aarch64Linux.layout(Aarch64Linux.Options.basic()).registerCount());
        int sum = all.registers().stream().mapToInt(RegisterDef::byteSize).sum();
        assertEquals(sum, all.gPacketSize());
        assertEquals(8 * 33 + 4 + 16 * 32 + 8 + 5 * 8, all.gPacketSize());
    }

    @Test
    void decodesUserPtRegsAndFpsimdState() {
        byte[] gregs = new byte[Aarch64Linux.USER_PT_REGS_SIZE];
        for (int i = 0; i < 34; i++) {
            Bytes.putLong(gregs, 8 * i, 8, 0x1000L * i + 7);
        }
        Bytes.putLong(gregs, 33 * 8, 8, 0x6000_0000L); // pstate: Z and C
        byte[] fp = new byte[Aarch64Linux.USER_FPSIMD_SIZE];
        Arrays.fill(fp, 16 * 31, 16 * 32, (byte) 0x31);
        Bytes.putLong(fp, 512, 4, 0x0800_0000L); // fpsr QC
        Bytes.putLong(fp, 516, 4, 0x0040_0000L); // fpcr RMode=1
        RegsetBuffers regs = new RegsetBuffers(new Fixtures.FakeKernel()
                .put(Regset.NT_PRSTATUS, gregs).put(Regset.NT_PRFPREG, fp));
        RegisterCodec c = new RegisterCodec(all);
        assertEquals(0x1000L * 29 + 7, Fixtures.le(c.read(29, regs)));
        assertEquals(0x1000L * 31 + 7, Fixtures.le(c.read(all.spRegnum(), regs)));
        assertEquals(0x1000L * 32 + 7, Fixtures.le(c.read(all.pcRegnum(), regs)));
        assertEquals(0x6000_0000L, Fixtures.le(c.read(33, regs)));
        byte[] v31 = new byte[16];
        Arrays.fill(v31, (byte) 0x31);
        assertArrayEquals(v31, c.read(65, regs));
        assertEquals(0x0800_0000L, Fixtures.le(c.read(66, regs)));
        assertEquals(0x0040_0000L, Fixtures.le(c.read(67, regs)));
        assertNull(c.read(68, regs), "no NT_ARM_PAC_MASK from this kernel");

        c.write(33, Bytes.ofLong(0x8000_0000L, 4), regs);
        // cpsr is written into the 8-byte pstate, upper half zeroed
        assertEquals(0x8000_0000L, Bytes.getLong(regs.dirty().get(Regset.NT_PRSTATUS), 264, 8));
    }
}
