package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code R}: gdb restarts the program with it when vRun is off ({@code set remote run-packet off});
 * the server starts the last program again with the last arguments and replies nothing.
 */
class RestartTest extends E2eTestBase {
    private static final String SRC = "session\\.c:\\d+";

    @Test
    void runWithoutVRunRestartsWithTheLastArguments() {
        String prog = E2e.bin("session").toString();
        ServerProcess s = serverOnPort("--multi", prog, "3");
        long first = s.inferiorPid();
        Gdb.Result r = gdb("set remote run-packet off", "file " + prog, extendedTarget(s), "break compute", "run",
                "info inferiors", "run", "delete", "continue");
        expect(r, "^Breakpoint 1, compute \\(a=0, b=1\\) at .*" + SRC + "$",
                "^\\* 1\\s+process (\\d+)\\s",
                "^Breakpoint 1, compute \\(a=0, b=1\\) at .*" + SRC + "$",
                // 3 rounds, as on the command line: 43 (053)
                "^\\[Inferior 1 \\(process \\d+\\) exited with code 053\\]$");
        List<String> pids = all(r, "^\\* 1\\s+process (\\d+)\\s");
        long second = Long.parseLong(pids.get(0));
        long third = Long.parseLong(all(r, "^\\[Inferior 1 \\(process (\\d+)\\) exited").get(0));
        assertNotEquals(first, second, context(r));
        assertNotEquals(second, third, context(r));
        assertTrue(!E2e.alive(first) && !E2e.alive(second), context(r));
        assertEquals(2, all(new Gdb.Result(0, s.log(), List.of()), "(?m)^GDBserver restarting$").size(), s.log());
    }
}
