package org.jgdbserver.rsp;

import org.jgdbserver.rsp.cli.ServerOptions;
import org.jgdbserver.rsp.session.GdbServer;
import org.jgdbserver.rsp.session.Log;

import java.io.FileOutputStream;
import java.io.PrintStream;

/** {@code jgdbserver [OPTIONS] COMM PROG [ARGS...]}: gdbserver's command line. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        ServerOptions.Result r = ServerOptions.parse(args);
        if (!r.shouldRun()) {
            System.out.print(r.stdout());
            System.out.flush();
            System.err.print(r.stderr());
            System.err.flush();
            System.exit(r.exitStatus());
            return;
        }
        ServerOptions o = r.options();
        PrintStream debugOut = null;
        try {
            if (o.debugFile() != null) {
                debugOut = new PrintStream(new FileOutputStream(o.debugFile(), true), true);
            }
        } catch (java.io.IOException e) {
            System.err.println("Cannot open debug file " + o.debugFile() + ": " + e.getMessage());
        }
        Log.configure(o.debug(), o.remoteDebug(), o.debugTimestamp(), debugOut);
        String host = o.comm().host();
        if (host != null && !host.isEmpty()) {
            // Like gdbserver (getaddrinfo before anything starts): the address is not used to
            // bind, but a name that does not resolve is an error the gdb testsuite checks for.
            try {
                java.net.InetAddress.getAllByName(host);
            } catch (java.net.UnknownHostException e) {
                System.err.println(o.comm().text() + ": cannot resolve name: Name or service not known");
                System.err.println("Exiting");
                System.exit(1);
            }
        }
        int status;
        try {
            status = new GdbServer(o).run();
        } catch (Exception e) {
            Throwable c = e.getCause() != null && e instanceof java.util.concurrent.CompletionException ? e.getCause() : e;
            String prog = o.program() != null ? o.program() : "";
            if (c instanceof java.net.BindException || isBindFailure(c)) {
                // gdbserver's words: the gdb testsuite retries on the next port when it sees them.
                String why = String.valueOf(c.getMessage());
                System.err.println("Can't bind address: "
                        + (why.contains("Address already in use") ? "Address already in use" : why) + ".");
                System.err.println("Exiting");
            } else if (o.attach()) {
                System.err.println("Cannot attach to process " + o.attachPid() + ": " + c.getMessage());
                System.err.println("Exiting");
            } else if (c instanceof org.jgdbserver.tracer.StartupExitException startup) {
                // gdbserver's words (gdb.server/non-existing-program.exp reads them).
                System.err.println(startup.gdbMessage());
                System.err.println("Exiting");
            } else {
                System.err.println("Cannot exec " + prog + ": " + c.getMessage() + ".");
                System.err.println("Exiting");
            }
            status = 1;
        }
        System.exit(status);
    }

    /** Netty's native transport reports a failed bind as its own IOException ("bind(..) failed ..."). */
    private static boolean isBindFailure(Throwable c) {
        String m = c.getMessage();
        return c instanceof java.io.IOException && m != null && m.startsWith("bind(");
    }
}
