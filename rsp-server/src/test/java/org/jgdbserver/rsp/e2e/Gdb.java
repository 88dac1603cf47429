package org.jgdbserver.rsp.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.fail;

/** The real /usr/bin/gdb in batch mode: a list of commands, its whole output (stdout+stderr). */
final class Gdb {
    /** Settings every session starts with: no ~/.gdbinit, no network, no questions, no paging. */
    static final List<String> PREAMBLE = List.of("set debuginfod enabled off", "set confirm off", "set pagination off",
            "set width 0", "set height 0");

    private Gdb() {}

    record Result(int exitStatus, String output, List<String> commands) {
        /** The output with the commands, for failure messages. */
        String describe() {
            StringBuilder sb = new StringBuilder("--- gdb commands ---\n");
            for (String c : commands) {
                sb.append("  ").append(c).append('\n');
            }
            return sb.append("--- gdb output (exit ").append(exitStatus).append(") ---\n").append(output).toString();
        }
    }

    /** A running gdb started by {@link #start}. */
    static final class Running {
        final Process process;
        final OutputCollector out;
        final List<String> commands;

        Running(Process process, List<String> commands) {
            this.process = process;
            this.commands = commands;
            this.out = new OutputCollector(process.getInputStream(), "gdb-output");
        }

        Result await(Duration timeout) {
            try {
                if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                    E2e.killTree(process);
                    out.join(1000);
                    fail("gdb did not finish within " + timeout + "\n" + new Result(-1, out.text(), commands).describe());
                }
                out.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            return new Result(process.exitValue(), out.text(), commands);
        }

        void kill() {
            E2e.killTree(process);
        }
    }

    /** Runs gdb -nx -batch with the preamble and {@code commands} (each an -ex), to completion. */
    static Result batch(Duration timeout, List<String> commands) {
        return start(commands).await(timeout);
    }

    static Result batch(List<String> commands) {
        return batch(Duration.ofSeconds(60), commands);
    }

    static Running start(List<String> commands) {
        List<String> all = new ArrayList<>(PREAMBLE);
        all.addAll(commands);
        List<String> cmd = new ArrayList<>(List.of(E2e.GDB.toString(), "-nx", "-batch"));
        for (String c : all) {
            cmd.add("-ex");
            cmd.add(c);
        }
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
            return new Running(p, all);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
