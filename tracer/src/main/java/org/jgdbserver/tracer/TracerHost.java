package org.jgdbserver.tracer;

/**
 * An event loop a tracer can live on instead of a thread of its own ({@link Tracer#startOn}).
 *
 * <p>A debugger front end (the RSP server's Netty loop) and the tracer then share one thread:
 * a request that needs ptrace runs at once, where it arrives, and a tracee's stop is handled
 * by the thread that will answer for it, with no hand-off between threads in either direction.
 * On a machine with one free CPU each hand-off costs two context switches and a wake-up.
 *
 * <p>The loop must be one fixed thread for the tracer's whole life (a tracee belongs to the
 * thread that attached it), and its tasks must not block on tracer futures except through their
 * own {@code join}/{@code get}, which keep serving the tracer while they wait.
 */
public interface TracerHost {
    /** Runs the task on the loop's thread, after the tasks already queued. */
    void execute(Runnable task);

    /** True on the loop's thread. */
    boolean inLoop();

    /**
     * From now on, calls {@code onReadable} on the loop's thread whenever {@code fd} is readable
     * (level-triggered: again and again until it has been drained).
     */
    void watchReadable(int fd, Runnable onReadable);
}
