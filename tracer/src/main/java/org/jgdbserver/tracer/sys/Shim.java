package org.jgdbserver.tracer.sys;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import com.sun.jna.ptr.LongByReference;

/**
 * The JNA direct mapping of {@code libjgshim.so} (native/src/main/c/jgshim.c). Every call
 * returns a result or {@code -errno}; none sets errno for Java to race for.
 *
 * <p>The library travels in the native module's jar as the platform-tagged resource
 * {@code org/jgdbserver/nativelib/linux-x86-64/libjgshim.so}; {@link NativeLibs} gives it a
 * file to load (a cached copy, not a fresh temporary file each run). Only {@link Ptrace} and
 * the tracer thread call into this class, with the single exception of {@link #jg_wake()}.
 */
final class Shim {
    private Shim() {}

    static final String RESOURCE = "org/jgdbserver/nativelib/" + platform() + "/libjgshim.so";

    static {
        Native.register(Shim.class, NativeLibrary.getInstance(NativeLibs.shim(RESOURCE)));
    }

    private static String platform() {
        return NativeLibs.platform();
    }

    static native int jg_init();
    static native int jg_wake(int waiter);
    static native int jg_waiter_fd(int waiter);
    static native int jg_wait(int waiter, int timeoutMs, int[] pids, int[] statuses, int max);
    static native int jg_collect(int waiter, int[] pids, int[] statuses, int max);
    static native int jg_spawn(String path, Pointer argv, Pointer envp, String cwd, int flags, int[] releaseFd);
    static native int jg_release(int releaseFd);
    static native long jg_ptrace(int req, int pid, long addr, long data);
    static native int jg_peek(int req, int pid, long addr, LongByReference out);
    static native int jg_getregset(int pid, int note, byte[] buf, int len);
    static native int jg_setregset(int pid, int note, byte[] buf, int len);
    static native long jg_vm_read(int pid, long addr, byte[] buf, long len);
    static native long jg_vm_read(int pid, long addr, Pointer buf, long len);
    static native long jg_pread(int fd, byte[] buf, long len, long addr);
    static native long jg_pwrite(int fd, byte[] buf, long len, long addr);
    /** {@code path} NUL-terminated: a byte[] crosses JNA without the JNI up-call a String costs. */
    static native int jg_open(byte[] path, int flags);
    static native int jg_close(int fd);
    static native int jg_tgkill(int tgid, int tid, int sig);
    static native int jg_kill(int pid, int sig);
    static native int jg_cpuid(int leaf, int subleaf, int[] out);
    static native int jg_give_terminal(int pgrp);
    static native int jg_restore_terminal();
}
