package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** {@code info os} (qXfer:osdata): the list of types and the tables gdbserver gives, from /proc. */
class InfoOsTest extends E2eTestBase {

    @Test
    void typesProcessesThreadsAndCpus() throws Exception {
        String prog = E2e.bin("session").toString();
        ServerProcess s = serverOnPort("--once", prog, "0");
        long pid = s.inferiorPid();
        long processors = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("processor")).count();
        Gdb.Result r = gdb(target(s), "info os", "info os processes", "info os threads", "info os cpus",
                "info os nonsense", "info os procgroups");
        expect(r, "^Type\\s+Description\\s*$",
                "^cpus\\s+Listing of all cpus/cores on the system\\s*$",
                "^files\\s+Listing of all file descriptors\\s*$",
                "^processes\\s+Listing of all processes\\s*$",
                "^threads\\s+Listing of all threads\\s*$",
                "^pid\\s+user\\s+command\\s+cores\\s*$",
                "^" + pid + "\\s+root\\s+" + Pattern.quote(prog) + " 0 \\s*\\d+\\s*$",
                "^pid\\s+command\\s+tid\\s+core\\s*$",
                "^" + pid + "\\s+session\\s+" + pid + "\\s+\\d+\\s*$",
                "^processor\\s+vendor_id\\s+",
                "^" + (processors - 1) + "\\s+",
                "^warning: Empty data returned by target\\.  Wrong osdata type\\?$",
                "^pgid\\s+leader command\\s+pid\\s+command line\\s*$",
                // gdbserver starts the program in a process group of its own
                "^" + pid + "\\s+session\\s+" + pid + "\\s+" + Pattern.quote(prog) + " 0 \\s*$");
    }
}
