package org.jgdbserver.rsp.session;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * gdbserver's {@code libthread-db-search-path} ({@code monitor set libthread-db-search-path
 * [PATH]}; empty: back to the default {@code $sdir:$pdir}). gdbserver reaches thread-local
 * storage through the libthread_db it finds along this path; we read the same glibc
 * descriptors without it ({@link ThreadLocalStorage}). To behave as gdbserver does for a user
 * who points the path where there is no libthread_db (gdb.server/no-thread-db.exp), qGetTLSAddr
 * fails when no component of the path holds one: {@code $sdir} is the system's library
 * directories, {@code $pdir} is ignored (gdbserver ignores it too: it does not track where
 * libpthread was loaded from), any other component is a directory.
 */
final class ThreadDbSearchPath {
    static final String DEFAULT = "$sdir:$pdir";
    static final String LIBRARY = "libthread_db.so.1";
    private static final List<String> SYSTEM_DIRS = List.of("/lib/x86_64-linux-gnu", "/usr/lib/x86_64-linux-gnu",
            "/lib64", "/usr/lib64", "/lib", "/usr/lib", "/lib32", "/usr/lib32", "/lib/i386-linux-gnu");

    private volatile String path = DEFAULT;

    String searchPath() {
        return path;
    }

    void setSearchPath(String p) {
        path = p == null || p.isBlank() ? DEFAULT : p.strip();
    }

    /** Whether gdbserver would find a libthread_db along the path. */
    boolean findsLibrary() {
        for (String dir : path.split(":")) {
            if (dir.equals("$sdir")) {
                for (String d : SYSTEM_DIRS) {
                    if (Files.exists(Path.of(d, LIBRARY))) {
                        return true;
                    }
                }
            } else if (!dir.isEmpty() && !dir.equals("$pdir") && !dir.startsWith("$pdir/")
                    && Files.exists(Path.of(dir, LIBRARY))) {
                return true;
            }
        }
        return false;
    }
}
