package org.jgdbserver.rsp.protocol;

import org.junit.jupiter.api.Test;

import static org.jgdbserver.rsp.protocol.ParserAssertions.bytes;
import static org.junit.jupiter.api.Assertions.*;

class HexTest {

    @Test
    void encodeDecode() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        String hex = Hex.toHexString(all);
        assertTrue(hex.startsWith("000102"));
        assertTrue(hex.endsWith("fdfeff"));
        assertArrayEquals(all, Hex.decode(hex));
        assertArrayEquals(all, Hex.decode(hex.toUpperCase()));
        assertArrayEquals(all, Hex.decode(Hex.encode(all)));
    }

    @Test
    void decodeRejectsBadInput() {
        assertThrows(IllegalArgumentException.class, () -> Hex.decode("0"));
        assertThrows(IllegalArgumentException.class, () -> Hex.decode("0g"));
        assertThrows(IllegalArgumentException.class, () -> Hex.decode("\u01000"));
        byte[] out = new byte[4];
        assertEquals(-1, Hex.decodeInto("12x4".getBytes(), 0, 4, out, 0));
        assertEquals(-1, Hex.decodeInto("123".getBytes(), 0, 3, out, 0));
        out = new byte[4];
        assertEquals(2, Hex.decodeInto("zz12ab".getBytes(), 2, 4, out, 1));
        assertArrayEquals(bytes(0, 0x12, 0xab, 0), out);
    }

    @Test
    void encodeIntoAtOffset() {
        byte[] dst = new byte[6];
        dst[0] = 'b';
        assertEquals(5, Hex.encodeInto(bytes(0xff, 0x0a, 0x99), 0, 2, dst, 1));
        assertEquals("bff0a", new String(dst, 0, 5));
    }

    @Test
    void numbers() {
        assertEquals("0", Hex.number(0));
        assertEquals("1", Hex.number(1));
        assertEquals("4d2", Hex.number(1234));
        assertEquals("ffffffffffffffff", Hex.number(-1));
        assertEquals("8000000000000000", Hex.number(Long.MIN_VALUE));
        assertEquals("05", Hex.appendByte(new StringBuilder(), 5).toString());
        assertEquals("ff", Hex.appendByte(new StringBuilder(), -1).toString());
        assertEquals("00ff", Hex.appendBytes(new StringBuilder(), bytes(0, 255), 0, 2).toString());
    }

    @Test
    void parseUnsigned() {
        assertEquals(0, Hex.parseUnsigned("0"));
        assertEquals(-1L, Hex.parseUnsigned("ffffffffffffffff"));
        assertEquals(-1L, Hex.parseUnsigned("0000ffffffffffffffff"));
        assertEquals(0xABCL, Hex.parseUnsigned("AbC"));
        assertThrows(NumberFormatException.class, () -> Hex.parseUnsigned(""));
        assertThrows(NumberFormatException.class, () -> Hex.parseUnsigned("1ffffffffffffffff"));
        assertThrows(NumberFormatException.class, () -> Hex.parseUnsigned("-1"));
        assertThrows(NumberFormatException.class, () -> Hex.parseUnsigned("0x1"));
    }

    @Test
    void digitsAndStrings() {
        assertEquals(15, Hex.digit('F'));
        assertEquals(-1, Hex.digit('g'));
        assertEquals(-1, Hex.digit(0x130));
        assertEquals('c', Hex.nibble(12));
        assertEquals("c3a9", Hex.encodeString("\u00e9"));
    }
}
