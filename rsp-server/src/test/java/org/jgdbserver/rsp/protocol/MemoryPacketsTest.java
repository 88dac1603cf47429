package org.jgdbserver.rsp.protocol;

import org.jgdbserver.rsp.protocol.MemoryPackets.*;
import org.junit.jupiter.api.Test;

import static org.jgdbserver.rsp.protocol.ParserAssertions.*;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MemoryPacketsTest {

    @Test
    void readMemory() {
        parses(new ReadMemoryPacket(0x401000, 0x2400), "m401000,2400");
        parses(new ReadMemoryPacket(0xffffffffff600000L, 8), "mffffffffff600000,8");
        parses(new ReadMemoryPacket(0, 0), "m0,0");
        malformed("m");
        malformed("m1000");
        malformed("m1000,");
        malformed("m,4");
        malformed("m1000,4x");
        malformed("m10000000000000000,4"); // 65 bits
        malformed("m0,80000000");          // length beyond int
    }

    @Test
    void leadingZerosDoNotCountAsDigits() {
        parses(new ReadMemoryPacket(1, 1), "m00000000000000000000001,1");
    }

    @Test
    void readMemoryBinary() {
        parses(new ReadMemoryBinaryPacket(0x1000, 0x10), "x1000,10");
        malformed("x1000");
        malformed("x1000,10:");
    }

    @Test
    void writeMemory() {
        parses(new WriteMemoryPacket(0x1000, bytes(0xcc, 0x90)), "M1000,2:cc90");
        parses(new WriteMemoryPacket(0x1000, new byte[0]), "M1000,0:");
        malformed("M1000,2:cc");
        malformed("M1000,2:cc90ff");
        malformed("M1000,2cc90");
        malformed("M1000,2:zz90");
    }

    @Test
    void writeMemoryBinary() {
        // the framer already removed escapes; ':' and '#' can occur in the data
        parses(new WriteMemoryBinaryPacket(0x1000, bytes(':', '#', 0, 0xff)), "X1000,4::#\u0000\u00ff");
        parses(new WriteMemoryBinaryPacket(0x1000, new byte[0]), "X1000,0:");
        malformed("X1000,4:ab");
        malformed("X1000,0");
    }

    @Test
    void crc() {
        parses(new CrcPacket(0x400000, 0x1000), "qCRC:400000,1000");
        parses(new CrcPacket(0x7ffff7fbefc0L, 0), "qCRC:7ffff7fbefc0,0");
        malformed("qCRC:400000");
        malformed("qCRC:400000,10x");
        malformed("qCRC:,10");
        malformed("qCRC");
    }

    @Test
    void searchMemory() {
        SearchMemoryPacket p = parsesAs(SearchMemoryPacket.class, "qSearch:memory:1000;200;ab;c");
        assertEquals(new SearchMemoryPacket(0x1000, 0x200, bytes('a', 'b', ';', 'c')), p);
        malformed("qSearch:memory:1000;200");
        malformed("qSearch:memory:1000,200;ab");
        unknown("qSearch:other:1");
    }

    @Test
    void searchPatternIsBinary() {
        // gdb's find "needle" sends the string's NUL; the framer has already undone the escapes
        // of '}', '#', '$' and '*', so any byte can reach the parser
        parses(new SearchMemoryPacket(0x404060, 0x186a0, bytes('n', 'e', 'e', 'd', 'l', 'e', 0)),
                "qSearch:memory:404060;186a0;needle\u0000");
        parses(new SearchMemoryPacket(0x7ffff7fbefc0L, 0x40, bytes('}', '#', '$', '*', 0xff)),
                "qSearch:memory:7ffff7fbefc0;40;}#$*\u00ff");
        parses(new SearchMemoryPacket(0x10, 0x20, new byte[0]), "qSearch:memory:10;20;");
    }
}
