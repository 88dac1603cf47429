package org.jgdbserver.rsp.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

import java.util.Arrays;
import java.util.List;

/**
 * Splits the byte stream from GDB into {@link RspInbound} messages.
 *
 * <p>Wire syntax (GDB manual, "Remote Protocol &gt; Overview"):
 * <ul>
 *   <li>{@code $body#cs}: a packet; {@code cs} is two hex digits, the sum of the raw body bytes
 *       modulo 256. Emits {@link RspPacket}, or {@link RspBadChecksum} when the sum is wrong.</li>
 *   <li>{@code +} / {@code -} between packets: {@link RspAck}.</li>
 *   <li>0x03 between packets: {@link RspInterrupt} ("Remote Protocol &gt; Interrupts").</li>
 *   <li>anything else between packets is line noise and is skipped silently.</li>
 *   <li>inside a body, {@code }} escapes the next byte (which is XOR-ed with 0x20), and
 *       {@code *} followed by a count character {@code n} repeats the previous raw character
 *       {@code n - 29} more times. As in GDB's own reader, run-length expansion works on the raw
 *       characters, so a repeat after an escape repeats the escape's second byte unchanged.</li>
 *   <li>a raw {@code $} inside a body abandons that packet and starts a new one
 *       ({@link RspFrameError.Kind#RESTARTED}).</li>
 * </ul>
 *
 * <p>Bodies longer than {@link #maxPacketLength()} are skipped to their end and reported as
 * {@link RspFrameError.Kind#TOO_LONG}, so a hostile peer cannot make us allocate more than that.
 * The decoder never throws on bad input and is not {@code @Sharable} (it keeps the state of the
 * packet being read). It never sends anything; acknowledging is {@link RspAckHandler}'s job.
 *
 * <p>Ownership: every emitted body is a fresh {@code byte[]} owned by the receiver.
 */
public final class RspFrameDecoder extends ByteToMessageDecoder {

    /** Default body limit: 4 MiB, above the PacketSize we advertise (1 MiB) and any M or X gdb sends under it. */
    public static final int DEFAULT_MAX_PACKET_LENGTH = 4 << 20;

    private static final int INITIAL_BUFFER = 512;
    private static final int KEEP_BUFFER = 64 * 1024;

    private enum State {
        /** Between packets. */
        IDLE,
        /** Inside {@code $...}, reading body characters. */
        BODY,
        /** After a {@code }}: the next raw byte is escaped. */
        ESCAPE,
        /** After a {@code *}: the next raw byte is a repeat count. */
        RUN_COUNT,
        /** After {@code #}: first checksum digit. */
        CHECKSUM_HIGH,
        /** Second checksum digit. */
        CHECKSUM_LOW
    }

    private final int maxLength;
    private final long maxRaw;

    private State state = State.IDLE;
    /** Never longer than {@link #maxLength}. */
    private byte[] body;
    private int length;
    private long rawCount;
    private int sum;
    /** The last raw body character that a {@code *} would repeat, or -1. */
    private int lastRaw;
    private int checksumHigh;
    private boolean tooLong;
    private RspFrameError.Kind error;

    /** A decoder with the {@linkplain #DEFAULT_MAX_PACKET_LENGTH default} body limit. */
    public RspFrameDecoder() {
        this(DEFAULT_MAX_PACKET_LENGTH);
    }

    /** A decoder that rejects decoded bodies longer than {@code maxPacketLength} bytes. */
    public RspFrameDecoder(int maxPacketLength) {
        if (maxPacketLength < 1) {
            throw new IllegalArgumentException("maxPacketLength: " + maxPacketLength);
        }
        this.maxLength = maxPacketLength;
        this.body = new byte[Math.min(INITIAL_BUFFER, maxPacketLength)];
        // Escapes and empty repeats make raw input longer than the body; bound that too.
        this.maxRaw = 2L * maxPacketLength + 64;
    }

    /** The largest body this decoder accepts. */
    public int maxPacketLength() {
        return maxLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        for (;;) {
            switch (state) {
                case IDLE: {
                    if (!in.isReadable()) {
                        return;
                    }
                    byte b = in.readByte();
                    switch (b) {
                        case '$':
                            startPacket();
                            break;
                        case '+':
                            out.add(RspAck.PLUS);
                            break;
                        case '-':
                            out.add(RspAck.MINUS);
                            break;
                        case RspInterrupt.BYTE:
                            out.add(RspInterrupt.INSTANCE);
                            break;
                        default:
                            // Line noise between packets: skipped, as gdbserver does.
                            break;
                    }
                    break;
                }
                case BODY:
                case ESCAPE:
                case RUN_COUNT: {
                    if (!in.isReadable()) {
                        return;
                    }
                    readBody(in, out);
                    break;
                }
                case CHECKSUM_HIGH: {
                    if (!in.isReadable()) {
                        return;
                    }
                    checksumHigh = hexValue(in.readByte());
                    state = State.CHECKSUM_LOW;
                    break;
                }
                case CHECKSUM_LOW: {
                    if (!in.isReadable()) {
                        return;
                    }
                    int low = hexValue(in.readByte());
                    state = State.IDLE;
                    out.add(finishPacket(checksumHigh < 0 || low < 0 ? -1 : checksumHigh << 4 | low));
                    break;
                }
                default:
                    throw new AssertionError(state);
            }
        }
    }

    /** Consumes body bytes until the input runs out or the state leaves the body. */
    private void readBody(ByteBuf in, List<Object> out) {
        int i = in.readerIndex();
        final int end = in.writerIndex();
        while (i < end) {
            final int b = in.getByte(i++) & 0xff;
            if (b == '#') {
                if (state == State.ESCAPE) {
                    noteError(RspFrameError.Kind.BAD_ESCAPE);
                } else if (state == State.RUN_COUNT) {
                    noteError(RspFrameError.Kind.BAD_RUN_LENGTH);
                }
                state = State.CHECKSUM_HIGH;
                break;
            }
            if (b == '$') {
                out.add(new RspFrameError(RspFrameError.Kind.RESTARTED,
                        "'$' inside a packet after " + rawCount + " bytes; packet dropped"));
                startPacket();
                continue;
            }
            sum += b;
            if (++rawCount > maxRaw) {
                tooLong = true;
            }
            switch (state) {
                case BODY:
                    if (b == '}') {
                        state = State.ESCAPE;
                    } else if (b == '*') {
                        state = State.RUN_COUNT;
                    } else {
                        lastRaw = b;
                        append(b);
                    }
                    break;
                case ESCAPE:
                    lastRaw = b;
                    append(b ^ 0x20);
                    state = State.BODY;
                    break;
                case RUN_COUNT: {
                    int repeats = b - 29;
                    if (lastRaw < 0 || repeats < 0 || b > 126) {
                        noteError(RspFrameError.Kind.BAD_RUN_LENGTH);
                    } else {
                        appendRepeated(lastRaw, repeats);
                    }
                    state = State.BODY;
                    break;
                }
                default:
                    throw new AssertionError(state);
            }
        }
        in.readerIndex(i);
    }

    private void startPacket() {
        if (body.length > KEEP_BUFFER) {
            body = new byte[Math.min(INITIAL_BUFFER, maxLength)];
        }
        length = 0;
        rawCount = 0;
        sum = 0;
        lastRaw = -1;
        tooLong = false;
        error = null;
        state = State.BODY;
    }

    private void noteError(RspFrameError.Kind kind) {
        if (error == null) {
            error = kind;
        }
    }

    private void append(int b) {
        if (length == body.length && !grow(1)) {
            return;
        }
        body[length++] = (byte) b;
    }

    private void appendRepeated(int b, int n) {
        if (n > body.length - length && !grow(n)) {
            return;
        }
        Arrays.fill(body, length, length + n, (byte) b);
        length += n;
    }

    /** Makes room for {@code extra} more bytes; false (and flags the packet) past the limit. */
    private boolean grow(int extra) {
        long needed = (long) length + extra;
        if (needed > maxLength) {
            tooLong = true;
            return false;
        }
        int size = (int) Math.min(maxLength, Math.max(needed, 2L * body.length));
        body = Arrays.copyOf(body, size);
        return true;
    }

    private RspInbound finishPacket(int received) {
        int computed = sum & 0xff;
        if (tooLong) {
            return new RspFrameError(RspFrameError.Kind.TOO_LONG,
                    "packet longer than " + maxLength + " bytes (" + rawCount + " raw bytes) skipped");
        }
        if (error != null) {
            return new RspFrameError(error, error == RspFrameError.Kind.BAD_ESCAPE
                    ? "'}' escape with nothing after it"
                    : "bad run-length encoding in packet of " + rawCount + " raw bytes");
        }
        byte[] copy = Arrays.copyOf(body, length);
        return received == computed ? new RspPacket(copy) : new RspBadChecksum(copy, received, computed);
    }

    private static int hexValue(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
