package org.jgdbserver.tracer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A traced thread group: its threads, its address space (memory and software breakpoints) and
 * its debug-register points. The thread table is owned by the tracer thread; {@link #threads()}
 * gives a snapshot to anyone.
 */
public final class TracedProcess {
    final Tracer tracer;
    volatile int pid;
    final boolean launched;
    final Map<Integer, TracedThread> threads = new ConcurrentHashMap<>();
    /**
     * Live threads in creation order (keyed by {@link TracedThread#seq}), for stable listings.
     * Changed on the tracer thread only; read from anywhere without a trip to the tracer.
     */
    final java.util.concurrent.ConcurrentSkipListMap<Long, TracedThread> order = new java.util.concurrent.ConcurrentSkipListMap<>();
    final AddressSpace memory;
    final DebugRegisters debugRegs;
    final CompletableFuture<WaitStatus> exit;
    /** Held by the tracer (no engine yet) after launch or attach until an engine claims it. */
    boolean unclaimed = true;
    /** The engines attached, in attach order. */
    final List<Engine> engines = new ArrayList<>(2);
    /** A tracer step-over in progress holds every other thread. */
    TracedThread stepOverOwner;
    final java.util.ArrayDeque<TracedThread> stepOverQueue = new java.util.ArrayDeque<>();
    /** The parent for a fork/vfork child, else 0. */
    final int parentPid;
    volatile boolean detaching;
    /** Being killed: exit stops are not reported. */
    volatile boolean killing;
    /** A vfork child: its memory is its parent's, so our breakpoints in it are the parent's. */
    boolean sharesMemory;
    /** Completes when the tracer has let the process go (detach, or an unadopted fork child). */
    final CompletableFuture<Void> detached;
    /** The leader's exit status from its PTRACE_EVENT_EXIT stop (wait(2) format), or -1. */
    int leaderExitStatus = -1;
    /** A thread called exit_group after the leader had exited: the kernel's final status is right. */
    boolean groupExitAfterLeader;
    /** Exec events to let pass before the launch is complete (the shell's own exec). */
    int execsToSkip;
    CompletableFuture<TracedProcess> launchFuture;

    TracedProcess(Tracer tracer, int pid, boolean launched, int parentPid) {
        this.tracer = tracer;
        this.exit = tracer.newFuture();
        this.detached = tracer.newFuture();
        this.pid = pid;
        this.launched = launched;
        this.parentPid = parentPid;
        this.memory = new AddressSpace(this);
        this.debugRegs = new DebugRegisters(this);
    }

    public int pid() {
        return pid;
    }

    /** True when the tracer started this process, false when it attached to a running one. */
    public boolean wasLaunched() {
        return launched;
    }

    /**
     * The live threads, in creation order: a snapshot, taken on the calling thread (the table
     * is concurrent and a thread's state is volatile), so asking costs no trip to the tracer.
     */
    public List<TracedThread> threads() {
        return liveThreads();
    }

    List<TracedThread> liveThreads() {
        List<TracedThread> out = new ArrayList<>(order.size());
        for (TracedThread t : order.values()) {
            // A thread past its exit stop is gone for a debugger, though a leader that left
            // first stays a zombie until the others are gone (gdb.threads/leader-exit.exp).
            if (t.state != TracedThread.State.DEAD && t.state != TracedThread.State.STARTING && !t.exiting) {
                out.add(t);
            }
        }
        return out;
    }

    public TracedThread thread(int tid) {
        return threads.get(tid);
    }

    public AddressSpace memory() {
        return memory;
    }

    public DebugRegisters debugRegisters() {
        return debugRegs;
    }

    public boolean isAlive() {
        return !exit.isDone();
    }

    /** Completes with the leader's wait status when the whole process is gone. */
    public CompletableFuture<WaitStatus> exitFuture() {
        return exit;
    }

    /** Completes when the tracer lets the process go without it ending (detach). */
    public CompletableFuture<Void> detachFuture() {
        return detached;
    }

    /** The executable, from /proc/PID/exe. */
    public String executable() {
        try {
            return java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/" + pid + "/exe")).toString();
        } catch (Exception e) {
            return "";
        }
    }

    /**
     * The pointer width of the program the process runs, 4 or 8: the ELF class of
     * /proc/PID/exe (as gdbserver decides it; a 32-bit program on a 64-bit kernel is 4).
     */
    public int pointerSize() {
        byte[] ident = new byte[5];
        try (java.io.InputStream in = java.nio.file.Files.newInputStream(java.nio.file.Path.of("/proc/" + pid + "/exe"))) {
            if (in.readNBytes(ident, 0, 5) != 5) {
                throw new TracerException("read ELF header of /proc/" + pid + "/exe", "file shorter than e_ident");
            }
        } catch (java.io.IOException e) {
            throw new TracerException("read ELF header of /proc/" + pid + "/exe", e.getMessage());
        }
        if (ident[0] != 0x7f || ident[1] != 'E' || ident[2] != 'L' || ident[3] != 'F') {
            throw new TracerException("read ELF header of /proc/" + pid + "/exe", "not an ELF file");
        }
        // e_ident[EI_CLASS]: ELFCLASS32 = 1, ELFCLASS64 = 2 (elf.h).
        switch (ident[4]) {
            case 1: return 4;
            case 2: return 8;
            default: throw new TracerException("read ELF header of /proc/" + pid + "/exe", "EI_CLASS " + ident[4] + ", expected 1 or 2");
        }
    }

    /** The auxiliary vector the kernel gave the program (/proc/PID/auxv). */
    public byte[] auxv() {
        try {
            return java.nio.file.Files.readAllBytes(java.nio.file.Path.of("/proc/" + pid + "/auxv"));
        } catch (java.io.IOException e) {
            throw new TracerException("read auxv(pid " + pid + ")", e.getMessage());
        }
    }

    /** SIGKILLs the process; completes when its leader is reaped. */
    public CompletableFuture<WaitStatus> kill() {
        return tracer.call(() -> {
            tracer.kill(this);
            return exit;
        }).thenCompose(f -> f);
    }

    /**
     * Lets the process go: breakpoints and watchpoints removed, every thread detached with the
     * signal it was about to receive, every engine told nothing more. It keeps running.
     */
    public CompletableFuture<Void> detach() {
        return detach(sig -> true);
    }

    /**
     * Detaches from every thread. A thread stopped by a signal takes it along (delivered as it
     * goes) only if {@code deliver} accepts it: a debugger does not hand the program a SIGTRAP
     * or SIGINT that was its own business (gdbserver: the signals gdb did not list in
     * QProgramSignals are dropped).
     */
    public CompletableFuture<Void> detach(java.util.function.IntPredicate deliver) {
        return tracer.call(() -> tracer.detachProcess(this, deliver)).thenCompose(f -> f);
    }

    Collection<TracedThread> allThreads() {
        return threads.values();
    }

    @Override
    public String toString() {
        return "process " + pid;
    }
}
