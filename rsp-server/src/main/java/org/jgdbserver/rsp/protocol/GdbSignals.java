package org.jgdbserver.rsp.protocol;

/**
 * GDB's own signal numbers (enum gdb_signal, used in {@code C}, {@code S}, {@code vCont},
 * {@code QPassSignals} and stop replies; GDB manual, "Stop Reply Packets") and their mapping to
 * Linux x86-64 signal numbers. The facts come from GDB's {@code include/gdb/signals.def} and
 * {@code gdbsupport/signals.cc} as built for glibc (real-time signals 32-64).
 */
public final class GdbSignals {

    private GdbSignals() {
    }

    /** No signal. */
    public static final int SIGNAL_0 = 0;
    public static final int HUP = 1;
    public static final int INT = 2;
    public static final int QUIT = 3;
    public static final int ILL = 4;
    public static final int TRAP = 5;
    public static final int ABRT = 6;
    public static final int EMT = 7;
    public static final int FPE = 8;
    public static final int KILL = 9;
    public static final int BUS = 10;
    public static final int SEGV = 11;
    public static final int SYS = 12;
    public static final int PIPE = 13;
    public static final int ALRM = 14;
    public static final int TERM = 15;
    public static final int URG = 16;
    public static final int STOP = 17;
    public static final int TSTP = 18;
    public static final int CONT = 19;
    public static final int CHLD = 20;
    public static final int TTIN = 21;
    public static final int TTOU = 22;
    public static final int IO = 23;
    public static final int XCPU = 24;
    public static final int XFSZ = 25;
    public static final int VTALRM = 26;
    public static final int PROF = 27;
    public static final int WINCH = 28;
    public static final int LOST = 29;
    public static final int USR1 = 30;
    public static final int USR2 = 31;
    public static final int PWR = 32;
    public static final int POLL = 33;
    /** Real-time signal 33; 34..63 follow contiguously (46..75). */
    public static final int REALTIME_33 = 45;
    public static final int CANCEL = 76;
    /** Real-time signal 32, not contiguous with 33. */
    public static final int REALTIME_32 = 77;
    /** Real-time signal 64; 65..127 follow contiguously (79..141). */
    public static final int REALTIME_64 = 78;
    public static final int INFO = 142;
    /** A host signal GDB has no number for (e.g. Linux SIGSTKFLT). */
    public static final int UNKNOWN = 143;

    /** Linux x86-64 signal numbers. */
    private static final int L_HUP = 1, L_INT = 2, L_QUIT = 3, L_ILL = 4, L_TRAP = 5, L_ABRT = 6, L_BUS = 7,
            L_FPE = 8, L_KILL = 9, L_USR1 = 10, L_SEGV = 11, L_USR2 = 12, L_PIPE = 13, L_ALRM = 14,
            L_TERM = 15, L_STKFLT = 16, L_CHLD = 17, L_CONT = 18, L_STOP = 19, L_TSTP = 20, L_TTIN = 21,
            L_TTOU = 22, L_URG = 23, L_XCPU = 24, L_XFSZ = 25, L_VTALRM = 26, L_PROF = 27, L_WINCH = 28,
            L_IO = 29, L_PWR = 30, L_SYS = 31, L_RTMIN = 32, L_RTMAX = 64;

    /** Index: Linux signal 0..64; value: GDB signal. */
    private static final int[] FROM_HOST = new int[L_RTMAX + 1];
    /** Index: GDB signal 0..143; value: Linux signal or -1. */
    private static final int[] TO_HOST = new int[UNKNOWN + 1];

    static {
        java.util.Arrays.fill(TO_HOST, -1);
        int[][] pairs = {
            {0, SIGNAL_0}, {L_HUP, HUP}, {L_INT, INT}, {L_QUIT, QUIT}, {L_ILL, ILL}, {L_TRAP, TRAP},
            {L_ABRT, ABRT}, {L_BUS, BUS}, {L_FPE, FPE}, {L_KILL, KILL}, {L_USR1, USR1}, {L_SEGV, SEGV},
            {L_USR2, USR2}, {L_PIPE, PIPE}, {L_ALRM, ALRM}, {L_TERM, TERM}, {L_CHLD, CHLD},
            {L_CONT, CONT}, {L_STOP, STOP}, {L_TSTP, TSTP}, {L_TTIN, TTIN}, {L_TTOU, TTOU},
            {L_URG, URG}, {L_XCPU, XCPU}, {L_XFSZ, XFSZ}, {L_VTALRM, VTALRM}, {L_PROF, PROF},
            {L_WINCH, WINCH}, {L_IO, IO}, {L_PWR, PWR}, {L_SYS, SYS},
        };
        for (int[] p : pairs) {
            FROM_HOST[p[0]] = p[1];
            TO_HOST[p[1]] = p[0];
        }
        // SIGPOLL is SIGIO on Linux: GDB_SIGNAL_POLL maps to it too, but SIGIO reports as GDB_SIGNAL_IO.
        TO_HOST[POLL] = L_IO;
        // SIGSTKFLT has no GDB number.
        FROM_HOST[L_STKFLT] = UNKNOWN;
        FROM_HOST[L_RTMIN] = REALTIME_32;
        TO_HOST[REALTIME_32] = L_RTMIN;
        for (int s = 33; s <= 63; s++) {
            FROM_HOST[s] = REALTIME_33 + (s - 33);
            TO_HOST[REALTIME_33 + (s - 33)] = s;
        }
        FROM_HOST[L_RTMAX] = REALTIME_64;
        TO_HOST[REALTIME_64] = L_RTMAX;
    }

    /** The GDB signal number for Linux signal {@code linuxSignal} ({@link #UNKNOWN} if none). */
    public static int fromHost(int linuxSignal) {
        return linuxSignal >= 0 && linuxSignal < FROM_HOST.length ? FROM_HOST[linuxSignal] : UNKNOWN;
    }

    /**
     * The Linux signal number for GDB signal {@code gdbSignal}, or -1 if Linux has no such
     * signal (e.g. {@link #EMT}, {@link #LOST}, {@link #UNKNOWN}). {@code 0} maps to {@code 0}.
     * gdbserver resumes without a signal in the -1 case.
     */
    public static int toHost(int gdbSignal) {
        return gdbSignal >= 0 && gdbSignal < TO_HOST.length ? TO_HOST[gdbSignal] : -1;
    }

    /** Whether {@link #toHost(int)} has an answer. */
    public static boolean hasHost(int gdbSignal) {
        return toHost(gdbSignal) >= 0;
    }
}
