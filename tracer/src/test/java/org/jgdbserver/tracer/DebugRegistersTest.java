package org.jgdbserver.tracer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DebugRegistersTest {

    private static long[][] pieces(long address, int length) {
        List<long[]> p = DebugRegisters.pieces(address, length, WatchKind.WRITE);
        return p.toArray(new long[0][]);
    }

    @Test
    void alignedRangesAreOnePiece() {
        assertArrayEquals(new long[][] {{0x1000, 8}}, pieces(0x1000, 8));
        assertArrayEquals(new long[][] {{0x1004, 4}}, pieces(0x1004, 4));
        assertArrayEquals(new long[][] {{0x1001, 1}}, pieces(0x1001, 1));
    }

    @Test
    void unalignedOrOddRangesAreCutIntoAlignedPieces() {
        assertArrayEquals(new long[][] {{0x1001, 1}, {0x1002, 1}}, pieces(0x1001, 2));
        assertArrayEquals(new long[][] {{0x1001, 1}, {0x1002, 2}, {0x1004, 1}}, pieces(0x1001, 4));
        assertArrayEquals(new long[][] {{0x1000, 2}, {0x1002, 1}}, pieces(0x1000, 3));
        assertArrayEquals(new long[][] {{0x1006, 2}, {0x1008, 8}, {0x1010, 2}}, pieces(0x1006, 12));
    }

    @Test
    void anExecutePointIsOneByte() {
        assertEquals(1, DebugRegisters.pieces(0x1003, 1, WatchKind.EXECUTE).size());
    }
}
