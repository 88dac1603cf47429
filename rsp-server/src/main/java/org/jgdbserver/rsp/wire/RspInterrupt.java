package org.jgdbserver.rsp.wire;

/**
 * The lone 0x03 byte GDB sends between packets to interrupt a running inferior (GDB manual,
 * "Remote Protocol &gt; Interrupts"). A 0x03 inside a packet body is data, not an interrupt.
 */
public enum RspInterrupt implements RspInbound {
    /** The only instance. */
    INSTANCE;

    /** The interrupt byte. */
    public static final byte BYTE = 0x03;
}
