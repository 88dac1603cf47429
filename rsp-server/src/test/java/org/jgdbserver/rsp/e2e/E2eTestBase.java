package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * What every end-to-end test needs: our server and the real gdb as separate processes, the
 * programs they debug, and cleanup of all of them after each test (SIGKILL, whatever state
 * they are in). Assertion messages carry the gdb and server transcripts.
 */
abstract class E2eTestBase {
    private final List<ServerProcess> servers = new ArrayList<>();
    private final List<Gdb.Running> gdbs = new ArrayList<>();
    private final List<MiGdb> mis = new ArrayList<>();
    private final List<Long> pids = new ArrayList<>();

    @BeforeEach
    void requireGdb() {
        E2e.assumeGdb();
    }

    @AfterEach
    void killEverything() {
        for (MiGdb mi : mis) {
            E2e.killTree(mi.process);
        }
        for (Gdb.Running g : gdbs) {
            g.kill();
        }
        for (ServerProcess s : servers) {
            s.close();
        }
        for (long pid : pids) {
            E2e.killQuietly(pid);
        }
    }

    ServerProcess server(String... args) {
        ServerProcess s = ServerProcess.start(args);
        servers.add(s);
        return s;
    }

    /** Our server started in the working directory {@code dir}. */
    ServerProcess serverIn(Path dir, String... args) {
        ServerProcess s = ServerProcess.startIn(dir, args);
        servers.add(s);
        return s;
    }

    /** Our server on an ephemeral port ({@code :0}); waits until it listens. Returns it. */
    ServerProcess serverOnPort(String... argsWithoutComm) {
        // gdbserver's syntax: [OPTIONS] COMM PROG...; options come first.
        List<String> args = new ArrayList<>();
        int i = 0;
        while (i < argsWithoutComm.length && argsWithoutComm[i].startsWith("--")) {
            args.add(argsWithoutComm[i++]);
        }
        args.add(":0");
        for (; i < argsWithoutComm.length; i++) {
            args.add(argsWithoutComm[i]);
        }
        ServerProcess s = server(args.toArray(String[]::new));
        s.port();
        return s;
    }

    Gdb.Result gdb(String... commands) {
        return gdb(Duration.ofSeconds(40), commands);
    }

    Gdb.Result gdb(Duration timeout, String... commands) {
        return gdbStart(commands).await(timeout);
    }

    Gdb.Running gdbStart(String... commands) {
        Gdb.Running g = Gdb.start(List.of(commands));
        gdbs.add(g);
        return g;
    }

    MiGdb mi() {
        MiGdb m = MiGdb.start();
        mis.add(m);
        return m;
    }

    /** A pid to SIGKILL after the test if it still exists. */
    long own(long pid) {
        pids.add(pid);
        return pid;
    }

    /** Starts a program outside the JVM's process tree (for attach); killed after the test. */
    long startDetached(Path prog, String... args) {
        return own(E2e.startDetached(prog, args));
    }

    static String target(ServerProcess s) {
        return "target remote :" + s.port();
    }

    static String extendedTarget(ServerProcess s) {
        return "target extended-remote :" + s.port();
    }

    /** Server transcripts, for failure messages. */
    String serverLogs() {
        StringBuilder sb = new StringBuilder();
        for (ServerProcess s : servers) {
            sb.append(s.log()).append('\n');
        }
        return sb.toString();
    }

    String context(Gdb.Result r) {
        return r.describe() + "\n" + serverLogs();
    }

    /** Each regex (multiline) must match the output, in this order, each after the previous match. */
    Matcher expect(Gdb.Result r, String... regexes) {
        int from = 0;
        Matcher last = null;
        for (String regex : regexes) {
            Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(r.output());
            if (!m.find(from)) {
                boolean anywhere = m.find(0);
                fail("gdb output lacks /" + regex + "/" + (anywhere ? " after the previous expectation" : "")
                        + "\n" + context(r));
            }
            from = m.end();
            last = m;
        }
        return last;
    }

    void expectNot(Gdb.Result r, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(r.output());
        if (m.find()) {
            fail("gdb output unexpectedly has /" + regex + "/: " + m.group() + "\n" + context(r));
        }
    }

    /** All first groups of {@code regex} in the output. */
    static List<String> all(Gdb.Result r, String regex) {
        Matcher m = Pattern.compile(regex, Pattern.MULTILINE).matcher(r.output());
        List<String> out = new ArrayList<>();
        while (m.find()) {
            out.add(m.groupCount() > 0 ? m.group(1) : m.group());
        }
        return Collections.unmodifiableList(out);
    }

    /** The process is gone (no /proc entry, or a zombie nobody reaped yet). */
    void awaitGone(long pid, String why) {
        E2e.waitUntil("process " + pid + " gone: " + why, Duration.ofSeconds(20), () -> !E2e.alive(pid),
                this::serverLogs);
    }

    /**
     * The process lives, nobody traces it, and it makes progress: it is not in a stop state
     * and its context switches (the test programs sleep or yield in their loops) advance.
     */
    void assertRunsFree(long pid) {
        E2e.waitUntil("process " + pid + " untraced", Duration.ofSeconds(20),
                () -> E2e.tracerPid(pid) == 0, () -> "status: " + E2e.status(pid).orElse("gone") + "\n" + serverLogs());
        assertTrue(E2e.alive(pid), "process " + pid + " is gone\n" + serverLogs());
        long before = E2e.contextSwitches(pid);
        E2e.waitUntil("process " + pid + " runs", Duration.ofSeconds(20), () -> E2e.contextSwitches(pid) > before + 5,
                () -> "status: " + E2e.status(pid).orElse("gone") + "\n" + serverLogs());
        String st = E2e.state(pid);
        assertTrue(!st.startsWith("t") && !st.startsWith("T") && !st.startsWith("Z"),
                "process " + pid + " state " + st + "\n" + serverLogs());
    }
}
