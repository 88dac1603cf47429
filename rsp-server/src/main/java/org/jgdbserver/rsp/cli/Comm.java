package org.jgdbserver.rsp.cli;

/**
 * The COMM argument: where GDB connects.
 *
 * <p>Forms, as gdbserver reads them: {@code -} or {@code stdio} (the connection is our stdin and
 * stdout), {@code host:port}, {@code :port}, {@code [ipv6-address]:port}. A COMM without a colon
 * is a serial device for gdbserver; jgdbserver does not support serial lines and rejects it.
 *
 * <p>Note that gdbserver binds the wildcard address whatever the host says; the host only chooses
 * between IPv4 and IPv6 ({@link #ipv6()}).
 *
 * @param kind the transport
 * @param host the host part as written (empty for {@code :port}; brackets removed), null for stdio
 * @param port the TCP port (0 lets the system choose), -1 for stdio
 * @param ipv6 whether the host is an IPv6 literal
 * @param text the argument as given on the command line
 */
public record Comm(Kind kind, String host, int port, boolean ipv6, String text) {

    /** The transports. */
    public enum Kind {
        /** A listening TCP socket. */
        TCP,
        /** Standard input and output. */
        STDIO
    }

    /** Whether the connection is standard input/output. */
    public boolean isStdio() {
        return kind == Kind.STDIO;
    }

    /**
     * Parses COMM.
     *
     * @throws IllegalArgumentException with a message for the user if it cannot be used
     */
    public static Comm parse(String text) {
        if (text.equals("-") || text.equals("stdio")) {
            return new Comm(Kind.STDIO, null, -1, false, text);
        }
        String spec = text;
        boolean ipv6 = false;
        String host;
        String port;
        if (spec.startsWith("[")) {
            int close = spec.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("Missing close bracket in hostname '" + text + "'");
            }
            if (close + 1 >= spec.length() || spec.charAt(close + 1) != ':') {
                throw new IllegalArgumentException("Missing port after the IPv6 address in '" + text + "'");
            }
            ipv6 = true;
            host = spec.substring(1, close);
            port = spec.substring(close + 2);
        } else {
            int colon = spec.lastIndexOf(':');
            if (colon < 0) {
                throw new IllegalArgumentException("'" + text + "' looks like a serial device;"
                        + " serial lines are not supported, use [HOST]:PORT, '-' or 'stdio'");
            }
            if (spec.indexOf(']') >= 0) {
                throw new IllegalArgumentException("Missing open bracket in hostname '" + text + "'");
            }
            host = spec.substring(0, colon);
            port = spec.substring(colon + 1);
            ipv6 = host.indexOf(':') >= 0;
        }
        return new Comm(Kind.TCP, host, parsePort(port, text), ipv6, text);
    }

    private static int parsePort(String port, String text) {
        if (port.isEmpty() || port.length() > 5) {
            throw new IllegalArgumentException(text + ": invalid port '" + port + "'");
        }
        int v = 0;
        for (int i = 0; i < port.length(); i++) {
            char c = port.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(text + ": invalid port '" + port + "'");
            }
            v = v * 10 + (c - '0');
        }
        if (v > 65535) {
            throw new IllegalArgumentException(text + ": port out of range '" + port + "'");
        }
        return v;
    }

    @Override
    public String toString() {
        return kind == Kind.STDIO ? "stdio" : (ipv6 ? "[" + host + "]" : host) + ":" + port;
    }
}
