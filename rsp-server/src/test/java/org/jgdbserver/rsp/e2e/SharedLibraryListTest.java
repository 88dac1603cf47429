package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.Test;

/**
 * {@code info sharedlibrary} through {@code qXfer:libraries-svr4:read}: gdb takes the list from
 * the packet (its {@code set debug remote 1} trace shows the exchange) instead of walking the
 * dynamic linker's structures itself. At the dynamic linker's entry r_debug is not set yet:
 * an empty list, as gdbserver answers; a static program has no r_debug at all: E01, and gdb
 * finds no libraries.
 */
class SharedLibraryListTest extends E2eTestBase {
    private static final String EMPTY_LIST = "\\[remote\\] Packet received: l<library-list-svr4 version=\"1\\.0\"></library-list-svr4>";

    @Test
    void librariesOfA64BitProgram() {
        libraries(E2e.bin("tls"), "/lib/x86_64-linux-gnu/libc\\.so\\.6", "/lib64/ld-linux-x86-64\\.so\\.2");
    }

    @Test
    void librariesOfA32BitProgram() {
        libraries(ThreadLocalStorageTest.bin32("tls"), "/lib32/libc\\.so\\.6", "/lib/ld-linux\\.so\\.2");
    }

    @Test
    void aStaticProgramHasNoLibraryList() {
        ServerProcess s = serverOnPort("--once", E2e.bin("tls-static").toString(), "1");
        long pid = s.inferiorPid();
        Gdb.Result r = gdb(target(s), "break all_set", "continue", "set debug remote 1", "info sharedlibrary",
                "set debug remote 0", "kill");
        expect(r, "hit Breakpoint 1, all_set \\(\\)",
                "\\[remote\\] Sending packet: \\$qXfer:libraries-svr4:read::0,[0-9a-f]+#",
                "\\[remote\\] Packet received: E01",
                "^No shared libraries loaded at this time\\.$",
                "^\\[Inferior 1 \\(process " + pid + "\\) killed\\]$");
    }

    private void libraries(java.nio.file.Path program, String libc, String ld) {
        ServerProcess s = serverOnPort("--once", program.toString(), "1");
        long pid = s.inferiorPid();
        Gdb.Result r = gdb("set debug remote 1", target(s), "set debug remote 0", "break all_set", "continue",
                "set debug remote 1", "info sharedlibrary", "set debug remote 0", "kill");
        String lib = "<library name=\"" + libc + "\" lm=\"0x[0-9a-f]+\" l_addr=\"0x[0-9a-f]+\" l_ld=\"0x[0-9a-f]+\"";
        expect(r,
                // connected at the dynamic linker's entry: nothing loaded yet
                "\\[remote\\] Sending packet: \\$qXfer:libraries-svr4:read::0,[0-9a-f]+#",
                EMPTY_LIST,
                "hit Breakpoint 1, all_set \\(\\)",
                // info sharedlibrary reads the list again: the program first, then the libraries
                "\\[remote\\] Sending packet: \\$qXfer:libraries-svr4:read::0,[0-9a-f]+#",
                "\\[remote\\] Packet received: l<library-list-svr4 version=\"1\\.0\" main-lm=\"0x[0-9a-f]+\">.*" + lib,
                "^From\\s+To\\s+Syms Read\\s+Shared Object Library$");
        expect(r, "^0x[0-9a-f]+\\s+0x[0-9a-f]+\\s+Yes( \\(\\*\\))?\\s+(target:)?" + ld + "$");
        expect(r, "^0x[0-9a-f]+\\s+0x[0-9a-f]+\\s+Yes( \\(\\*\\))?\\s+(target:)?" + libc + "$",
                "^\\[Inferior 1 \\(process " + pid + "\\) killed\\]$");
        expectNot(r, "Sending packet: \\$qXfer:libraries-svr4:read[^\\n]*\\n(\\s*\\[remote\\] Received Ack\\n)?"
                + "\\s*\\[remote\\] Packet received: E");
    }
}
