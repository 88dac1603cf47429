package org.jgdbserver.rsp.session;

import org.jgdbserver.rsp.protocol.Replies;
import org.jgdbserver.rsp.protocol.QueryPackets.XferReadPacket;
import org.jgdbserver.rsp.wire.RspReply;
import org.jgdbserver.tracer.TracedProcess;
import org.jgdbserver.tracer.TracedThread;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * {@code qXfer:OBJECT:read:ANNEX:OFFSET,LENGTH} (GDB manual, "General Query Packets"): the
 * target description, the thread list (with names and cores), the auxiliary vector, the
 * executable's name, the operating system's tables ({@link OsData}) and the dynamic linker's
 * library list ({@link Svr4Libraries}). Documents built at offset 0 are kept for the reads that
 * follow, so a document read in chunks is one consistent snapshot.
 */
final class Xfer {
    private final RspSession session;
    private String cachedKey;
    private byte[] cached;
    /** The last thread list built while all its threads were stopped, and what it depends on. */
    private byte[] threadsDoc;
    private List<TracedThread> threadsListed;
    private long threadsChanges;
    private boolean threadsMultiprocess;

    Xfer(RspSession session) {
        this.session = session;
    }

    RspReply read(XferReadPacket x) {
        String key = x.object() + ":" + x.annex();
        byte[] doc;
        if (x.offset() != 0 && key.equals(cachedKey) && cached != null && !x.object().equals("siginfo")) {
            doc = cached;
        } else {
            doc = build(x.object(), x.annex());
            if (doc == null) {
                return x.object().equals("features") || x.object().equals("threads") || x.object().equals("auxv")
                        || x.object().equals("exec-file") || x.object().equals("siginfo")
                        || x.object().equals("libraries-svr4") ? Replies.E01 : Replies.EMPTY;
            }
            cachedKey = key;
            cached = doc;
        }
        if (x.offset() >= doc.length) {
            return Replies.xferChunk(true, doc, 0, 0);
        }
        int off = (int) x.offset();
        int len = (int) Math.min(x.length(), doc.length - off);
        return Replies.xferChunk(off + len >= doc.length, doc, off, len);
    }

    private byte[] build(String object, String annex) {
        switch (object) {
            case "features": {
                if (!annex.equals("target.xml")) {
                    return null;
                }
                TracedProcess p = session.current();
                Registers r = p == null ? null : session.registersOf(p);
                return r == null ? null : r.layout().targetXml().getBytes(StandardCharsets.UTF_8);
            }
            case "threads":
                return threadsXml();
            case "auxv": {
                TracedProcess p = session.current();
                return p == null ? null : p.auxv();
            }
            case "siginfo": {
                TracedThread t = session.generalThread();
                if (t == null) {
                    return null;
                }
                try {
                    return t.siginfo().join();
                } catch (java.util.concurrent.CompletionException e) {
                    return null;
                }
            }
            case "osdata":
                return OsData.document(annex);
            case "libraries-svr4": {
                TracedProcess p = session.current();
                if (p == null) {
                    return null;
                }
                try {
                    String doc = new Svr4Libraries(TargetMemory.of(p), p.auxv()).document(annex);
                    return doc == null ? null : doc.getBytes(StandardCharsets.ISO_8859_1);
                } catch (TargetMemory.Fault | org.jgdbserver.tracer.TracerException e) {
                    Log.debug("qXfer:libraries-svr4: " + e.getMessage());
                    return null;
                }
            }
            case "exec-file": {
                TracedProcess p = annex.isEmpty() ? session.current() : session.processOf(Long.parseLong(annex, 16));
                return p == null ? null : p.executable().getBytes(StandardCharsets.UTF_8);
            }
            default:
                return null;
        }
    }

    /**
     * The thread list. Names and cores come from /proc (two files per thread), and in non-stop
     * mode gdb reads the whole list again for every stop it reports: with N threads stopping
     * that is N^2 file reads. A list built while every thread was stopped is therefore kept
     * and served again for as long as no thread changes state (the tracer's counter) and the
     * same threads are listed: a stopped thread's core cannot change, nor, short of another
     * process writing its /proc comm file, its name.
     */
    private byte[] threadsXml() {
        long changes = session.tracerStateChanges();
        List<TracedThread> ts = session.allThreads();
        boolean mp = session.multiprocess();
        if (threadsDoc != null && changes == threadsChanges && mp == threadsMultiprocess && ts.equals(threadsListed)) {
            return threadsDoc;
        }
        boolean allStopped = true;
        StringBuilder sb = new StringBuilder(64 + 56 * ts.size()).append("<?xml version=\"1.0\"?>\n<threads>\n");
        for (TracedThread t : ts) {
            allStopped &= t.isStopped();
            sb.append("<thread id=\"").append(session.threadId(t).format(mp)).append('"');
            int core = t.lastCpu();
            if (core >= 0) {
                sb.append(" core=\"").append(core).append('"');
            }
            String name = t.name();
            if (!name.isEmpty()) {
                sb.append(" name=\"").append(escape(name)).append('"');
            }
            sb.append("/>\n");
        }
        byte[] doc = sb.append("</threads>\n").toString().getBytes(StandardCharsets.UTF_8);
        boolean keep = allStopped && session.tracerStateChanges() == changes;
        if (Log.debug()) {
            Log.debug("thread list built: " + ts.size() + " threads, " + doc.length + " bytes"
                    + (keep ? ", kept while they stay stopped" : ""));
        }
        threadsDoc = keep ? doc : null;
        threadsListed = keep ? ts : null;
        threadsChanges = changes;
        threadsMultiprocess = mp;
        return doc;
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }
}
