package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code target remote} with {@code follow-fork-mode child}: gdb detaches the parent and goes on
 * with the child, which the server must keep serving although it neither started nor attached
 * to it (gdb.base/foll-fork.exp, gdb.threads/fork-thread-pending.exp).
 */
class FollowForkChildTest extends E2eTestBase {

    @Test
    void theFollowedChildIsServedAfterTheParentIsDetached() {
        ServerProcess s = serverOnPort("--once", E2e.bin("forker").toString(), "fork");
        long pid = s.inferiorPid();
        Gdb.Result r = gdb(target(s), "set follow-fork-mode child", "set detach-on-fork on", "break in_child",
                "continue", "bt 1", "continue");
        expect(r, "^\\[Detaching after fork from parent process " + pid + "\\]$",
                "^Thread \\d+\\.\\d+ \"forker\" hit Breakpoint 1, in_child \\(\\) at .*forker\\.c:\\d+$|"
                        + "^Breakpoint 1, in_child \\(\\) at .*forker\\.c:\\d+$",
                "^#0  in_child \\(\\) at .*forker\\.c:\\d+$",
                "^\\[Inferior 2 \\(process \\d+\\) exited with code 07\\]$");
        expectNot(r, "Remote (connection closed|communication error)");
        s.awaitExit(Duration.ofSeconds(20));
    }

    /**
     * Non-stop with {@code detach-on-fork off} (gdb.base/inferior-died.exp): the child, stopped
     * since its fork event, runs with gdb's next vCont and hits its breakpoint; its removed
     * inherited breakpoints are taken out of its memory; both exits reach gdb before the
     * server, whose program is gone, ends with the connection.
     */
    @Test
    void nonStopKeepsBothInferiorsAndReportsBothExits() {
        Duration t = Duration.ofSeconds(30);
        ServerProcess s = serverOnPort("--once", E2e.bin("forker").toString(), "fork");
        MiGdb mi = mi();
        mi.command("-gdb-set mi-async on");
        mi.command("-gdb-set non-stop on");
        mi.command("-file-exec-and-symbols " + E2e.bin("forker"));
        mi.command("-target-select remote :" + s.port(), t);
        mi.cli("set detach-on-fork off");
        mi.command("-break-insert in_child", t);
        mi.command("-exec-continue --all", t);
        mi.awaitRecord("^\\*stopped,reason=\"breakpoint-hit\".*func=\"in_child\"", t);
        mi.command("-exec-continue --all", t);
        // Both exits reach gdb (the child's 7, then the parent's, which returns the child's).
        mi.awaitRecord("^=thread-group-exited,id=\"i2\",exit-code=\"07\"", t);
        mi.awaitRecord("^=thread-group-exited,id=\"i1\",exit-code=\"07\"", t);
        String all = mi.transcript();
        assertTrue(!all.contains("Remote connection closed") && !all.contains("Remote communication error")
                && !all.contains("Cannot remove breakpoints"), all);
        // gdb closed the connection after the last exit; the server, its program gone, ends.
        s.awaitExit(Duration.ofSeconds(20));
    }
}
