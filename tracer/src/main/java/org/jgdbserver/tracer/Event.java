package org.jgdbserver.tracer;

import java.util.EnumSet;
import java.util.Set;

/**
 * The events an engine can ask to hear, as utrace's {@code UTRACE_EVENT(...)} bits. An engine
 * hears nothing until it sets a mask ({@link Engine#setEvents}).
 */
public enum Event {
    /** Before each other report, and when a {@code control(INTERRUPT|REPORT)} takes effect. */
    QUIESCE,
    /** A new thread, or a fork or vfork child ({@link EngineOps#reportClone}). */
    CLONE,
    /** The parent of a vfork resumed after its child exec'd or exited. */
    VFORK_DONE,
    /** A successful execve ({@link EngineOps#reportExec}). */
    EXEC,
    /** A thread is about to exit; registers and memory are still there. */
    EXIT,
    /** A thread has died ({@link EngineOps#reportDeath}). */
    DEATH,
    /** The thread is gone for good and this engine is detached from it. */
    REAP,
    SYSCALL_ENTRY,
    SYSCALL_EXIT,
    /** A signal is about to be delivered to the thread; traps this engine caused are signals too. */
    SIGNAL,
    /** A job-control stop or continue (group-stop). */
    JCTL;

    public static Set<Event> none() {
        return EnumSet.noneOf(Event.class);
    }

    public static Set<Event> of(Event first, Event... rest) {
        return EnumSet.of(first, rest);
    }
}
