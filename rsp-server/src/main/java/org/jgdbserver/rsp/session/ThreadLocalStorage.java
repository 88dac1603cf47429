package org.jgdbserver.rsp.session;

import org.jgdbserver.rsp.protocol.Replies;
import org.jgdbserver.rsp.protocol.ThreadPackets.GetTlsAddrPacket;
import org.jgdbserver.rsp.wire.RspReply;
import org.jgdbserver.tracer.TracedProcess;
import org.jgdbserver.tracer.TracedThread;
import org.jgdbserver.tracer.TracerException;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletionException;

/**
 * {@code qGetTLSAddr:thread-id,offset,lm} (GDB manual, "General Query Packets"): the address of
 * a thread's copy of a {@code __thread} variable, given the variable's offset in its module's
 * TLS block and the module's link map ({@code lm}; 0 for the main program of a static
 * executable). gdbserver answers it through glibc's libthread_db; we answer it without, from
 * what libthread_db itself reads:
 *
 * <ol>
 * <li>the module id: {@code link_map.l_tls_modid} of {@code lm}, or 1 for {@code lm} 0 (the
 *     static program's own block; glibc's {@code __libc_setup_tls} gives it id 1);
 * <li>the thread pointer: {@code fs_base} on x86-64; on i386 the base of the GDT entry the
 *     {@code %gs} selector names (PTRACE_GET_THREAD_AREA, entry {@code gs >> 3});
 * <li>the DTV: a pointer in the thread control block ({@code tcbhead_t.dtv}, at
 *     {@code tp + 8} on x86-64, {@code tp + 4} on i386); {@code dtv[-1].counter} is its
 *     length, {@code dtv[modid].pointer.val} the block, or {@code TLS_DTV_UNALLOCATED} (odd:
 *     -1) while the thread has not touched the module's TLS yet;
 * <li>a module the thread's DTV has no block for may still have static TLS (every module
 *     loaded at start-up, and dlopened ones glibc could fit in the surplus): its block is then
 *     at {@code tp - l_tls_offset} (TLS variant II, x86), unless {@code l_tls_offset} is 0
 *     (none yet) or -1 (forced dynamic).
 * </ol>
 *
 * <p>The offsets inside glibc's private structures come from glibc itself: libc.so.6 (glibc
 * 2.34 on; libpthread.so.0 before) exports, for libthread_db, descriptors named
 * {@code _thread_db_<struct>_<field>}, each three 32-bit words {size in bits, count, offset}
 * (glibc nptl_db/db_info.c). They are read from the inferior's memory through the dynamic
 * symbol table of whichever loaded object defines them ({@link GlibcDescriptors}), so they are
 * always those of the glibc the process runs: on Debian 12's glibc 2.36,
 * {@code l_tls_modid} is at 1152 (x86-64) and 616 (i386). gdbserver instead asks gdb for
 * symbol values (qSymbol) when it loads libthread_db; that needs gdb's cooperation at the
 * right moments and a host libthread_db matching the target, and reading the ELF files would
 * need the right file for each mapping: the in-memory dynamic symbol table needs neither.
 * A static executable has no dynamic symbol table to read; its module is 1 and the TCB and
 * DTV layout above (unchanged in glibc since TLS came, and relied on by compiled code through
 * {@code %fs:0}) is taken as is.
 *
 * <p>As libthread_db, a DTV older than the module (its generation, {@code dtv[0].counter},
 * below the generation of the module's slot in {@code _rtld_global._dl_tls_dtv_slotinfo_list})
 * is not trusted for that module: its slot may be one a dlclosed module left. Failures are
 * E01, as gdbserver replies for every libthread_db error (gdb then says "Remote target failed
 * to process qGetTLSAddr request"), including a block not allocated yet (libthread_db's
 * TD_TLSDEFER).
 */
final class ThreadLocalStorage {
    // user_regs_struct (asm/user_64.h, asm/user_32.h): fs_base is word 21 of 27 on x86-64,
    // xgs word 10 of 17 on i386.
    private static final int AMD64_REGS = 27 * 8, AMD64_FS_BASE = 21 * 8;
    private static final int I386_REGS = 17 * 4, I386_XGS = 10 * 4;
    private static final int NT_PRSTATUS = 1;

    private ThreadLocalStorage() {
    }

    /** Why there is no address. */
    static final class NoAddress extends RuntimeException {
        NoAddress(String message) {
            super(message);
        }
    }

    static RspReply reply(RspSession session, GetTlsAddrPacket q) {
        TracedThread t = session.find(q.thread());
        if (t == null) {
            return Replies.E01;
        }
        if (!session.server().threadDb().findsLibrary()) {
            Log.debug("qGetTLSAddr: no " + ThreadDbSearchPath.LIBRARY + " along libthread-db-search-path "
                    + session.server().threadDb().searchPath());
            return Replies.E01;
        }
        try {
            TracedProcess p = t.process();
            TargetMemory mem = TargetMemory.of(p);
            Svr4Libraries libraries = new Svr4Libraries(mem, p.auxv());
            GlibcDescriptors glibc = GlibcDescriptors.find(mem, libraries.objects());
            long address = address(mem, glibc, threadPointer(t), q.linkMap(), q.offset());
            return RspReply.of(Long.toHexString(address));
        } catch (NoAddress | TargetMemory.Fault | TracerException | CompletionException e) {
            Log.debug("qGetTLSAddr " + q + ": " + e.getMessage());
            return Replies.E01;
        }
    }

    /** The thread pointer of a stopped thread: fs_base (x86-64), or the %gs segment's base (i386). */
    static long threadPointer(TracedThread t) {
        byte[] regs = t.readRegset(NT_PRSTATUS).join();
        if (regs.length == AMD64_REGS) {
            return le(regs, AMD64_FS_BASE, 8);
        }
        if (regs.length == I386_REGS) {
            long gs = le(regs, I386_XGS, 4) & 0xffff;
            if (gs >>> 3 == 0) {
                throw new NoAddress("thread " + t.tid() + ": %gs is 0x" + Long.toHexString(gs) + ", no thread pointer yet");
            }
            return t.threadArea((int) (gs >>> 3)).join();
        }
        throw new NoAddress("thread " + t.tid() + ": NT_PRSTATUS of " + regs.length + " bytes, expected "
                + AMD64_REGS + " or " + I386_REGS);
    }

    private static long le(byte[] b, int at, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xff);
        }
        return v;
    }

    /**
     * The address of {@code offset} in the TLS block of module {@code lm} (0: the static
     * program's) of the thread whose thread pointer is {@code tp}; {@code glibc} null when no
     * loaded object has the descriptors (a static program).
     */
    static long address(TargetMemory mem, GlibcDescriptors glibc, long tp, long lm, long offset) {
        if (tp == 0) {
            throw new NoAddress("the thread pointer is 0: TLS is not set up yet");
        }
        long modid;
        if (lm == 0) {
            modid = 1;
        } else {
            if (glibc == null) {
                throw new NoAddress("no loaded object defines _thread_db_link_map_l_tls_modid");
            }
            modid = glibc.field(lm, glibc.lTlsModid);
        }
        if (modid == 0) {
            throw new NoAddress("link map 0x" + Long.toHexString(lm) + " has no TLS (l_tls_modid 0)");
        }
        int w = mem.pointerSize();
        long dtvOffset = glibc != null ? glibc.pthreadDtvp.offset : w;
        int slotSize = glibc != null ? glibc.dtvSlotSize() : 2 * w;
        long valOffset = glibc != null ? glibc.dtvPointerVal.offset : 0;
        long counterOffset = glibc != null ? glibc.dtvCounter.offset : 0;

        long dtv = mem.pointer(tp + dtvOffset);
        if (dtv == 0) {
            throw new NoAddress("thread pointer 0x" + Long.toHexString(tp) + ": no DTV yet");
        }
        long length = mem.pointer(dtv - slotSize + counterOffset);
        long dtvGeneration = mem.pointer(dtv + counterOffset);
        long moduleGeneration = lm != 0 && glibc != null ? glibc.moduleGeneration(modid) : -1;
        boolean current = moduleGeneration < 0 || Long.compareUnsigned(dtvGeneration, moduleGeneration) >= 0;
        if (Log.debug()) {
            Log.debug("TLS of module " + modid + ": DTV 0x" + Long.toHexString(dtv) + " of length " + length
                    + ", generation " + dtvGeneration + " (the module's: " + moduleGeneration + ")");
        }
        if (current && Long.compareUnsigned(modid, length) <= 0) {
            long block = mem.pointer(dtv + modid * slotSize + valOffset);
            if (block != 0 && (block & 1) == 0) {
                return (block + offset) & mem.pointerMask();
            }
        }
        // Not in this thread's DTV (yet): static TLS is at a fixed place below the TCB.
        if (lm != 0 && glibc != null && glibc.lTlsOffset != null) {
            long tlsOffset = glibc.field(lm, glibc.lTlsOffset);
            if (tlsOffset != 0 && tlsOffset != mem.pointerMask()) {
                return (tp - tlsOffset + offset) & mem.pointerMask();
            }
        }
        throw new NoAddress("module " + modid + " has no TLS block in this thread yet (DTV 0x" + Long.toHexString(dtv)
                + " of length " + length + ", generation " + dtvGeneration + "; the module's " + moduleGeneration + ")");
    }

    /** One libthread_db descriptor: {size in bits, count, offset} (glibc nptl_db/db_info.c). */
    record Descriptor(long bits, long count, long offset) {
    }

    /**
     * Where the dynamic linker keeps each module's generation: {@code head} is the address of
     * {@code _rtld_global._dl_tls_dtv_slotinfo_list}, a chain of arrays of {gen, map} slots.
     */
    record Slotinfo(long head, Descriptor listLen, Descriptor listNext, Descriptor listSlotinfo, Descriptor gen) {
    }

    /** The glibc descriptors qGetTLSAddr needs, from the first loaded object that defines them. */
    static final class GlibcDescriptors {
        final TargetMemory mem;
        final Descriptor lTlsModid;
        final Descriptor lTlsOffset;
        final Descriptor pthreadDtvp;
        final Descriptor dtvDtv;
        final Descriptor dtvPointerVal;
        final Descriptor dtvCounter;
        /** Null when unknown: then no generation check. */
        Slotinfo slotinfo;

        GlibcDescriptors(TargetMemory mem, Descriptor lTlsModid, Descriptor lTlsOffset, Descriptor pthreadDtvp,
                Descriptor dtvDtv, Descriptor dtvPointerVal, Descriptor dtvCounter) {
            this.mem = mem;
            this.lTlsModid = lTlsModid;
            this.lTlsOffset = lTlsOffset;
            this.pthreadDtvp = pthreadDtvp;
            this.dtvDtv = dtvDtv;
            this.dtvPointerVal = dtvPointerVal;
            this.dtvCounter = dtvCounter;
        }

        /** Null when no loaded object defines them (a static program, another C library). */
        static GlibcDescriptors find(TargetMemory mem, List<Svr4Libraries.LinkMap> objects) {
            List<DynamicSymbols> tables = new java.util.ArrayList<>();
            for (Svr4Libraries.LinkMap m : objects) {
                try {
                    DynamicSymbols symbols = DynamicSymbols.of(mem, m.lAddr(), m.lLd());
                    if (symbols != null) {
                        tables.add(symbols);
                    }
                } catch (TargetMemory.Fault e) {
                    Log.debug("dynamic symbols of " + m.name() + ": " + e.getMessage());
                }
            }
            for (DynamicSymbols symbols : tables) {
                Descriptor modid;
                try {
                    modid = descriptor(mem, symbols, "_thread_db_link_map_l_tls_modid");
                } catch (TargetMemory.Fault e) {
                    Log.debug("symbol lookup: " + e.getMessage());
                    continue;
                }
                if (modid == null) {
                    continue;
                }
                Descriptor pthreadDtvp = descriptor(mem, symbols, "_thread_db_pthread_dtvp");
                Descriptor dtvDtv = descriptor(mem, symbols, "_thread_db_dtv_dtv");
                Descriptor pointerVal = descriptor(mem, symbols, "_thread_db_dtv_t_pointer_val");
                Descriptor counter = descriptor(mem, symbols, "_thread_db_dtv_t_counter");
                if (pthreadDtvp == null || dtvDtv == null || pointerVal == null || counter == null) {
                    Log.debug("the object defining _thread_db_link_map_l_tls_modid lacks other _thread_db_ descriptors");
                    return null;
                }
                GlibcDescriptors g = new GlibcDescriptors(mem, modid,
                        descriptor(mem, symbols, "_thread_db_link_map_l_tls_offset"), pthreadDtvp, dtvDtv, pointerVal,
                        counter);
                g.slotinfo = slotinfo(mem, symbols, tables);
                if (g.slotinfo == null) {
                    Log.debug("no _rtld_global or slotinfo descriptors: DTV generations are not checked");
                }
                return g;
            }
            return null;
        }

        /** _rtld_global is the dynamic linker's (ld.so exports it); its layout is libc's descriptors'. */
        private static Slotinfo slotinfo(TargetMemory mem, DynamicSymbols libc, List<DynamicSymbols> tables) {
            Descriptor list = descriptor(mem, libc, "_thread_db_rtld_global__dl_tls_dtv_slotinfo_list");
            Descriptor len = descriptor(mem, libc, "_thread_db_dtv_slotinfo_list_len");
            Descriptor next = descriptor(mem, libc, "_thread_db_dtv_slotinfo_list_next");
            Descriptor slots = descriptor(mem, libc, "_thread_db_dtv_slotinfo_list_slotinfo");
            Descriptor gen = descriptor(mem, libc, "_thread_db_dtv_slotinfo_gen");
            if (list == null || len == null || next == null || slots == null || gen == null) {
                return null;
            }
            for (DynamicSymbols symbols : tables) {
                OptionalLong rtldGlobal;
                try {
                    rtldGlobal = symbols.lookup("_rtld_global");
                } catch (TargetMemory.Fault e) {
                    continue;
                }
                if (rtldGlobal.isPresent()) {
                    return new Slotinfo(rtldGlobal.getAsLong() + list.offset, len, next, slots, gen);
                }
            }
            return null;
        }

        /** The generation of module {@code modid}'s slot, or -1 when unknown. */
        long moduleGeneration(long modid) {
            if (slotinfo == null) {
                return -1;
            }
            long list = mem.pointer(slotinfo.head());
            long index = modid;
            for (int n = 0; list != 0 && n < 1_000_000; n++) {
                long len = field(list, slotinfo.listLen());
                if (Long.compareUnsigned(index, len) < 0) {
                    long slot = list + slotinfo.listSlotinfo().offset + index * (slotinfo.listSlotinfo().bits / 8);
                    return field(slot, slotinfo.gen());
                }
                index -= len;
                list = field(list, slotinfo.listNext());
            }
            return -1;
        }

        private static Descriptor descriptor(TargetMemory mem, DynamicSymbols symbols, String name) {
            OptionalLong at = symbols.lookup(name);
            return at.isPresent() ? read(mem, at.getAsLong()) : null;
        }

        private static Descriptor read(TargetMemory mem, long at) {
            return new Descriptor(mem.u32(at), mem.u32(at + 4), mem.u32(at + 8));
        }

        /** The size of one dtv_t: the element size of the {@code dtv} array descriptor. */
        int dtvSlotSize() {
            return (int) (dtvDtv.bits / 8);
        }

        /** A scalar field of the structure at {@code base}, as wide as its descriptor says. */
        long field(long base, Descriptor d) {
            if (d.bits != 32 && d.bits != 64) {
                throw new NoAddress("descriptor of " + d.bits + " bits, expected 32 or 64");
            }
            return mem.unsigned(base + d.offset, (int) (d.bits / 8));
        }
    }
}
