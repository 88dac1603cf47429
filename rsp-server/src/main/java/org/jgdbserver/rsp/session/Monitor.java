package org.jgdbserver.rsp.session;

import org.jgdbserver.rsp.protocol.Replies;
import org.jgdbserver.rsp.wire.RspReply;

/**
 * {@code qRcmd} monitor commands, the ones gdbserver has on Linux: {@code help}, {@code exit},
 * {@code set debug 0|1}, {@code set remote-debug 0|1}. Output goes to gdb's console as
 * {@code O} packets before the final reply (GDB manual, "General Query Packets", qRcmd).
 */
final class Monitor {
    private Monitor() {}

    static final String HELP = "The following monitor commands are supported:\n"
            + "  set debug <0|1>\n"
            + "    Enable general debugging messages\n"
            + "  set remote-debug <0|1>\n"
            + "    Enable remote protocol debugging messages\n"
            + "  exit\n"
            + "    Quit GDBserver\n";

    /** Runs a command; returns the final reply (output already sent through {@code session}). */
    static RspReply run(RspSession session, GdbServer server, String command) {
        String c = command.trim();
        switch (c) {
            case "help":
                session.send(Replies.consoleOutput(HELP));
                return Replies.OK;
            case "exit":
                server.exitRequested(session);
                return Replies.OK;
            case "set debug 1":
            case "set debug on":
                Log.setDebug(true);
                session.send(Replies.consoleOutput("Debug output enabled.\n"));
                return Replies.OK;
            case "set debug 0":
            case "set debug off":
                Log.setDebug(false);
                session.send(Replies.consoleOutput("Debug output disabled.\n"));
                return Replies.OK;
            case "set remote-debug 1":
            case "set remote-debug on":
                Log.setRemote(true);
                session.send(Replies.consoleOutput("Protocol debug output enabled.\n"));
                return Replies.OK;
            case "set remote-debug 0":
            case "set remote-debug off":
                Log.setRemote(false);
                session.send(Replies.consoleOutput("Protocol debug output disabled.\n"));
                return Replies.OK;
            default:
                session.send(Replies.consoleOutput("Unknown monitor command.\n\n" + HELP));
                return Replies.OK;
        }
    }
}
