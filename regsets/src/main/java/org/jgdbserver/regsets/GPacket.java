package org.jgdbserver.regsets;

import java.util.Arrays;
import java.util.BitSet;

/**
 * The raw bytes of a {@code g} reply / {@code G} request for one {@link TargetLayout}: every
 * register in gdb order, little-endian, with an explicit availability mask (bit = gdb register
 * number). Unavailable registers hold zeros in {@link #bytes()} and travel as {@code xx}.
 */
public record GPacket(TargetLayout layout, byte[] bytes, BitSet available) {

    public GPacket {
        if (bytes.length != layout.gPacketSize()) {
            throw new IllegalArgumentException("g packet has " + bytes.length
                    + " bytes, layout " + layout.architecture() + " expects "
                    + layout.gPacketSize());
        }
        bytes = bytes.clone();
        available = (BitSet) available.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    @Override
    public BitSet available() {
        return (BitSet) available.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof GPacket g && g.layout == layout && Arrays.equals(g.bytes, bytes)
                && g.available.equals(available);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes) * 31 + available.hashCode();
    }

    @Override
    public String toString() {
        return "GPacket[" + layout.architecture() + ", " + available.cardinality() + "/"
                + layout.registerCount() + " available, " + bytes.length + " bytes]";
    }

    public boolean isAvailable(int regnum) {
        return available.get(regnum);
    }

    /** One register's bytes, or null if unavailable. */
    public byte[] register(int regnum) {
        if (!available.get(regnum)) {
            return null;
        }
        RegisterDef r = layout.register(regnum);
        return Arrays.copyOfRange(bytes, r.gOffset(), r.gOffset() + r.byteSize());
    }

    /** {@link #toHex()} as ISO-8859-1 bytes, built without a String (the {@code g} reply body). */
    public byte[] toHexBytes() {
        byte[] out = new byte[bytes.length * 2];
        int o = 0;
        if (available.cardinality() == layout.registerCount()) {
            hexInto(0, bytes.length, out, 0); // every register there: one pass
            return out;
        }
        for (RegisterDef r : layout.registers()) {
            int off = r.gOffset(), n = r.byteSize();
            if (available.get(r.regnum())) {
                o = hexInto(off, n, out, o);
            } else {
                java.util.Arrays.fill(out, o, o + 2 * n, (byte) 'x');
                o += 2 * n;
            }
        }
        return o == out.length ? out : java.util.Arrays.copyOf(out, o);
    }

    /** {@code n} of our bytes from {@code off} as hex digits into {@code out} at {@code o}; returns the end. */
    private int hexInto(int off, int n, byte[] out, int o) {
        for (int i = off; i < off + n; i++) {
            out[o++] = HEX[(bytes[i] >> 4) & 0xf];
            out[o++] = HEX[bytes[i] & 0xf];
        }
        return o;
    }

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** The {@code g} reply payload: hex bytes, {@code xx} for unavailable registers. */
    public String toHex() {
        StringBuilder sb = new StringBuilder(bytes.length * 2);
        for (RegisterDef r : layout.registers()) {
            if (available.get(r.regnum())) {
                Hex.appendTo(sb, bytes, r.gOffset(), r.byteSize());
            } else {
                sb.append(Hex.unavailable(r.byteSize()));
            }
        }
        return sb.toString();
    }

    /**
     * Parses a {@code G} payload. A register is available only if all of its bytes are present
     * and none is {@code xx}; gdb may send fewer registers than the layout has (it trims
     * {@code G} to the size of the {@code g} replies it saw), and the missing ones are simply
     * not written.
     */
    public static GPacket fromHex(TargetLayout layout, CharSequence hex) {
        if (hex.length() % 2 != 0) {
            throw new IllegalArgumentException("G payload has odd length " + hex.length());
        }
        if (hex.length() / 2 > layout.gPacketSize()) {
            throw new IllegalArgumentException("G payload has " + hex.length() / 2
                    + " bytes, more than the " + layout.gPacketSize() + " of the layout");
        }
        byte[] out = new byte[layout.gPacketSize()];
        BitSet avail = new BitSet(layout.registerCount());
        int len = hex.length() / 2;
        for (RegisterDef r : layout.registers()) {
            if (r.gOffset() + r.byteSize() > len) {
                break;
            }
            boolean ok = true;
            for (int i = r.gOffset(); i < r.gOffset() + r.byteSize(); i++) {
                char hi = hex.charAt(2 * i);
                char lo = hex.charAt(2 * i + 1);
                if ((hi == 'x' || hi == 'X') && (lo == 'x' || lo == 'X')) {
                    ok = false;
                    continue;
                }
                out[i] = (byte) ((Hex.digit(hex, 2 * i) << 4) | Hex.digit(hex, 2 * i + 1));
            }
            if (ok) {
                avail.set(r.regnum());
            } else {
                Arrays.fill(out, r.gOffset(), r.gOffset() + r.byteSize(), (byte) 0);
            }
        }
        return new GPacket(layout, out, avail);
    }
}
