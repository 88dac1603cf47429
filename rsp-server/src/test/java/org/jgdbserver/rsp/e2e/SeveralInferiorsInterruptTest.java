package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.jgdbserver.rsp.e2e.HaltReasonTest.request;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * All-stop ^C with two processes: gdbserver sends the SIGINT to the process it started or
 * attached to last, where it waits until one of that process's threads runs. A step of the
 * other process's thread ends as a step; the SIGINT stops the signalled process at its next
 * resume (gdb.threads/detach-step-over.exp on extended-remote: reported for the stepping
 * inferior, gdb detached the wrong one). A bare RSP client, for the exact packet order.
 */
class SeveralInferiorsInterruptTest extends E2eTestBase {

    @Test
    void anInterruptOwedToTheProcessAttachedLastWaitsUntilThatProcessRuns() throws IOException {
        long attached = startDetached(E2e.bin("loop"));
        ServerProcess s = serverOnPort("--multi");
        try (Socket sock = new Socket("127.0.0.1", s.port())) {
            sock.setSoTimeout(20_000);
            InputStream in = sock.getInputStream();
            OutputStream out = sock.getOutputStream();
            request(in, out, "qSupported:multiprocess+;swbreak+");
            String path = E2e.bin("loop").toString();
            String run = request(in, out, "vRun;" + hex(path));
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("thread:p([0-9a-f]+)\\.").matcher(run);
            assertTrue(run.startsWith("T") && m.find(), run);
            String started = m.group(1);
            own(Long.parseLong(started, 16));
            String a = Long.toHexString(attached);
            String att = request(in, out, "vAttach;" + a);
            assertTrue(att.startsWith("T") && att.contains("thread:p" + a + "."), att);

            String stepThread = "p" + started + "." + started;
            assertTrue(request(in, out, "Hg" + stepThread).equals("OK"));
            String step = request(in, out, "vCont;s:" + stepThread);
            assertTrue(step.startsWith("T05") && step.contains("thread:" + stepThread + ";"), step);

            out.write(0x03); // ^C while everything is stopped: owed to the next resume that meets it
            out.flush();
            String step2 = request(in, out, "vCont;s:" + stepThread);
            assertTrue(step2.startsWith("T05") && step2.contains("thread:" + stepThread + ";"),
                    "a step of the process run first ends as a step: " + step2 + serverLogs());
            String cont = request(in, out, "vCont;c");
            assertTrue(cont.startsWith("T02") && cont.contains("thread:p" + a + "."),
                    "the SIGINT stops the process attached last: " + cont + serverLogs());

            request(in, out, "vKill;" + started);
            request(in, out, "D;" + a);
        }
    }

    private static String hex(String s) {
        StringBuilder sb = new StringBuilder();
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            sb.append(String.format("%02x", b & 0xff));
        }
        return sb.toString();
    }
}
