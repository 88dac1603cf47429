package org.jgdbserver.rsp.protocol;

import org.jgdbserver.rsp.protocol.ProcessPackets.*;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.OptionalLong;

import static org.jgdbserver.rsp.protocol.ParserAssertions.*;

class ProcessPacketsTest {

    @Test
    void detach() {
        parses(new DetachPacket(OptionalLong.empty()), "D");
        parses(new DetachPacket(OptionalLong.of(0x4d2)), "D;4d2");
        malformed("D;");
        malformed("D4d2");
        malformed("D;4d2;");
    }

    @Test
    void kill() {
        parses(new KillPacket(), "k");
        parses(new VKillPacket(0x4d2), "vKill;4d2");
        malformed("vKill");
        malformed("vKill;");
        malformed("vKill;zz");
        unknown("kk");
    }

    @Test
    void restart() {
        // gdb sends "R0" ("R%x" of 0); gdbserver ignores the number
        parses(new RestartPacket(), "R0");
        parses(new RestartPacket(), "R00");
        parses(new RestartPacket(), "R");
        malformed("Rx");
        malformed("R0;1");
    }

    @Test
    void extendedMode() {
        parses(new ExtendedModePacket(), "!");
    }

    @Test
    void attach() {
        parses(new AttachPacket(0x3039), "vAttach;3039");
        malformed("vAttach");
        malformed("vAttach;");
        malformed("vAttach;1;2");
    }

    @Test
    void run() {
        String prog = Hex.encodeString("/bin/true");
        parses(new RunPacket("/bin/true", List.of()), "vRun;" + prog);
        parses(new RunPacket("/bin/echo", List.of("a b", "", "\u00e9")),
                "vRun;" + Hex.encodeString("/bin/echo") + ";" + Hex.encodeString("a b") + ";;"
                        + Hex.encodeString("\u00e9"));
        parses(new RunPacket("", List.of()), "vRun;");
        malformed("vRun");
        malformed("vRun;zz");
        malformed("vRun;616");
    }
}
