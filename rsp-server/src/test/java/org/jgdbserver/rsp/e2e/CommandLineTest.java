package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the server prints where tools read it, and exits with, as gdbserver does. */
class CommandLineTest extends E2eTestBase {

    @Test
    void aHostThatDoesNotResolveIsAnErrorBeforeAnythingStarts() {
        // gdb.server/server-connect.exp starts gdbserver with "udp123:::PORT" and
        // "garbage:1234:PORT" and expects "COMM: cannot resolve name: ..." and a failure.
        ServerProcess s = server("udp123:::2399", E2e.bin("loop").toString());
        assertEquals(1, s.awaitExit(Duration.ofSeconds(30)), s.log());
        String err = s.log();
        assertTrue(err.contains("udp123:::2399: cannot resolve name: "), err);
        assertTrue(err.contains("Exiting"), err);
        assertTrue(!err.contains("created; pid"), err);
    }

    @Test
    void aProgramTheShellCannotFindIsReportedInGdbserversWords() {
        // gdb.server/non-existing-program.exp: over stdio gdbserver says the program's output is
        // redirected, the shell says why, then "During startup program exited with code 127.".
        ServerProcess s = server("stdio", "non-existing-program");
        assertEquals(1, s.awaitExit(Duration.ofSeconds(30)), s.log());
        String err = s.log();
        assertTrue(java.util.regex.Pattern.compile("(?s)stdin/stdout redirected\\n.*exec: non-existing-program: not found\\n"
                + "During startup program exited with code 127\\.\\nExiting\\n").matcher(err).find(), err);
    }

    @Test
    void aPortInUseIsReportedInGdbserversWordsAndNothingIsLeftRunning() throws IOException {
        // The gdb testsuite retries on the next port only when it reads exactly these words.
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(0));
            ServerProcess s = server(":" + taken.getLocalPort(), E2e.bin("loop").toString());
            int status = s.awaitExit(Duration.ofSeconds(30));
            String err = s.log();
            assertEquals(1, status, err);
            assertTrue(err.contains("Can't bind address: Address already in use.\n"), err);
            assertTrue(err.contains("Exiting"), err);
            long pid = Long.parseLong(s.stderr.find(java.util.regex.Pattern.compile("Process .* created; pid = (\\d+)"), 0));
            awaitGone(pid, "the program the server started before the bind failed");
        }
    }
}
