package org.jgdbserver.tracer;

import org.jgdbserver.tracer.sys.Ptrace;

import java.util.ArrayList;
import java.util.List;

/**
 * Hardware breakpoints and watchpoints of one process, through the x86 debug registers: four
 * address slots DR0-DR3, control in DR7, status in DR6 (Intel SDM vol. 3, 17.2). The kernel
 * keeps them per thread and new threads do not inherit them, so the table is the process's and
 * every thread gets it written before it next runs (new ones included).
 */
public final class DebugRegisters {
    public static final int SLOTS = 4;

    private final TracedProcess process;
    private final Slot[] slots = new Slot[SLOTS];

    DebugRegisters(TracedProcess process) {
        this.process = process;
    }

    static final class Slot {
        final long address;
        final int length;
        final WatchKind kind;
        final List<Engine> owners = new ArrayList<>(1);

        Slot(long address, int length, WatchKind kind) {
            this.address = address;
            this.length = length;
            this.kind = kind;
        }
    }

    /** Whether one more point of this shape fits (gdb asks before inserting, via the reply). */
    public boolean isEmpty() {
        for (Slot s : slots) {
            if (s != null) {
                return false;
            }
        }
        return true;
    }

    /**
     * The aligned pieces a watched range takes: a debug register watches 1, 2, 4 or 8 bytes at
     * an address aligned to that size, so {@code [address, address + length)} is cut from the
     * left into the largest aligned pieces that fit (2 bytes at an odd address are two 1-byte
     * pieces), as gdbserver's x86 code does. An execute point is always one piece.
     */
    static List<long[]> pieces(long address, int length, WatchKind kind) {
        List<long[]> out = new ArrayList<>(2);
        if (kind == WatchKind.EXECUTE) {
            out.add(new long[] {address, 1});
            return out;
        }
        long a = address;
        long left = length;
        while (left > 0) {
            int size = 8;
            while (size > 1 && ((a & (size - 1)) != 0 || size > left)) {
                size >>= 1;
            }
            out.add(new long[] {a, size});
            a += size;
            left -= size;
        }
        return out;
    }

    void insert(Engine engine, long address, int length, WatchKind kind) {
        if (length <= 0 || length > 4 * 8) {
            throw new TracerException("insert watchpoint(0x" + Long.toHexString(address) + ", " + length + ")",
                    "length " + length + " out of range");
        }
        List<long[]> parts = pieces(address, length, kind);
        // All or nothing: count the slots the pieces need before taking any.
        int needed = 0;
        int free = 0;
        for (Slot s : slots) {
            if (s == null) {
                free++;
            }
        }
        for (long[] p : parts) {
            if (find(p[0], (int) p[1], kind) < 0) {
                needed++;
            }
        }
        if (needed > free) {
            throw new TracerException("insert watchpoint(0x" + Long.toHexString(address) + ", " + length + ")",
                    "needs " + needed + " debug registers, " + free + " free of " + SLOTS);
        }
        boolean changed = false;
        for (long[] p : parts) {
            int i = find(p[0], (int) p[1], kind);
            if (i < 0) {
                i = firstFree();
                slots[i] = new Slot(p[0], (int) p[1], kind);
                changed = true;
            }
            slots[i].owners.add(engine);
        }
        if (changed) {
            markAllDirty();
        }
    }

    private int find(long address, int length, WatchKind kind) {
        for (int i = 0; i < SLOTS; i++) {
            Slot s = slots[i];
            if (s != null && s.address == address && s.length == length && s.kind == kind) {
                return i;
            }
        }
        return -1;
    }

    private int firstFree() {
        for (int i = 0; i < SLOTS; i++) {
            if (slots[i] == null) {
                return i;
            }
        }
        return -1;
    }

    void remove(Engine engine, long address, int length, WatchKind kind) {
        List<long[]> parts = pieces(address, Math.max(1, length), kind);
        boolean any = false;
        boolean changed = false;
        for (long[] p : parts) {
            int i = find(p[0], (int) p[1], kind);
            if (i >= 0 && slots[i].owners.remove(engine)) {
                any = true;
                if (slots[i].owners.isEmpty()) {
                    slots[i] = null;
                    changed = true;
                }
            }
        }
        if (changed) {
            markAllDirty();
        }
        if (!any) {
            throw new TracerException("remove watchpoint(0x" + Long.toHexString(address) + ", " + length + ")",
                    "no such watchpoint of this engine");
        }
    }

    void removeAll(Engine engine) {
        boolean changed = false;
        for (int i = 0; i < SLOTS; i++) {
            Slot s = slots[i];
            if (s != null && s.owners.remove(engine) && s.owners.isEmpty()) {
                slots[i] = null;
                changed = true;
            }
        }
        if (changed) {
            markAllDirty();
        }
    }

    void clear() {
        for (int i = 0; i < SLOTS; i++) {
            slots[i] = null;
        }
    }

    private void markAllDirty() {
        for (TracedThread t : process.allThreads()) {
            t.debugRegsDirty = true;
        }
        process.tracer.refreshDebugRegisters(process);
    }

    long dr7() {
        long dr7 = 0;
        for (int i = 0; i < SLOTS; i++) {
            Slot s = slots[i];
            if (s == null) {
                continue;
            }
            int len = s.kind == WatchKind.EXECUTE ? 0 : s.length == 1 ? 0 : s.length == 2 ? 1 : s.length == 8 ? 2 : 3;
            dr7 |= 1L << (2 * i);                       // Li: local enable
            dr7 |= (long) s.kind.rwBits << (16 + 4 * i); // R/Wi
            dr7 |= (long) len << (18 + 4 * i);           // LENi
        }
        return dr7;
    }

    /** Writes the table to a stopped thread (tracer thread). */
    void apply(TracedThread t) {
        long base = Ptrace.USER_DEBUGREG_OFFSET;
        // Disable first, so no slot is live with a half-written address.
        Ptrace.pokeUser(t.tid, base + 7 * 8, 0);
        for (int i = 0; i < SLOTS; i++) {
            if (slots[i] != null) {
                Ptrace.pokeUser(t.tid, base + i * 8L, slots[i].address);
            }
        }
        long dr7 = dr7();
        if (dr7 != 0) {
            Ptrace.pokeUser(t.tid, base + 7 * 8, dr7);
        }
        t.debugRegsDirty = false;
    }

    /**
     * After a SIGTRAP: which slot fired, per DR6 (bits B0-B3), or -1. Clears DR6, which the CPU
     * never clears itself.
     */
    int takeHit(TracedThread t) {
        long base = Ptrace.USER_DEBUGREG_OFFSET;
        long dr6 = Ptrace.peekUser(t.tid, base + 6 * 8);
        int hit = -1;
        for (int i = 0; i < SLOTS; i++) {
            if ((dr6 & (1L << i)) != 0 && slots[i] != null) {
                hit = i;
                break;
            }
        }
        if ((dr6 & 0xf) != 0) {
            Ptrace.pokeUser(t.tid, base + 6 * 8, 0);
        }
        return hit;
    }

    Slot slot(int i) {
        return slots[i];
    }

    boolean owns(Engine e, int slot) {
        Slot s = slots[slot];
        return s != null && s.owners.contains(e);
    }
}
