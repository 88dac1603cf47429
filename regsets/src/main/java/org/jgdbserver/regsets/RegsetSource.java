package org.jgdbserver.regsets;

/**
 * Supplies kernel regset bytes for one thread; implemented by the tracer, typically as
 * {@code ptrace(PTRACE_GETREGSET, tid, regset.noteType(), &iov)} with an iovec as large as the
 * regset (216 bytes NT_PRSTATUS on x86-64, 512 NT_PRFPREG, {@link XsaveLayout#size()}
 * NT_X86_XSTATE, ...).
 *
 * <p>Called lazily and at most once per regset per {@link RegsetBuffers}: reading rip asks only
 * for NT_PRSTATUS.
 */
@FunctionalInterface
public interface RegsetSource {
    /**
     * @return the regset's bytes (the codec copies them), or null if the kernel cannot supply
     *     them (e.g. ptrace failed with EINVAL/ENODEV); registers in it are then reported as
     *     unavailable ({@code xx} in g/p replies)
     */
    byte[] read(Regset regset);
}
