package org.jgdbserver.rsp.session;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A loaded object's dynamic section, {@code .dynsym}, {@code .dynstr} and hash table
 * (DT_GNU_HASH or DT_HASH) written into a {@link FakeMemory}, the way the linker lays them
 * out: for DT_GNU_HASH the undefined symbols first (not hashed) and the others grouped by
 * bucket. Tables start at {@code base}, the dynamic section is at {@code base + 0x3000}.
 */
final class FakeElfObject {
    /** A dynamic symbol; {@code address} is its run-time address (value + bias). */
    record Sym(String name, long address, boolean defined) {
        static Sym defined(String name, long address) {
            return new Sym(name, address, true);
        }

        static Sym undefined(String name) {
            return new Sym(name, 0, false);
        }
    }

    static final long DT_NULL = 0, DT_HASH = 4, DT_STRTAB = 5, DT_SYMTAB = 6, DT_STRSZ = 10, DT_SYMENT = 11,
            DT_GNU_HASH = 0x6ffffef5L;
    private static final int NBUCKETS = 3;

    private FakeElfObject() {
    }

    /**
     * Writes the object; returns the address of its dynamic section ({@code l_ld}).
     *
     * @param relocated whether the dynamic section's address entries hold run-time addresses
     *                  (glibc's loader relocates them in place) or link-time ones (the vDSO)
     */
    static long write(FakeMemory m, long bias, long base, boolean gnuHash, boolean relocated, List<Sym> symbols) {
        int w = m.w;
        List<Sym> order = new ArrayList<>();
        symbols.stream().filter(s -> !s.defined()).forEach(order::add);
        int symoffset = 1 + order.size();
        List<Sym> hashed = new ArrayList<>(symbols.stream().filter(Sym::defined).toList());
        if (gnuHash) {
            hashed.sort(Comparator.comparingLong(s -> gnu(s.name()) % NBUCKETS));
        }
        order.addAll(hashed);

        long strtab = base, symtab = base + 0x1000, hash = base + 0x2000, dynamic = base + 0x3000;
        StringBuilder strings = new StringBuilder("\0");
        long[] nameAt = new long[order.size()];
        for (int i = 0; i < order.size(); i++) {
            nameAt[i] = strings.length();
            strings.append(order.get(i).name()).append('\0');
        }
        m.put(strtab, strings.toString().getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));

        int symSize = w == 8 ? 24 : 16;
        m.zero(symtab, symSize); // symbol 0
        for (int i = 0; i < order.size(); i++) {
            Sym s = order.get(i);
            long at = symtab + (long) (i + 1) * symSize;
            long value = s.defined() ? s.address() - bias : 0;
            int shndx = s.defined() ? 16 : 0;
            m.zero(at, symSize);
            m.u32(at, nameAt[i]);
            if (w == 8) {
                m.le(at + 4, 0x11, 1).u16(at + 6, shndx).le(at + 8, value, 8);
            } else {
                m.u32(at + 4, value).le(at + 12, 0x11, 1).u16(at + 14, shndx);
            }
        }

        if (gnuHash) {
            long[] bucket = new long[NBUCKETS];
            m.u32(hash, NBUCKETS).u32(hash + 4, symoffset).u32(hash + 8, 1).u32(hash + 12, 6);
            m.le(hash + 16, -1L, w); // bloom filter: everything may be there
            long buckets = hash + 16 + w;
            long chain = buckets + 4L * NBUCKETS;
            for (int i = 0; i < hashed.size(); i++) {
                long h = gnu(hashed.get(i).name());
                int b = (int) (h % NBUCKETS);
                if (bucket[b] == 0) {
                    bucket[b] = symoffset + i;
                }
                boolean last = i + 1 == hashed.size() || gnu(hashed.get(i + 1).name()) % NBUCKETS != b;
                m.u32(chain + 4L * i, last ? h | 1 : h & ~1L);
            }
            for (int b = 0; b < NBUCKETS; b++) {
                m.u32(buckets + 4L * b, bucket[b]);
            }
        } else {
            int nchain = order.size() + 1;
            long[] bucket = new long[NBUCKETS];
            long[] next = new long[nchain];
            for (int i = 1; i < nchain; i++) {
                int b = (int) (DynamicSymbols.elfHash(order.get(i - 1).name().getBytes()) % NBUCKETS);
                next[i] = bucket[b];
                bucket[b] = i;
            }
            m.u32(hash, NBUCKETS).u32(hash + 4, nchain);
            for (int b = 0; b < NBUCKETS; b++) {
                m.u32(hash + 8 + 4L * b, bucket[b]);
            }
            for (int i = 0; i < nchain; i++) {
                m.u32(hash + 8 + 4L * NBUCKETS + 4L * i, next[i]);
            }
        }

        long adjust = relocated ? 0 : bias;
        long[][] entries = {
            {DT_STRTAB, strtab - adjust}, {DT_SYMTAB, symtab - adjust}, {DT_STRSZ, strings.length()},
            {DT_SYMENT, symSize}, {gnuHash ? DT_GNU_HASH : DT_HASH, hash - adjust}, {DT_NULL, 0}};
        for (int i = 0; i < entries.length; i++) {
            m.word(dynamic + 2L * w * i, entries[i][0]).word(dynamic + 2L * w * i + w, entries[i][1]);
        }
        return dynamic;
    }

    private static long gnu(String name) {
        return DynamicSymbols.gnuHash(name.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
    }
}
