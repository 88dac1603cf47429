package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;

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
}
