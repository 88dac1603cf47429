package org.jgdbserver.rsp.session;

import org.jgdbserver.rsp.protocol.Replies;
import org.jgdbserver.rsp.wire.RspReply;

/**
 * {@code qRcmd} monitor commands, the ones gdbserver has on Linux: {@code help}, {@code exit},
 * {@code set debug 0|1}, {@code set remote-debug 0|1}, {@code set debug-hw-points 0|1},
 * {@code set event-loop-debug 0|1}, {@code set debug-format all|none|timestamp[,...]},
 * {@code set libthread-db-search-path [PATH]} (see {@link ThreadDbSearchPath}), with
 * gdbserver's messages (gdb.server/server-mon.exp reads them). Output goes to gdb's console as
 * {@code O} packets before the final reply (GDB manual, "General Query Packets", qRcmd); an
 * unknown command, or an empty one, gets the help text and an error reply, which gdb reports
 * as a protocol error.
 */
final class Monitor {
    private Monitor() {}

    static final String HELP = "The following monitor commands are supported:\n"
            + "  set debug <0|1>\n"
            + "    Enable general debugging messages\n"
            + "  set debug-hw-points <0|1>\n"
            + "    Enable h/w breakpoint/watchpoint debugging messages\n"
            + "  set remote-debug <0|1>\n"
            + "    Enable remote protocol debugging messages\n"
            + "  set event-loop-debug <0|1>\n"
            + "    Enable event loop debugging messages\n"
            + "  set debug-format option1[,option2,...]\n"
            + "    Add additional information to debugging messages\n"
            + "    Options: all, none, timestamp\n"
            + "  exit\n"
            + "    Quit GDBserver\n";

    /** Runs a command; returns the final reply (output already sent through {@code session}). */
    static RspReply run(RspSession session, GdbServer server, String command) {
        String c = command.strip();
        switch (c) {
            case "help":
                return say(session, HELP);
            case "exit":
                // gdbserver sends the OK, then exits: gdb must see the reply before the
                // connection closes (gdb.server/ext-attach.exp expects no output).
                session.send(Replies.OK);
                server.exitRequested(session);
                return null;
            case "set debug 1":
                Log.setDebug(true);
                return say(session, "Debug output enabled.\n");
            case "set debug 0":
                Log.setDebug(false);
                return say(session, "Debug output disabled.\n");
            case "set remote-debug 1":
                Log.setRemote(true);
                return say(session, "Protocol debug output enabled.\n");
            case "set remote-debug 0":
                Log.setRemote(false);
                return say(session, "Protocol debug output disabled.\n");
            case "set debug-hw-points 1":
                // Debug-register traces are part of --debug here; the switch is accepted.
                return say(session, "H/W point debugging output enabled.\n");
            case "set debug-hw-points 0":
                return say(session, "H/W point debugging output disabled.\n");
            case "set event-loop-debug 1":
                return say(session, "Event loop debug output enabled.\n");
            case "set event-loop-debug 0":
                return say(session, "Event loop debug output disabled.\n");
            default:
                if (c.equals("set libthread-db-search-path") || c.startsWith("set libthread-db-search-path ")) {
                    String path = c.substring("set libthread-db-search-path".length()).strip();
                    server.threadDb().setSearchPath(path);
                    return say(session, "libthread-db-search-path set to `" + server.threadDb().searchPath() + "'\n");
                }
                if (c.startsWith("set debug-format ")) {
                    return debugFormat(session, c.substring("set debug-format ".length()));
                }
                session.send(Replies.consoleOutput("Unknown monitor command.\n\n" + HELP));
                return Replies.E01;
        }
    }

    private static RspReply say(RspSession session, String text) {
        if (!text.isEmpty()) {
            session.send(Replies.consoleOutput(text));
        }
        return Replies.OK;
    }

    /** gdbserver's parse: options in order, each switching timestamps; an unknown one fails. */
    private static RspReply debugFormat(RspSession session, String options) {
        StringBuilder out = new StringBuilder();
        boolean stamps = false;
        for (String o : options.strip().split(",", -1)) {
            switch (o) {
                case "all":
                    stamps = true;
                    out.append("All extra debug format options enabled.\n");
                    break;
                case "none":
                    stamps = false;
                    out.append("All extra debug format options disabled.\n");
                    break;
                case "timestamp":
                    stamps = true;
                    out.append("Timestamps will be added to debug output.\n");
                    break;
                case "":
                    break;
                default:
                    Log.setTimestamps(stamps);
                    session.send(Replies.consoleOutput(out + "Unknown debug-format argument: \"" + o + "\"\n" + HELP));
                    return Replies.E01;
            }
        }
        Log.setTimestamps(stamps);
        return say(session, out.toString());
    }
}
