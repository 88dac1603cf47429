package org.jgdbserver.regsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class X87TagsTest {
    /** 80-bit value from significand and sign/exponent word, little-endian. */
    private static byte[] ext(long significand, int signExp) {
        byte[] b = new byte[10];
        Bytes.putLong(b, 0, 8, significand);
        Bytes.putLong(b, 8, 2, signExp);
        return b;
    }

    @Test
    void classifiesValues() {
        assertEquals(X87Tags.VALID, X87Tags.classify(ext(0x8000_0000_0000_0000L, 0x3fff), 0));
        assertEquals(X87Tags.VALID, X87Tags.classify(ext(0xc000_0000_0000_0000L, 0xc000), 0));
        assertEquals(X87Tags.ZERO, X87Tags.classify(ext(0, 0), 0));
        assertEquals(X87Tags.ZERO, X87Tags.classify(ext(0, 0x8000), 0)); // -0
        assertEquals(X87Tags.SPECIAL, X87Tags.classify(ext(1, 0), 0)); // denormal
        assertEquals(X87Tags.SPECIAL,
                X87Tags.classify(ext(0x8000_0000_0000_0000L, 0x7fff), 0)); // infinity
        assertEquals(X87Tags.SPECIAL,
                X87Tags.classify(ext(0xc000_0000_0000_0000L, 0xffff), 0)); // NaN
        assertEquals(X87Tags.SPECIAL, X87Tags.classify(ext(0x4000_0000_0000_0000L, 0x3fff), 0));
    }

    @Test
    void fullTagFollowsTopOfStack() {
        // Two pushes: TOP = 6, st0 (physical 6) = 1.0, st1 (physical 7) = +0.
        byte[] fx = new byte[512];
        System.arraycopy(ext(0x8000_0000_0000_0000L, 0x3fff), 0, fx, 32, 10);
        Bytes.putLong(fx, 2, 2, 6 << 11);
        fx[4] = (byte) 0xc0;
        assertEquals(0x4fff, X87Tags.fullFromAbridged(0xc0, 6 << 11, fx, 32));
        assertEquals(0xc0, X87Tags.abridgedFromFull(0x4fff));
        assertEquals(0, X87Tags.abridgedFromFull(0xffff));
        assertEquals(0xffff, X87Tags.fullFromAbridged(0, 0, fx, 32));
        assertEquals(0xff, X87Tags.abridgedFromFull(0x0000));
    }

    @Test
    void codecConvertsFtagAndFopBothWays() {
        TargetLayout l = Amd64Linux.layout(null); // FXSAVE image in NT_PRFPREG
        RegisterCodec c = new RegisterCodec(l);
        byte[] fx = new byte[512];
        System.arraycopy(ext(0x8000_0000_0000_0000L, 0x3fff), 0, fx, 32, 10); // st0 = 1.0
        Bytes.putLong(fx, 2, 2, 6 << 11); // fstat TOP=6
        fx[4] = (byte) 0xc0;
        Bytes.putLong(fx, 6, 2, 0xf9d9); // fop field with junk in bits 11-15
        RegsetBuffers regs = new RegsetBuffers(new Fixtures.FakeKernel()
                .put(Regset.NT_PRFPREG, fx));
        int ftag = l.register("ftag").orElseThrow().regnum();
        int fop = l.register("fop").orElseThrow().regnum();
        assertEquals(0x4fff, Fixtures.le(c.read(ftag, regs)));
        assertEquals(0x1d9, Fixtures.le(c.read(fop, regs)));

        c.write(ftag, Bytes.ofLong(0xffff, 4), regs); // gdb empties the stack
        c.write(fop, Bytes.ofLong(0x7ff, 4), regs);
        byte[] out = regs.dirty().get(Regset.NT_PRFPREG);
        assertEquals(0, out[4]);
        assertEquals(0xffff, Bytes.getLong(out, 6, 2)); // upper 5 bits kept, low 11 written
        assertEquals(0x7ff, Fixtures.le(c.read(fop, regs)));
    }
}
