package org.jgdbserver.rsp.session;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The qXfer:libraries-svr4 document from a process image laid out as the kernel and glibc's
 * dynamic linker leave it: auxv -> program headers -> PT_DYNAMIC -> DT_DEBUG -> r_debug ->
 * link_map chain. The expected texts are gdbserver 13's.
 */
class Svr4LibrariesTest {
    private static final int PT_LOAD = 1, PT_DYNAMIC = 2, PT_PHDR = 6;
    private static final long BIAS = 0x5555_5555_4000L;

    /** A PIE program (load bias BIAS) with two libraries after it; r_debug at RDEBUG. */
    private static final class Image {
        final int w;
        final FakeMemory m;
        final long rDebug, lm0, lm1, lm2;
        final long phdr, dynamic;
        byte[] auxv;

        Image(int w) {
            this.w = w;
            m = new FakeMemory(w);
            long bias = w == 8 ? BIAS : 0x5655_5000L;
            phdr = bias + (w == 8 ? 64 : 52);
            dynamic = bias + 0x2d00;
            rDebug = w == 8 ? 0x7fff_f7ff_e118L : 0xf7ff_d964L;
            lm0 = w == 8 ? 0x7fff_f7ff_e2e0L : 0xf7ff_da50L;
            lm1 = lm0 + 0x1000;
            lm2 = lm0 + 0x2000;
            // program headers: PT_PHDR (p_vaddr = its own link-time address), PT_LOAD, PT_DYNAMIC
            int[] types = {PT_PHDR, PT_LOAD, PT_DYNAMIC};
            long[] vaddrs = {phdr - bias, 0, dynamic - bias};
            int size = w == 8 ? 56 : 32;
            for (int i = 0; i < types.length; i++) {
                long at = phdr + (long) i * size;
                m.zero(at, size).u32(at, types[i]).word(at + (w == 8 ? 16 : 8), vaddrs[i]);
            }
            auxv = auxv(w, 6, 4096, 3, phdr, 4, size, 5, types.length, 0, 0);
            dynamic(1, 0x1234, 21, rDebug, 0, 0); // DT_NEEDED, DT_DEBUG, DT_NULL
            m.u32(rDebug, 1).zero(rDebug + 4, 4).word(rDebug + w, lm0);
            linkMap(lm0, bias, 0, dynamic, lm1, 0);
            linkMap(lm1, 0x7fff_f7dd_4000L & mask(), lm1 + 0x100, 0x7fff_f7fa_6b60L & mask(), lm2, lm0);
            m.string(lm1 + 0x100, "/lib/x86_64-linux-gnu/libc.so.6");
            linkMap(lm2, 0x7fff_f7fc_a000L & mask(), lm2 + 0x100, 0x7fff_f7ff_ce40L & mask(), 0, lm1);
            m.string(lm2 + 0x100, "/opt/a&b/\"<x>'.so");
            m.string(lm0 + 0x800, ""); // the program's l_name: ""
            m.word(lm0 + w, lm0 + 0x800);
        }

        long mask() {
            return w == 8 ? -1L : 0xffff_ffffL;
        }

        void dynamic(long... tagValue) {
            for (int i = 0; i < tagValue.length; i++) {
                m.word(dynamic + (long) i * w, tagValue[i]);
            }
        }

        void linkMap(long lm, long lAddr, long lName, long lLd, long lNext, long lPrev) {
            m.word(lm, lAddr).word(lm + w, lName).word(lm + 2L * w, lLd).word(lm + 3L * w, lNext)
                    .word(lm + 4L * w, lPrev);
        }

        Svr4Libraries libraries() {
            return new Svr4Libraries(m.memory(), auxv);
        }

        String lib(long lm, String name, long lmid) {
            return "<library name=\"" + name + "\" lm=\"0x" + Long.toHexString(lm) + "\" l_addr=\"0x"
                    + Long.toHexString(m.memory().pointer(lm)) + "\" l_ld=\"0x"
                    + Long.toHexString(m.memory().pointer(lm + 2L * w)) + "\" lmid=\"0x" + Long.toHexString(lmid) + "\"/>";
        }

        String libc() {
            return lib(lm1, "/lib/x86_64-linux-gnu/libc.so.6", rDebug);
        }

        String odd() {
            return lib(lm2, "/opt/a&amp;b/&quot;&lt;x&gt;&apos;.so", rDebug);
        }
    }

    static byte[] auxv(int w, long... typeValue) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (long v : typeValue) {
            for (int i = 0; i < w; i++) {
                out.write((int) (v >>> (8 * i)));
            }
        }
        return out.toByteArray();
    }

    @ParameterizedTest(name = "{0}-byte pointers")
    @ValueSource(ints = {8, 4})
    void listsTheLibrariesAfterTheProgramWithMainLmAndNamespace(int w) {
        Image img = new Image(w);
        assertEquals(img.rDebug, img.libraries().rDebug());
        assertEquals("<library-list-svr4 version=\"1.0\" main-lm=\"0x" + Long.toHexString(img.lm0) + "\">"
                + img.libc() + img.odd() + "</library-list-svr4>", img.libraries().document(""));
    }

    @ParameterizedTest(name = "{0}-byte pointers")
    @ValueSource(ints = {8, 4})
    void beforeTheDynamicLinkerSetDtDebugTheListIsEmpty(int w) {
        Image img = new Image(w);
        img.dynamic(1, 0x1234, 21, 0, 0, 0);
        assertEquals(0, img.libraries().rDebug());
        assertEquals("<library-list-svr4 version=\"1.0\"></library-list-svr4>", img.libraries().document(""));
        assertEquals(List.of(), img.libraries().objects());
    }

    @Test
    void aProgramWithoutDtDebugGetsNoDocument() {
        Image img = new Image(8);
        img.dynamic(1, 0x1234, 0, 0); // DT_NEEDED, DT_NULL
        assertEquals(Svr4Libraries.NO_DT_DEBUG, img.libraries().rDebug());
        assertNull(img.libraries().document(""));
    }

    @Test
    void aProgramWithoutPtPhdrGetsNoDocument() {
        Image img = new Image(8);
        img.m.u32(img.phdr, PT_LOAD); // the PT_PHDR entry is gone: the bias is unknown
        assertNull(img.libraries().document(""));
    }

    @Test
    void aProgramWithoutAuxvEntriesGetsNoDocument() {
        Image img = new Image(8);
        img.auxv = auxv(8, 6, 4096, 0, 0);
        assertNull(img.libraries().document(""));
    }

    @Test
    void theAugmentedFormListsFromStartOnWithoutMainLm() {
        Image img = new Image(8);
        String annex = "lmid=" + Long.toHexString(img.rDebug) + ";start=" + Long.toHexString(img.lm1) + ";prev="
                + Long.toHexString(img.lm0);
        assertEquals("<library-list-svr4 version=\"1.0\">" + img.libc() + img.odd() + "</library-list-svr4>",
                img.libraries().document(annex));
        // the order of the pairs does not matter, unknown ones are ignored
        assertEquals("<library-list-svr4 version=\"1.0\">" + img.odd() + "</library-list-svr4>",
                img.libraries().document("prev=" + Long.toHexString(img.lm1) + ";x=1;start=" + Long.toHexString(img.lm2)
                        + ";lmid=" + Long.toHexString(img.rDebug)));
        // a prev that is not the entry's l_prev: the list changed under gdb, nothing to report
        assertEquals("<library-list-svr4 version=\"1.0\"></library-list-svr4>",
                img.libraries().document("start=" + Long.toHexString(img.lm2) + ";prev=" + Long.toHexString(img.lm0)));
    }

    @Test
    void aCorruptedChainStopsWhereLPrevDoesNotMatch() {
        Image img = new Image(8);
        img.m.word(img.lm2 + 4L * 8, 0xdead0);
        assertEquals("<library-list-svr4 version=\"1.0\" main-lm=\"0x" + Long.toHexString(img.lm0) + "\">" + img.libc()
                + "</library-list-svr4>", img.libraries().document(""));
    }

    @Test
    void anUnreadableLinkMapEndsTheList() {
        Image img = new Image(8);
        img.m.word(img.lm1 + 3L * 8, 0x1000); // l_next into nothing
        assertEquals("<library-list-svr4 version=\"1.0\" main-lm=\"0x" + Long.toHexString(img.lm0) + "\">" + img.libc()
                + "</library-list-svr4>", img.libraries().document(""));
    }

    @Test
    void aSecondNamespaceIsListedWithItsOwnLmidAndItsFirstEntry() {
        Image img = new Image(8);
        long ns2 = 0x7fff_f000_0000L, lm3 = ns2 + 0x100;
        img.m.u32(img.rDebug, 2).word(img.rDebug + 5L * 8, ns2); // r_version 2: r_next
        img.m.u32(ns2, 2).zero(ns2 + 4, 4).word(ns2 + 8, lm3).word(ns2 + 40, 0);
        img.linkMap(lm3, 0x7fff_e000_0000L, lm3 + 0x100, 0x7fff_e000_2000L, 0, 0);
        img.m.string(lm3 + 0x100, "/usr/lib/dlmopened.so");
        assertEquals("<library-list-svr4 version=\"1.0\" main-lm=\"0x" + Long.toHexString(img.lm0) + "\">" + img.libc()
                + img.odd() + img.lib(lm3, "/usr/lib/dlmopened.so", ns2) + "</library-list-svr4>",
                img.libraries().document(""));
        List<Svr4Libraries.LinkMap> all = img.libraries().objects();
        assertEquals(List.of(img.lm0, img.lm1, img.lm2, lm3), all.stream().map(Svr4Libraries.LinkMap::lm).toList());
        assertEquals("", all.get(0).name());
    }

    @Test
    void anUnexpectedRDebugVersionMeansNoLibraries() {
        Image img = new Image(8);
        img.m.u32(img.rDebug, 0);
        assertEquals("<library-list-svr4 version=\"1.0\"></library-list-svr4>", img.libraries().document(""));
    }
}
