package org.jgdbserver.tracer;

import org.jgdbserver.tracer.sys.Ptrace;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One traced thread (a Linux task). Its state is owned by the tracer thread; the getters may be
 * read from anywhere and give a recent value. Registers are reached through regset views:
 * {@link #readRegset} and {@link #writeRegset} with the kernel's note numbers.
 */
public final class TracedThread {
    enum State { STARTING, RUNNING, STOPPED, DEAD }

    /** Why a stopped thread stopped (ptrace(2) "Stopped states"). */
    enum StopKind { NONE, SIGNAL, EVENT, GROUP, SYSCALL, INTERRUPT, INITIAL }

    final Tracer tracer;
    volatile TracedProcess process;
    volatile int tid;
    volatile State state;
    /** A signal we queued with tgkill for an engine, and the request to resume it with. */
    int injectedSignal;
    int injectedRequest;
    /** Past its PTRACE_EVENT_EXIT stop: it will die, not stop (tracer thread). */
    volatile boolean exiting;
    volatile boolean leftAhead;
    /** Name and CPU read while stopped: valid until the thread runs again. */
    private volatile String stoppedName;
    private volatile int stoppedCpu = -1;
    /** Creation order in its process (set when the tracer registers it). */
    long seq;
    StopKind stopKind = StopKind.NONE;
    /** The signal a signal-delivery stop will deliver on resume (engines may change it). */
    int pendingSignal;
    /** A PTRACE_INTERRUPT was sent and no stop has been seen since. */
    boolean interruptPending;
    /** Interrupted only to have its debug registers rewritten. */
    boolean refreshStop;
    /** Where the tracer rewound the pc after a breakpoint hit (0: not at a reported hit). */
    long rewoundAt;
    /** The signal to deliver with the step-over's single-step. */
    int stepOverSignal;
    /** The step-over's single-step has been issued. */
    boolean stepOverStarted;
    /** The system call of the last syscall-entry stop. */
    long syscallNumber;
    /** The resume request of the last resume (CONT, SYSCALL, SINGLESTEP, SINGLEBLOCK). */
    int lastRequest;
    /** The engines that asked for the current single-step or block-step. */
    final List<Attachment> steppers = new ArrayList<>(1);
    /** Software breakpoint being stepped over by the tracer (0: none). */
    long steppingOver;
    /** The action to take once the step-over completes. */
    ResumeAction afterStepOver;
    boolean inSyscall;
    /** Set between a clone event and the new thread's first stop (either may come first). */
    boolean initialStopSeen;
    boolean cloneReported;
    /** Debug registers to write before the thread next runs. */
    boolean debugRegsDirty;
    /** Engines attached, in attach order. */
    final List<Attachment> attachments = new ArrayList<>(2);
    /** Waiting for the thread to be stopped (barriers). */
    final List<CompletableFuture<TracedThread>> stopWaiters = new ArrayList<>(1);
    /** Cached regsets while stopped, by note number; cleared on resume. */
    private final byte[][] regCache = new byte[3][];
    /** Bumped whenever the registers may have changed: resumed, stopped, or written. */
    private volatile long registersVersion;
    private volatile String name;

    TracedThread(Tracer tracer, TracedProcess process, int tid, State state) {
        this.tracer = tracer;
        this.process = process;
        this.tid = tid;
        this.state = state;
        tracer.stateChanged();
    }

    void setState(State s) {
        state = s;
        tracer.stateChanged();
    }

    public int tid() {
        return tid;
    }

    public TracedProcess process() {
        return process;
    }

    public boolean isStopped() {
        return state == State.STOPPED;
    }

    public boolean isAlive() {
        return state != State.DEAD;
    }

    /**
     * A leader that exited by itself while its threads live on: a zombie until they are gone,
     * it never runs again and has no registers to read (it counts as {@link #isAlive} until the
     * process ends, as its final wait status is the process's).
     */
    public boolean hasLeftAhead() {
        return leftAhead;
    }

    /**
     * The signal this thread is stopped to receive (a signal-delivery stop, e.g. one that came
     * before the stop of an attach), or 0. It is delivered when the thread resumes unless an
     * engine says otherwise.
     */
    public int signalToDeliver() {
        return state == State.STOPPED && stopKind == StopKind.SIGNAL ? pendingSignal : 0;
    }

    public boolean isLeader() {
        return tid == process.pid();
    }

    /**
     * The thread's name (/proc/PID/task/TID/comm), read afresh: programs name their threads
     * after creating them, and gdb asks again at every stop.
     */
    public String name() {
        String n = stoppedName;
        if (n != null && state == State.STOPPED) {
            return n; // a stopped thread cannot rename itself
        }
        n = refreshName();
        if (state == State.STOPPED) {
            stoppedName = n;
        }
        return n;
    }

    public String refreshName() {
        try {
            String n = Files.readString(Path.of("/proc/" + process.pid() + "/task/" + tid + "/comm"),
                    StandardCharsets.UTF_8).strip();
            name = n;
            return n;
        } catch (IOException | RuntimeException e) {
            return name == null ? "" : name;
        }
    }

    /** The CPU the thread last ran on (field 39 of /proc/PID/task/TID/stat), or -1. */
    public int lastCpu() {
        int c = stoppedCpu;
        if (c >= 0 && state == State.STOPPED) {
            return c; // it has not run since it stopped
        }
        c = readLastCpu();
        if (state == State.STOPPED) {
            stoppedCpu = c;
        }
        return c;
    }

    private int readLastCpu() {
        // Asked at every stop (the core: field of a stop reply): a plain open/pread/close
        // through the shim and a scan of the bytes, not Files.readString and split (a
        // FileChannel, a Cleaner and some fifty strings per stop).
        byte[] buf = new byte[1024];
        int n;
        try {
            int fd = Ptrace.open("/proc/" + process.pid() + "/task/" + tid + "/stat", 0 /* O_RDONLY */);
            try {
                n = (int) Ptrace.memRead(fd, 0, buf, buf.length);
            } finally {
                Ptrace.close(fd);
            }
        } catch (TracerException e) {
            return -1;
        }
        return statField(buf, n, 39);
    }

    /**
     * Field {@code field} (1-based, as proc(5) numbers them) of a /proc stat line as a
     * non-negative decimal, or -1. The command name (field 2) may hold spaces and parentheses:
     * fields are counted from its last ')'.
     */
    static int statField(byte[] buf, int n, int field) {
        int i = n - 1;
        while (i >= 0 && buf[i] != ')') {
            i--;
        }
        if (i < 0) {
            return -1;
        }
        int f = 2;
        for (i++; i < n && f < field; i++) {
            if (buf[i] == ' ') {
                f++;
            }
        }
        int v = 0, digits = 0;
        for (; i < n && buf[i] >= '0' && buf[i] <= '9'; i++, digits++) {
            v = v * 10 + (buf[i] - '0');
        }
        return digits == 0 ? -1 : v;
    }

    /**
     * A regset of the stopped thread (NT_PRSTATUS, NT_PRFPREG, NT_X86_XSTATE): a copy of the
     * kernel's bytes. Served from a cache while the thread stays stopped.
     */
    public CompletableFuture<byte[]> readRegset(int note) {
        byte[] cached = cachedRegset(note);
        if (cached != null && state == State.STOPPED) {
            return CompletableFuture.completedFuture(cached.clone());
        }
        return tracer.call(() -> regset(note).clone());
    }

    /**
     * Several regsets at once, in one trip to the tracer at most (none when all are cached):
     * element i is a copy of regset {@code notes[i]}, or null where the kernel refused it.
     */
    public CompletableFuture<byte[][]> readRegsets(int... notes) {
        if (state == State.STOPPED) {
            byte[][] out = new byte[notes.length][];
            boolean all = true;
            for (int i = 0; i < notes.length && all; i++) {
                byte[] c = cachedRegset(notes[i]);
                all = c != null;
                out[i] = all ? c.clone() : null;
            }
            if (all && state == State.STOPPED) {
                return CompletableFuture.completedFuture(out);
            }
        }
        return tracer.call(() -> {
            checkStopped("PTRACE_GETREGSET");
            byte[][] out = new byte[notes.length][];
            for (int i = 0; i < notes.length; i++) {
                try {
                    out[i] = regset(notes[i]).clone();
                } catch (TracerException e) {
                    out[i] = null;
                }
            }
            return out;
        });
    }

    /** Writes a whole regset to the stopped thread. */
    public CompletableFuture<Void> writeRegset(int note, byte[] bytes) {
        byte[] copy = bytes.clone();
        return tracer.call(() -> {
            setRegset(note, copy);
            return null;
        });
    }

    /**
     * The siginfo_t (128 bytes) of the signal this thread is stopped for (PTRACE_GETSIGINFO);
     * fails with EINVAL when the stop is not a signal-delivery stop.
     */
    public CompletableFuture<byte[]> siginfo() {
        return tracer.call(() -> {
            checkStopped("PTRACE_GETSIGINFO");
            byte[] b = new byte[128];
            org.jgdbserver.tracer.sys.Ptrace.getSiginfo(tid, b);
            return b;
        });
    }

    /** Replaces the siginfo_t of the pending signal (PTRACE_SETSIGINFO). */
    public CompletableFuture<Void> setSiginfo(byte[] info) {
        byte[] copy = java.util.Arrays.copyOf(info, 128);
        return tracer.call(() -> {
            checkStopped("PTRACE_SETSIGINFO");
            org.jgdbserver.tracer.sys.Ptrace.setSiginfo(tid, copy);
            return null;
        });
    }

    /**
     * The base address of GDT entry {@code entry} of the stopped thread's TLS descriptors
     * (PTRACE_GET_THREAD_AREA): on i386 the thread pointer is the base of the entry its
     * {@code %gs} selector names ({@code gs >> 3}).
     */
    public CompletableFuture<Long> threadArea(int entry) {
        return tracer.call(() -> {
            checkStopped("PTRACE_GET_THREAD_AREA");
            return Ptrace.getThreadArea(tid, entry);
        });
    }

    /**
     * A number that changes whenever this thread's registers may have changed (it ran, stopped
     * again or had a regset written), and only then: a client may keep what it derived from the
     * registers (a hex {@code g} reply, say) while this number and {@link #isStopped()} hold.
     */
    public long registersVersion() {
        return registersVersion;
    }

    /** The program counter of the stopped thread. */
    public CompletableFuture<Long> pc() {
        return tracer.call(this::pcNow);
    }

    // ---- tracer-thread internals ----

    private static int slot(int note) {
        switch (note) {
            case Ptrace.NT_PRSTATUS: return 0;
            case Ptrace.NT_PRFPREG: return 1;
            case Ptrace.NT_X86_XSTATE: return 2;
            default: return -1;
        }
    }

    private byte[] cachedRegset(int note) {
        int s = slot(note);
        return s < 0 ? null : regCache[s];
    }

    byte[] regset(int note) {
        checkStopped("PTRACE_GETREGSET");
        int s = slot(note);
        if (s >= 0 && regCache[s] != null) {
            return regCache[s];
        }
        int size = note == Ptrace.NT_X86_XSTATE ? tracer.xstateSize() : note == Ptrace.NT_PRFPREG ? 512
                : note == Ptrace.NT_PRSTATUS ? 216 : 4096;
        byte[] buf = new byte[size];
        int n = Ptrace.getRegset(tid, note, buf);
        byte[] r = n == buf.length ? buf : java.util.Arrays.copyOf(buf, n);
        if (s >= 0) {
            regCache[s] = r;
        }
        return r;
    }

    void setRegset(int note, byte[] bytes) {
        checkStopped("PTRACE_SETREGSET");
        registersVersion++;
        Ptrace.setRegset(tid, note, bytes, bytes.length);
        int s = slot(note);
        if (s >= 0) {
            regCache[s] = bytes;
        }
    }

    void invalidateRegisters() {
        registersVersion++;
        stoppedName = null;
        stoppedCpu = -1;
        regCache[0] = null;
        regCache[1] = null;
        regCache[2] = null;
    }

    /** True when the kernel hands this thread's NT_PRSTATUS in the i386 form (68 bytes). */
    boolean is32() {
        return regset(Ptrace.NT_PRSTATUS).length == 68;
    }

    long pcNow() {
        byte[] r = regset(Ptrace.NT_PRSTATUS);
        return r.length == 68 ? Bytes.u32(r, 48) : Bytes.i64(r, 128);
    }

    void setPc(long pc) {
        byte[] r = regset(Ptrace.NT_PRSTATUS).clone();
        if (r.length == 68) {
            Bytes.put32(r, 48, (int) pc);
        } else {
            Bytes.put64(r, 128, pc);
        }
        setRegset(Ptrace.NT_PRSTATUS, r);
    }

    void checkStopped(String call) {
        if (state != State.STOPPED) {
            throw new TracerException(call + "(tid " + tid + ")", state == State.DEAD ? "thread is dead" : "thread is running");
        }
    }

    Attachment attachment(Engine engine) {
        for (Attachment a : attachments) {
            if (a.engine == engine) {
                return a;
            }
        }
        return null;
    }

    boolean held() {
        for (Attachment a : attachments) {
            if (a.held) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return "thread " + tid + " (" + state + ")";
    }

    /** One engine attached to this thread: utrace's per-task engine state. */
    static final class Attachment {
        final Engine engine;
        boolean held;
        ResumeAction requested = ResumeAction.RESUME;
        boolean wantsQuiesce;

        Attachment(Engine engine) {
            this.engine = engine;
        }
    }
}
