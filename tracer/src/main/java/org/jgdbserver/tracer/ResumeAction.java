package org.jgdbserver.tracer;

/**
 * What an engine wants a thread to do next, as utrace ordered them (include/linux/utrace.h,
 * {@code enum utrace_resume_action}). With several engines on one thread the smallest wins:
 * one engine's STOP outweighs another's RESUME, a SINGLESTEP outweighs a RESUME.
 *
 * <ul>
 *   <li>{@link #STOP}: stay stopped until this engine resumes the thread through
 *       {@link Engine#control}; the hold is per engine.</li>
 *   <li>{@link #INTERRUPT}, {@link #REPORT}: from {@link Engine#control}, make a running thread
 *       stop soon and give this engine a {@code reportQuiesce} there (in user space both
 *       interrupt a blocking system call: PTRACE_INTERRUPT cannot do otherwise). Returned from a
 *       callback they do not hold the thread.</li>
 *   <li>{@link #SINGLESTEP}, {@link #BLOCKSTEP}: run one instruction, or to the next branch
 *       (PTRACE_SINGLEBLOCK), then report a trap to this engine.</li>
 *   <li>{@link #RESUME}: run freely.</li>
 *   <li>{@link #DETACH}: this engine lets go of the thread for good.</li>
 * </ul>
 */
public enum ResumeAction {
    STOP, INTERRUPT, REPORT, SINGLESTEP, BLOCKSTEP, RESUME, DETACH;

    /** The more restrictive of two actions. */
    public static ResumeAction min(ResumeAction a, ResumeAction b) {
        return a.ordinal() <= b.ordinal() ? a : b;
    }
}
