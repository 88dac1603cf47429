package org.jgdbserver.rsp.session;

import java.util.ArrayList;
import java.util.List;

/**
 * The dynamic linker's list of loaded objects, read from the inferior's memory: the
 * {@code qXfer:libraries-svr4:read} document (GDB manual, "Library List Format for SVR4
 * Targets") and the link maps {@link ThreadLocalStorage} looks symbols up in.
 *
 * <p>The way there is the SVR4 debugger interface every glibc (and most other) dynamic
 * linkers keep: the main program's {@code PT_DYNAMIC} (its program headers are where the
 * auxiliary vector's {@code AT_PHDR}/{@code AT_PHNUM} say; the load bias is {@code AT_PHDR}
 * minus the {@code PT_PHDR} entry's {@code p_vaddr}) holds a {@code DT_DEBUG} entry, which the
 * dynamic linker sets to {@code &_r_debug}; {@code r_debug.r_map} heads a doubly linked list of
 * {@code struct link_map}s (link.h), the first of which is the main program. Since glibc 2.35
 * {@code r_version} 2 means {@code struct r_debug_extended} with {@code r_next}, one
 * {@code r_debug} per dlmopen namespace. Only the public head of each structure is read.
 *
 * <p>As gdbserver: a program without {@code DT_DEBUG} (static) gets E01, one whose dynamic
 * linker has not set {@code DT_DEBUG} yet (stopped at its first instruction) an empty list;
 * the main program is named by {@code main-lm} and not listed; objects without a name (the
 * main program, and whatever else the linker leaves nameless) are left out; each entry
 * carries its namespace ({@code lmid}, the address of that namespace's {@code r_debug}), which
 * is what lets gdb 13 ask for the increments only ({@code start=}/{@code prev=}, the
 * "augmented" form, after each solib event).
 */
final class Svr4Libraries {
    // elf.h
    private static final int AT_PHDR = 3, AT_PHNUM = 5;
    private static final int PT_DYNAMIC = 2, PT_PHDR = 6;
    private static final int DT_NULL = 0, DT_DEBUG = 21;

    /** gdbserver reads at most PATH_MAX - 1 bytes of a name. */
    private static final int NAME_MAX = 4095;
    /** Far more objects than any program has: a guard against a list that loops. */
    private static final int MAX_OBJECTS = 100_000;
    /** A dynamic section longer than this is not one. */
    private static final int MAX_DYNAMIC = 4096;

    /** {@link #rDebug()} when the main program has no DT_DEBUG (a static program). */
    static final long NO_DT_DEBUG = -1;

    /** One {@code struct link_map}: its address and public fields, and its namespace. */
    record LinkMap(long lm, long lAddr, long lName, long lLd, long namespace, String name) {
    }

    private final TargetMemory mem;
    private final byte[] auxv;
    private final int w;

    Svr4Libraries(TargetMemory mem, byte[] auxv) {
        this.mem = mem;
        this.auxv = auxv;
        this.w = mem.pointerSize();
    }

    // struct r_debug (link.h): int r_version; struct link_map *r_map; ElfW(Addr) r_brk;
    // enum r_state; ElfW(Addr) r_ldbase; then r_debug_extended's r_next.
    private long rMap(long rDebug) {
        return rDebug + w;
    }

    private long rNext(long rDebug) {
        return rDebug + 5L * w;
    }

    // struct link_map (link.h): l_addr, l_name, l_ld, l_next, l_prev, one word each.
    private long lName(long lm) {
        return lm + w;
    }

    private long lLd(long lm) {
        return lm + 2L * w;
    }

    private long lNext(long lm) {
        return lm + 3L * w;
    }

    private long lPrev(long lm) {
        return lm + 4L * w;
    }

    /**
     * {@code &_r_debug} from the main program's DT_DEBUG: 0 while the dynamic linker has not
     * set it, {@link #NO_DT_DEBUG} when there is no DT_DEBUG (or no PT_PHDR to find it by).
     */
    long rDebug() {
        long dynamic = dynamicSection();
        if (dynamic == 0) {
            return NO_DT_DEBUG;
        }
        int entry = 2 * w; // ElfW(Dyn): d_tag, d_un
        for (int i = 0; i < MAX_DYNAMIC; i++) {
            long at = dynamic + (long) i * entry;
            long tag;
            try {
                tag = mem.signedWord(at);
            } catch (TargetMemory.Fault e) {
                break;
            }
            if (tag == DT_DEBUG) {
                return mem.pointer(at + w);
            }
            if (tag == DT_NULL) {
                break;
            }
        }
        return NO_DT_DEBUG;
    }

    /** The run-time address of the main program's PT_DYNAMIC, or 0. */
    private long dynamicSection() {
        long phdr = auxvValue(AT_PHDR);
        long phnum = auxvValue(AT_PHNUM);
        if (phdr == 0 || phnum <= 0 || phnum > 0xffff) {
            return 0;
        }
        // ElfW(Phdr): p_type at 0; p_vaddr at 8 (Elf32) or 16 (Elf64); 32 or 56 bytes each.
        int size = w == 8 ? 56 : 32;
        int vaddrAt = w == 8 ? 16 : 8;
        byte[] table = mem.bytes(phdr, (int) phnum * size);
        TargetMemory image = TargetMemory.ofBytes(phdr, table, w);
        Long bias = null;
        for (int i = 0; i < phnum && bias == null; i++) {
            if (image.u32(phdr + (long) i * size) == PT_PHDR) {
                bias = phdr - image.pointer(phdr + (long) i * size + vaddrAt);
            }
        }
        if (bias == null) {
            // Without PT_PHDR the bias is unknown; programs that have DT_DEBUG have PT_PHDR.
            return 0;
        }
        for (int i = 0; i < phnum; i++) {
            if (image.u32(phdr + (long) i * size) == PT_DYNAMIC) {
                return (image.pointer(phdr + (long) i * size + vaddrAt) + bias) & mem.pointerMask();
            }
        }
        return 0;
    }

    /** An auxiliary vector entry's value (ElfW(auxv_t): a_type, a_val), or 0. */
    private long auxvValue(int type) {
        TargetMemory vector = TargetMemory.ofBytes(0, auxv, w);
        for (long at = 0; at + 2L * w <= auxv.length; at += 2L * w) {
            long t = vector.pointer(at);
            if (t == type) {
                return vector.pointer(at + w);
            }
            if (t == 0) {
                break;
            }
        }
        return 0;
    }

    /**
     * The {@code qXfer:libraries-svr4:read} document for {@code annex} (empty, or
     * {@code start=LM;prev=LM;lmid=ID} pairs, gdb's augmented form), or null when the program
     * has no DT_DEBUG (the reply is then E01, which tells gdb to look for itself).
     */
    String document(String annex) {
        long start = 0, prev = 0, lmid = 0;
        for (String pair : annex.split(";")) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = pair.substring(0, eq);
            long value;
            try {
                value = Long.parseUnsignedLong(pair.substring(eq + 1), 16);
            } catch (NumberFormatException e) {
                continue; // gdbserver stops decoding at the first non-hex digit; keep it simple
            }
            switch (key) {
                case "start" -> start = value;
                case "prev" -> prev = value;
                case "lmid" -> lmid = value;
                default -> { } // unknown pairs are ignored (gdb counts on that)
            }
        }
        StringBuilder doc = new StringBuilder("<library-list-svr4 version=\"1.0\"");
        if (start != 0) {
            doc.append('>');
            for (LinkMap m : chain(start, prev, lmid)) {
                appendLibrary(doc, m);
            }
            return doc.append("</library-list-svr4>").toString();
        }
        long rDebug = rDebug();
        if (rDebug == NO_DT_DEBUG) {
            return null;
        }
        List<LinkMap> all = objects(rDebug);
        if (!all.isEmpty() && all.get(0).namespace() == rDebug) {
            doc.append(" main-lm=\"0x").append(Long.toHexString(all.get(0).lm())).append('"');
        }
        doc.append('>');
        for (int i = 0; i < all.size(); i++) {
            LinkMap m = all.get(i);
            if (i == 0 && m.namespace() == rDebug) {
                continue; // the main program: main-lm, not a library
            }
            appendLibrary(doc, m);
        }
        return doc.append("</library-list-svr4>").toString();
    }

    private static void appendLibrary(StringBuilder doc, LinkMap m) {
        if (m.name().isEmpty()) {
            return;
        }
        doc.append("<library name=\"").append(escape(m.name()))
                .append("\" lm=\"0x").append(Long.toHexString(m.lm()))
                .append("\" l_addr=\"0x").append(Long.toHexString(m.lAddr()))
                .append("\" l_ld=\"0x").append(Long.toHexString(m.lLd()))
                .append("\" lmid=\"0x").append(Long.toHexString(m.namespace()))
                .append("\"/>");
    }

    /** Every loaded object of every namespace, each namespace's main entry first; empty before DT_DEBUG is set. */
    List<LinkMap> objects() {
        long rDebug = rDebug();
        return rDebug == NO_DT_DEBUG ? List.of() : objects(rDebug);
    }

    private List<LinkMap> objects(long rDebug) {
        List<LinkMap> out = new ArrayList<>();
        long ns = rDebug;
        for (int n = 0; ns != 0 && n < MAX_OBJECTS; n++) {
            long version;
            long head;
            try {
                version = mem.u32(ns); // int r_version
                head = mem.pointer(rMap(ns));
            } catch (TargetMemory.Fault e) {
                Log.debug("r_debug at 0x" + Long.toHexString(ns) + ": " + e.getMessage());
                break;
            }
            if (version < 1 || version > Integer.MAX_VALUE) {
                Log.debug("unexpected r_debug version " + (int) version + " at 0x" + Long.toHexString(ns));
                break;
            }
            out.addAll(chain(head, 0, ns));
            if (version < 2) {
                break;
            }
            try {
                ns = mem.pointer(rNext(ns));
            } catch (TargetMemory.Fault e) {
                break;
            }
        }
        return out;
    }

    /**
     * The link maps from {@code lm} on along {@code l_next}; each one's {@code l_prev} must be
     * the one before ({@code prev} for the first), or the walk stops there (a list the linker
     * is changing, or a corrupt one: gdbserver stops too).
     */
    private List<LinkMap> chain(long lm, long prev, long namespace) {
        List<LinkMap> out = new ArrayList<>();
        while (lm != 0 && out.size() < MAX_OBJECTS) {
            long lAddr, lName, lLd, lNext, lPrev;
            try {
                lAddr = mem.pointer(lm);
                lName = mem.pointer(lName(lm));
                lLd = mem.pointer(lLd(lm));
                lNext = mem.pointer(lNext(lm));
                lPrev = mem.pointer(lPrev(lm));
            } catch (TargetMemory.Fault e) {
                Log.debug("link map at 0x" + Long.toHexString(lm) + ": " + e.getMessage());
                break;
            }
            if (lPrev != prev) {
                Log.debug("corrupted shared library list: l_prev 0x" + Long.toHexString(lPrev) + " at 0x"
                        + Long.toHexString(lm) + ", expected 0x" + Long.toHexString(prev));
                break;
            }
            String name = lName == 0 ? "" : mem.cString(lName, NAME_MAX);
            out.add(new LinkMap(lm, lAddr, lName, lLd, namespace, name));
            prev = lm;
            lm = lNext;
        }
        return out;
    }

    /** XML attribute text (gdbserver's xml_escape_text). */
    private static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
