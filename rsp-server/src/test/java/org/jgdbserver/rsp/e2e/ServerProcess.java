package org.jgdbserver.rsp.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/** Our server as a separate process ({@code java -cp <test classpath> org.jgdbserver.rsp.Main ARGS}). */
final class ServerProcess implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Listening on port (\\d+)");
    private static final Pattern CREATED = Pattern.compile("Process .* created; pid = (\\d+)");

    final Process process;
    final OutputCollector stdout;
    final OutputCollector stderr;
    final List<String> args;

    private ServerProcess(Process process, List<String> args) {
        this.process = process;
        this.args = args;
        this.stdout = new OutputCollector(process.getInputStream(), "server-stdout");
        this.stderr = new OutputCollector(process.getErrorStream(), "server-stderr");
    }

    static ServerProcess start(String... args) {
        return startIn(null, args);
    }

    /** Started with {@code dir} as its working directory (null: ours). */
    static ServerProcess startIn(java.nio.file.Path dir, String... args) {
        List<String> cmd = E2e.serverCommand(List.of(args));
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .directory(dir == null ? null : dir.toFile()).start();
            return new ServerProcess(p, List.of(args));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits for "Listening on port N" (we start it on :0) and returns N. */
    int port() {
        E2e.waitUntil("server listening " + args, Duration.ofSeconds(30), () -> stderr.find(LISTENING, 0) != null,
                () -> !process.isAlive() && stderr.ended() && stderr.find(LISTENING, 0) == null, this::log);
        return Integer.parseInt(stderr.find(LISTENING, 0));
    }

    /** The pid of "Process PROG created; pid = N". */
    long inferiorPid() {
        E2e.waitUntil("server created a process", Duration.ofSeconds(30), () -> stderr.find(CREATED, 0) != null,
                this::log);
        return Long.parseLong(stderr.find(CREATED, 0));
    }

    void awaitLog(String regex) {
        Pattern p = Pattern.compile(regex);
        E2e.waitUntil("server says /" + regex + "/", Duration.ofSeconds(30),
                () -> stderr.indexOf(p, 0) >= 0 || stdout.indexOf(p, 0) >= 0, this::log);
    }

    /** Waits for the server to exit on its own; returns its status. */
    int awaitExit(Duration timeout) {
        E2e.waitUntil("server exits " + args, timeout, () -> !process.isAlive(), this::log);
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String log() {
        try {
            stdout.join(200);
            stderr.join(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "--- server " + args + " stderr ---\n" + stderr.text() + "\n--- server stdout ---\n" + stdout.text();
    }

    @Override
    public void close() {
        // SIGKILL the server and whatever it started (stopped under ptrace or not).
        E2e.killTree(process);
    }
}
