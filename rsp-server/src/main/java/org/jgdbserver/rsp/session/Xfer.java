package org.jgdbserver.rsp.session;

import org.jgdbserver.rsp.protocol.Replies;
import org.jgdbserver.rsp.protocol.QueryPackets.XferReadPacket;
import org.jgdbserver.rsp.wire.RspReply;
import org.jgdbserver.tracer.TracedProcess;
import org.jgdbserver.tracer.TracedThread;

import java.nio.charset.StandardCharsets;

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
                return threadsXml().getBytes(StandardCharsets.UTF_8);
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

    private String threadsXml() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\"?>\n<threads>\n");
        for (TracedThread t : session.allThreads()) {
            sb.append("<thread id=\"").append(session.threadId(t).format(session.multiprocess())).append('"');
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
        return sb.append("</threads>\n").toString();
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&apos;");
    }
}
