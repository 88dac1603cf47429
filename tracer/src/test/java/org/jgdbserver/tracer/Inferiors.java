package org.jgdbserver.tracer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The C programs in native/ that tests debug, and their symbols. */
final class Inferiors {
    private Inferiors() {}

    static String bin(String name) {
        String dir = System.getProperty("jgdb.native.bin", "../native/target/bin");
        Path p = Path.of(dir, name);
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException(p + " missing: build the native module");
        }
        return p.toAbsolutePath().toString();
    }

    static String bin32(String name) {
        Path p = Path.of(bin("loop")).getParent().resolveSibling("bin32").resolve(name);
        return Files.isExecutable(p) ? p.toString() : null;
    }

    /** The address of a symbol, through nm (a ProcessBuilder child beside the tracer). */
    static long symbol(String program, String name) {
        try {
            Process nm = new ProcessBuilder("nm", program).redirectErrorStream(true).start();
            String out = new String(nm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (nm.waitFor() != 0) {
                throw new IllegalStateException("nm " + program + ": " + out);
            }
            for (String line : out.split("\n")) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 3 && f[2].equals(name)) {
                    return Long.parseUnsignedLong(f[0], 16);
                }
            }
            throw new IllegalStateException("no symbol " + name + " in " + program);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts a program that is not our child (a grandchild reparented away through a shell that
     * exits at once), for attach tests: a ProcessBuilder child would be the JVM reaper's.
     */
    static int startDetached(String... argv) {
        StringBuilder cmd = new StringBuilder();
        for (String a : argv) {
            cmd.append('\'').append(a.replace("'", "'\\''")).append("' ");
        }
        cmd.append(">/dev/null 2>&1 </dev/null & echo $!");
        try {
            Process sh = new ProcessBuilder("setsid", "sh", "-c", cmd.toString()).start();
            String out = new String(sh.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            sh.waitFor();
            return Integer.parseInt(out);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static long readLong(TracedProcess p, long address) {
        byte[] b = p.memory().read(address, 8);
        return Bytes.i64(b, 0);
    }
}
