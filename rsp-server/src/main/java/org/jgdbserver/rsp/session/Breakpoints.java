package org.jgdbserver.rsp.session;

import org.jgdbserver.rsp.protocol.BreakpointPackets.BreakpointType;
import org.jgdbserver.rsp.protocol.BreakpointPackets.InsertBreakpointPacket;
import org.jgdbserver.rsp.protocol.BreakpointPackets.RemoveBreakpointPacket;
import org.jgdbserver.rsp.protocol.Replies;
import org.jgdbserver.rsp.wire.RspReply;
import org.jgdbserver.tracer.Engine;
import org.jgdbserver.tracer.TracedProcess;
import org.jgdbserver.tracer.WatchKind;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * {@code Z}/{@code z}: software breakpoints are the tracer's shared int3s; hardware
 * breakpoints and watchpoints go to the debug registers. x86 has no read-only watchpoint:
 * {@code Z3} gets the empty reply (not supported), as gdbserver's x86 low target answers,
 * and gdb falls back to an access watchpoint. Code breakpoints ({@code Z0}, {@code Z1}) are
 * inserted once per address, whatever number of times gdb sends them, and keep their
 * target-side conditions and commands in {@link BreakpointActions}.
 */
final class Breakpoints {
    private Breakpoints() {}

    static RspReply insert(RspSession s, InsertBreakpointPacket z) {
        BreakpointActions.Key key = codeBreakpoint(s, z.type(), z.address());
        if (key == null) {
            return apply(s, z.type(), z.address(), z.kind(), true);
        }
        BreakpointActions table = s.ops().breakpoints;
        BreakpointActions.Actions actions = BreakpointActions.Actions.of(z.conditions(), z.commands(), z.persist());
        if (table.contains(key)) {
            // gdb re-sends Z with the whole new condition list: replace it, keep one insertion.
            table.put(key, actions);
            return Replies.OK;
        }
        RspReply r = apply(s, z.type(), z.address(), z.kind(), true);
        if (r == Replies.OK) {
            table.put(key, actions);
        }
        return r;
    }

    static RspReply remove(RspSession s, RemoveBreakpointPacket z) {
        BreakpointActions.Key key = codeBreakpoint(s, z.type(), z.address());
        if (key != null) {
            s.ops().breakpoints.remove(key);
        }
        return apply(s, z.type(), z.address(), z.kind(), false);
    }

    /** The table key of a Z0/Z1 in the current process, or null for a watchpoint or no process. */
    private static BreakpointActions.Key codeBreakpoint(RspSession s, BreakpointType type, long address) {
        TracedProcess p = s.current();
        if (p == null || type != BreakpointType.SOFTWARE && type != BreakpointType.HARDWARE) {
            return null;
        }
        return new BreakpointActions.Key(p, address, type == BreakpointType.HARDWARE);
    }

    private static RspReply apply(RspSession s, BreakpointType type, long address, int kind, boolean insert) {
        TracedProcess p = s.current();
        if (p == null) {
            return Replies.E01;
        }
        Engine e = s.engine();
        WatchKind watch;
        switch (type) {
            case SOFTWARE:
                watch = null;
                break;
            case HARDWARE:
                watch = WatchKind.EXECUTE;
                kind = 1;
                break;
            case WRITE_WATCHPOINT:
                watch = WatchKind.WRITE;
                break;
            case ACCESS_WATCHPOINT:
                watch = WatchKind.ACCESS;
                break;
            default:
                return Replies.EMPTY;
        }
        CompletableFuture<Void> done;
        if (watch == null) {
            done = insert ? e.insertBreakpoint(p, address) : e.removeBreakpoint(p, address);
        } else {
            done = insert ? e.insertWatchpoint(p, address, kind, watch) : e.removeWatchpoint(p, address, kind, watch);
        }
        try {
            done.join();
            return Replies.OK;
        } catch (CompletionException x) {
            Log.debug((insert ? "Z" : "z") + type.wire() + " at 0x" + Long.toHexString(address) + ": "
                    + x.getCause().getMessage());
            return Replies.E01;
        }
    }
}
