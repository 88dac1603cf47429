package org.jgdbserver.tracer;

import org.jgdbserver.tracer.TracedThread.Attachment;
import org.jgdbserver.tracer.TracedThread.State;
import org.jgdbserver.tracer.TracedThread.StopKind;
import org.jgdbserver.tracer.sys.Errno;
import org.jgdbserver.tracer.sys.Ptrace;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * The tracer: one dedicated platform thread that owns every ptrace call, and the engine layer
 * above it. A tracee belongs to the OS thread that attached it (ptrace(2)), so all work runs on
 * that thread; other threads hand it work with {@link #call} and get a future.
 *
 * <p>The thread sleeps in poll(2) on the SIGCHLD self-pipe and a wake-up eventfd (see
 * native/src/main/c/jgshim.c); it never polls with sleeps. It only ever reaps its own children
 * and tracees ({@code __WALL|__WNOTHREAD}), so processes other JVM code starts keep their exit
 * statuses.
 */
public final class Tracer implements AutoCloseable {
    static final Logger LOG = Logger.getLogger("org.jgdbserver.tracer");

    static final int OPTIONS = Ptrace.O_TRACESYSGOOD | Ptrace.O_TRACECLONE | Ptrace.O_TRACEFORK
            | Ptrace.O_TRACEVFORK | Ptrace.O_TRACEVFORKDONE | Ptrace.O_TRACEEXEC | Ptrace.O_TRACEEXIT;

    private static final int SIGTRAP = 5, SIGKILL = 9, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22;

    /** The thread that owns the tracees: our own, or the host loop's. */
    private volatile Thread thread;
    /** The event loop we live on, or null when we have a thread of our own. */
    private final TracerHost host;
    private final ConcurrentLinkedQueue<Runnable> queue = new ConcurrentLinkedQueue<>();
    private final Map<Integer, TracedProcess> processes = new ConcurrentHashMap<>();
    /** Every traced thread of every process, by tid. */
    private final Map<Integer, TracedThread> threads = new HashMap<>();
    /** Stops of tids we do not know yet: a new clone's first stop can beat its parent's event. */
    private final Map<Integer, Integer> earlyStops = new HashMap<>();
    /** Exit statuses of spawned children whose execve failed: nobody else will reap them. */
    private final Set<Integer> failedSpawns = ConcurrentHashMap.newKeySet();
    /** Children we launched and then detached from: still ours to reap. */
    private final Map<Integer, TracedProcess> detachedChildren = new HashMap<>();
    /**
     * Threads of a process we detached from that were not in a ptrace-stop at that moment
     * (ESRCH): a SIGKILL of exit_group by another thread had woken them on their way to their
     * exit stop. They are still ours until that stop, where they are let go; else they would
     * wait there for ever and their process never end (gdb.threads/process-dies-while-detaching.exp).
     */
    private final java.util.Set<Integer> detachAtNextStop = new java.util.HashSet<>();
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private volatile boolean closing;
    private volatile int xstateSize = 4096;
    /** This tracer's SIGCHLD pipe and wake-up eventfd in the shim. */
    private volatile int waiter = -1;
    /** Creation sequence of traced threads (tracer thread only): their listing order. */
    private long threadSeq;
    /** Bumped at every thread state change (written on the tracer thread only). */
    private volatile long stateChanges;

    private Tracer(TracerHost host) {
        this.host = host;
        if (host == null) {
            thread = new Thread(this::run, "jgdb-tracer");
            thread.setDaemon(true);
        }
    }

    /** Starts the tracer on a thread of its own. */
    public static Tracer start() {
        Tracer t = new Tracer(null);
        t.thread.start();
        t.started.join();
        return t;
    }

    /**
     * Starts a tracer that lives on an event loop's thread (see {@link TracerHost}): its work
     * runs as tasks of that loop and tracee events are collected when the SIGCHLD pipe turns
     * readable. Must not be called on that loop's thread (it waits for the loop to set it up).
     */
    public static Tracer startOn(TracerHost host) {
        Tracer t = new Tracer(java.util.Objects.requireNonNull(host));
        host.execute(() -> {
            t.thread = Thread.currentThread();
            if (t.init()) {
                host.watchReadable(Ptrace.waiterFd(t.waiter), t::collectEvents);
            }
        });
        t.started.join();
        return t;
    }

    /** Whether this tracer runs on a host's event loop rather than its own thread. */
    public boolean hosted() {
        return host != null;
    }

    /**
     * A counter that moves whenever one of this tracer's threads is created, resumed, stops or
     * dies. Equal values at two moments mean no thread changed state in between: what was read
     * of a stopped thread (its name, its last CPU) still holds.
     */
    public long stateChanges() {
        return stateChanges;
    }

    void stateChanged() {
        stateChanges++; // single writer: the tracer thread (or a constructor it runs)
    }

    public boolean onTracerThread() {
        return Thread.currentThread() == thread;
    }

    /** Runs work on the tracer thread; runs it at once when already there. */
    public <T> CompletableFuture<T> call(Callable<T> work) {
        CompletableFuture<T> f = newFuture();
        if (onTracerThread()) {
            complete(f, work);
            return f;
        }
        if (host != null) {
            host.execute(() -> complete(f, work));
            return f;
        }
        if (closing && !thread.isAlive()) {
            f.completeExceptionally(new TracerException("tracer", "closed"));
            return f;
        }
        queue.add(() -> complete(f, work));
        Ptrace.wake(waiter);
        return f;
    }

    private static <T> void complete(CompletableFuture<T> f, Callable<T> work) {
        try {
            f.complete(work.call());
        } catch (Throwable e) {
            f.completeExceptionally(e);
        }
    }

    /** The traced processes. */
    public List<TracedProcess> processes() {
        return List.copyOf(processes.values());
    }

    public TracedProcess process(int pid) {
        return processes.get(pid);
    }

    /** CPUID of this machine: {eax, ebx, ecx, edx} (leaf 0xD gives the XSAVE layout). */
    public static int[] cpuid(int leaf, int subleaf) {
        return Ptrace.cpuid(leaf, subleaf);
    }

    /**
     * Resumes several threads at once, each with its own action and signal (Linux number; 0 for
     * none). Threads that must first step over a breakpoint go first, while the others are still
     * stopped, so the step-over needs no interrupts.
     */
    void resumeBatch(Engine e, List<Engine.Resume> resumes) {
        List<TracedThread> ts = new ArrayList<>(resumes.size());
        for (Engine.Resume r : resumes) {
            TracedThread t = r.thread();
            Attachment a = t.attachment(e);
            if (a == null || t.state != State.STOPPED && t.state != State.STARTING) {
                continue;
            }
            a.held = r.action() == ResumeAction.STOP;
            a.requested = r.action();
            if (t.state == State.STOPPED && r.signal() >= 0) {
                t.pendingSignal = r.signal();
            }
            ts.add(t);
        }
        for (TracedThread t : ts) {
            if (t.rewoundAt != 0) {
                maybeResume(t);
            }
        }
        for (TracedThread t : ts) {
            maybeResume(t);
        }
    }

    /** The size of the XSAVE area the kernel hands out (from CPUID leaf 0xD). */
    public int xstateSize() {
        return xstateSize;
    }

    // ------------------------------------------------------------------ the loop

    /** A future whose join/get keep serving the tracer when called on its thread. */
    <T> CompletableFuture<T> newFuture() {
        return new TracerFuture<>(this);
    }

    /** Hosted: the SIGCHLD pipe is readable; collect and handle what the tracees report. */
    private void collectEvents() {
        int[] pids = new int[256];
        int[] statuses = new int[256];
        while (true) {
            int n;
            try {
                // One read of the pipe and the waitpid calls, no poll: events that come while
                // these are handled make the pipe readable again and the loop calls us again.
                n = Ptrace.collectEvents(waiter, pids, statuses);
            } catch (TracerException e) {
                LOG.log(Level.WARNING, "wait failed", e);
                return;
            }
            if (n <= 0) {
                return;
            }
            handleAll(pids, statuses, n);
            if (n < pids.length) {
                return;
            }
        }
    }

    private void handleAll(int[] pids, int[] statuses, int n) {
        for (int i = 0; i < n; i++) {
            try {
                handle(pids[i], statuses[i]);
            } catch (Throwable e) {
                LOG.log(Level.WARNING, "handling status of " + pids[i], e);
            }
        }
    }

    /**
     * On the tracer's thread, waiting for {@code f}: collects and handles tracee events (and,
     * with a thread of our own, queued work) until it is done or the deadline passes. A hosted
     * tracer's loop runs no other task meanwhile.
     */
    void serveUntil(CompletableFuture<?> f, long deadlineNanos) {
        int[] pids = new int[256];
        int[] statuses = new int[256];
        while (!f.isDone()) {
            if (host == null) {
                drainQueue();
                if (f.isDone()) {
                    return;
                }
            }
            long left = deadlineNanos - System.nanoTime();
            if (left <= 0) {
                return;
            }
            int timeoutMs = (int) Math.min(50, Math.max(1, left / 1_000_000));
            int n;
            try {
                n = Ptrace.waitEvents(waiter, timeoutMs, pids, statuses);
            } catch (TracerException e) {
                LOG.log(Level.WARNING, "wait failed", e);
                continue;
            }
            handleAll(pids, statuses, n);
        }
    }

    /** Own-thread tracer: runs the work other threads queued with {@link #call}. */
    private void drainQueue() {
        Runnable r;
        while ((r = queue.poll()) != null) {
            try {
                r.run();
            } catch (Throwable e) {
                LOG.log(Level.WARNING, "tracer command failed", e);
            }
        }
    }

    /** Sets up the waiter and the XSAVE size; on the tracer's thread. False on failure. */
    private boolean init() {
        try {
            // java.lang.ProcessImpl's class initializer sets SIGCHLD to SIG_DFL
            // (ProcessImpl_md.c, setSIGCHLDHandler), unconditionally: the first ProcessBuilder
            // use after our handler is installed would silence every tracee stop from then on.
            // Let it run first.
            try {
                Class.forName("java.lang.ProcessImpl");
            } catch (ClassNotFoundException e) {
                LOG.fine("no java.lang.ProcessImpl: " + e);
            }
            waiter = Ptrace.newWaiter();
            try {
                int[] r = Ptrace.cpuid(0xd, 0);
                if (r[2] > 512) {
                    xstateSize = r[2];
                }
            } catch (TracerException e) {
                LOG.fine("no CPUID leaf 0xD: " + e.getMessage());
            }
            started.complete(null);
            return true;
        } catch (Throwable e) {
            started.completeExceptionally(e);
            return false;
        }
    }

    private void run() {
        if (!init()) {
            return;
        }
        int[] pids = new int[256];
        int[] statuses = new int[256];
        while (true) {
            drainQueue();
            if (closing && processes.isEmpty() && queue.isEmpty()) {
                return;
            }
            int n;
            try {
                n = Ptrace.waitEvents(waiter, -1, pids, statuses);
            } catch (TracerException e) {
                LOG.log(Level.WARNING, "wait failed", e);
                continue;
            }
            handleAll(pids, statuses, n);
        }
    }

    // ------------------------------------------------------------------ launch and attach

    /**
     * Starts a program stopped at its first instruction (after the exec). The process is held
     * by the tracer until an engine attaches ({@link #attachEngine}).
     */
    public CompletableFuture<TracedProcess> launch(LaunchSpec spec) {
        return call(() -> launchNow(spec)).thenCompose(f -> f);
    }

    private CompletableFuture<TracedProcess> launchNow(LaunchSpec spec) {
        List<String> argv = new ArrayList<>();
        String path;
        int skip = 0;
        if (spec.startupWithShell()) {
            String shell = spec.environment().getOrDefault("SHELL", System.getenv().getOrDefault("SHELL", "/bin/sh"));
            if (shell.isEmpty()) {
                shell = "/bin/sh";
            }
            StringBuilder cmd = new StringBuilder("exec ");
            for (String w : spec.wrapper()) {
                cmd.append(w).append(' ');
            }
            cmd.append(spec.program());
            for (String a : spec.args()) {
                cmd.append(' ').append(a);
            }
            path = shell;
            argv.add(shell);
            argv.add("-c");
            argv.add(cmd.toString());
            skip = 1 + (spec.wrapper().isEmpty() ? 0 : 1);
        } else if (!spec.wrapper().isEmpty()) {
            path = spec.wrapper().get(0);
            argv.addAll(spec.wrapper());
            argv.add(spec.program());
            argv.addAll(spec.args());
            skip = 1;
        } else {
            path = spec.program();
            argv.add(spec.program());
            argv.addAll(spec.args());
        }
        String[] env = spec.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        int flags = Ptrace.SPAWN_NEW_PGRP | (spec.disableRandomization() ? Ptrace.SPAWN_NO_ASLR : 0)
                | (spec.stdioRedirect() ? Ptrace.SPAWN_STDIO_REDIRECT : 0);
        int[] spawned = Ptrace.spawn(path, argv.toArray(new String[0]), env, spec.workingDir(), flags);
        int pid = spawned[0];
        TracedProcess p = new TracedProcess(this, pid, true, 0);
        p.execsToSkip = skip;
        p.launchFuture = newFuture();
        try {
            Ptrace.seize(pid, OPTIONS | Ptrace.O_EXITKILL);
        } catch (TracerException e) {
            Ptrace.kill(pid, SIGKILL);
            Ptrace.release(spawned[1]);
            failedSpawns.add(pid);
            throw e;
        }
        TracedThread t = new TracedThread(this, p, pid, State.RUNNING);
        register(p, t);
        processes.put(pid, p);
        int err = Ptrace.release(spawned[1]);
        if (err != 0) {
            p.launchFuture.completeExceptionally(new TracerException("execve(" + path + ")", err));
        } else if (!spec.stdioRedirect()) {
            int r = Ptrace.giveTerminal(pid); // the program leads its own process group
            if (r < 0) {
                LOG.fine("tcsetpgrp(" + pid + "): errno " + -r);
            }
        }
        return p.launchFuture;
    }

    /**
     * Attaches to a running process and all its threads (PTRACE_SEIZE, then PTRACE_INTERRUPT);
     * completes when every thread is stopped. Held by the tracer until an engine attaches.
     */
    public CompletableFuture<TracedProcess> attach(int pid) {
        return call(() -> attachNow(pid)).thenCompose(f -> f);
    }

    private CompletableFuture<TracedProcess> attachNow(int pid) {
        if (processes.containsKey(pid)) {
            throw new TracerException("attach(pid " + pid + ")", "already traced");
        }
        TracedProcess p = new TracedProcess(this, pid, false, 0);
        // Seize the leader first: its failure (no such process, no permission) is the answer.
        Ptrace.seize(pid, OPTIONS);
        processes.put(pid, p);
        TracedThread leader = new TracedThread(this, p, pid, State.RUNNING);
        register(p, leader);
        interruptThread(leader);
        seizeUnknownThreads(p);
        CompletableFuture<TracedProcess> f = newFuture();
        whenAllStoppedAndNoneUntraced(p, f);
        return f;
    }

    /**
     * Completes {@code f} once every thread is stopped and /proc lists no thread we do not trace.
     * The last check must come after the stops: a thread seized while inside clone() can still
     * create a child without the tracing options (the kernel reads them at the start of the
     * call), and that child is listed only once clone() returns, which is before the parent
     * stops. An untraced thread would run on and die of the first breakpoint it meets.
     */
    private void whenAllStoppedAndNoneUntraced(TracedProcess p, CompletableFuture<TracedProcess> f) {
        whenAllStoppedAndNoneLeaving(p, () -> {
            if (p.isAlive() && seizeUntraced(p)) {
                whenAllStoppedAndNoneUntraced(p, f);
            } else {
                f.complete(p);
            }
        });
    }

    /**
     * With every traced thread stopped, seizes any thread still untraced; true if it found one.
     * One listing is not proof: a chain of short-lived untraced threads, each creating the next
     * and exiting (gdb.threads/attach-many-short-lived-threads.exp), can be absent from a
     * listing of /proc/PID/task, because a walk of the thread list misses a thread that is
     * added behind it while its creator leaves ahead of it. The kernel's thread count does
     * not miss it, so listings repeat while it is higher than ours or moves (countsAgree).
     */
    private boolean seizeUntraced(TracedProcess p) {
        for (int i = 0; i < UNTRACED_SCANS; i++) {
            if (seizeUnknownThreads(p)) {
                return true;
            }
            if (countsAgree(p)) {
                return seizeUnknownThreads(p); // and a last listing, after the samples
            }
            Thread.onSpinWait();
        }
        LOG.warning("pid " + p.pid + ": the kernel counts " + threadCount(p.pid) + " threads, "
                + p.threads.size() + " are traced; attached without the rest");
        return false;
    }

    /**
     * Whether the kernel counts no more threads than we trace, in a few samples over about a
     * millisecond and a half: with every traced thread stopped the kernel's count cannot move,
     * so a count that moves (untraced threads being born and leaving) or stays higher means
     * there is still an untraced one, even when a momentary count happens to match ours.
     */
    private static boolean countsAgree(TracedProcess p) {
        int first = threadCount(p.pid);
        if (first < 0) {
            return true; // gone
        }
        if (first > p.threads.size()) {
            return false;
        }
        for (int i = 0; i < 3; i++) {
            java.util.concurrent.locks.LockSupport.parkNanos(500_000);
            if (threadCount(p.pid) != first) {
                return false;
            }
        }
        return true;
    }

    /** Listings of /proc/PID/task after which an unseen untraced thread is given up on. */
    private static final int UNTRACED_SCANS = 2_000;

    /** The kernel's count of the process's threads ("Threads:" of /proc/PID/status), or -1. */
    private static int threadCount(int pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring(8).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // gone
        }
        return -1;
    }

    /** Seizes and interrupts the threads of /proc/PID/task we do not trace yet; true if any. */
    private boolean seizeUnknownThreads(TracedProcess p) {
        // Threads can be created while we attach; list until nothing new shows up.
        boolean any = false;
        boolean found = true;
        while (found) {
            found = false;
            for (int tid : taskIds(p.pid)) {
                if (threads.containsKey(tid)) {
                    continue;
                }
                try {
                    Ptrace.seize(tid, OPTIONS);
                } catch (TracerException e) {
                    if (e.errno() == Errno.EPERM) {
                        continue; // auto-attached already by a clone event still in flight
                    }
                    if (e.errno() == Errno.ESRCH) {
                        continue; // exited meanwhile
                    }
                    throw e;
                }
                TracedThread t = new TracedThread(this, p, tid, State.RUNNING);
                register(p, t);
                interruptThread(t);
                LOG.fine("tid " + tid + ": seized");
                found = true;
                any = true;
            }
        }
        return any;
    }

    private static int[] taskIds(int pid) {
        try (Stream<Path> s = Files.list(Path.of("/proc/" + pid + "/task"))) {
            return s.mapToInt(x -> Integer.parseInt(x.getFileName().toString())).sorted().toArray();
        } catch (IOException e) {
            return new int[0];
        }
    }

    private void register(TracedProcess p, TracedThread t) {
        threads.put(t.tid, t);
        p.threads.put(t.tid, t);
        t.seq = ++threadSeq;
        p.order.put(t.seq, t);
        for (Engine e : p.engines) {
            t.attachments.add(new Attachment(e));
        }
        if (!p.debugRegs.isEmpty()) {
            t.debugRegsDirty = true;
        }
    }

    // ------------------------------------------------------------------ engines

    /**
     * Attaches an engine to every thread of a process, and to the threads it creates later
     * ({@code utrace_attach_task} for the whole group). The first engine on a launched or
     * attached process finds it stopped and holds every thread until it resumes them.
     */
    public CompletableFuture<Engine> attachEngine(TracedProcess process, EngineOps ops, Set<Event> events, Object data) {
        return call(() -> {
            Engine e = new Engine(this, ops, events, data);
            attachEngine(e, process, process.unclaimed);
            return e;
        });
    }

    void attachEngine(Engine e, TracedProcess p, boolean hold) {
        if (!p.isAlive()) {
            throw new TracerException("attach engine(pid " + p.pid + ")", "process has exited");
        }
        if (p.engines.contains(e)) {
            return;
        }
        p.engines.add(e);
        e.processes.add(p);
        TracedProcess parent = p.unclaimed ? processes.get(p.parentPid) : null;
        if (parent != null && parent.engines.contains(e)) {
            p.memory.inheritOwnership(e, parent.memory);
        }
        p.unclaimed = false;
        for (TracedThread t : p.threads.values()) {
            Attachment a = new Attachment(e);
            if (hold || t.state == State.STOPPED || t.state == State.STARTING) {
                a.held = hold;
                if (hold) {
                    a.requested = ResumeAction.STOP;
                }
            }
            t.attachments.add(a);
        }
    }

    void detachEngine(Engine e) {
        for (TracedProcess p : List.copyOf(e.processes)) {
            detachEngine(e, p);
        }
        e.detached = true;
    }

    void detachEngine(Engine e, TracedProcess p) {
        if (!p.engines.remove(e)) {
            return;
        }
        e.processes.remove(p);
        p.memory.removeAll(e);
        p.debugRegs.removeAll(e);
        for (TracedThread t : p.threads.values()) {
            t.attachments.removeIf(a -> a.engine == e);
            t.steppers.removeIf(a -> a.engine == e);
        }
        if (p.engines.isEmpty()) {
            // Nobody watches it now: it stays traced and stopped where it is stopped, for the
            // next engine (gdbserver --multi keeps a process for the next client).
            p.unclaimed = true;
        }
        for (TracedThread t : List.copyOf(p.threads.values())) {
            maybeResume(t);
        }
    }

    CompletableFuture<TracedThread> control(Engine e, TracedThread t, ResumeAction action, int signal) {
        String call = "control(tid " + t.tid + ", " + action + ")";
        if (e.detached) {
            throw new TracerException(call, "engine detached");
        }
        if (t.state == State.DEAD) {
            throw new TracerException(call, "thread is dead");
        }
        Attachment a = t.attachment(e);
        if (a == null) {
            throw new TracerException(call, "engine not attached to this thread");
        }
        switch (action) {
            case STOP:
                a.held = true;
                a.requested = ResumeAction.STOP;
                if (t.state == State.RUNNING) {
                    interruptThread(t);
                }
                return barrier(t);
            case INTERRUPT:
            case REPORT:
                a.wantsQuiesce = true;
                if (t.state == State.RUNNING) {
                    interruptThread(t);
                    return barrier(t);
                }
                quiesceNow(t, a);
                return CompletableFuture.completedFuture(t);
            case DETACH:
                t.attachments.remove(a);
                t.steppers.remove(a);
                maybeResume(t);
                return CompletableFuture.completedFuture(t);
            default:
                a.held = false;
                a.requested = action;
                if (signal >= 0 && t.state == State.STOPPED) {
                    t.pendingSignal = signal;
                }
                maybeResume(t);
                return CompletableFuture.completedFuture(t);
        }
    }

    CompletableFuture<TracedThread> barrier(TracedThread t) {
        if (t.state == State.STOPPED) {
            return CompletableFuture.completedFuture(t);
        }
        if (t.state == State.DEAD) {
            return CompletableFuture.failedFuture(new TracerException("barrier(tid " + t.tid + ")", "thread is dead"));
        }
        CompletableFuture<TracedThread> f = newFuture();
        t.stopWaiters.add(f);
        return f;
    }

    CompletableFuture<Void> stopAll(Engine e, TracedProcess p) {
        for (TracedThread t : p.threads.values()) {
            Attachment a = t.attachment(e);
            if (a == null) {
                continue;
            }
            a.held = true;
            a.requested = ResumeAction.STOP;
            if (t.state == State.RUNNING && !t.exiting) {
                interruptThread(t);
            }
        }
        CompletableFuture<Void> f = newFuture();
        whenAllStopped(p, () -> f.complete(null));
        return f;
    }

    void resumeAll(Engine e, TracedProcess p) {
        List<TracedThread> ts = new ArrayList<>(p.threads.values());
        for (TracedThread t : ts) {
            Attachment a = t.attachment(e);
            if (a != null) {
                a.held = false;
                a.requested = ResumeAction.RESUME;
            }
        }
        // Threads that must step over a breakpoint go first, while the others are still
        // stopped: then the step-over needs no interrupts.
        for (TracedThread t : ts) {
            if (t.rewoundAt != 0) {
                maybeResume(t);
            }
        }
        for (TracedThread t : ts) {
            maybeResume(t);
        }
    }

    private void quiesceNow(TracedThread t, Attachment a) {
        a.wantsQuiesce = false;
        ResumeAction r = safeReport(a, () -> a.engine.ops.reportQuiesce(a.engine, t, null));
        apply(t, a, r);
        maybeResume(t);
    }

    // ------------------------------------------------------------------ kill and detach

    void kill(TracedProcess p) {
        p.killing = true;
        Ptrace.kill(p.pid, SIGKILL);
        // Threads held in ptrace stops die too; the wait statuses will come.
    }

    CompletableFuture<Void> detachProcess(TracedProcess p) {
        return detachProcess(p, sig -> true);
    }

    CompletableFuture<Void> detachProcess(TracedProcess p, java.util.function.IntPredicate deliver) {
        CompletableFuture<Void> f = newFuture();
        if (!p.isAlive()) {
            f.complete(null);
            return f;
        }
        p.detaching = true;
        for (TracedThread t : p.threads.values()) {
            if (t.state == State.RUNNING) {
                interruptThread(t);
            }
        }
        whenAllStopped(p, () -> {
            finishDetach(p, deliver);
            f.complete(null);
        });
        return f;
    }

    private void finishDetach(TracedProcess p, java.util.function.IntPredicate deliver) {
        if (p.stepOverOwner != null) {
            p.memory.relower(p.stepOverOwner.steppingOver);
            p.stepOverOwner.steppingOver = 0;
            p.stepOverOwner = null;
        }
        p.memory.restoreAll();
        boolean hadDebugRegs = !p.debugRegs.isEmpty();
        p.debugRegs.clear();
        for (TracedThread t : List.copyOf(p.threads.values())) {
            if (t.state == State.DEAD) {
                continue;
            }
            try {
                if (hadDebugRegs) {
                    p.debugRegs.apply(t);
                }
                int sig = t.stopKind == StopKind.SIGNAL ? t.pendingSignal : 0;
                Ptrace.detach(t.tid, sig != 0 && deliver.test(sig) ? sig : 0);
            } catch (TracerException e) {
                LOG.fine("detach " + t.tid + ": " + e.getMessage() + "; again at its next stop");
                detachAtNextStop.add(t.tid);
            }
            t.setState(State.DEAD);
            threads.remove(t.tid);
            failStopWaiters(t, "thread detached");
        }
        p.threads.clear();
        p.order.clear();
        p.memory.closeFd();
        for (Engine e : List.copyOf(p.engines)) {
            e.processes.remove(p);
        }
        p.engines.clear();
        processes.remove(p.pid);
        if (p.launched && p.parentPid == 0) {
            detachedChildren.put(p.pid, p);
        }
        p.detached.complete(null);
    }

    /** Kills what we launched and detaches from what we attached to; ends the tracer thread. */
    @Override
    public void close() {
        if (closing) {
            return;
        }
        CompletableFuture<Void> done = call(() -> {
            closing = true;
            List<CompletableFuture<?>> all = new ArrayList<>();
            for (TracedProcess p : List.copyOf(processes.values())) {
                if (p.launched) {
                    kill(p);
                    all.add(p.exit);
                } else {
                    all.add(detachProcess(p));
                }
            }
            return CompletableFuture.allOf(all.toArray(new CompletableFuture[0]));
        }).thenCompose(f -> f);
        try {
            done.get(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.log(Level.WARNING, "closing the tracer", e);
        }
        closing = true;
        Ptrace.restoreTerminal();
        Ptrace.wake(waiter);
    }

    // ------------------------------------------------------------------ stops and resumes

    private void interruptThread(TracedThread t) {
        if (t.interruptPending || t.state != State.RUNNING) {
            return;
        }
        try {
            Ptrace.interrupt(t.tid);
            t.interruptPending = true;
        } catch (TracerException e) {
            LOG.fine(e.getMessage()); // dying: its death status is on its way
        }
    }

    /** What waits for a process's threads to stop; {@code quiet}: and for none to be on its way out. */
    private record StopWaiter(Runnable r, boolean quiet) {}

    private final Map<TracedProcess, List<StopWaiter>> allStoppedWaiters = new HashMap<>();

    private void whenAllStopped(TracedProcess p, Runnable r) {
        allStoppedWaiters.computeIfAbsent(p, k -> new ArrayList<>()).add(new StopWaiter(r, false));
        checkAllStopped(p);
    }

    /**
     * As whenAllStopped, and also waits until no thread is still running to its death after
     * its exit stop: until its death is collected such a thread is ours but may no longer be in
     * the kernel's thread count, which attach compares with ours.
     */
    private void whenAllStoppedAndNoneLeaving(TracedProcess p, Runnable r) {
        allStoppedWaiters.computeIfAbsent(p, k -> new ArrayList<>()).add(new StopWaiter(r, true));
        checkAllStopped(p);
    }

    private void checkAllStopped(TracedProcess p) {
        List<StopWaiter> waiters = allStoppedWaiters.get(p);
        if (waiters == null) {
            return;
        }
        boolean leaving = false;
        for (TracedThread t : p.threads.values()) {
            // A new thread whose first stop has not come yet is running too: it exists for the
            // debugger (it is listed after the stop), so stop-all waits for it as gdbserver does.
            if ((t.state == State.RUNNING && !t.exiting) || t.state == State.STARTING) {
                return;
            }
            leaving |= t.state == State.RUNNING;
        }
        List<StopWaiter> ready = new ArrayList<>();
        for (java.util.Iterator<StopWaiter> i = waiters.iterator(); i.hasNext();) {
            StopWaiter w = i.next();
            if (!w.quiet || !leaving) {
                ready.add(w);
                i.remove();
            }
        }
        if (waiters.isEmpty()) {
            allStoppedWaiters.remove(p);
        }
        for (StopWaiter w : ready) {
            w.r.run();
        }
    }

    /** Resumes the thread if it is stopped and nothing holds it. */
    void maybeResume(TracedThread t) {
        if (t.state != State.STOPPED) {
            return;
        }
        TracedProcess p = t.process;
        if (p.unclaimed || p.detaching || p.launchFuture != null && !p.launchFuture.isDone()) {
            return;
        }
        if (p.stepOverOwner != null && p.stepOverOwner != t && !t.exiting) {
            return; // a dying thread runs no more user code: no step-over needs it stopped
        }
        if (t.steppingOver != 0) {
            return;
        }
        ResumeAction action = ResumeAction.RESUME;
        for (Attachment a : t.attachments) {
            if (a.held) {
                return;
            }
            action = ResumeAction.min(action, a.requested);
        }
        if (action == ResumeAction.STOP || action == ResumeAction.INTERRUPT || action == ResumeAction.REPORT) {
            action = ResumeAction.RESUME;
        }
        resumeNow(t, action);
    }

    private void resumeNow(TracedThread t, ResumeAction action) {
        TracedProcess p = t.process;
        try {
            if (t.debugRegsDirty) {
                p.debugRegs.apply(t);
            }
            int sig = t.pendingSignal;
            if (sig != 0 && t.stopKind != StopKind.SIGNAL) {
                // Only a signal-delivery stop can deliver a signal on resume; queue it otherwise.
                // Its signal-delivery stop then comes back to us: that one is delivered without
                // a report, it is the engines' own signal (gdb's 'signal SIGINT' after an
                // interrupt: gdb.base/interrupt.exp, signal-sigtrap.exp).
                Ptrace.tgkill(p.pid, t.tid, sig);
                t.injectedSignal = sig;
                t.injectedRequest = action == ResumeAction.SINGLESTEP ? Ptrace.SINGLESTEP
                        : action == ResumeAction.BLOCKSTEP ? Ptrace.SINGLEBLOCK : 0;
                sig = 0;
            }
            t.steppers.clear();
            for (Attachment a : t.attachments) {
                if (a.requested == ResumeAction.SINGLESTEP || a.requested == ResumeAction.BLOCKSTEP) {
                    t.steppers.add(a);
                }
            }
            if (t.rewoundAt != 0) {
                long at = t.rewoundAt;
                t.rewoundAt = 0;
                AddressSpace.SwBreakpoint bp = p.memory.breakpointAt(at);
                if (bp != null && bp.inMemory && t.pcNow() == at) {
                    startStepOver(t, bp, action, sig);
                    return;
                }
            }
            int request = action == ResumeAction.SINGLESTEP ? Ptrace.SINGLESTEP
                    : action == ResumeAction.BLOCKSTEP ? Ptrace.SINGLEBLOCK
                    : wantsSyscalls(t) ? Ptrace.SYSCALL : Ptrace.CONT;
            doResume(t, request, sig);
        } catch (TracerException e) {
            LOG.fine("resume " + t.tid + ": " + e.getMessage());
        }
    }

    private void doResume(TracedThread t, int request, int sig) {
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("tid " + t.tid + ": resume " + request + " sig " + sig);
        }
        t.invalidateRegisters();
        t.lastRequest = request;
        t.setState(State.RUNNING);
        t.stopKind = StopKind.NONE;
        t.pendingSignal = 0;
        for (Attachment a : t.attachments) {
            a.requested = ResumeAction.RESUME;
        }
        try {
            Ptrace.resume(request, t.tid, sig);
        } catch (TracerException e) {
            // ESRCH: killed while stopped; its death status is on its way.
            LOG.fine(e.getMessage());
        }
    }

    private static boolean wantsSyscalls(TracedThread t) {
        for (Attachment a : t.attachments) {
            Set<Event> m = a.engine.mask;
            if (m.contains(Event.SYSCALL_ENTRY) || m.contains(Event.SYSCALL_EXIT)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Steps a thread over a breakpoint it stopped at: the int3 comes out, the thread single-steps
     * the original instruction with every other thread of the process stopped (so none can run
     * through the address meanwhile and miss its hit), the int3 goes back in.
     */
    private void startStepOver(TracedThread t, AddressSpace.SwBreakpoint bp, ResumeAction after, int sig) {
        TracedProcess p = t.process;
        if (p.stepOverOwner != null && p.stepOverOwner != t) {
            t.rewoundAt = bp.address; // try again when the current step-over ends
            return;
        }
        p.stepOverOwner = t;
        t.steppingOver = bp.address;
        t.afterStepOver = after;
        t.stepOverSignal = sig;
        boolean othersRunning = false;
        for (TracedThread o : p.threads.values()) {
            if (o != t && o.state == State.RUNNING) {
                interruptThread(o);
                othersRunning = true;
            }
        }
        if (!othersRunning) {
            stepOverNow(t);
        }
    }

    private void stepOverNow(TracedThread t) {
        TracedProcess p = t.process;
        AddressSpace.SwBreakpoint bp = p.memory.breakpointAt(t.steppingOver);
        if (bp == null) {
            // Removed meanwhile: nothing to step over. The thread goes on as it was told, unless
            // the process is being detached: then it waits with the others, or the detach would
            // wait for its stop for ever (gdb removes its breakpoints right before a detach;
            // gdb.threads/detach-step-over.exp: "Can't detach process", the reply never came).
            endStepOver(t);
            if (t.state == State.STOPPED && !p.detaching) {
                resumeNow(t, t.afterStepOver);
            }
            return;
        }
        p.memory.lift(bp);
        t.stepOverStarted = true;
        doResume(t, Ptrace.SINGLESTEP, t.stepOverSignal);
    }

    private void endStepOver(TracedThread t) {
        TracedProcess p = t.process;
        long at = t.steppingOver;
        t.steppingOver = 0;
        t.stepOverStarted = false;
        if (p.stepOverOwner == t) {
            p.stepOverOwner = null;
        }
        if (at != 0) {
            try {
                p.memory.relower(at);
            } catch (TracerException e) {
                LOG.fine(e.getMessage());
            }
        }
        for (TracedThread o : List.copyOf(p.threads.values())) {
            if (o != t) {
                maybeResume(o);
            }
        }
    }

    private static boolean isStepOverTrap(WaitStatus ws) {
        return ws.stopped() && ws.event() == 0 && ws.stopSignal() == SIGTRAP;
    }

    /**
     * The thread stepping over a breakpoint stopped for something else (a signal, an exit, an
     * exec): the int3 goes back, the other threads are released, and the thread will step
     * over again when it is next resumed at the breakpoint.
     */
    private void abortStepOver(TracedThread t) {
        long at = t.steppingOver;
        endStepOver(t);
        t.rewoundAt = at;
    }

    /** A breakpoint went away: hits at it that nobody consumed are to be re-executed, not stepped over. */
    void breakpointRemoved(TracedProcess p, long address) {
        for (TracedThread t : p.threads.values()) {
            if (t.rewoundAt == address && t.steppingOver == 0) {
                t.rewoundAt = 0;
            }
        }
    }

    private void stepOverProgress(TracedProcess p) {
        TracedThread owner = p.stepOverOwner;
        if (owner == null || owner.stepOverStarted || owner.state != State.STOPPED) {
            return;
        }
        for (TracedThread o : p.threads.values()) {
            if (o != owner && o.state == State.RUNNING && !o.exiting) {
                return; // (one that is exiting will never stop again)
            }
        }
        stepOverNow(owner);
    }

    void refreshDebugRegisters(TracedProcess p) {
        for (TracedThread t : p.threads.values()) {
            if (t.state == State.STOPPED && t.debugRegsDirty) {
                try {
                    p.debugRegs.apply(t);
                } catch (TracerException e) {
                    LOG.fine(e.getMessage());
                }
            } else if (t.state == State.RUNNING) {
                // written at its next stop, before it runs again
                t.debugRegsDirty = true;
                t.refreshStop = true;
                interruptThread(t);
            }
        }
    }

    // ------------------------------------------------------------------ wait statuses

    private void handle(int tid, int raw) {
        WaitStatus ws = new WaitStatus(raw);
        TracedThread t = threads.get(tid);
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("tid " + tid + ": " + ws);
        }
        if (t == null) {
            if (ws.stopped() && detachAtNextStop.remove(tid)) {
                try {
                    Ptrace.detach(tid, 0);
                } catch (TracerException e) {
                    LOG.fine("detach " + tid + " at its stop: " + e.getMessage());
                }
            } else if (ws.stopped()) {
                earlyStops.put(tid, raw);
            } else {
                // Dead before anyone claimed it: a stale early stop would be taken for the
                // first stop of the next clone child that gets this tid.
                earlyStops.remove(tid);
                detachAtNextStop.remove(tid);
                failedSpawns.remove(tid);
                TracedProcess gone = detachedChildren.remove(tid);
                if (gone != null) {
                    gone.exit.complete(ws); // a child we started and let go has ended
                }
            }
            return;
        }
        if (ws.gone()) {
            onDeath(t, ws);
            return;
        }
        State was = t.state;
        if (t.steppingOver != 0 && t.stepOverStarted && !isStepOverTrap(ws)) {
            if (ws.event() == Ptrace.EVENT_STOP && ws.stopSignal() == SIGTRAP) {
                // A stale interrupt stop beat the step-over's single-step: issue it again.
                t.setState(State.STOPPED);
                t.interruptPending = false;
                t.invalidateRegisters();
                doResume(t, Ptrace.SINGLESTEP, 0);
                return;
            }
            abortStepOver(t); // something else happened first; it is reported as usual
        }
        boolean interruptWanted = t.interruptPending;
        t.setState(State.STOPPED);
        t.interruptPending = false;
        t.invalidateRegisters();
        int sig = ws.stopSignal();
        int event = ws.event();
        TracedProcess p = t.process;
        try {
            if (was == State.STARTING) {
                t.stopKind = StopKind.INITIAL;
                t.pendingSignal = 0;
                onInitialStop(t);
            } else if (event == Ptrace.EVENT_STOP) {
                t.pendingSignal = 0;
                if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU) {
                    t.stopKind = StopKind.GROUP;
                    dispatch(t, Event.JCTL, a -> a.engine.ops.reportJobControl(a.engine, t, sig));
                } else if (!interruptWanted && was == State.RUNNING && t.lastRequest != 0) {
                    // A PTRACE_INTERRUPT issued while the thread already sat in another stop we
                    // had not reaped yet stays pending in the kernel and stops the next resume
                    // at once: nobody wants it now, so the thread goes on as it was told (a step
                    // stays a step). (One issued before the thread entered another stop is used
                    // up by that stop: any ptrace stop clears the pending interrupt. An engine
                    // that asked for a stop must therefore answer STOP at that other stop: its
                    // callback's answer replaces its earlier request.)
                    doResume(t, t.lastRequest, 0);
                } else if (was == State.RUNNING && kernelTrapQueued(t)) {
                    letTrapIn(t);
                } else {
                    onInterruptStop(t);
                }
            } else if (sig == (SIGTRAP | 0x80)) {
                t.stopKind = StopKind.SYSCALL;
                t.pendingSignal = 0;
                onSyscallStop(t);
            } else if (event == Ptrace.EVENT_CLONE || event == Ptrace.EVENT_FORK || event == Ptrace.EVENT_VFORK) {
                t.stopKind = StopKind.EVENT;
                t.pendingSignal = 0;
                onClone(t, event);
            } else if (event == Ptrace.EVENT_EXEC) {
                t.stopKind = StopKind.EVENT;
                t.pendingSignal = 0;
                onExec(t);
            } else if (event == Ptrace.EVENT_EXIT) {
                t.stopKind = StopKind.EVENT;
                t.pendingSignal = 0;
                // Once resumed from here it only dies: it never stops again (a leader that
                // leaves before the others stays a zombie until they are gone), so stop-all
                // must not wait for it (gdb.threads/non-ldr-exc-3.exp).
                t.exiting = true;
                if (p.stepOverOwner == t) {
                    // It will never step: the others, stopped for its step-over, go on (they
                    // are dying too when this is exit_group: gdb.threads/process-dies-while-
                    // handling-bp.exp, a false target-side condition hit as main returns).
                    endStepOver(t);
                }
                long message;
                try {
                    message = Ptrace.eventMessage(t.tid);
                } catch (TracerException e) {
                    // ESRCH: killed at its exit stop; nothing left to tell, its death is on its way
                    doResume(t, Ptrace.CONT, 0);
                    return;
                }
                int status = (int) message;
                if (t.tid == p.pid) {
                    p.leaderExitStatus = status;
                } else if (p.leaderExitStatus >= 0 && !p.groupExitAfterLeader && callsExitGroup(t)) {
                    p.groupExitAfterLeader = true;
                }
                boolean sigkilled = (status & 0x7f) == SIGKILL;
                if (sigkilled || p.killing || p.unclaimed || p.launchFuture != null && p.launchFuture.isCompletedExceptionally()) {
                    doResume(t, Ptrace.CONT, 0); // nobody to tell: let it die
                } else if (p.detaching) {
                    maybeResume(t);
                } else {
                    dispatch(t, Event.EXIT, a -> a.engine.ops.reportExit(a.engine, t, status), false);
                    // A dying thread stays only for an engine that asked to hear of exits and
                    // answered STOP. A hold from before (all-stop, scheduler-locking) must not
                    // keep it: an exec by another thread, or exit_group, waits for every
                    // other thread to die (gdb.threads/non-ldr-exc-1.exp with schedlock on).
                    for (Attachment a : t.attachments) {
                        if (!a.engine.wants(Event.EXIT)) {
                            a.held = false;
                            a.requested = ResumeAction.RESUME;
                        }
                    }
                    maybeResume(t);
                    if (t.tid == p.pid && t.state == State.RUNNING && threadsLiveOn(p, t)) {
                        leftAhead(t, status);
                    }
                }
            } else if (event == Ptrace.EVENT_VFORK_DONE) {
                t.stopKind = StopKind.EVENT;
                t.pendingSignal = 0;
                int child = (int) Ptrace.eventMessage(t.tid);
                dispatch(t, Event.VFORK_DONE, a -> a.engine.ops.reportVforkDone(a.engine, t, child));
            } else {
                t.stopKind = StopKind.SIGNAL;
                t.pendingSignal = sig;
                if (sig == t.injectedSignal) {
                    int request = t.injectedRequest != 0 ? t.injectedRequest : wantsSyscalls(t) ? Ptrace.SYSCALL : Ptrace.CONT;
                    t.injectedSignal = 0;
                    t.injectedRequest = 0;
                    doResume(t, request, sig);
                } else {
                    onSignal(t, sig);
                }
            }
        } finally {
            completeStopWaiters(t);
            if (t.refreshStop) {
                t.refreshStop = false;
            }
            if (p.stepOverOwner != null) {
                stepOverProgress(p);
            }
            checkAllStopped(p);
        }
    }

    private void completeStopWaiters(TracedThread t) {
        if (t.stopWaiters.isEmpty() || t.state != State.STOPPED) {
            return;
        }
        List<CompletableFuture<TracedThread>> ws = new ArrayList<>(t.stopWaiters);
        t.stopWaiters.clear();
        for (CompletableFuture<TracedThread> f : ws) {
            f.complete(t);
        }
    }

    private void failStopWaiters(TracedThread t, String why) {
        List<CompletableFuture<TracedThread>> ws = new ArrayList<>(t.stopWaiters);
        t.stopWaiters.clear();
        for (CompletableFuture<TracedThread> f : ws) {
            f.completeExceptionally(new TracerException("barrier(tid " + t.tid + ")", why));
        }
    }

    private void onInitialStop(TracedThread t) {
        t.initialStopSeen = true;
        TracedProcess p = t.process;
        if (!t.cloneReported) {
            return; // the parent's clone event has not been handled yet
        }
        if (p.parentPid != 0 && p.engines.isEmpty() && p.unclaimed) {
            releaseChild(p);
            return;
        }
        maybeResume(t);
    }

    /** For {@link #kernelTrapQueued}, on every interrupt stop (tracer thread only). */
    private final byte[] peekBuffer = new byte[128 * Ptrace.PEEK_MAX];

    /**
     * Whether a SIGTRAP the kernel raised (an int3, a completed single-step, a debug-register
     * hit) waits in the thread's own queue. The kernel reports a PTRACE_INTERRUPT stop before
     * it dequeues pending signals, so a thread interrupted just as it trapped stops as
     * "interrupted" with its trap still queued: reported as a quiet stop, the trap would come
     * out at the next resume, after gdb may have removed the breakpoint or moved on, as a
     * SIGTRAP nobody can explain (and the pc left past the int3).
     */
    private boolean kernelTrapQueued(TracedThread t) {
        byte[] queued = peekBuffer;
        int n;
        try {
            n = Ptrace.peekQueued(t.tid, queued);
        } catch (TracerException e) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            int signo = (int) Bytes.u32(queued, 128 * i);
            int code = (int) Bytes.u32(queued, 128 * i + 8);
            if (signo == SIGTRAP && code > 0) { // SI_KERNEL or TRAP_*, not kill/tgkill/sigqueue
                return true;
            }
        }
        return false;
    }

    /**
     * Resumes an interrupted thread whose trap is queued: it stops again at once, in the trap's
     * signal-delivery stop, before running a user instruction, and that stop is classified as
     * usual (breakpoint, step, watchpoint) and satisfies the interrupt. The last request is kept,
     * so a completed step is still known as one.
     */
    private void letTrapIn(TracedThread t) {
        t.setState(State.RUNNING);
        t.stopKind = StopKind.NONE;
        t.interruptPending = true; // the stop that comes is the one the interrupt asked for
        try {
            Ptrace.resume(Ptrace.CONT, t.tid, 0);
        } catch (TracerException e) {
            LOG.fine(e.getMessage()); // killed meanwhile: its death status is on its way
        }
    }

    private void onInterruptStop(TracedThread t) {
        t.stopKind = StopKind.INTERRUPT;
        t.pendingSignal = 0;
        if (t.lastRequest == Ptrace.SINGLESTEP || t.lastRequest == Ptrace.SINGLEBLOCK) {
            // Interrupted before its step completed (another thread's step-over stops the
            // world): the step is still owed to the engines that asked for it, or the thread
            // would run on freely when it is resumed (gdb's displaced steps ran off their buffer).
            ResumeAction step = t.lastRequest == Ptrace.SINGLESTEP ? ResumeAction.SINGLESTEP : ResumeAction.BLOCKSTEP;
            for (Attachment a : t.steppers) {
                if (a.requested == ResumeAction.RESUME) {
                    a.requested = step;
                }
            }
        }
        boolean reported = false;
        for (Attachment a : List.copyOf(t.attachments)) {
            if (a.wantsQuiesce) {
                a.wantsQuiesce = false;
                reported = true;
                ResumeAction r = safeReport(a, () -> a.engine.ops.reportQuiesce(a.engine, t, null));
                apply(t, a, r);
            }
        }
        if (!reported || !t.held()) {
            maybeResume(t);
        }
    }

    private void onSyscallStop(TracedThread t) {
        byte[] info = new byte[88];
        Ptrace.syscallInfo(t.tid, info);
        int op = info[0] & 0xff;
        if (op == 1) { // PTRACE_SYSCALL_INFO_ENTRY
            t.inSyscall = true;
            long nr = Bytes.i64(info, 24);
            long[] args = new long[6];
            for (int i = 0; i < 6; i++) {
                args[i] = Bytes.i64(info, 32 + 8 * i);
            }
            t.syscallNumber = nr;
            dispatchReverse(t, Event.SYSCALL_ENTRY, a -> a.engine.ops.reportSyscallEntry(a.engine, t, nr, args));
        } else {
            t.inSyscall = false;
            long rval = Bytes.i64(info, 24);
            // The number from orig_rax, as gdbserver reads it: the entry stop may not have been
            // ours to see (a vfork's return after the child ran; tracing turned on mid-call).
            long nr = syscallNumber(t.regset(Ptrace.NT_PRSTATUS));
            dispatch(t, Event.SYSCALL_EXIT, a -> a.engine.ops.reportSyscallExit(a.engine, t, nr, rval));
        }
    }

    private void onClone(TracedThread parent, int event) {
        int childTid = (int) Ptrace.eventMessage(parent.tid);
        TracedProcess p = parent.process;
        CloneKind kind = event == Ptrace.EVENT_CLONE ? CloneKind.THREAD : event == Ptrace.EVENT_FORK ? CloneKind.FORK : CloneKind.VFORK;
        TracedProcess owner;
        if (kind == CloneKind.THREAD) {
            owner = p;
        } else {
            owner = new TracedProcess(this, childTid, p.launched, p.pid);
            owner.unclaimed = true;
            owner.sharesMemory = kind == CloneKind.VFORK;
            owner.memory.inheritFrom(p.memory);
            processes.put(childTid, owner);
        }
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("tid " + parent.tid + ": " + kind + " child " + childTid);
        }
        TracedThread child = new TracedThread(this, owner, childTid, State.STARTING);
        register(owner, child);
        Integer early = earlyStops.remove(childTid);
        dispatch(parent, Event.CLONE, a -> a.engine.ops.reportClone(a.engine, parent, child, kind), false);
        child.cloneReported = true;
        if (early != null) {
            WaitStatus ws = new WaitStatus(early);
            if (ws.stopped()) {
                child.setState(State.STOPPED);
                child.stopKind = StopKind.INITIAL;
                onInitialStop(child);
            }
        }
        maybeResume(parent);
        checkAllStopped(owner);
    }

    /** A fork child no engine adopted: take our breakpoints out of its copy and let it go. */
    private void releaseChild(TracedProcess child) {
        if (!child.sharesMemory) {
            child.memory.restoreAll();
        }
        for (TracedThread t : List.copyOf(child.threads.values())) {
            try {
                Ptrace.detach(t.tid, 0);
            } catch (TracerException e) {
                LOG.fine(e.getMessage());
            }
            t.setState(State.DEAD);
            threads.remove(t.tid);
        }
        child.threads.clear();
        child.order.clear();
        child.memory.closeFd();
        processes.remove(child.pid);
        child.detached.complete(null);
    }

    private void onExec(TracedThread reported) {
        TracedProcess p = reported.process;
        int formerTid = (int) Ptrace.eventMessage(reported.tid);
        TracedThread t = reported;
        if (formerTid != p.pid) {
            // A non-leader thread exec'd and took the leader's tid (ptrace(2), "execve(2) under
            // ptrace"). The old leader and every other thread are gone.
            TracedThread execer = threads.get(formerTid);
            if (execer != null) {
                threads.remove(formerTid);
                p.threads.remove(formerTid);
                reported.setState(State.DEAD);
                p.order.remove(reported.seq);
                reportGone(reported);
                execer.tid = p.pid;
                execer.setState(State.STOPPED);
                execer.stopKind = StopKind.EVENT;
                execer.invalidateRegisters();
                threads.put(p.pid, execer);
                p.threads.put(p.pid, execer);
                t = execer;
            }
        }
        for (TracedThread o : List.copyOf(p.threads.values())) {
            if (o != t) {
                threads.remove(o.tid);
                p.threads.remove(o.tid);
                p.order.remove(o.seq);
                o.setState(State.DEAD);
                reportGone(o);
            }
        }
        p.memory.reset();
        p.debugRegs.clear();
        p.stepOverOwner = null;
        t.steppingOver = 0;
        t.rewoundAt = 0;
        if (p.launchFuture != null && !p.launchFuture.isDone()) {
            if (p.execsToSkip > 0) {
                p.execsToSkip--;
                doResume(t, Ptrace.CONT, 0);
                return;
            }
            p.launchFuture.complete(p);
            return;
        }
        TracedThread execer = t;
        dispatch(t, Event.EXEC, a -> a.engine.ops.reportExec(a.engine, execer, formerTid));
    }

    /** A thread vanished without a death report (exec): its engines hear the reap. */
    private void reportGone(TracedThread t) {
        failStopWaiters(t, "thread is gone (exec)");
        for (Attachment a : List.copyOf(t.attachments)) {
            if (a.engine.wants(Event.REAP)) {
                safeVoid(() -> a.engine.ops.reportReap(a.engine, t));
            }
        }
        t.attachments.clear();
    }

    private void onSignal(TracedThread t, int sig) {
        TracedProcess p = t.process;
        if (sig == SIGTRAP) {
            if (t.steppingOver != 0) {
                finishStepOver(t);
                return;
            }
            boolean stepped = t.lastRequest == Ptrace.SINGLESTEP || t.lastRequest == Ptrace.SINGLEBLOCK;
            if (p.memory.hasBreakpoints()) {
                long pc = t.pcNow();
                AddressSpace.SwBreakpoint bp = p.memory.breakpointAt(pc - 1);
                // A step can execute an int3 too: then siginfo says SI_KERNEL (the int3), not
                // TRAP_TRACE (the step), and it is a breakpoint hit. Without a step, the pc
                // alone tells (the siginfo read is skipped on that hot path).
                if (bp != null && bp.inMemory && stepped && siCode(t) != SI_KERNEL) {
                    bp = null;
                }
                if (bp != null && bp.inMemory) {
                    t.setPc(pc - 1);
                    t.rewoundAt = pc - 1;
                    t.pendingSignal = 0;
                    SignalReport r = new SignalReport(SignalReport.Kind.BREAKPOINT, sig, pc - 1, 0, null);
                    reportSignal(t, r, owners(t, bp));
                    return;
                }
            }
            if (!stepped && hitLiftedOrRemovedBreakpoint(t)) {
                return;
            }
            if (!p.debugRegs.isEmpty()) {
                int slot = p.debugRegs.takeHit(t);
                if (slot >= 0) {
                    DebugRegisters.Slot s = p.debugRegs.slot(slot);
                    SignalReport.Kind kind = s.kind == WatchKind.EXECUTE ? SignalReport.Kind.HW_BREAKPOINT : SignalReport.Kind.WATCHPOINT;
                    SignalReport r = new SignalReport(kind, sig, t.pcNow(), s.address, s.kind);
                    t.pendingSignal = 0;
                    List<Attachment> owners = new ArrayList<>();
                    for (Attachment a : t.attachments) {
                        if (s.owners.contains(a.engine) || stepped && t.steppers.contains(a)) {
                            owners.add(a);
                        }
                    }
                    reportSignal(t, r, owners);
                    return;
                }
            }
            if (stepped && !t.steppers.isEmpty()) {
                t.pendingSignal = 0;
                SignalReport r = new SignalReport(SignalReport.Kind.STEP, sig, t.pcNow(), 0, null);
                reportSignal(t, r, new ArrayList<>(t.steppers));
                return;
            }
        }
        SignalReport r = new SignalReport(SignalReport.Kind.SIGNAL, sig, 0, 0, null);
        List<Attachment> listeners = new ArrayList<>();
        for (Attachment a : t.attachments) {
            if (a.engine.wants(Event.SIGNAL)) {
                listeners.add(a);
            }
        }
        reportSignal(t, r, listeners);
    }

    /**
     * A trap from an int3 that is no longer in memory: the thread executed it, and before its
     * stop was reaped the breakpoint was taken out (non-stop: gdb removes breakpoints while
     * threads run; or gdb's z0s right before a detach) or lifted for another thread's step-over.
     * The pc is one past the int3, in the middle of the original instruction: it goes back.
     * A lifted breakpoint (or one put back since) still exists, so this is a hit like any
     * other; a removed one is nobody's (no engine owns a breakpoint there now), and the thread
     * goes on as the engines' holds allow, as if it had not hit it. Left as a plain SIGTRAP it was reported to gdb as a
     * random signal, and a detach delivered it and killed the program
     * (gdb.threads/detach-step-over.exp, test_detach_quit). gdbserver too goes by si_code
     * (SI_KERNEL: an int3) rather than by what is in memory now.
     */
    private boolean hitLiftedOrRemovedBreakpoint(TracedThread t) {
        long at = t.pcNow() - 1;
        // One read under the lock that insert and remove take (they run on the debugger's
        // thread): the breakpoint may have come back, or gone, since the lock-free look above.
        AddressSpace.TrapSite site = t.process.memory.trapSite(at);
        AddressSpace.SwBreakpoint bp = site.breakpoint();
        if (bp == null && !site.removedLately()) {
            return false;
        }
        try {
            if (siCode(t) != SI_KERNEL) { // not an int3 (a step's is TRAP_TRACE)
                return false;
            }
        } catch (TracerException e) {
            return false;
        }
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("tid " + t.tid + ": trap of a breakpoint " + (bp == null ? "removed" : bp.inMemory ? "put back" : "lifted")
                    + " since, at 0x" + Long.toHexString(at));
        }
        t.setPc(at);
        t.pendingSignal = 0;
        if (bp != null) {
            t.rewoundAt = at;
        }
        reportSignal(t, new SignalReport(SignalReport.Kind.BREAKPOINT, SIGTRAP, at, 0, null),
                bp != null ? owners(t, bp) : new ArrayList<>());
        return true;
    }

    /** The thread's attachments whose engines own this breakpoint: the ones a hit is reported to. */
    private static List<Attachment> owners(TracedThread t, AddressSpace.SwBreakpoint bp) {
        List<Attachment> owners = new ArrayList<>();
        for (Attachment a : t.attachments) {
            if (bp.owners.containsKey(a.engine)) {
                owners.add(a);
            }
        }
        return owners;
    }

    /** si_code of an int3's SIGTRAP on x86. */
    private static final int SI_KERNEL = 0x80;

    /** si_code of the signal the thread is stopped with (PTRACE_GETSIGINFO). */
    private static int siCode(TracedThread t) {
        byte[] si = new byte[128];
        Ptrace.getSiginfo(t.tid, si);
        return (int) Bytes.u32(si, 8);
    }

    private void finishStepOver(TracedThread t) {
        ResumeAction after = t.afterStepOver;
        endStepOver(t);
        if (after == ResumeAction.SINGLESTEP || after == ResumeAction.BLOCKSTEP) {
            // The engine's step is the step we just made: report it.
            SignalReport r = new SignalReport(SignalReport.Kind.STEP, SIGTRAP, t.pcNow(), 0, null);
            t.pendingSignal = 0;
            List<Attachment> steppers = new ArrayList<>();
            for (Attachment a : t.attachments) {
                if (a.requested == ResumeAction.SINGLESTEP || a.requested == ResumeAction.BLOCKSTEP || t.steppers.contains(a)) {
                    steppers.add(a);
                }
            }
            if (steppers.isEmpty()) {
                steppers.addAll(t.steppers);
            }
            reportSignal(t, r, steppers);
            return;
        }
        t.pendingSignal = 0;
        t.stopKind = StopKind.INTERRUPT;
        maybeResume(t);
    }

    private void reportSignal(TracedThread t, SignalReport r, List<Attachment> recipients) {
        for (Attachment a : recipients) {
            if (a.engine.wants(Event.QUIESCE)) {
                safeReport(a, () -> a.engine.ops.reportQuiesce(a.engine, t, Event.SIGNAL));
            }
            ResumeAction action = safeReport(a, () -> a.engine.ops.reportSignal(a.engine, t, r));
            apply(t, a, action);
        }
        if (r.kind() == SignalReport.Kind.SIGNAL) {
            t.pendingSignal = r.signal();
        }
        t.steppers.clear();
        maybeResume(t);
    }

    /**
     * Whether a thread stopped at its exit event is leaving through exit_group (its orig_rax,
     * the system call it is in), which ends the whole group with that call's code.
     */
    private static boolean callsExitGroup(TracedThread t) {
        try {
            byte[] regs = t.regset(Ptrace.NT_PRSTATUS);
            return syscallNumber(regs) == (regs.length == I386_PRSTATUS_SIZE ? 252 : 231);
        } catch (TracerException e) {
            return false;
        }
    }

    /** NT_PRSTATUS of a 32-bit tracee (struct user_regs_struct of i386). */
    private static final int I386_PRSTATUS_SIZE = 68;

    /** The system call a stopped thread is in: orig_eax / orig_rax of its NT_PRSTATUS. */
    private static long syscallNumber(byte[] prstatus) {
        return prstatus.length == I386_PRSTATUS_SIZE ? Bytes.u32(prstatus, 44) : Bytes.i64(prstatus, 120);
    }

    /**
     * Whether the leader's threads live on after it: there is another thread, and none is
     * exiting or has pending the SIGKILL the kernel sends the others when the whole group goes
     * (exit_group, a fatal signal, an exec by another thread).
     */
    private static boolean threadsLiveOn(TracedProcess p, TracedThread leader) {
        boolean others = false;
        for (TracedThread o : p.threads.values()) {
            if (o == leader || o.state == State.DEAD) {
                continue;
            }
            if (o.exiting) {
                return false;
            }
            try {
                String status = Files.readString(Path.of("/proc/" + p.pid + "/task/" + o.tid + "/status"));
                int at = status.indexOf("\nSigPnd:\t");
                if (at < 0) {
                    return false;
                }
                long pending = Long.parseUnsignedLong(status.substring(at + 9, at + 25), 16);
                if ((pending & (1L << (SIGKILL - 1))) != 0) {
                    return false;
                }
            } catch (IOException | RuntimeException e) {
                return false; // gone already
            }
            others = true;
        }
        return others;
    }

    /**
     * The leader left by itself (pthread_exit) while its threads live on. The kernel keeps it
     * as a zombie, with no wait status to collect, until they are all gone, and it never runs
     * again: engines hear of its death now (processEnded false), as gdbserver drops such a
     * leader from its list, and again when the process ends.
     */
    private void leftAhead(TracedThread t, int status) {
        t.leftAhead = true;
        WaitStatus ws = new WaitStatus(status);
        for (Attachment a : List.copyOf(t.attachments)) {
            if (a.engine.wants(Event.DEATH)) {
                safeVoid(() -> a.engine.ops.reportDeath(a.engine, t, ws, false));
            }
        }
    }

    private void onDeath(TracedThread t, WaitStatus died) {
        TracedProcess p = t.process;
        t.setState(State.DEAD);
        threads.remove(t.tid);
        p.threads.remove(t.tid);
        p.order.remove(t.seq);
        boolean ended = t.tid == p.pid || p.threads.isEmpty();
        // The leader's own exit code is the process's, as gdbserver reports it (this kernel
        // hands over the last thread's when every thread exits by itself).
        WaitStatus ws = ended && died.exited() && !p.groupExitAfterLeader && p.leaderExitStatus >= 0
                && new WaitStatus(p.leaderExitStatus).exited()
                ? new WaitStatus(p.leaderExitStatus) : died;
        failStopWaiters(t, "thread died (" + ws + ")");
        for (Attachment a : List.copyOf(t.attachments)) {
            if (a.engine.wants(Event.DEATH)) {
                safeVoid(() -> a.engine.ops.reportDeath(a.engine, t, ws, ended));
            }
        }
        for (Attachment a : List.copyOf(t.attachments)) {
            if (a.engine.wants(Event.REAP)) {
                safeVoid(() -> a.engine.ops.reportReap(a.engine, t));
            }
        }
        t.attachments.clear();
        if (p.stepOverOwner == t) {
            endStepOver(t);
        }
        if (ended) {
            for (TracedThread o : p.threads.values()) {
                o.setState(State.DEAD);
                threads.remove(o.tid);
                failStopWaiters(o, "process exited");
            }
            p.threads.clear();
            p.order.clear();
            p.memory.closeFd();
            processes.remove(p.pid);
            allStoppedWaiters.remove(p);
            for (Engine e : List.copyOf(p.engines)) {
                e.processes.remove(p);
            }
            if (p.launchFuture != null && !p.launchFuture.isDone()) {
                p.launchFuture.completeExceptionally(new StartupExitException(p.pid, ws));
            }
            p.exit.complete(ws);
        } else {
            if (p.stepOverOwner != null) {
                stepOverProgress(p);
            }
            checkAllStopped(p);
        }
    }

    // ------------------------------------------------------------------ dispatch

    interface Report {
        ResumeAction call(Attachment a);
    }

    private void dispatch(TracedThread t, Event event, Report report) {
        dispatch(t, event, report, true);
    }

    private void dispatch(TracedThread t, Event event, Report report, boolean resume) {
        for (Attachment a : List.copyOf(t.attachments)) {
            if (!a.engine.wants(event)) {
                continue;
            }
            if (a.engine.wants(Event.QUIESCE)) {
                safeReport(a, () -> a.engine.ops.reportQuiesce(a.engine, t, event));
            }
            apply(t, a, safeReport(a, () -> report.call(a)));
        }
        if (resume) {
            maybeResume(t);
        }
    }

    /** Syscall entry reports go to the engines in reverse attach order (utrace). */
    private void dispatchReverse(TracedThread t, Event event, Report report) {
        List<Attachment> as = new ArrayList<>(t.attachments);
        java.util.Collections.reverse(as);
        for (Attachment a : as) {
            if (!a.engine.wants(event)) {
                continue;
            }
            if (a.engine.wants(Event.QUIESCE)) {
                safeReport(a, () -> a.engine.ops.reportQuiesce(a.engine, t, event));
            }
            apply(t, a, safeReport(a, () -> report.call(a)));
        }
        maybeResume(t);
    }

    private void apply(TracedThread t, Attachment a, ResumeAction action) {
        if (action == ResumeAction.DETACH) {
            t.attachments.remove(a);
            return;
        }
        a.held = action == ResumeAction.STOP;
        a.requested = action;
    }

    private ResumeAction safeReport(Attachment a, Callable<ResumeAction> c) {
        try {
            ResumeAction r = c.call();
            return r == null ? ResumeAction.RESUME : r;
        } catch (Throwable e) {
            LOG.log(Level.WARNING, a.engine + " callback failed", e);
            return ResumeAction.RESUME;
        }
    }

    private void safeVoid(Runnable r) {
        try {
            r.run();
        } catch (Throwable e) {
            LOG.log(Level.WARNING, "engine callback failed", e);
        }
    }
}
