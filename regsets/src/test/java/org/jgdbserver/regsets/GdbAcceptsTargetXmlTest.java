package org.jgdbserver.regsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the generated target.xml through the real gdb ({@code set tdesc filename}) and compares
 * {@code maint print remote-registers} with (a) what gdb printed against stock gdbserver 13 on
 * this AMD machine and (b) the same description composed from gdb's own feature files, when the
 * gdb source tree is around. Skipped without /usr/bin/gdb.
 */
class GdbAcceptsTargetXmlTest {
    private static final Path GDB = Path.of("/usr/bin/gdb");
    private static final Path GDB_FEATURES = Path.of("/work/gdb-src/gdb-13.1/gdb/features/i386");

    @TempDir
    Path tmp;

    /** Output of gdb for a tdesc file and extra commands; fails on any warning. */
    private List<String> gdb(Path xml, String... commands) throws Exception {
        assumeTrue(Files.isExecutable(GDB), "gdb not installed");
        List<String> cmd = new ArrayList<>(List.of(GDB.toString(), "-nx", "-batch", "-ex",
                "set tdesc filename " + xml));
        for (String c : commands) {
            cmd.add("-ex");
            cmd.add(c);
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "gdb timed out");
        assertFalse(out.contains("warning") || out.contains("rror"), out);
        return List.of(out.split("\n"));
    }

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** Raw register rows (name nr rel offset size type rmtnr goffset). */
    private static List<String> rawRows(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            String[] f = l.trim().split("\\s+");
            if (f.length == 8 && f[6].matches("\\d+")) {
                out.add(String.join(" ", f));
            }
        }
        return out;
    }

    @Test
    void amdLayoutPrintsExactlyWhatGdbserverPrinted() throws Exception {
        TargetLayout layout = Amd64Linux.layout(Fixtures.amdZen4());
        List<String> ours = gdb(write("amd.xml", layout.targetXml()),
                "maint print remote-registers");
        List<String> ref;
        try (InputStream in = getClass().getResourceAsStream(
                "/gdbserver13-amd64-avx512-remote-registers.txt")) {
            ref = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        }
        assertEquals(148, rawRows(ref).size());
        // Whole table, including gdb's pseudo registers (ymm, zmm, eax, ...) it derives.
        assertEquals(ref.stream().map(String::strip).filter(s -> !s.isEmpty()).toList(),
                ours.stream().map(String::strip)
                        .filter(s -> !s.isEmpty() && !s.startsWith("*1:")).toList());
    }

    @Test
    void vectorTypesWorkInExpressions() throws Exception {
        Path xml = write("amd.xml", Amd64Linux.layout(Fixtures.amdZen4()).targetXml());
        List<String> out = gdb(xml, "ptype $xmm3.v4_int32", "ptype $zmm20.v16_int32",
                "ptype $eflags", "ptype $k7", "show architecture");
        String all = String.join("\n", out);
        assertTrue(all.contains("type = int32_t __attribute__ ((vector_size(4)))"), all);
        assertTrue(all.contains("type = int32_t __attribute__ ((vector_size(16)))"), all);
        assertTrue(all.contains("flag i386_eflags"), all);
        assertTrue(all.contains("type = uint64_t"), all);
        assertTrue(all.contains("i386:x86-64"), all);
    }

    static List<Object[]> gdbFeatureCompositions() {
        return List.of(
                new Object[] {Amd64Linux.layout(XsaveLayout.intelStandard(0x2ff)), "i386:x86-64",
                    List.of("64bit-core", "64bit-sse", "64bit-linux", "64bit-segments",
                            "64bit-avx", "64bit-mpx", "64bit-avx512", "pkeys")},
                new Object[] {Amd64Linux.layout(null), "i386:x86-64",
                    List.of("64bit-core", "64bit-sse", "64bit-linux", "64bit-segments")},
                new Object[] {I386Linux.layout(XsaveLayout.intelStandard(0x2ff)), "i386",
                    List.of("32bit-core", "32bit-sse", "32bit-linux", "32bit-avx", "32bit-mpx",
                            "32bit-avx512", "pkeys")},
                new Object[] {I386Linux.layout(Fixtures.amdZen4()), "i386",
                    List.of("32bit-core", "32bit-sse", "32bit-linux", "32bit-avx",
                            "32bit-avx512")});
    }

    /**
     * Same gdb output as a description that xi:includes gdb's own feature files in the order
     * gdb/arch/amd64.c and i386.c assemble them.
     */
    @Test
    void matchesGdbsOwnFeatureFiles() throws Exception {
        assumeTrue(Files.isDirectory(GDB_FEATURES), "gdb 13.1 sources not present");
        int n = 0;
        for (Object[] c : gdbFeatureCompositions()) {
            TargetLayout layout = (TargetLayout) c[0];
            @SuppressWarnings("unchecked")
            List<String> files = (List<String>) c[2];
            Path dir = Files.createDirectories(tmp.resolve("ref" + n++));
            StringBuilder ref = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE target "
                    + "SYSTEM \"gdb-target.dtd\">\n<target>\n<architecture>" + c[1]
                    + "</architecture>\n<osabi>GNU/Linux</osabi>\n");
            for (String f : files) {
                // gdb resolves xi:include relative to the including file's directory.
                Files.copy(GDB_FEATURES.resolve(f + ".xml"), dir.resolve(f + ".xml"));
                ref.append("<xi:include href=\"").append(f).append(".xml\"/>\n");
            }
            ref.append("</target>\n");
            Path refXml = dir.resolve("target.xml");
            Files.writeString(refXml, ref);
            List<String> want = gdb(refXml, "maint print remote-registers");
            List<String> got = gdb(write("ours" + n + ".xml", layout.targetXml()),
                    "maint print remote-registers");
            assertEquals(layout.registerCount(), rawRows(got).size());
            assertEquals(want, got, layout.toString());
        }
    }
}
