package org.jgdbserver.rsp.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Program names and command-line arguments made ready for the startup shell, as gdbserver makes them. */
class InferiorCommandLineTest {

    @Test
    void plainWordsStayAsTheyAre() {
        assertEquals(List.of("third-arg", "a.b,c=d%e"), InferiorCommandLine.shellWords(List.of("third-arg", "a.b,c=d%e")));
    }

    @Test
    void anEmptyArgumentBecomesTwoQuotes() {
        assertEquals("''", InferiorCommandLine.shellWord(""));
    }

    @Test
    void specialCharactersAreEscapedOneByOne() {
        assertEquals("first\\ arg", InferiorCommandLine.shellWord("first arg"));
        assertEquals("\\$HOME\\;\\ \\*\\'\\\"\\\\", InferiorCommandLine.shellWord("$HOME; *'\"\\"));
    }

    @Test
    void aNewlineGoesInsideQuotes() {
        assertEquals("a'\n'b", InferiorCommandLine.shellWord("a\nb"));
    }

    @Test
    void theShellGivesBackTheOriginalArguments() throws Exception {
        List<String> args = List.of("first arg", "", "third-arg", "$x 'y' \"z\" \\ ;|&<>()`{}[]*?~^!#", "two\nlines");
        String script = "exec printf '[%s]\\n' " + String.join(" ", InferiorCommandLine.shellWords(args));
        Process p = new ProcessBuilder("/bin/sh", "-c", script).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
        StringBuilder want = new StringBuilder();
        for (String a : args) {
            want.append('[').append(a).append("]\n");
        }
        assertEquals(want.toString(), out);
    }

    @Test
    void aBareNameOfAFileInTheWorkingDirectoryBecomesAbsolute(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("prog"), "");
        assertEquals(dir.resolve("prog").toString(), InferiorCommandLine.absoluteProgram("prog", dir));
    }

    @Test
    void otherNamesAreLeftForThePathSearch(@TempDir Path dir) throws IOException {
        Files.createDirectory(dir.resolve("sub"));
        assertEquals("ls", InferiorCommandLine.absoluteProgram("ls", dir)); // not here: PATH
        assertEquals("sub", InferiorCommandLine.absoluteProgram("sub", dir)); // a directory
        assertEquals("./prog", InferiorCommandLine.absoluteProgram("./prog", dir)); // has a '/'
        assertEquals("/bin/true", InferiorCommandLine.absoluteProgram("/bin/true", dir));
    }
}
