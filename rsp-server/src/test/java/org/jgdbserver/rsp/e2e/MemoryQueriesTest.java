package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * gdb's {@code find} (qSearch:memory) and {@code compare-sections} (qCRC) against memory.c: a
 * buffer with "needle" across the server's 16000-byte search windows, and a page whose
 * successor is unmapped.
 */
class MemoryQueriesTest extends E2eTestBase {

    private static String prog() {
        return E2e.bin("memory").toString();
    }

    /** Where gdb puts {@code break ready} (the program is not position-independent). */
    private static String readyBreakpointAddress() {
        Gdb.Result r = Gdb.batch(List.of("file " + prog(), "break ready"));
        Matcher m = Pattern.compile("Breakpoint 1 at (0x[0-9a-f]+)").matcher(r.output());
        assertTrue(m.find(), r.describe());
        return m.group(1);
    }

    @Test
    void findSearchesAcrossWindowsAndSeesNoBreakpointBytes() {
        String bp = readyBreakpointAddress();
        ServerProcess s = serverOnPort("--once", prog());
        long pid = s.inferiorPid();
        Gdb.Result r = gdb("file " + prog(), target(s), "set breakpoint always-inserted on", "break ready", "continue",
                "find &buf[0], +100000, \"needle\"",
                "find &buf[15990], +20, \"needle\"",
                "find &buf[0], +15000, \"needle\"",
                "find &buf[15999], +7, \"needle\"",
                // the int3 gdb left inserted is in the program's memory, yet not in what we search
                "shell dd if=/proc/" + pid + "/mem bs=1 skip=$((" + bp + ")) count=1 2>/dev/null | od -An -tx1",
                "find /b " + bp + ", +1, 0xcc",
                "find /b1 edge, +64, 0x78",
                "find edge, +100, \"zz\"");
        expect(r, "^Breakpoint 1, ready \\(\\) at .*memory\\.c:\\d+$",
                "^0x[0-9a-f]+ <buf\\+15998>$", "^0x[0-9a-f]+ <buf\\+70000>$", "^2 patterns found\\.$",
                "^0x[0-9a-f]+ <buf\\+15998>$", "^1 pattern found\\.$",
                "^Pattern not found\\.$",
                "^Pattern not found\\.$",
                "^ cc$",
                "^Pattern not found\\.$",
                "^0x[0-9a-f]+$", "^1 pattern found\\.$",
                "^Pattern not found\\.$");
        // the last search runs into the unmapped page: an error reply, and gdbserver's warning
        s.awaitLog("Unable to access 100 bytes of target memory at 0x[0-9a-f]+, halting search\\.");
    }

    @Test
    void compareSectionsMatchesThenSeesAWrittenByteButNotABreakpoint() {
        ServerProcess s = serverOnPort("--once", prog());
        Gdb.Result r = gdb("file " + prog(), target(s), "compare-sections",
                "set breakpoint always-inserted on", "break ready", "compare-sections .text",
                "set var *(unsigned char *) main = 0xc3", "compare-sections .text", "compare-sections .rodata");
        // at the exec stop nothing is relocated yet: every section matches the file
        String before = r.output().substring(0, Math.max(0, r.output().indexOf("Breakpoint 1 at")));
        List<String> matched = all(new Gdb.Result(0, before, List.of()),
                "^Section (\\S+), range 0x[0-9a-f]+ -- 0x[0-9a-f]+: matched\\.$");
        assertTrue(matched.contains(".text") && matched.contains(".data") && matched.size() >= 10, context(r));
        assertTrue(!before.contains("MIS-MATCHED"), context(r));
        expect(r, "^Breakpoint 1 at ",
                "^Section \\.text, range 0x[0-9a-f]+ -- 0x[0-9a-f]+: matched\\.$",
                "^Section \\.text, range 0x[0-9a-f]+ -- 0x[0-9a-f]+: MIS-MATCHED!$",
                "^Section \\.rodata, range 0x[0-9a-f]+ -- 0x[0-9a-f]+: matched\\.$");
        assertEquals(1, all(r, "MIS-MATCHED").size(), context(r));
    }
}
