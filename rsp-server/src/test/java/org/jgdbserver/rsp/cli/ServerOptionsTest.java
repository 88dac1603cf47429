package org.jgdbserver.rsp.cli;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class ServerOptionsTest {

    private static ServerOptions ok(String... args) {
        ServerOptions.Result r = ServerOptions.parse(args);
        assertTrue(r.shouldRun(), () -> String.join(" ", args) + " -> " + r);
        assertEquals("", r.stdout());
        assertEquals("", r.stderr());
        return r.options();
    }

    private static ServerOptions.Result exits(int status, String... args) {
        ServerOptions.Result r = ServerOptions.parse(args);
        assertFalse(r.shouldRun(), () -> String.join(" ", args) + " should not run");
        assertEquals(status, r.exitStatus(), String.join(" ", args));
        return r;
    }

    private static void usageError(String... args) {
        ServerOptions.Result r = exits(1, args);
        assertTrue(r.stderr().startsWith("Usage:\tjgdbserver [OPTIONS] COMM PROG [ARGS ...]\n"), r.stderr());
        assertFalse(r.stderr().contains("Report bugs"));
        assertEquals("", r.stdout());
    }

    @Test
    void programForm() {
        ServerOptions o = ok(":2345", "/bin/echo", "a", "--b", "-c");
        assertEquals(Comm.Kind.TCP, o.comm().kind());
        assertEquals("", o.comm().host());
        assertEquals(2345, o.comm().port());
        assertEquals("/bin/echo", o.program());
        assertEquals(List.of("a", "--b", "-c"), o.programArgs());
        assertFalse(o.multi());
        assertFalse(o.attach());
        assertFalse(o.once());
        assertTrue(o.disableRandomization());
        assertTrue(o.startupWithShell());
        assertEquals(List.of(), o.wrapper());
    }

    @Test
    void hostPortForms() {
        assertEquals("localhost", ok("localhost:1234", "p").comm().host());
        assertEquals(0, ok("host:0", "p").comm().port());
        Comm v6 = ok("[::1]:1234", "p").comm();
        assertEquals("::1", v6.host());
        assertTrue(v6.ipv6());
        assertEquals(1234, v6.port());
        assertEquals("[::1]:1234", v6.toString());
    }

    @Test
    void stdioForms() {
        ServerOptions o = ok("-", "prog");
        assertTrue(o.comm().isStdio());
        assertEquals("prog", o.program());
        assertTrue(ok("stdio", "prog", "x").comm().isStdio());
        // "-" ends the options: what follows is the program even if it looks like an option
        o = ok("--once", "-", "--version");
        assertTrue(o.once());
        assertEquals("--version", o.program());
    }

    @Test
    void attachForm() {
        ServerOptions o = ok("--attach", ":2345", "1234");
        assertTrue(o.attach());
        assertEquals(1234, o.attachPid());
        assertNull(o.program());
        assertEquals(0x1f, ok("--attach", ":1", "0x1f").attachPid());
        assertEquals(15, ok("--attach", ":1", "017").attachPid());
        // old order: COMM --attach PID
        assertEquals(99, ok(":1", "--attach", "99").attachPid());
    }

    @Test
    void attachErrors() {
        usageError("--attach", ":1");
        usageError("--attach", ":1", "abc");
        usageError("--attach", ":1", "0");
        usageError("--attach", ":1", "12", "13");
        usageError("--attach", ":1", "12x");
        usageError("--attach", ":1", "");
        usageError("--attach", ":1", "-5");
    }

    @Test
    void multiForm() {
        ServerOptions o = ok("--multi", ":2345");
        assertTrue(o.multi());
        assertNull(o.program());
        o = ok("--multi", "--once", ":2345", "prog", "arg");
        assertEquals("prog", o.program());
        assertEquals(List.of("arg"), o.programArgs());
        assertTrue(o.once());
    }

    @Test
    void missingArguments() {
        usageError();
        usageError(":1");
        usageError("--once");
        usageError("--multi");
        usageError("--once", ":1");
        usageError("--remote-debug", "--debug-file=/dev/null");
    }

    @Test
    void wrapper() {
        ServerOptions o = ok("--wrapper", "env", "A=1", "--", ":1", "prog");
        assertEquals(List.of("env", "A=1"), o.wrapper());
        assertEquals("prog", o.program());
        usageError("--wrapper");
        usageError("--wrapper", "env");
        usageError("--wrapper", "--", ":1", "prog");
    }

    @Test
    void debugOptions() {
        ServerOptions o = ok("--debug", "--remote-debug", "--event-loop-debug", "--debug-file=/tmp/log",
                "--debug-format=timestamp", ":1", "p");
        assertTrue(o.debug());
        assertTrue(o.remoteDebug());
        assertTrue(o.eventLoopDebug());
        assertTrue(o.debugTimestamp());
        assertEquals("/tmp/log", o.debugFile());
        o = ok("--debug=remote", ":1", "p");
        assertFalse(o.debug());
        assertTrue(o.remoteDebug());
        assertEquals(Set.of("remote"), o.debugComponents());
        o = ok("--debug=all", ":1", "p");
        assertTrue(o.debug() && o.remoteDebug() && o.eventLoopDebug());
        assertFalse(ok("--debug-format=all,none", ":1", "p").debugTimestamp());
        assertNull(ok(":1", "p").debugFile());
    }

    @Test
    void debugErrors() {
        ServerOptions.Result r = exits(1, "--debug-format=foo", ":1", "p");
        assertEquals("Unknown debug-format argument: \"foo\"\n", r.stderr());
        r = exits(1, "--debug=foo", ":1", "p");
        assertTrue(r.stderr().startsWith("Unknown debug component: \"foo\""));
        r = exits(1, "--debug-file", ":1", "p");
        assertEquals("Unknown argument: --debug-file\n", r.stderr());
    }

    @Test
    void randomizationAndShell() {
        ServerOptions o = ok("--no-disable-randomization", "--no-startup-with-shell", ":1", "p");
        assertFalse(o.disableRandomization());
        assertFalse(o.startupWithShell());
        o = ok("--no-disable-randomization", "--disable-randomization", "--no-startup-with-shell",
                "--startup-with-shell", ":1", "p");
        assertTrue(o.disableRandomization());
        assertTrue(o.startupWithShell());
    }

    @Test
    void disablePacket() {
        ServerOptions o = ok("--disable-packet=vCont,T", ":1", "p");
        assertEquals(Set.of("vCont", "T"), o.disabledPackets());
        assertTrue(o.isPacketDisabled("T"));
        o = ok("--disable-packet=threads", ":1", "p");
        assertEquals(Set.of("vCont", "Tthread", "qC", "qfThreadInfo"), o.disabledPackets());
        ServerOptions.Result r = exits(1, "--disable-packet=foo", ":1", "p");
        assertTrue(r.stderr().startsWith("Don't know how to disable \"foo\".\n\nDisableable packets:\n"));
        r = exits(0, "--disable-packet", ":1", "p");
        assertTrue(r.stdout().startsWith("Disableable packets:\n"));
        assertEquals("", r.stderr());
    }

    @Test
    void helpAndVersion() {
        ServerOptions.Result r = exits(0, "--help");
        assertTrue(r.stdout().startsWith("Usage:\tjgdbserver [OPTIONS] COMM PROG [ARGS ...]\n"
                + "\tjgdbserver [OPTIONS] --attach COMM PID\n\tjgdbserver [OPTIONS] --multi COMM\n"));
        assertTrue(r.stdout().contains("Report bugs"));
        assertEquals("", r.stderr());
        r = exits(0, "--version", "extra");
        assertTrue(r.stdout().startsWith("jgdbserver "));
        assertTrue(r.stdout().contains("configured as \"x86_64-linux-gnu\""));
        // options are handled in order: --help after a bad option is never reached
        r = exits(1, "--foo", "--help");
        assertEquals("Unknown argument: --foo\n", r.stderr());
    }

    @Test
    void selftestIsDeclinedTheWayGdbserverDoes() {
        ServerOptions.Result r = exits(0, "--selftest");
        assertEquals("Selftests have been disabled for this build.\n", r.stdout());
        assertEquals(0, exits(0, "--selftest=foo").exitStatus());
    }

    @Test
    void unknownOption() {
        ServerOptions.Result r = exits(1, "--foo", ":1", "x");
        assertEquals("Unknown argument: --foo\n", r.stderr());
        assertEquals("", r.stdout());
        exits(1, "-x", ":1", "p");
    }

    @Test
    void badComm() {
        ServerOptions.Result r = exits(1, "/dev/ttyS0", "p");
        assertTrue(r.stderr().startsWith("jgdbserver: '/dev/ttyS0' looks like a serial device"), r.stderr());
        assertTrue(exits(1, ":abc", "p").stderr().contains("invalid port"));
        assertTrue(exits(1, ":", "p").stderr().contains("invalid port"));
        assertTrue(exits(1, ":65536", "p").stderr().contains("out of range"));
        assertTrue(exits(1, "[::1", "p").stderr().contains("Missing close bracket"));
        assertTrue(exits(1, "[::1]", "p").stderr().contains("Missing port"));
        assertTrue(exits(1, "::1]:5", "p").stderr().contains("Missing open bracket"));
    }

    @Test
    void pidParsing() {
        assertEquals(10, ServerOptions.parsePid("10"));
        assertEquals(16, ServerOptions.parsePid("0x10"));
        assertEquals(8, ServerOptions.parsePid("010"));
        assertEquals(-1, ServerOptions.parsePid("09"));
        assertEquals(-1, ServerOptions.parsePid("0x"));
        assertEquals(-1, ServerOptions.parsePid("+5"));
        assertEquals(-1, ServerOptions.parsePid("99999999999"));
    }
}
