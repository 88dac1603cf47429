package org.jgdbserver.tracer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Attach, threads at scale, exec, fork, kill from outside, and bad input. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LifecycleTest {
    static Tracer tracer;

    @BeforeAll
    static void start() {
        tracer = Tracer.start();
    }

    @AfterAll
    static void stop() {
        await().atMost(Duration.ofSeconds(10)).until(() -> tracer.processes().isEmpty());
        tracer.close();
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(60, TimeUnit.SECONDS);
    }

    static boolean alive(int pid) {
        return java.nio.file.Files.exists(java.nio.file.Path.of("/proc/" + pid));
    }

    static int threadCount(int pid) {
        try (var s = java.nio.file.Files.list(java.nio.file.Path.of("/proc/" + pid + "/task"))) {
            return (int) s.count();
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    /** Kernel view of a task: 't' in a tracing stop, 'S' sleeping, 'R' running (proc(5)). */
    static char taskState(int pid, int tid) {
        try {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/" + pid + "/task/" + tid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2);
        } catch (java.io.IOException e) {
            return '?';
        }
    }

    static long countTasksIn(int pid, List<TracedThread> ts, char state) {
        return ts.stream().filter(t -> taskState(pid, t.tid()) == state).count();
    }

    @Test
    void thousandThreadsAttachedStoppedAndResumedAllAccountedFor() throws Exception {
        String prog = Inferiors.bin("threads");
        int pid = Inferiors.startDetached(prog, "1000", "block");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> threadCount(pid) == 1001);
            TracedProcess p = get(tracer.attach(pid));
            Engine e = get(tracer.attachEngine(p, new EngineOps() {}, Event.none(), null));
            List<TracedThread> ts = p.threads();
            assertEquals(1001, ts.size());
            Set<Integer> tids = new HashSet<>();
            for (TracedThread t : ts) {
                assertTrue(t.isStopped(), t.toString());
                tids.add(t.tid());
            }
            assertEquals(1001, tids.size());
            assertEquals(1001, countTasksIn(pid, ts, 't'), "the kernel agrees: every task in a tracing stop");
            for (int round = 0; round < 3; round++) {
                get(e.resumeAll(p));
                // Blocked on their barrier again: sleeping, none left in a tracing stop.
                await().atMost(Duration.ofSeconds(20)).until(() -> countTasksIn(pid, ts, 'S') == 1001);
                get(e.stopAll(p));
                for (TracedThread t : p.threads()) {
                    assertTrue(t.isStopped(), t.toString());
                }
                assertEquals(1001, p.threads().size());
                assertEquals(1001, countTasksIn(pid, ts, 't'));
            }
            get(p.detach());
            assertTrue(alive(pid), "detached process keeps running");
            await().atMost(Duration.ofSeconds(20)).until(() -> countTasksIn(pid, ts, 'S') == 1001);
        } finally {
            Runtime.getRuntime().exec(new String[] {"kill", "-9", String.valueOf(pid)}).waitFor();
        }
    }

    @Test
    void attachCatchesEveryLinkOfChainsOfShortLivedThreads() throws Exception {
        // gdb.threads/attach-many-short-lived-threads.exp: a link seized while inside clone()
        // starts its successor untraced, and a chain of untraced links can be missing from a
        // listing of /proc/PID/task. Missed, it runs on and dies of the first breakpoint.
        String prog = Inferiors.bin("chains");
        long linkDone = Inferiors.symbol(prog, "link_done");
        int pid = Inferiors.startDetached(prog, "20");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> threadCount(pid) > 20);
            for (int round = 1; round <= 10; round++) {
                TracedProcess p = get(tracer.attach(pid));
                Engine e = get(tracer.attachEngine(p, new EngineOps() {}, Event.none(), null));
                get(e.insertBreakpoint(p, linkDone));
                int r = round;
                await("round " + r + ": every task traced and stopped, for 300 ms").atMost(Duration.ofSeconds(5))
                        .during(Duration.ofMillis(300)).until(() -> {
                            List<TracedThread> ts = p.threads();
                            return alive(pid) && kernelThreadCount(pid) == ts.size()
                                    && threadCount(pid) == ts.size() && countTasksIn(pid, ts, 't') == ts.size();
                        });
                get(e.removeBreakpoint(p, linkDone));
                get(p.detach());
                assertTrue(alive(pid), "round " + r + ": the detached process runs on");
            }
        } finally {
            Runtime.getRuntime().exec(new String[] {"kill", "-9", String.valueOf(pid)}).waitFor();
        }
    }

    /** "Threads:" of /proc/PID/status: the kernel's own count, which no listing race can miss. */
    static int kernelThreadCount(int pid) {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring(8).trim());
                }
            }
        } catch (java.io.IOException e) {
            // gone
        }
        return -1;
    }

    private static long readCounter(int pid, long address) {
        try (var f = new java.io.RandomAccessFile("/proc/" + pid + "/mem", "r")) {
            f.seek(address);
            byte[] b = new byte[8];
            f.readFully(b);
            return Bytes.i64(b, 0);
        } catch (java.io.IOException e) {
            return -1;
        }
    }

    @Test
    void theProcessExitsWithItsLeadersCodeWhenEveryThreadExitsByItself() throws Exception {
        // Each thread calls exit(2) with its own code; this kernel's last wait status is the
        // last thread's. gdbserver reports the leader's (its PTRACE_EVENT_EXIT), and so do we
        // (gdb.threads/process-exit-status-is-leader-exit-status.exp).
        for (int round = 0; round < 3; round++) {
            TracedProcess p = get(tracer.launch(LaunchSpec.of(Inferiors.bin("leader_exit"), "16")));
            Engine e = get(tracer.attachEngine(p, new EngineOps() {}, Event.of(Event.EXIT), null));
            get(e.resumeAll(p));
            WaitStatus ws = get(p.exitFuture());
            assertEquals(1, ws.exitCode(), "round " + round + ": " + ws);
        }
    }

    @Test
    void execByANonLeaderThreadIsReportedOnTheLeaderTid() throws Exception {
        String loop = Inferiors.bin("loop");
        TracedProcess p = get(tracer.launch(LaunchSpec.of(Inferiors.bin("forker"), "thread-exec", loop, "3", "9")));
        List<int[]> execs = new CopyOnWriteArrayList<>();
        AtomicInteger clones = new AtomicInteger();
        Engine e = get(tracer.attachEngine(p, new EngineOps() {
            @Override
            public ResumeAction reportClone(Engine engine, TracedThread parent, TracedThread child, CloneKind kind) {
                clones.incrementAndGet();
                return ResumeAction.RESUME;
            }

            @Override
            public ResumeAction reportExec(Engine engine, TracedThread thread, int formerTid) {
                execs.add(new int[] {thread.tid(), formerTid, thread.process().threads().size()});
                return ResumeAction.RESUME;
            }
        }, Event.of(Event.EXEC, Event.CLONE), null));
        get(e.resumeAll(p));
        WaitStatus ws = get(p.exitFuture());
        assertEquals(9, ws.exitCode());
        assertEquals(1, clones.get());
        assertEquals(1, execs.size());
        int[] x = execs.get(0);
        assertEquals(p.pid(), x[0], "the execing thread takes the leader's tid");
        assertNotEquals(p.pid(), x[1], "it was another thread");
        assertEquals(1, x[2], "no other thread survives the exec");
    }

    @Test
    void forkChildIsReportedAndReleasedWhenNobodyAdoptsIt() throws Exception {
        String prog = Inferiors.bin("forker");
        long inChild = Inferiors.symbol(prog, "in_child");
        TracedProcess p = get(tracer.launch(LaunchSpec.of(prog, "fork")));
        List<Integer> children = new CopyOnWriteArrayList<>();
        AtomicInteger hits = new AtomicInteger();
        Engine e = get(tracer.attachEngine(p, new EngineOps() {
            @Override
            public ResumeAction reportClone(Engine engine, TracedThread parent, TracedThread child, CloneKind kind) {
                if (kind == CloneKind.FORK) {
                    children.add(child.tid());
                }
                return ResumeAction.RESUME;
            }

            @Override
            public ResumeAction reportSignal(Engine engine, TracedThread thread, SignalReport s) {
                if (s.kind() == SignalReport.Kind.BREAKPOINT) {
                    hits.incrementAndGet();
                }
                return ResumeAction.RESUME;
            }
        }, Event.of(Event.CLONE, Event.SIGNAL), null));
        // The child inherits the int3; released, it must run in_child with the original byte.
        get(e.insertBreakpoint(p, inChild));
        get(e.resumeAll(p));
        WaitStatus ws = get(p.exitFuture());
        assertEquals(7, ws.exitCode(), "the parent returns the child's status: the child ran cleanly");
        assertEquals(1, children.size());
        assertEquals(0, hits.get());
    }

    @Test
    void forkChildAdoptedIsTracedToItsDeath() throws Exception {
        String prog = Inferiors.bin("forker");
        long inChild = Inferiors.symbol(prog, "in_child");
        TracedProcess p = get(tracer.launch(LaunchSpec.of(prog, "fork")));
        List<Integer> deaths = new CopyOnWriteArrayList<>();
        AtomicInteger childHits = new AtomicInteger();
        Engine e = get(tracer.attachEngine(p, new EngineOps() {
            @Override
            public ResumeAction reportClone(Engine engine, TracedThread parent, TracedThread child, CloneKind kind) {
                engine.adopt(child.process());
                engine.control(child, ResumeAction.RESUME);
                return ResumeAction.RESUME;
            }

            @Override
            public ResumeAction reportSignal(Engine engine, TracedThread thread, SignalReport s) {
                if (s.kind() == SignalReport.Kind.BREAKPOINT && thread.process() != p) {
                    childHits.incrementAndGet();
                }
                return ResumeAction.RESUME;
            }

            @Override
            public void reportDeath(Engine engine, TracedThread thread, WaitStatus status, boolean ended) {
                if (ended && thread.process() != p) {
                    deaths.add(status.exitCode());
                }
            }
        }, Event.of(Event.CLONE, Event.SIGNAL, Event.DEATH), null));
        get(e.insertBreakpoint(p, inChild));
        get(e.resumeAll(p));
        assertEquals(7, get(p.exitFuture()).exitCode());
        assertEquals(List.of(7), deaths);
        // The adopting engine owns the child's copy of its int3, as gdbserver clones the
        // breakpoint list into a fork child: the child's hit is reported to it.
        assertEquals(1, childHits.get(), "hits of the inherited breakpoint in the child");
    }

    @Test
    void killedFromOutsideWhileStoppedAndWhileRunning() throws Exception {
        for (boolean running : new boolean[] {false, true}) {
            TracedProcess p = get(tracer.launch(LaunchSpec.of(Inferiors.bin("loop"))));
            Engine e = get(tracer.attachEngine(p, new EngineOps() {}, Event.of(Event.DEATH), null));
            if (running) {
                get(e.resumeAll(p));
                TracedThread t = p.threads().get(0);
                await().atMost(Duration.ofSeconds(5)).until(() -> !t.isStopped());
            }
            // A ProcessBuilder child beside the tracer: its exit status must stay its own.
            Process kill = new ProcessBuilder("kill", "-9", String.valueOf(p.pid())).start();
            assertEquals(0, kill.waitFor());
            WaitStatus ws = get(p.exitFuture());
            assertTrue(ws.signaled() && ws.termSignal() == 9, ws.toString());
        }
    }

    @Test
    void processBuilderChildKeepsItsExitStatusWhileTracing() throws Exception {
        TracedProcess p = get(tracer.launch(LaunchSpec.of(Inferiors.bin("loop"))));
        Engine e = get(tracer.attachEngine(p, new EngineOps() {}, Event.none(), null));
        get(e.resumeAll(p));
        for (int i = 0; i < 5; i++) {
            Process sh = new ProcessBuilder("sh", "-c", "exit " + (3 + i)).start();
            assertEquals(3 + i, sh.waitFor());
        }
        assertEquals(9, get(p.kill()).termSignal());
    }

    @Test
    void badInputFailsWithTypedErrorsAndTheTracerServesOn() throws Exception {
        TracedProcess p = get(tracer.launch(LaunchSpec.of(Inferiors.bin("loop"), "1")));
        Engine e = get(tracer.attachEngine(p, new EngineOps() {}, Event.none(), null));
        TracedThread t = p.threads().get(0);
        // Unmapped memory.
        TracerException unmapped = assertThrows(TracerException.class, () -> p.memory().read(0x10, 16));
        assertTrue(unmapped.getMessage().startsWith("read memory(pid " + p.pid() + ", 0x10, 16): E"), unmapped.getMessage());
        Exception w = assertThrows(Exception.class, () -> get(p.memory().write(0x10, new byte[4])));
        assertTrue(w.getCause() instanceof TracerException && w.getCause().getMessage().contains("EIO"), w.toString());
        // A breakpoint nobody inserted.
        Exception rb = assertThrows(Exception.class, () -> get(e.removeBreakpoint(p, 0x401000)));
        assertTrue(rb.getCause().getMessage().contains("no breakpoint of this engine"), rb.getCause().getMessage());
        // A dead thread.
        get(e.resumeAll(p));
        get(p.exitFuture());
        Exception dead = assertThrows(Exception.class, () -> get(e.control(t, ResumeAction.STOP)));
        assertTrue(dead.getCause() instanceof TracerException, dead.toString());
        assertTrue(dead.getCause().getMessage().contains("thread is dead"), dead.getCause().getMessage());
        Exception regs = assertThrows(Exception.class, () -> get(t.readRegset(1)));
        assertTrue(regs.getCause().getMessage().contains("PTRACE_GETREGSET(tid " + t.tid() + ")"), regs.getCause().getMessage());
        // A detached engine.
        TracedProcess q = get(tracer.launch(LaunchSpec.of(Inferiors.bin("loop"), "2")));
        Engine a = get(tracer.attachEngine(q, new EngineOps() {}, Event.none(), null));
        Engine b = get(tracer.attachEngine(q, new EngineOps() {}, Event.none(), null));
        get(b.detach());
        TracedThread qt = q.threads().get(0);
        Exception det = assertThrows(Exception.class, () -> get(b.control(qt, ResumeAction.RESUME)));
        assertTrue(det.getCause().getMessage().contains("engine detached"), det.getCause().getMessage());
        // Attach to nothing.
        Exception none = assertThrows(Exception.class, () -> get(tracer.attach(999_999_999)));
        assertTrue(none.getCause().getMessage().contains("ESRCH"), none.getCause().getMessage());
        // And the tracer still serves the other process.
        get(a.resumeAll(q));
        assertEquals(0, get(q.exitFuture()).exitCode());
    }
}
