package org.jgdbserver.rsp.session;

import org.jgdbserver.regsets.Amd64Linux;
import org.jgdbserver.regsets.GPacket;
import org.jgdbserver.regsets.I386Linux;
import org.jgdbserver.regsets.RegisterCodec;
import org.jgdbserver.regsets.Regset;
import org.jgdbserver.regsets.RegsetBuffers;
import org.jgdbserver.regsets.TargetLayout;
import org.jgdbserver.regsets.XsaveLayout;
import org.jgdbserver.tracer.TracedThread;
import org.jgdbserver.tracer.Tracer;

import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * Registers of stopped threads through the regsets codecs: the tracer hands out kernel regset
 * bytes by note number, regsets turns them into gdb's {@code g}/{@code p} layout for the
 * process's architecture (amd64 or i386, from the size of NT_PRSTATUS; XSAVE features from
 * XCR0 and CPUID leaf 0xD, as gdbserver chooses them).
 */
final class Registers {
    private static final int NT_PRSTATUS = 1, NT_X86_XSTATE = 0x202;
    private static volatile int[] xsaveOffsets;
    private static volatile int xsaveSize;

    private final TargetLayout layout;
    private final RegisterCodec codec;
    /**
     * The last {@code g} payload, for {@link #lastGThread} at {@link #lastGVersion} of its
     * registers: gdb (and a benchmark) may ask again before the thread runs, and building the
     * 4832 hex digits of an AVX-512 machine's {@code g} is most of the cost of answering.
     */
    private TracedThread lastGThread;
    private long lastGVersion;
    private byte[] lastG;

    /** The regsets' note types, each once: what a {@code g} fetches. */
    private final int[] notes;

    private Registers(TargetLayout layout) {
        this.layout = layout;
        this.codec = new RegisterCodec(layout);
        this.notes = layout.regsets().stream().mapToInt(Regset::noteType).distinct().toArray();
    }

    TargetLayout layout() {
        return layout;
    }

    /** The layout of the process this stopped thread belongs to. */
    static Registers forThread(TracedThread t) {
        byte[] prstatus = t.readRegset(NT_PRSTATUS).join();
        XsaveLayout xs = null;
        byte[] xstate = readOrNull(t, NT_X86_XSTATE);
        if (xstate != null && xstate.length > 520) {
            xs = xsaveLayout(XsaveLayout.xcr0FromXsave(xstate));
        }
        return new Registers(prstatus.length == I386Linux.USER_REGS_SIZE_32 ? I386Linux.layout(xs) : Amd64Linux.layout(xs));
    }

    private static XsaveLayout xsaveLayout(long xcr0) {
        if (xsaveOffsets == null) {
            int[] offs = new int[32];
            for (int c = 2; c < 32; c++) {
                if ((xcr0 & (1L << c)) != 0) {
                    offs[c] = Tracer.cpuid(0xd, c)[1];
                }
            }
            xsaveSize = Tracer.cpuid(0xd, 0)[1];
            xsaveOffsets = offs;
        }
        return new XsaveLayout(xcr0 & XsaveLayout.KNOWN_FEATURES, xsaveSize, xsaveOffsets.clone());
    }

    static byte[] readOrNull(TracedThread t, int note) {
        try {
            return t.readRegset(note).join();
        } catch (CompletionException e) {
            return null;
        }
    }

    RegsetBuffers buffers(TracedThread t) {
        return new RegsetBuffers(r -> readOrNull(t, r.noteType()));
    }

    /**
     * Every regset the layout draws on, fetched in one trip to the tracer (a {@code g} needs
     * them all; one at a time they cost a trip each).
     */
    RegsetBuffers allBuffers(TracedThread t) {
        byte[][] got;
        try {
            got = t.readRegsets(notes).join();
        } catch (CompletionException e) {
            return buffers(t);
        }
        return new RegsetBuffers(r -> {
            for (int i = 0; i < notes.length; i++) {
                if (notes[i] == r.noteType()) {
                    return got[i];
                }
            }
            return readOrNull(t, r.noteType());
        });
    }

    /**
     * The {@code g} reply payload. Shared with later callers while the thread's registers stay
     * as they are: do not modify it.
     */
    byte[] readAllHex(TracedThread t) {
        if (t == lastGThread && t.isStopped() && t.registersVersion() == lastGVersion) {
            return lastG;
        }
        long version = t.registersVersion();
        byte[] hex = codec.readAll(allBuffers(t)).toHexBytes();
        if (t.isStopped() && t.registersVersion() == version) {
            lastGThread = t;
            lastGVersion = version;
            lastG = hex;
        } else {
            lastGThread = null;
            lastG = null;
        }
        return hex;
    }

    /** {@code p}: hex, or null when the register number is unknown. */
    String readHex(TracedThread t, int regnum) {
        if (regnum < 0 || regnum >= layout.registerCount()) {
            return null;
        }
        return codec.readHex(regnum, buffers(t));
    }

    byte[] read(TracedThread t, int regnum, RegsetBuffers regs) {
        return codec.read(regnum, regs);
    }

    /** {@code G}: false when some regset could not be written. */
    boolean writeAllHex(TracedThread t, String hex) {
        RegsetBuffers regs = buffers(t);
        GPacket g = GPacket.fromHex(layout, hex);
        codec.writeAll(g, regs);
        return flush(t, regs);
    }

    /** {@code P}: false for an unknown register or a failed write. */
    boolean write(TracedThread t, int regnum, byte[] value) {
        if (regnum < 0 || regnum >= layout.registerCount()) {
            return false;
        }
        RegsetBuffers regs = buffers(t);
        if (!codec.write(regnum, value, regs)) {
            return false;
        }
        return flush(t, regs);
    }

    void setPc(TracedThread t, long pc) {
        int n = layout.register(layout.pcRegnum()).bitSize() / 8;
        byte[] v = new byte[n];
        for (int i = 0; i < n; i++) {
            v[i] = (byte) (pc >>> (8 * i));
        }
        write(t, layout.pcRegnum(), v);
    }

    private static boolean flush(TracedThread t, RegsetBuffers regs) {
        try {
            for (Map.Entry<Regset, byte[]> e : regs.dirty().entrySet()) {
                t.writeRegset(e.getKey().noteType(), e.getValue()).join();
            }
            regs.clearDirty();
            return true;
        } catch (CompletionException e) {
            return false;
        }
    }
}
