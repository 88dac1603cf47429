package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.Test;

/** gdb's {@code monitor} commands answered as gdbserver answers them (gdb.server/server-mon.exp). */
class MonitorTest extends E2eTestBase {

    @Test
    void monitorCommandsSayWhatGdbserverSays() {
        ServerProcess s = serverOnPort(E2e.bin("loop").toString());
        Gdb.Result r = gdb(target(s), "monitor help", "monitor", "monitor set debug-format all",
                "monitor set debug-format none", "monitor set debug-format timestamp,bogus",
                "monitor set debug-hw-points 1", "monitor set remote-debug 1", "monitor set remote-debug 0",
                "kill");
        expect(r, "^The following monitor commands are supported:$", "^  set debug-format option1\\[,option2,\\.\\.\\.\\]$",
                "^Unknown monitor command\\.$",
                // an unknown command is an error reply: gdb calls it a protocol error
                "Protocol error with Rcmd",
                "^All extra debug format options enabled\\.$",
                "^All extra debug format options disabled\\.$",
                "^Timestamps will be added to debug output\\.$",
                "^Unknown debug-format argument: \"bogus\"$",
                "^H/W point debugging output enabled\\.$",
                "^Protocol debug output enabled\\.$",
                "^Protocol debug output disabled\\.$");
    }
}
