package org.jgdbserver.rsp.protocol;

import org.jgdbserver.rsp.protocol.BreakpointPackets.*;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.jgdbserver.rsp.protocol.ParserAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

class BreakpointPacketsTest {

    @Test
    void insertAndRemoveEachType() {
        BreakpointType[] types = BreakpointType.values();
        for (int t = 0; t < 5; t++) {
            parses(new InsertBreakpointPacket(types[t], 0x401136, 1, List.of(), false, List.of()), "Z" + t + ",401136,1");
            parses(new RemoveBreakpointPacket(types[t], 0x401136, 8), "z" + t + ",401136,8");
        }
        assertTrue(BreakpointType.ACCESS_WATCHPOINT.isWatchpoint());
        assertFalse(BreakpointType.HARDWARE.isWatchpoint());
        assertEquals(2, BreakpointType.WRITE_WATCHPOINT.wire());
    }

    @Test
    void unsupportedTypeIsUnknown() {
        unknown("Z5,1000,1");
        unknown("z7,1000,1");
    }

    @Test
    void conditionsAndCommands() {
        InsertBreakpointPacket p = parsesAs(InsertBreakpointPacket.class,
                "Z0,401136,1;X2,2201X1,27;cmds:1,X3,aabbcc");
        assertEquals(2, p.conditions().size());
        assertArrayEquals(bytes(0x22, 0x01), p.conditions().get(0));
        assertArrayEquals(bytes(0x27), p.conditions().get(1));
        assertTrue(p.persist());
        assertEquals(1, p.commands().size());
        assertArrayEquals(bytes(0xaa, 0xbb, 0xcc), p.commands().get(0));
        assertEquals(new InsertBreakpointPacket(BreakpointType.SOFTWARE, 0x401136, 1,
                List.of(bytes(0x22, 0x01), bytes(0x27)), true, List.of(bytes(0xaa, 0xbb, 0xcc))), p);
    }

    @Test
    void invalid() {
        malformed("Z");
        malformed("Z0");
        malformed("Z0,1000");
        malformed("Z0,1000,");
        malformed("Z0,,1");
        malformed("Z0,1000,1;");
        malformed("Z0,1000,1;X3,aa");
        malformed("Z0,1000,1;Y1,aa");
        malformed("z0,1000,1;X1,aa");
        malformed("Zx,1000,1");
    }
}
