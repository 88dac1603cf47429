/**
 * The gdbserver-compatible command line: {@link org.jgdbserver.rsp.cli.ServerOptions#parse(String[])}
 * turns {@code jgdbserver [OPTIONS] COMM PROG [ARGS...]}, {@code --attach COMM PID} and
 * {@code --multi COMM} into a {@link org.jgdbserver.rsp.cli.ServerOptions}, or into the text and
 * exit status gdbserver would produce (usage, version, errors).
 *
 * <p>Pure parsing: nothing here prints, exits, opens sockets, starts or attaches to processes, or
 * touches the tracer. The caller prints {@code stdout()}/{@code stderr()} and exits.
 */
package org.jgdbserver.rsp.cli;
