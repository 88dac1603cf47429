package org.jgdbserver.rsp.registers;

import org.jgdbserver.rsp.registers.RegsHarness.Kind;
import org.jgdbserver.rsp.registers.RegsHarness.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static org.jgdbserver.rsp.registers.RegsHarness.field;
import static org.jgdbserver.rsp.registers.RegsHarness.lanes;
import static org.jgdbserver.rsp.registers.RegsHarness.mark;
import static org.jgdbserver.rsp.registers.RegsHarness.section;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * gdb 13.1 and a 32-bit program (native/target/bin32/regs) through our server: {@code info registers},
 * the AVX-512 state an i386 process has (k0-k7, zmm0-7), writes seen by the program, and the register
 * table against /usr/bin/gdbserver's.
 *
 * <p>gdbserver 13 on this AMD EPYC shows, at regs_stop, {@code k2 0x0} and {@code k7 0x0} (the program
 * holds 0xff00ff0f0f0f0f and 0x7b7b7b7b13579bdf) and the upper half of zmm2 as zeros, and loses the
 * writes to $zmm2's upper half and $k7 (regs exits with 0220) — the Intel-offset XSAVE reading again.
 */
class I386RegistersTest {
    private static final Pattern AVX512 = Pattern.compile("k[0-7]|zmm[0-7]");
    static final String[] GPR_NAMES = {"eax", "ebx", "ecx", "edx", "esi", "edi"};

    private RegsHarness h;
    private Path prog;

    @BeforeEach
    void setUp() {
        RegsHarness.assumeTools();
        prog = RegsHarness.program(true);
        h = new RegsHarness();
    }

    @AfterEach
    void tearDown() {
        if (h != null) {
            h.close();
        }
    }

    /** regs.c's in_gpr[i] on i386: eax ebx ecx edx esi edi. */
    static long gpr(int i) {
        return 0xa0a00000L | ((long) i << 8) | i;
    }

    static List<String> session() {
        List<String> c = new ArrayList<>();
        c.add("continue"); // SIGUSR1 inside tgkill
        c.addAll(mark("orig_eax_in_raise", "p $orig_eax"));
        c.addAll(mark("tgkill", "p raise_syscall_nr"));
        // In raise(), before the program touches them: x87, ZMM_Hi256 (and on i386 opmask) are in their init
        // state there (XSTATE_BV bits clear; see regs.c), so these writes also prove the server sets the bits.
        c.addAll(mark("zmm6_in_raise", "p/x $zmm6.v16_int32[15]"));
        c.add("set $zmm6.v16_int32[15] = 0x66666666");
        c.add("set $k5 = 0x5555aaaa");
        c.addAll(mark("fctrl_in_raise", "p/x $fctrl"));
        c.add("set $fctrl = 0x37b");
        c.addAll(mark("fctrl_written", "p/x $fctrl"));
        c.addAll(mark("zmm6_written", "p/x $zmm6.v16_int32[15]"));
        c.addAll(mark("k5_written", "p/x $k5"));
        c.add("break *regs_stop");
        c.add("continue");
        c.addAll(mark("at_regs_stop", "p (long) $pc == (long) &regs_stop"));
        c.addAll(section("info", "info registers"));
        c.addAll(mark("orig_eax", "p $orig_eax"));
        c.addAll(mark("zmm2", "p/x $zmm2.v16_int32"));
        c.addAll(mark("ymm5", "p/x $ymm5.v8_int32"));
        c.addAll(mark("xmm3", "p/x $xmm3.v4_int32"));
        c.addAll(mark("k7", "p/x $k7"));
        c.addAll(mark("st0", "p $st0"));
        c.addAll(section("all", "info all-registers"));
        c.add("set $eax = 0xcafef00d");
        c.add("set $xmm3.v4_int32[1] = 0x13572468");
        c.add("set $ymm5.v8_int32[6] = 0x5a5a5a5a");
        c.add("set $zmm2.v16_int32[12] = 0x22223333");
        c.add("set $k7 = 0x1122334455667788");
        c.add("set $st0 = 2.5");
        c.addAll(mark("eax_after_write", "p/x $eax"));
        c.add("continue");
        return c;
    }

    @Test
    void infoRegistersShowsTheValuesTheProgramHoldsAndWritesReachIt() {
        Session s = h.run(Kind.JGDBSERVER, prog, session());
        String d = s.describe();
        Map<String, String> m = s.marks();
        assertEquals("270", m.get("tgkill"), d);
        assertEquals(m.get("tgkill"), m.get("orig_eax_in_raise"), d);
        assertEquals("0x0", m.get("zmm6_in_raise"), d);
        assertEquals("0x66666666", m.get("zmm6_written"), d);
        assertEquals("0x5555aaaa", m.get("k5_written"), d);
        assertEquals("0x37f", m.get("fctrl_in_raise"), d);
        assertEquals("0x37b", m.get("fctrl_written"), d);
        assertEquals("1", m.get("at_regs_stop"), d);
        assertEquals("-1", m.get("orig_eax"), d);

        Map<String, String> info = s.registers("info");
        for (int i = 0; i < GPR_NAMES.length; i++) {
            assertTrue(info.get(GPR_NAMES[i]).startsWith("0x" + Long.toHexString(gpr(i)) + " "),
                    GPR_NAMES[i] + ": " + info.get(GPR_NAMES[i]) + d);
        }
        assertTrue(info.get("eip").contains("<load_and_stop+"), d);
        assertTrue(info.get("esp").matches("0x[0-9a-f]+\\s+0x[0-9a-f]+"), d);
        assertTrue(info.get("cs").startsWith("0x23 "), "32-bit user code segment: " + info.get("cs") + d);
        assertTrue(info.get("ss").startsWith("0x2b "), d);
        assertTrue(info.get("gs").matches("0x[1-9a-f][0-9a-f]*\\s+\\d+"), "glibc's TLS segment: " + info.get("gs") + d);
        assertTrue(info.get("k7").startsWith("0x7b7b7b7b13579bdf "), d);
        assertTrue(info.get("k2").startsWith("0xff00ff0f0f0f0f "), d);

        assertEquals(lanes(0x02000000L, 16), m.get("zmm2"), d);
        assertEquals(lanes(0x50000000L, 8), m.get("ymm5"), d);
        assertEquals(lanes(0x30000000L, 4), m.get("xmm3"), d);
        assertEquals("0x7b7b7b7b13579bdf", m.get("k7"), d);
        assertEquals("3.14159265358979323851", m.get("st0"), d);
        Map<String, String> all = s.registers("all");
        assertEquals(lanes(0x02000000L, 16), field(all.get("zmm2"), "v16_int32"), d);
        assertTrue(all.containsKey("zmm7") && !all.containsKey("zmm8"), "i386: zmm0-7 only: " + all.keySet() + d);

        assertEquals("0xcafef00d", m.get("eax_after_write"), d);
        assertTrue(s.output().contains("exited normally]"), "regs saw every write (exit 0)" + d);
        assertTrue(s.serverOut().contains("regs: all registers as expected (0x00)"), d);
    }

    @Test
    void infoAllRegistersMatchesGdbserverExceptWhereGdbserverMisreadsAvx512() {
        Session ours = h.run(Kind.JGDBSERVER, prog, session());
        Session theirs = h.run(Kind.GDBSERVER, prog, session());
        String d = ours.describe() + theirs.describe();
        Map<String, String> a = ours.registers("all");
        Map<String, String> b = theirs.registers("all");
        assertEquals(List.copyOf(b.keySet()), List.copyOf(a.keySet()), d);
        TreeSet<String> differ = new TreeSet<>();
        for (String r : a.keySet()) {
            if (!a.get(r).equals(b.get(r))) {
                differ.add(r);
            }
        }
        for (String r : differ) {
            assertTrue(AVX512.matcher(r).matches(), r + " differs:\n ours:      " + a.get(r) + "\n gdbserver: " + b.get(r) + d);
        }
        if (Amd64RegistersTest.amdXsaveLayout()) {
            System.out.println("gdbserver, i386 program: k7 " + b.get("k7") + ", zmm2 v16_int32 "
                    + field(b.get("zmm2"), "v16_int32") + "; regs exit: " + Amd64RegistersTest.exitLine(theirs.output()));
            assertTrue(differ.containsAll(List.of("k2", "k7", "zmm2")), "differ: " + differ + d);
        } else {
            assertEquals(new TreeSet<>(), differ, d);
        }
    }

    @Test
    void remoteRegisterTableMatchesGdbserver() {
        List<String> cmds = List.of("maint print remote-registers", "kill");
        Session ours = h.run(Kind.JGDBSERVER, prog, cmds);
        Session theirs = h.run(Kind.GDBSERVER, prog, cmds);
        List<String> a = ours.remoteRegisterTable();
        List<String> b = theirs.remoteRegisterTable();
        String d = ours.describe() + theirs.describe();
        assertTrue(b.size() > 50, "gdbserver's table: " + b.size() + " lines" + d);
        assertTrue(b.stream().anyMatch(l -> l.startsWith(" orig_eax ")), d);
        assertTrue(b.stream().anyMatch(l -> l.startsWith(" k7 ")), d);
        assertEquals(String.join("\n", b), String.join("\n", a), "register numbers, offsets, sizes, types, g offsets" + d);
    }
}
