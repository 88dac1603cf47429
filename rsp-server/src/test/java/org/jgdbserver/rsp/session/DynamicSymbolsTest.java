package org.jgdbserver.rsp.session;

import org.jgdbserver.rsp.session.FakeElfObject.Sym;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.OptionalLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Symbol lookup through an object's dynamic section, GNU and System V hash tables, both ELF classes. */
class DynamicSymbolsTest {
    private static final List<Sym> SYMBOLS = List.of(
            Sym.undefined("malloc"),
            Sym.defined("_thread_db_link_map_l_tls_modid", 0x7f00_0019_19b0L),
            Sym.defined("_thread_db_pthread_dtvp", 0x7f00_0019_1a30L),
            Sym.defined("printf", 0x7f00_0005_0000L),
            Sym.defined("a", 0x7f00_0000_1000L),
            Sym.defined("b", 0x7f00_0000_2000L),
            Sym.defined("c", 0x7f00_0000_3000L),
            Sym.undefined("_thread_db_sizeof_pthread"));

    @ParameterizedTest(name = "{0}-bit, GNU hash {1}, relocated {2}")
    @CsvSource({"64, true, true", "64, true, false", "64, false, true", "32, true, true", "32, false, false"})
    void findsEveryDefinedSymbolAndNothingElse(int bits, boolean gnu, boolean relocated) {
        int w = bits / 8;
        long bias = w == 8 ? 0x7f00_0000_0000L : 0xf7d0_0000L;
        List<Sym> syms = SYMBOLS.stream()
                .map(s -> s.defined() ? Sym.defined(s.name(), bias + (s.address() & 0xffffff)) : s).toList();
        FakeMemory m = new FakeMemory(w);
        long dynamic = FakeElfObject.write(m, bias, bias + 0x10_000, gnu, relocated, syms);
        DynamicSymbols table = DynamicSymbols.of(m.memory(), bias, dynamic);
        for (Sym s : syms) {
            OptionalLong found = table.lookup(s.name());
            if (s.defined()) {
                assertEquals(OptionalLong.of(s.address()), found, s.name());
            } else {
                assertEquals(OptionalLong.empty(), found, s.name() + " is only referenced");
            }
        }
        for (String missing : List.of("", "free", "printf_", "_thread_db_link_map", "d")) {
            assertEquals(OptionalLong.empty(), table.lookup(missing), missing);
        }
    }

    @Test
    void anObjectWithoutSymbolTableHasNone() {
        FakeMemory m = new FakeMemory(8);
        m.word(0x5000, FakeElfObject.DT_STRTAB).word(0x5008, 0x6000).word(0x5010, 0).word(0x5018, 0);
        assertNull(DynamicSymbols.of(m.memory(), 0, 0x5000));
        assertNull(DynamicSymbols.of(m.memory(), 0, 0));
    }

    @Test
    void hashFunctionsAgreeWithTheirDefinitions() {
        // glibc's dl_new_hash and the System V ABI's elf_hash; both functions found printf through
        // the DT_GNU_HASH and DT_HASH tables of Debian 12's libc.so.6
        assertEquals(0x1505L, DynamicSymbols.gnuHash(new byte[0]));
        assertEquals(0x156b2bb8L, DynamicSymbols.gnuHash("printf".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(0L, DynamicSymbols.elfHash(new byte[0]));
        assertEquals(0x077905a6L, DynamicSymbols.elfHash("printf".getBytes(StandardCharsets.ISO_8859_1)));
    }
}
