package org.jgdbserver.rsp.protocol;

/**
 * Packets about stops rather than resumption (GDB manual, "Remote Protocol &gt; Packets": {@code ?},
 * {@code vStopped}, {@code vCtrlC}; "Notification Packets" for the {@code vStopped} handshake).
 */
public final class StopPackets {

    private StopPackets() {
    }

    /**
     * {@code ?}: why did the target halt. Reply: a stop reply (all-stop), or in non-stop mode the
     * first pending stop ({@code OK} if none), the rest drained with {@code vStopped}.
     */
    public record HaltReasonPacket() implements RspRequest {
    }

    /**
     * {@code vStopped}: non-stop acknowledgement of a {@code %Stop} notification. Reply: the next
     * queued stop reply, or {@code OK} when the queue is empty.
     */
    public record StoppedPacket() implements RspRequest {
    }

    /**
     * {@code vCtrlC}: interrupt the target (non-stop mode's replacement for the 0x03 byte). Reply
     * {@code OK}; the stop itself arrives as a notification.
     */
    public record CtrlCPacket() implements RspRequest {
    }

    static final HaltReasonPacket HALT_REASON = new HaltReasonPacket();
    static final StoppedPacket STOPPED = new StoppedPacket();
    static final CtrlCPacket CTRL_C = new CtrlCPacket();
}
