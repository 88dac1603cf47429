package org.jgdbserver.rsp.protocol;

import org.junit.jupiter.api.Test;

import static org.jgdbserver.rsp.protocol.ParserAssertions.bytes;
import static org.junit.jupiter.api.Assertions.*;

class StopReplyTest {

    @Test
    void breakpointStop() {
        String s = StopReply.signal(GdbSignals.TRAP, true)
                .register(6, bytes(0x10, 0xe0, 0xff, 0xff, 0xff, 0x7f, 0, 0))
                .register(7, bytes(0xf8, 0xdf, 0xff, 0xff, 0xff, 0x7f, 0, 0))
                .register(0x10, bytes(0x36, 0x11, 0x40, 0, 0, 0, 0, 0))
                .thread(1234, 1234).core(1).swbreak().toString();
        assertEquals("T0506:10e0ffffff7f0000;07:f8dfffffff7f0000;10:3611400000000000;"
                + "thread:p4d2.4d2;core:1;swbreak:;", s);
    }

    @Test
    void singleProcessThread() {
        assertEquals("T05thread:4d2;", StopReply.signal(5, false).thread(1234, 1234).toString());
        assertEquals("T1ethread:p1.2;", StopReply.signal(GdbSignals.USR1, true).thread(ThreadId.of(1, 2)).toString());
    }

    @Test
    void reasons() {
        assertEquals("T05hwbreak:;", StopReply.signal(5, true).hwbreak().toString());
        assertEquals("T05watch:601040;rwatch:10;awatch:0;",
                StopReply.signal(5, true).watch(0x601040).rwatch(0x10).awatch(0).toString());
        assertEquals("T05fork:p7b.7b;thread:p1.1;",
                StopReply.signal(5, true).fork(123, 123).thread(1, 1).toString());
        assertEquals("T05vfork:p7b.7b;", StopReply.signal(5, true).vfork(123, 123).toString());
        assertEquals("T05vforkdone:;", StopReply.signal(5, true).vforkDone().toString());
        assertEquals("T05exec:2f62696e2f6c73;", StopReply.signal(5, true).exec("/bin/ls").toString());
        assertEquals("T05syscall_entry:e7;syscall_return:3c;",
                StopReply.signal(5, true).syscallEntry(0xe7).syscallReturn(0x3c).toString());
        assertEquals("T05library:;create:;name:v;",
                StopReply.signal(5, true).library().create().field("name", "v").toString());
        assertEquals("T05100:00;", StopReply.signal(5, true).register(0x100, bytes(0)).toString());
    }

    @Test
    void replyAndNotification() {
        assertEquals("T05", StopReply.signal(5, false).toReply().text());
        assertEquals("Stop:T05", new String(StopReply.signal(5, false).toNotification().body()));
    }

    @Test
    void otherForms() {
        assertEquals("S0b", StopReply.signalOnly(GdbSignals.SEGV).text());
        assertEquals("W00;process:4d2", StopReply.exited(0, 1234, true).text());
        assertEquals("W2a", StopReply.exited(42, 1234, false).text());
        assertEquals("X09;process:4d2", StopReply.terminated(GdbSignals.KILL, 1234, true).text());
        assertEquals("X0b", StopReply.terminated(GdbSignals.SEGV, 1234, false).text());
        assertEquals("w00;p4d2.4d3", StopReply.threadExited(0, 1234, 1235, true).text());
        assertEquals("w01;4d3", StopReply.threadExited(1, 1234, 1235, false).text());
        assertEquals("N", StopReply.noResumed().text());
    }
}
