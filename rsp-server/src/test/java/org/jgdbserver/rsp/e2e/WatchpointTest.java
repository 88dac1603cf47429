package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.Test;

/** Hardware watchpoints of shapes the debug registers do not take as they are. */
class WatchpointTest extends E2eTestBase {

    @Test
    void twoBytesAtAnOddAddressAreWatchedWithTwoDebugRegisters() {
        // gdb.base/watchpoint-reuse-slot.exp watches 2 bytes at base + 1: a debug register
        // watches aligned 1/2/4/8-byte pieces only, so the range takes two.
        ServerProcess s = serverOnPort("--once", E2e.bin("memory").toString());
        Gdb.Result r = gdb(target(s), "break main", "continue", "print (long) &buf[15999] % 2",
                "watch -l *(char (*)[2]) &buf[15999]", "continue", "print i", "kill");
        expect(r, "^\\$1 = 1$", "^Hardware watchpoint 2: -location \\*\\(char \\(\\*\\)\\[2\\]\\) &buf\\[15999\\]$",
                "^Hardware watchpoint 2: -location ", "^Old value = ", "^New value = ",
                "^\\$2 = 15999$");
    }
}
