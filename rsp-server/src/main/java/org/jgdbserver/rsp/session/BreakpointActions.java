package org.jgdbserver.rsp.session;

import org.jgdbserver.regsets.RegsetBuffers;
import org.jgdbserver.rsp.agent.AgentContext;
import org.jgdbserver.rsp.agent.AgentException;
import org.jgdbserver.rsp.agent.AgentExpression;
import org.jgdbserver.rsp.agent.AgentInterpreter;
import org.jgdbserver.tracer.TracedProcess;
import org.jgdbserver.tracer.TracedThread;
import org.jgdbserver.tracer.TracerException;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The code breakpoints ({@code Z0}, {@code Z1}) gdb has inserted through this session, with
 * their target-side conditions and commands (GDB manual, "Packets", {@code Z0}: the
 * {@code cond_list} and {@code cmds:} parts; "Agent Expressions"). gdb sends the whole list
 * again with each {@code Z} at an address already inserted: the new list replaces the old one
 * and the breakpoint itself stays inserted once, as in gdbserver's {@code set_gdb_breakpoint}.
 *
 * <p>The table is written on the session's event loop and read on the tracer thread, where
 * {@link #wantsStop} decides at each hit whether gdb hears of it. When it does not, the thread
 * steps over the breakpoint and goes on without a packet being sent: that is what makes
 * target-side conditions several times faster than gdb's own evaluation. Entries are immutable
 * and replaced whole, so a reader sees either the old list or the new one.
 */
final class BreakpointActions {
    /** What {@code qSupported} advertises for this. */
    static final String FEATURES = ";ConditionalBreakpoints+;BreakpointCommands+";

    /**
     * A code breakpoint: software ({@code Z0}) or hardware ({@code Z1}) at an address of a process.
     *
     * <p>equals and hashCode are written out: a record's own are linked through
     * {@code ObjectMethods.bootstrap} at their first call, which spins some thirty method handle
     * classes for this shape (about 25 ms on the 2-core VM, measured with JFR class-load events),
     * on the way to the first stop ({@code break main}) and again at the first hit.
     */
    record Key(TracedProcess process, long address, boolean hardware) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.process == process && k.address == address && k.hardware == hardware;
        }

        @Override
        public int hashCode() {
            return (System.identityHashCode(process) * 31 + Long.hashCode(address)) * 2 + (hardware ? 1 : 0);
        }

        @Override
        public String toString() {
            return (hardware ? "Z1 at 0x" : "Z0 at 0x") + Long.toHexString(address) + " of " + process;
        }
    }

    /**
     * The agent expressions of one breakpoint. Without conditions it is unconditional; with
     * commands ({@code dprintf} in the agent style) it is never reported, as gdbserver does.
     */
    record Actions(List<AgentExpression> conditions, List<AgentExpression> commands, boolean persist) {
        static Actions of(List<byte[]> conditions, List<byte[]> commands, boolean persist) {
            return new Actions(expressions(conditions), expressions(commands), persist);
        }

        boolean plain() {
            return conditions.isEmpty() && commands.isEmpty();
        }

        private static List<AgentExpression> expressions(List<byte[]> codes) {
            List<AgentExpression> out = new ArrayList<>(codes.size());
            for (byte[] c : codes) {
                out.add(AgentExpression.of(c));
            }
            return List.copyOf(out);
        }
    }

    private final Map<Key, Actions> table = new ConcurrentHashMap<>();
    /** Register layouts for the tracer thread (the session's own cache belongs to the event loop). */
    private final Map<TracedProcess, Registers> layouts = new ConcurrentHashMap<>();
    /** Trace state variables ({@code getv}/{@code setv}); gdbserver reads 0 for one it does not know. */
    private final Map<Integer, Long> variables = new ConcurrentHashMap<>();
    private final PrintStream out;

    BreakpointActions(PrintStream out) {
        this.out = out;
    }

    /** Whether this session has inserted that breakpoint. */
    boolean contains(Key k) {
        return table.containsKey(k);
    }

    /** Records an inserted breakpoint, or replaces the lists of one inserted before. */
    void put(Key k, Actions a) {
        table.put(k, a);
    }

    /** Forgets a removed breakpoint; returns whether it was there. */
    boolean remove(Key k) {
        return table.remove(k) != null;
    }

    /** The process's address space is gone or new (exec, death): none of its breakpoints remain. */
    void forget(TracedProcess p) {
        table.keySet().removeIf(k -> k.process() == p);
        layouts.remove(p);
    }

    /**
     * Tracer thread: whether gdb should hear of a hit at {@code address} (gdbserver's
     * {@code gdb_condition_true_at_breakpoint} and {@code gdb_no_commands_at_breakpoint}).
     * True when no breakpoint of ours is there, when one is unconditional, when a condition is
     * true or cannot be evaluated; false when every condition is false, or when the breakpoint
     * has commands, which then run here. gdbserver runs commands even when the condition is
     * false; we run them only when it holds, which is what {@code dprintf LOC if COND} means.
     */
    boolean wantsStop(TracedThread t, long address) {
        TracedProcess p = t.process();
        Actions sw = table.get(new Key(p, address, false));
        Actions hw = table.get(new Key(p, address, true));
        if ((sw == null || sw.plain()) && (hw == null || hw.plain())) {
            return true;
        }
        Context ctx = new Context(t);
        boolean holds = holds(sw, ctx) || holds(hw, ctx);
        boolean commands = sw != null && !sw.commands().isEmpty() || hw != null && !hw.commands().isEmpty();
        if (holds && commands) {
            if (run(sw, ctx)) {
                run(hw, ctx);
            }
        }
        return holds && !commands;
    }

    private static boolean holds(Actions a, Context ctx) {
        return a != null && (a.conditions().isEmpty() || AgentInterpreter.anyTrue(a.conditions(), ctx));
    }

    /** Runs the commands in order; the first that fails ends the run (gdbserver: "stop digging the hole deeper"). */
    private boolean run(Actions a, Context ctx) {
        if (a == null) {
            return true;
        }
        for (AgentExpression c : a.commands()) {
            try {
                AgentInterpreter.execute(c, ctx);
            } catch (AgentException e) {
                Log.debug("breakpoint command " + c + ": " + e.getMessage());
                return false;
            }
        }
        return true;
    }

    /** The stopped thread as an agent expression sees it, for one hit. */
    private final class Context implements AgentContext {
        private final TracedThread thread;
        private Registers regs;
        private RegsetBuffers buffers;

        Context(TracedThread thread) {
            this.thread = thread;
        }

        @Override
        public byte[] register(int regnum) throws AgentException {
            try {
                if (regs == null) {
                    regs = layouts.computeIfAbsent(thread.process(), p -> Registers.forThread(thread));
                    buffers = regs.buffers(thread);
                }
                if (regnum < 0 || regnum >= regs.layout().registerCount()) {
                    throw new AgentException(AgentException.Kind.BAD_REGISTER,
                            "register " + regnum + ", the target has " + regs.layout().registerCount());
                }
                return regs.read(thread, regnum, buffers);
            } catch (RuntimeException e) {
                throw new AgentException(AgentException.Kind.BAD_REGISTER, "register " + regnum + ": " + e.getMessage());
            }
        }

        @Override
        public void readMemory(long address, byte[] into, int length) throws AgentException {
            try {
                int done = 0;
                while (done < length) {
                    byte[] part = thread.process().memory().read(address + done, length - done);
                    System.arraycopy(part, 0, into, done, part.length);
                    done += part.length;
                }
            } catch (TracerException e) {
                throw new AgentException(AgentException.Kind.MEMORY_FAULT,
                        "cannot read " + length + " bytes at 0x" + Long.toHexString(address));
            }
        }

        @Override
        public long getVariable(int n) {
            return variables.getOrDefault(n, 0L);
        }

        @Override
        public void setVariable(int n, long value) {
            variables.put(n, value);
        }

        @Override
        public void print(long function, long channel, String text) {
            // gdbserver's ax_printf writes to its own stdout, whatever function and channel say.
            out.write(text.getBytes(StandardCharsets.ISO_8859_1), 0, text.length());
            out.flush();
        }
    }
}
