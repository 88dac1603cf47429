package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code target remote | jgdbserver - PROG}: the server on gdb's pipe (COMM "-"). */
class StdioTest extends E2eTestBase {

    @Test
    void basicSessionOverStdio() {
        String server = E2e.shellCommand(E2e.serverCommand(List.of("-", E2e.bin("loop").toString(), "5", "3")));
        Gdb.Result r = gdb("target remote | " + server, "break tick", "continue", "bt", "info registers rip",
                "print counter", "next", "delete", "continue");
        expect(r, "^Process .*loop created; pid = (\\d+)$",
                "^Breakpoint 1, tick \\(\\) at .*loop\\.c:\\d+$",
                "^#1  0x[0-9a-f]+ in main \\(argc=3, argv=0x[0-9a-f]+\\) at .*loop\\.c:\\d+$",
                "^rip\\s+0x[0-9a-f]+\\s+0x[0-9a-f]+ <tick\\+\\d+>$",
                "^\\$1 = 0$",
                "^\\d+\\s+if \\(\\(counter & 15\\) == 0\\)$",
                "^\\[Inferior 1 \\(process \\d+\\) exited with code 03\\]$");
        assertEquals(0, r.exitStatus(), context(r));
    }

    @Test
    void stdioServerKillsItsProgramWhenGdbGoes() {
        String server = E2e.shellCommand(E2e.serverCommand(List.of("-", E2e.bin("loop").toString())));
        Gdb.Result r = gdb("target remote | " + server, "break tick", "continue", "disconnect");
        long pid = own(Long.parseLong(all(r, "^Process .*loop created; pid = (\\d+)$").get(0)));
        expect(r, "^Breakpoint 1, tick \\(\\) at .*loop\\.c:\\d+$");
        awaitGone(pid, "its stdio server lost gdb");
    }
}
