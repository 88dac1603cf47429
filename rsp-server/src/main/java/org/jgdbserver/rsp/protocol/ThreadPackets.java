package org.jgdbserver.rsp.protocol;

/**
 * Thread packets (GDB manual, "Remote Protocol &gt; Packets": {@code H}, {@code T};
 * "General Query Packets": {@code qC}, {@code qfThreadInfo}, {@code qsThreadInfo},
 * {@code qGetTLSAddr}).
 */
public final class ThreadPackets {

    private ThreadPackets() {
    }

    /**
     * {@code H op thread-id}: select the thread for later operations: {@code g} for register and
     * memory access, {@code c} for {@code c}/{@code s} resumption. Reply {@code OK} or {@code E NN}.
     *
     * @param operation the operation letter, normally {@code 'g'} or {@code 'c'}
     * @param thread    the thread-id
     */
    public record SetThreadPacket(char operation, ThreadId thread) implements RspRequest {
    }

    /**
     * {@code T thread-id}: is this thread alive. Reply {@code OK} or {@code E NN}.
     *
     * @param thread the thread-id
     */
    public record ThreadAlivePacket(ThreadId thread) implements RspRequest {
    }

    /** {@code qC}: the current thread. Reply {@code QC thread-id}. */
    public record CurrentThreadPacket() implements RspRequest {
    }

    /** {@code qfThreadInfo}: first chunk of the thread list. Reply {@code m id,id...} or {@code l}. */
    public record ThreadInfoFirstPacket() implements RspRequest {
    }

    /** {@code qsThreadInfo}: next chunk of the thread list. Reply {@code m id,...} or {@code l}. */
    public record ThreadInfoNextPacket() implements RspRequest {
    }

    /**
     * {@code qGetTLSAddr:thread-id,offset,lm}: address of a thread-local variable. Reply: the
     * address in hex, {@code E NN}, or empty if unsupported.
     *
     * @param thread  the thread
     * @param offset  offset of the variable in its module's TLS block
     * @param linkMap address of the module's link map
     */
    public record GetTlsAddrPacket(ThreadId thread, long offset, long linkMap) implements RspRequest {
    }

    static final CurrentThreadPacket CURRENT = new CurrentThreadPacket();
    static final ThreadInfoFirstPacket INFO_FIRST = new ThreadInfoFirstPacket();
    static final ThreadInfoNextPacket INFO_NEXT = new ThreadInfoNextPacket();

    /** Parses {@code H}; the cursor is after the letter. */
    static RspRequest parseSetThread(PacketReader r) {
        int op = r.peek();
        if (op < 'a' || op > 'z') {
            throw PacketReader.fail("H without operation letter");
        }
        r.pos++;
        ThreadId id = ThreadId.read(r);
        r.expectEnd();
        return new SetThreadPacket((char) op, id);
    }

    /** Parses {@code T}; the cursor is after the letter. */
    static RspRequest parseThreadAlive(PacketReader r) {
        ThreadId id = ThreadId.read(r);
        r.expectEnd();
        return new ThreadAlivePacket(id);
    }

    /** Parses {@code qGetTLSAddr:...}; the cursor is after the colon. */
    static RspRequest parseTls(PacketReader r) {
        ThreadId id = ThreadId.read(r);
        r.expect(',');
        long offset = r.hex();
        r.expect(',');
        long lm = r.hex();
        r.expectEnd();
        return new GetTlsAddrPacket(id, offset, lm);
    }
}
