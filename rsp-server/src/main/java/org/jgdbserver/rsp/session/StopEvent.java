package org.jgdbserver.rsp.session;

import org.jgdbserver.tracer.TracedProcess;
import org.jgdbserver.tracer.TracedThread;
import org.jgdbserver.tracer.WatchKind;

/**
 * Something a thread or process did that gdb must hear about: what the engine saw on the tracer
 * thread, handed to the session's event loop.
 *
 * @param kind        what happened
 * @param process     the process
 * @param thread      the thread (null for a process exit)
 * @param signal      the Linux signal (SIGNAL), or the exit code (EXITED), or the fatal signal (KILLED)
 * @param address     breakpoint/watchpoint/step pc
 * @param dataAddress the watched address that triggered
 * @param watchKind   for WATCHPOINT
 * @param other       the child pid (FORK/VFORK), the syscall number (SYSCALL_*)
 * @param text        the new executable (EXEC)
 */
record StopEvent(Kind kind, TracedProcess process, TracedThread thread, int signal, long address, long dataAddress,
                 WatchKind watchKind, long other, String text) {

    enum Kind { SIGNAL, BREAKPOINT, HW_BREAKPOINT, WATCHPOINT, STEP, INTERRUPTED, EXITED, KILLED, FORK, VFORK, VFORK_DONE,
        EXEC, SYSCALL_ENTRY, SYSCALL_EXIT, THREAD_EXITED, THREAD_CREATED }

    static StopEvent of(Kind kind, TracedThread thread, int signal) {
        return new StopEvent(kind, thread.process(), thread, signal, 0, 0, null, 0, null);
    }

    boolean isProcessEnd() {
        return kind == Kind.EXITED || kind == Kind.KILLED;
    }
}
