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

    /** Memory readable in [0x1000, 0x1000 + data.length). */
    private static MemorySearch.Reader memory(byte[] data) {
        return (address, buf, offset, length) -> {
            if (address < 0x1000 || address + length > 0x1000 + data.length) {
                return false;
            }
            System.arraycopy(data, (int) (address - 0x1000), buf, offset, length);
            return true;
        };
    }

    @Test
    void replyIsTheCrcInHexOfTheWholeRangeReadInBlocks() {
        byte[] data = new byte[200_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 251);
        }
        assertEquals("C" + Integer.toHexString(crc(data)), MemoryCrc.reply(memory(data), 0x1000, data.length).text());
        assertEquals("C376e6e7", MemoryCrc.reply(memory("123456789".getBytes(StandardCharsets.US_ASCII)), 0x1000, 9).text());
        assertEquals("Cffffffff", MemoryCrc.reply(memory(data), 0x1000, 0).text());
    }

    @Test
    void anUnreadableByteAnywhereIsAnError() {
        byte[] data = new byte[100];
        assertEquals("E01", MemoryCrc.reply(memory(data), 0x1000, 101).text());
        assertEquals("E01", MemoryCrc.reply(memory(data), 0xfff, 2).text());
        assertEquals("E01", MemoryCrc.reply(memory(data), 0x1000, -1L).text());
    }

    @Test
    void oneChangedByteChangesIt() {
        byte[] a = new byte[64];
        byte[] b = a.clone();
        b[40] = 1;
        assertNotEquals(crc(a), crc(b));
    }
}
