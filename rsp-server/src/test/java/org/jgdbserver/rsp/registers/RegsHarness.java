package org.jgdbserver.rsp.registers;

import org.awaitility.Awaitility;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Servers (ours, from the test classpath, or /usr/bin/gdbserver) debugging native/src/inferiors/regs.c,
 * and the real gdb talking to them in batch mode. Every process started here is killed by {@link #close}.
 */
final class RegsHarness implements AutoCloseable {
    static final Path GDB = Path.of("/usr/bin/gdb");
    static final Path GDBSERVER = Path.of("/usr/bin/gdbserver");
    static final Duration GDB_TIMEOUT = Duration.ofSeconds(120);

    /** Fast start-up on the 2-core machine, as ./jgdbserver runs the JVM. */
    private static final List<String> JVM_OPTS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:-UsePerfData", "-Xshare:auto");

    enum Kind {
        JGDBSERVER, GDBSERVER
    }

    /** A server listening for one gdb; its stdout (the inferior's too) and stderr go to files. */
    record Server(Kind kind, Process process, int port, Path stdout, Path stderr) {
        String out() {
            return read(stdout);
        }

        String err() {
            return read(stderr);
        }
    }

    /** One gdb session's output with the commands that produced it. */
    record Session(Kind kind, List<String> commands, String output, String serverOut, String serverErr) {
        String describe() {
            StringBuilder sb = new StringBuilder("\n--- " + kind + ": gdb commands ---\n");
            commands.forEach(c -> sb.append("  ").append(c).append('\n'));
            return sb.append("--- gdb output ---\n").append(output).append("--- server stdout ---\n").append(serverOut)
                    .append("--- server stderr ---\n").append(serverErr).toString();
        }

        /** Values printed after {@code echo @NAME=} markers (see {@link #mark}): NAME to the text after "$N = ". */
        Map<String, String> marks() {
            Map<String, String> m = new LinkedHashMap<>();
            Matcher x = Pattern.compile("(?m)^@([^=\\s]+)=\\$\\d+ = (.*)$").matcher(output);
            while (x.find()) {
                m.put(x.group(1), x.group(2).strip());
            }
            return m;
        }

        /** The register lines of an {@code info registers} run between {@code echo @NAME-begin} and {@code -end}. */
        Map<String, String> registers(String name) {
            int b = output.indexOf("@" + name + "-begin\n");
            int e = output.indexOf("@" + name + "-end\n");
            if (b < 0 || e < b) {
                fail("no @" + name + " section in gdb output" + describe());
            }
            Map<String, String> m = new LinkedHashMap<>();
            for (String line : output.substring(b, e).split("\n")) {
                Matcher x = Pattern.compile("^([a-z][a-z0-9_]*)\\s+(\\S.*)$").matcher(line);
                if (x.matches()) {
                    m.put(x.group(1), x.group(2).strip());
                }
            }
            return m;
        }

        /** {@code maint print remote-registers}: the table lines, from the header to the last register. */
        List<String> remoteRegisterTable() {
            List<String> rows = new ArrayList<>();
            boolean in = false;
            for (String line : output.split("\n")) {
                if (line.startsWith(" Name ") && line.contains("Rmt Nr")) {
                    in = true;
                }
                if (in) {
                    if (!line.startsWith(" ")) {
                        break;
                    }
                    rows.add(line.stripTrailing());
                }
            }
            return rows;
        }
    }

    private final List<Process> started = new ArrayList<>();
    private final Path dir;

    RegsHarness() {
        try {
            dir = Files.createTempDirectory("jgdb-regs");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path program(boolean i386) {
        Path bin = Path.of(System.getProperty("jgdb.native.bin", "../native/target/bin"));
        Path p = (i386 ? bin.resolveSibling("bin32") : bin).resolve("regs").toAbsolutePath().normalize();
        assumeTrue(Files.isExecutable(p), "test program not built: " + p);
        return p;
    }

    static void assumeTools() {
        assumeTrue(Files.isExecutable(GDB), "no " + GDB);
        assumeTrue(Files.isExecutable(GDBSERVER), "no " + GDBSERVER);
    }

    /** {@code echo @name=} then {@code print}: one line "@name=$N = value" for {@link Session#marks}. */
    static List<String> mark(String name, String printCommand) {
        return List.of("echo @" + name + "=", printCommand);
    }

    static List<String> section(String name, String command) {
        return List.of("echo @" + name + "-begin\\n", command, "echo @" + name + "-end\\n");
    }

    /** Starts a server for {@code prog args} on a free port and waits until it says it listens. */
    Server start(Kind kind, Path prog, String... args) {
        int port = freePort();
        List<String> cmd = new ArrayList<>();
        if (kind == Kind.JGDBSERVER) {
            cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            cmd.addAll(JVM_OPTS);
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add("org.jgdbserver.rsp.Main");
        } else {
            cmd.add(GDBSERVER.toString());
        }
        cmd.add("--once");
        cmd.add(":" + port);
        cmd.add(prog.toString());
        cmd.addAll(List.of(args));
        Path out = dir.resolve(kind + "-" + port + ".out");
        Path err = dir.resolve(kind + "-" + port + ".err");
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        started.add(p);
        Server s = new Server(kind, p, port, out, err);
        Awaitility.await("'Listening on port " + port + "' from " + kind).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(50))
                .failFast("server exited", () -> !p.isAlive())
                .until(() -> s.err().contains("Listening on port " + port));
        return s;
    }

    /**
     * Runs {@code gdb -nx -batch PROG} with the preamble, {@code target remote :PORT} and {@code commands},
     * then waits for the server to finish (--once: it exits when gdb disconnects).
     */
    Session gdb(Server server, Path prog, List<String> commands) {
        List<String> all = new ArrayList<>(List.of("set debuginfod enabled off", "set confirm off",
                "set pagination off", "set width 0", "set height 0", "set sysroot /",
                "target remote :" + server.port()));
        all.addAll(commands);
        List<String> cmd = new ArrayList<>(List.of(GDB.toString(), "-nx", "-batch"));
        for (String c : all) {
            cmd.add("-ex");
            cmd.add(c);
        }
        cmd.add(prog.toString());
        Path out = dir.resolve("gdb-" + server.kind() + "-" + server.port() + ".txt");
        try {
            Process g = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            started.add(g);
            if (!g.waitFor(GDB_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                kill(g);
                fail("gdb did not finish within " + GDB_TIMEOUT
                        + new Session(server.kind(), all, read(out), server.out(), server.err()).describe());
            }
            if (!server.process().waitFor(30, TimeUnit.SECONDS)) {
                fail(server.kind() + " still running 30 s after gdb left"
                        + new Session(server.kind(), all, read(out), server.out(), server.err()).describe());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new Session(server.kind(), all, read(out), server.out(), server.err());
    }

    /** Server + one gdb session. */
    Session run(Kind kind, Path prog, List<String> commands) {
        return gdb(start(kind, prog), prog, commands);
    }

    @Override
    public void close() {
        for (Process p : started) {
            kill(p);
        }
        try (var files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // temporary files only
        }
    }

    private static void kill(Process p) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path p) {
        try {
            return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** gdb's {@code p/x} of a 32-bit lane vector: {0x..., ...}, as it prints distinct elements. */
    static String lanes(long base, int n) {
        StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "" : ", ").append("0x").append(Long.toHexString(base + i));
        }
        return sb.append('}').toString();
    }

    /** The {@code v16_int32 = {...}} / {@code v8_int32 = {...}} part of an info-registers vector line. */
    static String field(String registerLine, String field) {
        Matcher m = Pattern.compile("\\b" + field + " = (\\{[^}]*\\})").matcher(registerLine);
        return m.find() ? m.group(1) : null;
    }
}
