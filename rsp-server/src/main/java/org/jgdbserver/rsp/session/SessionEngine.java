package org.jgdbserver.rsp.session;

import org.jgdbserver.tracer.CloneKind;
import org.jgdbserver.tracer.Engine;
import org.jgdbserver.tracer.EngineOps;
import org.jgdbserver.tracer.ResumeAction;
import org.jgdbserver.tracer.SignalReport;
import org.jgdbserver.tracer.TracedThread;
import org.jgdbserver.tracer.WaitStatus;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * A gdb session as a tracer engine. Its callbacks run on the tracer thread: each turns what
 * the engine saw into a {@link StopEvent} for the session's event loop and holds the thread
 * (STOP), except what gdb asked not to hear: signals in QPassSignals, range steps still inside
 * their range, syscalls it does not catch, breakpoint hits whose target-side conditions are
 * false ({@link BreakpointActions}, evaluated here on the tracer thread).
 */
final class SessionEngine implements EngineOps {
    private final Consumer<StopEvent> sink;
    /** Linux signal numbers gdb passes without a stop (QPassSignals). */
    volatile boolean[] passSignals = new boolean[65];
    /** Range steps in progress: tid -> {start, end}. */
    final Map<Integer, long[]> ranges = new ConcurrentHashMap<>();
    /** Pass signals that arrived while stopping: delivered when the thread next runs (tid -> sig). */
    final Map<Integer, Integer> heldPassSignals = new ConcurrentHashMap<>();
    /** Threads gdb single-steps: a breakpoint hit there is reported whatever its condition. */
    private final java.util.Set<Integer> singleSteps = ConcurrentHashMap.newKeySet();
    /** Threads a non-stop stop request holds until gdb resumes them. */
    private final java.util.Set<Integer> stopRequests = ConcurrentHashMap.newKeySet();
    /** Code breakpoints with their target-side conditions and commands. */
    final BreakpointActions breakpoints = new BreakpointActions(System.out);
    /** An all-stop stop is being made: new threads start held. */
    volatile boolean stopping;
    volatile boolean forkEvents;
    volatile boolean vforkEvents;
    volatile boolean execEvents;
    volatile boolean threadEvents;
    /** QCatchSyscalls: null = off, empty = all, else the numbers. */
    volatile java.util.Set<Long> catchSyscalls;

    SessionEngine(Consumer<StopEvent> sink) {
        this.sink = sink;
    }

    /**
     * Whether the thread must stay stopped whatever the event: an all-stop stop is being made,
     * or a non-stop {@code vCont;t} (or Ctrl-C) asked this thread to stop and gdb has not resumed
     * it since. A callback's answer replaces the hold that request placed (utrace: an engine's
     * latest word counts), so an event gdb need not hear of must answer STOP here: a thread let
     * go would run on, and the stop gdb waits for would never come.
     */
    private boolean mustStay(TracedThread t) {
        return stopping || stopRequests.contains(t.tid());
    }

    /**
     * An event gdb need not hear of, in a thread gdb may be stepping: it goes on as gdb asked.
     * A step interrupted by a clone event (or an uncaught syscall stop) must still end after
     * one instruction (gdb.base/step-over-syscall.exp, clone: gdb's stepi over the syscall).
     */
    private ResumeAction goOn(TracedThread t) {
        if (mustStay(t)) {
            return ResumeAction.STOP;
        }
        return singleSteps.contains(t.tid()) || ranges.containsKey(t.tid()) ? ResumeAction.SINGLESTEP : ResumeAction.RESUME;
    }

    /**
     * A breakpoint hit gdb need not hear of (its target-side condition is false, or it ran its
     * commands): the tracer steps the thread over the breakpoint and it goes on, a range step
     * steps on. gdbserver too reports a hit while gdb single-steps whatever the condition.
     */
    private ResumeAction afterUnreportedHit(TracedThread t) {
        if (mustStay(t)) {
            return ResumeAction.STOP; // our answer replaces the hold of the stop in progress
        }
        return ranges.containsKey(t.tid()) ? ResumeAction.SINGLESTEP : ResumeAction.RESUME;
    }

    /**
     * A non-stop {@code vCont;t} (or Ctrl-C) stops this thread with {@code control(STOP)}: until
     * gdb resumes it, a breakpoint hit gdb need not hear of keeps it stopped instead of letting
     * it go (the callback's answer would replace the hold).
     */
    void stopRequested(int tid) {
        stopRequests.add(tid);
    }

    /** gdb's resume of a thread: whether it is a single step ({@code s}/{@code S}, not a range step). */
    void resuming(int tid, boolean singleStep) {
        stopRequests.remove(tid);
        if (singleStep) {
            singleSteps.add(tid);
        } else {
            singleSteps.remove(tid);
        }
    }

    @Override
    public ResumeAction reportSignal(Engine engine, TracedThread t, SignalReport s) {
        switch (s.kind()) {
            case BREAKPOINT:
                if (!singleSteps.contains(t.tid()) && !breakpoints.wantsStop(t, s.address())) {
                    return afterUnreportedHit(t);
                }
                ranges.remove(t.tid());
                sink.accept(new StopEvent(StopEvent.Kind.BREAKPOINT, t.process(), t, 5, s.address(), 0, null, 0, null));
                return ResumeAction.STOP;
            case HW_BREAKPOINT:
                if (!singleSteps.contains(t.tid()) && !breakpoints.wantsStop(t, s.address())) {
                    return afterUnreportedHit(t);
                }
                ranges.remove(t.tid());
                sink.accept(new StopEvent(StopEvent.Kind.HW_BREAKPOINT, t.process(), t, 5, s.address(), 0, null, 0, null));
                return ResumeAction.STOP;
            case WATCHPOINT:
                ranges.remove(t.tid());
                sink.accept(new StopEvent(StopEvent.Kind.WATCHPOINT, t.process(), t, 5, s.address(), s.dataAddress(),
                        s.watchKind(), 0, null));
                return ResumeAction.STOP;
            case STEP: {
                singleSteps.remove(t.tid());
                long[] r = ranges.get(t.tid());
                if (r != null) {
                    if (s.address() >= r[0] && s.address() < r[1]) {
                        return mustStay(t) ? ResumeAction.STOP : ResumeAction.SINGLESTEP; // still inside the range: step on (vCont;r)
                    }
                    ranges.remove(t.tid());
                }
                sink.accept(new StopEvent(StopEvent.Kind.STEP, t.process(), t, 5, s.address(), 0, null, 0, null));
                return ResumeAction.STOP;
            }
            default: {
                int sig = s.originalSignal();
                // As gdbserver (linux_low's filter of pass signals): a thread gdb steps reports
                // every signal, passed or not (gdb steps into the handler or over it:
                // gdb.base/sigstep.exp stepi/nexti), and a signal that may be gdb's own doing is
                // never passed in silence, whatever QPassSignals says (see mayBeBreakpoint).
                boolean stepping = ranges.containsKey(t.tid()) || singleSteps.contains(t.tid());
                if (sig > 0 && sig < passSignals.length && passSignals[sig] && !stepping && !mayBeBreakpoint(sig)) {
                    if (mustStay(t)) {
                        // Kept for the thread's next resume, as gdbserver keeps it pending.
                        // Passed now, it would also have let the thread run past a stop request
                        // (gdb.threads/next-fork-other-thread.exp: a SIGCHLD in a forker thread
                        // that gdb is stopping; gdb waited for that stop for ever).
                        heldPassSignals.put(t.tid(), sig);
                        return ResumeAction.STOP;
                    }
                    return ResumeAction.RESUME; // delivered without a word to gdb
                }
                ranges.remove(t.tid());
                sink.accept(StopEvent.of(StopEvent.Kind.SIGNAL, t, sig));
                return ResumeAction.STOP;
            }
        }
    }

    /**
     * SIGTRAP, SIGILL and SIGSEGV may be a breakpoint or gdb's own doing (an inferior call
     * returns to gdb's dummy frame address and faults there: gdb.base/catch-gdb-caused-signals.exp),
     * so gdb must see them even when it asked to pass them (gdbserver's
     * linux_wstatus_maybe_breakpoint).
     */
    static boolean mayBeBreakpoint(int linuxSignal) {
        return linuxSignal == 5 /* SIGTRAP */ || linuxSignal == 4 /* SIGILL */ || linuxSignal == 11 /* SIGSEGV */;
    }

    @Override
    public ResumeAction reportClone(Engine engine, TracedThread parent, TracedThread child, CloneKind kind) {
        if (kind == CloneKind.THREAD) {
            if (stopping) {
                engine.control(child, ResumeAction.STOP);
            }
            if (threadEvents) {
                sink.accept(StopEvent.of(StopEvent.Kind.THREAD_CREATED, child, 0));
            }
            return goOn(parent);
        }
        boolean report = kind == CloneKind.FORK ? forkEvents : vforkEvents;
        if (!report) {
            return goOn(parent); // the child is released untraced
        }
        engine.adopt(child.process());
        engine.control(child, ResumeAction.STOP);
        sink.accept(new StopEvent(kind == CloneKind.FORK ? StopEvent.Kind.FORK : StopEvent.Kind.VFORK, parent.process(),
                parent, 5, 0, 0, null, child.tid(), null));
        return ResumeAction.STOP;
    }

    @Override
    public ResumeAction reportVforkDone(Engine engine, TracedThread parent, int childPid) {
        if (!vforkEvents) {
            return goOn(parent);
        }
        sink.accept(StopEvent.of(StopEvent.Kind.VFORK_DONE, parent, 5));
        return ResumeAction.STOP;
    }

    @Override
    public ResumeAction reportExec(Engine engine, TracedThread t, int formerTid) {
        ranges.clear();
        breakpoints.forget(t.process());
        sink.accept(new StopEvent(StopEvent.Kind.EXEC, t.process(), t, 5, 0, 0, null, formerTid, t.process().executable()));
        return ResumeAction.STOP;
    }

    @Override
    public ResumeAction reportSyscallEntry(Engine engine, TracedThread t, long number, long[] args) {
        java.util.Set<Long> c = catchSyscalls;
        if (c == null || !c.isEmpty() && !c.contains(number)) {
            return goOn(t);
        }
        sink.accept(new StopEvent(StopEvent.Kind.SYSCALL_ENTRY, t.process(), t, 5, 0, 0, null, number, null));
        return ResumeAction.STOP;
    }

    @Override
    public ResumeAction reportSyscallExit(Engine engine, TracedThread t, long number, long returnValue) {
        java.util.Set<Long> c = catchSyscalls;
        if (c == null || !c.isEmpty() && !c.contains(number)) {
            return goOn(t);
        }
        sink.accept(new StopEvent(StopEvent.Kind.SYSCALL_EXIT, t.process(), t, 5, 0, 0, null, number, null));
        return ResumeAction.STOP;
    }

    @Override
    public void reportDeath(Engine engine, TracedThread t, WaitStatus status, boolean processEnded) {
        ranges.remove(t.tid());
        singleSteps.remove(t.tid());
        stopRequests.remove(t.tid());
        if (processEnded) {
            breakpoints.forget(t.process());
            StopEvent.Kind k = status.signaled() ? StopEvent.Kind.KILLED : StopEvent.Kind.EXITED;
            int v = status.signaled() ? status.termSignal() : status.exitCode();
            sink.accept(new StopEvent(k, t.process(), t, v, 0, 0, null, 0, null));
        } else {
            // Always: all-stop needs it to notice that the threads it resumed are all gone.
            sink.accept(new StopEvent(StopEvent.Kind.THREAD_EXITED, t.process(), t, status.exitCode(), 0, 0, null, 0, null));
        }
    }
}
