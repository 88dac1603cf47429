package org.jgdbserver.rsp.session;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/** gdb's CRC-32 (libiberty xcrc32), as qCRC replies it. */
class MemoryCrcTest {

    private static int crc(byte[] b) {
        return MemoryCrc.update(0xffffffff, b, 0, b.length);
    }

    @Test
    void theCheckValueOfCrc32Mpeg2() {
        // poly 0x04c11db7, init 0xffffffff, not reflected, no final xor: check value 0x0376e6e7
        assertEquals(0x0376e6e7, crc("123456789".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void nothingLeavesTheInitialValue() {
        assertEquals(0xffffffff, crc(new byte[0]));
    }

    @Test
    void chunkedEqualsWhole() {
        byte[] data = new byte[1000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 7 + 3);
        }
        int split = MemoryCrc.update(MemoryCrc.update(0xffffffff, data, 0, 333), data, 333, 667);
        assertEquals(crc(data), split);
    }

    @Test
    void oneChangedByteChangesIt() {
        byte[] a = new byte[64];
        byte[] b = a.clone();
        b[40] = 1;
        assertNotEquals(crc(a), crc(b));
    }
}
