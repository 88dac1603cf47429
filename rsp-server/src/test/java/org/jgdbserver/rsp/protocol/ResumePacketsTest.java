package org.jgdbserver.rsp.protocol;

import org.jgdbserver.rsp.protocol.ResumePackets.*;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.jgdbserver.rsp.protocol.ParserAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

class ResumePacketsTest {

    @Test
    void continueAndStep() {
        parses(new ContinuePacket(OptionalLong.empty()), "c");
        parses(new ContinuePacket(OptionalLong.of(0x401000)), "c401000");
        parses(new StepPacket(OptionalLong.empty()), "s");
        parses(new StepPacket(OptionalLong.of(0x10)), "s10");
        malformed("cx");
        malformed("s10;");
    }

    @Test
    void withSignal() {
        parses(new ContinueWithSignalPacket(0x1e, OptionalLong.empty()), "C1e");
        parses(new ContinueWithSignalPacket(0x0b, OptionalLong.of(0x401000)), "C0b;401000");
        parses(new StepWithSignalPacket(5, OptionalLong.empty()), "S05");
        parses(new StepWithSignalPacket(5, OptionalLong.of(0x20)), "S05;20");
        malformed("C");
        malformed("C100");
        malformed("C05;");
        malformed("S05;x");
    }

    @Test
    void vContQuery() {
        parses(new VContQueryPacket(), "vCont?");
        malformed("vCont?x");
    }

    @Test
    void vContActions() {
        VContPacket p = parsesAs(VContPacket.class, "vCont;s:p4d2.4d3;c");
        assertEquals(List.of(VContAction.of(VContKind.STEP, ThreadId.of(0x4d2, 0x4d3)),
                VContAction.of(VContKind.CONTINUE, null)), p.actions());

        p = parsesAs(VContPacket.class, "vCont;C1e:p10.11;S05:12;t:p10.-1;c:-1");
        assertEquals(new VContAction(VContKind.CONTINUE_WITH_SIGNAL, 0x1e, 0, 0, ThreadId.of(0x10, 0x11)),
                p.actions().get(0));
        assertEquals(new VContAction(VContKind.STEP_WITH_SIGNAL, 5, 0, 0, new ThreadId(ThreadId.NO_PID, 0x12)),
                p.actions().get(1));
        assertEquals(VContAction.of(VContKind.STOP, ThreadId.of(0x10, -1)), p.actions().get(2));
        assertEquals(VContAction.of(VContKind.CONTINUE, ThreadId.ALL_THREADS), p.actions().get(3));

        p = parsesAs(VContPacket.class, "vCont;r401000,401010:p1.2;c:p1");
        assertEquals(new VContAction(VContKind.RANGE_STEP, 0, 0x401000, 0x401010, ThreadId.of(1, 2)),
                p.actions().get(0));
        assertEquals(VContAction.of(VContKind.CONTINUE, ThreadId.of(1, -1)), p.actions().get(1));
    }

    @Test
    void vContActionMatching() {
        VContAction a = VContAction.of(VContKind.STEP, ThreadId.of(5, 7));
        assertTrue(a.appliesTo(5, 7));
        assertFalse(a.appliesTo(5, 8));
        assertFalse(a.appliesTo(6, 7));
        assertTrue(VContAction.of(VContKind.CONTINUE, ThreadId.of(5, -1)).appliesTo(5, 9));
        assertFalse(VContAction.of(VContKind.CONTINUE, ThreadId.of(5, -1)).appliesTo(6, 9));
        assertTrue(VContAction.of(VContKind.CONTINUE, null).appliesTo(6, 9));
        assertTrue(VContAction.of(VContKind.CONTINUE, ThreadId.ALL_THREADS).appliesTo(6, 9));
    }

    @Test
    void vContInvalid() {
        malformed("vCont");
        malformed("vCont;");
        malformed("vCont;x");
        malformed("vCont;C");
        malformed("vCont;r1000");
        malformed("vCont;c:");
        malformed("vCont;c:pz");
        malformed("vCont;cc");
        unknown("vCont c");
    }
}
