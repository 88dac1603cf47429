package org.jgdbserver.rsp.session;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The windowed search behind qSearch:memory, over a fake address space. */
class MemorySearchTest {
    private static final long BASE = 0x400000;

    /** Memory readable in [BASE, BASE + data.length); records every read. */
    private static final class FakeMemory implements MemorySearch.Reader {
        final byte[] data;
        final List<long[]> reads = new ArrayList<>();

        FakeMemory(int size) {
            data = new byte[size];
            for (int i = 0; i < size; i++) {
                data[i] = (byte) ('a' + i % 23);
            }
        }

        FakeMemory put(int offset, String s) {
            byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
            System.arraycopy(b, 0, data, offset, b.length);
            return this;
        }

        @Override
        public boolean readFully(long address, byte[] buf, int offset, int length) {
            reads.add(new long[] {address, length});
            if (address < BASE || address + length > BASE + data.length) {
                return false;
            }
            System.arraycopy(data, (int) (address - BASE), buf, offset, length);
            return true;
        }
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void findsTheFirstMatch() throws Exception {
        FakeMemory m = new FakeMemory(1000).put(100, "needle").put(500, "needle");
        assertEquals(OptionalLong.of(BASE + 100), MemorySearch.search(m, BASE, 1000, b("needle")));
        assertEquals(OptionalLong.of(BASE + 500), MemorySearch.search(m, BASE + 101, 899, b("needle")));
        assertEquals(OptionalLong.empty(), MemorySearch.search(m, BASE + 501, 499, b("needle")));
    }

    @Test
    void aMatchMustEndInsideTheRange() throws Exception {
        FakeMemory m = new FakeMemory(1000).put(100, "needle");
        assertEquals(OptionalLong.empty(), MemorySearch.search(m, BASE, 105, b("needle")));
        assertEquals(OptionalLong.of(BASE + 100), MemorySearch.search(m, BASE, 106, b("needle")));
        assertEquals(OptionalLong.empty(), MemorySearch.search(m, BASE, 3, b("needle")));
    }

    @Test
    void findsAMatchAcrossEveryWindowBoundaryPosition() throws Exception {
        int size = 3 * MemorySearch.CHUNK + 100;
        for (int shift = -6; shift <= 1; shift++) {
            int at = 2 * MemorySearch.CHUNK + shift;
            FakeMemory m = new FakeMemory(size).put(at, "needle\0");
            assertEquals(OptionalLong.of(BASE + at), MemorySearch.search(m, BASE, size, b("needle\0")), "at " + at);
        }
    }

    @Test
    void readsEachByteOnceButTheCarriedOverTail() throws Exception {
        int size = 2 * MemorySearch.CHUNK + 50;
        FakeMemory m = new FakeMemory(size);
        assertEquals(OptionalLong.empty(), MemorySearch.search(m, BASE, size, b("xyz")));
        long total = 0;
        for (long[] r : m.reads) {
            total += r[1];
        }
        assertEquals(size, total);
        assertEquals(BASE, m.reads.get(0)[0]);
        assertEquals(MemorySearch.CHUNK + 2, m.reads.get(0)[1]);
    }

    @Test
    void anUnreadableWindowIsAnErrorEvenAfterTheMatch() {
        // gdbserver reads the whole first window before it looks: a range running into an
        // unmapped page fails although "needle" lies before the hole.
        FakeMemory m = new FakeMemory(64).put(10, "needle");
        assertThrows(MemorySearch.Unreadable.class, () -> MemorySearch.search(m, BASE, 100, b("needle")));
        assertThrows(MemorySearch.Unreadable.class, () -> MemorySearch.search(m, BASE - 1, 10, b("x")));
    }

    @Test
    void anUnreadableLaterWindowIsAnErrorOnlyIfReached() throws Exception {
        FakeMemory m = new FakeMemory(MemorySearch.CHUNK + 10).put(5, "needle");
        assertEquals(OptionalLong.of(BASE + 5), MemorySearch.search(m, BASE, 3L * MemorySearch.CHUNK, b("needle")));
        assertThrows(MemorySearch.Unreadable.class,
                () -> MemorySearch.search(m, BASE, 3L * MemorySearch.CHUNK, b("nothere")));
    }

    @Test
    void emptyRangeAndEmptyPattern() throws Exception {
        FakeMemory m = new FakeMemory(10);
        assertEquals(OptionalLong.empty(), MemorySearch.search(m, BASE, 0, b("a")));
        assertEquals(OptionalLong.of(BASE + 3), MemorySearch.search(m, BASE + 3, 5, new byte[0]));
    }

    @Test
    void indexOfStopsAtTheLimit() {
        byte[] buf = b("abcabc");
        assertEquals(0, MemorySearch.indexOf(buf, 6, b("abc")));
        assertEquals(-1, MemorySearch.indexOf(buf, 2, b("abc")));
        assertEquals(-1, MemorySearch.indexOf(buf, 6, b("abd")));
        assertEquals(2, MemorySearch.indexOf(buf, 6, b("cab")));
    }
}
