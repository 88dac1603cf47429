package org.jgdbserver.tracer;

import org.jgdbserver.tracer.sys.Errno;
import org.jgdbserver.tracer.sys.Ptrace;

import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * A process's memory and its software breakpoints. Breakpoints are a shared, reference-counted
 * resource: two engines on one address are one {@code int3}, removed when the last owner
 * removes it. Readers never see breakpoint bytes: reads are patched with the saved originals.
 *
 * <p>Reads may run on any thread (process_vm_readv, then /proc/PID/mem); writes and breakpoint
 * changes run on the tracer thread, so they are ordered with each other and with step-overs.
 */
public final class AddressSpace {
    static final byte INT3 = (byte) 0xcc;

    private final TracedProcess process;
    private final NavigableMap<Long, SwBreakpoint> breakpoints = new ConcurrentSkipListMap<>();
    /**
     * Addresses whose breakpoint was taken out lately (the last {@link #REMOVED_KEPT}): a
     * thread that executed the int3 just before can report its trap after the removal.
     */
    private final java.util.LinkedHashSet<Long> removedLately = new java.util.LinkedHashSet<>();
    private static final int REMOVED_KEPT = 64;
    private int memFd = -1;

    AddressSpace(TracedProcess process) {
        this.process = process;
    }

    /** A software breakpoint: the byte it replaced and who owns it. */
    static final class SwBreakpoint {
        final long address;
        volatile byte original;
        /** Owner engine -> insert count. */
        final Map<Engine, Integer> owners = new java.util.concurrent.ConcurrentHashMap<>(2);
        /** False while the tracer steps a thread over it (the original byte is in memory). */
        volatile boolean inMemory;

        SwBreakpoint(long address, byte original) {
            this.address = address;
            this.original = original;
        }
    }

    /**
     * Reads memory; breakpoint bytes are hidden. Short reads return fewer bytes; an address
     * nothing is mapped at fails with {@link TracerException} (EIO/EFAULT).
     */
    public byte[] read(long address, int length) {
        byte[] buf = new byte[length];
        int n = readInto(address, buf, length);
        return n == length ? buf : java.util.Arrays.copyOf(buf, n);
    }

    /** Reads up to {@code length} bytes into buf; returns the count (at least 1) or throws. */
    public int readInto(long address, byte[] buf, int length) {
        int pid = process.pid;
        long n = Ptrace.vmRead(pid, address, buf, length);
        if (n < length) {
            // process_vm_readv stops at the first unreadable page; /proc/PID/mem reads what the
            // kernel can (it also sees pages process_vm_readv refuses, like some special maps).
            long got = Math.max(n, 0);
            long m = memFdRead(address + got, buf, (int) got, length - (int) got);
            if (m > 0) {
                got += m;
            }
            if (got == 0) {
                throw new TracerException("read memory(pid " + pid + ", 0x" + Long.toHexString(address) + ", " + length + ")",
                        n < 0 ? (int) -n : Errno.EIO);
            }
            n = got;
        }
        hideBreakpoints(address, buf, (int) n);
        return (int) n;
    }

    private long memFdRead(long address, byte[] buf, int offset, int length) {
        if (address < 0) {
            return -Errno.EIO;
        }
        byte[] tmp = offset == 0 ? buf : new byte[length];
        long r;
        try {
            int fd = tracerMemFd();
            r = Ptrace.memRead(fd, address, tmp, length);
        } catch (TracerException e) {
            return -e.errno();
        }
        if (r > 0 && tmp != buf) {
            System.arraycopy(tmp, 0, buf, offset, (int) r);
        }
        return r;
    }

    private synchronized int tracerMemFd() {
        if (memFd < 0) {
            memFd = Ptrace.open("/proc/" + process.pid + "/mem", 2 /* O_RDWR */);
        }
        return memFd;
    }

    private void hideBreakpoints(long address, byte[] buf, int n) {
        if (breakpoints.isEmpty()) {
            return;
        }
        for (SwBreakpoint bp : breakpoints.subMap(address, true, address + n, false).values()) {
            buf[(int) (bp.address - address)] = bp.original;
        }
    }

    /** Writes memory (program text too); breakpoints over the range stay inserted. */
    public CompletableFuture<Void> write(long address, byte[] data) {
        byte[] copy = data.clone();
        return process.tracer.call(() -> {
            writeNow(address, copy);
            return null;
        });
    }

    synchronized void writeNow(long address, byte[] data) {
        byte[] out = data;
        if (!breakpoints.isEmpty()) {
            for (SwBreakpoint bp : breakpoints.subMap(address, true, address + data.length, false).values()) {
                if (out == data) {
                    out = data.clone();
                }
                int i = (int) (bp.address - address);
                bp.original = data[i];
                if (bp.inMemory) {
                    out[i] = INT3;
                }
            }
        }
        poke(address, out);
    }

    private void poke(long address, byte[] bytes) {
        long r = Ptrace.memWrite(tracerMemFd(), address, bytes, bytes.length);
        if (r != bytes.length) {
            throw new TracerException("write memory(pid " + process.pid + ", 0x" + Long.toHexString(address) + ", "
                    + bytes.length + ")", r < 0 ? (int) -r : Errno.EIO);
        }
    }

    private byte peekByte(long address) {
        byte[] b = new byte[1];
        long r = Ptrace.memRead(tracerMemFd(), address, b, 1);
        if (r != 1) {
            throw new TracerException("read memory(pid " + process.pid + ", 0x" + Long.toHexString(address) + ", 1)",
                    r < 0 ? (int) -r : Errno.EIO);
        }
        return b[0];
    }

    // ---- breakpoints ----
    // The table and the int3s change under this object's lock: engines insert and remove from
    // their own threads (writing through /proc/PID/mem needs no trip to the tracer thread), the
    // tracer lifts and lowers them for step-overs.

    synchronized void insertBreakpoint(Engine engine, long address) {
        removedLately.remove(address); // (under this lock: trapSite sees it gone or back)
        SwBreakpoint bp = breakpoints.get(address);
        if (bp != null && bp.inMemory) {
            // The int3 we counted may be gone with its mapping: a library unloaded and another
            // mapped at the same address (gdb.base/unload.exp). Then what is there now is the
            // original byte, and the int3 goes back in.
            byte now = peekByte(address);
            if (now != INT3) {
                bp.original = now;
                poke(address, new byte[] {INT3});
            }
        }
        if (bp == null) {
            byte original = peekByte(address);
            poke(address, new byte[] {INT3});
            bp = new SwBreakpoint(address, original);
            bp.inMemory = true;
            breakpoints.put(address, bp);
        }
        bp.owners.merge(engine, 1, Integer::sum);
    }

    synchronized void removeBreakpoint(Engine engine, long address) {
        SwBreakpoint bp = breakpoints.get(address);
        if (bp == null || !bp.owners.containsKey(engine)) {
            throw new TracerException("remove breakpoint(pid " + process.pid + ", 0x" + Long.toHexString(address) + ")",
                    "no breakpoint of this engine there");
        }
        if (bp.owners.merge(engine, -1, Integer::sum) <= 0) {
            bp.owners.remove(engine);
        }
        if (bp.owners.isEmpty()) {
            breakpoints.remove(address);
            if (bp.inMemory && process.isAlive()) {
                poke(address, new byte[] {bp.original});
            }
            removedLately(address); // lifted for a step-over, it was in memory until then
            // Threads that stopped at it must not step over it later: the tracer's own state.
            process.tracer.call(() -> {
                process.tracer.breakpointRemoved(process, address);
                return null;
            });
        }
    }

    /** Drops every breakpoint of an engine (detach). */
    synchronized void removeAll(Engine engine) {
        for (SwBreakpoint bp : breakpoints.values().toArray(new SwBreakpoint[0])) {
            if (bp.owners.remove(engine) != null && bp.owners.isEmpty()) {
                breakpoints.remove(bp.address);
                if (bp.inMemory) {
                    try {
                        poke(bp.address, new byte[] {bp.original});
                        removedLately(bp.address);
                    } catch (TracerException ignored) {
                        // the process may be gone; nothing to restore
                    }
                }
            }
        }
    }

    /** Writes every original byte back (detach of the process, or a fork child's copy). */
    synchronized void restoreAll() {
        for (SwBreakpoint bp : breakpoints.values()) {
            if (bp.inMemory) {
                try {
                    poke(bp.address, new byte[] {bp.original});
                } catch (TracerException ignored) {
                    // unmapped since: nothing to restore
                }
            }
        }
    }

    private void removedLately(long address) {
        removedLately.remove(address);
        removedLately.add(address);
        if (removedLately.size() > REMOVED_KEPT) {
            removedLately.remove(removedLately.iterator().next());
        }
    }

    /** What is known at an address where a thread trapped: its breakpoint, or that one was there lately. */
    record TrapSite(SwBreakpoint breakpoint, boolean removedLately) {}

    /**
     * Both read under the lock that insert and remove hold, so that one of them is seen. A
     * removed breakpoint whose original byte is an int3 too (the program's own, as in
     * gdb.base/bp-permanent.exp) does not count: that trap is the program's.
     */
    synchronized TrapSite trapSite(long address) {
        SwBreakpoint bp = breakpoints.get(address);
        boolean removed = bp == null && removedLately.contains(address);
        if (removed) {
            try {
                removed = peekByte(address) != INT3;
            } catch (TracerException e) {
                removed = false;
            }
        }
        return new TrapSite(bp, removed);
    }

    SwBreakpoint breakpointAt(long address) {
        return breakpoints.isEmpty() ? null : breakpoints.get(address);
    }

    boolean hasBreakpoints() {
        return !breakpoints.isEmpty();
    }

    /** True when an inserted software breakpoint of any engine is at this address. */
    public boolean hasBreakpointAt(long address) {
        return breakpoints.containsKey(address);
    }

    /** Takes the int3 out for a step-over. */
    synchronized void lift(SwBreakpoint bp) {
        if (bp.inMemory) {
            poke(bp.address, new byte[] {bp.original});
            bp.inMemory = false;
        }
    }

    /** Puts it back after the step-over (if it still exists). */
    synchronized void relower(long address) {
        SwBreakpoint bp = breakpoints.get(address);
        if (bp != null && !bp.inMemory && process.isAlive()) {
            poke(address, new byte[] {INT3});
            bp.inMemory = true;
        }
    }

    /** After an exec the address space is new: nothing of ours is in it. */
    synchronized void reset() {
        breakpoints.clear();
        closeFd();
    }

    /** Copies the breakpoint table of a fork parent: the child's memory has the same int3s. */
    synchronized void inheritFrom(AddressSpace parent) {
        for (SwBreakpoint bp : parent.breakpoints.values()) {
            SwBreakpoint copy = new SwBreakpoint(bp.address, bp.original);
            copy.inMemory = bp.inMemory;
            breakpoints.put(bp.address, copy);
        }
    }

    /**
     * An engine adopting a fork child owns the child's copies of the breakpoints it owned in the
     * parent (gdbserver clones them too): gdb may remove them from the child (z0 with the
     * child's thread selected) or keep them for it (detach-on-fork off).
     */
    void inheritOwnership(Engine e, AddressSpace parent) {
        Map<Long, Integer> counts = new java.util.HashMap<>();
        synchronized (parent) {
            for (SwBreakpoint bp : parent.breakpoints.values()) {
                Integer n = bp.owners.get(e);
                if (n != null) {
                    counts.put(bp.address, n);
                }
            }
        }
        synchronized (this) {
            for (Map.Entry<Long, Integer> c : counts.entrySet()) {
                SwBreakpoint bp = breakpoints.get(c.getKey());
                if (bp != null) {
                    bp.owners.putIfAbsent(e, c.getValue());
                }
            }
        }
    }

    synchronized void closeFd() {
        if (memFd >= 0) {
            Ptrace.close(memFd);
            memFd = -1;
        }
    }
}
