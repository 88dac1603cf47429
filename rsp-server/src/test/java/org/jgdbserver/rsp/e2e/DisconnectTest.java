package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * gdbserver's rules when the client goes away: under --once a process the server started is
 * killed and one it attached to is detached (and keeps running), and the server exits.
 */
class DisconnectTest extends E2eTestBase {
    private static final Duration T = Duration.ofSeconds(30);

    @Test
    void onceKillsTheProcessItStartedWhenGdbDisconnects() {
        ServerProcess s = serverOnPort("--once", E2e.bin("loop").toString());
        long pid = own(s.inferiorPid());
        Gdb.Result r = gdb(target(s), "break tick", "continue", "disconnect");
        expect(r, "^Breakpoint 1, tick \\(\\) at .*loop\\.c:\\d+$");
        awaitGone(pid, "--once client disconnected");
        s.awaitExit(T);
    }

    @Test
    void onceKillsTheProcessItStartedWhenGdbDiesWhileItRuns() {
        // GNU gdbserver says "client connection closed" and leaves the program running until
        // it next stops; we kill it at once, as --once promises.
        assumeFalse(E2e.reference(), "gdbserver kills it only when it next stops");
        ServerProcess s = serverOnPort("--once", E2e.bin("loop").toString());
        long pid = own(s.inferiorPid());
        Gdb.Running g = gdbStart(target(s), "break main", "continue", "delete", "continue");
        E2e.waitUntil("program runs under continue", T, () -> g.out.text().contains("Breakpoint 1, main")
                && RemoteSessionTest.runningFor(pid), () -> g.out.text() + "\n" + serverLogs());
        g.kill(); // SIGKILL: the connection just closes
        awaitGone(pid, "--once client died");
        s.awaitExit(T);
    }

    @Test
    void onceDetachesFromTheProcessItAttachedToWhenGdbDisconnectsAtOnce() {
        long pid = startDetached(E2e.bin("loop"));
        ServerProcess s = serverOnPort("--once", "--attach", Long.toString(pid));
        s.awaitLog("Attached; pid = " + pid);
        Gdb.Result r = gdb(target(s), "bt", "disconnect");
        expect(r, "^#\\d+\\s+0x[0-9a-f]+ in main \\(argc=1, argv=0x[0-9a-f]+\\) at .*loop\\.c:\\d+$");
        assertEquals(0, s.awaitExit(T), serverLogs());
        assertRunsFree(pid);
    }

    @Test
    void onceDetachesFromTheProcessItAttachedToWhenGdbDisconnects() {
        long pid = startDetached(E2e.bin("loop"));
        ServerProcess s = serverOnPort("--once", "--attach", Long.toString(pid));
        s.awaitLog("Attached; pid = " + pid);
        Gdb.Result r = gdb(target(s), "break tick", "continue", "delete", "disconnect");
        expect(r, "^Breakpoint 1, tick \\(\\) at .*loop\\.c:\\d+$");
        assertEquals(0, s.awaitExit(T), serverLogs());
        assertRunsFree(pid);
    }

    @Test
    void onceDetachesAndRemovesBreakpointsWhenGdbDiesWhileTheProgramRuns() {
        // A breakpoint is in the code while the program runs when gdb dies; the detached process
        // must not meet it (a stray int3 would kill it with SIGTRAP).
        long pid = startDetached(E2e.bin("loop"));
        ServerProcess s = serverOnPort("--once", "--attach", Long.toString(pid));
        Gdb.Running g = gdbStart(target(s), "break tick", "continue", "print counter", "continue");
        E2e.waitUntil("second continue", T, () -> g.out.text().contains("$1 = ") && RemoteSessionTest.runningFor(pid),
                () -> g.out.text() + "\n" + serverLogs());
        // tick runs every millisecond, so the program soon stops at the breakpoint again (gdb
        // dies either way with the breakpoint inserted): the server must remove it and resume.
        g.kill();
        s.awaitExit(T);
        assertRunsFree(pid);
    }

    @Test
    void theNextClientHearsOfTheSignalThePreviousOneSawAndCanDeliverIt() {
        // gdb.threads/reconnect-signal.exp: after a reconnect, '?' reports the last stop (the
        // signal, its thread), and continuing delivers that signal.
        ServerProcess s = serverOnPort(E2e.bin("signals").toString(), "1");
        Gdb.Result first = gdb(target(s), "continue", "disconnect");
        expect(first, "Program received signal SIGUSR1");
        Gdb.Result second = gdb(target(s), "info program", "break on_usr1", "continue", "print handled", "kill");
        expect(second, "stopped with signal SIGUSR1", "^Breakpoint 1, on_usr1 ", "^\\$1 = 0$");
    }

    @Test
    void withoutOnceTheServerKeepsItsProgramForTheNextClient() {
        ServerProcess s = serverOnPort(E2e.bin("session").toString(), "3");
        long pid = own(s.inferiorPid());
        Gdb.Result first = gdb(target(s), "break compute", "continue", "disconnect");
        expect(first, "^Breakpoint 1, compute \\(a=0, b=1\\) at ");
        Gdb.Result second = gdb(target(s), "bt", "delete", "continue");
        expect(second, "^#0  compute \\(a=0, b=1\\) at ",
                "^\\[Inferior 1 \\(process " + pid + "\\) exited with code 053\\]$");
        s.awaitExit(T);
    }
}
