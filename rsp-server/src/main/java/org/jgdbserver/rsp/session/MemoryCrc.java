package org.jgdbserver.rsp.session;

import org.jgdbserver.rsp.protocol.MemoryPackets.CrcPacket;
import org.jgdbserver.rsp.protocol.Replies;
import org.jgdbserver.rsp.wire.RspReply;
import org.jgdbserver.tracer.TracedProcess;

/**
 * {@code qCRC:ADDR,LENGTH} (GDB manual, "General Query Packets"; gdb's {@code compare-sections}):
 * replies {@code C} and the CRC of the memory range in hex, or {@code E01} when any byte of it
 * cannot be read (gdbserver reads byte by byte and gives up at the first failure).
 *
 * <p>The CRC is gdb's own (libiberty's {@code xcrc32}, what gdb computes over the file's
 * sections): polynomial 0x04c11db7, bits taken most significant first, initial value
 * 0xffffffff, no final xor (the CRC-32/MPEG-2 parameters). Memory is read through the tracer,
 * so inserted breakpoints do not count as differences.
 */
final class MemoryCrc {
    private static final int POLYNOMIAL = 0x04c11db7;
    private static final int[] TABLE = new int[256];
    /** Bytes read per tracer call. */
    private static final int BLOCK = 64 * 1024;

    static {
        for (int i = 0; i < 256; i++) {
            int c = i << 24;
            for (int bit = 0; bit < 8; bit++) {
                c = (c & 0x80000000) != 0 ? (c << 1) ^ POLYNOMIAL : c << 1;
            }
            TABLE[i] = c;
        }
    }

    private MemoryCrc() {
    }

    static RspReply reply(TracedProcess process, CrcPacket q) {
        if (process == null) {
            return Replies.E01;
        }
        return reply(MemorySearch.reader(process.memory()), q.address(), q.length());
    }

    /** {@code C crc}, or {@code E01} if any byte of the range cannot be read. */
    static RspReply reply(MemorySearch.Reader reader, long address, long length) {
        if (length < 0) {
            return Replies.E01; // 2^63 bytes or more cannot all be readable
        }
        int crc = 0xffffffff;
        byte[] buf = new byte[(int) Math.min(BLOCK, length)];
        long done = 0;
        while (done < length) {
            int n = (int) Math.min(buf.length, length - done);
            if (!reader.readFully(address + done, buf, 0, n)) {
                return Replies.E01;
            }
            crc = update(crc, buf, 0, n);
            done += n;
        }
        return RspReply.of("C" + Integer.toHexString(crc));
    }

    /** {@code crc} advanced over {@code len} bytes of {@code data} from {@code off}. */
    static int update(int crc, byte[] data, int off, int len) {
        for (int i = off; i < off + len; i++) {
            crc = (crc << 8) ^ TABLE[((crc >>> 24) ^ data[i]) & 0xff];
        }
        return crc;
    }
}
