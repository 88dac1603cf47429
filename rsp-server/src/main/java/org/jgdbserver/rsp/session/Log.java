package org.jgdbserver.rsp.session;

import java.io.PrintStream;
import java.time.LocalTime;

/**
 * Our stderr, as gdbserver writes it: the messages tools read ("Listening on port N",
 * "Process PROG created; pid = N", ...) always, and --debug / --remote-debug traces only when
 * asked for. Quiet by default.
 */
public final class Log {
    private static volatile PrintStream out = System.err;
    private static volatile PrintStream debugOut = System.err;
    private static volatile boolean debug;
    private static volatile boolean remote;
    private static volatile boolean timestamps;

    private Log() {}

    public static void configure(boolean debugOn, boolean remoteOn, boolean stamps, PrintStream debugStream) {
        debug = debugOn;
        remote = remoteOn;
        timestamps = stamps;
        if (debugStream != null) {
            debugOut = debugStream;
        }
        if (debugOn) {
            // The tracer logs through java.util.logging; --debug shows its events too.
            java.util.logging.Logger tracerLog = java.util.logging.Logger.getLogger("org.jgdbserver.tracer");
            tracerLog.setLevel(java.util.logging.Level.FINE);
            tracerLog.setUseParentHandlers(false);
            java.util.logging.Handler h = new java.util.logging.StreamHandler(debugOut, new java.util.logging.SimpleFormatter() {
                @Override
                public String format(java.util.logging.LogRecord r) {
                    return stamp() + "[tracer] " + r.getMessage() + System.lineSeparator();
                }
            }) {
                @Override
                public synchronized void publish(java.util.logging.LogRecord r) {
                    super.publish(r);
                    flush();
                }
            };
            h.setLevel(java.util.logging.Level.FINE);
            tracerLog.addHandler(h);
        }
    }

    public static void setDebug(boolean on) {
        debug = on;
    }

    public static void setTimestamps(boolean on) {
        timestamps = on;
    }

    public static void setRemote(boolean on) {
        remote = on;
    }

    public static boolean debug() {
        return debug;
    }

    public static boolean remote() {
        return remote;
    }

    /** A message gdbserver prints too; tools and the gdb testsuite read these. */
    public static void say(String message) {
        out.println(message);
        out.flush();
    }

    public static void debug(String message) {
        if (debug) {
            debugOut.println(stamp() + "[jgdbserver] " + message);
            debugOut.flush();
        }
    }

    /** --remote-debug: one line per packet, as gdbserver's "getpkt"/"putpkt" traces. */
    public static void packet(String direction, CharSequence body) {
        if (remote) {
            String text = body.length() > 512 ? body.subSequence(0, 512) + "...[" + body.length() + " bytes]" : body.toString();
            debugOut.println(stamp() + "[remote] " + direction + " (\"" + text + "\")");
            debugOut.flush();
        }
    }

    private static String stamp() {
        return timestamps ? LocalTime.now() + " " : "";
    }
}
