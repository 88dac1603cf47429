package org.jgdbserver.rsp.session;

import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;

/**
 * Looks names up in the dynamic symbol table of one loaded object, in the inferior's memory,
 * the way the dynamic linker does: through its dynamic section ({@code l_ld} of its link map)
 * to {@code DT_SYMTAB}, {@code DT_STRTAB} and the hash table, {@code DT_GNU_HASH} or else
 * {@code DT_HASH} (System V ABI, "Hash Table"; the GNU hash layout as binutils and glibc
 * define it). {@code .dynsym} and {@code .dynstr} sit in a loadable segment, so no file needs
 * to be opened and what is found is what the process runs.
 *
 * <p>glibc's dynamic linker relocates the address entries of each dynamic section in place
 * (elf/get-dynamic-info.h) except on a few architectures, and never those of the vDSO; an
 * entry below the object's load bias has not been relocated and gets the bias added.
 */
final class DynamicSymbols {
    // elf.h
    private static final long DT_NULL = 0, DT_HASH = 4, DT_STRTAB = 5, DT_SYMTAB = 6, DT_STRSZ = 10,
            DT_GNU_HASH = 0x6ffffef5L;
    private static final int MAX_DYNAMIC = 4096;
    /** No bucket chain is this long in a real table: the guard against a corrupt one. */
    private static final int MAX_CHAIN = 1 << 20;

    private final TargetMemory mem;
    private final long bias;
    private final int w;
    private long symtab, strtab, strsz = -1, gnuHash, sysvHash;

    private DynamicSymbols(TargetMemory mem, long bias) {
        this.mem = mem;
        this.bias = bias;
        this.w = mem.pointerSize();
    }

    /**
     * The symbol table of the object loaded at {@code bias} ({@code l_addr}) whose dynamic
     * section is at {@code dynamic} ({@code l_ld}); null when it has none we can use.
     */
    static DynamicSymbols of(TargetMemory mem, long bias, long dynamic) {
        if (dynamic == 0) {
            return null;
        }
        DynamicSymbols s = new DynamicSymbols(mem, bias);
        for (int i = 0; i < MAX_DYNAMIC; i++) {
            long at = dynamic + (long) i * 2 * s.w;
            long tag = mem.signedWord(at);
            if (tag == DT_NULL) {
                break;
            }
            long value = mem.pointer(at + s.w);
            if (tag == DT_SYMTAB) {
                s.symtab = s.relocated(value);
            } else if (tag == DT_STRTAB) {
                s.strtab = s.relocated(value);
            } else if (tag == DT_STRSZ) {
                s.strsz = value;
            } else if (tag == DT_GNU_HASH) {
                s.gnuHash = s.relocated(value);
            } else if (tag == DT_HASH) {
                s.sysvHash = s.relocated(value);
            }
        }
        if (s.symtab == 0 || s.strtab == 0 || (s.gnuHash == 0 && s.sysvHash == 0)) {
            return null;
        }
        return s;
    }

    private long relocated(long dPtr) {
        return Long.compareUnsigned(dPtr, bias) < 0 ? (dPtr + bias) & mem.pointerMask() : dPtr;
    }

    /** The run-time address of the defined symbol {@code name}, if the object has one. */
    OptionalLong lookup(String name) {
        byte[] wanted = name.getBytes(StandardCharsets.ISO_8859_1);
        return gnuHash != 0 ? gnuLookup(wanted) : sysvLookup(wanted);
    }

    private OptionalLong gnuLookup(byte[] name) {
        // Header: nbuckets, symoffset, bloom_size, bloom_shift (4 bytes each); the bloom filter
        // (bloom_size words of the ELF class); the buckets; the hash chain from symoffset on.
        long nbuckets = mem.u32(gnuHash);
        long symoffset = mem.u32(gnuHash + 4);
        long bloomSize = mem.u32(gnuHash + 8);
        if (nbuckets == 0) {
            return OptionalLong.empty();
        }
        long buckets = gnuHash + 16 + bloomSize * w;
        long chain = buckets + 4 * nbuckets;
        long h = gnuHash(name);
        long index = mem.u32(buckets + 4 * Long.remainderUnsigned(h, nbuckets));
        if (index == 0 || index < symoffset) {
            return OptionalLong.empty();
        }
        for (int n = 0; n < MAX_CHAIN; n++, index++) {
            long h2 = mem.u32(chain + 4 * (index - symoffset));
            if ((h | 1) == (h2 | 1)) {
                OptionalLong v = match(index, name);
                if (v.isPresent()) {
                    return v;
                }
            }
            if ((h2 & 1) != 0) {
                break; // the last entry of this bucket's chain
            }
        }
        return OptionalLong.empty();
    }

    private OptionalLong sysvLookup(byte[] name) {
        // nbucket, nchain, bucket[nbucket], chain[nchain]; 4-byte words on both ELF classes here.
        long nbucket = mem.u32(sysvHash);
        if (nbucket == 0) {
            return OptionalLong.empty();
        }
        long buckets = sysvHash + 8;
        long chain = buckets + 4 * nbucket;
        long index = mem.u32(buckets + 4 * Long.remainderUnsigned(elfHash(name), nbucket));
        for (int n = 0; index != 0 && n < MAX_CHAIN; n++) {
            OptionalLong v = match(index, name);
            if (v.isPresent()) {
                return v;
            }
            index = mem.u32(chain + 4 * index);
        }
        return OptionalLong.empty();
    }

    /** The value of symbol {@code index} if it is named {@code name} and defined. */
    private OptionalLong match(long index, byte[] name) {
        // Elf64_Sym: st_name(4) st_info st_other st_shndx(2) st_value(8) st_size(8), 24 bytes;
        // Elf32_Sym: st_name(4) st_value(4) st_size(4) st_info st_other st_shndx(2), 16 bytes.
        long sym = symtab + index * (w == 8 ? 24 : 16);
        long stName = mem.u32(sym);
        long shndx = mem.u16(sym + (w == 8 ? 6 : 14));
        if (shndx == 0) {
            return OptionalLong.empty(); // SHN_UNDEF: a reference, not a definition
        }
        if (strsz >= 0 && stName + name.length >= strsz) {
            return OptionalLong.empty();
        }
        byte[] found = mem.bytes(strtab + stName, name.length + 1);
        for (int i = 0; i < name.length; i++) {
            if (found[i] != name[i]) {
                return OptionalLong.empty();
            }
        }
        if (found[name.length] != 0) {
            return OptionalLong.empty();
        }
        long value = mem.pointer(sym + (w == 8 ? 8 : 4));
        return OptionalLong.of((value + bias) & mem.pointerMask());
    }

    /** The GNU hash of a name: h = h * 33 + c from 5381, in 32 bits. */
    static long gnuHash(byte[] name) {
        int h = 5381;
        for (byte b : name) {
            h = h * 33 + (b & 0xff);
        }
        return h & 0xffffffffL;
    }

    /** The System V ABI's ELF hash of a name. */
    static long elfHash(byte[] name) {
        long h = 0;
        for (byte b : name) {
            h = (h << 4) + (b & 0xff);
            long g = h & 0xf0000000L;
            if (g != 0) {
                h ^= g >>> 24;
            }
            h &= ~g;
        }
        return h & 0xffffffffL;
    }
}
