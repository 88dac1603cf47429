package org.jgdbserver.rsp.session;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import org.jgdbserver.rsp.protocol.BreakpointPackets.InsertBreakpointPacket;
import org.jgdbserver.rsp.protocol.BreakpointPackets.RemoveBreakpointPacket;
import org.jgdbserver.rsp.protocol.GdbSignals;
import org.jgdbserver.rsp.protocol.Hex;
import org.jgdbserver.rsp.protocol.MalformedPacket;
import org.jgdbserver.rsp.protocol.MemoryPackets.CrcPacket;
import org.jgdbserver.rsp.protocol.MemoryPackets.ReadMemoryBinaryPacket;
import org.jgdbserver.rsp.protocol.MemoryPackets.SearchMemoryPacket;
import org.jgdbserver.rsp.protocol.MemoryPackets.ReadMemoryPacket;
import org.jgdbserver.rsp.protocol.MemoryPackets.WriteMemoryBinaryPacket;
import org.jgdbserver.rsp.protocol.MemoryPackets.WriteMemoryPacket;
import org.jgdbserver.rsp.protocol.ProcessPackets.AttachPacket;
import org.jgdbserver.rsp.protocol.ProcessPackets.DetachPacket;
import org.jgdbserver.rsp.protocol.ProcessPackets.ExtendedModePacket;
import org.jgdbserver.rsp.protocol.ProcessPackets.KillPacket;
import org.jgdbserver.rsp.protocol.ProcessPackets.RestartPacket;
import org.jgdbserver.rsp.protocol.ProcessPackets.RunPacket;
import org.jgdbserver.rsp.protocol.ProcessPackets.VKillPacket;
import org.jgdbserver.rsp.protocol.QueryPackets.AttachedQueryPacket;
import org.jgdbserver.rsp.protocol.QueryPackets.SupportedPacket;
import org.jgdbserver.rsp.protocol.QueryPackets.XferReadPacket;
import org.jgdbserver.rsp.protocol.RegisterPackets.ReadRegisterPacket;
import org.jgdbserver.rsp.protocol.RegisterPackets.ReadRegistersPacket;
import org.jgdbserver.rsp.protocol.RegisterPackets.WriteRegisterPacket;
import org.jgdbserver.rsp.protocol.RegisterPackets.WriteRegistersPacket;
import org.jgdbserver.rsp.protocol.Replies;
import org.jgdbserver.rsp.protocol.ResumePackets.ContinuePacket;
import org.jgdbserver.rsp.protocol.ResumePackets.ContinueWithSignalPacket;
import org.jgdbserver.rsp.protocol.ResumePackets.StepPacket;
import org.jgdbserver.rsp.protocol.ResumePackets.StepWithSignalPacket;
import org.jgdbserver.rsp.protocol.ResumePackets.VContAction;
import org.jgdbserver.rsp.protocol.ResumePackets.VContKind;
import org.jgdbserver.rsp.protocol.ResumePackets.VContPacket;
import org.jgdbserver.rsp.protocol.ResumePackets.VContQueryPacket;
import org.jgdbserver.rsp.protocol.RspParser;
import org.jgdbserver.rsp.protocol.RspRequest;
import org.jgdbserver.rsp.protocol.SettingPackets;
import org.jgdbserver.rsp.protocol.StopPackets.HaltReasonPacket;
import org.jgdbserver.rsp.protocol.StopPackets.CtrlCPacket;
import org.jgdbserver.rsp.protocol.ThreadId;
import org.jgdbserver.rsp.protocol.ThreadPackets.CurrentThreadPacket;
import org.jgdbserver.rsp.protocol.ThreadPackets.SetThreadPacket;
import org.jgdbserver.rsp.protocol.ThreadPackets.ThreadAlivePacket;
import org.jgdbserver.rsp.protocol.ThreadPackets.ThreadInfoFirstPacket;
import org.jgdbserver.rsp.protocol.ThreadPackets.ThreadInfoNextPacket;
import org.jgdbserver.rsp.protocol.UnknownPacket;
import org.jgdbserver.rsp.wire.RspAckHandler;
import org.jgdbserver.rsp.wire.RspBadChecksum;
import org.jgdbserver.rsp.wire.RspFrameError;
import org.jgdbserver.rsp.wire.RspInbound;
import org.jgdbserver.rsp.wire.RspInterrupt;
import org.jgdbserver.rsp.wire.RspPacket;
import org.jgdbserver.rsp.wire.RspReply;
import org.jgdbserver.tracer.Engine;
import org.jgdbserver.tracer.Event;
import org.jgdbserver.tracer.ResumeAction;
import org.jgdbserver.tracer.TracedProcess;
import org.jgdbserver.tracer.TracedThread;
import org.jgdbserver.tracer.TracerException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;

/**
 * One gdb connection: the protocol state machine of an all-stop session, and one tracer engine.
 * Everything here runs on the channel's event loop; the engine's callbacks reach it as
 * {@link StopEvent}s. States: idle (gdb may inspect), running (a resume is outstanding and gdb
 * waits for a stop reply), stopping (an event came; the other threads are being stopped),
 * disconnected.
 *
 * <p>Stop events that arrive while the other threads are being stopped are kept and reported,
 * one per resume, before anything is resumed again (as gdbserver does), unless they went stale
 * meanwhile (a breakpoint gdb removed).
 */
public final class RspSession extends SimpleChannelInboundHandler<RspInbound> {
    enum State { IDLE, RUNNING, STOPPING, DISCONNECTED }

    private final GdbServer server;
    private final Inferiors inferiors;
    private final RspAckHandler acks;
    private ChannelHandlerContext ctx;
    private State state = State.IDLE;
    private Engine engine;
    private SessionEngine ops;
    private final Map<TracedProcess, Registers> registers = new HashMap<>();
    private final ArrayDeque<StopEvent> pending = new ArrayDeque<>();
    /** QProgramSignals, by host signal number; null until gdb sends it. */
    private volatile boolean[] programSignals;
    private String lastStopReply;
    /** The last stop reported to gdb (not exits): kept by the server for the next client. */
    private StopEvent lastStopEvent;
    /** A stop the previous client saw and this one has not been told of yet ({@code ?}). */
    private StopEvent reconnectStop;
    /** A ^C came while everything was stopped: the next resume stops at once with SIGINT. */
    private boolean interruptOwed;
    /** The process started or attached to last: a ^C is reported for it, as gdbserver's SIGINT. */
    private TracedProcess signalProcess;
    /** The stop in progress (STOPPING) is for a ^C: another ^C adds nothing. */
    private boolean stoppingForInterrupt;
    /** gdb announced {@code no-resumed+}: it understands the {@code N} stop reply. */
    private boolean clientNoResumed;
    /**
     * Processes that ended while gdb was not waiting for a stop (killed from outside while
     * stopped), by pid. gdbserver notices such a death only when gdb next resumes, and answers
     * that resume with the exit ({@code X09}); a detach of such a process is answered OK and the
     * process mourned (gdb.base/killed-outside.exp, gdb.threads/process-dies-while-detaching.exp).
     * Until then the server stays up for gdb, whatever else is left.
     */
    private final Map<Integer, StopEvent> unreportedEnds = new java.util.LinkedHashMap<>();
    /** Processes gdb had us kill ({@code k}, {@code vKill}, a new {@code vRun}): their end is no news to it. */
    private final Set<TracedProcess> killedForGdb = new java.util.HashSet<>();
    /** The threads the last all-stop resume let run, in gdb's order. */
    private Set<TracedThread> lastResumed = Set.of();
    /** Whether gdb's last resume only stepped threads (a step over a breakpoint, a range step). */
    private boolean lastResumeStepsOnly;
    /** {@link #stopToKeep()} as it was when the connection closed. */
    private StopEvent keptOnClose;
    private TracedProcess current;
    private ThreadId generalThread = ThreadId.ANY_THREAD;
    private ThreadId continueThread = ThreadId.ALL_THREADS;
    private boolean multiprocess;
    private boolean extended;
    private int threadInfoCursor;
    private List<TracedThread> threadInfoSnapshot = List.of();
    private final Xfer xfer = new Xfer(this);
    private final HostIo hostIo = new HostIo();
    /** Non-null in non-stop mode. */
    private NonStop nonStop;

    RspSession(GdbServer server, Inferiors inferiors, RspAckHandler acks, boolean extended) {
        this.server = server;
        this.inferiors = inferiors;
        this.acks = acks;
        this.extended = extended;
    }

    // ---------------------------------------------------------------- connection

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        ops = new SessionEngine(ev -> {
            if (ev.kind() == StopEvent.Kind.FORK || ev.kind() == StopEvent.Kind.VFORK) {
                // Hidden from the moment the engine adopts the child, not from when this loop
                // gets to the event: a qXfer:threads served in between listed the child, and
                // gdb made an inferior of it (gdb.threads/next-fork-other-thread.exp, non-stop).
                unannouncedForks.add(ev.other());
            }
            ctx.channel().eventLoop().execute(() -> onStopEvent(ev));
        });
        for (TracedProcess p : inferiors.live()) {
            adopt(p);
            current = p;
            signalProcess = p;
        }
        if (current != null) {
            lastStopReply = initialStopReply(current);
        }
        StopEvent kept = server.takeKeptStop();
        if (kept != null && kept.thread() != null && kept.thread().isAlive() && inferiors.live().contains(kept.process())) {
            // gdbserver answers a reconnecting gdb's '?' with the stop it last reported (the
            // thread and signal of gdb.threads/reconnect-signal.exp), not a fresh SIGTRAP.
            reconnectStop = kept;
            current = kept.process();
        }
        ctx.fireChannelActive();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        keptOnClose = stopToKeep();
        state = State.DISCONNECTED;
        hostIo.closeAll();
        server.sessionEnded(this);
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        Log.debug("connection error: " + cause);
        ctx.close();
    }

    Engine engine() {
        return engine;
    }

    private static final Set<Event> BASE_EVENTS = EnumSet.of(Event.SIGNAL, Event.CLONE, Event.EXEC, Event.DEATH,
            Event.VFORK_DONE);

    private void adopt(TracedProcess p) {
        Set<Event> events = engine != null ? engine.events() : EnumSet.copyOf(BASE_EVENTS);
        if (engine == null) {
            engine = inferiors.tracer.attachEngine(p, ops, events, this).join();
        } else {
            engine.adopt(p).join();
        }
    }

    private String initialStopReply(TracedProcess p) {
        List<TracedThread> ts = p.threads();
        if (ts.isEmpty()) {
            return "W00";
        }
        TracedThread t = ts.get(0);
        // gdbserver reports an attach's SIGSTOP as SIGTRAP too (attach_inferior): gdb would
        // otherwise hand the SIGSTOP back on its first continue and leave the program stopped.
        int sig = GdbSignals.TRAP;
        int pending = p.wasLaunched() ? 0 : t.signalToDeliver();
        if (pending != 0 && pending != 19 /* SIGSTOP */) {
            // The program was receiving a signal when we attached: that signal-delivery stop
            // came first, and gdbserver reports it as the attach's stop; gdb passes it back on
            // its resume or detach (gdb.threads/attach-into-signal.exp).
            sig = GdbSignals.fromHost(pending);
        }
        return stopReplyFor(t, sig, null).toString();
    }

    // ---------------------------------------------------------------- inbound

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RspInbound msg) {
        if (msg instanceof RspPacket) {
            RspPacket pkt = (RspPacket) msg;
            if (Log.remote()) {
                Log.packet("getpkt", new String(pkt.body(), StandardCharsets.ISO_8859_1));
            }
            RspRequest req = RspParser.parse(pkt.body());
            RspReply reply;
            try {
                reply = dispatch(req);
            } catch (TracerException | CompletionException e) {
                Log.debug("request " + req + " failed: " + e.getMessage());
                reply = Replies.E01;
            } catch (RuntimeException e) {
                Log.debug("request " + req + " failed: " + e);
                reply = Replies.E01;
            }
            if (reply != null) {
                send(reply);
            }
        } else if (msg instanceof RspInterrupt) {
            interrupt();
        } else if (msg instanceof RspFrameError) {
            if (((RspFrameError) msg).kind().wantsErrorReply()) {
                send(Replies.E01);
            }
        } else if (msg instanceof RspBadChecksum) {
            Log.debug("bad checksum: " + msg);
        }
    }

    /** Closes the connection once everything written so far is flushed. */
    void closeAfterFlush() {
        ctx.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(io.netty.channel.ChannelFutureListener.CLOSE);
    }

    void send(RspReply reply) {
        if (Log.remote()) {
            Log.packet("putpkt", reply.text());
        }
        ctx.writeAndFlush(reply);
    }

    /** Returns the reply, or null when the reply comes later (resume) or never (k). */
    private RspReply dispatch(RspRequest r) {
        if (r instanceof ReadMemoryPacket) {
            return readMemory((ReadMemoryPacket) r);
        }
        if (r instanceof ReadRegistersPacket) {
            TracedThread t = generalThread();
            return t == null ? Replies.E01 : new RspReply(regs(t).readAllHex(t));
        }
        if (r instanceof ReadRegisterPacket) {
            TracedThread t = generalThread();
            if (t == null) {
                return Replies.E01;
            }
            String hex = regs(t).readHex(t, ((ReadRegisterPacket) r).regno());
            return hex == null ? Replies.E01 : RspReply.of(hex);
        }
        if (r instanceof VContPacket) {
            return nonStop != null ? nonStop.resume(((VContPacket) r).actions()) : resume(((VContPacket) r).actions());
        }
        if (r instanceof InsertBreakpointPacket) {
            return Breakpoints.insert(this, (InsertBreakpointPacket) r);
        }
        if (r instanceof RemoveBreakpointPacket) {
            return Breakpoints.remove(this, (RemoveBreakpointPacket) r);
        }
        if (r instanceof SetThreadPacket) {
            return setThread((SetThreadPacket) r);
        }
        if (r instanceof XferReadPacket) {
            return xfer.read((XferReadPacket) r);
        }
        if (r instanceof org.jgdbserver.rsp.protocol.ThreadPackets.GetTlsAddrPacket) {
            return ThreadLocalStorage.reply(this, (org.jgdbserver.rsp.protocol.ThreadPackets.GetTlsAddrPacket) r);
        }
        if (r instanceof org.jgdbserver.rsp.protocol.QueryPackets.XferWritePacket) {
            org.jgdbserver.rsp.protocol.QueryPackets.XferWritePacket w = (org.jgdbserver.rsp.protocol.QueryPackets.XferWritePacket) r;
            if (!w.object().equals("siginfo")) {
                return Replies.EMPTY;
            }
            TracedThread t = generalThread();
            if (t == null || w.offset() < 0 || w.offset() >= 128) {
                return Replies.E01;
            }
            // gdb writes the fields it changes, at their offsets ('p $_siginfo.si_errno = 1').
            byte[] cur;
            try {
                cur = t.siginfo().join();
            } catch (java.util.concurrent.CompletionException e) {
                return Replies.E01;
            }
            int off = (int) w.offset();
            int n = Math.min(w.data().length, cur.length - off);
            System.arraycopy(w.data(), 0, cur, off, n);
            try {
                t.setSiginfo(cur).join();
            } catch (java.util.concurrent.CompletionException e) {
                return Replies.E01;
            }
            return RspReply.of(Integer.toHexString(n));
        }
        if (r instanceof WriteMemoryPacket) {
            WriteMemoryPacket w = (WriteMemoryPacket) r;
            return writeMemory(w.address(), w.data());
        }
        if (r instanceof WriteMemoryBinaryPacket) {
            WriteMemoryBinaryPacket w = (WriteMemoryBinaryPacket) r;
            return writeMemory(w.address(), w.data());
        }
        if (r instanceof ReadMemoryBinaryPacket) {
            return readMemoryBinary((ReadMemoryBinaryPacket) r);
        }
        if (r instanceof SearchMemoryPacket) {
            return MemorySearch.reply(current(), (SearchMemoryPacket) r);
        }
        if (r instanceof CrcPacket) {
            return MemoryCrc.reply(current(), (CrcPacket) r);
        }
        if (r instanceof WriteRegistersPacket) {
            TracedThread t = generalThread();
            if (t == null) {
                return Replies.E01;
            }
            String hex = new String(Hex.encode(((WriteRegistersPacket) r).data()), StandardCharsets.ISO_8859_1);
            return regs(t).writeAllHex(t, hex) ? Replies.OK : Replies.E01;
        }
        if (r instanceof WriteRegisterPacket) {
            TracedThread t = generalThread();
            WriteRegisterPacket w = (WriteRegisterPacket) r;
            return t != null && regs(t).write(t, w.regno(), w.value()) ? Replies.OK : Replies.E01;
        }
        if (r instanceof ContinuePacket) {
            ContinuePacket c = (ContinuePacket) r;
            c.address().ifPresent(this::setContinuePc);
            return resume(List.of(VContAction.of(VContKind.CONTINUE, continueThreadOrAll())));
        }
        if (r instanceof ContinueWithSignalPacket) {
            ContinueWithSignalPacket c = (ContinueWithSignalPacket) r;
            c.address().ifPresent(this::setContinuePc);
            return resume(List.of(new VContAction(VContKind.CONTINUE_WITH_SIGNAL, c.signal(), 0, 0, continueThreadOrAll())));
        }
        if (r instanceof StepPacket) {
            StepPacket c = (StepPacket) r;
            c.address().ifPresent(this::setContinuePc);
            return resume(List.of(VContAction.of(VContKind.STEP, stepThread())));
        }
        if (r instanceof StepWithSignalPacket) {
            StepWithSignalPacket c = (StepWithSignalPacket) r;
            c.address().ifPresent(this::setContinuePc);
            return resume(List.of(new VContAction(VContKind.STEP_WITH_SIGNAL, c.signal(), 0, 0, stepThread())));
        }
        if (r instanceof VContQueryPacket) {
            return RspReply.of("vCont;c;C;s;S;t;r");
        }
        if (r instanceof HaltReasonPacket && nonStop != null) {
            return nonStop.haltReason();
        }
        if (r instanceof HaltReasonPacket) {
            if (reconnectStop != null) {
                lastStopReply = StopReplies.forEvent(this, reconnectStop);
                generalThread = threadId(reconnectStop.thread());
                lastStopEvent = reconnectStop;
                reconnectStop = null;
            }
            if (current == null || lastStopReply == null) {
                return RspReply.of("W00");
            }
            if (lastStopEvent == null && current.isAlive()) {
                // The initial stop, rendered now: at connection time multiprocess was not yet
                // negotiated, and the reply must name the thread as pPID.TID once it is.
                lastStopReply = initialStopReply(current);
            }
            return RspReply.of(lastStopReply);
        }
        if (r instanceof SupportedPacket) {
            return supported((SupportedPacket) r);
        }
        if (r instanceof SettingPackets.StartNoAckModePacket) {
            send(Replies.OK);
            acks.enterNoAckMode();
            return null;
        }
        if (r instanceof CurrentThreadPacket) {
            TracedThread t = generalThread();
            if (t == null) {
                return RspReply.of("QC0");
            }
            return RspReply.of("QC" + threadId(t).format(multiprocess));
        }
        if (r instanceof ThreadInfoFirstPacket) {
            threadInfoSnapshot = allThreads();
            threadInfoCursor = 0;
            return threadInfoNext();
        }
        if (r instanceof ThreadInfoNextPacket) {
            return threadInfoNext();
        }
        if (r instanceof ThreadAlivePacket) {
            TracedThread t = find(((ThreadAlivePacket) r).thread());
            return t != null && live(t) ? Replies.OK : Replies.E01;
        }
        if (r instanceof AttachedQueryPacket) {
            TracedProcess p = current;
            return RspReply.of(p != null && !p.wasLaunched() ? "1" : "0");
        }
        if (r instanceof SettingPackets.PassSignalsPacket) {
            // The list is in gdb's numbering, where two names can share a host number (SIGIO
            // and SIGPOLL are both 29 on Linux): a host signal passes when the gdb signal it
            // maps back to is listed, as gdbserver decides (gdb.base/sigall.exp: SIGIO).
            ops.passSignals = hostSignals(((SettingPackets.PassSignalsPacket) r).signals());
            return Replies.OK;
        }
        if (r instanceof SettingPackets.ProgramSignalsPacket) {
            programSignals = hostSignals(((SettingPackets.ProgramSignalsPacket) r).signals());
            return Replies.OK;
        }
        if (r instanceof DetachPacket) {
            return detach((DetachPacket) r);
        }
        if (r instanceof KillPacket) {
            killAll();
            if (!extended) {
                ctx.close();
            }
            return extended ? Replies.OK : null;
        }
        if (r instanceof VKillPacket) {
            TracedProcess p = processOf(((VKillPacket) r).pid());
            if (p == null) {
                return unreportedEnds.remove((int) ((VKillPacket) r).pid()) != null ? Replies.OK : Replies.E01;
            }
            kill(p);
            return Replies.OK;
        }
        if (r instanceof ExtendedModePacket) {
            extended = true;
            return Replies.OK;
        }
        if (r instanceof RunPacket) {
            return run((RunPacket) r);
        }
        if (r instanceof RestartPacket) {
            return restart();
        }
        if (r instanceof AttachPacket) {
            return attach((int) ((AttachPacket) r).pid());
        }
        if (r instanceof CtrlCPacket) {
            interrupt();
            return Replies.OK;
        }
        if (r instanceof SettingPackets.EnvironmentSetPacket) {
            SettingPackets.EnvironmentSetPacket e = (SettingPackets.EnvironmentSetPacket) r;
            inferiors.environment.put(e.name(), e.value());
            return Replies.OK;
        }
        if (r instanceof SettingPackets.EnvironmentUnsetPacket) {
            inferiors.environment.remove(((SettingPackets.EnvironmentUnsetPacket) r).name());
            return Replies.OK;
        }
        if (r instanceof SettingPackets.EnvironmentResetPacket) {
            inferiors.resetEnvironment();
            return Replies.OK;
        }
        if (r instanceof SettingPackets.SetWorkingDirPacket) {
            String d = ((SettingPackets.SetWorkingDirPacket) r).directory();
            inferiors.workingDir = d == null || d.isEmpty() ? null : d;
            return Replies.OK;
        }
        if (r instanceof SettingPackets.StartupWithShellPacket) {
            inferiors.startupWithShell = ((SettingPackets.StartupWithShellPacket) r).enable();
            return Replies.OK;
        }
        if (r instanceof SettingPackets.DisableRandomizationPacket) {
            inferiors.disableRandomization = ((SettingPackets.DisableRandomizationPacket) r).disable();
            return Replies.OK;
        }
        if (r instanceof SettingPackets.CatchSyscallsPacket) {
            SettingPackets.CatchSyscallsPacket c = (SettingPackets.CatchSyscallsPacket) r;
            Set<Event> events = EnumSet.copyOf(BASE_EVENTS);
            if (c.enable()) {
                Set<Long> numbers = new java.util.HashSet<>();
                for (int n : c.syscalls()) {
                    numbers.add((long) n);
                }
                ops.catchSyscalls = numbers; // empty: every system call
                events.add(Event.SYSCALL_ENTRY);
                events.add(Event.SYSCALL_EXIT);
            } else {
                ops.catchSyscalls = null;
            }
            if (engine != null) {
                engine.setEvents(events); // PTRACE_SYSCALL from the next resume on
            }
            return Replies.OK;
        }
        if (r instanceof SettingPackets.ThreadEventsPacket) {
            ops.threadEvents = ((SettingPackets.ThreadEventsPacket) r).enable();
            return Replies.OK;
        }
        if (r instanceof SettingPackets.NonStopPacket) {
            if (((SettingPackets.NonStopPacket) r).enable()) {
                if (nonStop == null) {
                    nonStop = new NonStop(this);
                }
            } else {
                nonStop = null;
            }
            return Replies.OK;
        }
        if (r instanceof org.jgdbserver.rsp.protocol.StopPackets.StoppedPacket) {
            return nonStop != null ? nonStop.vStopped() : Replies.OK;
        }
        RspReply file = hostIo.handle(r);
        if (file != null) {
            return file;
        }
        if (r instanceof org.jgdbserver.rsp.protocol.QueryPackets.MonitorCommandPacket) {
            return Monitor.run(this, server, ((org.jgdbserver.rsp.protocol.QueryPackets.MonitorCommandPacket) r).command());
        }
        if (r instanceof MalformedPacket) {
            Log.debug("malformed packet: " + ((MalformedPacket) r).why());
            return Replies.E01;
        }
        if (r instanceof UnknownPacket) {
            return Replies.EMPTY;
        }
        return Replies.EMPTY;
    }

    // ---------------------------------------------------------------- threads

    ThreadId threadId(TracedThread t) {
        return ThreadId.of(t.process().pid(), t.tid());
    }

    List<TracedThread> allThreads() {
        List<TracedThread> out = new ArrayList<>();
        for (TracedProcess p : attachedProcesses()) {
            if (!unannouncedForks.contains((long) p.pid())) {
                for (TracedThread t : p.threads()) {
                    if (!t.hasLeftAhead()) { // a zombie leader is gone for gdb, as for gdbserver
                        out.add(t);
                    }
                }
            }
        }
        return out;
    }

    /**
     * A fork child gdb has not heard of yet (its fork event is still to be reported) is not
     * listed and not resumed, as gdbserver hides it: gdb would otherwise meet its threads in a
     * thread list, make an inferior of them with a default description and choke on its
     * registers (gdb.threads/next-fork-other-thread.exp).
     */
    private final Set<Long> unannouncedForks = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private void announced(StopEvent ev) {
        if (ev.kind() == StopEvent.Kind.FORK || ev.kind() == StopEvent.Kind.VFORK) {
            unannouncedForks.remove(ev.other());
        }
    }

    /** The tracer's thread state counter ({@link org.jgdbserver.tracer.Tracer#stateChanges}). */
    long tracerStateChanges() {
        return inferiors.tracer.stateChanges();
    }

    List<TracedProcess> attachedProcesses() {
        return engine == null ? List.of() : engine.processes();
    }

    boolean multiprocess() {
        return multiprocess;
    }

    private RspReply threadInfoNext() {
        if (threadInfoCursor >= threadInfoSnapshot.size()) {
            return RspReply.of("l");
        }
        StringBuilder sb = new StringBuilder("m");
        int n = 0;
        while (threadInfoCursor < threadInfoSnapshot.size() && sb.length() < 8000) {
            if (n++ > 0) {
                sb.append(',');
            }
            threadId(threadInfoSnapshot.get(threadInfoCursor++)).appendTo(sb, multiprocess);
        }
        return RspReply.of(sb);
    }

    TracedThread find(ThreadId id) {
        if (id == null) {
            return null;
        }
        for (TracedProcess p : attachedProcesses()) {
            if (id.hasPid() && id.pid() != ThreadId.ALL && id.pid() != p.pid()) {
                continue;
            }
            if (id.tid() == ThreadId.ANY || id.tid() == ThreadId.ALL) {
                List<TracedThread> ts = p.threads();
                if (!ts.isEmpty()) {
                    return ts.get(0);
                }
                continue;
            }
            TracedThread t = p.thread((int) id.tid());
            if (t != null && t.isAlive()) {
                return t;
            }
        }
        return null;
    }

    TracedThread generalThread() {
        TracedThread t = find(generalThread);
        if (t == null && current != null) {
            List<TracedThread> ts = current.threads();
            t = ts.isEmpty() ? null : ts.get(0);
        }
        return t;
    }

    private RspReply setThread(SetThreadPacket h) {
        ThreadId id = h.thread();
        if (!id.isAll() && id.tid() != ThreadId.ANY && find(id) == null) {
            return Replies.E01;
        }
        if (h.operation() == 'g') {
            generalThread = id;
            TracedThread t = find(id);
            if (t != null) {
                current = t.process();
            }
        } else {
            continueThread = id;
        }
        return Replies.OK;
    }

    private ThreadId continueThreadOrAll() {
        return ThreadId.ALL_THREADS;
    }

    private ThreadId stepThread() {
        TracedThread t = find(continueThread);
        if (t == null || continueThread.isAll()) {
            t = generalThread();
        }
        return t == null ? ThreadId.ALL_THREADS : threadId(t);
    }

    private void setContinuePc(long pc) {
        TracedThread t = generalThread();
        if (t != null) {
            regs(t).setPc(t, pc);
        }
    }

    Registers regs(TracedThread t) {
        return registers.computeIfAbsent(t.process(), p -> Registers.forThread(t));
    }

    TracedProcess processOf(long pid) {
        for (TracedProcess p : attachedProcesses()) {
            if (p.pid() == pid) {
                return p;
            }
        }
        return null;
    }

    TracedProcess current() {
        TracedThread t = generalThread();
        return t != null ? t.process() : current;
    }

    // ---------------------------------------------------------------- memory

    private RspReply readMemory(ReadMemoryPacket m) {
        TracedProcess p = current();
        if (p == null || m.length() < 0) {
            return Replies.E01;
        }
        int len = Math.min(m.length(), server.packetSize() / 2);
        byte[] buf = new byte[len];
        int n;
        try {
            n = len == 0 ? 0 : p.memory().readInto(m.address(), buf, len);
        } catch (TracerException e) {
            return Replies.E01;
        }
        return Replies.hex(buf, 0, n);
    }

    private RspReply readMemoryBinary(ReadMemoryBinaryPacket m) {
        TracedProcess p = current();
        if (p == null || m.length() < 0) {
            return Replies.E01;
        }
        int len = Math.min(m.length(), server.packetSize() - 32);
        byte[] buf = new byte[len];
        int n;
        try {
            n = len == 0 ? 0 : p.memory().readInto(m.address(), buf, len);
        } catch (TracerException e) {
            return Replies.E01;
        }
        return Replies.binaryMemory(buf, 0, n);
    }

    private RspReply writeMemory(long address, byte[] data) {
        TracedProcess p = current();
        if (p == null) {
            return Replies.E01;
        }
        if (data.length == 0) {
            return Replies.OK;
        }
        p.memory().write(address, data).join();
        return Replies.OK;
    }

    // ---------------------------------------------------------------- resume and stop

    private RspReply resume(List<VContAction> actions) {
        if (!unreportedEnds.isEmpty()) {
            StopEvent end = takeUnreportedEnd(actions);
            if (end != null) {
                state = State.RUNNING;
                reportProcessEnd(end);
                return null;
            }
        }
        if (engine == null || attachedProcesses().isEmpty()) {
            return Replies.E01;
        }
        List<Engine.Resume> batch = new ArrayList<>();
        boolean any = false;
        for (TracedProcess p : attachedProcesses()) {
            if (unannouncedForks.contains((long) p.pid())) {
                continue;
            }
            for (TracedThread t : p.threads()) {
                VContAction a = null;
                for (VContAction x : actions) {
                    if (x.appliesTo(p.pid(), t.tid())) {
                        a = x;
                        break;
                    }
                }
                if (a == null || a.kind() == VContKind.STOP) {
                    continue; // all-stop: threads no action names stay stopped
                }
                batch.add(resumeFor(t, a));
                any = true;
            }
        }
        if (!any) {
            return Replies.E01;
        }
        lastResumed = new java.util.LinkedHashSet<>();
        lastResumeStepsOnly = true;
        for (Engine.Resume r : batch) {
            lastResumed.add(r.thread());
            lastResumeStepsOnly &= r.action() == org.jgdbserver.tracer.ResumeAction.SINGLESTEP;
        }
        if (interruptOwed && reachesSignalProcess(lastResumed)) {
            interruptOwed = false;
            holdSignals(batch);
            TracedThread t = interruptThread();
            for (Engine.Resume r : batch) {
                ops.ranges.remove(r.thread().tid());
            }
            state = State.RUNNING;
            report(StopEvent.of(StopEvent.Kind.INTERRUPTED, t, 2));
            return null;
        }
        if (!pending.isEmpty()) {
            // A step that ended while we stopped everything for another thread's event is
            // stale: gdb abandoned that step when it heard of the other event, and resumes the
            // thread now with a new request. Reporting it would be a spurious SIGTRAP
            // (gdb.threads/pending-step.exp); gdbserver drops it too.
            Set<TracedThread> resumedNow = lastResumed;
            pending.removeIf(ev -> ev.kind() == StopEvent.Kind.STEP && resumedNow.contains(ev.thread()));
        }
        if (!pending.isEmpty()) {
            // An event kept from the last stop is reported before anything runs, but only one
            // of a thread gdb resumes now (gdbserver: a thread gdb left stopped keeps its event).
            StopEvent ev = nextValidPending(lastResumed);
            if (ev != null) {
                if (ev.thread() != null) {
                    ops.ranges.remove(ev.thread().tid());
                }
                holdSignals(batch);
                state = State.RUNNING;
                report(ev);
                return null;
            }
        }
        state = State.RUNNING;
        ops.stopping = false;
        engine.resume(batch);
        return null;
    }

    /**
     * Nothing runs yet (a stop is reported first): a signal gdb gives a thread now is kept for
     * the thread's next resume, as gdbserver queues it (gdb.threads/sigstep-threads.exp).
     */
    private void holdSignals(List<Engine.Resume> batch) {
        for (Engine.Resume r : batch) {
            if (r.signal() != 0) {
                ops.heldPassSignals.put(r.thread().tid(), r.signal());
            }
        }
    }

    /**
     * The engine's part of one vCont action for one thread: the Linux signal to deliver, and
     * SINGLESTEP for s, S and r (a range step is single steps the engine repeats in range).
     */
    Engine.Resume resumeFor(TracedThread t, VContAction a) {
        int sig = a.kind() == VContKind.CONTINUE_WITH_SIGNAL || a.kind() == VContKind.STEP_WITH_SIGNAL
                ? Math.max(0, GdbSignals.toHost(a.signal())) : 0;
        Integer held = ops.heldPassSignals.remove(t.tid());
        if (held != null && sig == 0) {
            sig = held; // a pass signal that came while the thread was being stopped: still owed
        }
        ResumeAction act = ResumeAction.RESUME;
        if (a.kind() != VContKind.RANGE_STEP) {
            // A range this thread was stepping in before (gdb abandoned it when it heard of
            // another thread's stop) is over: reaching its end now would be a spurious SIGTRAP
            // (gdb.threads/pending-step.exp).
            ops.ranges.remove(t.tid());
        }
        ops.resuming(t.tid(), a.kind() == VContKind.STEP || a.kind() == VContKind.STEP_WITH_SIGNAL);
        if (a.kind() == VContKind.STEP || a.kind() == VContKind.STEP_WITH_SIGNAL) {
            act = ResumeAction.SINGLESTEP;
        } else if (a.kind() == VContKind.RANGE_STEP) {
            act = ResumeAction.SINGLESTEP;
            ops.ranges.put(t.tid(), new long[] {a.rangeStart(), a.rangeEnd()});
        }
        return new Engine.Resume(t, act, sig);
    }

    /** The end of a process the resume names (any, for all processes), removed from those not yet reported. */
    private StopEvent takeUnreportedEnd(List<VContAction> actions) {
        for (java.util.Iterator<StopEvent> it = unreportedEnds.values().iterator(); it.hasNext(); ) {
            StopEvent ev = it.next();
            for (VContAction a : actions) {
                if (a.kind() != VContKind.STOP && a.appliesToProcess(ev.process().pid())) {
                    it.remove();
                    return ev;
                }
            }
        }
        return null;
    }

    /** The first kept event still worth reporting, of a thread in {@code among} (null: any). */
    private StopEvent nextValidPending(Set<TracedThread> among) {
        for (java.util.Iterator<StopEvent> it = pending.iterator(); it.hasNext(); ) {
            StopEvent ev = it.next();
            if (ev.kind() == StopEvent.Kind.BREAKPOINT && !ev.process().memory().hasBreakpointAt(ev.address())) {
                it.remove(); // gdb removed that breakpoint meanwhile: the hit is stale
                continue;
            }
            if (ev.thread() != null && !ev.thread().isAlive() && !ev.isProcessEnd()) {
                it.remove();
                continue;
            }
            if (among != null && ev.thread() != null && !among.contains(ev.thread())) {
                continue;
            }
            it.remove();
            return ev;
        }
        return null;
    }

    private void interrupt() {
        if (nonStop != null) {
            nonStop.interrupt();
            return;
        }
        if (state == State.IDLE && current != null) {
            // Between two steps of gdb's (a software watchpoint, stepping): gdbserver sends the
            // stopped program a SIGINT, delivered at the next resume, which stops at once with
            // it. We owe the same stop to the next resume (gdb.base/random-signal.exp).
            interruptOwed = true;
            return;
        }
        if (state == State.STOPPING && current != null && !stoppingForInterrupt) {
            // A ^C while we stop everything for an event (a breakpoint hit whose condition gdb
            // evaluates): that event is reported first, and the SIGINT gdbserver would have sent
            // is still owed to the next resume. Dropped, gdb resumed hit after hit and never
            // stopped (gdb.threads/detach-step-over.exp, host-evaluated condition).
            interruptOwed = true;
            return;
        }
        if (state != State.RUNNING || current == null) {
            return;
        }
        if (lastResumeStepsOnly && !reachesSignalProcess(lastResumed)) {
            // gdb steps another process's thread (over a breakpoint, before it resumes
            // everything): gdbserver's SIGINT went to the process it attached to or started last
            // and waits there, the step ends as a step, and the ^C is reported in that process
            // once it runs (gdb.threads/detach-step-over.exp, extended-remote: reported for the
            // stepping inferior, gdb detached that one and the attached one stayed attached).
            interruptOwed = true;
            return;
        }
        stopAllThenReport(null);
    }

    /** From the engine, on the event loop. */
    private void onStopEvent(StopEvent ev) {
        if (state == State.DISCONNECTED) {
            return;
        }
        if (ev.kind() == StopEvent.Kind.EXEC) {
            // A new image, maybe of the other architecture (a 64-bit program exec'ing a 32-bit
            // one): its layout and target description are worked out again.
            registers.remove(ev.process());
        }
        if (ev.kind() == StopEvent.Kind.THREAD_EXITED && nonStop == null) {
            noResumedLeft();
            return;
        }
        if (ev.kind() == StopEvent.Kind.THREAD_CREATED || ev.kind() == StopEvent.Kind.THREAD_EXITED) {
            return; // thread lists come from qXfer:threads
        }
        if (nonStop != null) {
            if (ev.isProcessEnd()) {
                registers.remove(ev.process());
                if (current == ev.process()) {
                    current = null;
                }
                Log.say(ev.kind() == StopEvent.Kind.EXITED ? "Child exited with status " + ev.signal()
                        : "Child terminated with signal = " + ev.signal());
            }
            if (!(ev.isProcessEnd() && killedForGdb.remove(ev.process()))) {
                // The end of a process gdb had us kill is no news: gdbserver mourns it in the
                // kill, and a %Stop for it after 'monitor exit' trips gdb's assertion in
                // remote_target::wait (gdb.server/ext-attach.exp, non-stop).
                nonStop.onEvent(ev);
            }
            if (ev.isProcessEnd()) {
                server.processEnded(this, ev.process());
            }
            return;
        }
        if (ev.isProcessEnd()) {
            onProcessEnd(ev);
            return;
        }
        if (state != State.RUNNING) {
            pending.add(ev);
            return;
        }
        stopAllThenReport(ev);
    }

    private void stopAllThenReport(StopEvent ev) {
        state = State.STOPPING;
        stoppingForInterrupt = ev == null;
        ops.stopping = true;
        List<java.util.concurrent.CompletableFuture<Void>> all = new ArrayList<>();
        for (TracedProcess p : attachedProcesses()) {
            all.add(engine.stopAll(p));
        }
        java.util.concurrent.CompletableFuture.allOf(all.toArray(new java.util.concurrent.CompletableFuture[0]))
                .whenComplete((v, e) -> ctx.channel().eventLoop().execute(() -> {
                    if (state != State.STOPPING) {
                        return;
                    }
                    StopEvent first = ev;
                    if (first != null && first.kind() != StopEvent.Kind.STEP) {
                        // The thread gdb is stepping goes first, as gdbserver picks it: its step
                        // ended too while we stopped the others for this event (a stepi over
                        // clone while the new thread hits a breakpoint: step-over-syscall.exp).
                        for (StopEvent x : pending) {
                            if (x.kind() == StopEvent.Kind.STEP && x.thread() != null && x.thread().isAlive()) {
                                pending.remove(x);
                                pending.addFirst(first);
                                first = x;
                                break;
                            }
                        }
                    }
                    if (first == null) {
                        // Only an event of a thread gdb resumed: while gdb steps one thread over
                        // a breakpoint, an event another thread had before is not for now (gdb
                        // asserts in finish_step_over that only the stepped thread reports;
                        // gdb.threads/detach-step-over.exp, host-evaluated "if 0" condition).
                        first = nextValidPending(lastResumed);
                        if (first != null) {
                            // A ^C, but something else stopped the program first (a step that
                            // ended, a breakpoint): gdbserver's SIGINT would still be pending
                            // for the next resume, and so is ours.
                            interruptOwed = true;
                        }
                    }
                    if (first == null) {
                        TracedThread t = interruptThread();
                        if (t == null) {
                            state = State.IDLE;
                            return;
                        }
                        first = StopEvent.of(StopEvent.Kind.INTERRUPTED, t, 2);
                    }
                    report(first);
                }));
    }

    /**
     * All-stop: every thread gdb resumed has exited while the others stay stopped (scheduler-
     * locking), so nothing will ever stop: gdb, which announced {@code no-resumed+}, hears
     * {@code N} ("No unwaited-for children left", gdb.threads/schedlock-thread-exit.exp).
     */
    private void noResumedLeft() {
        if (state != State.RUNNING || !clientNoResumed || lastResumed.isEmpty() || !pending.isEmpty()) {
            return;
        }
        for (TracedThread t : lastResumed) {
            if (live(t)) {
                return;
            }
        }
        boolean othersLive = false;
        for (TracedProcess p : attachedProcesses()) {
            for (TracedThread t : p.threads()) {
                if (t.hasLeftAhead()) {
                    continue;
                }
                if (!t.isStopped()) {
                    return; // one that started while they ran (a clone) runs on
                }
                othersLive = true;
            }
        }
        if (!othersLive) {
            return; // the process's exit is on its way
        }
        state = State.IDLE;
        ops.stopping = false;
        send(RspReply.of("N"));
    }

    /**
     * Whether these resumed threads meet a ^C: gdbserver's SIGINT went to the process it started
     * or attached to last and waits there until one of its threads runs: a resume of other
     * processes' threads only (gdb stepping another inferior's thread over a breakpoint) does
     * not meet it, and reporting it there made gdb detach the wrong inferior
     * (gdb.threads/detach-step-over.exp on extended-remote, "iter 2: attach").
     */
    private boolean reachesSignalProcess(Set<TracedThread> resumed) {
        if (signalProcess == null || !attachedProcesses().contains(signalProcess)) {
            return true;
        }
        for (TracedThread t : resumed) {
            if (t.process() == signalProcess) {
                return true;
            }
        }
        return false;
    }

    private TracedThread interruptThread() {
        // gdbserver's SIGINT goes to the process it started or attached to last (its
        // signal_pid), and the kernel hands it to a thread that runs: with scheduler-locking
        // only the threads gdb resumed run, and gdb must hear of one of them
        // (gdb.threads/schedlock.exp), preferably the one it is focused on. With several
        // processes, the SIGINT is reported for the last one: gdb then detaches that one
        // (gdb.threads/detach-step-over.exp on extended-remote, run + attach).
        TracedThread g = generalThread();
        if (signalProcess != null && attachedProcesses().contains(signalProcess)) {
            TracedThread t = resumedThread(g, signalProcess);
            if (t != null) {
                return t;
            }
        }
        TracedThread r = resumedThread(g, null);
        if (r != null) {
            return r;
        }
        TracedThread t = find(continueThread);
        if (t == null) {
            t = g;
        }
        return t;
    }

    /**
     * A thread gdb resumed last that still runs user code, of process {@code only} (any when
     * null): {@code g}, the thread gdb is focused on, if it is one.
     */
    private TracedThread resumedThread(TracedThread g, TracedProcess only) {
        if (g != null && (only == null || g.process() == only) && lastResumed.contains(g) && live(g)) {
            return g;
        }
        for (TracedThread t : lastResumed) {
            if ((only == null || t.process() == only) && live(t)) {
                return t;
            }
        }
        return null;
    }

    /** Alive and not a zombie leader: a thread that exists for gdb (gdbserver drops the latter). */
    private static boolean live(TracedThread t) {
        return t.isAlive() && !t.hasLeftAhead();
    }

    private void onProcessEnd(StopEvent ev) {
        TracedProcess p = ev.process();
        registers.remove(p);
        pending.removeIf(x -> x.process() == p);
        if (state == State.IDLE && !killedForGdb.remove(p)) {
            unreportedEnds.put(p.pid(), ev); // reported at the next resume, or mourned by a detach
            return;
        }
        reportProcessEnd(ev);
    }

    /** Sends the exit stop reply of a process gdb waited for, and lets the server decide whether to go on. */
    private void reportProcessEnd(StopEvent ev) {
        TracedProcess p = ev.process();
        String reply = ev.kind() == StopEvent.Kind.EXITED
                ? StopReplies.exited(ev.signal(), p.pid(), multiprocess)
                : StopReplies.killed(GdbSignals.fromHost(ev.signal()), p.pid(), multiprocess);
        if (ev.kind() == StopEvent.Kind.EXITED) {
            Log.say("Child exited with status " + ev.signal());
        } else {
            Log.say("Child terminated with signal = " + ev.signal());
        }
        lastStopReply = reply;
        if (current == p) {
            current = null;
        }
        if (state == State.RUNNING || state == State.STOPPING) {
            state = State.IDLE;
            ops.stopping = false;
            send(RspReply.of(reply));
        }
        server.processEnded(this, p);
    }

    private void report(StopEvent ev) {
        state = State.IDLE;
        ops.stopping = false;
        if (ev.isProcessEnd()) {
            onProcessEnd(ev);
            return;
        }
        TracedThread t = ev.thread();
        current = t.process();
        generalThread = threadId(t);
        String reply = StopReplies.forEvent(this, ev);
        announced(ev);
        lastStopReply = reply;
        lastStopEvent = ev;
        send(RspReply.of(reply));
    }

    /** The last stop gdb was told of, when the program is still stopped there; else null. */
    StopEvent stopToKeep() {
        if (state == State.DISCONNECTED) {
            return keptOnClose;
        }
        return state == State.IDLE && lastStopEvent != null && lastStopEvent.thread() != null
                && lastStopEvent.thread().isAlive() ? lastStopEvent : null;
    }

    /** The stop reply text for an event (exit replies included). */
    String stopReplyText(StopEvent ev) {
        if (ev.kind() == StopEvent.Kind.EXITED) {
            return StopReplies.exited(ev.signal(), ev.process().pid(), multiprocess);
        }
        if (ev.kind() == StopEvent.Kind.KILLED) {
            return StopReplies.killed(GdbSignals.fromHost(ev.signal()), ev.process().pid(), multiprocess);
        }
        // Non-stop: a fork child stays hidden until gdb has acknowledged its fork event
        // (NonStop.vStopped calls forkAnnounced), so that no thread list shows it before.
        return StopReplies.forEvent(this, ev);
    }

    GdbServer server() {
        return server;
    }

    /** gdb has the fork event of this child (non-stop: acknowledged with vStopped). */
    void forkAnnounced(long childPid) {
        unannouncedForks.remove(childPid);
    }

    void sendNotification(org.jgdbserver.rsp.wire.RspNotification n) {
        if (Log.remote()) {
            Log.packet("notif", new String(n.body(), StandardCharsets.ISO_8859_1));
        }
        ctx.writeAndFlush(n);
    }

    void onLoop(Runnable r) {
        ctx.channel().eventLoop().execute(r);
    }

    SessionEngine ops() {
        return ops;
    }

    StringBuilder stopReplyFor(TracedThread t, int gdbSignal, StopEvent ev) {
        return StopReplies.base(this, t, gdbSignal);
    }

    // ---------------------------------------------------------------- processes

    private RspReply supported(SupportedPacket q) {
        multiprocess = q.supports("multiprocess");
        clientNoResumed = q.supports("no-resumed");
        ops.forkEvents = q.supports("fork-events");
        ops.vforkEvents = q.supports("vfork-events");
        ops.execEvents = q.supports("exec-events");
        StringBuilder sb = new StringBuilder();
        sb.append("PacketSize=").append(Integer.toHexString(server.packetSize()));
        sb.append(";QPassSignals+;QProgramSignals+;QStartNoAckMode+");
        sb.append(";qXfer:features:read+;qXfer:threads:read+;qXfer:auxv:read+;qXfer:exec-file:read+;qXfer:osdata:read+");
        sb.append(";qXfer:siginfo:read+;qXfer:siginfo:write+");
        sb.append(";qXfer:libraries-svr4:read+;augmented-libraries-svr4-read+");
        sb.append(";QThreadEvents+;no-resumed+;QNonStop+");
        if (multiprocess) {
            sb.append(";multiprocess+");
        }
        sb.append(";swbreak+;hwbreak+;vContSupported+").append(BreakpointActions.FEATURES);
        sb.append(";QDisableRandomization+;QEnvironmentHexEncoded+;QEnvironmentUnset+;QEnvironmentReset+");
        sb.append(";QSetWorkingDir+;QStartupWithShell+;QCatchSyscalls+");
        if (ops.forkEvents) {
            sb.append(";fork-events+");
        }
        if (ops.vforkEvents) {
            sb.append(";vfork-events+");
        }
        if (ops.execEvents) {
            sb.append(";exec-events+");
        }
        return RspReply.of(sb);
    }

    /**
     * A list of gdb signal numbers (QPassSignals, QProgramSignals) by host signal: a host signal
     * is in when the gdb signal it maps back to is listed.
     */
    private static boolean[] hostSignals(List<Integer> gdbSignals) {
        java.util.Set<Integer> listed = new java.util.HashSet<>(gdbSignals);
        boolean[] in = new boolean[65];
        for (int h = 1; h < in.length; h++) {
            in[h] = listed.contains(GdbSignals.fromHost(h));
        }
        return in;
    }

    /**
     * Whether a thread stopped by this (host) signal gets it as we detach: only if gdb lets the
     * program have it (QProgramSignals), and without that list, anything but SIGTRAP and SIGINT,
     * gdb's own (gdbserver's get_detach_signal).
     */
    boolean deliversOnDetach(int hostSignal) {
        boolean[] program = programSignals;
        if (program == null) {
            return hostSignal != 5 /* SIGTRAP */ && hostSignal != 2 /* SIGINT */;
        }
        return hostSignal > 0 && hostSignal < program.length && program[hostSignal];
    }

    private RspReply detach(DetachPacket d) {
        TracedProcess p = d.pid().isPresent() ? processOf(d.pid().getAsLong()) : current();
        if (p == null || !p.isAlive()) {
            StopEvent end = d.pid().isPresent() ? unreportedEnds.remove((int) d.pid().getAsLong())
                    : takeUnreportedEnd(List.of(VContAction.of(VContKind.CONTINUE, ThreadId.ALL_THREADS)));
            return end != null ? mourn(end.process()) : Replies.E01;
        }
        Log.say("Detaching from process " + p.pid());
        // A fork child gdb never heard of goes with its parent, as gdbserver lets it go
        // (gdb.threads/pending-fork-event-detach.exp).
        List<TracedProcess> children = new ArrayList<>();
        for (StopEvent x : pending) {
            if (x.process() == p && (x.kind() == StopEvent.Kind.FORK || x.kind() == StopEvent.Kind.VFORK)
                    && unannouncedForks.remove(x.other())) {
                TracedProcess c = processOf(x.other());
                if (c != null) {
                    children.add(c);
                }
            }
        }
        pending.removeIf(x -> x.process() == p);
        registers.remove(p);
        for (TracedProcess c : children) {
            registers.remove(c);
            engine.detach(c).join();
            c.detach(this::deliversOnDetach).join();
        }
        engine.detach(p).join();
        p.detach(this::deliversOnDetach).join();
        if (current == p) {
            current = null;
        }
        send(Replies.OK);
        server.processEnded(this, p);
        if (!extended && attachedProcesses().isEmpty()) {
            ctx.close();
        }
        return null;
    }

    /**
     * Detach from a process that died meanwhile: gdbserver finds it gone, mourns it and answers
     * OK (gdb then reports it detached); the server goes on as after any detach.
     */
    private RspReply mourn(TracedProcess p) {
        Log.say("Detaching from process " + p.pid());
        if (current == p) {
            current = null;
        }
        send(Replies.OK);
        server.processEnded(this, p);
        if (!extended && attachedProcesses().isEmpty() && unreportedEnds.isEmpty()) {
            ctx.close();
        }
        return null;
    }

    private void kill(TracedProcess p) {
        killedForGdb.add(p);
        pending.removeIf(x -> x.process() == p);
        registers.remove(p);
        try {
            p.kill().join();
        } catch (CompletionException e) {
            Log.debug("kill " + p.pid() + ": " + e.getMessage());
        }
        if (current == p) {
            current = null;
        }
        lastStopReply = null;
        state = State.IDLE;
    }

    void killAll() {
        for (TracedProcess p : attachedProcesses()) {
            Log.say("Killing process(es): " + p.pid());
            kill(p);
        }
    }

    private RspReply run(RunPacket r) {
        String program = r.program();
        if (program == null || program.isEmpty()) {
            // gdbserver's handle_v_run: no program named, the last one run (else the command
            // line's); gdb sends none for an inferior without 'set remote exec-file'.
            Inferiors.Started last = inferiors.lastStarted();
            program = last != null ? last.program() : server.defaultProgram();
        }
        if (program == null) {
            return Replies.E01;
        }
        if (!multiprocess && attachedProcesses().stream().anyMatch(TracedProcess::isAlive)) {
            // As gdbserver: without multiprocess one program at a time (gdb kills the old one
            // first); with it, vRun adds a process beside the others (a second inferior:
            // gdb.threads/threadapply.exp, vfork-multi-inferior.exp).
            Log.say("Already debugging a process");
            return Replies.E01;
        }
        unreportedEnds.clear(); // a new run starts afresh, as gdbserver's vRun
        TracedProcess p;
        try {
            p = inferiors.launch(program, r.arguments());
        } catch (CompletionException e) {
            Log.say(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
            return Replies.E01;
        }
        adopt(p);
        current = p;
        signalProcess = p;
        registers.remove(p);
        generalThread = ThreadId.ANY_THREAD;
        lastStopReply = initialStopReply(p);
        if (nonStop != null && !p.threads().isEmpty()) {
            // Non-stop: vRun's reply is still a stop reply (gdbserver's handle_v_run), and gdb
            // takes the new thread as stopped: it must be resumable by the next vCont.
            nonStop.toldStopped(p.threads().get(0));
        }
        return RspReply.of(lastStopReply);
    }

    /**
     * {@code R}: as gdbserver's server.cc, only in extended mode (else the empty reply): kill
     * everything, start the last program with its last arguments, and reply nothing; gdb asks
     * for the new process with {@code qC}.
     */
    private RspReply restart() {
        if (!extended) {
            return Replies.EMPTY;
        }
        Log.say("GDBserver restarting");
        Inferiors.Started last = inferiors.lastStarted();
        if (last == null) {
            for (TracedProcess old : attachedProcesses()) {
                kill(old);
            }
            return null;
        }
        for (TracedProcess old : attachedProcesses()) {
            kill(old);
        }
        run(new RunPacket(last.program(), last.arguments()));
        return null;
    }

    private RspReply attach(int pid) {
        TracedProcess p;
        try {
            p = inferiors.attach(pid);
        } catch (CompletionException e) {
            Log.say("Cannot attach to process " + pid + ": " + (e.getCause() != null ? e.getCause().getMessage() : e));
            return Replies.E01;
        }
        adopt(p);
        current = p;
        signalProcess = p;
        generalThread = ThreadId.ANY_THREAD;
        lastStopReply = initialStopReply(p);
        if (nonStop != null) {
            // Non-stop: OK, and no stop reply (gdbserver's handle_v_attach). gdb lists the
            // threads as running and stops them with vCont;t, whose stops are then notified.
            return Replies.OK;
        }
        return RspReply.of(lastStopReply);
    }

    // ---------------------------------------------------------------- helpers for Xfer

    Registers registersOf(TracedProcess p) {
        List<TracedThread> ts = p.threads();
        if (ts.isEmpty()) {
            return null;
        }
        return regs(ts.get(0));
    }
}
