package org.jgdbserver.rsp.protocol;

import org.jgdbserver.rsp.protocol.StopPackets.*;
import org.jgdbserver.rsp.protocol.ThreadPackets.*;
import org.junit.jupiter.api.Test;

import static org.jgdbserver.rsp.protocol.ParserAssertions.*;

class ThreadPacketsTest {

    @Test
    void setThread() {
        parses(new SetThreadPacket('g', ThreadId.of(0x4d2, 0x4d2)), "Hgp4d2.4d2");
        parses(new SetThreadPacket('c', ThreadId.ALL_THREADS), "Hc-1");
        parses(new SetThreadPacket('g', ThreadId.ANY_THREAD), "Hg0");
        parses(new SetThreadPacket('c', ThreadId.of(-1, -1)), "Hcp-1.-1");
        parses(new SetThreadPacket('g', ThreadId.of(7, -1)), "Hgp7");
        malformed("H");
        malformed("Hg");
        malformed("H-1");
        malformed("Hgp");
        malformed("Hgp1.");
        malformed("Hg1x");
    }

    @Test
    void threadAlive() {
        parses(new ThreadAlivePacket(ThreadId.of(1, 2)), "Tp1.2");
        parses(new ThreadAlivePacket(new ThreadId(ThreadId.NO_PID, 0x2a)), "T2a");
        malformed("T");
        malformed("Tq");
    }

    @Test
    void threadQueries() {
        parses(new CurrentThreadPacket(), "qC");
        parses(new ThreadInfoFirstPacket(), "qfThreadInfo");
        parses(new ThreadInfoNextPacket(), "qsThreadInfo");
        unknown("qCx");
        unknown("qfThreadInfoX");
    }

    @Test
    void tls() {
        parses(new GetTlsAddrPacket(ThreadId.of(0x10, 0x11), 0x8, 0x7ffff7ffe190L),
                "qGetTLSAddr:p10.11,8,7ffff7ffe190");
        malformed("qGetTLSAddr:p10.11,8");
        malformed("qGetTLSAddr");
    }

    @Test
    void stopPackets() {
        parses(new HaltReasonPacket(), "?");
        parses(new StoppedPacket(), "vStopped");
        parses(new CtrlCPacket(), "vCtrlC");
        unknown("?x");
        unknown("vStoppedx");
    }
}
