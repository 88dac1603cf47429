package org.jgdbserver.rsp.session;

import org.jgdbserver.regsets.RegsetBuffers;
import org.jgdbserver.regsets.TargetLayout;
import org.jgdbserver.rsp.protocol.GdbSignals;
import org.jgdbserver.rsp.protocol.Hex;
import org.jgdbserver.tracer.TracedThread;
import org.jgdbserver.tracer.WatchKind;

/**
 * Stop replies (GDB manual, "Stop Reply Packets"): {@code T} with the signal, expedited pc, sp
 * and fp (all general registers for a stop gdb asked for), the thread, its core and the reason
 * ({@code swbreak}, {@code watch:ADDR}, ...: first, as gdbserver orders them), and the exit
 * forms {@code W}/{@code X}.
 */
final class StopReplies {
    private StopReplies() {}

    static StringBuilder base(RspSession s, TracedThread t, int gdbSignal) {
        return base(s, t, gdbSignal, null);
    }

    /**
     * {@code reason} (e.g. {@code exec:HEX;}) comes right after the signal, before the
     * registers, as gdbserver orders it: gdb skips the registers that follow {@code exec}, which
     * may be of another architecture than the program it knew (64-bit exec'ing 32-bit).
     */
    static StringBuilder base(RspSession s, TracedThread t, int gdbSignal, CharSequence reason) {
        StringBuilder sb = new StringBuilder(96);
        sb.append('T');
        Hex.appendByte(sb, gdbSignal);
        if (reason != null) {
            sb.append(reason);
        }
        Registers regs = s.regs(t);
        TargetLayout layout = regs.layout();
        RegsetBuffers buf = regs.buffers(t);
        // A thread stopped at gdb's request (vCont;t, signal 0) is wherever it happened to be,
        // typically inside a system call in libc: to print its frame gdb needs more than
        // pc, sp and fp, and would ask for all registers with g. With every general register
        // in the reply it need not: one round trip less per thread of a stop-all. Other stops
        // (breakpoints, steps, signals) keep gdbserver's three.
        int[] expedited = gdbSignal == GdbSignals.SIGNAL_0 ? layout.generalRegnums() : layout.expeditedRegnums();
        for (int n : expedited) {
            byte[] v = regs.read(t, n, buf);
            if (v != null) {
                Hex.appendByte(sb, n);
                sb.append(':');
                Hex.appendBytes(sb, v, 0, v.length);
                sb.append(';');
            }
        }
        sb.append("thread:");
        s.threadId(t).appendTo(sb, s.multiprocess());
        sb.append(';');
        int core = t.lastCpu();
        if (core >= 0) {
            sb.append("core:");
            Hex.appendNumber(sb, core);
            sb.append(';');
        }
        return sb;
    }

    static String forEvent(RspSession s, StopEvent ev) {
        TracedThread t = ev.thread();
        switch (ev.kind()) {
            case BREAKPOINT:
                return base(s, t, GdbSignals.TRAP, "swbreak:;").toString();
            case HW_BREAKPOINT:
                return base(s, t, GdbSignals.TRAP, "hwbreak:;").toString();
            case WATCHPOINT: {
                StringBuilder r = new StringBuilder(ev.watchKind() == WatchKind.ACCESS ? "awatch:" : "watch:");
                Hex.appendNumber(r, ev.dataAddress());
                return base(s, t, GdbSignals.TRAP, r.append(';')).toString();
            }
            case INTERRUPTED:
                return base(s, t, GdbSignals.INT).toString();
            case FORK:
            case VFORK: {
                StringBuilder r = new StringBuilder(ev.kind() == StopEvent.Kind.FORK ? "fork:" : "vfork:");
                r.append(s.multiprocess() ? "p" + Long.toHexString(ev.other()) + "." + Long.toHexString(ev.other())
                        : Long.toHexString(ev.other()));
                return base(s, t, GdbSignals.TRAP, r.append(';')).toString();
            }
            case VFORK_DONE:
                return base(s, t, GdbSignals.TRAP, "vforkdone:;").toString();
            case EXEC:
                return base(s, t, GdbSignals.TRAP, "exec:" + Hex.encodeString(ev.text()) + ";").toString();
            case SYSCALL_ENTRY:
                return base(s, t, GdbSignals.TRAP, "syscall_entry:" + Long.toHexString(ev.other()) + ";").toString();
            case SYSCALL_EXIT:
                return base(s, t, GdbSignals.TRAP, "syscall_return:" + Long.toHexString(ev.other()) + ";").toString();
            case SIGNAL:
                return base(s, t, GdbSignals.fromHost(ev.signal())).toString();
            default:
                return base(s, t, GdbSignals.TRAP).toString();
        }
    }

    static String exited(int code, long pid, boolean multiprocess) {
        StringBuilder sb = new StringBuilder("W");
        Hex.appendByte(sb, code & 0xff);
        if (multiprocess) {
            sb.append(";process:").append(Long.toHexString(pid));
        }
        return sb.toString();
    }

    static String killed(int gdbSignal, long pid, boolean multiprocess) {
        StringBuilder sb = new StringBuilder("X");
        Hex.appendByte(sb, gdbSignal);
        if (multiprocess) {
            sb.append(";process:").append(Long.toHexString(pid));
        }
        return sb.toString();
    }
}
