package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ctrl-C while the program runs, through gdb/MI's -exec-interrupt (gdb sends \x03). */
class InterruptTest extends E2eTestBase {
    private static final Duration T = Duration.ofSeconds(30);

    @Test
    void execInterruptStopsARunningProgramWithSigintAndItContinuesAfterwards() {
        ServerProcess s = serverOnPort("--once", E2e.bin("loop").toString());
        long pid = own(s.inferiorPid());
        MiGdb mi = asyncMi(s, "loop");
        for (int round = 1; round <= 3; round++) {
            String running = mi.command("-exec-continue", T);
            assertTrue(running.contains("^running"), running + "\n" + mi.transcript());
            mi.awaitRecord("^\\*running,thread-id=\"all\"", T);
            E2e.waitUntil("program runs (round " + round + ")", T, () -> RemoteSessionTest.runningFor(pid),
                    () -> mi.transcript() + serverLogs());
            mi.command("-exec-interrupt", T);
            String stopped = mi.awaitRecord("^\\*stopped", T);
            assertTrue(stopped.contains("reason=\"signal-received\"") && stopped.contains("signal-name=\"SIGINT\""),
                    "round " + round + ": " + stopped + "\n" + mi.transcript() + serverLogs());
            assertTrue(stopped.contains("func=\"") , stopped);
            E2e.waitUntil("program stopped (round " + round + ")", T, () -> E2e.state(pid).startsWith("t"),
                    () -> "state " + E2e.state(pid) + "\n" + mi.transcript() + serverLogs());
        }
        String counter = mi.command("-data-evaluate-expression counter", T);
        assertTrue(counter.matches(".*\\^done,value=\"[1-9]\\d*\".*"), counter + "\n" + mi.transcript());
        mi.command("-interpreter-exec console kill", T);
        awaitGone(pid, "gdb killed it");
        s.awaitExit(T);
    }

    @Test
    void interruptWhileGdbSingleStepsForASoftwareWatchpointStopsWithSigint() {
        // gdb.base/random-signal.exp: gdb steps the program one instruction at a time, so the
        // \x03 mostly arrives while everything is stopped between two steps; gdbserver's SIGINT
        // is delivered at the next step, and gdb must see a SIGINT stop.
        ServerProcess s = serverOnPort("--once", E2e.bin("loop").toString());
        long pid = own(s.inferiorPid());
        MiGdb mi = asyncMi(s, "loop");
        mi.command("-gdb-set can-use-hw-watchpoints 0");
        // An expression that stays false: gdb steps on and on, and never stops for it.
        mi.command("-break-watch \"counter < 0\"", T);
        String running = mi.command("-exec-continue", T);
        assertTrue(running.contains("^running"), running + "\n" + mi.transcript());
        E2e.waitUntil("gdb steps the program", T, () -> E2e.alive(pid), mi::transcript);
        mi.command("-exec-interrupt", T);
        String stopped = mi.awaitRecord("^\\*stopped", T);
        assertTrue(stopped.contains("signal-name=\"SIGINT\""), stopped + "\n" + mi.transcript() + serverLogs());
        mi.command("-interpreter-exec console kill", T);
        awaitGone(pid, "gdb killed it");
        s.awaitExit(T);
    }

    @Test
    void withSchedulerLockingTheInterruptIsReportedForTheThreadThatRan() {
        // gdb.threads/schedlock.exp: only the locked thread runs; the SIGINT must be reported
        // for it, not for a thread gdb kept stopped, or gdb's next locked continue resumes the
        // wrong thread.
        ServerProcess s = serverOnPort("--once", E2e.bin("threads").toString(), "2", "spin");
        long pid = own(s.inferiorPid());
        MiGdb mi = asyncMi(s, "threads");
        mi.command("-break-insert -c \"i == 1\" work", T);
        mi.command("-exec-continue", T);
        String hit = mi.awaitRecord("^\\*stopped", T);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("thread-id=\"(\\d+)\"").matcher(hit);
        assertTrue(m.find() && !m.group(1).equals("1"), hit + "\n" + mi.transcript());
        String worker = m.group(1);
        mi.command("-break-delete", T);
        mi.command("-gdb-set scheduler-locking on", T);
        for (int round = 1; round <= 2; round++) {
            mi.command("-exec-continue", T);
            mi.awaitRecord("^\\*running", T);
            mi.command("-exec-interrupt", T);
            String stopped = mi.awaitRecord("^\\*stopped,reason=\"signal-received\"", T);
            assertTrue(stopped.contains("thread-id=\"" + worker + "\""),
                    "round " + round + ": the SIGINT is for thread " + worker + ": " + stopped + "\n" + mi.transcript() + serverLogs());
        }
        mi.command("-interpreter-exec console kill", T);
        awaitGone(pid, "gdb killed it");
        s.awaitExit(T);
    }

    @Test
    void interruptWhileThreadsHitABreakpointWhoseConditionGdbEvaluatesStopsWithSigint() {
        // gdb.threads/detach-step-over.exp: threads hit a breakpoint whose condition gdb
        // evaluates (false) again and again; a ^C that arrives while the server stops everything
        // for one of those hits must still end in a SIGINT stop (gdbserver's SIGINT is pending
        // for the next resume), not be dropped while gdb resumes hit after hit.
        ServerProcess s = serverOnPort("--once", E2e.bin("threads").toString(), "4", "spin");
        long pid = own(s.inferiorPid());
        MiGdb mi = asyncMi(s, "threads");
        mi.command("-gdb-set breakpoint condition-evaluation host", T);
        mi.command("-break-insert -c \"i < 0\" work", T);
        for (int round = 1; round <= 16; round++) {
            mi.command("-exec-continue", T);
            mi.awaitRecord("^\\*running", T);
            mi.command("-exec-interrupt", T);
            String stopped = mi.awaitRecord("^\\*stopped", T);
            assertTrue(stopped.contains("signal-name=\"SIGINT\""),
                    "round " + round + ": " + stopped + "\n" + mi.transcript() + serverLogs());
        }
        mi.command("-interpreter-exec console kill", T);
        awaitGone(pid, "gdb killed it");
        s.awaitExit(T);
    }

    @Test
    void aSignalGdbDeliversAfterAnInterruptIsDeliveredNotReportedAgain() {
        // gdb.base/interrupt.exp, signal-sigtrap.exp: the interrupt stop is no signal-delivery
        // stop, so the signal is queued; its delivery must not come back as a new stop. loop has
        // no SIGUSR1 handler: delivered, it ends the program.
        ServerProcess s = serverOnPort("--once", E2e.bin("loop").toString());
        long pid = own(s.inferiorPid());
        MiGdb mi = asyncMi(s, "loop");
        mi.command("-exec-continue", T);
        E2e.waitUntil("program runs", T, () -> RemoteSessionTest.runningFor(pid), () -> mi.transcript() + serverLogs());
        mi.command("-exec-interrupt", T);
        mi.awaitRecord("^\\*stopped,reason=\"signal-received\"", T);
        mi.command("-interpreter-exec console \"signal SIGUSR1\"", T);
        String end = mi.awaitRecord("^\\*stopped,reason=\"(exited-signalled|signal-received)\"", T);
        assertTrue(end.contains("exited-signalled") && end.contains("SIGUSR1"), end + "\n" + mi.transcript() + serverLogs());
        awaitGone(pid, "SIGUSR1 ended it");
        s.awaitExit(T);
    }

    /** gdb/MI in background execution (so it reads -exec-interrupt while the program runs), connected. */
    private MiGdb asyncMi(ServerProcess s, String program) {
        MiGdb mi = mi();
        mi.command("-gdb-set mi-async on");
        mi.command("-file-exec-and-symbols " + E2e.bin(program));
        String connected = mi.command("-target-select remote :" + s.port(), T);
        assertTrue(connected.contains("^connected"), connected + "\n" + mi.transcript() + serverLogs());
        return mi;
    }
}
