package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The server keeps the last {@code g} reply while the thread's registers stay as they are; a
 * register write and a single step must each make the next {@code g} read the thread afresh.
 * {@code maint flush register-cache} makes gdb send {@code g} again instead of answering from
 * its own cache.
 */
class RegisterReplyCacheTest extends E2eTestBase {

    @Test
    void gIsReadAfreshAfterARegisterWriteAndAfterAStep() {
        ServerProcess s = serverOnPort("--once", E2e.bin("session").toString(), "3");
        Gdb.Result r = gdb(target(s), "break compute", "continue",
                "maint flush register-cache", "print/x $rax",
                "maint flush register-cache", "print/x $rax",           // the same g, served again
                "set var $rax = 0x1234abcd",
                "maint flush register-cache", "print/x $rax",
                "set var $rbx = 0x5678",
                "maint flush register-cache", "print/x $rbx", "print/x $rax",
                "set $old = $pc", "stepi",
                "maint flush register-cache", "print $pc != $old", "print/x $rbx",
                "kill");
        expect(r, "^Breakpoint 1, compute ",
                "^\\$1 = 0x[0-9a-f]+$", "^\\$2 = 0x[0-9a-f]+$",
                "^\\$3 = 0x1234abcd$",
                "^\\$4 = 0x5678$", "^\\$5 = 0x1234abcd$",
                "^\\$6 = 1$", "^\\$7 = 0x5678$");
        assertEquals(all(r, "^\\$1 = (.*)$"), all(r, "^\\$2 = (.*)$"), context(r));
    }
}
