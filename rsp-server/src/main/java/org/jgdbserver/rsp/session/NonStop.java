package org.jgdbserver.rsp.session;

import org.jgdbserver.rsp.protocol.GdbSignals;
import org.jgdbserver.rsp.protocol.Replies;
import org.jgdbserver.rsp.protocol.ResumePackets.VContAction;
import org.jgdbserver.rsp.protocol.ResumePackets.VContKind;
import org.jgdbserver.rsp.wire.RspNotification;
import org.jgdbserver.rsp.wire.RspReply;
import org.jgdbserver.tracer.Engine;
import org.jgdbserver.tracer.ResumeAction;
import org.jgdbserver.tracer.TracedProcess;
import org.jgdbserver.tracer.TracedThread;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Non-stop mode (GDB manual, "Remote Non-Stop" and "Notification Packets"): each thread stops
 * and runs on its own. A stop is announced with an asynchronous {@code %Stop} notification;
 * gdb acknowledges with {@code vStopped}, and gets the next queued stop reply in answer, or
 * {@code OK} when none is left. {@code vCont} answers {@code OK} at once; its {@code t} action
 * stops a thread, reported with signal 0.
 *
 * <p>This is where the engine layer pays off: the engine holds exactly the thread that
 * reported, the others run on, and no stop-all is ever made.
 */
final class NonStop {
    private final RspSession session;
    /** A stop reply and its thread (null for a process exit). */
    private record Queued(TracedThread thread, String reply, long forkChild) {
        Queued(TracedThread thread, String reply) {
            this(thread, reply, 0);
        }
    }

    /** Stop replies gdb has not acknowledged; the head is the one last announced. */
    private final ArrayDeque<Queued> queue = new ArrayDeque<>();
    /**
     * Threads gdb has been told are stopped. Every other live thread is running in gdb's view,
     * new threads included; a stop for {@code vCont;t} is reported once.
     */
    private final Set<TracedThread> reported = new HashSet<>();
    /** Fork children whose fork event gdb was told of, not yet resumed: stopped in gdb's view. */
    private final Set<Long> forkChildren = new HashSet<>();

    NonStop(RspSession session) {
        this.session = session;
    }

    /** An engine event, on the event loop. */
    void onEvent(StopEvent ev) {
        if (ev.isProcessEnd()) {
            reported.removeIf(t -> t.process() == ev.process());
            forkChildren.remove((long) ev.process().pid());
        } else if (ev.thread() != null) {
            reported.add(ev.thread());
        }
        boolean fork = ev.kind() == StopEvent.Kind.FORK || ev.kind() == StopEvent.Kind.VFORK;
        enqueue(ev.isProcessEnd() ? null : ev.thread(), session.stopReplyText(ev), fork ? ev.other() : 0);
    }

    private void enqueue(TracedThread t, String reply) {
        enqueue(t, reply, 0);
    }

    private void enqueue(TracedThread t, String reply, long forkChild) {
        queue.add(new Queued(t, reply, forkChild));
        if (queue.size() == 1) {
            session.sendNotification(RspNotification.stop(reply));
        }
    }

    /** gdb learned from a reply (vRun's) that this thread is stopped. */
    void toldStopped(TracedThread t) {
        reported.add(t);
    }

    /** Whether a stop reply of this thread waits in the queue (not yet acknowledged). */
    private boolean queued(TracedThread t) {
        for (Queued q : queue) {
            if (q.thread() == t) {
                return true;
            }
        }
        return false;
    }

    /** {@code vStopped}: the head was seen; hand over the next one or say there is none. */
    RspReply vStopped() {
        Queued seen = queue.poll();
        if (seen != null && seen.forkChild() != 0) {
            // gdb has the fork event: it takes the new child as stopped too (detach-on-fork off:
            // it resumes it with its next vCont; gdb.base/inferior-died.exp). Before that, a
            // resume of all threads must leave the child alone (next-fork-other-thread.exp). Its
            // thread may not have reached its first stop yet: it counts once it has.
            forkChildren.add(seen.forkChild());
            session.forkAnnounced(seen.forkChild());
        }
        Queued next = queue.peek();
        return next == null ? Replies.OK : RspReply.of(next.reply());
    }

    /**
     * {@code ?} in non-stop mode: every stopped thread is reported, the first in the reply,
     * the rest through the vStopped sequence that follows.
     */
    RspReply haltReason() {
        queue.clear();
        // As gdbserver: one stopped thread is reported (the leader first), the others are let
        // run; gdb 13 asserts when a connect in non-stop mode gets several initial stops.
        TracedThread first = null;
        List<Engine.Resume> others = new ArrayList<>();
        for (TracedThread t : session.allThreads()) {
            if (!t.isStopped()) {
                continue;
            }
            if (first == null && (t.isLeader() || reported.contains(t))) {
                first = t;
            } else if (!reported.contains(t)) {
                others.add(new Engine.Resume(t, ResumeAction.RESUME, -1));
            }
        }
        if (first == null) {
            return Replies.OK;
        }
        reported.add(first);
        if (!others.isEmpty()) {
            session.engine().resume(others);
        }
        String reply = session.stopReplyFor(first, GdbSignals.SIGNAL_0, null).toString();
        // gdb drains the queue with vStopped, which drops the head first: the reply is the head.
        queue.add(new Queued(first, reply));
        return RspReply.of(reply);
    }

    RspReply resume(List<VContAction> actions) {
        Engine engine = session.engine();
        if (engine == null) {
            return Replies.E01;
        }
        List<Engine.Resume> batch = new ArrayList<>();
        List<TracedThread> toStop = new ArrayList<>();
        for (TracedProcess p : session.attachedProcesses()) {
            if (!p.threads().isEmpty() && forkChildren.remove((long) p.pid())) {
                reported.addAll(p.threads());
            }
            for (TracedThread t : p.threads()) {
                if (t.hasLeftAhead()) {
                    continue; // a zombie leader: gone for gdb, it never stops nor runs again
                }
                VContAction a = null;
                for (VContAction x : actions) {
                    if (x.appliesTo(p.pid(), t.tid())) {
                        a = x;
                        break;
                    }
                }
                if (a == null) {
                    continue;
                }
                if (a.kind() == VContKind.STOP) {
                    if (!reported.contains(t)) {
                        toStop.add(t);
                    }
                    continue;
                }
                if (!reported.contains(t)) {
                    continue; // running in gdb's view: a resume for all skips it
                }
                if ((a.thread() == null || a.thread().isAll() || a.thread().tid() == org.jgdbserver.rsp.protocol.ThreadId.ALL)
                        && queued(t)) {
                    continue; // gdb has not seen this thread's stop yet (gdbserver: queued stop reply)
                }
                reported.remove(t);
                batch.add(session.resumeFor(t, a));
            }
        }
        if (Log.debug()) {
            Log.debug("non-stop vCont: resuming " + batch.size() + " thread(s), stopping " + toStop.size()
                    + "; gdb believes stopped: " + reported.size());
        }
        if (!batch.isEmpty()) {
            engine.resume(batch);
        }
        for (TracedThread t : toStop) {
            stop(t, GdbSignals.SIGNAL_0);
        }
        return Replies.OK;
    }

    /** Stops one running thread and reports it with this signal once it is stopped. */
    private void stop(TracedThread t, int gdbSignal) {
        session.ops().stopRequested(t.tid());
        session.engine().control(t, ResumeAction.STOP).whenComplete((x, e) -> session.onLoop(() -> {
            if (e == null && t.isAlive() && reported.add(t)) {
                enqueue(t, session.stopReplyFor(t, gdbSignal, null).toString());
            }
        }));
    }

    /** Ctrl-C / vCtrlC: the leader (or the first running thread) stops with SIGINT. */
    void interrupt() {
        TracedThread pick = null;
        for (TracedThread t : session.allThreads()) {
            if (!reported.contains(t) && (pick == null || t.isLeader())) {
                pick = t;
            }
        }
        if (pick != null) {
            stop(pick, GdbSignals.INT);
        }
    }

    /** Threads gdb believes running. */
    boolean anyRunning() {
        for (TracedThread t : session.allThreads()) {
            if (!reported.contains(t)) {
                return true;
            }
        }
        return false;
    }
}
