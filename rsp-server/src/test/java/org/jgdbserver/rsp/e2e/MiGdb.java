package org.jgdbserver.rsp.e2e;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * gdb/MI ({@code gdb -i=mi}) driven over pipes: commands go in one by one, records are read
 * as they come, so a test can continue the program and interrupt it while it runs.
 */
final class MiGdb implements AutoCloseable {
    final Process process;
    final OutputCollector out;
    private final OutputStream in;
    private int token = 100;
    /** Lines before this index were consumed by earlier waits. */
    private int cursor;

    private MiGdb(Process process) {
        this.process = process;
        this.out = new OutputCollector(process.getInputStream(), "gdb-mi");
        this.in = process.getOutputStream();
    }

    static MiGdb start() {
        try {
            Process p = new ProcessBuilder(E2e.GDB.toString(), "-nx", "-q", "-i=mi").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.PIPE).start();
            MiGdb mi = new MiGdb(p);
            mi.awaitRecord("^\\(gdb\\)", Duration.ofSeconds(30));
            for (String s : Gdb.PREAMBLE) {
                mi.cli(s);
            }
            return mi;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends an MI command with a token and waits for its result record ({@code ^done}, {@code ^running}, ...). */
    String command(String mi, Duration timeout) {
        int t = token++;
        send(t + mi);
        return awaitRecord("^" + t + "\\^(done|running|connected|error|exit)", timeout);
    }

    String command(String mi) {
        return command(mi, Duration.ofSeconds(30));
    }

    /** A CLI command through {@code -interpreter-exec console}. */
    String cli(String command) {
        return command("-interpreter-exec console \"" + command.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
    }

    void send(String line) {
        try {
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("gdb gone?\n" + transcript(), e);
        }
    }

    /** Waits for the next line (after those already consumed) matching {@code regex}; consumes up to it. */
    String awaitRecord(String regex, Duration timeout) {
        Pattern p = Pattern.compile(regex);
        int[] found = {-1};
        E2e.waitUntil("gdb/MI record /" + regex + "/", timeout, () -> (found[0] = out.indexOf(p, cursor)) >= 0,
                () -> !process.isAlive() && out.ended() && out.indexOf(p, cursor) < 0, this::transcript);
        List<String> lines = out.lines();
        cursor = found[0] + 1;
        return lines.get(found[0]);
    }

    String transcript() {
        return "--- gdb/MI transcript ---\n" + out.text();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                send("-gdb-exit");
            } catch (UncheckedIOException e) {
                // already gone
            }
            try {
                if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) {
                    E2e.killTree(process);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                E2e.killTree(process);
            }
        }
    }
}
