package org.jgdbserver.rsp.protocol;

import java.util.Arrays;

/**
 * Register packets (GDB manual, "Remote Protocol &gt; Packets": {@code g}, {@code G}, {@code p},
 * {@code P}). Register numbers are gdb's numbering for the target description in use.
 */
public final class RegisterPackets {

    private RegisterPackets() {
    }

    /**
     * {@code g}: read all general registers of the current {@code Hg} thread.
     * Reply: the registers as hex in target order ({@code xx} for unavailable bytes), or {@code E NN}.
     */
    public record ReadRegistersPacket() implements RspRequest {
    }

    /**
     * {@code G XX...}: write all general registers. Reply {@code OK} or {@code E NN}.
     *
     * @param data the decoded register bytes
     */
    public record WriteRegistersPacket(byte[] data) implements RspRequest {
        @Override
        public boolean equals(Object o) {
            return o instanceof WriteRegistersPacket p && Arrays.equals(data, p.data);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "WriteRegistersPacket[" + data.length + " bytes]";
        }
    }

    /**
     * {@code p n}: read register {@code n}. Reply: its value in hex, or {@code E NN}.
     *
     * @param regno register number
     */
    public record ReadRegisterPacket(int regno) implements RspRequest {
    }

    /**
     * {@code P n=r}: write register {@code n}. Reply {@code OK} or {@code E NN}.
     *
     * @param regno register number
     * @param value the decoded value bytes, target order
     */
    public record WriteRegisterPacket(int regno, byte[] value) implements RspRequest {
        @Override
        public boolean equals(Object o) {
            return o instanceof WriteRegisterPacket p && regno == p.regno && Arrays.equals(value, p.value);
        }

        @Override
        public int hashCode() {
            return regno * 31 + Arrays.hashCode(value);
        }

        @Override
        public String toString() {
            return "WriteRegisterPacket[regno=" + regno + ", value=" + Hex.toHexString(value) + "]";
        }
    }

    private static final ReadRegistersPacket READ_ALL = new ReadRegistersPacket();

    /** Parses {@code g}, {@code G}, {@code p}, {@code P}; the cursor is after the letter. */
    static RspRequest parse(byte letter, PacketReader r) {
        switch (letter) {
            case 'g':
                r.expectEnd();
                return READ_ALL;
            case 'G':
                return new WriteRegistersPacket(r.hexBytesToEnd());
            case 'p': {
                int regno = r.hexInt(0xffff);
                r.expectEnd();
                return new ReadRegisterPacket(regno);
            }
            case 'P': {
                int regno = r.hexInt(0xffff);
                r.expect('=');
                if (r.atEnd()) {
                    throw PacketReader.fail("P: empty register value");
                }
                return new WriteRegisterPacket(regno, r.hexBytesToEnd());
            }
            default:
                throw new AssertionError(letter);
        }
    }
}
