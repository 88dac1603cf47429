/**
 * The meaning of GDB Remote Serial Protocol packets: packet bodies to typed requests, and the
 * pieces replies are built from.
 *
 * <p>{@link org.jgdbserver.rsp.protocol.RspParser#parse(byte[])} turns the body of an
 * {@link org.jgdbserver.rsp.wire.RspPacket} into an {@link org.jgdbserver.rsp.protocol.RspRequest}:
 * a record named for what the packet asks (GDB manual, "Remote Protocol &gt; Packets", "General
 * Query Packets", "Host I/O Packets"), or {@link org.jgdbserver.rsp.protocol.UnknownPacket} (answer
 * with the empty reply) or {@link org.jgdbserver.rsp.protocol.MalformedPacket} (answer {@code E01}).
 * The records live in one holder class per packet family ({@code RegisterPackets},
 * {@code MemoryPackets}, {@code ResumePackets}, {@code StopPackets}, {@code ThreadPackets},
 * {@code BreakpointPackets}, {@code ProcessPackets}, {@code QueryPackets}, {@code SettingPackets},
 * {@code FilePackets}); each holder also parses its family.
 *
 * <p>Shared helpers: {@link org.jgdbserver.rsp.protocol.Hex} (hex without regex or formatting),
 * {@link org.jgdbserver.rsp.protocol.ThreadId}, {@link org.jgdbserver.rsp.protocol.Replies},
 * {@link org.jgdbserver.rsp.protocol.StopReply} and {@link org.jgdbserver.rsp.protocol.GdbSignals}.
 *
 * <p>Pure functions over byte arrays: nothing here does I/O, holds connection state, calls the
 * tracer or touches ptrace. The parser never throws on bad input.
 */
package org.jgdbserver.rsp.protocol;
