package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Target-side breakpoint conditions and commands ({@code ConditionalBreakpoints},
 * {@code BreakpointCommands}): gdb compiles the condition to an agent expression, sends it with
 * {@code Z0}/{@code Z1}, and the server reports only the hits where it holds. That it is the
 * server which filters the hits shows in the stop replies it sends ({@code --remote-debug}):
 * a handful for the dynamic linker's events and the one hit, not one per call as gdb's own
 * evaluation takes. bp_loop calls bp_target() N times; the global {@code hits} counts the calls
 * made before this one.
 */
class BreakpointConditionsTest extends E2eTestBase {
    private static final Pattern STOP_REPLY = Pattern.compile("putpkt \\(\"\\$?T[0-9a-f]{2}");
    /** Stops that are not bp_target's: the dynamic linker's shared-library events (6 here). */
    private static final int OTHER_STOPS = 20;

    private static int stopReplies(ServerProcess s) {
        Matcher m = STOP_REPLY.matcher(s.log());
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @Test
    void conditionEvaluatedByTheTargetStopsOnceWhereItHolds() {
        ServerProcess s = serverOnPort("--once", "--remote-debug", E2e.bin("bp_loop").toString(), "1000");
        long pid = s.inferiorPid();
        Gdb.Result r = gdb(target(s), "set breakpoint condition-evaluation target", "break bp_target if hits == 500",
                "continue", "print hits", "info breakpoints", "continue");
        expect(r, "^Breakpoint 1, bp_target \\(\\) at .*bp_loop\\.c:\\d+$",
                "^\\$1 = 500$",
                "^\\s+stop only if hits == 500 \\(target evals\\)$",
                "^\\s+breakpoint already hit 1 time$",
                "^\\[Inferior 1 \\(process " + pid + "\\) exited normally\\]$");
        expectNot(r, "(?i)does not support breakpoint condition evaluation|host evaluation mode");
        s.awaitExit(Duration.ofSeconds(20));
        int stops = stopReplies(s);
        assertTrue(stops >= 1 && stops < OTHER_STOPS, stops + " stop replies for one conditional hit\n" + context(r));
    }

    @Test
    void falseConditionNeverStops() {
        ServerProcess s = serverOnPort("--once", "--remote-debug", E2e.bin("bp_loop").toString(), "1000");
        long pid = s.inferiorPid();
        Gdb.Result r = gdb(target(s), "set breakpoint condition-evaluation target", "break bp_target if hits < 0",
                "continue");
        expect(r, "^\\[Inferior 1 \\(process " + pid + "\\) exited normally\\]$");
        expectNot(r, "Breakpoint 1, |(?i)host evaluation mode");
        s.awaitExit(Duration.ofSeconds(20));
        assertTrue(stopReplies(s) < OTHER_STOPS, stopReplies(s) + " stop replies\n" + context(r));
    }

    @Test
    void conditionOnArgumentsReadsRegistersAndTheStack() {
        // a and b live in compute's frame: gdb's bytecode starts from the frame base register.
        ServerProcess s = serverOnPort("--once", "--remote-debug", E2e.bin("session").toString(), "300");
        long pid = s.inferiorPid();
        Gdb.Result r = gdb(target(s), "set breakpoint condition-evaluation target",
                "break compute if a == 200 && b == 201", "continue", "print a", "delete", "continue");
        expect(r, "^Breakpoint 1, compute \\(a=200, b=201\\) at .*session\\.c:\\d+$",
                "^\\$1 = 200$",
                "^\\[Inferior 1 \\(process " + pid + "\\) exited with code \\d+\\]$");
        s.awaitExit(Duration.ofSeconds(20));
        assertTrue(stopReplies(s) < OTHER_STOPS, stopReplies(s) + " stop replies\n" + context(r));
    }

    @Test
    void hardwareBreakpointWithATargetCondition() {
        ServerProcess s = serverOnPort("--once", "--remote-debug", E2e.bin("bp_loop").toString(), "1000");
        long pid = s.inferiorPid();
        Gdb.Result r = gdb(target(s), "set breakpoint condition-evaluation target", "hbreak bp_target if hits == 700",
                "continue", "print hits", "continue");
        expect(r, "^Breakpoint 1, bp_target \\(\\) at .*bp_loop\\.c:\\d+$",
                "^\\$1 = 700$",
                "^\\[Inferior 1 \\(process " + pid + "\\) exited normally\\]$");
        s.awaitExit(Duration.ofSeconds(20));
        assertTrue(stopReplies(s) < OTHER_STOPS, stopReplies(s) + " stop replies\n" + context(r));
    }

    @Test
    void changedConditionReplacesTheOldOne() {
        // gdb re-sends Z0 at the same address with the new list; one z0 must still remove it.
        ServerProcess s = serverOnPort("--once", E2e.bin("bp_loop").toString(), "1000");
        long pid = s.inferiorPid();
        Gdb.Result r = gdb(target(s), "set breakpoint condition-evaluation target", "break bp_target if hits == 100",
                "continue", "condition 1 hits == 300", "continue", "print hits", "delete", "continue");
        expect(r, "^Breakpoint 1, bp_target ",
                "^Breakpoint 1, bp_target ",
                "^\\$1 = 300$",
                "^\\[Inferior 1 \\(process " + pid + "\\) exited normally\\]$");
        s.awaitExit(Duration.ofSeconds(20));
    }

    @Test
    void agentDprintfPrintsOnTheServerWithoutStopping() {
        ServerProcess s = serverOnPort("--once", E2e.bin("bp_loop").toString(), "5");
        long pid = s.inferiorPid();
        Gdb.Result r = gdb(target(s), "set dprintf-style agent", "dprintf bp_target,\"agent hit %ld of %d\\n\", hits, 5",
                "info breakpoints", "continue");
        expect(r, "^Dprintf 1 at 0x[0-9a-f]+: file .*bp_loop\\.c, line \\d+\\.$",
                "^\\s+agent-printf \"agent hit %ld of %d\\\\n\", hits, 5$",
                "^\\[Inferior 1 \\(process " + pid + "\\) exited normally\\]$");
        expectNot(r, "(?i)cannot run dprintf|doesn't support breakpoints that have target side commands|Breakpoint 1, ");
        s.awaitExit(Duration.ofSeconds(20));
        List<String> lines = List.of("agent hit 0 of 5", "agent hit 1 of 5", "agent hit 2 of 5", "agent hit 3 of 5",
                "agent hit 4 of 5");
        E2e.waitUntil("the server printed 5 lines", Duration.ofSeconds(10), () -> s.stdout.lines().containsAll(lines),
                () -> context(r));
        assertEquals(lines, s.stdout.lines().stream().filter(l -> l.contains("agent hit")).toList(), context(r));
    }
}
