package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code __thread} variables through qGetTLSAddr (tls.c): every thread stored its own thread id
 * in {@code tls_tid} and added it to {@code tls_sum} (1000 at first), so after {@code thread N}
 * gdb must print the LWP id it just switched to, and 1000 for {@code tls_sum - tls_tid}. A
 * copy of another thread, or a wrong offset into the block, shows another number.
 */
class ThreadLocalStorageTest extends E2eTestBase {
    private static final Pattern SWITCHED = Pattern.compile("^\\[Switching to thread (\\d+) \\(Thread (\\d+)\\.(\\d+)\\)\\]$");
    private static final Pattern VALUE = Pattern.compile("^\\$(\\d+) = (-?\\d+)$");

    @Test
    void everyThreadSeesItsOwnCopy() {
        eachThreadSeesItsOwnCopy(E2e.bin("tls"));
    }

    @Test
    void everyThreadOfA32BitProgramSeesItsOwnCopy() {
        eachThreadSeesItsOwnCopy(bin32("tls"));
    }

    /** No dynamic linker: gdb sends lm 0, the program's own block is module 1. */
    @Test
    void everyThreadOfAStaticProgramSeesItsOwnCopy() {
        eachThreadSeesItsOwnCopy(E2e.bin("tls-static"));
    }

    @Test
    void everyThreadOfAStatic32BitProgramSeesItsOwnCopy() {
        eachThreadSeesItsOwnCopy(bin32("tls-static"));
    }

    /** At the dynamic linker's entry there is no thread pointer yet: gdbserver's error, gdb's message. */
    /**
     * gdbserver finds TLS through libthread_db along libthread-db-search-path: pointed where
     * there is none, qGetTLSAddr fails (gdb.server/no-thread-db.exp); set back, it works again.
     */
    @Test
    void libthreadDbSearchPathWithoutALibraryMakesTlsUnavailable() {
        ServerProcess s = serverOnPort("--once", E2e.bin("tls").toString(), "1");
        Gdb.Result r = gdb(target(s), "monitor set libthread-db-search-path /foo/bar", "break all_set", "continue",
                "print tls_sum - tls_tid", "monitor set libthread-db-search-path", "print tls_sum - tls_tid", "kill");
        expect(r, "^libthread-db-search-path set to `/foo/bar'$",
                "^Remote target failed to process qGetTLSAddr request$",
                "^libthread-db-search-path set to `\\$sdir:\\$pdir'$",
                "^\\$1 = 1000$");
    }

    @Test
    void beforeTheProgramSetUpTlsGdbGetsAnError() {
        ServerProcess s = serverOnPort("--once", E2e.bin("tls").toString(), "1");
        long pid = s.inferiorPid();
        Gdb.Result r = gdb(target(s), "print tls_tid", "kill");
        expect(r, "^Cannot find thread-local storage for Thread " + pid + "\\." + pid + ", executable file .*tls:$",
                "^Remote target failed to process qGetTLSAddr request$",
                "^\\[Inferior 1 \\(process " + pid + "\\) killed\\]$");
    }

    private void eachThreadSeesItsOwnCopy(Path program) {
        ServerProcess s = serverOnPort("--once", program.toString(), "3");
        long pid = s.inferiorPid();
        List<String> commands = new ArrayList<>(List.of(target(s), "break all_set", "continue"));
        for (int n = 1; n <= 4; n++) {
            commands.add("thread " + n);
            commands.add("print tls_tid");
            commands.add("print tls_sum - tls_tid");
        }
        commands.add("kill");
        Gdb.Result r = gdb(commands.toArray(String[]::new));
        expect(r, "^Thread 1 \"tls[^\"]*\" hit Breakpoint 1, all_set \\(\\) at .*tls\\.c:\\d+$");

        // thread number -> the LWP gdb switched to, and the two values printed there
        Map<Integer, Long> lwp = new HashMap<>();
        Map<Integer, List<Long>> values = new HashMap<>();
        int current = -1;
        for (String line : r.output().split("\n")) {
            Matcher m = SWITCHED.matcher(line);
            if (m.matches()) {
                current = Integer.parseInt(m.group(1));
                assertEquals(pid, Long.parseLong(m.group(2)), line + "\n" + context(r));
                lwp.put(current, Long.parseLong(m.group(3)));
                continue;
            }
            Matcher v = VALUE.matcher(line);
            if (v.matches() && current > 0) {
                values.computeIfAbsent(current, k -> new ArrayList<>()).add(Long.parseLong(v.group(2)));
            }
        }
        assertEquals(4, lwp.size(), "threads switched to: " + lwp + "\n" + context(r));
        assertEquals(pid, lwp.get(1), "thread 1 is the main thread\n" + context(r));
        assertEquals(4, lwp.values().stream().distinct().count(), "distinct LWPs: " + lwp + "\n" + context(r));
        for (int n = 1; n <= 4; n++) {
            assertEquals(List.of(lwp.get(n), 1000L), values.get(n),
                    "thread " + n + " (LWP " + lwp.get(n) + "): tls_tid, tls_sum - tls_tid\n" + context(r));
        }
        expectNot(r, "Cannot find thread-local storage");
        expect(r, "^\\[Inferior 1 \\(process " + pid + "\\) killed\\]$");
        awaitGone(pid, "killed");
    }

    /** A 32-bit test program (native/target/bin32), skipped when gcc could not build it. */
    static Path bin32(String name) {
        Path p = E2e.bin("loop").getParent().resolveSibling("bin32").resolve(name);
        assumeTrue(Files.isExecutable(p), "32-bit test program not built (gcc-multilib): " + p);
        return p;
    }
}
