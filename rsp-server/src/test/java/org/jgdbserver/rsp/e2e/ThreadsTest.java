package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A multi-threaded program (threads.c): info threads, thread apply all bt, thread switching. */
class ThreadsTest extends E2eTestBase {

    @Test
    void infoThreadsAndThreadApplyAllBtWithBlockedWorkers() {
        ServerProcess s = serverOnPort("--once", E2e.bin("threads").toString(), "4", "block");
        long pid = s.inferiorPid();
        Gdb.Result r = gdb(target(s), "break started", "continue", "info threads", "thread apply all bt", "kill");
        expect(r, "^Thread 1 \"threads\" hit Breakpoint 1, started \\(\\) at .*threads\\.c:\\d+$");
        // info threads: the main thread (current) and the four workers, with their names.
        // Every worker exists (started() runs after the last pthread_create), but the last ones
        // may not have named themselves or reached run() yet: see the attach test for those.
        List<String> rows = all(r, "^(\\*?\\s+\\d+\\s+Thread " + pid + "\\.\\d+ .*)$");
        assertEquals(5, rows.size(), "info threads rows: " + rows + "\n" + context(r));
        expect(r, "^\\*\\s+1\\s+Thread " + pid + "\\." + pid + " \"threads\"\\s+started \\(\\) at .*threads\\.c:\\d+$");
        // thread apply all bt: one header per thread, highest number first.
        List<String> headers = all(r, "^Thread (\\d+) \\(Thread " + pid + "\\.\\d+ \"[^\"]+\"\\):$");
        assertEquals(List.of("5", "4", "3", "2", "1"), headers, context(r));
        expect(r, "^Thread 1 \\(Thread " + pid + "\\." + pid + " \"threads\"\\):$",
                "^#0  started \\(\\) at .*threads\\.c:\\d+$", "^#1  0x[0-9a-f]+ in main ");
        expect(r, "^\\[Inferior 1 \\(process " + pid + "\\) killed\\]$");
        awaitGone(pid, "killed");
        s.awaitExit(Duration.ofSeconds(20));
    }

    @Test
    void infoThreadsAndThreadApplyAllBtOfAnAttachedProcess() {
        long pid = startDetached(E2e.bin("threads"), "4", "block");
        List<String> names = List.of("threads", "worker-0", "worker-1", "worker-2", "worker-3");
        E2e.waitUntil("workers named", Duration.ofSeconds(10),
                () -> E2e.taskNames(pid).stream().sorted().toList().equals(names), () -> "" + E2e.taskNames(pid));
        ServerProcess s = serverOnPort("--once", "--attach", Long.toString(pid));
        Gdb.Result r = gdb(target(s), "info threads", "thread apply all bt", "detach");
        List<String> rows = all(r, "^(\\*?\\s+\\d+\\s+Thread " + pid + "\\.\\d+ .*)$");
        assertEquals(5, rows.size(), "info threads rows: " + rows + "\n" + context(r));
        expect(r, "^\\*\\s+1\\s+Thread " + pid + "\\." + pid + " \"threads\"\\s");
        for (int i = 0; i < 4; i++) {
            expect(r, "^\\s+\\d+\\s+Thread " + pid + "\\.\\d+ \"worker-" + i + "\"\\s");
        }
        List<String> headers = all(r, "^Thread (\\d+) \\(Thread " + pid + "\\.\\d+ \"[^\"]+\"\\):$");
        assertEquals(List.of("5", "4", "3", "2", "1"), headers, context(r));
        // The workers wait on the barrier in run(arg=i); the main thread pauses in main.
        for (int i = 0; i < 4; i++) {
            expect(r, "^#\\d+\\s+0x[0-9a-f]+ in run \\(arg=0x" + i + "\\) at .*threads\\.c:\\d+$");
        }
        expect(r, "^Thread 1 \\(Thread " + pid + "\\." + pid + " \"threads\"\\):$",
                "^#\\d+\\s+0x[0-9a-f]+ in main \\(argc=3, argv=0x[0-9a-f]+\\) at .*threads\\.c:\\d+$",
                "^\\[Inferior 1 \\(process " + pid + "\\) detached\\]$");
        s.awaitExit(Duration.ofSeconds(20));
        // Every thread let go, none left stopped.
        E2e.waitUntil("all threads untraced and not stopped", Duration.ofSeconds(10),
                () -> E2e.taskStates(pid).stream().allMatch(st -> st.equals("S 0")), () -> "" + E2e.taskStates(pid));
    }

    @Test
    void breakpointHitAgainAndAgainByOneSpinningWorker() {
        ServerProcess s = serverOnPort("--once", E2e.bin("threads").toString(), "1", "spin");
        long pid = s.inferiorPid();
        Gdb.Result r = gdb(target(s), "break work", "continue", "continue", "continue", "info threads",
                "thread apply all bt", "thread 1", "bt", "thread 2", "continue", "print counters[0] >= 3", "kill");
        assertEquals(4, all(r, "^(Thread 2 \"worker-0\" hit Breakpoint 1, work \\(i=0\\) at .*threads\\.c:\\d+)$").size(),
                context(r));
        assertEquals(2, all(r, "^(\\*?\\s+\\d+\\s+Thread " + pid + "\\.\\d+ .*)$").size(), context(r));
        expect(r, "^\\*\\s+2\\s+Thread " + pid + "\\.\\d+ \"worker-0\"\\s+work \\(i=0\\) at ",
                "^Thread 2 \\(Thread " + pid + "\\.\\d+ \"worker-0\"\\):$",
                "^#1  0x[0-9a-f]+ in run \\(arg=0x0\\) at .*threads\\.c:\\d+$",
                "^Thread 1 \\(Thread " + pid + "\\." + pid + " \"threads\"\\):$",
                "^#\\d+\\s+0x[0-9a-f]+ in main \\(argc=3, argv=0x[0-9a-f]+\\) at .*threads\\.c:\\d+$",
                "^\\[Switching to thread 1 \\(Thread " + pid + "\\." + pid + "\\)\\]$",
                "^\\[Switching to thread 2 \\(Thread " + pid + "\\.\\d+\\)\\]$",
                "^Thread 2 \"worker-0\" hit Breakpoint 1, work \\(i=0\\) at ",
                "^\\$1 = 1$",
                "^\\[Inferior 1 \\(process " + pid + "\\) killed\\]$");
        awaitGone(pid, "killed");
    }

    @Test
    void breakpointInSpinningWorkersThreadSwitchAndContinue() {
        ServerProcess s = serverOnPort("--once", E2e.bin("threads").toString(), "3", "spin");
        long pid = s.inferiorPid();
        // started() runs once every worker exists; then the workers race to the breakpoint.
        Gdb.Result r = gdb(target(s), "break started", "continue", "break work", "continue", "info threads",
                "thread apply all bt", "thread 1", "bt", "continue", "continue", "continue",
                "print i >= 0 && i < 3", "kill");
        String hit = "^Thread \\d+ \"worker-\\d\" hit Breakpoint 2, work \\(i=\\d\\) at .*threads\\.c:\\d+$";
        expect(r, "^Thread 1 \"threads\" hit Breakpoint 1, started \\(\\) at ", hit);
        assertEquals(4, all(r, "^(\\*?\\s+\\d+\\s+Thread " + pid + "\\.\\d+ .*)$").size(), context(r));
        expect(r, "^\\*\\s+\\d+\\s+Thread " + pid + "\\.\\d+ \"worker-\\d\"\\s+work \\(i=\\d\\) at ");
        assertEquals(4, all(r, "^Thread (\\d+) \\(Thread " + pid + "\\.\\d+ \"[^\"]+\"\\):$").size(), context(r));
        expect(r, "^\\[Switching to thread 1 \\(Thread " + pid + "\\." + pid + "\\)\\]$",
                "^#0  .*$", hit, hit, hit,
                "^\\$1 = 1$",
                "^\\[Inferior 1 \\(process " + pid + "\\) killed\\]$");
        awaitGone(pid, "killed");
    }

    @Test
    void whenTheOnlyResumedThreadExitsGdbHearsThatNothingIsLeftToWaitFor() {
        // gdb.threads/schedlock-thread-exit.exp: with scheduler-locking on, the one thread gdb
        // resumes exits; the others stay stopped, so the reply is N (no-resumed).
        ServerProcess s = serverOnPort("--once", E2e.bin("threads").toString(), "1", "exit");
        Gdb.Result r = gdb(target(s), "break brief", "continue", "delete", "set scheduler-locking on", "continue",
                "kill");
        expect(r, "^Thread \\d+ \"threads\" hit Breakpoint 1, brief ", "^No unwaited-for children left\\.$");
    }

    @Test
    void aLeaderThatLeavesBeforeItsThreadsIsGoneForGdbAndTheRestRunsOn() {
        // gdb.threads/no-unwaited-for-left.exp: the leader, the only thread gdb resumes, calls
        // pthread_exit while a thread it started lives on. The kernel keeps the leader as a
        // zombie with no status to wait for: gdb hears N, and the leader is off the thread list.
        ServerProcess s = serverOnPort("--once", E2e.bin("leader_leaves").toString());
        long pid = own(s.inferiorPid());
        Gdb.Result r = gdb(target(s), "break leader_leaves", "continue", "set scheduler-locking on", "continue",
                "info threads", "thread 2", "set scheduler-locking off", "continue");
        expect(r, "^Thread 1 \"leader_leaves\" hit Breakpoint 1, leader_leaves \\(\\) at ", "^No unwaited-for children left\\.$",
                "^The current thread <Thread ID 1> has terminated\\.",
                "^\\[Inferior 1 \\(process " + pid + "\\) exited with code 07\\]$");
        expectNot(r, "^\\*? *1 +Thread ");
        assertEquals(0, s.awaitExit(Duration.ofSeconds(20)), serverLogs());
    }
}
