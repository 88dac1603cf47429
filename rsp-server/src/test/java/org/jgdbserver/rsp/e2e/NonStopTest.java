package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Non-stop mode through gdb/MI ({@code -gdb-set mi-async on}, {@code -gdb-set non-stop on}):
 * threads of threads.c stop and run on their own. Each stop is a {@code *stopped} record of one
 * thread; the tests count them, check which threads run (their counters advance, their /proc
 * state) while others are stopped, and that nothing is reported twice or lost.
 */
class NonStopTest extends E2eTestBase {
    private static final Duration T = Duration.ofSeconds(30);
    private static final Pattern THREAD = Pattern.compile(
            "\\{id=\"(\\d+)\",target-id=\"Thread \\d+\\.(\\d+)\",(?:name=\"([^\"]*)\",)?.*?state=\"(running|stopped)\"");
    private static final Pattern STOPPED_TID = Pattern.compile("thread-id=\"(\\d+)\"");

    /** One gdb thread as -thread-info shows it. */
    record GdbThread(int id, long tid, String name, String state) {}

    // ---- the scenarios ----

    @Test
    void interruptOneThreadWhileTheOthersKeepRunning() {
        Session x = launchAndRunToStarted(3);
        x.continueAll();
        int w0 = x.idOf("worker-0");
        long tid0 = x.threads().get(w0).tid();
        int mark = x.mark();
        x.mi.command("-exec-interrupt --thread " + w0, T);
        String stop = x.awaitStops(mark, 1).get(0);
        assertTrue(stop.contains("reason=\"signal-received\"") && stop.contains("signal-name=\"0\"")
                && stop.contains("thread-id=\"" + w0 + "\""), () -> stop + "\n" + x.context());
        // Only that thread is stopped, in gdb's view and in the kernel's.
        x.assertStates(Map.of(w0, "stopped"), "running");
        assertTrue(E2e.status(x.pid).isPresent());
        assertEquals("t", taskState(x.pid, tid0), () -> "state of the interrupted thread\n" + x.context());
        // Its counter is frozen while the other workers' counters advance.
        long frozen = x.counter(0);
        long c1 = x.counter(1);
        long c2 = x.counter(2);
        x.awaitCounterAbove(1, c1 + 20);
        x.awaitCounterAbove(2, c2 + 20);
        assertEquals(frozen, x.counter(0), () -> "counters[0] through gdb\n" + x.context());
        long addr = x.address("&counters");
        E2e.holdsFor("counters[0] frozen at " + frozen + " (/proc/PID/mem)", Duration.ofMillis(500),
                () -> readCounters(x.pid, addr, 1)[0] == frozen, x::context);
        assertEquals(1, x.stopsSince(mark).size(), () -> "only worker-0 was interrupted\n" + x.context());
        // Resumed, it advances again; then it is interrupted again, alone.
        x.mi.command("-exec-continue --thread " + w0, T);
        x.awaitCounterAbove(0, frozen + 20);
        x.assertStates(Map.of(), "running");
        mark = x.mark();
        x.mi.command("-exec-interrupt --thread " + w0, T);
        assertTrue(x.awaitStops(mark, 1).get(0).contains("thread-id=\"" + w0 + "\""), () -> x.context());
        x.assertStates(Map.of(w0, "stopped"), "running");
        x.kill();
    }

    @Test
    void aThreadStoppedWhileSignalsGdbPassesKeepArrivingStopsEveryTime() {
        // gdb passes SIGALRM without a word. A stop request that meets such a signal (before or
        // after the kernel's interrupt) must still stop the thread: answered "pass it on", the
        // thread ran past the request and gdb waited for its stop for ever
        // (gdb.threads/next-fork-other-thread.exp: SIGCHLD in a forker thread).
        Session x = launchAndRunToStarted(2, "alarm");
        x.continueAll();
        int w0 = x.idOf("worker-0");
        for (int round = 1; round <= 150; round++) {
            int r = round;
            int mark = x.mark();
            x.mi.command("-exec-interrupt --thread " + w0, T);
            String st = x.awaitStops(mark, 1).get(0);
            assertTrue(threadId(st) == w0 && st.contains("signal-name=\"0\""), () -> "round " + r + ": " + st + "\n" + x.context());
            String c = x.mi.command("-exec-continue --thread " + w0, T);
            assertTrue(c.contains("^running"), () -> c + "\n" + x.context());
        }
        // The signals kept while it was stopped were delivered: it runs and takes them still.
        long before = x.counter(0);
        x.awaitCounterAbove(0, before + 20);
        x.kill();
    }

    @Test
    void stepOneThreadWhileTheOthersRun() {
        Session x = launchAndRunToStarted(3);
        x.continueAll();
        int w0 = x.idOf("worker-0");
        int mark = x.mark();
        x.mi.command("-exec-interrupt --thread " + w0, T);
        x.awaitStops(mark, 1);
        // Out of usleep into run(), then line by line and into work(0).
        String frames = x.mi.command("-stack-list-frames --thread " + w0, T);
        Matcher run = Pattern.compile("level=\"(\\d+)\",addr=\"0x[0-9a-f]+\",func=\"run\"").matcher(frames);
        assertTrue(run.find(), () -> frames + "\n" + x.context());
        int caller = Integer.parseInt(run.group(1)) - 1;
        String fin = x.resumeAndStop(w0, "-exec-finish --thread " + w0 + " --frame " + caller);
        assertTrue(fin.contains("reason=\"function-finished\"") && fin.contains("func=\"run\""), () -> fin + x.context());
        // Step (within run: lines 32/33, the loop) until it enters work(0), at its first line.
        String step = fin;
        for (int k = 0; k < 6 && !step.contains("func=\"work\""); k++) {
            String st = x.resumeAndStop(w0, "-exec-step --thread " + w0);
            assertTrue(st.contains("reason=\"end-stepping-range\"") && st.matches(".*func=\"(run|work)\".*"),
                    () -> st + x.context());
            step = st;
        }
        String inWork = step;
        assertTrue(inWork.contains("func=\"work\"") && inWork.contains("args=[{name=\"i\",value=\"0\"}]")
                && inWork.contains("line=\"18\""), () -> inWork + x.context());
        long before = x.counter(0);
        // Out of work(0): counters[0]++ ran exactly once.
        String out = x.resumeAndStop(w0, "-exec-finish --thread " + w0);
        assertTrue(out.contains("reason=\"function-finished\"") && out.contains("func=\"run\""), () -> out + x.context());
        assertEquals(before + 1, x.counter(0), () -> x.context());
        long afterWork = x.counter(0);
        int nexts = 3;
        for (int round = 0; round < nexts; round++) {
            // The others run through every step: their counters advance, they are "running".
            x.assertStates(Map.of(w0, "stopped"), "running");
            long c1 = x.counter(1);
            long c2 = x.counter(2);
            x.awaitCounterAbove(1, c1 + 5);
            x.awaitCounterAbove(2, c2 + 5);
            String n = x.resumeAndStop(w0, "-exec-next --thread " + w0);
            assertTrue(n.contains("reason=\"end-stepping-range\""), () -> n + x.context());
        }
        // Each next over line 32 calls work(0) once; none runs it more.
        long after = x.counter(0);
        assertTrue(after >= afterWork && after <= afterWork + nexts,
                () -> afterWork + " -> " + after + "\n" + x.context());
        String frame = x.mi.command("-stack-info-frame --thread " + w0, T);
        assertTrue(frame.contains("func=\"run\""), () -> frame + "\n" + x.context());
        x.kill();
    }

    @Test
    void breakpointHitBySeveralThreadsAtOnceIsReportedOncePerThread() {
        Session x = launchAndRunToStarted(3);
        Map<Integer, Integer> workerOf = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            workerOf.put(x.idOf("worker-" + i), i);
        }
        // The workers run already: they hit it from its insertion on; the main thread is
        // stopped in started() until the first -exec-continue --all.
        int mark0 = x.mark();
        x.mi.command("-break-insert work", T);
        int rounds = 4;
        Map<Integer, Integer> hits = new TreeMap<>();
        for (int r0 = 1; r0 <= rounds; r0++) {
            final int round = r0;
            int mark = round == 1 ? mark0 : x.mark();
            if (round == 1) {
                x.mi.command("-exec-continue --thread 1", T);
            } else {
                x.mi.command("-exec-continue --all", T);
            }
            // Every worker loops back into work(): each hits the breakpoint once, and stays there.
            List<String> stops = x.awaitStops(mark, 3);
            E2e.holdsFor("no fourth *stopped in round " + round, Duration.ofMillis(500),
                    () -> x.stopsSince(mark).size() == 3, x::context);
            List<Integer> ids = new ArrayList<>();
            for (String st : stops) {
                assertTrue(st.contains("reason=\"breakpoint-hit\"") && st.contains("bkptno=\"2\"")
                        && st.contains("func=\"work\""), () -> "round " + round + ": " + st + "\n" + x.context());
                int id = threadId(st);
                ids.add(id);
                hits.merge(id, 1, Integer::sum);
                Integer i = workerOf.get(id);
                assertTrue(i != null && st.contains("args=[{name=\"i\",value=\"" + i + "\"}]"), () ->
                        "round " + round + ": thread " + id + " is worker " + i + ": " + st + "\n" + x.context());
            }
            assertEquals(3, ids.stream().distinct().count(), () -> "round " + round + ": " + ids + "\n" + x.context());
            // The main thread (in pause()) never stopped.
            x.assertStates(Map.of(1, "running"), "stopped");
        }
        assertEquals(Map.of(x.idOf("worker-0"), rounds, x.idOf("worker-1"), rounds, x.idOf("worker-2"), rounds),
                hits, () -> x.context());
        String info = x.mi.command("-break-info 2", T);
        assertTrue(info.contains("times=\"" + 3 * rounds + "\""), () -> info + "\n" + x.context());
        x.kill();
    }

    @Test
    void interruptAllStopsEveryThreadOnceAndContinueAllRunsThemAgain() {
        Session x = launchAndRunToStarted(3);
        long addr = x.address("&counters");
        for (int r0 = 1; r0 <= 3; r0++) {
            final int round = r0;
            x.continueAll();
            for (int i = 0; i < 3; i++) {
                long c = x.counter(i);
                x.awaitCounterAbove(i, c + 10);
            }
            int mark = x.mark();
            x.mi.command("-exec-interrupt --all", T);
            List<String> stops = x.awaitStops(mark, 4);
            E2e.holdsFor("no fifth *stopped in round " + round, Duration.ofMillis(400),
                    () -> x.stopsSince(mark).size() == 4, x::context);
            List<Integer> ids = stops.stream().map(NonStopTest::threadId).sorted().toList();
            assertEquals(List.of(1, 2, 3, 4), ids, () -> "round " + round + "\n" + x.context());
            for (String st : stops) {
                assertTrue(st.contains("reason=\"signal-received\"") && st.contains("signal-name=\"0\""), () ->
                        st + "\n" + x.context());
            }
            x.assertStates(Map.of(), "stopped");
            E2e.waitUntil("every task in a tracing stop", T,
                    () -> E2e.taskStates(x.pid).stream().allMatch(s -> s.startsWith("t ")),
                    () -> E2e.taskStates(x.pid) + "\n" + x.context());
            long[] frozen = {x.counter(0), x.counter(1), x.counter(2)};
            E2e.holdsFor("counters frozen (/proc/PID/mem)", Duration.ofMillis(300),
                    () -> java.util.Arrays.equals(readCounters(x.pid, addr, 3), frozen), x::context);
        }
        x.kill();
    }

    @Test
    void interruptAllStopsThreadsThatHitABreakpointWithAFalseTargetCondition() {
        // The workers hit work() all the time; the server evaluates the condition and lets them
        // go on. A stop request must still hold each thread, wherever it is when it comes.
        Session x = launchAndRunToStarted(3);
        long addr = x.address("&counters");
        x.mi.command("-gdb-set breakpoint condition-evaluation target", T);
        x.mi.command("-break-insert -c \"i < 0\" work", T);
        for (int r0 = 1; r0 <= 2; r0++) {
            final int round = r0;
            x.continueAll();
            for (int i = 0; i < 3; i++) {
                long c = x.counter(i);
                x.awaitCounterAbove(i, c + 10);
            }
            int mark = x.mark();
            x.mi.command("-exec-interrupt --all", T);
            List<String> stops = x.awaitStops(mark, 4);
            E2e.holdsFor("no fifth *stopped in round " + round, Duration.ofMillis(400),
                    () -> x.stopsSince(mark).size() == 4, x::context);
            assertEquals(List.of(1, 2, 3, 4), stops.stream().map(NonStopTest::threadId).sorted().toList(),
                    () -> "round " + round + "\n" + x.context());
            x.assertStates(Map.of(), "stopped");
            E2e.waitUntil("every task in a tracing stop", T,
                    () -> E2e.taskStates(x.pid).stream().allMatch(s -> s.startsWith("t ")),
                    () -> E2e.taskStates(x.pid) + "\n" + x.context());
            long[] frozen = readCounters(x.pid, addr, 3);
            E2e.holdsFor("counters frozen (/proc/PID/mem)", Duration.ofMillis(300),
                    () -> java.util.Arrays.equals(readCounters(x.pid, addr, 3), frozen), x::context);
        }
        x.kill();
    }

    @Test
    void interruptAllAfterTheLeaderLeftStopsTheRestAndTheProcessEndsNormally() {
        // The leader calls pthread_exit while its survivor runs on: the kernel keeps it as a
        // zombie that never stops again. "interrupt -a" must stop the survivor and not wait for
        // the leader, and the process must still end with the survivor's exit code.
        ServerProcess s = serverOnPort("--once", E2e.bin("leader_leaves").toString(), "stay");
        long pid = own(s.inferiorPid());
        Session x = connect(s, pid, "leader_leaves");
        x.mi.command("-break-insert leader_leaves", T);
        int mark = x.mark();
        x.mi.command("-exec-continue --all", T);
        String hit = x.awaitStops(mark, 1).get(0);
        assertTrue(hit.contains("func=\"leader_leaves\"") && hit.contains("thread-id=\"1\""), () -> hit + "\n" + x.context());
        x.mi.command("-break-delete 1", T);
        x.mi.command("-exec-continue --thread 1", T);
        E2e.waitUntil("the leader is a zombie", T, () -> taskState(pid, pid).equals("Z"), x::context);
        for (int round = 1; round <= 2; round++) {
            int r = round;
            int m = x.mark();
            String i = x.mi.command("-exec-interrupt --all", T);
            assertTrue(i.contains("^done"), () -> i + "\n" + x.context());
            String st = x.awaitStops(m, 1).get(0);
            assertTrue(threadId(st) != 1, () -> "round " + r + ": " + st + "\n" + x.context());
            E2e.holdsFor("round " + r + ": one *stopped only", Duration.ofMillis(300),
                    () -> x.stopsSince(m).size() == 1, x::context);
            String c = x.mi.command("-exec-continue --all", T);
            assertTrue(c.contains("^running"), () -> c + "\n" + x.context());
        }
        int m = x.mark();
        x.mi.command("-exec-interrupt --all", T);
        x.awaitStops(m, 1);
        x.mi.command("-data-evaluate-expression release=1", T);
        x.mi.command("-exec-continue --all", T);
        Pattern exited = Pattern.compile("^=thread-group-exited,id=\"i1\",exit-code=\"07\"");
        E2e.waitUntil("the process exits with code 7", T, () -> x.mi.out.indexOf(exited, m) >= 0, x::context);
        assertEquals(0, s.awaitExit(T), () -> x.context());
    }

    @Test
    void detachWithOneThreadStoppedLeavesTheProcessRunningUntraced() {
        Session x = launchAndRunToStarted(3);
        long counters = x.address("&counters");
        x.continueAll();
        int w1 = x.idOf("worker-1");
        int mark = x.mark();
        x.mi.command("-exec-interrupt --thread " + w1, T);
        x.awaitStops(mark, 1);
        x.detach();
        assertDetachedAndRunning(x, counters);
    }

    @Test
    void detachWithEveryThreadRunningLeavesTheProcessRunningUntraced() {
        Session x = launchAndRunToStarted(3);
        long counters = x.address("&counters");
        x.continueAll();
        x.detach();
        assertDetachedAndRunning(x, counters);
    }

    private void assertDetachedAndRunning(Session x, long counters) {
        E2e.waitUntil("every thread untraced, sleeping or running", T,
                () -> E2e.taskStates(x.pid).size() == 4
                        && E2e.taskStates(x.pid).stream().allMatch(s -> s.equals("S 0") || s.equals("R 0")),
                () -> E2e.taskStates(x.pid) + "\n" + x.context());
        assertEquals(0, E2e.tracerPid(x.pid));
        long[] before = readCounters(x.pid, counters, 3);
        E2e.waitUntil("every worker advances after detach", T, () -> {
            long[] now = readCounters(x.pid, counters, 3);
            return now[0] > before[0] + 20 && now[1] > before[1] + 20 && now[2] > before[2] + 20;
        }, () -> java.util.Arrays.toString(before) + " " + java.util.Arrays.toString(readCounters(x.pid, counters, 3))
                + "\n" + x.context());
    }

    /**
     * 100 workers blocked on a barrier, attached in non-stop mode: gdb connects (gdbserver
     * reports the main thread stopped, the workers run on), then continue all, interrupt all:
     * every thread reports exactly one {@code *stopped}; three times, timed.
     */
    @Test
    void hundredThreadsAttachedContinueAllInterruptAllThreeTimes() {
        int n = 100;
        long pid = startDetached(E2e.bin("threads"), Integer.toString(n), "block");
        E2e.waitUntil((n + 1) + " tasks", T, () -> E2e.taskNames(pid).size() == n + 1
                && E2e.taskNames(pid).stream().filter(st -> st.startsWith("worker-")).count() == n,
                () -> "" + E2e.taskNames(pid));
        ServerProcess s = serverOnPort("--once", "--attach", Long.toString(pid));
        long t0 = System.nanoTime();
        Session x = connect(s, pid);
        E2e.waitUntil("gdb knows " + (n + 1) + " threads", T, () -> x.threads().size() == n + 1, x::context);
        // The main thread is stopped; whatever the workers are, continue --all and interrupt --all
        // bring every one to the same state.
        assertEquals("stopped", x.threads().get(1).state(), () -> x.context());
        long connectMs = (System.nanoTime() - t0) / 1_000_000;
        cycles(x, n, "attached, connect " + connectMs + " ms");
        x.detach();
        E2e.waitUntil("every thread untraced after detach", T,
                () -> E2e.taskStates(pid).stream().allMatch(st -> st.equals("S 0")),
                () -> E2e.taskStates(pid) + "\n" + x.context());
    }

    /**
     * What a stop-all costs, in packets per thread. gdb 13 reports each thread's stop on its own
     * and re-reads the whole thread list (qXfer:threads, 4 KiB a request) before each report, so
     * with N threads the list is read N times: its size and the packets around it decide how an
     * interrupt scales (N = 1000: N^2 list entries). Per thread gdb should need the list, two
     * Hg, the memory reads for the frame it prints and one vStopped; no g (the stop reply
     * carries the general registers). The server builds the list once, not once per stop (that
     * was N^2 /proc reads), and keeps it small (gdbserver's entries are about 90 bytes).
     */
    @Test
    void interruptAllOfHundredThreadsCostsAFewPacketsPerThreadAndOneThreadListBuild() {
        int n = 100;
        long pid = startDetached(E2e.bin("threads"), Integer.toString(n), "block");
        E2e.waitUntil((n + 1) + " tasks", T, () -> E2e.taskNames(pid).size() == n + 1
                && E2e.taskNames(pid).stream().filter(st -> st.startsWith("worker-")).count() == n,
                () -> "" + E2e.taskNames(pid));
        ServerProcess s = serverOnPort("--once", "--remote-debug", "--debug", "--attach", Long.toString(pid));
        Session x = connect(s, pid);
        E2e.waitUntil("gdb knows " + (n + 1) + " threads", T, () -> x.threads().size() == n + 1, x::context);
        x.continueAll();
        E2e.waitUntil("every task running", T,
                () -> E2e.taskStates(pid).stream().noneMatch(st -> st.startsWith("t")),
                () -> E2e.taskStates(pid) + "\n" + x.context());
        int logMark = s.stderr.size();
        int mark = x.mark();
        x.mi.command("-exec-interrupt --all", T);
        x.awaitStops(mark, n + 1);
        x.assertStates(Map.of(), "stopped");
        List<String> log = s.stderr.lines();
        Map<String, Integer> packets = new TreeMap<>();
        Pattern getpkt = Pattern.compile("getpkt \\(\"([A-Za-z?]+)");
        Pattern built = Pattern.compile("thread list built: (\\d+) threads, (\\d+) bytes");
        int listReads = 0;
        int listBuilds = 0;
        int bytesPerThread = 0;
        for (String line : log.subList(logMark, log.size())) {
            Matcher m = getpkt.matcher(line);
            if (m.find()) {
                packets.merge(m.group(1), 1, Integer::sum);
                if (line.contains("getpkt (\"qXfer:threads:read::0,")) {
                    listReads++;
                }
            }
            Matcher b = built.matcher(line);
            if (b.find()) {
                listBuilds++;
                bytesPerThread = Integer.parseInt(b.group(2)) / Integer.parseInt(b.group(1));
            }
        }
        int stops = n + 1;
        int total = packets.values().stream().mapToInt(Integer::intValue).sum();
        int listChunks = packets.getOrDefault("qXfer", 0);
        String what = "packets after -exec-interrupt --all of " + stops + " threads: " + packets
                + "; thread list read " + listReads + " times, built " + listBuilds + " times, "
                + bytesPerThread + " bytes a thread";
        System.out.println("[NonStopTest] " + (E2e.reference() ? "gdbserver" : "jgdbserver") + ": " + what);
        // One list read per reported stop (and a couple more around it), never more.
        assertTrue(listReads >= stops / 2 && listReads <= stops + 3, () -> what + "\n" + x.context());
        // Besides the list: 2 Hg, the frame's memory reads (5 here), vStopped.
        assertTrue(total - listChunks <= 10 * stops, () -> what + "\n" + x.context());
        if (!E2e.reference()) {
            assertEquals(0, packets.getOrDefault("g", 0), () -> what + "\n" + x.context());
            assertTrue(listBuilds >= 1 && listBuilds <= 5, () -> what + "\n" + x.context());
            assertTrue(bytesPerThread <= 64, () -> what + "\n" + x.context());
        }
        x.detach();
    }

    /** The same cycles with the 100 workers of a program the server started (run to started() first). */
    @Test
    void hundredThreadsLaunchedContinueAllInterruptAllThreeTimes() {
        int n = 100;
        Session x = launchAndRunToStarted(n, "block");
        cycles(x, n, "launched");
        x.kill();
    }

    /**
     * Three times: -exec-continue --all (until no task is in a stop state), -exec-interrupt --all
     * (until every thread reported its single *stopped). Prints the times.
     */
    private void cycles(Session x, int n, String label) {
        long pid = x.pid;
        List<String> timings = new ArrayList<>();
        for (int r0 = 1; r0 <= 3; r0++) {
            final int round = r0;
            long c0 = System.nanoTime();
            String r = x.mi.command("-exec-continue --all", T);
            assertTrue(r.contains("^running"), () -> r + "\n" + x.context());
            E2e.waitUntil("every task running (round " + round + ")", T,
                    () -> E2e.taskStates(pid).stream().noneMatch(st -> st.startsWith("t")),
                    () -> E2e.taskStates(pid) + "\n" + x.context());
            long c1 = System.nanoTime();
            x.assertStates(Map.of(), "running");
            int mark = x.mark();
            long i0 = System.nanoTime();
            x.mi.command("-exec-interrupt --all", T);
            List<String> stops = x.awaitStops(mark, n + 1);
            long i1 = System.nanoTime();
            E2e.holdsFor("no extra *stopped (round " + round + ")", Duration.ofMillis(500),
                    () -> x.stopsSince(mark).size() == n + 1, x::context);
            List<Integer> ids = stops.stream().map(NonStopTest::threadId).distinct().toList();
            assertEquals(n + 1, ids.size(), () -> "round " + round + ": distinct threads stopped\n" + x.context());
            for (String st : stops) {
                assertTrue(st.contains("reason=\"signal-received\"") && st.contains("signal-name=\"0\""), () ->
                        st + "\n" + x.context());
            }
            assertEquals(n + 1, E2e.taskStates(pid).stream().filter(st -> st.startsWith("t")).count(), () ->
                    E2e.taskStates(pid) + "\n" + x.context());
            x.assertStates(Map.of(), "stopped");
            timings.add(String.format("round %d: continue --all %d ms (until no task stopped), interrupt --all %d ms"
                    + " (until %d *stopped), cycle %d ms", round, (c1 - c0) / 1_000_000, (i1 - i0) / 1_000_000,
                    n + 1, (c1 - c0 + i1 - i0) / 1_000_000));
        }
        System.out.println("[NonStopTest] " + (E2e.reference() ? "gdbserver" : "jgdbserver") + ", " + n
                + " threads, non-stop, " + label);
        for (String t : timings) {
            System.out.println("[NonStopTest]   " + t);
        }
    }

    // ---- the session ----

    /** gdb/MI in non-stop mode connected to a server; threads.c's pid. */
    final class Session {
        final MiGdb mi;
        final ServerProcess server;
        final long pid;

        Session(MiGdb mi, ServerProcess server, long pid) {
            this.mi = mi;
            this.server = server;
            this.pid = pid;
        }

        String context() {
            return mi.transcript() + "\n" + serverLogs();
        }

        /** Index of the next MI output line. */
        int mark() {
            return mi.out.size();
        }

        List<String> stopsSince(int mark) {
            List<String> lines = mi.out.lines();
            List<String> out = new ArrayList<>();
            for (int i = mark; i < lines.size(); i++) {
                if (lines.get(i).startsWith("*stopped")) {
                    out.add(lines.get(i));
                }
            }
            return out;
        }

        /** Waits for {@code count} {@code *stopped} records after {@code mark}; returns them. */
        List<String> awaitStops(int mark, int count) {
            E2e.waitUntil(count + " *stopped records", T, () -> stopsSince(mark).size() >= count, this::context);
            List<String> stops = stopsSince(mark);
            assertEquals(count, stops.size(), () -> "*stopped records: " + stops + "\n" + context());
            return stops;
        }

            /** Runs an execution command on one thread; waits for that thread's single *stopped. */
        String resumeAndStop(int id, String command) {
            int mark = mark();
            String r = mi.command(command, T);
            assertTrue(r.contains("^running"), () -> r + "\n" + context());
            String st = awaitStops(mark, 1).get(0);
            assertEquals(id, threadId(st), () -> st + "\n" + context());
            return st;
        }

        /** gdb's threads, by gdb thread id. */
        Map<Integer, GdbThread> threads() {
            String info = mi.command("-thread-info", T);
            Map<Integer, GdbThread> out = new LinkedHashMap<>();
            Matcher m = THREAD.matcher(info);
            while (m.find()) {
                int id = Integer.parseInt(m.group(1));
                out.put(id, new GdbThread(id, Long.parseLong(m.group(2)), m.group(3), m.group(4)));
            }
            return out;
        }

        int idOf(String name) {
            int[] id = {-1};
            E2e.waitUntil("gdb thread named " + name, T, () -> {
                for (GdbThread t : threads().values()) {
                    if (name.equals(t.name())) {
                        id[0] = t.id();
                        return true;
                    }
                }
                return false;
            }, this::context);
            return id[0];
        }

        /** The threads in {@code special} have that state, every other thread {@code others}. */
        void assertStates(Map<Integer, String> special, String others) {
            Map<Integer, GdbThread> ts = threads();
            assertTrue(!ts.isEmpty(), () -> context());
            for (GdbThread t : ts.values()) {
                String want = special.getOrDefault(t.id(), others);
                if (!want.equals(t.state())) {
                    fail("thread " + t + " should be " + want + "\n" + context());
                }
            }
        }

        /** -exec-continue --all; waits until gdb sees every thread running. */
        void continueAll() {
            String r = mi.command("-exec-continue --all", T);
            assertTrue(r.contains("^running"), () -> r + "\n" + context());
            E2e.waitUntil("every thread running", T,
                    () -> threads().values().stream().allMatch(t -> t.state().equals("running")), this::context);
        }

        long counter(int i) {
            String r = mi.command("-data-evaluate-expression counters[" + i + "]", T);
            Matcher m = Pattern.compile("\\^done,value=\"(-?\\d+)\"").matcher(r);
            assertTrue(m.find(), () -> r + "\n" + context());
            return Long.parseLong(m.group(1));
        }

        void awaitCounterAbove(int i, long value) {
            E2e.waitUntil("counters[" + i + "] > " + value, T, () -> counter(i) > value, this::context);
        }

        long address(String expr) {
            String r = mi.command("-data-evaluate-expression " + expr, T);
            Matcher m = Pattern.compile("value=\"[^\"]*?(0x[0-9a-f]+)").matcher(r);
            assertTrue(m.find(), () -> r + "\n" + context());
            return Long.parseUnsignedLong(m.group(1).substring(2), 16);
        }

        void detach() {
            int mark = mark();
            String d = mi.command("-target-detach", T);
            assertTrue(d.contains("^done"), () -> d + "\n" + context());
            Pattern detached = Pattern.compile("^~\"\\[Inferior 1 \\(process " + pid + "\\) detached\\]");
            E2e.waitUntil("gdb says detached", T, () -> mi.out.indexOf(detached, mark) >= 0, this::context);
        }

        void kill() {
            mi.command("-interpreter-exec console kill", T);
            awaitGone(pid, "gdb killed it");
            server.awaitExit(T);
        }
    }

    private Session connect(ServerProcess s, long pid) {
        return connect(s, pid, "threads");
    }

    private Session connect(ServerProcess s, long pid, String program) {
        MiGdb mi = mi();
        mi.command("-gdb-set mi-async on");
        mi.command("-gdb-set non-stop on");
        mi.command("-file-exec-and-symbols " + E2e.bin(program));
        String connected = mi.command("-target-select remote :" + s.port(), T);
        Session x = new Session(mi, s, pid);
        assertTrue(connected.contains("^connected"), () -> connected + "\n" + x.context());
        return x;
    }

    /** threads N spin started by the server; run (thread 1 alone) to started(): every worker exists. */
    private Session launchAndRunToStarted(int workers) {
        return launchAndRunToStarted(workers, "spin");
    }

    private Session launchAndRunToStarted(int workers, String mode) {
        ServerProcess s = serverOnPort("--once", E2e.bin("threads").toString(), Integer.toString(workers), mode);
        long pid = own(s.inferiorPid());
        Session x = connect(s, pid);
        x.mi.command("-break-insert started", T);
        int mark = x.mark();
        x.mi.command("-exec-continue --all", T);
        String st = x.awaitStops(mark, 1).get(0);
        assertTrue(st.contains("reason=\"breakpoint-hit\"") && st.contains("func=\"started\"")
                && st.contains("thread-id=\"1\""), () -> st + "\n" + x.context());
        x.mi.command("-break-delete 1", T);
        E2e.waitUntil("gdb knows " + (workers + 1) + " threads", T, () -> x.threads().size() == workers + 1,
                x::context);
        return x;
    }

    static int threadId(String stopped) {
        Matcher m = STOPPED_TID.matcher(stopped);
        assertTrue(m.find(), stopped);
        return Integer.parseInt(m.group(1));
    }

    /** State letter of one thread of a process (/proc/PID/task/TID/status). */
    static String taskState(long pid, long tid) {
        try {
            String st = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/task/" + tid + "/status"));
            Matcher m = Pattern.compile("(?m)^State:\\s*(\\S)").matcher(st);
            return m.find() ? m.group(1) : "?";
        } catch (IOException e) {
            return "gone";
        }
    }

    /** {@code long counters[n]} at {@code address}, read through /proc/PID/mem (the process is not traced). */
    static long[] readCounters(long pid, long address, int n) {
        try (RandomAccessFile mem = new RandomAccessFile("/proc/" + pid + "/mem", "r")) {
            byte[] b = new byte[8 * n];
            mem.seek(address);
            mem.readFully(b);
            ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = bb.getLong();
            }
            return out;
        } catch (IOException e) {
            throw new AssertionError("reading /proc/" + pid + "/mem", e);
        }
    }
}
