package org.jgdbserver.rsp.wire;

/**
 * Something on the wire that could not be turned into a packet. The decoder never throws on bad
 * input; it reports it with this message and carries on with the next packet.
 *
 * @param kind   what went wrong
 * @param detail a human-readable description for logs
 */
public record RspFrameError(Kind kind, String detail) implements RspInbound {

    /** The kinds of framing error. */
    public enum Kind {
        /**
         * The body exceeded the decoder's limit. The rest of the packet was skipped up to and
         * including its checksum. The packet arrived intact, so it is acknowledged with {@code +};
         * the session should answer it with an error reply (e.g. {@code E01}), since GDB would
         * only resend the same packet after a {@code -}.
         */
        TOO_LONG(false),
        /** A {@code *} with nothing before it, or a repeat count character out of range. Nak'ed. */
        BAD_RUN_LENGTH(true),
        /** A {@code }} escape with no byte after it before the {@code #}. Nak'ed. */
        BAD_ESCAPE(true),
        /** A raw {@code $} inside a packet: the old packet is dropped and the new one started. */
        RESTARTED(false);

        private final boolean nak;

        Kind(boolean nak) {
            this.nak = nak;
        }

        /** Whether {@link RspAckHandler} answers this error with {@code -} in acknowledgement mode. */
        public boolean nakInAckMode() {
            return nak;
        }

        /** Whether GDB expects a reply packet (the session should send an error reply). */
        public boolean wantsErrorReply() {
            return this == TOO_LONG;
        }
    }
}
