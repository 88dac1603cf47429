package org.jgdbserver.tracer;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The scan of /proc/PID/task/TID/stat that gives a stopped thread's core. */
class ProcStatTest {

    private static int field(String line, int field) {
        byte[] b = line.getBytes(StandardCharsets.ISO_8859_1);
        return TracedThread.statField(b, b.length, field);
    }

    /** A stat line whose field i (from 3 on) is i * 10. */
    private static String line(String comm) {
        StringBuilder sb = new StringBuilder("4242 (").append(comm).append(')');
        for (int i = 3; i <= 52; i++) {
            sb.append(' ').append(i * 10);
        }
        return sb.append('\n').toString();
    }

    @Test
    void fieldsAreCountedFromTheLastParenthesis() {
        assertEquals(390, field(line("loop"), 39));
        assertEquals(30, field(line("loop"), 3));
        assertEquals(390, field(line("a) b (c d)"), 39));
        assertEquals(520, field(line(") ) )"), 52));
    }

    @Test
    void aMissingOrNonNumericFieldIsMinusOne() {
        assertEquals(-1, field("4242 (x) S 1 2", 39));
        assertEquals(-1, field("no parenthesis here", 3));
        assertEquals(-1, field("4242 (x) S 1", 3));
    }

    @Test
    void agreesWithSplittingOurOwnStatLine() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // Fields that do not move while we read: ppid (4), pgrp (5), session (6).
        for (int i = 4; i <= 6; i++) {
            assertEquals(Integer.parseInt(f[i - 3]), field(stat, i), "field " + i);
        }
    }
}
