package org.jgdbserver.rsp.session;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The program and arguments a start is given, made what the startup shell must see, as
 * gdbserver makes them: a bare program name that is a file in our working directory becomes
 * absolute (its {@code program_path.set}), and arguments are escaped one by one so the
 * program receives exactly that argv (gdbsupport's {@code construct_inferior_arguments}). That
 * holds for {@code vRun} too: gdb 13 splits its {@code run} arguments into words (buildargv,
 * quotes removed) and gdbserver 13 escapes them again ({@code handle_v_run}).
 */
final class InferiorCommandLine {
    /** Characters a POSIX shell treats specially, each escaped with a backslash. */
    private static final String SPECIAL = "\"!#$&*()\\|[]{}<>?'`~^; \t\n";

    private InferiorCommandLine() {}

    /**
     * {@code program} made absolute against {@code cwd} when it has no '/' and names a regular
     * file there; otherwise as it is (the shell then looks it up in PATH).
     */
    static String absoluteProgram(String program, Path cwd) {
        if (program == null || program.isEmpty() || program.indexOf('/') >= 0) {
            return program;
        }
        Path p = cwd.resolve(program);
        return Files.isRegularFile(p) ? p.toAbsolutePath().toString() : program;
    }

    /** {@link #absoluteProgram(String, Path)} against the server's working directory. */
    static String absoluteProgram(String program) {
        return absoluteProgram(program, Path.of("").toAbsolutePath());
    }

    /**
     * Each argument as one shell word: special characters behind a backslash, a newline inside
     * single quotes (a backslash would swallow it), an empty argument as {@code ''}.
     */
    static List<String> shellWords(List<String> args) {
        List<String> out = new ArrayList<>(args.size());
        for (String a : args) {
            out.add(shellWord(a));
        }
        return out;
    }

    static String shellWord(String arg) {
        if (arg.isEmpty()) {
            return "''";
        }
        StringBuilder sb = new StringBuilder(arg.length() + 8);
        for (int i = 0; i < arg.length(); i++) {
            char c = arg.charAt(i);
            if (c == '\n') {
                sb.append("'\n'");
            } else {
                if (SPECIAL.indexOf(c) >= 0) {
                    sb.append('\\');
                }
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
