package org.jgdbserver.rsp.session;

import org.jgdbserver.rsp.protocol.BreakpointPackets.InsertBreakpointPacket;
import org.jgdbserver.rsp.protocol.BreakpointPackets.RemoveBreakpointPacket;
import org.jgdbserver.rsp.protocol.Replies;
import org.jgdbserver.rsp.wire.RspReply;
import org.jgdbserver.tracer.TracedProcess;
import org.jgdbserver.tracer.WatchKind;

import java.util.concurrent.CompletionException;

/**
 * {@code Z}/{@code z}: software breakpoints are the tracer's shared int3s; hardware
 * breakpoints and watchpoints go to the debug registers. x86 has no read-only watchpoint:
 * {@code Z3} gets the empty reply (not supported), as gdbserver's x86 low target answers,
 * and gdb falls back to an access watchpoint.
 */
final class Breakpoints {
    private Breakpoints() {}

    static RspReply insert(RspSession s, TracedProcess ignored, InsertBreakpointPacket z) {
        TracedProcess p = s.current();
        if (p == null) {
            return Replies.E01;
        }
        try {
            switch (z.type()) {
                case SOFTWARE:
                    s.engine().insertBreakpoint(p, z.address()).join();
                    return Replies.OK;
                case HARDWARE:
                    s.engine().insertWatchpoint(p, z.address(), 1, WatchKind.EXECUTE).join();
                    return Replies.OK;
                case WRITE_WATCHPOINT:
                    s.engine().insertWatchpoint(p, z.address(), z.kind(), WatchKind.WRITE).join();
                    return Replies.OK;
                case ACCESS_WATCHPOINT:
                    s.engine().insertWatchpoint(p, z.address(), z.kind(), WatchKind.ACCESS).join();
                    return Replies.OK;
                default:
                    return Replies.EMPTY;
            }
        } catch (CompletionException e) {
            Log.debug("Z" + z.type().wire() + " at 0x" + Long.toHexString(z.address()) + ": " + e.getCause().getMessage());
            return Replies.E01;
        }
    }

    static RspReply remove(RspSession s, TracedProcess ignored, RemoveBreakpointPacket z) {
        TracedProcess p = s.current();
        if (p == null) {
            return Replies.E01;
        }
        try {
            switch (z.type()) {
                case SOFTWARE:
                    s.engine().removeBreakpoint(p, z.address()).join();
                    return Replies.OK;
                case HARDWARE:
                    s.engine().removeWatchpoint(p, z.address(), 1, WatchKind.EXECUTE).join();
                    return Replies.OK;
                case WRITE_WATCHPOINT:
                    s.engine().removeWatchpoint(p, z.address(), z.kind(), WatchKind.WRITE).join();
                    return Replies.OK;
                case ACCESS_WATCHPOINT:
                    s.engine().removeWatchpoint(p, z.address(), z.kind(), WatchKind.ACCESS).join();
                    return Replies.OK;
                default:
                    return Replies.EMPTY;
            }
        } catch (CompletionException e) {
            Log.debug("z" + z.type().wire() + " at 0x" + Long.toHexString(z.address()) + ": " + e.getCause().getMessage());
            return Replies.E01;
        }
    }
}
