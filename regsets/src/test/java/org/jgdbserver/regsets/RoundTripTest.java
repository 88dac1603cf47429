package org.jgdbserver.regsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RoundTripTest {

    static Stream<Arguments> layouts() {
        return Stream.of(
                Arguments.of("amd64 AMD avx512", Amd64Linux.layout(Fixtures.amdZen4())),
                Arguments.of("amd64 Intel all", Amd64Linux.layout(XsaveLayout.intelStandard(0x2ff))),
                Arguments.of("amd64 fxsave", Amd64Linux.layout(null)),
                Arguments.of("i386 compat AMD", I386Linux.layout(Fixtures.amdZen4Pkru())),
                Arguments.of("i386 compat fxsave", I386Linux.layout(null)),
                Arguments.of("i386 amd64-form", I386Linux.layout(XsaveLayout.intelStandard(0x7),
                        I386Linux.GregsForm.AMD64_FORM)),
                Arguments.of("aarch64 basic", Aarch64Linux.layout(Aarch64Linux.Options.basic())),
                Arguments.of("aarch64 all",
                        Aarch64Linux.layout(new Aarch64Linux.Options(true, true, 2))));
    }

    /** regset bytes -> g -> regset bytes is the identity, and touches nothing. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void regsetToGAndBackIsIdentity(String name, TargetLayout layout) {
        for (long seed = 1; seed <= 20; seed++) {
            Fixtures.FakeKernel kernel = Fixtures.randomKernel(layout, seed);
            RegisterCodec codec = new RegisterCodec(layout);
            GPacket g = codec.readAll(new RegsetBuffers(kernel));
            assertEquals(layout.registerCount(), g.available().cardinality());

            RegsetBuffers target = new RegsetBuffers(kernel);
            BitSet failed = codec.writeAll(g, target);
            assertTrue(failed.isEmpty(), "failed " + failed);
            assertTrue(target.dirty().isEmpty(), name + " seed " + seed + ": dirty "
                    + target.dirty().keySet());
            for (Regset r : layout.regsets()) {
                assertArrayEquals(kernel.regsets.get(r), target.get(r), r.name());
            }
        }
    }

    /** g -> regset -> g keeps every bit the kernel can hold. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void gToRegsetAndBackKeepsValues(String name, TargetLayout layout) {
        Random rnd = new Random(42);
        RegisterCodec codec = new RegisterCodec(layout);
        for (int round = 0; round < 20; round++) {
            byte[] raw = new byte[layout.gPacketSize()];
            rnd.nextBytes(raw);
            BitSet all = new BitSet();
            all.set(0, layout.registerCount());
            GPacket want = new GPacket(layout, raw, all);

            RegsetBuffers regs = new RegsetBuffers(Fixtures.randomKernel(layout, round));
            codec.writeAll(want, regs);
            // Fresh read through a kernel holding exactly what we would write back.
            Fixtures.FakeKernel after = new Fixtures.FakeKernel();
            for (Regset r : layout.regsets()) {
                after.put(r, regs.get(r));
            }
            GPacket got = codec.readAll(new RegsetBuffers(after));
            for (RegisterDef r : layout.registers()) {
                long mask = keptBits(r);
                byte[] w = want.register(r.regnum());
                byte[] g = got.register(r.regnum());
                if (mask == -1) {
                    assertArrayEquals(w, g, name + " " + r.name());
                } else if (r.slot().encoding() != Encoding.X87_FTAG) {
                    assertEquals(Fixtures.le(w) & mask, Fixtures.le(g), name + " " + r.name());
                } else {
                    // Only emptiness survives; valid/zero/special are recomputed from st(i).
                    assertEquals(X87Tags.abridgedFromFull((int) Fixtures.le(w)),
                            X87Tags.abridgedFromFull((int) Fixtures.le(g)), name + " ftag");
                }
            }
        }
    }

    /** Bits of a register the kernel slot can hold, -1 for all. */
    private static long keptBits(RegisterDef r) {
        Slot s = r.slot();
        return switch (s.encoding()) {
            case X87_FOP -> 0x7ff;
            case X87_FTAG -> 0xffff;
            case RAW, SIGN_EXTEND -> s.size() >= r.byteSize() ? -1 : (1L << (8 * s.size())) - 1;
        };
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layouts")
    void hexRoundTripWithUnavailableRegisters(String name, TargetLayout layout) {
        Random rnd = new Random(7);
        byte[] raw = new byte[layout.gPacketSize()];
        rnd.nextBytes(raw);
        BitSet avail = new BitSet();
        for (int i = 0; i < layout.registerCount(); i++) {
            if (i % 3 != 1) {
                avail.set(i);
            } else {
                RegisterDef r = layout.register(i);
                java.util.Arrays.fill(raw, r.gOffset(), r.gOffset() + r.byteSize(), (byte) 0);
            }
        }
        GPacket g = new GPacket(layout, raw, avail);
        String hex = g.toHex();
        assertEquals(2 * layout.gPacketSize(), hex.length());
        GPacket back = GPacket.fromHex(layout, hex);
        assertEquals(avail, back.available());
        assertArrayEquals(raw, back.bytes());

        // A G payload trimmed to the first two registers writes only those.
        RegisterDef second = layout.register(1);
        GPacket shortG = GPacket.fromHex(layout, hex.substring(0,
                2 * (second.gOffset() + second.byteSize())));
        BitSet onlyFirst = new BitSet();
        onlyFirst.set(0); // register 1 was sent as xx, registers 2.. were not sent
        assertEquals(onlyFirst, shortG.available());
    }
}
