package org.jgdbserver.tracer;

import org.jgdbserver.tracer.sys.Errno;

/**
 * A tracer operation failed. The message names the call, its target and the errno where a
 * system call failed, e.g. {@code "PTRACE_GETREGSET(tid 4242): ESRCH"}, or says which state
 * the operation found ({@code "control(tid 4242): engine detached"}). Failing one operation
 * never stops the tracer from serving other threads.
 */
public class TracerException extends RuntimeException {
    private final String call;
    private final int errno;

    public TracerException(String call, int errno) {
        super(call + ": " + Errno.name(errno));
        this.call = call;
        this.errno = errno;
    }

    public TracerException(String call, String why) {
        super(call + ": " + why);
        this.call = call;
        this.errno = 0;
    }

    /** The call with its arguments, as the message writes it. */
    public String call() {
        return call;
    }

    /** The errno of the failed system call, or 0 when no system call failed. */
    public int errno() {
        return errno;
    }
}
