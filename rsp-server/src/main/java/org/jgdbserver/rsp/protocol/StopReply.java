package org.jgdbserver.rsp.protocol;

import org.jgdbserver.rsp.wire.RspNotification;
import org.jgdbserver.rsp.wire.RspReply;

import java.nio.charset.StandardCharsets;

/**
 * Builds stop replies (GDB manual, "Stop Reply Packets"). A {@code T} reply is built fluently,
 * fields appear in call order:
 * <pre>{@code
 * RspReply r = StopReply.signal(GdbSignals.TRAP, true)
 *         .swbreak()
 *         .register(0x06, rbp).register(0x07, rsp).register(0x10, rip)
 *         .thread(pid, tid).core(1)
 *         .toReply();      // T05swbreak:;06:...;07:...;10:...;thread:p4d2.4d2;core:1;
 * }</pre>
 * The other forms ({@code S}, {@code W}, {@code X}, {@code w}, {@code N}) are static methods.
 * Everything appends to one {@link StringBuilder}; numbers are lower-case hex without
 * {@code String.format}.
 */
public final class StopReply {

    private final StringBuilder sb;
    private final boolean multiprocess;

    private StopReply(int capacity, boolean multiprocess) {
        this.sb = new StringBuilder(capacity);
        this.multiprocess = multiprocess;
    }

    /**
     * Starts {@code T AA}: stopped with GDB signal {@code gdbSignal}.
     *
     * @param multiprocess whether thread-ids are written {@code p<pid>.<tid>}
     */
    public static StopReply signal(int gdbSignal, boolean multiprocess) {
        StopReply r = new StopReply(160, multiprocess);
        r.sb.append('T');
        Hex.appendByte(r.sb, gdbSignal);
        return r;
    }

    /** {@code thread:<id>;}. */
    public StopReply thread(long pid, long tid) {
        return thread(new ThreadId(pid, tid));
    }

    /** {@code thread:<id>;}. */
    public StopReply thread(ThreadId id) {
        sb.append("thread:");
        id.appendTo(sb, multiprocess).append(';');
        return this;
    }

    /** {@code core:<n>;}: the CPU the thread last ran on. */
    public StopReply core(int core) {
        sb.append("core:");
        Hex.appendNumber(sb, core).append(';');
        return this;
    }

    /** {@code <regno>:<value>;}: an expedited register, regno as at least two hex digits. */
    public StopReply register(int regno, byte[] value, int off, int len) {
        if (regno < 0x10) {
            sb.append('0');
        }
        Hex.appendNumber(sb, regno).append(':');
        Hex.appendBytes(sb, value, off, len).append(';');
        return this;
    }

    /** {@code <regno>:<value>;}. */
    public StopReply register(int regno, byte[] value) {
        return register(regno, value, 0, value.length);
    }

    /** {@code swbreak:;}: stopped at a software breakpoint (needs {@code swbreak+}). */
    public StopReply swbreak() {
        sb.append("swbreak:;");
        return this;
    }

    /** {@code hwbreak:;}: stopped at a hardware breakpoint (needs {@code hwbreak+}). */
    public StopReply hwbreak() {
        sb.append("hwbreak:;");
        return this;
    }

    /** {@code watch:<addr>;}: a write watchpoint triggered. */
    public StopReply watch(long address) {
        return field("watch:", address);
    }

    /** {@code rwatch:<addr>;}: a read watchpoint triggered. */
    public StopReply rwatch(long address) {
        return field("rwatch:", address);
    }

    /** {@code awatch:<addr>;}: an access watchpoint triggered. */
    public StopReply awatch(long address) {
        return field("awatch:", address);
    }

    /** {@code fork:<child-id>;}: the thread forked (needs {@code fork-events+}). */
    public StopReply fork(long childPid, long childTid) {
        sb.append("fork:");
        new ThreadId(childPid, childTid).appendTo(sb, multiprocess).append(';');
        return this;
    }

    /** {@code vfork:<child-id>;} (needs {@code vfork-events+}). */
    public StopReply vfork(long childPid, long childTid) {
        sb.append("vfork:");
        new ThreadId(childPid, childTid).appendTo(sb, multiprocess).append(';');
        return this;
    }

    /** {@code vforkdone:;}: the vfork child exec'd or exited. */
    public StopReply vforkDone() {
        sb.append("vforkdone:;");
        return this;
    }

    /** {@code exec:<hex path>;}: the process exec'd (needs {@code exec-events+}). */
    public StopReply exec(String path) {
        sb.append("exec:");
        byte[] b = path.getBytes(StandardCharsets.UTF_8);
        Hex.appendBytes(sb, b, 0, b.length).append(';');
        return this;
    }

    /** {@code syscall_entry:<n>;}. */
    public StopReply syscallEntry(int sysno) {
        return field("syscall_entry:", sysno);
    }

    /** {@code syscall_return:<n>;}. */
    public StopReply syscallReturn(int sysno) {
        return field("syscall_return:", sysno);
    }

    /** {@code library:;}: the shared library list changed. */
    public StopReply library() {
        sb.append("library:;");
        return this;
    }

    /** {@code create:;}: a new thread started (with {@code QThreadEvents:1}). */
    public StopReply create() {
        sb.append("create:;");
        return this;
    }

    /** Any other {@code name:value;} field, value written as is. */
    public StopReply field(String name, CharSequence value) {
        sb.append(name).append(':').append(value).append(';');
        return this;
    }

    private StopReply field(String prefix, long value) {
        sb.append(prefix);
        Hex.appendNumber(sb, value).append(';');
        return this;
    }

    /** The text built so far. */
    @Override
    public String toString() {
        return sb.toString();
    }

    /** The reply packet. */
    public RspReply toReply() {
        return RspReply.of(sb);
    }

    /** The {@code %Stop:} notification carrying this reply (non-stop mode). */
    public RspNotification toNotification() {
        return RspNotification.stop(sb);
    }

    /** {@code S AA}: stopped with a signal, no further information. */
    public static RspReply signalOnly(int gdbSignal) {
        StringBuilder s = new StringBuilder(3).append('S');
        return RspReply.of(Hex.appendByte(s, gdbSignal));
    }

    /** {@code W AA[;process:pid]}: the process exited with status {@code exitCode}. */
    public static RspReply exited(int exitCode, long pid, boolean multiprocess) {
        return RspReply.of(processEnd('W', exitCode, pid, multiprocess));
    }

    /** {@code X AA[;process:pid]}: the process was killed by GDB signal {@code gdbSignal}. */
    public static RspReply terminated(int gdbSignal, long pid, boolean multiprocess) {
        return RspReply.of(processEnd('X', gdbSignal, pid, multiprocess));
    }

    /** {@code w AA;tid}: a thread exited (with {@code QThreadEvents:1}). */
    public static RspReply threadExited(int exitCode, long pid, long tid, boolean multiprocess) {
        StringBuilder s = new StringBuilder(32).append('w');
        Hex.appendByte(s, exitCode).append(';');
        new ThreadId(pid, tid).appendTo(s, multiprocess);
        return RspReply.of(s);
    }

    /** {@code N}: no resumed threads left (needs {@code no-resumed+}). */
    public static RspReply noResumed() {
        return N;
    }

    private static final RspReply N = RspReply.of("N");

    private static StringBuilder processEnd(char c, int code, long pid, boolean multiprocess) {
        StringBuilder s = new StringBuilder(24).append(c);
        Hex.appendByte(s, code);
        if (multiprocess) {
            s.append(";process:");
            Hex.appendNumber(s, pid);
        }
        return s;
    }
}
