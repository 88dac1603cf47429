package org.jgdbserver.rsp.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * An asynchronous notification for non-stop mode, framed as {@code %body#cs} (GDB manual,
 * "Remote Protocol &gt; Notification Packets"). The body includes the notification name, e.g.
 * {@code Stop:T05thread:p1.1;}. Notifications are never acknowledged nor retransmitted.
 *
 * <p>Ownership: as for {@link RspReply}, the array is handed over and must not change afterwards.
 *
 * @param body the unescaped notification body, name included
 */
public record RspNotification(byte[] body) implements RspOutbound {

    private static final byte[] STOP = "Stop:".getBytes(StandardCharsets.ISO_8859_1);

    public RspNotification {
        Objects.requireNonNull(body, "body");
    }

    /** {@code %Stop:stopReply}, the only notification gdbserver sends. */
    public static RspNotification stop(byte[] stopReply) {
        byte[] b = Arrays.copyOf(STOP, STOP.length + stopReply.length);
        System.arraycopy(stopReply, 0, b, STOP.length, stopReply.length);
        return new RspNotification(b);
    }

    /** {@code %Stop:stopReply}. */
    public static RspNotification stop(CharSequence stopReply) {
        return stop(RspReply.of(stopReply).body());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RspNotification n && Arrays.equals(body, n.body);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "RspNotification[" + RspReply.printable(body, 0, body.length) + "]";
    }
}
