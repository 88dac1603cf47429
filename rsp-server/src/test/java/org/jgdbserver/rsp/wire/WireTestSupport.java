package org.jgdbserver.rsp.wire;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Helpers shared by the wire tests. */
final class WireTestSupport {

    private WireTestSupport() {
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** {@code $raw#cs} with a correct checksum over the raw body characters. */
    static String frame(String raw) {
        int sum = 0;
        for (int i = 0; i < raw.length(); i++) {
            sum += raw.charAt(i);
        }
        return "$" + raw + "#" + String.format("%02x", sum & 0xff);
    }

    /** Writes the input as one buffer. */
    static void writeWhole(EmbeddedChannel ch, String input) {
        ch.writeInbound(Unpooled.wrappedBuffer(bytes(input)));
    }

    /** Writes the input one byte per buffer. */
    static void writeBytewise(EmbeddedChannel ch, String input) {
        byte[] b = bytes(input);
        for (byte x : b) {
            ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {x}));
        }
    }

    /** Drains all inbound messages. */
    static List<Object> inbound(EmbeddedChannel ch) {
        List<Object> out = new ArrayList<>();
        for (Object o; (o = ch.readInbound()) != null; ) {
            out.add(o);
        }
        return out;
    }

    /** Drains and releases all outbound buffers, returning their bytes as text. */
    static String outbound(EmbeddedChannel ch) {
        ByteArrayOutputStream bos = new ByteArrayOutputStream();
        for (Object o; (o = ch.readOutbound()) != null; ) {
            ByteBuf buf = (ByteBuf) o;
            try {
                byte[] b = new byte[buf.readableBytes()];
                buf.readBytes(b);
                bos.write(b, 0, b.length);
            } finally {
                buf.release();
            }
        }
        return text(bos.toByteArray());
    }
}
