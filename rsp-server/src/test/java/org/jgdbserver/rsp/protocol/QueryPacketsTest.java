package org.jgdbserver.rsp.protocol;

import org.jgdbserver.rsp.protocol.QueryPackets.*;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static org.jgdbserver.rsp.protocol.ParserAssertions.*;
import static org.junit.jupiter.api.Assertions.*;

class QueryPacketsTest {

    @Test
    void supportedFromGdb13() {
        SupportedPacket p = parsesAs(SupportedPacket.class,
                "qSupported:multiprocess+;swbreak+;hwbreak+;qRelocInsn+;fork-events+;vfork-events+;"
                        + "exec-events+;vContSupported+;QThreadEvents+;no-resumed+;memory-tagging+;xmlRegisters=i386");
        assertTrue(p.supports("multiprocess"));
        assertTrue(p.supports("vContSupported"));
        assertTrue(p.supports("memory-tagging"));
        assertFalse(p.supports("xmlRegisters"));
        assertEquals("i386", p.value("xmlRegisters"));
        assertEquals(12, p.features().size());
        assertEquals("multiprocess", p.features().keySet().iterator().next());
    }

    @Test
    void supportedForms() {
        parses(new SupportedPacket(Map.of()), "qSupported");
        SupportedPacket p = parsesAs(SupportedPacket.class, "qSupported:a-;b?;c=;d=x=y");
        assertEquals("-", p.value("a"));
        assertEquals("?", p.value("b"));
        assertEquals("", p.value("c"));
        assertEquals("x=y", p.value("d"));
        assertFalse(p.supports("a"));
        malformed("qSupported:foo");
        malformed("qSupported:+");
        unknown("qSupportedx");
    }

    @Test
    void xferRead() {
        parses(new XferReadPacket("features", "target.xml", 0, 0xffb), "qXfer:features:read:target.xml:0,ffb");
        parses(new XferReadPacket("auxv", "", 0x100, 0x1000), "qXfer:auxv:read::100,1000");
        parses(new XferReadPacket("libraries-svr4", "start=0;prev=1", 0, 0x10),
                "qXfer:libraries-svr4:read:start=0;prev=1:0,10");
        malformed("qXfer:features:read:target.xml:0");
        malformed("qXfer:features:read:target.xml");
        malformed("qXfer:features:read");
        malformed("qXfer::read::0,1");
        malformed("qXfer");
        unknown("qXfer:features:frob::0,1");
    }

    @Test
    void xferWrite() {
        XferWritePacket p = parsesAs(XferWritePacket.class, "qXfer:siginfo:write::10:a:b");
        assertEquals(new XferWritePacket("siginfo", "", 0x10, bytes('a', ':', 'b')), p);
        malformed("qXfer:siginfo:write::10");
    }

    @Test
    void attached() {
        parses(new AttachedQueryPacket(OptionalLong.empty()), "qAttached");
        parses(new AttachedQueryPacket(OptionalLong.of(0x4d2)), "qAttached:4d2");
        malformed("qAttached:");
        malformed("qAttached:x");
    }

    @Test
    void symbol() {
        SymbolPacket offer = parsesAs(SymbolPacket.class, "qSymbol::");
        assertTrue(offer.isOffer());
        parses(new SymbolPacket(OptionalLong.of(0x7ffff7dd0000L), "nptl_version"),
                "qSymbol:7ffff7dd0000:" + Hex.encodeString("nptl_version"));
        parses(new SymbolPacket(OptionalLong.empty(), "nptl_version"), "qSymbol::" + Hex.encodeString("nptl_version"));
        malformed("qSymbol");
        malformed("qSymbol:");
        malformed("qSymbol:12");
        malformed("qSymbol::abc");
    }

    @Test
    void monitor() {
        parses(new MonitorCommandPacket("help"), "qRcmd," + Hex.encodeString("help"));
        parses(new MonitorCommandPacket(""), "qRcmd,");
        malformed("qRcmd");
        malformed("qRcmd,6");
        malformed("qRcmd:6865");
    }

    @Test
    void otherQueriesAreUnknown() {
        for (String s : List.of("qTStatus", "qOffsets", "qTfP", "qL1200", "qThreadExtraInfo,1", "qMemTags:0,1:1")) {
            unknown(s);
        }
    }
}
