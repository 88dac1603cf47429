package org.jgdbserver.tracer;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tracing engine: utrace's {@code struct utrace_engine}. It is attached to the threads of one
 * or more processes with one {@link EngineOps} and one event mask, and follows new threads of
 * those processes. Several engines can share a thread; the tracer runs a thread only when no
 * engine holds it, with the most restrictive action any of them asked for.
 *
 * <p>The methods may be called from any thread; they return futures. Called from inside a
 * callback (on the tracer thread) they take effect at once.
 */
public final class Engine {
    final Tracer tracer;
    final EngineOps ops;
    final Object data;
    volatile Set<Event> mask;
    volatile boolean detached;
    final List<TracedProcess> processes = new CopyOnWriteArrayList<>();

    Engine(Tracer tracer, EngineOps ops, Set<Event> mask, Object data) {
        this.tracer = tracer;
        this.ops = ops;
        this.data = data;
        this.mask = mask.isEmpty() ? EnumSet.noneOf(Event.class) : EnumSet.copyOf(mask);
    }

    public EngineOps ops() {
        return ops;
    }

    /** The object the attacher gave ({@code utrace_engine.data}). */
    public Object data() {
        return data;
    }

    public Set<Event> events() {
        return mask;
    }

    public boolean wants(Event e) {
        return mask.contains(e);
    }

    /** Changes the event mask ({@code utrace_set_events}); syscall tracing follows at the next resume. */
    public void setEvents(Set<Event> events) {
        this.mask = events.isEmpty() ? EnumSet.noneOf(Event.class) : EnumSet.copyOf(events);
    }

    public boolean isDetached() {
        return detached;
    }

    /** The processes this engine is attached to. */
    public List<TracedProcess> processes() {
        return List.copyOf(processes);
    }

    /**
     * Applies an action to a thread from outside a callback ({@code utrace_control}).
     * STOP on a running thread interrupts it; the future completes when it is stopped (the
     * barrier). INTERRUPT and REPORT do the same and give this engine a
     * {@link EngineOps#reportQuiesce} there. SINGLESTEP, BLOCKSTEP and RESUME release this
     * engine's hold; {@code signal} (Linux number, 0 for none, -1 to leave as is) is what the
     * thread receives when it runs. The future fails with {@link TracerException} for a dead
     * thread or a detached engine.
     */
    public CompletableFuture<TracedThread> control(TracedThread thread, ResumeAction action, int signal) {
        return tracer.call(() -> tracer.control(this, thread, action, signal)).thenCompose(f -> f);
    }

    public CompletableFuture<TracedThread> control(TracedThread thread, ResumeAction action) {
        return control(thread, action, -1);
    }

    /** Completes when the thread is stopped ({@code utrace_barrier} for a STOP in progress). */
    public CompletableFuture<TracedThread> barrier(TracedThread thread) {
        return tracer.call(() -> tracer.barrier(thread)).thenCompose(f -> f);
    }

    /** Holds every thread of the process; completes when all of them are stopped. */
    public CompletableFuture<Void> stopAll(TracedProcess process) {
        return tracer.call(() -> tracer.stopAll(this, process)).thenCompose(f -> f);
    }

    /** Releases this engine's hold on every thread of the process with RESUME. */
    public CompletableFuture<Void> resumeAll(TracedProcess process) {
        return tracer.call(() -> {
            tracer.resumeAll(this, process);
            return null;
        });
    }

    /** One thread's part in {@link #resume(List)}: an action and the signal to deliver (-1: as is). */
    public record Resume(TracedThread thread, ResumeAction action, int signal) {}

    /** Applies several threads' actions together; see {@code Tracer.resumeBatch}. */
    public CompletableFuture<Void> resume(List<Resume> resumes) {
        List<Resume> copy = List.copyOf(resumes);
        return tracer.call(() -> {
            tracer.resumeBatch(this, copy);
            return null;
        });
    }

    /**
     * Attaches this engine to another traced process too, typically a fork child inside
     * {@link EngineOps#reportClone}; the child's threads are held until this engine resumes
     * them.
     */
    public CompletableFuture<Void> adopt(TracedProcess process) {
        return tracer.call(() -> {
            tracer.attachEngine(this, process, true);
            return null;
        });
    }

    /** Inserts a software breakpoint owned by this engine (reference-counted per address). */
    public CompletableFuture<Void> insertBreakpoint(TracedProcess process, long address) {
        // Done on the caller's thread: the address space's lock orders it with the tracer's
        // step-overs, and a debugger's round trip is spared two thread switches.
        try {
            process.memory().insertBreakpoint(this, address);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    public CompletableFuture<Void> removeBreakpoint(TracedProcess process, long address) {
        try {
            process.memory().removeBreakpoint(this, address);
            return CompletableFuture.completedFuture(null);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A hardware breakpoint or watchpoint on every thread of the process, new ones included. */
    public CompletableFuture<Void> insertWatchpoint(TracedProcess process, long address, int length, WatchKind kind) {
        return tracer.call(() -> {
            process.debugRegisters().insert(this, address, length, kind);
            return null;
        });
    }

    public CompletableFuture<Void> removeWatchpoint(TracedProcess process, long address, int length, WatchKind kind) {
        return tracer.call(() -> {
            process.debugRegisters().remove(this, address, length, kind);
            return null;
        });
    }

    /** Lets go of every thread: this engine's holds, breakpoints and watchpoints are dropped. */
    public CompletableFuture<Void> detach() {
        return tracer.call(() -> {
            tracer.detachEngine(this);
            return null;
        });
    }

    /** Detaches from one process only. */
    public CompletableFuture<Void> detach(TracedProcess process) {
        return tracer.call(() -> {
            tracer.detachEngine(this, process);
            return null;
        });
    }

    @Override
    public String toString() {
        return "engine " + ops.getClass().getSimpleName() + "@" + Integer.toHexString(System.identityHashCode(this));
    }
}
