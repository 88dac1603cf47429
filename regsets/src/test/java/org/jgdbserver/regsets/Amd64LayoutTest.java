package org.jgdbserver.regsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class Amd64LayoutTest {

    /**
     * The "maint print remote-registers" table gdb 13 printed against stock gdbserver 13 on
     * this AMD machine (XCR0 0xe7). Every raw register must have the same name, remote number,
     * g offset and size in our layout.
     */
    @Test
    void matchesGdbserverRemoteRegisterTable() throws IOException {
        List<String[]> rows = new ArrayList<>();
        try (InputStream in = getClass().getResourceAsStream(
                "/gdbserver13-amd64-avx512-remote-registers.txt")) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                String[] f = line.trim().split("\\s+");
                // name nr rel offset size type rmtnr goffset: raw registers have all 8 columns
                if (f.length == 8 && f[6].matches("\\d+")) {
                    rows.add(f);
                }
            }
        }
        TargetLayout layout = Amd64Linux.layout(Fixtures.amdZen4());
        assertEquals(148, rows.size(), "raw registers in gdbserver's table");
        assertEquals(rows.size(), layout.registerCount());
        for (String[] f : rows) {
            RegisterDef r = layout.register(f[0]).orElseThrow(
                    () -> new AssertionError("gdbserver has " + f[0] + ", layout does not"));
            assertEquals(Integer.parseInt(f[6]), r.regnum(), f[0] + " remote number");
            assertEquals(Integer.parseInt(f[7]), r.gOffset(), f[0] + " g offset");
            assertEquals(Integer.parseInt(f[4]), r.byteSize(), f[0] + " size");
        }
    }

    @Test
    void expeditedRegistersAreRbpRspRip() {
        TargetLayout l = Amd64Linux.layout(Fixtures.amdZen4());
        assertEquals(16, l.pcRegnum());
        assertEquals(7, l.spRegnum());
        assertEquals(6, l.fpRegnum());
        assertEquals("rip", l.register(l.pcRegnum()).name());
    }

    @Test
    void gPacketSizeIsSumOfRegisterSizes() {
        for (XsaveLayout xs : new XsaveLayout[] {null, XsaveLayout.intelStandard(0x7),
            Fixtures.amdZen4(), XsaveLayout.intelStandard(0x2ff)}) {
            TargetLayout l = Amd64Linux.layout(xs);
            int sum = l.registers().stream().mapToInt(RegisterDef::byteSize).sum();
            assertEquals(sum, l.gPacketSize(), "layout for " + xs);
            RegisterDef last = l.registers().get(l.registerCount() - 1);
            assertEquals(l.gPacketSize(), last.gOffset() + last.byteSize());
        }
    }

    @Test
    void xcr0SelectsFeaturesInGdbOrder() {
        assertEquals(List.of("core", "sse", "linux", "segments"),
                shortNames(Amd64Linux.layout(null)));
        assertEquals(60, Amd64Linux.layout(null).registerCount());
        assertEquals(List.of("core", "sse", "linux", "segments", "avx"),
                shortNames(Amd64Linux.layout(XsaveLayout.intelStandard(0x7))));
        assertEquals(76, Amd64Linux.layout(XsaveLayout.intelStandard(0x7)).registerCount());
        TargetLayout all = Amd64Linux.layout(XsaveLayout.intelStandard(0x2ff));
        assertEquals(List.of("core", "sse", "linux", "segments", "avx", "mpx", "avx512", "pkeys"),
                shortNames(all));
        assertEquals(155, all.registerCount());
        assertEquals(57, all.register("orig_rax").orElseThrow().regnum());
        assertEquals(58, all.register("fs_base").orElseThrow().regnum());
        assertEquals(60, all.register("ymm0h").orElseThrow().regnum());
        assertEquals(76, all.register("bnd0raw").orElseThrow().regnum());
        assertEquals(154, all.register("pkru").orElseThrow().regnum());
        // Bits outside gdbserver's mask (e.g. AMX 17/18) change nothing.
        assertEquals(148, Amd64Linux.layout(new XsaveLayout(0x600e7, 2432,
                new int[] {0, 0, 576, 0, 0, 832, 896, 1408})).registerCount());
    }

    private static List<String> shortNames(TargetLayout l) {
        return l.features().stream().map(f -> f.name().substring(f.name().lastIndexOf('.') + 1))
                .toList();
    }

    @Test
    void generalRegistersComeFromUserRegsStruct() {
        TargetLayout l = Amd64Linux.layout(null);
        // struct user_regs_struct index * 8 (asm/user_64.h)
        String[] order = {"r15", "r14", "r13", "r12", "rbp", "rbx", "r11", "r10", "r9", "r8",
            "rax", "rcx", "rdx", "rsi", "rdi", "orig_rax", "rip", "cs", "eflags", "rsp", "ss",
            "fs_base", "gs_base", "ds", "es", "fs", "gs"};
        for (int i = 0; i < order.length; i++) {
            Slot s = l.register(order[i]).orElseThrow().slot();
            assertEquals(Regset.NT_PRSTATUS, s.regset(), order[i]);
            assertEquals(8 * i, s.offset(), order[i]);
        }
        assertEquals(Amd64Linux.USER_REGS_SIZE, l.minimumRegsetSize(Regset.NT_PRSTATUS));
        // Without XSAVE the x87/SSE state comes from the FXSAVE image.
        assertEquals(Regset.NT_PRFPREG, l.register("xmm15").orElseThrow().slot().regset());
        assertEquals(160 + 15 * 16, l.register("xmm15").orElseThrow().slot().offset());
        assertFalse(l.register("xmm15").orElseThrow().slot().gated());
    }

    @Test
    void avx512SlotsFollowTheXsaveLayoutNotIntelConstants() {
        TargetLayout amd = Amd64Linux.layout(Fixtures.amdZen4());
        TargetLayout intel = Amd64Linux.layout(XsaveLayout.intelStandard(Fixtures.XCR0_AMD));
        assertEquals(832 + 7 * 8, amd.register("k7").orElseThrow().slot().offset());
        assertEquals(1088 + 7 * 8, intel.register("k7").orElseThrow().slot().offset());
        assertEquals(896 + 15 * 32, amd.register("zmm15h").orElseThrow().slot().offset());
        assertEquals(1408 + 15 * 64, amd.register("xmm31").orElseThrow().slot().offset());
        assertEquals(1408 + 15 * 64 + 16, amd.register("ymm31h").orElseThrow().slot().offset());
        assertEquals(1408 + 15 * 64 + 32, amd.register("zmm31h").orElseThrow().slot().offset());
        // Same numbering either way.
        assertEquals(amd.register("zmm31h").orElseThrow().regnum(),
                intel.register("zmm31h").orElseThrow().regnum());
        assertNotEquals(amd.register("zmm31h").orElseThrow().slot(),
                intel.register("zmm31h").orElseThrow().slot());
    }

    @Test
    void xsaveLayoutRejectsMissingOffsets() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new XsaveLayout(0xe7, 2432, new int[] {0, 0, 576}));
        assertTrue(e.getMessage().contains("component 5"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new XsaveLayout(0xe7, 1000, new int[] {0, 0, 576, 0, 0, 832, 896, 1408}));
    }

    @Test
    void xcr0IsReadFromSoftwareReservedBytes() {
        byte[] xs = new byte[2432];
        Bytes.putLong(xs, 464, 8, 0x2e7);
        assertEquals(0x2e7, XsaveLayout.xcr0FromXsave(xs));
        assertThrows(IllegalArgumentException.class, () -> XsaveLayout.xcr0FromXsave(new byte[64]));
    }
}
