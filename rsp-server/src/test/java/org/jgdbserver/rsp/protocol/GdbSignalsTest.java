package org.jgdbserver.rsp.protocol;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class GdbSignalsTest {

    @Test
    void classicSignals() {
        int[][] linuxToGdb = {
            {0, 0}, {1, 1}, {2, 2}, {3, 3}, {4, 4}, {5, 5}, {6, 6}, {7, 10}, {8, 8}, {9, 9}, {10, 30},
            {11, 11}, {12, 31}, {13, 13}, {14, 14}, {15, 15}, {16, 143}, {17, 20}, {18, 19}, {19, 17},
            {20, 18}, {21, 21}, {22, 22}, {23, 16}, {24, 24}, {25, 25}, {26, 26}, {27, 27}, {28, 28},
            {29, 23}, {30, 32}, {31, 12},
        };
        for (int[] p : linuxToGdb) {
            assertEquals(p[1], GdbSignals.fromHost(p[0]), "linux " + p[0]);
            if (p[1] != GdbSignals.UNKNOWN) {
                assertEquals(p[0], GdbSignals.toHost(p[1]), "gdb " + p[1]);
            }
        }
    }

    @Test
    void realTimeSignals() {
        assertEquals(GdbSignals.REALTIME_32, GdbSignals.fromHost(32));
        assertEquals(45, GdbSignals.fromHost(33));
        assertEquals(46, GdbSignals.fromHost(34));
        assertEquals(75, GdbSignals.fromHost(63));
        assertEquals(78, GdbSignals.fromHost(64));
        for (int s = 32; s <= 64; s++) {
            assertEquals(s, GdbSignals.toHost(GdbSignals.fromHost(s)), "rt " + s);
        }
    }

    @Test
    void everyLinuxSignalRoundTripsExceptStkflt() {
        for (int s = 1; s <= 64; s++) {
            int g = GdbSignals.fromHost(s);
            if (s == 16) {
                assertEquals(GdbSignals.UNKNOWN, g);
            } else {
                assertEquals(s, GdbSignals.toHost(g), "signal " + s);
            }
        }
    }

    @Test
    void gdbOnlySignals() {
        assertEquals(29, GdbSignals.toHost(GdbSignals.POLL));
        assertEquals(-1, GdbSignals.toHost(GdbSignals.EMT));
        assertEquals(-1, GdbSignals.toHost(GdbSignals.LOST));
        assertEquals(-1, GdbSignals.toHost(GdbSignals.UNKNOWN));
        assertEquals(-1, GdbSignals.toHost(79));
        assertEquals(-1, GdbSignals.toHost(-3));
        assertEquals(-1, GdbSignals.toHost(1000));
        assertFalse(GdbSignals.hasHost(GdbSignals.INFO));
        assertTrue(GdbSignals.hasHost(0));
        assertEquals(GdbSignals.UNKNOWN, GdbSignals.fromHost(65));
        assertEquals(GdbSignals.UNKNOWN, GdbSignals.fromHost(-1));
    }
}
