package org.jgdbserver.rsp.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Frames outgoing {@link RspOutbound} messages (GDB manual, "Remote Protocol &gt; Overview" and
 * "Notification Packets"):
 * <ul>
 *   <li>{@link RspReply} becomes {@code $body#cs};</li>
 *   <li>{@link RspNotification} becomes {@code %body#cs};</li>
 *   <li>{@link RspAck} becomes the single byte {@code +} or {@code -}.</li>
 * </ul>
 * In a body, {@code $}, {@code #}, {@code }} and {@code *} are escaped as {@code }} followed by
 * the byte XOR 0x20, and runs of four or more identical characters are run-length encoded as
 * {@code c*n} with {@code n - 29} extra copies. Count characters stay printable, at most
 * {@code ~} (97 repeats), and are never {@code #} or {@code $} (6 and 7 repeats are sent as 5).
 * Escaped bytes are never run-length encoded.
 *
 * <p>Not {@code @Sharable}: it reuses a scratch array per channel.
 */
public final class RspReplyEncoder extends MessageToByteEncoder<RspOutbound> {

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** Largest repeat count: count character {@code '~'}. */
    private static final int MAX_REPEAT = 126 - 29;

    private byte[] scratch = new byte[256];
    /**
     * The last mid-sized body framed, by identity, with its frame. A body array is never
     * modified once it is in a reply ({@link RspReply}), and the server hands out the same
     * {@code g} payload array while the thread's registers stay as they are: a repeated
     * {@code g} (4832 hex digits on an AVX-512 machine) is then framed without the escape and
     * run-length loop. Small bodies are not worth the copy, large ones (memory) never repeat.
     */
    private byte[] lastBody;
    private char lastStart;
    private byte[] lastFrame;
    private static final int REMEMBER_MIN = 1024, REMEMBER_MAX = 16384;

    public RspReplyEncoder() {
        // Direct buffers: the epoll transport sends only direct ones and copies a heap buffer
        // into a new direct buffer at write time (with the unpooled allocator and Netty's
        // default threadLocalDirectBufferSize of 0), so a heap buffer cost an allocation and a
        // copy more per reply. NIO writes a direct buffer as it is.
        super(RspOutbound.class, true);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RspOutbound msg, ByteBuf out) {
        if (msg instanceof RspAck ack) {
            out.writeByte(ack.wireByte());
        } else if (msg instanceof RspReply reply) {
            if (reply.plainChecksum() >= 0) {
                writePlainFrame(reply.body(), reply.plainChecksum(), out);
            } else {
                writeFrame('$', reply.body(), out);
            }
        } else if (msg instanceof RspNotification note) {
            writeFrame('%', note.body(), out);
        } else {
            throw new IllegalArgumentException("unexpected message " + msg);
        }
    }

    @Override
    protected ByteBuf allocateBuffer(ChannelHandlerContext ctx, RspOutbound msg, boolean preferDirect) {
        int size = 1;
        if (msg instanceof RspReply reply) {
            size = reply.body().length + 4;
        } else if (msg instanceof RspNotification note) {
            size = note.body().length + 4;
        }
        return preferDirect ? ctx.alloc().ioBuffer(size) : ctx.alloc().heapBuffer(size);
    }

    /** A body that needs no escape and no run-length encoding, its checksum known: as it is. */
    private static void writePlainFrame(byte[] body, int checksum, ByteBuf out) {
        out.writeByte('$');
        out.writeBytes(body);
        out.writeByte('#');
        out.writeByte(HEX[(checksum >> 4) & 15]);
        out.writeByte(HEX[checksum & 15]);
    }

    private void writeFrame(char start, byte[] body, ByteBuf out) {
        if (body == lastBody && start == lastStart) {
            out.writeBytes(lastFrame);
            return;
        }
        int worst = 2 * body.length + 4;
        if (scratch.length < worst) {
            scratch = new byte[Math.max(worst, scratch.length * 2)];
        }
        byte[] dst = scratch;
        dst[0] = (byte) start;
        long r = encodeBody(body, 0, body.length, dst, 1);
        int n = (int) r;
        int sum = (int) (r >>> 32);
        dst[n++] = '#';
        dst[n++] = HEX[(sum >> 4) & 15];
        dst[n++] = HEX[sum & 15];
        out.writeBytes(dst, 0, n);
        if (body.length >= REMEMBER_MIN && body.length <= REMEMBER_MAX) {
            lastBody = body;
            lastStart = start;
            lastFrame = java.util.Arrays.copyOf(dst, n);
        }
    }

    /**
     * Escapes and run-length encodes {@code len} bytes of {@code src} into {@code dst} from
     * {@code pos}, which must have room for {@code 2 * len} bytes. Returns the new position in
     * the low 32 bits and the checksum of what it wrote (mod 256) in the high 32 bits.
     *
     * <p>This loop is most of the cost of a large {@code m} reply (two characters per byte of
     * memory), and the server runs with C1 only: the common character, one that differs from
     * the next and needs no escape, takes one table look-up and one comparison.
     */
    static long encodeBody(byte[] src, int off, int len, byte[] dst, int pos) {
        int i = off;
        int sum = 0;
        final int end = off + len;
        final boolean[] escaped = ESCAPED;
        while (i < end) {
            byte c = src[i];
            if (escaped[c & 0xff]) {
                byte x = (byte) (c ^ 0x20);
                dst[pos++] = '}';
                dst[pos++] = x;
                sum += '}' + (x & 0xff);
                i++;
                continue;
            }
            int j = i + 1;
            if (j == end || src[j] != c) {
                dst[pos++] = c;
                sum += c & 0xff;
                i = j;
                continue;
            }
            while (j < end && src[j] == c) {
                j++;
            }
            int run = j - i;
            i = j;
            while (run > 0) {
                dst[pos++] = c;
                sum += c & 0xff;
                run--;
                if (run >= 3) {
                    int n = Math.min(run, MAX_REPEAT);
                    if (n + 29 == '#' || n + 29 == '$') {
                        n = '"' - 29;
                    }
                    dst[pos++] = '*';
                    dst[pos++] = (byte) (n + 29);
                    sum += '*' + n + 29;
                    run -= n;
                } else {
                    while (run > 0) {
                        dst[pos++] = c;
                        sum += c & 0xff;
                        run--;
                    }
                }
            }
        }
        return ((long) (sum & 0xff) << 32) | (pos & 0xffffffffL);
    }

    /** Bytes that must be escaped in a body, by value: {@code $ # } *}. */
    private static final boolean[] ESCAPED = new boolean[256];

    static {
        for (char c : new char[] {'$', '#', '}', '*'}) {
            ESCAPED[c] = true;
        }
    }
}
