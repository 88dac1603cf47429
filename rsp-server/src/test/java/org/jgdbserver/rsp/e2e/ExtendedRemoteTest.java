package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code target extended-remote} against {@code jgdbserver --multi :0}: run, kill, run, attach, reconnects. */
class ExtendedRemoteTest extends E2eTestBase {
    private static final String SRC = "session\\.c:\\d+";

    private static String[] runSession(ServerProcess s, String... more) {
        String prog = E2e.bin("session").toString();
        List<String> c = new java.util.ArrayList<>(List.of(extendedTarget(s), "file " + prog,
                "set remote exec-file " + prog));
        c.addAll(List.of(more));
        return c.toArray(String[]::new);
    }

    @Test
    void runKillAndRunAgain() {
        ServerProcess s = serverOnPort("--multi");
        Gdb.Result r = gdb(runSession(s, "break compute", "run 3", "bt", "kill", "info inferiors", "run 3", "bt",
                "delete", "continue"));
        List<String> started = all(r, "^\\[Inferior 1 \\(process (\\d+)\\) killed\\]$");
        assertEquals(1, started.size(), context(r));
        long first = Long.parseLong(started.get(0));
        expect(r, "^Breakpoint 1, compute \\(a=0, b=1\\) at .*" + SRC + "$",
                "^#1  0x[0-9a-f]+ in main \\(argc=2, argv=0x[0-9a-f]+\\) at .*" + SRC + "$",
                "^\\[Inferior 1 \\(process " + first + "\\) killed\\]$",
                "^Breakpoint 1, compute \\(a=0, b=1\\) at .*" + SRC + "$",
                "^#1  0x[0-9a-f]+ in main \\(argc=2, argv=0x[0-9a-f]+\\) at .*" + SRC + "$",
                "^\\[Inferior 1 \\(process \\d+\\) exited with code 053\\]$");
        long second = Long.parseLong(all(r, "^\\[Inferior 1 \\(process (\\d+)\\) exited with code 053\\]$").get(0));
        assertNotEquals(first, second, context(r));
        assertTrue(!E2e.alive(first), "killed process " + first + " still alive\n" + context(r));
        // --multi: the server outlives its programs and its client.
        assertTrue(s.isAlive(), context(r));
    }

    @Test
    void runToCompletionTwiceInOneSession() {
        ServerProcess s = serverOnPort("--multi");
        Gdb.Result r = gdb(runSession(s, "run 3", "run 5"));
        // 3 rounds: 1 + 11 + 31 = 43 (053); 5 rounds: + 61 + 101 = 205, & 0x7f = 77 (0115)
        expect(r, "^\\[Inferior 1 \\(process \\d+\\) exited with code 053\\]$",
                "^\\[Inferior 1 \\(process \\d+\\) exited with code 0115\\]$");
        assertTrue(s.isAlive(), context(r));
    }

    @Test
    void attachToARunningProcessBreakAndDetach() {
        long pid = startDetached(E2e.bin("loop"));
        E2e.waitUntil("loop started", Duration.ofSeconds(10), () -> E2e.alive(pid), () -> "");
        ServerProcess s = serverOnPort("--multi");
        Gdb.Result r = gdb(extendedTarget(s), "file " + E2e.bin("loop"), "attach " + pid, "break tick", "continue",
                "bt", "print counter > 0", "delete", "detach");
        expect(r, "^Breakpoint 1, tick \\(\\) at .*loop\\.c:\\d+$",
                "^#0  tick \\(\\) at .*loop\\.c:\\d+$",
                "^#1  0x[0-9a-f]+ in main \\(argc=1, argv=0x[0-9a-f]+\\) at .*loop\\.c:\\d+$",
                "^\\$1 = 1$",
                "^\\[Inferior 1 \\(process " + pid + "\\) detached\\]$");
        assertRunsFree(pid);
        assertTrue(s.isAlive(), context(r));
    }

    /** Non-stop: vRun still answers with a stop reply, and that thread is then resumable. */
    @Test
    void runAThreadedProgramInNonStopMode() {
        ServerProcess s = serverOnPort("--multi");
        String prog = E2e.bin("threads").toString();
        Gdb.Result r = gdb("set non-stop on", extendedTarget(s), "file " + prog, "set remote exec-file " + prog,
                "break work", "run 3", "info threads", "kill");
        expect(r, "^Thread \\d+ \"worker-\\d\" hit Breakpoint 1, work \\(i=\\d\\) at .*threads\\.c:\\d+$",
                "^\\[Inferior 1 \\(process \\d+\\) killed\\]$");
        assertTrue(s.isAlive(), context(r));
    }

    /** Non-stop: vAttach answers OK (gdbserver's handle_v_attach); the stops follow as notifications. */
    @Test
    void attachInNonStopMode() {
        long pid = startDetached(E2e.bin("loop"));
        E2e.waitUntil("loop started", Duration.ofSeconds(10), () -> E2e.alive(pid), () -> "");
        ServerProcess s = serverOnPort("--multi");
        Gdb.Result r = gdb("set non-stop on", extendedTarget(s), "file " + E2e.bin("loop"), "attach " + pid,
                "break tick", "continue", "print counter > 0", "delete", "detach");
        expect(r, "^Breakpoint 1, tick \\(\\) at .*loop\\.c:\\d+$",
                "^\\$1 = 1$",
                "^\\[Inferior 1 \\(process " + pid + "\\) detached\\]$");
        assertRunsFree(pid);
        assertTrue(s.isAlive(), context(r));
    }

    @Test
    void attachThenKill() {
        long pid = startDetached(E2e.bin("loop"));
        ServerProcess s = serverOnPort("--multi");
        Gdb.Result r = gdb(extendedTarget(s), "file " + E2e.bin("loop"), "attach " + pid, "bt", "kill");
        expect(r, "^#\\d+\\s+0x[0-9a-f]+ in main \\(argc=1, argv=0x[0-9a-f]+\\) at .*loop\\.c:\\d+$",
                "^\\[Inferior 1 \\(process " + pid + "\\) killed\\]$");
        awaitGone(pid, "gdb killed it");
        assertTrue(s.isAlive(), context(r));
    }

    @Test
    void multiKeepsServingNewConnections() {
        ServerProcess s = serverOnPort("--multi");
        for (int client = 1; client <= 3; client++) {
            Gdb.Result r = gdb(runSession(s, "break square", "run 3", "finish", "delete", "continue"));
            expect(r, "^Breakpoint 1, square \\(v=1\\) at .*" + SRC + "$",
                    "^Value returned is \\$1 = 1$",
                    "^\\[Inferior 1 \\(process \\d+\\) exited with code 053\\]$");
            assertTrue(s.isAlive(), "client " + client + "\n" + context(r));
        }
    }

    @Test
    void disconnectedProcessIsStillThereForTheNextClient() {
        // gdbserver --multi keeps what it debugs when its client goes: the next one can attach to it.
        ServerProcess s = serverOnPort("--multi");
        Gdb.Result first = gdb(runSession(s, "break compute", "run 0", "info inferiors", "disconnect"));
        long pid = Long.parseLong(all(first, "^\\*\\s+1\\s+process (\\d+)\\s").get(0));
        own(pid);
        assertTrue(E2e.alive(pid), context(first));
        // gdb finds it on connecting (extended-remote: "?" names a thread of it) and shows where it is.
        Gdb.Result second = gdb(runSession(s, "info inferiors", "bt", "kill"));
        expect(second, "^compute \\(a=0, b=1\\) at .*" + SRC + "$",
                "^\\*\\s+1\\s+process " + pid + "\\s",
                "^#0  compute \\(a=0, b=1\\) at .*" + SRC + "$",
                "^\\[Inferior 1 \\(process " + pid + "\\) killed\\]$");
        awaitGone(pid, "killed by the second client");
    }
}
