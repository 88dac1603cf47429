package org.jgdbserver.rsp.protocol;

import org.jgdbserver.rsp.protocol.SettingPackets.*;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.jgdbserver.rsp.protocol.ParserAssertions.*;

class SettingPacketsTest {

    @Test
    void flags() {
        parses(new NonStopPacket(true), "QNonStop:1");
        parses(new NonStopPacket(false), "QNonStop:0");
        parses(new ThreadEventsPacket(true), "QThreadEvents:1");
        parses(new StartupWithShellPacket(false), "QStartupWithShell:0");
        parses(new DisableRandomizationPacket(true), "QDisableRandomization:1");
        malformed("QNonStop:2");
        malformed("QNonStop:");
        malformed("QNonStop:11");
        malformed("QThreadEvents:x");
        unknown("QNonStop");
    }

    @Test
    void simple() {
        parses(new StartNoAckModePacket(), "QStartNoAckMode");
        parses(new EnvironmentResetPacket(), "QEnvironmentReset");
        parses(new ListThreadsInStopReplyPacket(), "QListThreadsInStopReply");
        malformed("QStartNoAckMode:1");
    }

    @Test
    void signalLists() {
        parses(new PassSignalsPacket(List.of(0xe, 0x14, 0x17, 0x1a, 0x1c, 0x2c, 0x4c, 0x97)),
                "QPassSignals:e;14;17;1a;1c;2c;4c;97");
        parses(new PassSignalsPacket(List.of()), "QPassSignals:");
        parses(new ProgramSignalsPacket(List.of(1, 2)), "QProgramSignals:1;2");
        parses(new ProgramSignalsPacket(List.of()), "QProgramSignals:");
        // What gdb 13 really sends: every number followed by ';'.
        parses(new PassSignalsPacket(List.of(0xe, 0x10, 0x97)), "QPassSignals:e;10;97;");
        parses(new ProgramSignalsPacket(List.of(0, 1, 3)), "QProgramSignals:0;1;3;");
        malformed("QPassSignals:e;;");
        malformed("QPassSignals:;e");
        malformed("QPassSignals:100");
        malformed("QProgramSignals:x");
    }

    @Test
    void catchSyscalls() {
        parses(new CatchSyscallsPacket(false, List.of()), "QCatchSyscalls:0");
        parses(new CatchSyscallsPacket(true, List.of()), "QCatchSyscalls:1");
        parses(new CatchSyscallsPacket(true, List.of(0x3c, 0xe7)), "QCatchSyscalls:1;3c;e7");
        malformed("QCatchSyscalls:0;1");
        malformed("QCatchSyscalls:2");
        malformed("QCatchSyscalls:");
        malformed("QCatchSyscalls:1;");
    }

    @Test
    void environment() {
        parses(new EnvironmentSetPacket("FOO", "bar=baz"), "QEnvironmentHexEncoded:" + Hex.encodeString("FOO=bar=baz"));
        parses(new EnvironmentSetPacket("EMPTY", ""), "QEnvironmentHexEncoded:" + Hex.encodeString("EMPTY="));
        parses(new EnvironmentUnsetPacket("FOO"), "QEnvironmentUnset:" + Hex.encodeString("FOO"));
        malformed("QEnvironmentHexEncoded:" + Hex.encodeString("FOO"));
        malformed("QEnvironmentHexEncoded:" + Hex.encodeString("=x"));
        malformed("QEnvironmentHexEncoded:4");
        malformed("QEnvironmentUnset:");
    }

    @Test
    void workingDir() {
        parses(new SetWorkingDirPacket("/tmp"), "QSetWorkingDir:" + Hex.encodeString("/tmp"));
        parses(new SetWorkingDirPacket(""), "QSetWorkingDir:");
        malformed("QSetWorkingDir:2");
    }

    @Test
    void unknownSettings() {
        unknown("QAllow:WriteReg:1;WriteMem:1");
        unknown("QAgent:1");
        unknown("QTinit");
    }
}
