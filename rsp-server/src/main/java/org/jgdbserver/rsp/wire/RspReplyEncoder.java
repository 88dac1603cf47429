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

    public RspReplyEncoder() {
        // Heap buffers: with the unpooled allocator a direct buffer per reply costs a malloc
        // and a Cleaner; NIO copies a heap buffer into its cached per-thread direct one.
        super(RspOutbound.class, false);
    }

    @Override
    protected void encode(ChannelHandlerContext ctx, RspOutbound msg, ByteBuf out) {
        if (msg instanceof RspAck ack) {
            out.writeByte(ack.wireByte());
        } else if (msg instanceof RspReply reply) {
            writeFrame('$', reply.body(), out);
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

    private void writeFrame(char start, byte[] body, ByteBuf out) {
        int worst = 2 * body.length + 4;
        if (scratch.length < worst) {
            scratch = new byte[Math.max(worst, scratch.length * 2)];
        }
        byte[] dst = scratch;
        dst[0] = (byte) start;
        int n = encodeBody(body, 0, body.length, dst, 1);
        int sum = 0;
        for (int i = 1; i < n; i++) {
            sum += dst[i] & 0xff;
        }
        dst[n++] = '#';
        dst[n++] = HEX[(sum >> 4) & 15];
        dst[n++] = HEX[sum & 15];
        out.writeBytes(dst, 0, n);
    }

    /**
     * Escapes and run-length encodes {@code len} bytes of {@code src} into {@code dst} from
     * {@code pos}, which must have room for {@code 2 * len} bytes. Returns the new position.
     */
    static int encodeBody(byte[] src, int off, int len, byte[] dst, int pos) {
        int i = off;
        final int end = off + len;
        while (i < end) {
            byte c = src[i];
            if (needsEscape(c)) {
                dst[pos++] = '}';
                dst[pos++] = (byte) (c ^ 0x20);
                i++;
                continue;
            }
            int run = 1;
            while (i + run < end && src[i + run] == c) {
                run++;
            }
            i += run;
            while (run > 0) {
                dst[pos++] = c;
                run--;
                if (run >= 3) {
                    int n = Math.min(run, MAX_REPEAT);
                    if (n + 29 == '#' || n + 29 == '$') {
                        n = '"' - 29;
                    }
                    dst[pos++] = '*';
                    dst[pos++] = (byte) (n + 29);
                    run -= n;
                } else {
                    while (run > 0) {
                        dst[pos++] = c;
                        run--;
                    }
                }
            }
        }
        return pos;
    }

    /** The characters that must be escaped in a body. */
    static boolean needsEscape(byte c) {
        return c == '$' || c == '#' || c == '}' || c == '*';
    }
}
