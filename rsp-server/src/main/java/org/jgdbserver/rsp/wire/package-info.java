/**
 * Framing of the GDB Remote Serial Protocol: bytes on the connection to and from packets.
 *
 * <p>This package knows the wire syntax only (GDB manual, "Remote Protocol &gt; Overview" and
 * "Notification Packets"): {@code $body#cs} packets, {@code +}/{@code -} acknowledgements, the
 * 0x03 interrupt byte, {@code }}-escapes and {@code *} run-length encoding. It does not know what
 * a packet means (that is {@code org.jgdbserver.rsp.protocol}) and it must never touch the tracer,
 * ptrace or any inferior state.
 *
 * <h2>Pipeline</h2>
 * <pre>
 *   RspFrameDecoder   (inbound:  ByteBuf -&gt; RspPacket | RspAck | RspInterrupt | RspBadChecksum | RspFrameError)
 *   RspReplyEncoder   (outbound: RspReply | RspNotification | RspAck -&gt; ByteBuf)
 *   RspAckHandler     (duplex:   '+'/'-' handshake, retransmission, no-ack mode)
 *   ...session handler
 * </pre>
 * {@link org.jgdbserver.rsp.wire.RspPipeline#addFraming} adds the first three in this order.
 *
 * <h2>Ownership</h2>
 * None of the message types here is reference-counted. Inbound packet bodies are freshly allocated
 * {@code byte[]} copies that the receiver owns outright; there is nothing to release. Outbound
 * {@link org.jgdbserver.rsp.wire.RspReply} bodies are {@code byte[]} that the writer hands over: it
 * must not modify the array after {@code write}, because in acknowledgement mode the same array may
 * be sent again when GDB asks for a retransmission. The only {@code ByteBuf}s are the connection's
 * own input (released by {@code ByteToMessageDecoder}) and the encoder's output (released by the
 * transport).
 */
package org.jgdbserver.rsp.wire;
