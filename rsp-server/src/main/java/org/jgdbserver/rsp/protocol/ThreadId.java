package org.jgdbserver.rsp.protocol;

/**
 * A thread-id as GDB writes it (GDB manual, "Remote Protocol &gt; Packets", thread-id syntax):
 * {@code tid}, or with the multiprocess extensions {@code p<pid>.<tid>} and {@code p<pid>}
 * (all threads of pid). Numbers are hex; {@code -1} means all and {@code 0} means any.
 *
 * @param pid the process, {@link #ALL}, {@link #ANY}, or {@link #NO_PID} when the id had no
 *            {@code p} part (the single-process form)
 * @param tid the thread, {@link #ALL} or {@link #ANY}
 */
public record ThreadId(long pid, long tid) {

    /** {@code -1}: all processes or all threads. */
    public static final long ALL = -1;
    /** {@code 0}: any process or any thread. */
    public static final long ANY = 0;
    /** pid of a thread-id written without {@code p}. */
    public static final long NO_PID = Long.MIN_VALUE;

    /** {@code -1}: every thread. */
    public static final ThreadId ALL_THREADS = new ThreadId(NO_PID, ALL);
    /** {@code 0}: any thread. */
    public static final ThreadId ANY_THREAD = new ThreadId(NO_PID, ANY);

    /** A specific thread of a specific process. */
    public static ThreadId of(long pid, long tid) {
        return new ThreadId(pid, tid);
    }

    /** Whether the id named a process ({@code p...} form). */
    public boolean hasPid() {
        return pid != NO_PID;
    }

    /** {@code -1} or {@code p-1...}: every thread of every process. */
    public boolean isAll() {
        return tid == ALL && (pid == NO_PID || pid == ALL);
    }

    /** The thread part is {@code 0}. */
    public boolean isAnyThread() {
        return tid == ANY;
    }

    /** The thread part is {@code -1}. */
    public boolean isAllThreads() {
        return tid == ALL;
    }

    /** Parses a thread-id; throws IllegalArgumentException if it is not one. */
    public static ThreadId parse(String text) {
        PacketReader r = new PacketReader(text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0);
        try {
            ThreadId id = read(r);
            r.expectEnd();
            return id;
        } catch (PacketReader.Malformed e) {
            throw new IllegalArgumentException("bad thread-id '" + text + "': " + e.getMessage());
        }
    }

    /** Reads a thread-id at the cursor, leaving it after the id. */
    static ThreadId read(PacketReader r) {
        if (r.consume('p')) {
            long pid = r.hexOrMinusOne();
            long tid = r.consume('.') ? r.hexOrMinusOne() : ALL;
            return new ThreadId(pid, tid);
        }
        return new ThreadId(NO_PID, r.hexOrMinusOne());
    }

    /**
     * Appends this id as the server writes it: {@code p<pid>.<tid>} when the multiprocess
     * extensions were negotiated (and a pid is known), otherwise just {@code <tid>}.
     */
    public StringBuilder appendTo(StringBuilder sb, boolean multiprocess) {
        if (multiprocess && pid != NO_PID) {
            sb.append('p');
            appendPart(sb, pid);
            sb.append('.');
        }
        return appendPart(sb, tid);
    }

    /** This id as text; see {@link #appendTo(StringBuilder, boolean)}. */
    public String format(boolean multiprocess) {
        return appendTo(new StringBuilder(24), multiprocess).toString();
    }

    private static StringBuilder appendPart(StringBuilder sb, long v) {
        return v == ALL ? sb.append("-1") : Hex.appendNumber(sb, v);
    }

    @Override
    public String toString() {
        return format(true);
    }
}
