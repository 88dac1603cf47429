package org.jgdbserver.tracer.bench;

import org.jgdbserver.tracer.Engine;
import org.jgdbserver.tracer.EngineOps;
import org.jgdbserver.tracer.Event;
import org.jgdbserver.tracer.LaunchSpec;
import org.jgdbserver.tracer.ResumeAction;
import org.jgdbserver.tracer.SignalReport;
import org.jgdbserver.tracer.TracedProcess;
import org.jgdbserver.tracer.TracedThread;
import org.jgdbserver.tracer.Tracer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The engine's breakpoint cycle against the raw-ptrace C loop (native/src/bench/ptrace_bp.c):
 * a breakpoint in bp_target(), hit N times; each hit reported to an engine, which resumes, and
 * the tracer steps over it. Prints both rates and the ratio. A benchmark, not a test: run it
 * with tracer/bench-breakpoints on a quiet machine, and alternate the two sides.
 */
public final class BreakpointCycleBench {
    public static void main(String[] args) throws Exception {
        long n = args.length > 0 ? Long.parseLong(args[0]) : 100_000;
        int reps = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        String bin = System.getProperty("jgdb.native.bin", "native/target/bin");
        String prog = Path.of(bin, "bp_loop").toAbsolutePath().toString();
        String cloop = Path.of(bin, "ptrace_bp").toAbsolutePath().toString();
        long target = symbol(prog, "bp_target");
        try (Tracer tracer = Tracer.start()) {
            for (int r = 0; r < reps; r++) {
                double c = 0, j = 0;
                if (r % 2 == 0) {
                    c = runC(cloop, prog, target, n);
                    j = runJava(tracer, prog, target, n);
                } else {
                    j = runJava(tracer, prog, target, n);
                    c = runC(cloop, prog, target, n);
                }
                System.out.printf("rep %d: C loop %.0f hits/s, engine %.0f hits/s, ratio %.2f%n", r, c, j, j / c);
            }
        }
    }

    static double runJava(Tracer tracer, String prog, long target, long n) throws Exception {
        TracedProcess p = tracer.launch(LaunchSpec.of(prog, String.valueOf(n))).get();
        AtomicLong hits = new AtomicLong();
        Engine e = tracer.attachEngine(p, new EngineOps() {
            @Override
            public ResumeAction reportSignal(Engine engine, TracedThread thread, SignalReport s) {
                if (s.kind() == SignalReport.Kind.BREAKPOINT) {
                    hits.incrementAndGet();
                }
                return ResumeAction.RESUME;
            }
        }, Event.of(Event.SIGNAL), null).get();
        e.insertBreakpoint(p, target).get();
        long t0 = System.nanoTime();
        e.resumeAll(p).get();
        p.exitFuture().get();
        double s = (System.nanoTime() - t0) / 1e9;
        if (hits.get() != n) {
            throw new IllegalStateException("engine saw " + hits.get() + " hits, expected " + n);
        }
        return n / s;
    }

    static double runC(String cloop, String prog, long target, long n) throws Exception {
        Process c = new ProcessBuilder(cloop, prog, Long.toHexString(target), String.valueOf(n)).start();
        String out = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        c.waitFor();
        // hits=N seconds=S rate=R
        for (String f : out.split(" ")) {
            if (f.startsWith("rate=")) {
                return Double.parseDouble(f.substring(5));
            }
        }
        throw new IllegalStateException("ptrace_bp said: " + out);
    }

    static long symbol(String prog, String name) throws Exception {
        Process nm = new ProcessBuilder("nm", prog).start();
        String out = new String(nm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        nm.waitFor();
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 3 && f[2].equals(name)) {
                return Long.parseUnsignedLong(f[0], 16);
            }
        }
        throw new IllegalStateException("no " + name + " in " + prog);
    }
}
