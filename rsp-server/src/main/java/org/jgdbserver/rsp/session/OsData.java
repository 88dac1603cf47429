package org.jgdbserver.rsp.session;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * {@code qXfer:osdata:read:TYPE:OFFSET,LENGTH}: the tables of gdb's {@code info os TYPE} (GDB
 * manual, "Operating System Information"; the format is gdb's {@code osdata.dtd}), built from
 * /proc with gdbserver's columns, names and value formats, so gdb shows the same tables. An
 * empty TYPE gives the list of types; a type we do not know gives an empty document, as
 * gdbserver answers.
 *
 * <p>Each document is one {@code <osdata type="...">} with one {@code <item>} per row and one
 * {@code <column name="...">} per value. gdbserver's quirks are kept where gdb shows them: a
 * command line keeps the space its final NUL became; a command name from /proc/PID/stat is
 * its first 17 characters up to a blank, less the first and last; times read like
 * {@code ctime(3)}, newline included; permissions are octal.
 */
final class OsData {
    private static final Path PROC = Path.of("/proc");

    /** One table: its annex, title and description (as gdbserver lists them), and its builder. */
    private record Type(String name, String title, String description, Supplier<String> build) {
    }

    private static final List<Type> TYPES = List.of(
            new Type("cpus", "CPUs", "Listing of all cpus/cores on the system", OsData::cpus),
            new Type("files", "File descriptors", "Listing of all file descriptors", OsData::files),
            new Type("modules", "Kernel modules", "Listing of all loaded kernel modules", OsData::modules),
            new Type("msg", "Message queues", "Listing of all message queues", OsData::messageQueues),
            new Type("processes", "Processes", "Listing of all processes", OsData::processes),
            new Type("procgroups", "Process groups", "Listing of all process groups", OsData::processGroups),
            new Type("semaphores", "Semaphores", "Listing of all semaphores", OsData::semaphores),
            new Type("shm", "Shared-memory regions", "Listing of all shared-memory regions", OsData::sharedMemory),
            new Type("sockets", "Sockets", "Listing of all internet-domain sockets", OsData::sockets),
            new Type("threads", "Threads", "Listing of all threads", OsData::threads));

    private OsData() {
    }

    /** The document for annex {@code type} ("" or "types": the list of types). */
    static byte[] document(String type) {
        if (type.isEmpty() || type.equals("types")) {
            return types().getBytes(StandardCharsets.UTF_8);
        }
        for (Type t : TYPES) {
            if (t.name.equals(type)) {
                return t.build.get().getBytes(StandardCharsets.UTF_8);
            }
        }
        return new byte[0];
    }

    // ---------------------------------------------------------------- document building

    /** Rows of one document. */
    static final class Table {
        private final StringBuilder sb;

        Table(String type) {
            sb = new StringBuilder("<osdata type=\"").append(type).append("\">\n");
        }

        Table row(Object... namesAndValues) {
            sb.append("<item>");
            for (int i = 0; i < namesAndValues.length; i += 2) {
                column(namesAndValues[i].toString(), String.valueOf(namesAndValues[i + 1]));
            }
            sb.append("</item>");
            return this;
        }

        void column(String name, String value) {
            sb.append("<column name=\"").append(escape(name)).append("\">").append(escape(value)).append("</column>");
        }

        StringBuilder raw() {
            return sb;
        }

        String end() {
            return sb.append("</osdata>\n").toString();
        }
    }

    static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '\'' -> "&apos;";
                case '"' -> "&quot;";
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                default -> null;
            };
            if (rep != null && out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (out != null) {
                if (rep != null) {
                    out.append(rep);
                } else {
                    out.append(c);
                }
            }
        }
        return out == null ? s : out.toString();
    }

    private static String types() {
        Table t = new Table("types");
        for (Type type : TYPES) {
            t.row("Type", type.name, "Description", type.description, "Title", type.title);
        }
        return t.end();
    }

    // ---------------------------------------------------------------- processes and threads

    private static String processes() {
        Table t = new Table("processes");
        Names users = Names.users();
        for (String pid : pidDirs()) {
            String user;
            Integer uid = ownerOf(PROC.resolve(pid));
            user = uid == null ? "?" : users.name(uid);
            String cmdline = commandLine(pid);
            t.row("pid", pid, "user", user, "command", cmdline == null ? "" : cmdline, "cores", coresOf(pid));
        }
        return t.end();
    }

    private static String processGroups() {
        record Member(long pid, long pgid) {
        }
        List<Member> members = new ArrayList<>();
        for (String pid : pidDirs()) {
            String[] f = statFields(PROC.resolve(pid).resolve("stat"));
            if (f != null && f.length > 2) {
                long pgid = parseLong(f[2], -1);
                if (pgid > 0) {
                    members.add(new Member(Long.parseLong(pid), pgid));
                }
            }
        }
        // by group; the leader first, then by pid (gdbserver's order)
        members.sort((a, b) -> {
            if (a.pgid != b.pgid) {
                return Long.compare(a.pgid, b.pgid);
            }
            boolean al = a.pid == a.pgid;
            boolean bl = b.pid == b.pgid;
            if (al != bl) {
                return al ? -1 : 1;
            }
            return Long.compare(a.pid, b.pid);
        });
        Table t = new Table("process groups");
        for (Member m : members) {
            String cmdline = commandLine(Long.toString(m.pid));
            t.row("pgid", m.pgid, "leader command", commandName(m.pgid), "pid", m.pid,
                    "command line", cmdline == null ? "" : cmdline);
        }
        return t.end();
    }

    private static String threads() {
        Table t = new Table("threads");
        for (String pid : pidDirs()) {
            String command = commandName(Long.parseLong(pid));
            for (String tid : numericEntries(PROC.resolve(pid).resolve("task"))) {
                t.row("pid", pid, "command", command, "tid", tid, "core", coreOf(pid, tid));
            }
        }
        return t.end();
    }

    private static String files() {
        Table t = new Table("files");
        for (String pid : pidDirs()) {
            String command = commandName(Long.parseLong(pid));
            Path fdDir = PROC.resolve(pid).resolve("fd");
            for (String fd : numericEntries(fdDir)) {
                String name;
                try {
                    name = Files.readSymbolicLink(fdDir.resolve(fd)).toString();
                } catch (IOException | UnsupportedOperationException e) {
                    name = fd;
                }
                t.row("pid", pid, "command", command, "file descriptor", fd, "name", name);
            }
        }
        return t.end();
    }

    /** Numeric /proc entries that are directories, in directory order. */
    private static List<String> pidDirs() {
        List<String> out = new ArrayList<>();
        for (String name : numericEntries(PROC)) {
            if (name.length() <= 10 && Files.isDirectory(PROC.resolve(name))) {
                out.add(name);
            }
        }
        return out;
    }

    private static List<String> numericEntries(Path dir) {
        List<String> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.forEach(p -> {
                String n = p.getFileName().toString();
                if (!n.isEmpty() && Character.isDigit(n.charAt(0))) {
                    out.add(n);
                }
            });
        } catch (IOException | RuntimeException e) {
            // the process went away, or we may not look: no rows
        }
        return out;
    }

    private static Integer ownerOf(Path dir) {
        try {
            return (Integer) Files.getAttribute(dir, "unix:uid");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * /proc/PID/cmdline with NULs as spaces (the final one too); {@code [NAME]} for a process
     * without one (kernel threads, zombies); null if it cannot be read.
     */
    static String commandLine(String pid) {
        byte[] b;
        try {
            b = Files.readAllBytes(PROC.resolve(pid).resolve("cmdline"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (b.length == 0) {
            String name = commandName(Long.parseLong(pid));
            String s = "[" + (name.length() > 30 ? name.substring(0, 30) : name);
            return s.length() < 31 ? s + "]" : s;
        }
        for (int i = 0; i < b.length; i++) {
            if (b[i] == 0) {
                b[i] = ' ';
            }
        }
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * The name in /proc/PID/stat as gdbserver reads it: the first blank-free token after the
     * pid, at most 17 characters, without its first and last character (the parentheses, when
     * it is short and has no blank). The pid itself when there is no such process.
     */
    static String commandName(long pid) {
        String stat;
        try {
            stat = Files.readString(PROC.resolve(Long.toString(pid)).resolve("stat"), StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return Long.toString(pid);
        }
        return commandNameOf(stat, pid);
    }

    static String commandNameOf(String stat, long pid) {
        String[] words = stat.trim().split("\\s+", 3);
        if (words.length < 2 || parseLong(words[0], -1) != pid) {
            return "";
        }
        String token = words[1].length() > 17 ? words[1].substring(0, 17) : words[1];
        return token.length() < 2 ? "" : token.substring(1, token.length() - 1);
    }

    /** The fields of a stat file after the command name: [0] state, [2] pgrp, [36] processor. */
    static String[] statFields(Path stat) {
        String s;
        try {
            s = Files.readString(stat, StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return fieldsAfterName(s);
    }

    static String[] fieldsAfterName(String stat) {
        int close = stat.lastIndexOf(')');
        if (close < 0) {
            return null;
        }
        String rest = stat.substring(close + 1).trim();
        return rest.isEmpty() ? new String[0] : rest.split("\\s+");
    }

    private static int coreOf(String pid, String tid) {
        String[] f = statFields(PROC.resolve(pid).resolve("task").resolve(tid).resolve("stat"));
        return f == null || f.length <= 36 ? -1 : (int) parseLong(f[36], -1);
    }

    /** The cores the process's threads last ran on, ascending, comma-separated. */
    private static String coresOf(String pid) {
        TreeSet<Integer> cores = new TreeSet<>();
        for (String tid : numericEntries(PROC.resolve(pid).resolve("task"))) {
            int c = coreOf(pid, tid);
            if (c >= 0) {
                cores.add(c);
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int c : cores) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(c);
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- cpus and modules

    /**
     * One item per "processor" line of /proc/cpuinfo, one column per line: the key up to the
     * first tab, the value from after the colon up to the next colon or tab (its leading blank
     * and trailing newline kept, as gdbserver does); lines without a value are left out.
     */
    private static String cpus() {
        Table t = new Table("cpus");
        List<String> lines = lines(Path.of("/proc/cpuinfo"));
        boolean open = false;
        for (String line : lines) {
            String[] kv = cpuinfoLine(line + "\n");
            if (kv == null) {
                continue;
            }
            if (kv[0].equals("processor")) {
                t.raw().append(open ? "</item><item>" : "<item>");
                open = true;
            }
            t.column(kv[0], kv[1]);
        }
        if (open) {
            t.raw().append("</item>");
        }
        return t.end();
    }

    /** {key, value} of one cpuinfo line (with its newline), or null. */
    static String[] cpuinfoLine(String line) {
        // strtok(":") semantics: leading colons skipped, empty tokens do not exist
        int i = 0;
        while (i < line.length() && line.charAt(i) == ':') {
            i++;
        }
        int keyEnd = line.indexOf(':', i);
        if (i >= line.length() || keyEnd < 0) {
            return null;
        }
        int v = keyEnd;
        while (v < line.length() && line.charAt(v) == ':') {
            v++;
        }
        if (v >= line.length()) {
            return null;
        }
        int valueEnd = line.indexOf(':', v);
        String key = untilTab(line.substring(i, keyEnd));
        String value = untilTab(line.substring(v, valueEnd < 0 ? line.length() : valueEnd));
        return new String[] {key, value};
    }

    private static String untilTab(String s) {
        int tab = s.indexOf('\t');
        return tab < 0 ? s : s.substring(0, tab);
    }

    private static String modules() {
        Table t = new Table("modules");
        for (String line : lines(Path.of("/proc/modules"))) {
            String[] f = line.trim().split(" +");
            if (f.length < 6) {
                continue;
            }
            long size = parseLong(f[1], -1);
            long uses = parseLong(f[2], Long.MIN_VALUE);
            String addr = f[5].startsWith("0x") || f[5].startsWith("0X") ? f[5].substring(2) : f[5];
            long address;
            try {
                address = Long.parseUnsignedLong(addr, 16);
            } catch (NumberFormatException e) {
                continue;
            }
            if (size < 0 || uses == Long.MIN_VALUE) {
                continue;
            }
            t.row("name", f[0], "size", size, "num uses", uses, "dependencies", f[3], "status", f[4],
                    "address", Long.toHexString(address));
        }
        return t.end();
    }

    // ---------------------------------------------------------------- sockets

    private static final String[] TCP_STATES = {"(unknown)", "ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1",
        "FIN_WAIT2", "TIME_WAIT", "CLOSE", "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING"};

    private static String sockets() {
        Table t = new Table("I sockets");
        Names users = Names.users();
        socketRows(t, users, "/proc/net/tcp", false, true);
        socketRows(t, users, "/proc/net/udp", false, false);
        socketRows(t, users, "/proc/net/tcp6", true, true);
        socketRows(t, users, "/proc/net/udp6", true, false);
        return t.end();
    }

    private static void socketRows(Table t, Names users, String file, boolean v6, boolean tcp) {
        for (String line : lines(Path.of(file))) {
            String[] f = line.trim().split("\\s+");
            // sl local rem st tx:rx tr:when retrnsmt uid ...
            if (f.length < 8 || !f[0].endsWith(":")) {
                continue;
            }
            String[] local = f[1].split(":");
            String[] remote = f[2].split(":");
            try {
                if (local.length != 2 || remote.length != 2) {
                    continue;
                }
                int state = Integer.parseInt(f[3], 16);
                int uid = Integer.parseInt(f[7]);
                t.row("local address", address(local[0], v6), "local port", Integer.parseInt(local[1], 16),
                        "remote address", address(remote[0], v6), "remote port", Integer.parseInt(remote[1], 16),
                        "state", state >= 1 && state < TCP_STATES.length ? TCP_STATES[state] : TCP_STATES[0],
                        "user", users.name(uid), "family", v6 ? "INET6" : "INET", "protocol", tcp ? "STREAM" : "DGRAM");
            } catch (NumberFormatException e) {
                // the header line, or something we cannot read: no row
            }
        }
    }

    /**
     * An address of /proc/net/{tcp,udp}[6] in numeric form: the kernel prints each 32-bit
     * word of it as a number in host (little-endian) order.
     */
    static String address(String hex, boolean v6) {
        int words = v6 ? 4 : 1;
        if (hex.length() != 8 * words) {
            throw new NumberFormatException(hex);
        }
        byte[] b = new byte[4 * words];
        for (int w = 0; w < words; w++) {
            int v = (int) Long.parseLong(hex.substring(8 * w, 8 * w + 8), 16);
            for (int k = 0; k < 4; k++) {
                b[4 * w + k] = (byte) (v >>> (8 * k));
            }
        }
        return v6 ? ipv6Text(b) : ipv4Text(b, 0);
    }

    private static String ipv4Text(byte[] b, int off) {
        return (b[off] & 0xff) + "." + (b[off + 1] & 0xff) + "." + (b[off + 2] & 0xff) + "." + (b[off + 3] & 0xff);
    }

    /** As inet_ntop(3) writes IPv6: the first longest run of 2+ zero groups as "::", IPv4 tails for mapped addresses. */
    static String ipv6Text(byte[] b) {
        int[] g = new int[8];
        for (int i = 0; i < 8; i++) {
            g[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestBase = -1;
        int bestLen = 0;
        for (int i = 0; i < 8; ) {
            if (g[i] != 0) {
                i++;
                continue;
            }
            int j = i;
            while (j < 8 && g[j] == 0) {
                j++;
            }
            if (j - i > bestLen) {
                bestBase = i;
                bestLen = j - i;
            }
            i = j;
        }
        if (bestLen < 2) {
            bestBase = -1;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (bestBase >= 0 && i >= bestBase && i < bestBase + bestLen) {
                if (i == bestBase) {
                    sb.append(':');
                }
                continue;
            }
            if (i != 0) {
                sb.append(':');
            }
            if (i == 6 && bestBase == 0 && (bestLen == 6 || (bestLen == 5 && g[5] == 0xffff))) {
                sb.append(ipv4Text(b, 12));
                return sb.toString();
            }
            sb.append(Integer.toHexString(g[i]));
        }
        if (bestBase >= 0 && bestBase + bestLen == 8) {
            sb.append(':');
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- System V IPC

    private static String sharedMemory() {
        Table t = new Table("shared memory");
        Names users = Names.users();
        Names groups = Names.groups();
        for (String[] f : ipcRows("/proc/sysvipc/shm", 14)) {
            // key shmid perms size cpid lpid nattch uid gid cuid cgid atime dtime ctime
            t.row("key", f[0], "shmid", f[1], "permissions", octal(f[2]), "size", f[3],
                    "creator command", commandName(Long.parseLong(f[4])), "last op. command", commandName(Long.parseLong(f[5])),
                    "num attached", f[6], "user", users.name(f[7]), "group", groups.name(f[8]),
                    "creator user", users.name(f[9]), "creator group", groups.name(f[10]),
                    "last shmat() time", ctime(f[11]), "last shmdt() time", ctime(f[12]), "last shmctl() time", ctime(f[13]));
        }
        return t.end();
    }

    private static String semaphores() {
        Table t = new Table("semaphores");
        Names users = Names.users();
        Names groups = Names.groups();
        for (String[] f : ipcRows("/proc/sysvipc/sem", 10)) {
            // key semid perms nsems uid gid cuid cgid otime ctime
            t.row("key", f[0], "semid", f[1], "permissions", octal(f[2]), "num semaphores", f[3],
                    "user", users.name(f[4]), "group", groups.name(f[5]),
                    "creator user", users.name(f[6]), "creator group", groups.name(f[7]),
                    "last semop() time", ctime(f[8]), "last semctl() time", ctime(f[9]));
        }
        return t.end();
    }

    private static String messageQueues() {
        Table t = new Table("message queues");
        Names users = Names.users();
        Names groups = Names.groups();
        for (String[] f : ipcRows("/proc/sysvipc/msg", 14)) {
            // key msqid perms cbytes qnum lspid lrpid uid gid cuid cgid stime rtime ctime
            t.row("key", f[0], "msqid", f[1], "permissions", octal(f[2]), "num used bytes", f[3], "num messages", f[4],
                    "last msgsnd() command", commandName(Long.parseLong(f[5])),
                    "last msgrcv() command", commandName(Long.parseLong(f[6])),
                    "user", users.name(f[7]), "group", groups.name(f[8]),
                    "creator user", users.name(f[9]), "creator group", groups.name(f[10]),
                    "last msgsnd() time", ctime(f[11]), "last msgrcv() time", ctime(f[12]),
                    "last msgctl() time", ctime(f[13]));
        }
        return t.end();
    }

    /** Lines of a sysvipc file with at least {@code n} numeric fields (the header has none). */
    private static List<String[]> ipcRows(String file, int n) {
        List<String[]> rows = new ArrayList<>();
        for (String line : lines(Path.of(file))) {
            String[] f = line.trim().split("\\s+");
            if (f.length < n) {
                continue;
            }
            boolean numeric = true;
            for (int i = 0; i < n && numeric; i++) {
                numeric = f[i].matches("-?\\d+");
            }
            if (numeric) {
                rows.add(f);
            }
        }
        return rows;
    }

    private static String octal(String digits) {
        return Long.toOctalString(Long.parseLong(digits, 8));
    }

    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US);

    /** ctime(3) of seconds since the epoch, newline included; "" for 0 (never). */
    static String ctime(String seconds) {
        long s = Long.parseLong(seconds);
        if (s == 0) {
            return "";
        }
        return CTIME.format(Instant.ofEpochSecond(s).atZone(ZoneId.systemDefault())) + "\n";
    }

    // ---------------------------------------------------------------- helpers

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p, StandardCharsets.ISO_8859_1);
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    private static long parseLong(String s, long otherwise) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    /** User or group names by id from /etc/passwd or /etc/group ("" for an unknown id, at most 31 characters). */
    static final class Names {
        private final Map<Long, String> byId;

        private Names(Map<Long, String> byId) {
            this.byId = byId;
        }

        static Names users() {
            return read(Path.of("/etc/passwd"));
        }

        static Names groups() {
            return read(Path.of("/etc/group"));
        }

        static Names read(Path file) {
            Map<Long, String> m = new HashMap<>();
            for (String line : lines(file)) {
                String[] f = line.split(":", -1);
                if (f.length >= 3 && !f[0].isEmpty()) {
                    long id = parseLong(f[2], -1);
                    if (id >= 0) {
                        m.putIfAbsent(id, f[0].length() > 31 ? f[0].substring(0, 31) : f[0]);
                    }
                }
            }
            return new Names(m);
        }

        String name(long id) {
            return byId.getOrDefault(id, "");
        }

        String name(String id) {
            return name(Long.parseLong(id));
        }
    }
}
