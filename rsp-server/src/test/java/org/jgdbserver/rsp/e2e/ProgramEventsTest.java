package org.jgdbserver.rsp.e2e;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Beyond breakpoints: signals, a crash, fork and exec, as gdb shows them over our server. */
class ProgramEventsTest extends E2eTestBase {
    private static final Duration T = Duration.ofSeconds(20);

    @Test
    void crashStopsWithSigsegvAndTerminatesTheProgram() {
        ServerProcess s = serverOnPort("--once", E2e.bin("crash").toString(), "3");
        long pid = s.inferiorPid();
        Gdb.Result r = gdb(target(s), "continue", "bt", "print depth", "continue", "info inferiors");
        expect(r, "^Program received signal SIGSEGV, Segmentation fault\\.$",
                "^0x[0-9a-f]+ in dive \\(depth=0\\) at .*crash\\.c:\\d+$",
                "^#0  0x[0-9a-f]+ in dive \\(depth=0\\) at ",
                "^#1  0x[0-9a-f]+ in dive \\(depth=1\\) at ",
                "^#2  0x[0-9a-f]+ in dive \\(depth=2\\) at ",
                "^#3  0x[0-9a-f]+ in dive \\(depth=3\\) at ",
                "^#4  0x[0-9a-f]+ in main ",
                "^\\$1 = 0$",
                "^Program terminated with signal SIGSEGV, Segmentation fault\\.$",
                "^The program no longer exists\\.$");
        awaitGone(pid, "killed by SIGSEGV");
        s.awaitExit(T);
    }

    @Test
    void sigioStopsWhenHandleSaysSoAlthoughSigpollWhichSharesItsNumberPassesSilently() {
        // QPassSignals lists gdb's signals; SIGPOLL (pass, nostop by default) and SIGIO share
        // Linux number 29, and a host 29 is gdb's SIGIO (gdb.base/sigall.exp).
        ServerProcess s = serverOnPort("--once", E2e.bin("signals").toString(), "0", "io");
        Gdb.Result r = gdb(target(s), "handle SIGIO stop print", "break on_io", "continue", "continue", "kill");
        expect(r, "^Program received signal SIGIO, I/O possible\\.$", "^Breakpoint 1, on_io ");
    }

    @Test
    void siginfoFieldsAreWrittenWhereGdbWritesThem() {
        // gdb.base/siginfo-obj.exp: gdb writes one field at its offset (qXfer:siginfo:write
        // with an offset), then reads it back.
        ServerProcess s = serverOnPort("--once", E2e.bin("crash").toString(), "3");
        Gdb.Result r = gdb(target(s), "continue", "p $_siginfo.si_signo", "p $_siginfo.si_errno = 666",
                "p $_siginfo._sifields._sigfault.si_addr = (void *) 0x666", "p $_siginfo.si_errno",
                "p $_siginfo._sifields._sigfault.si_addr", "kill");
        expect(r, "^Program received signal SIGSEGV", "^\\$1 = 11$", "^\\$2 = 666$", "^\\$3 = \\(void \\*\\) 0x666$",
                "^\\$4 = 666$", "^\\$5 = \\(void \\*\\) 0x666$");
        expectNot(r, "Unable to write siginfo");
    }

    @Test
    void catchSyscallWriteStopsAtItsEntryAndItsReturn() {
        // session prints "total=N" with write(2) before it exits.
        ServerProcess s = serverOnPort("--once", E2e.bin("session").toString(), "3");
        Gdb.Result r = gdb(target(s), "catch syscall write", "continue", "continue", "delete", "continue");
        expect(r, "^Catchpoint 1 \\(syscall 'write' \\[1\\]\\)$",
                "^Catchpoint 1 \\(call to syscall write\\), ",
                "^Catchpoint 1 \\(returned from syscall write\\), ",
                "^\\[Inferior 1 \\(process \\d+\\) exited with code 053\\]$");
    }

    /**
     * A stepi over the syscall instruction that creates a thread ends at the next instruction of
     * the parent: the clone event in the middle of the step must not turn it into a continue
     * (gdb.base/step-over-syscall.exp, clone). Were it continued, the parent would run on into
     * its second pthread_create (the new thread, which may run meanwhile, never calls it).
     */
    @Test
    void stepiOverTheCloneSyscallStopsInTheParentAfterIt() {
        ServerProcess s = serverOnPort("--once", E2e.bin("threads").toString(), "2");
        Gdb.Result r = gdb(target(s), "break main", "continue", "catch syscall clone3", "continue", "delete 2",
                "break pthread_create", "stepi", "print $pc", "print $rax > 0", "info threads", "kill");
        expect(r, "^Catchpoint 2 \\(call to syscall clone3\\), ",
                "^\\$1 = \\(void \\(\\*\\)\\(\\)\\) 0x[0-9a-f]+ <(__)?clone3\\+\\d+>$",
                "^\\$2 = 1$");
        assertTrue(all(r, "^(Thread \\d+ .*hit )?Breakpoint 3, ").isEmpty(), context(r));
    }

    @Test
    void signalsStopPrintAndPassAsHandleSays() {
        // SIGUSR1 three times (stop and pass, the default), then SIGUSR2 (ignored by the program,
        // not by the tracer); the handler counted 3: exit code 03.
        ServerProcess s = serverOnPort("--once", E2e.bin("signals").toString(), "3");
        long pid = s.inferiorPid();
        Gdb.Result r = gdb(target(s), "continue", "continue", "handle SIGUSR1 nostop noprint pass", "continue",
                "continue");
        expect(r, "^Program received signal SIGUSR1, User defined signal 1\\.$",
                "^Program received signal SIGUSR1, User defined signal 1\\.$",
                "^Program received signal SIGUSR2, User defined signal 2\\.$",
                "^\\[Inferior 1 \\(process " + pid + "\\) exited with code 03\\]$");
        s.awaitExit(T);
    }

    @Test
    void forkedChildIsDetachedAndTheParentFollowed() {
        ServerProcess s = serverOnPort("--once", E2e.bin("forker").toString(), "fork");
        long pid = s.inferiorPid();
        Gdb.Result r = gdb(target(s), "break in_parent", "break in_child", "continue", "bt", "continue");
        expect(r, "^\\[Detaching after fork from child process (\\d+)\\]$",
                "^Breakpoint 1, in_parent \\(\\) at .*forker\\.c:\\d+$",
                "^#1  0x[0-9a-f]+ in main ",
                "^\\[Inferior 1 \\(process " + pid + "\\) exited with code 07\\]$");
        expectNot(r, "Breakpoint 2, in_child");
        s.awaitExit(T);
    }

    @Test
    void execOfANewProgram() {
        ServerProcess s = serverOnPort("--once", E2e.bin("forker").toString(), "exec", E2e.bin("loop").toString(),
                "3", "5");
        long pid = s.inferiorPid();
        Gdb.Result r = gdb(target(s), "catch exec", "continue", "info inferiors", "break tick", "continue", "bt",
                "delete", "continue");
        expect(r, "^process " + pid + " is executing new program: .*loop$",
                "^Catchpoint 1 \\(exec'd .*loop\\), ",
                "^Breakpoint 2, tick \\(\\) at .*loop\\.c:\\d+$",
                "^#1  0x[0-9a-f]+ in main \\(argc=3, argv=0x[0-9a-f]+\\) at .*loop\\.c:\\d+$",
                "^\\[Inferior 1 \\(process " + pid + "\\) exited with code 05\\]$");
        s.awaitExit(T);
    }

    /**
     * A 64-bit program exec'ing a 32-bit one: the exec stop reply names the event before its
     * registers (gdb skips those, they are of the new architecture), and the new image gets
     * the i386 layout and description.
     */
    @Test
    void execOfA32BitProgramFromA64BitOne() {
        ServerProcess s = serverOnPort("--once", E2e.bin("forker").toString(), "exec",
                ThreadLocalStorageTest.bin32("loop").toString());
        long pid = s.inferiorPid();
        Gdb.Result r = gdb(target(s), "catch exec", "continue", "break tick", "continue", "bt 2",
                "p sizeof(void *)", "p $eip == tick + 13 || $eip > tick", "info registers esp", "kill");
        expect(r, "^process " + pid + " is executing new program: .*bin32/loop$",
                "^Catchpoint 1 \\(exec'd .*bin32/loop\\), ",
                "^Breakpoint 2, tick \\(\\) at .*loop\\.c:\\d+$",
                "^#1  0x[0-9a-f]{8} in main \\(argc=1, argv=0x[0-9a-f]+\\) at .*loop\\.c:\\d+$",
                "^\\$1 = 4$", "^\\$2 = 1$", "^esp\\s+0x[0-9a-f]{8}\\s");
    }
}
