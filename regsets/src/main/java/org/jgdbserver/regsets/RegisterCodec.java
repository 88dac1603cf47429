package org.jgdbserver.regsets;

import java.util.Arrays;
import java.util.BitSet;

/**
 * Converts between kernel regset bytes and gdb register bytes for one {@link TargetLayout}:
 * whole {@code g}/{@code G} packets and single registers for {@code p}/{@code P}.
 *
 * <p>Reads touch only the regsets the requested registers live in. Writes are
 * read-modify-write on the {@link RegsetBuffers} cache and only mark a regset dirty when a value
 * actually changes, so writing back an unchanged {@code G} packet is a no-op.
 *
 * <p>XSAVE state components whose XSTATE_BV bit is clear are in their init state whatever bytes
 * the buffer holds (Intel SDM vol. 1, 13.6); they read as init values. Writing a register of
 * such a component first puts the whole component into its init values in the buffer, then
 * sets the bit, so XRSTOR in the kernel cannot load stale bytes for its neighbours.
 */
public final class RegisterCodec {
    private final TargetLayout layout;

    public RegisterCodec(TargetLayout layout) {
        if (layout == null) {
            throw new IllegalArgumentException("layout is required");
        }
        this.layout = layout;
    }

    public TargetLayout layout() {
        return layout;
    }

    /** All registers, for a {@code g} reply. */
    public GPacket readAll(RegsetBuffers regs) {
        byte[] out = new byte[layout.gPacketSize()];
        BitSet avail = new BitSet(layout.registerCount());
        // Each register straight into place, and XSTATE_BV read once per buffer, not once per
        // XSAVE register (a g reply is built per thread, often while this still runs interpreted).
        byte[] bvBuffer = null;
        long bv = 0;
        for (RegisterDef r : layout.registers()) {
            Slot s = r.slot();
            byte[] buf = regs.buffer(s.regset());
            if (buf == null) {
                continue;
            }
            checkSize(r, buf);
            if (s.gated() && buf != bvBuffer) {
                bv = xstateBv(r, buf);
                bvBuffer = buf;
            }
            decodeInto(r, buf, bv, out, r.gOffset());
            avail.set(r.regnum());
        }
        return new GPacket(layout, out, avail);
    }

    /** Convenience for one-shot reads straight from a source. */
    public GPacket readAll(RegsetSource source) {
        return readAll(new RegsetBuffers(source));
    }

    /**
     * One register, for a {@code p} reply or an expedited register.
     *
     * @return its {@link RegisterDef#byteSize()} bytes, or null if its regset is unavailable
     */
    public byte[] read(int regnum, RegsetBuffers regs) {
        return read(layout.register(regnum), regs);
    }

    /** The {@code p} reply payload: hex, or {@code xx} per byte when unavailable. */
    public String readHex(int regnum, RegsetBuffers regs) {
        byte[] v = read(regnum, regs);
        return v == null ? Hex.unavailable(layout.register(regnum).byteSize()) : Hex.encode(v);
    }

    /**
     * Writes one register ({@code P}).
     *
     * @return false if its regset is unavailable (the server should answer with an error)
     */
    public boolean write(int regnum, byte[] value, RegsetBuffers regs) {
        RegisterDef r = layout.register(regnum);
        if (value == null || value.length != r.byteSize()) {
            throw new IllegalArgumentException("register " + r.name() + " takes "
                    + r.byteSize() + " bytes, got " + (value == null ? "null" : value.length));
        }
        return write(r, value, regs);
    }

    /**
     * Writes every available register of a {@code G} packet.
     *
     * @return the gdb numbers of registers that could not be written because their regset is
     *     unavailable (empty on full success)
     */
    public BitSet writeAll(GPacket g, RegsetBuffers regs) {
        if (g.layout() != layout) {
            throw new IllegalArgumentException("G packet was built for " + g.layout()
                    + ", codec is for " + layout);
        }
        BitSet failed = new BitSet();
        for (RegisterDef r : layout.registers()) {
            if (g.isAvailable(r.regnum()) && !write(r, g.register(r.regnum()), regs)) {
                failed.set(r.regnum());
            }
        }
        return failed;
    }

    // ---- decoding ----

    private byte[] read(RegisterDef r, RegsetBuffers regs) {
        Slot s = r.slot();
        byte[] buf = regs.buffer(s.regset());
        if (buf == null) {
            return null;
        }
        checkSize(r, buf);
        byte[] out = new byte[r.byteSize()];
        decodeInto(r, buf, s.gated() ? xstateBv(r, buf) : 0, out, 0);
        return out;
    }

    /**
     * Register {@code r}'s value, from its regset's bytes, into {@code out} at {@code off}
     * ({@link RegisterDef#byteSize()} bytes there, zero beyond what the value fills).
     * {@code xstateBv} is the buffer's XSTATE_BV when {@code r} is gated by it.
     */
    private static void decodeInto(RegisterDef r, byte[] buf, long xstateBv, byte[] out, int off) {
        Slot s = r.slot();
        int size = r.byteSize();
        if (s.gated() && (xstateBv & s.xstateMask()) == 0) {
            Bytes.putLong(out, off, Math.min(size, 8), s.initValue());
            return;
        }
        switch (s.encoding()) {
            case RAW, SIGN_EXTEND -> System.arraycopy(buf, s.offset(), out, off, Math.min(size, s.size()));
            case X87_FTAG -> {
                int legacyBase = s.offset() - 4; // FTW sits at byte 4 of the FXSAVE image
                int fstat = (int) Bytes.getLong(buf, legacyBase + 2, 2);
                int full = X87Tags.fullFromAbridged(buf[s.offset()] & 0xff, fstat, buf,
                        legacyBase + 32);
                Bytes.putLong(out, off, Math.min(size, 8), full);
            }
            case X87_FOP -> Bytes.putLong(out, off, Math.min(size, 8), Bytes.getLong(buf, s.offset(), 2) & 0x7ff);
        }
    }

    // ---- encoding ----

    private boolean write(RegisterDef r, byte[] value, RegsetBuffers regs) {
        Slot s = r.slot();
        byte[] buf = regs.buffer(s.regset());
        if (buf == null) {
            return false;
        }
        checkSize(r, buf);
        if (Arrays.equals(read(r, regs), value)) {
            return true;
        }
        byte[] before = buf.clone();
        if (s.gated()) {
            long bv = xstateBv(r, buf);
            if ((bv & s.xstateMask()) == 0) {
                int component = Long.numberOfTrailingZeros(s.xstateMask());
                materializeInit(buf, component, bv);
                Bytes.putLong(buf, XsaveLayout.HEADER_OFFSET, 8, bv | (1L << component));
            }
        }
        int size = r.byteSize();
        switch (s.encoding()) {
            case RAW, SIGN_EXTEND -> {
                int n = Math.min(size, s.size());
                System.arraycopy(value, 0, buf, s.offset(), n);
                byte fill = 0;
                if (s.encoding() == Encoding.SIGN_EXTEND && value[size - 1] < 0) {
                    fill = (byte) 0xff;
                }
                Arrays.fill(buf, s.offset() + n, s.end(), fill);
            }
            case X87_FTAG -> buf[s.offset()] =
                    (byte) X87Tags.abridgedFromFull((int) Bytes.getLong(value, 0, 2));
            case X87_FOP -> {
                long old = Bytes.getLong(buf, s.offset(), 2);
                long v = (Bytes.getLong(value, 0, 2) & 0x7ff) | (old & 0xf800);
                Bytes.putLong(buf, s.offset(), 2, v);
            }
        }
        if (!Arrays.equals(before, buf)) {
            regs.markDirty(s.regset());
        }
        return true;
    }

    /**
     * Puts state component {@code c} of an XSAVE buffer into its init values (SDM vol. 1,
     * 13.6: x87 FCW = 037FH, other x87 state and all vector state 0, MXCSR 1F80H when neither
     * SSE nor AVX state was in use).
     */
    private void materializeInit(byte[] buf, int c, long bv) {
        long sseOrAvx = (1L << XsaveLayout.SSE) | (1L << XsaveLayout.AVX);
        switch (c) {
            case XsaveLayout.X87 -> {
                Bytes.putLong(buf, 0, 2, X86Features.FCTRL_INIT);
                Arrays.fill(buf, 2, 24, (byte) 0); // FSW FTW FOP FIP FCS FDP FDS
                Arrays.fill(buf, 32, 160, (byte) 0); // ST0-7 / MM0-7
            }
            case XsaveLayout.SSE -> {
                Arrays.fill(buf, 160, 416, (byte) 0); // XMM0-15
                if ((bv & sseOrAvx) == 0) {
                    Bytes.putLong(buf, 24, 4, X86Features.MXCSR_INIT);
                }
            }
            default -> {
                XsaveLayout xs = layout.xsave();
                int off = xs.offset(c);
                Arrays.fill(buf, off, off + XsaveLayout.componentSize(c), (byte) 0);
                if (c == XsaveLayout.AVX && (bv & sseOrAvx) == 0) {
                    Bytes.putLong(buf, 24, 4, X86Features.MXCSR_INIT);
                }
            }
        }
    }

    private static long xstateBv(RegisterDef r, byte[] buf) {
        if (buf.length < XsaveLayout.HEADER_OFFSET + 8) {
            throw new IllegalStateException(r.slot().regset() + " buffer is " + buf.length
                    + " bytes, too short for XSTATE_BV at " + XsaveLayout.HEADER_OFFSET
                    + " (register " + r.name() + ")");
        }
        return Bytes.getLong(buf, XsaveLayout.HEADER_OFFSET, 8);
    }

    private static void checkSize(RegisterDef r, byte[] buf) {
        Slot s = r.slot();
        if (buf.length < s.end()) {
            throw new IllegalStateException(s.regset() + " buffer is " + buf.length
                    + " bytes but register " + r.name() + " needs bytes " + s.offset() + ".."
                    + (s.end() - 1) + "; was the regset read with the size the layout expects?");
        }
    }
}
