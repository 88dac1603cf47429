package org.jgdbserver.rsp.session;

import org.jgdbserver.rsp.protocol.MemoryPackets.SearchMemoryPacket;
import org.jgdbserver.rsp.protocol.Replies;
import org.jgdbserver.rsp.wire.RspReply;
import org.jgdbserver.tracer.AddressSpace;
import org.jgdbserver.tracer.TracedProcess;
import org.jgdbserver.tracer.TracerException;

import java.util.OptionalLong;

/**
 * {@code qSearch:memory:ADDR;LENGTH;PATTERN} (GDB manual, "General Query Packets"; gdb's
 * {@code find} command): the first address at or after ADDR where PATTERN starts and ends
 * within LENGTH bytes. Replies {@code 1,ADDR}, {@code 0} (not found) or {@code E00}.
 *
 * <p>Memory is read through the tracer, so inserted breakpoints are invisible, in windows of
 * {@value #CHUNK} bytes plus {@code pattern.length - 1} carried over from the last window, so a
 * match across two windows is found. As gdbserver does ({@code simple_search_memory}), a window
 * that cannot be read whole ends the search with an error, even when the pattern might lie
 * before the unreadable part of that window.
 */
final class MemorySearch {
    /** Bytes scanned per window (gdbserver's SEARCH_CHUNK_SIZE). */
    static final int CHUNK = 16000;

    /** Reads exactly {@code length} bytes or reports failure. */
    @FunctionalInterface
    interface Reader {
        boolean readFully(long address, byte[] buf, int offset, int length);
    }

    /** A window of the search range that could not be read. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(long address, int length) {
            super("Unable to access " + length + " bytes of target memory at 0x" + Long.toHexString(address)
                    + ", halting search.");
        }
    }

    private MemorySearch() {
    }

    static RspReply reply(TracedProcess process, SearchMemoryPacket q) {
        if (process == null) {
            return Replies.error(0);
        }
        try {
            OptionalLong at = search(reader(process.memory()), q.address(), q.length(), q.pattern());
            return at.isPresent() ? RspReply.of("1," + Long.toHexString(at.getAsLong())) : RspReply.of("0");
        } catch (Unreadable e) {
            Log.say(e.getMessage()); // gdbserver warns on its stderr too
            return Replies.error(0);
        }
    }

    /** Reads through the tracer: breakpoint bytes hidden, short reads continued. */
    static Reader reader(AddressSpace memory) {
        return (address, buf, offset, length) -> {
            byte[] part = new byte[length];
            int done = 0;
            try {
                while (done < length) {
                    int n = memory.readInto(address + done, part, length - done);
                    System.arraycopy(part, 0, buf, offset + done, n);
                    done += n;
                }
            } catch (TracerException e) {
                return false;
            }
            return true;
        };
    }

    /**
     * The address of the first match of {@code pattern} in {@code [start, start + length)},
     * or empty.
     *
     * @param length unsigned; values above 2^63 are taken as 2^63 - 1
     * @throws Unreadable when a window of the range cannot be read
     */
    static OptionalLong search(Reader reader, long start, long length, byte[] pattern) throws Unreadable {
        long remaining = length < 0 ? Long.MAX_VALUE : length;
        int plen = pattern.length;
        int window = (int) Math.min(CHUNK + (long) plen - 1, remaining);
        byte[] buf = new byte[Math.max(window, 0)];
        if (!reader.readFully(start, buf, 0, buf.length)) {
            throw new Unreadable(start, buf.length);
        }
        long base = start;
        while (remaining >= plen) {
            int scan = (int) Math.min(remaining, buf.length);
            int at = indexOf(buf, scan, pattern);
            if (at >= 0) {
                return OptionalLong.of(base + at);
            }
            remaining = remaining >= CHUNK ? remaining - CHUNK : 0;
            if (remaining >= plen) {
                // Only reached when the window is CHUNK + plen - 1 long: keep its last plen - 1
                // bytes, which a match starting in the next chunk may begin with.
                int keep = plen - 1;
                System.arraycopy(buf, CHUNK, buf, 0, keep);
                int fresh = (int) Math.min(remaining - keep, CHUNK);
                long from = base + CHUNK + keep;
                if (!reader.readFully(from, buf, keep, fresh)) {
                    throw new Unreadable(from, fresh);
                }
                base += CHUNK;
            }
        }
        return OptionalLong.empty();
    }

    /** The first index in {@code buf[0, limit)} where {@code pattern} starts entirely within it. */
    static int indexOf(byte[] buf, int limit, byte[] pattern) {
        int plen = pattern.length;
        if (plen == 0) {
            return 0;
        }
        byte first = pattern[0];
        outer:
        for (int i = 0; i <= limit - plen; i++) {
            if (buf[i] != first) {
                continue;
            }
            for (int j = 1; j < plen; j++) {
                if (buf[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
