package org.jgdbserver.rsp.protocol;

import org.jgdbserver.rsp.protocol.FilePackets.*;
import org.junit.jupiter.api.Test;

import static org.jgdbserver.rsp.protocol.ParserAssertions.*;

class FilePacketsTest {

    private static final String LIB = Hex.encodeString("/lib/x86_64-linux-gnu/libc.so.6");

    @Test
    void open() {
        parses(new FileOpenPacket("/lib/x86_64-linux-gnu/libc.so.6", 0, 0), "vFile:open:" + LIB + ",0,0");
        parses(new FileOpenPacket("/tmp/x", 0x601, 0x1a4), "vFile:open:" + Hex.encodeString("/tmp/x") + ",601,1a4");
        malformed("vFile:open:" + LIB);
        malformed("vFile:open:" + LIB + ",0");
        malformed("vFile:open:2f7,0,0");
    }

    @Test
    void readWrite() {
        parses(new FilePreadPacket(5, 0x3fff, 0x1000), "vFile:pread:5,3fff,1000");
        parses(new FilePwritePacket(5, 0x10, bytes(',', 0, '}')), "vFile:pwrite:5,10,,\u0000}");
        parses(new FilePwritePacket(5, 0, new byte[0]), "vFile:pwrite:5,0,");
        malformed("vFile:pread:5,3fff");
        malformed("vFile:pwrite:5,10");
    }

    @Test
    void others() {
        parses(new FileClosePacket(5), "vFile:close:5");
        parses(new FileFstatPacket(5), "vFile:fstat:5");
        parses(new FileUnlinkPacket("/tmp/x"), "vFile:unlink:" + Hex.encodeString("/tmp/x"));
        parses(new FileReadlinkPacket("/proc/1/exe"), "vFile:readlink:" + Hex.encodeString("/proc/1/exe"));
        parses(new FileSetfsPacket(0), "vFile:setfs:0");
        parses(new FileSetfsPacket(0x4d2), "vFile:setfs:4d2");
        malformed("vFile:close:");
        malformed("vFile:close:5,");
        malformed("vFile:fstat:x");
        malformed("vFile:setfs:");
        malformed("vFile");
        unknown("vFile:stat:00");
        unknown("vFile:frob");
    }
}
