package org.jgdbserver.rsp.wire;

import java.util.Arrays;
import java.util.Objects;

/**
 * A complete packet whose checksum did not match (GDB manual, "Remote Protocol &gt; Overview").
 * In acknowledgement mode {@link RspAckHandler} answers it with {@code -} so GDB retransmits; in
 * no-ack mode it is accepted anyway, as gdbserver does, and passed on as an {@link RspPacket}.
 *
 * @param body     the decoded body as received (owned by the receiver, not reference-counted)
 * @param received the checksum sent by GDB, or -1 if its two characters were not hex digits
 * @param computed the checksum computed over the received bytes
 */
public record RspBadChecksum(byte[] body, int received, int computed) implements RspInbound {

    public RspBadChecksum {
        Objects.requireNonNull(body, "body");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RspBadChecksum b && Arrays.equals(body, b.body)
                && received == b.received && computed == b.computed;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(body) * 31 + received * 7 + computed;
    }

    @Override
    public String toString() {
        return "RspBadChecksum[received=" + received + ", computed=" + computed + ", body="
                + RspReply.printable(body, 0, body.length) + "]";
    }
}
