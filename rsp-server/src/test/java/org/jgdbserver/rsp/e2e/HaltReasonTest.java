package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The first {@code ?} of a connection names the thread in the form negotiated by
 * {@code qSupported} ({@code thread:pPID.TID} with multiprocess), though the program was
 * started before the client came. A bare RSP client, as lldb's or a script's: gdb's own
 * sequence hides the difference.
 */
class HaltReasonTest extends E2eTestBase {

    @Test
    void initialStopReplyUsesTheNegotiatedThreadIdForm() throws IOException {
        ServerProcess s = serverOnPort("--once", E2e.bin("loop").toString());
        long pid = s.inferiorPid();
        try (Socket sock = new Socket("127.0.0.1", s.port())) {
            sock.setSoTimeout(20_000);
            InputStream in = sock.getInputStream();
            OutputStream out = sock.getOutputStream();
            String supported = request(in, out, "qSupported:multiprocess+;swbreak+");
            assertTrue(supported.contains("multiprocess+"), supported);
            String stop = request(in, out, "?");
            String hex = Long.toHexString(pid);
            assertTrue(stop.startsWith("T05") && stop.contains(";thread:p" + hex + "." + hex + ";"), stop);
            request(in, out, "vKill;" + hex);
        }
    }

    /** Sends one packet in ack mode; returns the reply's body (acknowledged). */
    static String request(InputStream in, OutputStream out, String body) throws IOException {
        int sum = 0;
        for (byte b : body.getBytes(StandardCharsets.ISO_8859_1)) {
            sum += b & 0xff;
        }
        out.write(String.format("$%s#%02x", body, sum & 0xff).getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
        int c;
        while ((c = in.read()) != '$') {
            if (c < 0) {
                throw new IOException("connection closed waiting for the reply to " + body);
            }
        }
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        while ((c = in.read()) != '#') {
            if (c < 0) {
                throw new IOException("connection closed in the reply to " + body);
            }
            reply.write(c);
        }
        in.read();
        in.read();
        out.write('+');
        out.flush();
        return reply.toString(StandardCharsets.ISO_8859_1);
    }
}
