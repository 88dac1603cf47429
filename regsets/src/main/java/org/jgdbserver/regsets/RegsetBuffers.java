package org.jgdbserver.regsets;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A per-stop cache of one thread's regsets for read-modify-write. Regsets are fetched from the
 * {@link RegsetSource} on first use; {@link RegisterCodec} writes modify the cached copies and
 * mark them dirty; the tracer then writes back {@link #dirty()} with PTRACE_SETREGSET and calls
 * {@link #clearDirty()}. Not thread-safe: one instance per thread and stop.
 */
public final class RegsetBuffers {
    private final RegsetSource source;
    private final Map<Regset, byte[]> cache = new EnumMap<>(Regset.class);
    private final Set<Regset> fetched = EnumSet.noneOf(Regset.class);
    private final Set<Regset> dirty = EnumSet.noneOf(Regset.class);

    public RegsetBuffers(RegsetSource source) {
        if (source == null) {
            throw new IllegalArgumentException("source is required");
        }
        this.source = source;
    }

    /** The live cached buffer (fetched on first use), or null if unavailable. */
    byte[] buffer(Regset regset) {
        if (fetched.add(regset)) {
            byte[] b = source.read(regset);
            if (b != null) {
                cache.put(regset, b.clone());
            }
        }
        return cache.get(regset);
    }

    void markDirty(Regset regset) {
        dirty.add(regset);
    }

    /** A copy of the current (possibly modified) bytes of a regset, or null if unavailable. */
    public byte[] get(Regset regset) {
        byte[] b = buffer(regset);
        return b == null ? null : b.clone();
    }

    /** True if the regset was already asked of the source (for laziness checks and tests). */
    public boolean wasFetched(Regset regset) {
        return fetched.contains(regset);
    }

    /** Regsets modified since creation or the last {@link #clearDirty()}, with their new bytes. */
    public Map<Regset, byte[]> dirty() {
        Map<Regset, byte[]> out = new EnumMap<>(Regset.class);
        for (Regset r : dirty) {
            out.put(r, cache.get(r).clone());
        }
        return out;
    }

    /** Call after writing {@link #dirty()} back to the kernel. */
    public void clearDirty() {
        dirty.clear();
    }

    /** Forgets everything, e.g. after the thread ran; the next access fetches again. */
    public void invalidate() {
        cache.clear();
        fetched.clear();
        dirty.clear();
    }
}
