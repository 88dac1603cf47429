package org.jgdbserver.rsp.protocol;

import org.jgdbserver.rsp.protocol.RegisterPackets.*;
import org.junit.jupiter.api.Test;

import static org.jgdbserver.rsp.protocol.ParserAssertions.*;

class RegisterPacketsTest {

    @Test
    void readRegisters() {
        parses(new ReadRegistersPacket(), "g");
        malformed("gx");
    }

    @Test
    void writeRegisters() {
        parses(new WriteRegistersPacket(bytes(0x01, 0xab, 0xCD)), "G01abCD");
        parses(new WriteRegistersPacket(new byte[0]), "G");
        malformed("G012");
        malformed("G0g");
    }

    @Test
    void readRegister() {
        parses(new ReadRegisterPacket(0x10), "p10");
        parses(new ReadRegisterPacket(0x39), "p39");
        malformed("p");
        malformed("pz");
        malformed("p10,");
        malformed("p100000");
    }

    @Test
    void writeRegister() {
        parses(new WriteRegisterPacket(0x10, bytes(0x78, 0x56, 0x34, 0x12, 0, 0, 0, 0)), "P10=7856341200000000");
        malformed("P10");
        malformed("P10=");
        malformed("P10=123");
        malformed("P=00");
        malformed("P10:00");
    }
}
