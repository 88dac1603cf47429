package org.jgdbserver.tracer;

/**
 * The callbacks of a tracing engine: utrace's {@code struct utrace_engine_ops}. Each runs on the
 * tracer thread while the thread it reports on is stopped, and must not block: to keep the
 * thread stopped, return {@link ResumeAction#STOP} and resume it later with
 * {@link Engine#control}. Engines are called in the order they attached, except for syscall
 * entry, which goes in reverse. An engine hears only the events in its mask.
 *
 * <p>Every method has a default that lets the thread go on, so an engine implements only what
 * it listens to.
 */
public interface EngineOps {

    /** The thread is stopped for {@code event} (or for this engine's INTERRUPT/REPORT, event null). */
    default ResumeAction reportQuiesce(Engine engine, TracedThread thread, Event event) {
        return ResumeAction.RESUME;
    }

    /** A signal or a decoded trap; see {@link SignalReport}. */
    default ResumeAction reportSignal(Engine engine, TracedThread thread, SignalReport signal) {
        return ResumeAction.RESUME;
    }

    /**
     * {@code parent} created {@code child}: a new thread of its process (the engine is already
     * attached to it, with the same mask), or the first thread of a forked process (to which no
     * engine is attached: {@link Engine#adopt} it here, or it is released when the report ends).
     * The return value is the parent's action; the child runs unless an engine holds it
     * ({@code engine.control(child, STOP)}).
     */
    default ResumeAction reportClone(Engine engine, TracedThread parent, TracedThread child, CloneKind kind) {
        return ResumeAction.RESUME;
    }

    /** The parent of a vfork goes on: its child has exec'd or exited. */
    default ResumeAction reportVforkDone(Engine engine, TracedThread parent, int childPid) {
        return ResumeAction.RESUME;
    }

    /**
     * The thread completed an execve. The address space is new: this engine's breakpoints are
     * gone, and {@code formerTid} is the thread id it had before (a non-leader thread that exec's
     * takes the leader's id; the other threads are gone without a death report).
     */
    default ResumeAction reportExec(Engine engine, TracedThread thread, int formerTid) {
        return ResumeAction.RESUME;
    }

    /** System call entry; {@code number} and {@code args} from PTRACE_GET_SYSCALL_INFO. */
    default ResumeAction reportSyscallEntry(Engine engine, TracedThread thread, long number, long[] args) {
        return ResumeAction.RESUME;
    }

    /** System call exit with its return value. */
    default ResumeAction reportSyscallExit(Engine engine, TracedThread thread, long number, long returnValue) {
        return ResumeAction.RESUME;
    }

    /** A job-control stop ({@code stopping}) of the whole thread group. */
    default ResumeAction reportJobControl(Engine engine, TracedThread thread, int signal) {
        return ResumeAction.RESUME;
    }

    /**
     * The thread is exiting ({@code exit_group} or a fatal signal); {@code status} is the wait
     * status it will die with. Memory and registers are still readable.
     */
    default ResumeAction reportExit(Engine engine, TracedThread thread, int status) {
        return ResumeAction.RESUME;
    }

    /**
     * The thread is dead, with this wait status. {@code processEnded} is true for the last thread
     * of its process: the whole process has exited (or was killed). A leader that exits by
     * itself while its threads live on is reported twice: when it leaves (processEnded false,
     * {@link TracedThread#hasLeftAhead}), and with the process's status when the process ends.
     */
    default void reportDeath(Engine engine, TracedThread thread, WaitStatus status, boolean processEnded) {
    }

    /** The engine is detached from the dead thread; its last word. */
    default void reportReap(Engine engine, TracedThread thread) {
    }
}
