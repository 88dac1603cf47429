package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@code target remote} against {@code jgdbserver [--once] :0 PROG}: the scripted session of a
 * user at a C program (session.c unless said otherwise), checked on gdb's own output.
 */
class RemoteSessionTest extends E2eTestBase {
    private static final String SRC = "session\\.c:\\d+";

    @Test
    void breakpointBacktraceRegistersLocalsGlobalsAndExit() {
        ServerProcess s = serverOnPort("--once", E2e.bin("session").toString(), "3");
        long pid = s.inferiorPid();
        Gdb.Result r = gdb(target(s), "break compute", "continue", "bt", "info registers rip", "print a", "print b",
                "print g_int", "print g_double", "print g_str", "print g_point", "print g_array", "print g_point.y * 10",
                "print $pc == $rip", "delete", "continue");
        expect(r, "^Breakpoint 1 at 0x[0-9a-f]+: file .*session\\.c, line \\d+\\.$",
                "^Breakpoint 1, compute \\(a=0, b=1\\) at .*" + SRC + "$",
                "^\\d+\\s+int sum = a \\+ b; /\\* compute-first \\*/$",
                "^#0  compute \\(a=0, b=1\\) at .*" + SRC + "$",
                "^#1  0x[0-9a-f]+ in main \\(argc=2, argv=0x[0-9a-f]+\\) at .*" + SRC + "$",
                "^rip\\s+0x[0-9a-f]+\\s+0x[0-9a-f]+ <compute\\+\\d+>$",
                "^\\$1 = 0$", "^\\$2 = 1$", "^\\$3 = 42$", "^\\$4 = 2\\.5$", "^\\$5 = 0x[0-9a-f]+ \"hello\"$",
                "^\\$6 = \\{x = 3, y = 4\\}$", "^\\$7 = \\{1, 2, 3, 4\\}$", "^\\$8 = 40$", "^\\$9 = 1$",
                "^\\[Inferior 1 \\(process " + pid + "\\) exited with code 053\\]$");
        expectNot(r, "(?i)warning: (?!remote target does not support file transfer|unable to open /proc file"
                + "|File transfers from remote targets can be slow)");
        assertEquals(0, r.exitStatus(), context(r));
        s.awaitExit(Duration.ofSeconds(20));
        awaitGone(pid, "it exited");
    }

    @Test
    void stepNextAndFinish() {
        ServerProcess s = serverOnPort("--once", E2e.bin("session").toString(), "3");
        long pid = s.inferiorPid();
        Gdb.Result r = gdb(target(s), "break compute", "continue",
                "next", "next", "print sum", "step", "bt", "finish", "next", "info locals", "finish", "next",
                "print total", "kill");
        expect(r, "^Breakpoint 1, compute \\(a=0, b=1\\) at .*" + SRC + "$",
                "^\\d+\\s+int prod = a \\* b;$",
                "^\\d+\\s+int result = square\\(sum\\) \\+ prod; /\\* compute-call \\*/$",
                "^\\$1 = 1$",
                "^square \\(v=1\\) at .*" + SRC + "$",
                "^\\d+\\s+int sq = v \\* v; /\\* square-body \\*/$",
                "^#0  square \\(v=1\\) at .*" + SRC + "$",
                "^#1  0x[0-9a-f]+ in compute \\(a=0, b=1\\) at .*" + SRC + "$",
                "^#2  0x[0-9a-f]+ in main ",
                // (batch mode: no "Run till exit from", as with gdbserver)
                "^compute \\(a=0, b=1\\) at .*" + SRC + "$",
                "^\\d+\\s+int result = square\\(sum\\) \\+ prod; /\\* compute-call \\*/$",
                "^Value returned is \\$2 = 1$",
                "^\\d+\\s+watched = result; /\\* compute-watch \\*/$",
                "^sum = 1$", "^prod = 0$", "^result = 1$",
                "^main \\(argc=2, argv=0x[0-9a-f]+\\) at .*" + SRC + "$",
                "^\\d+\\s+total \\+= compute\\(i, i \\+ 1\\); /\\* main-call \\*/$",
                "^Value returned is \\$3 = 1$",
                "^\\$4 = 1$",
                "^\\[Inferior 1 \\(process " + pid + "\\) killed\\]$");
        s.awaitExit(Duration.ofSeconds(20));
        awaitGone(pid, "gdb killed it");
    }

    @Test
    void hardwareWatchpointOnAGlobal() {
        ServerProcess s = serverOnPort("--once", E2e.bin("session").toString(), "3");
        long pid = s.inferiorPid();
        Gdb.Result r = gdb(target(s), "watch watched", "continue", "continue", "print result", "continue",
                "delete", "continue");
        expect(r, "^Hardware watchpoint 1: watched$",
                "^Hardware watchpoint 1: watched\\s+Old value = 0\\s+New value = 1$",
                "^compute \\(a=0, b=1\\) at .*" + SRC + "$",
                "^Hardware watchpoint 1: watched\\s+Old value = 1\\s+New value = 11$",
                "^compute \\(a=1, b=2\\) at .*" + SRC + "$",
                "^\\$1 = 11$",
                "^Hardware watchpoint 1: watched\\s+Old value = 11\\s+New value = 31$",
                "^\\[Inferior 1 \\(process " + pid + "\\) exited with code 053\\]$");
        expectNot(r, "Software watchpoint|Watchpoint \\d+ deleted|Could not insert");
        s.awaitExit(Duration.ofSeconds(20));
    }

    @Test
    void detachLeavesTheProcessRunning() {
        ServerProcess s = serverOnPort(E2e.bin("loop").toString());
        long pid = own(s.inferiorPid());
        Gdb.Result r = gdb(target(s), "break tick", "continue", "print counter > 0 || counter == 0", "delete",
                "detach");
        expect(r, "^Breakpoint 1, tick \\(\\) at .*loop\\.c:\\d+$",
                "^\\[Inferior 1 \\(process " + pid + "\\) detached\\]$");
        assertEquals(0, r.exitStatus(), context(r));
        assertRunsFree(pid);
    }

    @Test
    void serverDetachedFromItsChildStaysUntilTheChildExits() {
        ServerProcess s = serverOnPort(E2e.bin("loop").toString());
        long pid = own(s.inferiorPid());
        Gdb.Result r = gdb(target(s), "detach");
        expect(r, "^\\[Inferior 1 \\(process " + pid + "\\) detached\\]$");
        assertRunsFree(pid);
        // gdbserver "hangs around doing nothing until the child is gone", then exits.
        E2e.holdsFor("server stays while its detached child runs", Duration.ofSeconds(1), s::isAlive,
                this::serverLogs);
        E2e.killQuietly(pid);
        s.awaitExit(Duration.ofSeconds(20));
    }

    @Test
    void interruptWithSigintToGdbWhileRunning() {
        ServerProcess s = serverOnPort("--once", E2e.bin("loop").toString());
        long pid = own(s.inferiorPid());
        Gdb.Running g = gdbStart(target(s), "continue", "bt", "print counter > 0", "kill");
        // The program runs under gdb's `continue`; then Ctrl-C, as a user at the terminal.
        E2e.waitUntil("program runs under continue", Duration.ofSeconds(30), () -> runningFor(pid),
                () -> g.out.text() + "\n" + serverLogs());
        signal(g.process.pid(), "INT");
        Gdb.Result r = g.await(Duration.ofSeconds(60));
        expect(r, "^Program received signal SIGINT, Interrupt\\.$",
                "^#\\d+ .*(main|tick) ", "^\\$1 = 1$",
                "^\\[Inferior 1 \\(process " + pid + "\\) killed\\]$");
        awaitGone(pid, "killed");
    }

    /** Running: not stopped by ptrace and making progress. */
    static boolean runningFor(long pid) {
        long before = E2e.contextSwitches(pid);
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !E2e.state(pid).startsWith("t") && E2e.contextSwitches(pid) > before;
    }

    static void signal(long pid, String sig) {
        try {
            Process k = new ProcessBuilder("kill", "-" + sig, Long.toString(pid)).inheritIO().start();
            assertEquals(0, k.waitFor(), "kill -" + sig + " " + pid);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
