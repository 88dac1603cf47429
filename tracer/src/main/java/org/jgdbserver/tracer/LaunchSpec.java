package org.jgdbserver.tracer;

import java.util.List;
import java.util.Map;

/**
 * How to start an inferior, as gdbserver does (gdb manual, "Starting your Program"):
 * argv, environment, working directory, startup through {@code $SHELL -c "exec PROG ARGS"}
 * (arguments are then interpreted by the shell, as gdb expects), address-space randomization
 * off by default, and a wrapper program ({@code --wrapper}) the program is exec'd through.
 *
 * @param program        the program path
 * @param args           its arguments (argv[1..])
 * @param environment    the environment it gets
 * @param workingDir     where it starts, or null for ours
 * @param startupWithShell run it through the shell
 * @param disableRandomization personality(ADDR_NO_RANDOMIZE)
 * @param stdioRedirect  stdin from /dev/null, stdout to stderr: the RSP link is on our stdio
 * @param wrapper        a wrapper command (argv) to exec first, or empty
 */
public record LaunchSpec(String program, List<String> args, Map<String, String> environment, String workingDir,
                         boolean startupWithShell, boolean disableRandomization, boolean stdioRedirect,
                         List<String> wrapper) {

    public LaunchSpec {
        args = List.copyOf(args);
        environment = Map.copyOf(environment);
        wrapper = List.copyOf(wrapper);
    }

    /** The program with these arguments, our environment, no shell, randomization off. */
    public static LaunchSpec of(String program, String... args) {
        return new LaunchSpec(program, List.of(args), System.getenv(), null, false, true, false, List.of());
    }

    public LaunchSpec withShell(boolean shell) {
        return new LaunchSpec(program, args, environment, workingDir, shell, disableRandomization, stdioRedirect, wrapper);
    }

    public LaunchSpec withWorkingDir(String dir) {
        return new LaunchSpec(program, args, environment, dir, startupWithShell, disableRandomization, stdioRedirect, wrapper);
    }

    public LaunchSpec withEnvironment(Map<String, String> env) {
        return new LaunchSpec(program, args, env, workingDir, startupWithShell, disableRandomization, stdioRedirect, wrapper);
    }

    public LaunchSpec withRandomizationDisabled(boolean off) {
        return new LaunchSpec(program, args, environment, workingDir, startupWithShell, off, stdioRedirect, wrapper);
    }

    public LaunchSpec withStdioRedirect(boolean redirect) {
        return new LaunchSpec(program, args, environment, workingDir, startupWithShell, disableRandomization, redirect, wrapper);
    }

    public LaunchSpec withWrapper(List<String> wrapperArgv) {
        return new LaunchSpec(program, args, environment, workingDir, startupWithShell, disableRandomization, stdioRedirect, wrapperArgv);
    }
}
