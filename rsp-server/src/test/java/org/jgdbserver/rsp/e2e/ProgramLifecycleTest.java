package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The life of the program and of the server as gdbserver runs them: a program killed from
 * outside, {@code monitor exit}, the program's name and arguments from the command line, and
 * signals gdb caused itself.
 */
class ProgramLifecycleTest extends E2eTestBase {
    private static final Duration T = Duration.ofSeconds(30);

    /**
     * A gdb command that SIGKILLs the program and returns once the server has reaped it (its
     * /proc entry is gone): the server knows of the death before gdb's next request.
     */
    private static String killAndAwaitReaped(long pid) {
        return "shell kill -9 " + pid + "; timeout 20 sh -c 'while [ -e /proc/" + pid + " ]; do sleep 0.01; done'";
    }

    @Test
    void aProgramKilledFromOutsideWhileStoppedIsReportedAtTheNextContinue() {
        // gdb.base/killed-outside.exp: gdbserver answers the continue with X09 and goes on
        // until gdb leaves; the connection must not just close.
        ServerProcess s = serverOnPort("--once", E2e.bin("loop").toString());
        long pid = own(s.inferiorPid());
        Gdb.Result r = gdb(target(s), "break tick", "continue", killAndAwaitReaped(pid), "continue", "info threads");
        expect(r, "^Breakpoint 1, tick \\(\\) at ", "^Program terminated with signal SIGKILL, Killed\\.$",
                "^No threads\\.$");
        expectNot(r, "Remote connection closed|Remote communication error");
        assertEquals(0, s.awaitExit(T), serverLogs());
    }

    @Test
    void detachingFromAProgramKilledFromOutsideSucceeds() {
        // gdb.threads/process-dies-while-detaching.exp, "killed outside": gdbserver mourns the
        // process and answers OK (not "Can't detach process.").
        ServerProcess s = serverOnPort("--once", E2e.bin("loop").toString());
        long pid = own(s.inferiorPid());
        Gdb.Result r = gdb(target(s), "break tick", "continue", killAndAwaitReaped(pid), "detach");
        expect(r, "^Breakpoint 1, tick \\(\\) at ", "^\\[Inferior 1 \\(process " + pid + "\\) detached\\]$");
        expectNot(r, "Can.t detach|Remote connection closed|Remote communication error");
        assertEquals(0, s.awaitExit(T), serverLogs());
    }

    @Test
    void monitorExitIsAnsweredBeforeTheServerExits() {
        // gdb.server/ext-attach.exp: gdb_test_no_output "monitor exit".
        ServerProcess s = serverOnPort("--multi");
        Gdb.Result r = gdb(extendedTarget(s), "monitor exit", "echo after-exit\\n");
        expect(r, "^after-exit$");
        expectNot(r, "Remote connection closed|Remote communication error");
        assertEquals(0, s.awaitExit(T), serverLogs());
    }

    @Test
    void argumentsOnTheServersCommandLineReachTheProgramAsGiven() {
        // gdb.base/inferior-args.exp: the shell must not split "first arg" nor drop "".
        ServerProcess s = serverOnPort(E2e.bin("loop").toString(), "first arg", "", "third$HOME;'\"");
        Gdb.Result r = gdb(target(s), "break main", "continue", "print argc", "print argv[1]", "print argv[2]",
                "print argv[3]", "kill");
        expect(r, "^\\$1 = 4$", "^\\$2 = 0x[0-9a-f]+ \"first arg\"$", "^\\$3 = 0x[0-9a-f]+ \"\"$",
                "^\\$4 = 0x[0-9a-f]+ \"third\\$HOME;'\\\\\"\"$");
    }

    @Test
    void argumentsOfGdbsRunReachTheProgramAsGdbSplitThem() {
        // gdb.base/inferior-args.exp on the extended board: gdb 13 sends vRun the words of its
        // 'run' arguments, quotes removed; gdbserver escapes them for the startup shell.
        ServerProcess s = serverOnPort("--multi");
        String prog = E2e.bin("loop").toString();
        Gdb.Result r = gdb(extendedTarget(s), "file " + prog, "set remote exec-file " + prog, "break main",
                "run \"first arg\" \"\" third-arg", "print argc", "print argv[1]", "print argv[2]", "print argv[3]",
                "kill", "monitor exit");
        expect(r, "^\\$1 = 4$", "^\\$2 = 0x[0-9a-f]+ \"first arg\"$", "^\\$3 = 0x[0-9a-f]+ \"\"$",
                "^\\$4 = 0x[0-9a-f]+ \"third-arg\"$");
    }

    @Test
    void aProgramNamedRelativeToTheWorkingDirectoryIsStartedByItsAbsoluteName() {
        // gdb.server/abspath.exp: `gdbserver :PORT prog` in prog's directory; the shell would
        // look a bare name up in PATH.
        Path loop = E2e.bin("loop").toAbsolutePath();
        ServerProcess s = serverIn(loop.getParent(), "--once", ":0", "loop", "1");
        s.port();
        s.awaitLog("Process " + java.util.regex.Pattern.quote(loop.toString()) + " created; pid = \\d+");
        Gdb.Result r = gdb(target(s), "break tick", "continue", "kill");
        expect(r, "^Breakpoint 1, tick \\(\\) at ");
    }

    @Test
    void aSegvCausedByGdbsInferiorCallIsReportedEvenWhenPassed() {
        // gdb.base/catch-gdb-caused-signals.exp: with SIGSEGV and SIGILL "nostop noprint" (in
        // QPassSignals) the fault of the call's return to gdb's dummy frame must still reach gdb.
        ServerProcess s = serverOnPort(E2e.bin("session").toString(), "3");
        Gdb.Result r = gdb(target(s), "break main", "continue", "handle SIGSEGV nostop noprint",
                "handle SIGILL nostop noprint", "print compute(2, 3)", "print 1234", "kill");
        expect(r, "^\\$1 = -?\\d+$", "^\\$2 = 1234$");
        expectNot(r, "exited while in a function called from GDB");
    }

    @Test
    void attachingToAProgramReceivingASignalReportsAndKeepsTheSignal() {
        // gdb.threads/attach-into-signal.exp: the signal-delivery stop that comes before the
        // attach's own stop is the attach's stop reply (gdb: "received signal SIGALRM"), and
        // the signal reaches the program when gdb resumes it; a lost one ends it in abort().
        long pid = startDetached(E2e.bin("resignal"));
        ServerProcess s = serverOnPort("--multi");
        java.util.List<String> cmds = new java.util.ArrayList<>(java.util.List.of(extendedTarget(s),
                "handle SIGALRM stop print pass"));
        for (int i = 0; i < 5; i++) {
            cmds.add("attach " + pid);
            cmds.add("continue");
            cmds.add("detach");
        }
        Gdb.Result r = gdb(cmds.toArray(String[]::new));
        // Whether a signal is on its way at the moment of an attach is luck (gdb's test tries up
        // to 100 times); the continue after each attach always meets the next one.
        java.util.List<String> received = all(r, "^Program received signal SIGALRM, Alarm clock\\.$");
        assertTrue(received.size() > 5, "no attach reported the signal it interrupted\n" + context(r));
        expectNot(r, "SIGABRT|exited|terminated");
        assertTrue(E2e.alive(pid), "the program lost its signal and ended\n" + context(r));
    }

    @Test
    void nonStopKillIsNotFollowedByAStopNotification() {
        // gdb.server/ext-attach.exp, non-stop: after vKill gdbserver has mourned the process; a
        // %Stop:X09 for it made gdb fail an assertion at the next packet ('monitor exit').
        long pid = startDetached(E2e.bin("loop"));
        ServerProcess s = serverOnPort("--multi", "--remote-debug");
        Gdb.Result r = gdb("set non-stop on", extendedTarget(s), "attach " + pid, "kill", "monitor exit");
        expect(r, "^\\[Inferior 1 \\(process " + pid + "\\) killed\\]$");
        assertEquals(0, s.awaitExit(T), serverLogs());
        String log = s.log();
        assertTrue(log.contains("getpkt (\"vKill;"), log);
        assertTrue(!log.contains("notif (\"Stop:X"), "a stop notification after the kill\n" + log);
    }
}
