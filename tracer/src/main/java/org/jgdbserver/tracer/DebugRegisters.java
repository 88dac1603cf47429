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

    void insert(Engine engine, long address, int length, WatchKind kind) {
        if (length != 1 && length != 2 && length != 4 && length != 8) {
            throw new TracerException("insert watchpoint(0x" + Long.toHexString(address) + ", " + length + ")",
                    "length " + length + ", must be 1, 2, 4 or 8");
        }
        if ((address & (length - 1)) != 0) {
            throw new TracerException("insert watchpoint(0x" + Long.toHexString(address) + ", " + length + ")",
                    "address not aligned to its length");
        }
        for (Slot s : slots) {
            if (s != null && s.address == address && s.length == length && s.kind == kind) {
                s.owners.add(engine);
                return;
            }
        }
        for (int i = 0; i < SLOTS; i++) {
            if (slots[i] == null) {
                slots[i] = new Slot(address, length, kind);
                slots[i].owners.add(engine);
                markAllDirty();
                return;
            }
        }
        throw new TracerException("insert watchpoint(0x" + Long.toHexString(address) + ", " + length + ")",
                "all " + SLOTS + " debug registers in use");
    }

    void remove(Engine engine, long address, int length, WatchKind kind) {
        for (int i = 0; i < SLOTS; i++) {
            Slot s = slots[i];
            if (s != null && s.address == address && s.length == length && s.kind == kind && s.owners.remove(engine)) {
                if (s.owners.isEmpty()) {
                    slots[i] = null;
                    markAllDirty();
                }
                return;
            }
        }
        throw new TracerException("remove watchpoint(0x" + Long.toHexString(address) + ", " + length + ")",
                "no such watchpoint of this engine");
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
