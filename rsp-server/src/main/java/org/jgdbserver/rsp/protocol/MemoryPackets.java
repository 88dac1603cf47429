package org.jgdbserver.rsp.protocol;

import java.util.Arrays;

/**
 * Memory packets (GDB manual, "Remote Protocol &gt; Packets": {@code m}, {@code M}, {@code x},
 * {@code X}; "General Query Packets": {@code qCRC}, {@code qSearch:memory}). Addresses are
 * unsigned 64-bit values held in a {@code long}.
 */
public final class MemoryPackets {

    private MemoryPackets() {
    }

    /**
     * {@code m addr,length}: read memory. Reply: hex bytes (possibly fewer than asked), or
     * {@code E NN} if nothing could be read.
     *
     * @param address start address
     * @param length  bytes wanted
     */
    public record ReadMemoryPacket(long address, int length) implements RspRequest {
    }

    /**
     * {@code x addr,length}: read memory as binary. Reply: {@code b} followed by the bytes
     * (see {@link Replies#binaryMemory}), or {@code E NN}.
     *
     * @param address start address
     * @param length  bytes wanted
     */
    public record ReadMemoryBinaryPacket(long address, int length) implements RspRequest {
    }

    /**
     * {@code M addr,length:XX...}: write memory given in hex. Reply {@code OK} or {@code E NN}.
     *
     * @param address start address
     * @param data    the bytes, exactly {@code length} of them
     */
    public record WriteMemoryPacket(long address, byte[] data) implements RspRequest {
        @Override
        public boolean equals(Object o) {
            return o instanceof WriteMemoryPacket p && address == p.address && Arrays.equals(data, p.data);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(address) * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "WriteMemoryPacket[address=0x" + Long.toHexString(address) + ", " + data.length + " bytes]";
        }
    }

    /**
     * {@code X addr,length:XX...}: write memory given as binary (already unescaped by the framer).
     * GDB probes with a zero length. Reply {@code OK} or {@code E NN}.
     *
     * @param address start address
     * @param data    the bytes, exactly {@code length} of them
     */
    public record WriteMemoryBinaryPacket(long address, byte[] data) implements RspRequest {
        @Override
        public boolean equals(Object o) {
            return o instanceof WriteMemoryBinaryPacket p && address == p.address && Arrays.equals(data, p.data);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(address) * 31 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "WriteMemoryBinaryPacket[address=0x" + Long.toHexString(address) + ", " + data.length + " bytes]";
        }
    }

    /**
     * {@code qCRC:addr,length}: CRC-32 of a memory range (GDB's polynomial 0x04c11db7, initial
     * 0xffffffff, not reflected). Reply {@code C crc32} or {@code E NN}.
     *
     * @param address start address
     * @param length  bytes to checksum
     */
    public record CrcPacket(long address, long length) implements RspRequest {
    }

    /**
     * {@code qSearch:memory:addr;length;search-pattern}: find a byte pattern. The pattern is
     * binary (already unescaped). Reply {@code 0}, {@code 1,address} or {@code E NN}.
     *
     * @param address start of the range searched
     * @param length  length of the range searched
     * @param pattern the bytes to look for
     */
    public record SearchMemoryPacket(long address, long length, byte[] pattern) implements RspRequest {
        @Override
        public boolean equals(Object o) {
            return o instanceof SearchMemoryPacket p && address == p.address && length == p.length
                    && Arrays.equals(pattern, p.pattern);
        }

        @Override
        public int hashCode() {
            return Long.hashCode(address) * 31 + Long.hashCode(length) * 7 + Arrays.hashCode(pattern);
        }

        @Override
        public String toString() {
            return "SearchMemoryPacket[address=0x" + Long.toHexString(address) + ", length=0x"
                    + Long.toHexString(length) + ", pattern=" + Hex.toHexString(pattern) + "]";
        }
    }

    /** Parses {@code m}, {@code M}, {@code x}, {@code X}; the cursor is after the letter. */
    static RspRequest parse(byte letter, PacketReader r) {
        long address = r.hex();
        r.expect(',');
        int length = r.hexInt(Integer.MAX_VALUE);
        switch (letter) {
            case 'm':
                r.expectEnd();
                return new ReadMemoryPacket(address, length);
            case 'x':
                r.expectEnd();
                return new ReadMemoryBinaryPacket(address, length);
            case 'M': {
                r.expect(':');
                if (r.remaining() != 2L * length) {
                    throw PacketReader.fail("M: " + r.remaining() + " hex digits for " + length + " bytes");
                }
                return new WriteMemoryPacket(address, r.hexBytesToEnd());
            }
            case 'X': {
                r.expect(':');
                if (r.remaining() != length) {
                    throw PacketReader.fail("X: " + r.remaining() + " bytes of data for length " + length);
                }
                return new WriteMemoryBinaryPacket(address, r.rest());
            }
            default:
                throw new AssertionError(letter);
        }
    }

    /** Parses {@code qCRC:addr,length}; the cursor is after {@code qCRC:}. */
    static RspRequest parseCrc(PacketReader r) {
        long address = r.hex();
        r.expect(',');
        long length = r.hex();
        r.expectEnd();
        return new CrcPacket(address, length);
    }

    /** Parses {@code qSearch:memory:...}; the cursor is after {@code qSearch:memory:}. */
    static RspRequest parseSearch(PacketReader r) {
        long address = r.hex();
        r.expect(';');
        long length = r.hex();
        r.expect(';');
        return new SearchMemoryPacket(address, length, r.rest());
    }
}
