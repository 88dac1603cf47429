package org.jgdbserver.rsp.protocol;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ThreadIdTest {

    @Test
    void parseForms() {
        assertEquals(ThreadId.ALL_THREADS, ThreadId.parse("-1"));
        assertEquals(ThreadId.ANY_THREAD, ThreadId.parse("0"));
        assertEquals(new ThreadId(ThreadId.NO_PID, 0x4d2), ThreadId.parse("4d2"));
        assertEquals(ThreadId.of(0x4d2, 0x4d3), ThreadId.parse("p4d2.4d3"));
        assertEquals(ThreadId.of(0x4d2, -1), ThreadId.parse("p4d2.-1"));
        assertEquals(ThreadId.of(0x4d2, -1), ThreadId.parse("p4d2"));
        assertEquals(ThreadId.of(-1, -1), ThreadId.parse("p-1.-1"));
        assertEquals(ThreadId.of(0, 0), ThreadId.parse("p0.0"));
        for (String bad : new String[] {"", "p", "p.1", "p1.", "x", "-2", "1.2", "p1.2.3", "--1"}) {
            assertThrows(IllegalArgumentException.class, () -> ThreadId.parse(bad), bad);
        }
    }

    @Test
    void predicates() {
        assertTrue(ThreadId.parse("-1").isAll());
        assertTrue(ThreadId.parse("p-1.-1").isAll());
        assertFalse(ThreadId.parse("p5.-1").isAll());
        assertTrue(ThreadId.parse("p5.-1").isAllThreads());
        assertTrue(ThreadId.parse("p5.0").isAnyThread());
        assertTrue(ThreadId.parse("p5.1").hasPid());
        assertFalse(ThreadId.parse("1").hasPid());
    }

    @Test
    void format() {
        assertEquals("p4d2.4d3", ThreadId.of(1234, 1235).format(true));
        assertEquals("4d3", ThreadId.of(1234, 1235).format(false));
        assertEquals("p4d2.-1", ThreadId.of(1234, -1).format(true));
        assertEquals("-1", ThreadId.ALL_THREADS.format(true));
        assertEquals("p-1.-1", ThreadId.of(-1, -1).format(true));
        assertEquals("0", ThreadId.ANY_THREAD.format(false));
        assertEquals("QCp1.2", new StringBuilder("QC").append(ThreadId.of(1, 2).format(true)).toString());
    }
}
