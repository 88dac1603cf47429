package org.jgdbserver.rsp.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;
import org.awaitility.core.ConditionTimeoutException;
import org.awaitility.core.TerminalFailureException;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Paths, JVM command lines and /proc checks shared by the end-to-end tests. */
final class E2e {
    private E2e() {}

    static final Path GDB = Path.of("/usr/bin/gdb");

    /** JVM options of ./jgdbserver (fast start-up on a 2-core VM). */
    static final List<String> JVM_OPTS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
            "-Xss1m", "-XX:+DisplayVMOutputToStderr", "-Xlog:disable", "-Xlog:all=warning:stderr");

    static Path bin(String name) {
        Path dir = Path.of(System.getProperty("jgdb.native.bin", "../native/target/bin"));
        Path p = dir.resolve(name).toAbsolutePath().normalize();
        assumeTrue(Files.isExecutable(p), "test program not built: " + p);
        return p;
    }

    static void assumeGdb() {
        assumeTrue(Files.isExecutable(GDB), "no " + GDB);
    }

    /**
     * {@code -Djgdb.e2e.server=gdbserver} runs the same tests against GNU gdbserver
     * (/usr/bin/gdbserver): a check of the tests themselves, that what they expect is what
     * gdbserver does.
     */
    static boolean reference() {
        return "gdbserver".equals(System.getProperty("jgdb.e2e.server", "jgdbserver"));
    }

    /**
     * {@code java ... org.jgdbserver.rsp.Main ARGS} from this JVM's classpath (surefire's works
     * too), or {@code gdbserver ARGS} under {@link #reference()}.
     */
    static List<String> serverCommand(List<String> serverArgs) {
        List<String> cmd = new ArrayList<>();
        if (reference()) {
            cmd.add("/usr/bin/gdbserver");
            cmd.addAll(serverArgs);
            return cmd;
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(JVM_OPTS);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.jgdbserver.rsp.Main");
        cmd.addAll(serverArgs);
        return cmd;
    }

    /** The same command as one shell word list, for gdb's {@code target remote | CMD}. */
    static String shellCommand(List<String> words) {
        StringBuilder sb = new StringBuilder();
        for (String w : words) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append('\'').append(w.replace("'", "'\\''")).append('\'');
        }
        return sb.toString();
    }

    /** A process is alive when /proc/PID exists and it is not a zombie. */
    static boolean alive(long pid) {
        Optional<String> st = status(pid);
        return st.isPresent() && !field(st.get(), "State").startsWith("Z") && !field(st.get(), "State").startsWith("X");
    }

    static boolean procExists(long pid) {
        return Files.exists(Path.of("/proc/" + pid));
    }

    static Optional<String> status(long pid) {
        try {
            return Optional.of(Files.readString(Path.of("/proc/" + pid + "/status")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String state(long pid) {
        return status(pid).map(s -> field(s, "State")).orElse("gone");
    }

    static long tracerPid(long pid) {
        return status(pid).map(s -> Long.parseLong(field(s, "TracerPid"))).orElse(-1L);
    }

    /** The names (comm) of the threads of a process. */
    static List<String> taskNames(long pid) {
        return tasks(pid, t -> Files.readString(t.resolve("comm")).trim());
    }

    /** "STATE TRACERPID" of each thread of a process, e.g. "S 0". */
    static List<String> taskStates(long pid) {
        return tasks(pid, t -> {
            String st = Files.readString(t.resolve("status"));
            return field(st, "State").substring(0, 1) + " " + field(st, "TracerPid");
        });
    }

    interface TaskReader {
        String read(Path task) throws IOException;
    }

    private static List<String> tasks(long pid, TaskReader reader) {
        List<String> out = new ArrayList<>();
        try (java.util.stream.Stream<Path> ts = Files.list(Path.of("/proc/" + pid + "/task"))) {
            for (Path t : ts.toList()) {
                try {
                    out.add(reader.read(t));
                } catch (IOException e) {
                    // thread gone meanwhile
                }
            }
        } catch (IOException e) {
            // process gone
        }
        return out;
    }

    /** voluntary + involuntary context switches of the main thread so far. */
    static long contextSwitches(long pid) {
        return status(pid).map(s -> Long.parseLong(field(s, "voluntary_ctxt_switches"))
                + Long.parseLong(field(s, "nonvoluntary_ctxt_switches"))).orElse(-1L);
    }

    /** utime+stime of a process, in clock ticks: grows while it runs. */
    static long cpuTicks(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(f[11]) + Long.parseLong(f[12]);
        } catch (IOException e) {
            return -1;
        }
    }

    private static String field(String status, String name) {
        Matcher m = Pattern.compile("(?m)^" + name + ":\\s*(.*)$").matcher(status);
        return m.find() ? m.group(1).trim() : "";
    }

    /** Kills a process by pid if it still exists (SIGKILL); for cleanup. */
    static void killQuietly(long pid) {
        ProcessHandle.of(pid).ifPresent(h -> {
            h.descendants().forEach(ProcessHandle::destroyForcibly);
            h.destroyForcibly();
        });
    }

    static void killTree(Process p) {
        if (p == null) {
            return;
        }
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Starts {@code prog args} outside our process tree ({@code setsid sh -c 'prog & echo $!'}):
     * its parent is not this JVM, as a process a user attaches to. Returns its pid.
     */
    static long startDetached(Path prog, String... args) {
        List<String> words = new ArrayList<>();
        words.add(prog.toString());
        words.addAll(List.of(args));
        String script = shellCommand(words) + " </dev/null >/dev/null 2>&1 & echo $!";
        try {
            Process sh = new ProcessBuilder("setsid", "sh", "-c", script).redirectErrorStream(true).start();
            String out;
            try (InputStream in = sh.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            if (!sh.waitFor(10, TimeUnit.SECONDS)) {
                sh.destroyForcibly();
                throw new IllegalStateException("setsid sh did not finish");
            }
            return Long.parseLong(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Duration seconds(long s) {
        return Duration.ofSeconds(s);
    }

    /**
     * Awaitility, bounded by {@code timeout}, polling every 20 ms; gives up early when
     * {@code hopeless} becomes true. On failure the message carries {@code context} (the
     * transcripts of gdb and the server).
     */
    static void waitUntil(String what, Duration timeout, Callable<Boolean> condition, Callable<Boolean> hopeless,
            Supplier<String> context) {
        try {
            ConditionFactory f = Awaitility.await(what).atMost(timeout).pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(20));
            if (hopeless != null) {
                f = f.failFast(what + ": cannot happen any more", hopeless);
            }
            f.until(condition);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + "\n" + context.get(), e);
        }
    }

    static void waitUntil(String what, Duration timeout, Callable<Boolean> condition, Supplier<String> context) {
        waitUntil(what, timeout, condition, null, context);
    }

    /** {@code condition} stays true for all of {@code period} (Awaitility's during). */
    static void holdsFor(String what, Duration period, Callable<Boolean> condition, Supplier<String> context) {
        try {
            Awaitility.await(what).during(period).atMost(period.plusSeconds(2)).pollInterval(Duration.ofMillis(50))
                    .until(condition);
        } catch (ConditionTimeoutException | TerminalFailureException e) {
            throw new AssertionError(e.getMessage() + "\n" + context.get(), e);
        }
    }
}
