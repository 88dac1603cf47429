package org.jgdbserver.rsp.protocol;

import org.junit.jupiter.api.Test;

import static org.jgdbserver.rsp.protocol.ParserAssertions.bytes;
import static org.junit.jupiter.api.Assertions.*;

class RepliesTest {

    @Test
    void errors() {
        assertEquals("E01", Replies.E01.text());
        assertEquals("E0e", Replies.error(14).text());
        assertEquals("Eff", Replies.error(-1).text());
        assertSame(Replies.error(14), Replies.error(14));
        assertEquals("E.no such file", Replies.errorMessage("no such file").text());
        assertEquals("OK", Replies.OK.text());
        assertEquals("", Replies.EMPTY.text());
    }

    @Test
    void data() {
        assertEquals("00ff10", Replies.hex(bytes(0, 255, 16)).text());
        assertEquals("ff", Replies.hex(bytes(0, 255, 16), 1, 1).text());
        assertArrayEquals(bytes('b', '$', 0), Replies.binaryMemory(bytes('$', 0), 0, 2).body());
        assertEquals("l<target/>", Replies.xferChunk(true, "<target/>".getBytes(), 0, 9).text());
        assertEquals("m<t", Replies.xferChunk(false, "<target/>".getBytes(), 0, 2).text());
        assertEquals("O68690a", Replies.consoleOutput("hi\n").text());
        assertEquals("QCp1.2", Replies.currentThread(ThreadId.of(1, 2), true).text());
    }

    @Test
    void fileReplies() {
        assertEquals("F5", Replies.fileResult(5).text());
        assertEquals("F-1", Replies.fileResult(-1).text());
        assertEquals("F-1,2", Replies.fileError(2).text());
        assertArrayEquals(bytes('F', '3', ';', 'a', '#', 0), Replies.fileData(bytes('a', '#', 0), 0, 3).body());
        assertEquals("F0;", Replies.fileData(new byte[0], 0, 0).text());
    }
}
