package org.jgdbserver.rsp.session;

import org.jgdbserver.rsp.session.FakeElfObject.Sym;
import org.jgdbserver.rsp.session.ThreadLocalStorage.Descriptor;
import org.jgdbserver.rsp.session.ThreadLocalStorage.GlibcDescriptors;
import org.jgdbserver.rsp.session.ThreadLocalStorage.NoAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * qGetTLSAddr's arithmetic over a thread laid out as glibc lays it out: the TCB at the thread
 * pointer with the DTV pointer in it, the DTV (length at [-1], generation at [0], a block or
 * TLS_DTV_UNALLOCATED per module), link maps with l_tls_modid and l_tls_offset where glibc's
 * descriptors (Debian 12's glibc 2.36 values) say.
 */
class ThreadLocalStorageAddressTest {
    // _thread_db_* descriptors of glibc 2.36: {bits, count, offset}
    private static final Descriptor[] AMD64 = {
        new Descriptor(64, 1, 1152), new Descriptor(64, 1, 1144), new Descriptor(64, 1, 8),
        new Descriptor(128, 134217727, 0), new Descriptor(64, 1, 0), new Descriptor(64, 1, 0)};
    private static final Descriptor[] I386 = {
        new Descriptor(32, 1, 616), new Descriptor(32, 1, 612), new Descriptor(32, 1, 4),
        new Descriptor(64, 268435455, 0), new Descriptor(32, 1, 0), new Descriptor(32, 1, 0)};
    // _rtld_global._dl_tls_dtv_slotinfo_list, and its list's len, next, slotinfo[], slot's gen
    private static final Descriptor[] AMD64_SLOTINFO = {
        new Descriptor(64, 1, 4208), new Descriptor(64, 1, 0), new Descriptor(64, 1, 8),
        new Descriptor(128, 0, 16), new Descriptor(64, 1, 0)};
    private static final Descriptor[] I386_SLOTINFO = {
        new Descriptor(32, 1, 2300), new Descriptor(32, 1, 0), new Descriptor(32, 1, 4),
        new Descriptor(64, 0, 8), new Descriptor(32, 1, 0)};

    /** One thread: TCB at TP, DTV with 4 slots; module 1 the program, module 2 a library at LM. */
    private static final class Thread {
        final int w;
        final FakeMemory m;
        final long tp, dtv, lm;
        final Descriptor[] d;

        Thread(int w) {
            this.w = w;
            this.m = new FakeMemory(w);
            this.d = w == 8 ? AMD64 : I386;
            tp = w == 8 ? 0x7fff_f75c_f6c0L : 0xf7d8_b740L;
            long slot = 2L * w;
            long dtvArray = w == 8 ? 0x4052_a0L : 0x0804_c1a0L;
            dtv = dtvArray + slot; // the TCB points at dtv[0]; dtv[-1] is before it
            lm = w == 8 ? 0x7fff_f7fc_0200L : 0xf7fb_f4b0L;
            m.word(tp, tp).word(tp + w, dtv).word(tp + 2L * w, tp); // tcb, dtv, self
            m.zero(dtvArray, (int) slot * 6);
            m.word(dtv - slot, 4); // length
            m.word(dtv, 3); // generation
            module(1, 0x7fff_f75c_f6b0L);
            module(2, 0x7fff_f75c_f600L);
            m.zero(lm, 1200);
            m.word(lm + d[0].offset(), 2); // l_tls_modid
            m.word(lm + d[1].offset(), 0xc0); // l_tls_offset
            // two slotinfo arrays of 2 slots each: modules 0-1, then 2-3; all of generation 1
            s = w == 8 ? AMD64_SLOTINFO : I386_SLOTINFO;
            rtldGlobal = w == 8 ? 0x7fff_f7ff_d000L : 0xf7ff_c000L;
            long first = rtldGlobal + 0x2000, second = rtldGlobal + 0x3000;
            m.zero(rtldGlobal, 0x4000);
            m.word(rtldGlobal + s[0].offset(), first);
            m.word(first + s[1].offset(), 2).word(first + s[2].offset(), second);
            m.word(second + s[1].offset(), 2).word(second + s[2].offset(), 0);
            for (int id = 0; id < 4; id++) {
                generation(id, 1);
            }
        }

        final Descriptor[] s;
        final long rtldGlobal;

        /** The generation of module {@code id}'s slot in the dynamic linker's slotinfo list. */
        void generation(int id, long gen) {
            long list = rtldGlobal + (id < 2 ? 0x2000 : 0x3000);
            long slot = list + s[3].offset() + (id % 2) * (s[3].bits() / 8);
            m.word(slot + s[4].offset(), gen);
        }

        void module(int id, long block) {
            m.word(dtv + 2L * w * id, block & (w == 8 ? -1L : 0xffff_ffffL));
        }

        GlibcDescriptors glibc() {
            GlibcDescriptors g = new GlibcDescriptors(m.memory(), d[0], d[1], d[2], d[3], d[4], d[5]);
            g.slotinfo = new ThreadLocalStorage.Slotinfo(rtldGlobal + s[0].offset(), s[1], s[2], s[3], s[4]);
            return g;
        }

        long address(long lm, long offset) {
            return ThreadLocalStorage.address(m.memory(), glibc(), tp, lm, offset);
        }

        long mask(long v) {
            return w == 8 ? v : v & 0xffff_ffffL;
        }
    }

    @ParameterizedTest(name = "{0}-byte pointers")
    @ValueSource(ints = {8, 4})
    void theBlockOfTheModuleTheLinkMapNamesFromTheThreadsDtv(int w) {
        Thread t = new Thread(w);
        assertEquals(t.mask(0x7fff_f75c_f600L) + 0x18, t.address(t.lm, 0x18));
    }

    @ParameterizedTest(name = "{0}-byte pointers")
    @ValueSource(ints = {8, 4})
    void linkMapZeroIsModuleOneTheStaticProgram(int w) {
        Thread t = new Thread(w);
        assertEquals(t.mask(0x7fff_f75c_f6b0L) + 8, t.address(0, 8));
        // without glibc's descriptors (a static program has no dynamic symbols): glibc's fixed layout
        assertEquals(t.mask(0x7fff_f75c_f6b0L) + 8, ThreadLocalStorage.address(t.m.memory(), null, t.tp, 0, 8));
    }

    @ParameterizedTest(name = "{0}-byte pointers")
    @ValueSource(ints = {8, 4})
    void anUnallocatedSlotFallsBackToStaticTlsBelowTheThreadPointer(int w) {
        Thread t = new Thread(w);
        t.module(2, -1); // TLS_DTV_UNALLOCATED
        assertEquals(t.tp - 0xc0 + 4, t.address(t.lm, 4));
    }

    @ParameterizedTest(name = "{0}-byte pointers")
    @ValueSource(ints = {8, 4})
    void anUnallocatedSlotWithoutStaticTlsHasNoAddressYet(int w) {
        Thread t = new Thread(w);
        t.module(2, -1);
        t.m.word(t.lm + t.d[1].offset(), 0); // NO_TLS_OFFSET
        assertThrows(NoAddress.class, () -> t.address(t.lm, 4));
        t.m.word(t.lm + t.d[1].offset(), -1); // FORCED_DYNAMIC_TLS_OFFSET
        assertThrows(NoAddress.class, () -> t.address(t.lm, 4));
    }

    @ParameterizedTest(name = "{0}-byte pointers")
    @ValueSource(ints = {8, 4})
    void aDtvOlderThanTheModuleIsNotTrustedForIt(int w) {
        Thread t = new Thread(w);
        t.generation(2, 3); // the DTV's generation is 3 too: current
        assertEquals(t.mask(0x7fff_f75c_f600L), t.address(t.lm, 0));
        t.generation(2, 4); // a module loaded after the thread last updated its DTV: the slot may be stale
        assertEquals(t.tp - 0xc0, t.address(t.lm, 0));
        t.m.word(t.lm + t.d[1].offset(), -1);
        assertThrows(NoAddress.class, () -> t.address(t.lm, 0));
        t.generation(1, 9); // lm 0 is module 1 of a static program: no slotinfo to consult
        assertEquals(t.mask(0x7fff_f75c_f6b0L), t.address(0, 0));
    }

    @Test
    void aModuleBeyondTheDtvsLengthIsNotInTheDtv() {
        Thread t = new Thread(8);
        t.m.word(t.lm + t.d[0].offset(), 9); // module 9, DTV of 4 slots
        assertEquals(t.tp - 0xc0, t.address(t.lm, 0)); // static TLS still
        t.m.word(t.lm + t.d[1].offset(), 0);
        assertThrows(NoAddress.class, () -> t.address(t.lm, 0));
    }

    @Test
    void aLinkMapWithoutTlsHasNoAddress() {
        Thread t = new Thread(8);
        t.m.word(t.lm + t.d[0].offset(), 0);
        assertThrows(NoAddress.class, () -> t.address(t.lm, 0));
    }

    @Test
    void noThreadPointerOrNoDtvYetHasNoAddress() {
        Thread t = new Thread(8);
        assertThrows(NoAddress.class, () -> ThreadLocalStorage.address(t.m.memory(), t.glibc(), 0, t.lm, 0));
        t.m.word(t.tp + 8, 0);
        assertThrows(NoAddress.class, () -> t.address(t.lm, 0));
    }

    @Test
    void aLibraryWithoutGlibcsDescriptorsHasNoAddress() {
        Thread t = new Thread(8);
        assertThrows(NoAddress.class, () -> ThreadLocalStorage.address(t.m.memory(), null, t.tp, t.lm, 0));
    }

    @Test
    void unreadableMemoryIsAFault() {
        Thread t = new Thread(8);
        assertThrows(TargetMemory.Fault.class, () -> t.address(0x1000, 0));
    }

    @ParameterizedTest(name = "{0}-byte pointers")
    @ValueSource(ints = {8, 4})
    void theDescriptorsComeFromTheFirstLoadedObjectThatDefinesThem(int w) {
        FakeMemory m = new FakeMemory(w);
        long base = w == 8 ? 0x7fff_f7dd_4000L : 0xf7d8_d000L;
        Descriptor[] d = w == 8 ? AMD64 : I386;
        Descriptor[] s = w == 8 ? AMD64_SLOTINFO : I386_SLOTINFO;
        String[] names = {"_thread_db_link_map_l_tls_modid", "_thread_db_link_map_l_tls_offset", "_thread_db_pthread_dtvp",
            "_thread_db_dtv_dtv", "_thread_db_dtv_t_pointer_val", "_thread_db_dtv_t_counter",
            "_thread_db_rtld_global__dl_tls_dtv_slotinfo_list", "_thread_db_dtv_slotinfo_list_len",
            "_thread_db_dtv_slotinfo_list_next", "_thread_db_dtv_slotinfo_list_slotinfo", "_thread_db_dtv_slotinfo_gen"};
        List<Sym> syms = new ArrayList<>(List.of(Sym.defined("printf", base + 0x50000)));
        for (int i = 0; i < names.length; i++) {
            long at = base + 0x191000 + 16L * i;
            Descriptor x = i < d.length ? d[i] : s[i - d.length];
            syms.add(Sym.defined(names[i], at));
            m.u32(at, x.bits()).u32(at + 4, x.count()).u32(at + 8, x.offset());
        }
        long libcDynamic = FakeElfObject.write(m, base, base + 0x1000, true, true, syms);
        long otherBase = base - 0x100000;
        long rtldGlobal = otherBase + 0x30000;
        long otherDynamic = FakeElfObject.write(m, otherBase, otherBase + 0x1000, false, false,
                List.of(Sym.defined("ld_thing", otherBase + 0x20), Sym.defined("_rtld_global", rtldGlobal)));
        List<Svr4Libraries.LinkMap> objects = List.of(
                new Svr4Libraries.LinkMap(0x1000, 0, 0, 0, 0x7000, ""), // the program: no dynamic section here
                new Svr4Libraries.LinkMap(0x2000, otherBase, 0, otherDynamic, 0x7000, "/lib/other.so"),
                new Svr4Libraries.LinkMap(0x3000, base, 0, libcDynamic, 0x7000, "/lib/libc.so.6"));
        GlibcDescriptors g = GlibcDescriptors.find(m.memory(), objects);
        assertNotNull(g);
        assertEquals(d[0], g.lTlsModid);
        assertEquals(d[1], g.lTlsOffset);
        assertEquals(d[2], g.pthreadDtvp);
        assertEquals(2 * w, g.dtvSlotSize());
        assertEquals(new ThreadLocalStorage.Slotinfo(rtldGlobal + s[0].offset(), s[1], s[2], s[3], s[4]), g.slotinfo);
        assertNull(GlibcDescriptors.find(m.memory(), objects.subList(0, 2)));
        // without the dynamic linker's _rtld_global: no generation check, the rest still works
        assertNull(GlibcDescriptors.find(m.memory(), List.of(objects.get(2))).slotinfo);
    }
}
