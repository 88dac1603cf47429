package org.jgdbserver.rsp.session;

import org.jgdbserver.tracer.LaunchSpec;
import org.jgdbserver.tracer.TracedProcess;
import org.jgdbserver.tracer.Tracer;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the server debugs, across client sessions: the processes it started or attached to, and
 * the settings gdb gives for the next start (environment, working directory, shell,
 * randomization). One per server; sessions come and go.
 */
final class Inferiors {
    final Tracer tracer;
    final List<TracedProcess> processes = new CopyOnWriteArrayList<>();
    final Map<String, String> environment = new LinkedHashMap<>(System.getenv());
    volatile String workingDir;
    volatile boolean startupWithShell;
    volatile boolean disableRandomization;
    volatile boolean stdioRedirect;
    final List<String> wrapper;
    /** The program and arguments started last (command line or vRun): what {@code R} starts again. */
    private volatile Started lastStarted;

    /** A program and its arguments, as last started. */
    record Started(String program, List<String> arguments) {
    }

    Inferiors(Tracer tracer, boolean startupWithShell, boolean disableRandomization, List<String> wrapper) {
        this.tracer = tracer;
        this.startupWithShell = startupWithShell;
        this.disableRandomization = disableRandomization;
        this.wrapper = List.copyOf(wrapper);
    }

    /**
     * Starts a program with these arguments (argv[1..], as the command line or vRun gives them:
     * gdb splits its 'run' arguments into words before vRun); prints gdbserver's
     * "Process PROG created; pid = N". Through the startup shell each argument is escaped, so
     * the program sees exactly these words, as gdbserver's construct_inferior_arguments makes it.
     */
    TracedProcess launch(String program, List<String> args) {
        program = InferiorCommandLine.absoluteProgram(program);
        List<String> words = startupWithShell ? InferiorCommandLine.shellWords(args) : args;
        LaunchSpec spec = new LaunchSpec(program, words, environment, workingDir, startupWithShell, disableRandomization,
                stdioRedirect, wrapper);
        lastStarted = new Started(program, List.copyOf(args));
        TracedProcess p = tracer.launch(spec).join();
        processes.add(p);
        p.exitFuture().whenComplete((s, e) -> processes.remove(p));
        p.detachFuture().whenComplete((s, e) -> processes.remove(p));
        Log.say("Process " + program + " created; pid = " + p.pid());
        return p;
    }

    /** What was started last, or null if nothing was (gdbserver's program_path and program_args). */
    Started lastStarted() {
        return lastStarted;
    }

    TracedProcess attach(int pid) {
        TracedProcess p = tracer.attach(pid).join();
        processes.add(p);
        p.exitFuture().whenComplete((s, e) -> processes.remove(p));
        p.detachFuture().whenComplete((s, e) -> processes.remove(p));
        Log.say("Attached; pid = " + pid);
        return p;
    }

    void resetEnvironment() {
        environment.clear();
        environment.putAll(System.getenv());
    }

    List<TracedProcess> live() {
        List<TracedProcess> out = new ArrayList<>();
        for (TracedProcess p : processes) {
            if (p.isAlive()) {
                out.add(p);
            }
        }
        return out;
    }
}
