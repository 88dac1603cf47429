package org.jgdbserver.rsp.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

/** Helpers for the parser tests. */
final class ParserAssertions {

    private ParserAssertions() {
    }

    static <T extends RspRequest> T parsesAs(Class<T> type, String body) {
        RspRequest r = RspParser.parse(body);
        return assertInstanceOf(type, r, () -> body + " parsed as " + r);
    }

    static void malformed(String body) {
        RspRequest r = RspParser.parse(body);
        MalformedPacket m = assertInstanceOf(MalformedPacket.class, r, () -> body + " parsed as " + r);
        if (m.why().startsWith("internal")) {
            throw new AssertionError(body + ": " + m.why());
        }
    }

    static void unknown(String body) {
        RspRequest r = RspParser.parse(body);
        assertInstanceOf(UnknownPacket.class, r, () -> body + " parsed as " + r);
    }

    static void parses(RspRequest expected, String body) {
        assertEquals(expected, RspParser.parse(body), body);
    }

    static byte[] bytes(int... b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = (byte) b[i];
        }
        return r;
    }
}
