package org.jgdbserver.tracer.sys;

import com.sun.jna.ptr.LongByReference;
import org.jgdbserver.tracer.TracerException;

/**
 * The one place in jgdbserver that calls ptrace(2), waitpid(2) and friends. Everything above
 * it is the engine layer. All methods except {@link #wake()} and the memory reads must run on
 * the tracer thread: a tracee belongs to the OS thread that attached it.
 *
 * <p>Failures throw {@link TracerException} naming the request, the thread and the errno.
 */
public final class Ptrace {
    private Ptrace() {}

    // Requests (linux/ptrace.h, sys/ptrace.h).
    public static final int PEEKTEXT = 1, PEEKDATA = 2, PEEKUSER = 3, POKEDATA = 5, POKEUSER = 6,
            CONT = 7, KILL = 8, SINGLESTEP = 9, DETACH = 17, SYSCALL = 24, SETOPTIONS = 0x4200,
            GETEVENTMSG = 0x4201, GETSIGINFO = 0x4202, SETSIGINFO = 0x4203, GETREGSET = 0x4204,
            SETREGSET = 0x4205, SEIZE = 0x4206, INTERRUPT = 0x4207, LISTEN = 0x4208,
            SINGLEBLOCK = 33, GET_THREAD_AREA = 25, GET_SYSCALL_INFO = 0x420e, PEEKSIGINFO = 0x4209;

    // Options.
    public static final int O_TRACESYSGOOD = 1, O_TRACEFORK = 2, O_TRACEVFORK = 4, O_TRACECLONE = 8,
            O_TRACEEXEC = 0x10, O_TRACEVFORKDONE = 0x20, O_TRACEEXIT = 0x40, O_EXITKILL = 0x100000;

    // Events, in the high byte of a stop status (status >> 16).
    public static final int EVENT_FORK = 1, EVENT_VFORK = 2, EVENT_CLONE = 3, EVENT_EXEC = 4,
            EVENT_VFORK_DONE = 5, EVENT_EXIT = 6, EVENT_STOP = 128;

    // Regset notes (elf.h).
    public static final int NT_PRSTATUS = 1, NT_PRFPREG = 2, NT_X86_XSTATE = 0x202;

    // Spawn flags (jgshim.c).
    public static final int SPAWN_NO_ASLR = 1, SPAWN_STDIO_REDIRECT = 2, SPAWN_NEW_PGRP = 4;

    /** offsetof(struct user, u_debugreg) on x86-64 (sys/user.h). */
    public static final long USER_DEBUGREG_OFFSET = 848;

    /** Scratch memory for requests that write through their data pointer (tracer thread only). */
    private static final com.sun.jna.Memory SCRATCH = new com.sun.jna.Memory(256);
    private static final long SCRATCH_ADDR = com.sun.jna.Pointer.nativeValue(SCRATCH);

    /**
     * A new waiter for a tracer thread: a SIGCHLD pipe (the handler is installed on first use)
     * and a wake-up eventfd. Returns its index.
     */
    public static int newWaiter() {
        int idx = Shim.jg_init();
        if (idx < 0) {
            throw new TracerException("jg_init", -idx);
        }
        return idx;
    }

    /** The descriptor that turns readable when a tracee of this waiter changes state. */
    public static int waiterFd(int waiter) {
        int fd = Shim.jg_waiter_fd(waiter);
        if (fd < 0) {
            throw new TracerException("jg_waiter_fd", -fd);
        }
        return fd;
    }

    /** Any thread: wakes the tracer thread of this waiter out of {@link #waitEvents}. */
    public static void wake(int waiter) {
        Shim.jg_wake(waiter);
    }

    /**
     * Blocks until tracees change state or {@link #wake} is called; fills pids/statuses and
     * returns how many (0 on a wake-up). Never collects children of other JVM threads.
     */
    public static int waitEvents(int waiter, int timeoutMs, int[] pids, int[] statuses) {
        int n = Shim.jg_wait(waiter, timeoutMs, pids, statuses, pids.length);
        if (n < 0) {
            throw new TracerException("waitpid", -n);
        }
        return n;
    }

    /**
     * For a loop that watches {@link #waiterFd}, when it is readable: empties the pipe, then
     * fills pids/statuses with what the tracees report and returns how many (0: nothing). Never
     * blocks. Call again only when it filled the arrays: anything that comes later makes the
     * descriptor readable again.
     */
    public static int collectEvents(int waiter, int[] pids, int[] statuses) {
        int n = Shim.jg_collect(waiter, pids, statuses, pids.length);
        if (n < 0) {
            throw new TracerException("waitpid", -n);
        }
        return n;
    }

    /** Forks a child that waits for {@link #release}; returns {pid, releaseToken}. */
    public static int[] spawn(String path, String[] argv, String[] envp, String cwd, int flags) {
        // StringArray: NULL-terminated char*[] in native memory.
        com.sun.jna.StringArray a = new com.sun.jna.StringArray(argv);
        com.sun.jna.StringArray e = new com.sun.jna.StringArray(envp);
        int[] token = new int[1];
        int pid = Shim.jg_spawn(path, a, e, cwd, flags, token);
        if (pid < 0) {
            throw new TracerException("fork(" + path + ")", -pid);
        }
        return new int[] {pid, token[0]};
    }

    /** Lets a spawned child exec; returns 0 or the errno its execve failed with. */
    public static int release(int token) {
        return Shim.jg_release(token);
    }

    public static void seize(int tid, int options) {
        check("PTRACE_SEIZE(tid " + tid + ")", Shim.jg_ptrace(SEIZE, tid, 0, options));
    }

    public static void setOptions(int tid, int options) {
        check("PTRACE_SETOPTIONS(tid " + tid + ")", Shim.jg_ptrace(SETOPTIONS, tid, 0, options));
    }

    public static void interrupt(int tid) {
        check("PTRACE_INTERRUPT(tid " + tid + ")", Shim.jg_ptrace(INTERRUPT, tid, 0, 0));
    }

    /** Resumes with request CONT, SYSCALL, SINGLESTEP, SINGLEBLOCK or LISTEN, delivering sig. */
    public static void resume(int request, int tid, int sig) {
        long r = Shim.jg_ptrace(request, tid, 0, sig);
        if (r < 0) {
            throw new TracerException(requestName(request) + "(tid " + tid + ", sig " + sig + ")", (int) -r);
        }
    }

    public static void detach(int tid, int sig) {
        check("PTRACE_DETACH(tid " + tid + ")", Shim.jg_ptrace(DETACH, tid, 0, sig));
    }

    public static long eventMessage(int tid) {
        check("PTRACE_GETEVENTMSG(tid " + tid + ")", Shim.jg_ptrace(GETEVENTMSG, tid, 0, SCRATCH_ADDR));
        return SCRATCH.getLong(0);
    }

    /** siginfo_t, 128 bytes. */
    public static void getSiginfo(int tid, byte[] siginfo) {
        check("PTRACE_GETSIGINFO(tid " + tid + ")", Shim.jg_ptrace(GETSIGINFO, tid, 0, SCRATCH_ADDR));
        SCRATCH.read(0, siginfo, 0, 128);
    }

    /** Most siginfo_t records {@link #peekQueued} copies at once. */
    public static final int PEEK_MAX = 8;
    private static final com.sun.jna.Memory PEEK = new com.sun.jna.Memory(16 + 128L * PEEK_MAX);
    private static final long PEEK_ADDR = com.sun.jna.Pointer.nativeValue(PEEK);

    /**
     * Copies up to {@link #PEEK_MAX} siginfo_t records (128 bytes each) of the signals queued
     * for this thread alone, oldest first, into buf without dequeuing them
     * (PTRACE_PEEKSIGINFO); returns how many. The thread must be in a ptrace stop.
     */
    public static int peekQueued(int tid, byte[] buf) {
        int nr = Math.min(PEEK_MAX, buf.length / 128);
        PEEK.setLong(0, 0);  // off
        PEEK.setInt(8, 0);   // flags: the thread's own queue, not the process's
        PEEK.setInt(12, nr);
        long r = Shim.jg_ptrace(PEEKSIGINFO, tid, PEEK_ADDR, PEEK_ADDR + 16);
        check("PTRACE_PEEKSIGINFO(tid " + tid + ")", r);
        PEEK.read(16, buf, 0, (int) r * 128);
        return (int) r;
    }

    public static void setSiginfo(int tid, byte[] siginfo) {
        SCRATCH.write(0, siginfo, 0, 128);
        check("PTRACE_SETSIGINFO(tid " + tid + ")", Shim.jg_ptrace(SETSIGINFO, tid, 0, SCRATCH_ADDR));
    }

    /** struct ptrace_syscall_info into buf (at least 88 bytes); returns its size. */
    public static int syscallInfo(int tid, byte[] buf) {
        int len = Math.min(buf.length, 256);
        long r = Shim.jg_ptrace(GET_SYSCALL_INFO, tid, len, SCRATCH_ADDR);
        check("PTRACE_GET_SYSCALL_INFO(tid " + tid + ")", r);
        SCRATCH.read(0, buf, 0, len);
        return (int) r;
    }

    /**
     * PTRACE_GET_THREAD_AREA: the base address of the thread's TLS descriptor {@code entry} in
     * the GDT (the index a segment selector names: selector >> 3). For 32-bit tasks, whose
     * {@code %gs} selects their thread pointer; a 64-bit kernel answers it for them too.
     */
    public static long getThreadArea(int tid, int entry) {
        check("PTRACE_GET_THREAD_AREA(tid " + tid + ", entry " + entry + ")",
                Shim.jg_ptrace(GET_THREAD_AREA, tid, entry, SCRATCH_ADDR));
        // struct user_desc (asm/ldt.h): entry_number, base_addr, limit, flags; 4 bytes each.
        return SCRATCH.getInt(4) & 0xffffffffL;
    }

    /** Returns the byte count the kernel filled. */
    public static int getRegset(int tid, int note, byte[] buf) {
        int r = Shim.jg_getregset(tid, note, buf, buf.length);
        if (r < 0) {
            throw new TracerException("PTRACE_GETREGSET(tid " + tid + ", note " + note + ")", -r);
        }
        return r;
    }

    public static void setRegset(int tid, int note, byte[] buf, int len) {
        int r = Shim.jg_setregset(tid, note, buf, len);
        if (r < 0) {
            throw new TracerException("PTRACE_SETREGSET(tid " + tid + ", note " + note + ")", -r);
        }
    }

    public static long peekUser(int tid, long offset) {
        LongByReference out = new LongByReference();
        int r = Shim.jg_peek(PEEKUSER, tid, offset, out);
        if (r < 0) {
            throw new TracerException("PTRACE_PEEKUSER(tid " + tid + ", offset " + offset + ")", -r);
        }
        return out.getValue();
    }

    public static void pokeUser(int tid, long offset, long value) {
        check("PTRACE_POKEUSER(tid " + tid + ", offset " + offset + ")", Shim.jg_ptrace(POKEUSER, tid, offset, value));
    }

    public static long peekData(int tid, long addr) {
        LongByReference out = new LongByReference();
        int r = Shim.jg_peek(PEEKDATA, tid, addr, out);
        if (r < 0) {
            throw new TracerException("PTRACE_PEEKDATA(tid " + tid + ", 0x" + Long.toHexString(addr) + ")", -r);
        }
        return out.getValue();
    }

    public static void pokeData(int tid, long addr, long value) {
        check("PTRACE_POKEDATA(tid " + tid + ", 0x" + Long.toHexString(addr) + ")", Shim.jg_ptrace(POKEDATA, tid, addr, value));
    }

    /** process_vm_readv: any thread may call it. Returns bytes read, or -errno. */
    public static long vmRead(int pid, long addr, byte[] buf, int len) {
        return Shim.jg_vm_read(pid, addr, buf, len);
    }

    /** pread on a /proc/PID/mem descriptor; returns bytes or -errno. */
    public static long memRead(int fd, long addr, byte[] buf, int len) {
        return Shim.jg_pread(fd, buf, len, addr);
    }

    /** pwrite on a /proc/PID/mem descriptor (writes read-only text too); returns bytes or -errno. */
    public static long memWrite(int fd, long addr, byte[] buf, int len) {
        return Shim.jg_pwrite(fd, buf, len, addr);
    }

    public static int open(String path, int flags) {
        byte[] utf8 = path.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        int fd = Shim.jg_open(java.util.Arrays.copyOf(utf8, utf8.length + 1), flags); // NUL-terminated
        if (fd < 0) {
            throw new TracerException("open(" + path + ")", -fd);
        }
        return fd;
    }

    public static void close(int fd) {
        Shim.jg_close(fd);
    }

    /** Returns 0 or -errno (ESRCH for a thread that is gone is routine). */
    public static int tgkill(int tgid, int tid, int sig) {
        return Shim.jg_tgkill(tgid, tid, sig);
    }

    public static int kill(int pid, int sig) {
        return Shim.jg_kill(pid, sig);
    }

    /** Makes process group {@code pgrp} the foreground of our terminal (stderr), if we have one. */
    public static int giveTerminal(int pgrp) {
        return Shim.jg_give_terminal(pgrp);
    }

    /** Gives the terminal back to the process group that had it before {@link #giveTerminal}. */
    public static void restoreTerminal() {
        Shim.jg_restore_terminal();
    }

    /** CPUID; returns {eax, ebx, ecx, edx}. */
    public static int[] cpuid(int leaf, int subleaf) {
        int[] out = new int[4];
        int r = Shim.jg_cpuid(leaf, subleaf, out);
        if (r < 0) {
            throw new TracerException("cpuid(0x" + Integer.toHexString(leaf) + ", " + subleaf + ")", -r);
        }
        return out;
    }

    public static String requestName(int request) {
        switch (request) {
            case CONT: return "PTRACE_CONT";
            case SYSCALL: return "PTRACE_SYSCALL";
            case SINGLESTEP: return "PTRACE_SINGLESTEP";
            case SINGLEBLOCK: return "PTRACE_SINGLEBLOCK";
            case LISTEN: return "PTRACE_LISTEN";
            case DETACH: return "PTRACE_DETACH";
            default: return "ptrace(" + request + ")";
        }
    }

    private static void check(String call, long r) {
        if (r < 0) {
            throw new TracerException(call, (int) -r);
        }
    }
}
