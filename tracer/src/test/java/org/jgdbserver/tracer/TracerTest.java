package org.jgdbserver.tracer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The engine layer against real processes, through real ptrace. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class TracerTest {
    static Tracer tracer;

    @BeforeAll
    static void start() {
        tracer = Tracer.start();
    }

    @AfterAll
    static void stop() {
        // Every test waits for its processes to end: none may be left behind.
        await().atMost(Duration.ofSeconds(10)).until(() -> tracer.processes().isEmpty());
        tracer.close();
    }

    static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(30, TimeUnit.SECONDS);
    }

    @Test
    void launchRunsToExitWithItsStatus() throws Exception {
        TracedProcess p = get(tracer.launch(LaunchSpec.of(Inferiors.bin("loop"), "5", "42")));
        assertTrue(p.isAlive());
        assertEquals(1, p.threads().size());
        AtomicReference<WaitStatus> death = new AtomicReference<>();
        Engine e = get(tracer.attachEngine(p, new EngineOps() {
            @Override
            public void reportDeath(Engine engine, TracedThread thread, WaitStatus status, boolean ended) {
                death.set(status);
            }
        }, Event.of(Event.DEATH), null));
        // The first engine finds the process held at its first instruction.
        TracedThread t = p.threads().get(0);
        assertTrue(t.isStopped());
        get(e.resumeAll(p));
        WaitStatus ws = get(p.exitFuture());
        assertTrue(ws.exited());
        assertEquals(42, ws.exitCode());
        assertEquals(42, death.get().exitCode());
    }

    /**
     * stateChanges is what lets a client keep what it read of stopped threads (the RSP thread
     * list): it must stay put while they stay stopped, and move when one runs or stops.
     */
    @Test
    void stateChangesMovesOnResumeAndStopAndNotWhileStopped() throws Exception {
        TracedProcess p = get(tracer.launch(LaunchSpec.of(Inferiors.bin("loop"), "-1")));
        Engine e = get(tracer.attachEngine(p, new EngineOps() {}, Event.of(Event.DEATH), null));
        TracedThread t = p.threads().get(0);
        assertTrue(t.isStopped());
        long c0 = tracer.stateChanges();
        t.name();
        t.lastCpu();
        get(t.readRegset(1));
        p.threads();
        assertEquals(c0, tracer.stateChanges(), "reads of a stopped thread");
        get(e.control(t, ResumeAction.RESUME));
        long c1 = tracer.stateChanges();
        assertNotEquals(c0, c1, "resume");
        get(e.control(t, ResumeAction.STOP));
        assertTrue(t.isStopped());
        long c2 = tracer.stateChanges();
        assertNotEquals(c1, c2, "stop");
        get(t.readRegset(1));
        assertEquals(c2, tracer.stateChanges(), "reads of a stopped thread");
        assertEquals(9, get(p.kill()).termSignal());
    }

    @Test
    void launchThroughTheShellPassesArguments() throws Exception {
        TracedProcess p = get(tracer.launch(LaunchSpec.of(Inferiors.bin("loop"), "3", "$((6*7))").withShell(true)));
        Engine e = get(tracer.attachEngine(p, new EngineOps() {}, Event.none(), null));
        assertTrue(p.executable().endsWith("/loop"), p.executable());
        get(e.resumeAll(p));
        assertEquals(42, get(p.exitFuture()).exitCode());
    }

    @Test
    void launchOfAMissingProgramFailsWithTheErrno() {
        Exception ex = assertThrows(Exception.class, () -> get(tracer.launch(LaunchSpec.of("/nonexistent/prog"))));
        assertTrue(ex.getCause() instanceof TracerException, ex.toString());
        assertTrue(ex.getCause().getMessage().contains("execve(/nonexistent/prog): ENOENT"), ex.getCause().getMessage());
    }

    @Test
    void breakpointHitsAreReportedAndSteppedOver() throws Exception {
        String prog = Inferiors.bin("bp_loop");
        long target = Inferiors.symbol(prog, "bp_target");
        TracedProcess p = get(tracer.launch(LaunchSpec.of(prog, "25")));
        AtomicInteger hits = new AtomicInteger();
        Engine e = get(tracer.attachEngine(p, new EngineOps() {
            @Override
            public ResumeAction reportSignal(Engine engine, TracedThread thread, SignalReport signal) {
                if (signal.kind() == SignalReport.Kind.BREAKPOINT && signal.address() == target) {
                    hits.incrementAndGet();
                }
                return ResumeAction.RESUME;
            }
        }, Event.of(Event.SIGNAL), null));
        get(e.insertBreakpoint(p, target));
        // Readers never see the int3.
        byte[] text = p.memory().read(target, 1);
        assertNotEquals((byte) 0xcc, text[0]);
        get(e.resumeAll(p));
        assertEquals(0, get(p.exitFuture()).exitCode());
        assertEquals(25, hits.get());
    }

    @Test
    void twoEnginesOnOneThreadTheStopHolds() throws Exception {
        String prog = Inferiors.bin("bp_loop");
        long target = Inferiors.symbol(prog, "bp_target");
        long hitsVar = Inferiors.symbol(prog, "hits");
        TracedProcess p = get(tracer.launch(LaunchSpec.of(prog, "1000")));
        AtomicInteger aHits = new AtomicInteger(), bHits = new AtomicInteger();
        Engine a = get(tracer.attachEngine(p, new EngineOps() {
            @Override
            public ResumeAction reportSignal(Engine engine, TracedThread thread, SignalReport s) {
                aHits.incrementAndGet();
                return ResumeAction.STOP; // holds the thread
            }
        }, Event.of(Event.SIGNAL), null));
        Engine b = get(tracer.attachEngine(p, new EngineOps() {
            @Override
            public ResumeAction reportSignal(Engine engine, TracedThread thread, SignalReport s) {
                bHits.incrementAndGet();
                return ResumeAction.RESUME;
            }
        }, Event.of(Event.SIGNAL), null));
        // The breakpoint is shared: one int3, two owners.
        get(a.insertBreakpoint(p, target));
        get(b.insertBreakpoint(p, target));
        get(a.resumeAll(p));
        await().atMost(Duration.ofSeconds(10)).until(() -> aHits.get() == 1 && bHits.get() == 1);
        TracedThread t = p.threads().get(0);
        // B said RESUME, A holds STOP: the thread stays stopped, and the program makes no progress.
        long before = Inferiors.readLong(p, hitsVar);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> t.isStopped() && aHits.get() == 1);
        assertEquals(before, Inferiors.readLong(p, hitsVar));
        // B lets go of the breakpoint: A's is still there.
        get(b.removeBreakpoint(p, target));
        get(a.control(t, ResumeAction.RESUME));
        await().atMost(Duration.ofSeconds(10)).until(() -> aHits.get() == 2);
        assertEquals(1, bHits.get());
        get(a.removeBreakpoint(p, target));
        get(a.control(t, ResumeAction.RESUME));
        assertEquals(0, get(p.exitFuture()).exitCode());
        assertEquals(2, aHits.get());
    }

    @Test
    void aHitWhoseBreakpointWasRemovedIsReExecutedNotSteppedOver() throws Exception {
        String prog = Inferiors.bin("bp_loop");
        long target = Inferiors.symbol(prog, "bp_target");
        TracedProcess p = get(tracer.launch(LaunchSpec.of(prog, "1")));
        AtomicInteger hits = new AtomicInteger();
        Engine e = get(tracer.attachEngine(p, new EngineOps() {
            @Override
            public ResumeAction reportSignal(Engine engine, TracedThread thread, SignalReport s) {
                if (s.kind() == SignalReport.Kind.BREAKPOINT) {
                    hits.incrementAndGet();
                    return ResumeAction.STOP;
                }
                return ResumeAction.RESUME;
            }
        }, Event.of(Event.SIGNAL), null));
        get(e.insertBreakpoint(p, target));
        get(e.resumeAll(p));
        await().atMost(Duration.ofSeconds(10)).until(() -> hits.get() == 1);
        // gdb's dance when it discards a hit it has not reported: z0, then Z0 later. The thread
        // must run into the int3 again (gdbserver does the same), not be stepped past it.
        get(e.removeBreakpoint(p, target));
        get(e.insertBreakpoint(p, target));
        TracedThread t = p.threads().get(0);
        get(e.control(t, ResumeAction.RESUME));
        await().atMost(Duration.ofSeconds(10)).until(() -> hits.get() == 2);
        get(e.removeBreakpoint(p, target));
        get(e.control(t, ResumeAction.RESUME));
        assertEquals(0, get(p.exitFuture()).exitCode());
        assertEquals(2, hits.get());
    }

    /**
     * Threads that hit a breakpoint just as a stop-all interrupts them: the kernel reports the
     * interrupt before it dequeues the int3's SIGTRAP. If that stop were taken as a quiet one,
     * the trap would come out at the next resume, after the breakpoint is gone, as a SIGTRAP
     * nobody can explain (the pc one past where the int3 was). Every trap must be a hit.
     */
    @Test
    void aHitRacingAStopAllIsReportedAsAHitNeverAsAStraySigtrap() throws Exception {
        String prog = Inferiors.bin("threads");
        long work = Inferiors.symbol(prog, "work");
        TracedProcess p = get(tracer.launch(LaunchSpec.of(prog, "6")));
        AtomicInteger hits = new AtomicInteger();
        List<String> stray = new CopyOnWriteArrayList<>();
        AtomicBoolean stopping = new AtomicBoolean();
        Engine e = get(tracer.attachEngine(p, new EngineOps() {
            @Override
            public ResumeAction reportSignal(Engine engine, TracedThread thread, SignalReport s) {
                if (s.kind() == SignalReport.Kind.BREAKPOINT) {
                    hits.incrementAndGet();
                } else {
                    stray.add(s.kind() + " " + s.signal() + " in " + thread.tid());
                }
                // As a debugger does: what comes in while it stops everything stays stopped.
                return stopping.get() ? ResumeAction.STOP : ResumeAction.RESUME;
            }
        }, Event.of(Event.SIGNAL), null));
        get(e.resumeAll(p));
        await().atMost(Duration.ofSeconds(10)).until(() -> p.threads().size() == 7);
        for (int round = 0; round < 1000; round++) {
            stopping.set(true);
            get(e.stopAll(p));
            get(e.insertBreakpoint(p, work));
            stopping.set(false);
            get(e.resumeAll(p));
            int before = hits.get();
            // A stray SIGTRAP that is passed kills the program: that ends the rounds too.
            await().pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10))
                    .until(() -> hits.get() > before || !stray.isEmpty() || p.exitFuture().isDone());
            if (!stray.isEmpty() || p.exitFuture().isDone()) {
                break;
            }
            stopping.set(true);
            get(e.stopAll(p));
            get(e.removeBreakpoint(p, work));
            stopping.set(false);
            get(e.resumeAll(p));
        }
        assertTrue(stray.isEmpty(), "stray reports: " + stray);
        assertFalse(p.exitFuture().isDone(), () -> "the program died: " + p.exitFuture().getNow(null));
        assertTrue(hits.get() >= 1000, "hits " + hits.get());
        assertEquals(9, get(p.kill()).termSignal());
    }

    /**
     * gdb takes its breakpoints out right before a detach while threads run (non-stop), so a
     * thread that executed the int3 just before reports its trap after the removal, with its pc
     * in the middle of the original instruction. Taken for a plain SIGTRAP, the detach handed
     * it to the program and killed it (gdb.threads/detach-step-over.exp, test_detach_quit).
     */
    @Test
    void aBreakpointTakenOutJustBeforeADetachLeavesTheProgramRunning() throws Exception {
        String prog = Inferiors.bin("threads");
        long work = Inferiors.symbol(prog, "work");
        int pid = Inferiors.startDetached(prog, "6");
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> LifecycleTest.threadCount(pid) == 7);
            for (int round = 1; round <= 20; round++) {
                TracedProcess p = get(tracer.attach(pid));
                AtomicInteger hits = new AtomicInteger();
                List<String> stray = new CopyOnWriteArrayList<>();
                Engine e = get(tracer.attachEngine(p, new EngineOps() {
                    @Override
                    public ResumeAction reportSignal(Engine engine, TracedThread thread, SignalReport s) {
                        if (s.kind() == SignalReport.Kind.BREAKPOINT) {
                            hits.incrementAndGet();
                            return ResumeAction.RESUME;
                        }
                        stray.add(s.kind() + " " + s.signal() + " in " + thread.tid());
                        return ResumeAction.STOP;
                    }
                }, Event.of(Event.SIGNAL), null));
                get(e.insertBreakpoint(p, work));
                get(e.resumeAll(p));
                await().atMost(Duration.ofSeconds(10)).until(() -> hits.get() > 20);
                get(e.removeBreakpoint(p, work)); // while they run, as non-stop gdb does
                get(p.detach());
                int r = round;
                assertTrue(stray.isEmpty(), () -> "round " + r + ": stray reports " + stray);
                await("round " + r + ": the detached program lives on").during(Duration.ofMillis(200))
                        .atMost(Duration.ofSeconds(2)).until(() -> LifecycleTest.taskState(pid, pid) == 'S'
                                || LifecycleTest.taskState(pid, pid) == 'R');
            }
        } finally {
            Runtime.getRuntime().exec(new String[] {"kill", "-9", String.valueOf(pid)}).waitFor();
        }
    }

    /**
     * exit_group while threads step over a breakpoint whose condition is false (the engine
     * resumes every hit): a thread waiting for its step-over, or stopped for another's, goes
     * to its exit event instead, and the step-over must not keep the dying ones stopped
     * (gdb.threads/process-dies-while-handling-bp.exp hung so).
     */
    @Test
    void theProgramExitsWhileItsThreadsStepOverABreakpoint() throws Exception {
        String prog = Inferiors.bin("threads");
        long work = Inferiors.symbol(prog, "work");
        for (int round = 0; round < 5; round++) {
            TracedProcess p = get(tracer.launch(LaunchSpec.of(prog, "8", "burst")));
            AtomicInteger hits = new AtomicInteger();
            Engine e = get(tracer.attachEngine(p, new EngineOps() {
                @Override
                public ResumeAction reportSignal(Engine engine, TracedThread thread, SignalReport s) {
                    hits.incrementAndGet();
                    return ResumeAction.RESUME;
                }
            }, Event.of(Event.SIGNAL), null));
            get(e.insertBreakpoint(p, work));
            get(e.resumeAll(p));
            WaitStatus ws = p.exitFuture().get(20, TimeUnit.SECONDS);
            assertEquals(0, ws.exitCode(), "round " + round + ": " + ws);
            assertTrue(hits.get() > 0, "round " + round + ": no hit before the exit");
        }
    }

    @Test
    void singleStepReportsToTheStepperOnly() throws Exception {
        TracedProcess p = get(tracer.launch(LaunchSpec.of(Inferiors.bin("loop"), "3")));
        List<Long> steps = new CopyOnWriteArrayList<>();
        Engine e = get(tracer.attachEngine(p, new EngineOps() {
            @Override
            public ResumeAction reportSignal(Engine engine, TracedThread thread, SignalReport s) {
                if (s.kind() == SignalReport.Kind.STEP) {
                    steps.add(s.address());
                    return steps.size() < 5 ? ResumeAction.SINGLESTEP : ResumeAction.STOP;
                }
                return ResumeAction.RESUME;
            }
        }, Event.of(Event.SIGNAL), null));
        TracedThread t = p.threads().get(0);
        long pc0 = get(t.pc());
        get(e.control(t, ResumeAction.SINGLESTEP));
        await().atMost(Duration.ofSeconds(10)).until(() -> steps.size() == 5);
        // The first step from the exec stop returns from execve to user space and traps before
        // the first instruction (as with raw ptrace); the steps after it move the pc.
        assertTrue(steps.get(4) != pc0 && new java.util.HashSet<>(steps).size() >= 4, steps.toString());
        assertEquals(steps.get(4), get(e.barrier(t)).pc().get());
        get(e.control(t, ResumeAction.RESUME));
        assertEquals(0, get(p.exitFuture()).exitCode());
    }

    @Test
    void hardwareWatchpointReportsTheWrite() throws Exception {
        String prog = Inferiors.bin("loop");
        long watched = Inferiors.symbol(prog, "watched");
        TracedProcess p = get(tracer.launch(LaunchSpec.of(prog, "100")));
        List<Long> hits = new CopyOnWriteArrayList<>();
        Engine e = get(tracer.attachEngine(p, new EngineOps() {
            @Override
            public ResumeAction reportSignal(Engine engine, TracedThread thread, SignalReport s) {
                if (s.kind() == SignalReport.Kind.WATCHPOINT) {
                    hits.add(Inferiors.readLong(thread.process(), s.dataAddress()));
                }
                return ResumeAction.RESUME;
            }
        }, Event.of(Event.SIGNAL), null));
        get(e.insertWatchpoint(p, watched, 8, WatchKind.WRITE));
        get(e.resumeAll(p));
        assertEquals(0, get(p.exitFuture()).exitCode());
        // watched = counter every 16 ticks: 16, 32, ..., 96.
        assertEquals(List.of(16L, 32L, 48L, 64L, 80L, 96L), hits);
    }

    @Test
    void signalsAreReportedAndCanBeSuppressed() throws Exception {
        TracedProcess p = get(tracer.launch(LaunchSpec.of(Inferiors.bin("signals"), "3")));
        List<Integer> seen = new CopyOnWriteArrayList<>();
        Engine e = get(tracer.attachEngine(p, new EngineOps() {
            @Override
            public ResumeAction reportSignal(Engine engine, TracedThread thread, SignalReport s) {
                seen.add(s.originalSignal());
                if (s.originalSignal() == 10 && seen.size() == 1) {
                    s.ignore(); // the first SIGUSR1 never reaches the program
                }
                return ResumeAction.RESUME;
            }
        }, Event.of(Event.SIGNAL), null));
        get(e.resumeAll(p));
        WaitStatus ws = get(p.exitFuture());
        assertEquals(List.of(10, 10, 10, 12), seen);
        assertEquals(2, ws.exitCode(), "two of three SIGUSR1 handled");
    }

    @Test
    void crashIsReportedAsSignalThenDeath() throws Exception {
        TracedProcess p = get(tracer.launch(LaunchSpec.of(Inferiors.bin("crash"))));
        List<Integer> seen = new CopyOnWriteArrayList<>();
        Engine e = get(tracer.attachEngine(p, new EngineOps() {
            @Override
            public ResumeAction reportSignal(Engine engine, TracedThread thread, SignalReport s) {
                seen.add(s.originalSignal());
                return ResumeAction.RESUME;
            }
        }, Event.of(Event.SIGNAL), null));
        get(e.resumeAll(p));
        WaitStatus ws = get(p.exitFuture());
        assertTrue(ws.signaled(), ws.toString());
        assertEquals(11, ws.termSignal());
        assertEquals(List.of(11), seen);
    }
}
