package org.jgdbserver.rsp.wire;

/**
 * A one-byte acknowledgement: {@code +} (packet received intact) or {@code -} (please retransmit).
 * GDB manual, "Remote Protocol &gt; Overview". Used in both directions.
 */
public enum RspAck implements RspInbound, RspOutbound {
    /** {@code +}: the last packet arrived with a good checksum. */
    PLUS('+'),
    /** {@code -}: the last packet was damaged; send it again. */
    MINUS('-');

    private final byte wire;

    RspAck(char wire) {
        this.wire = (byte) wire;
    }

    /** The byte on the wire. */
    public byte wireByte() {
        return wire;
    }
}
