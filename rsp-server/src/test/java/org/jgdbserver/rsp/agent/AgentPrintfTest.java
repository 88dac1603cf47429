package org.jgdbserver.rsp.agent;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** Expected strings are what glibc's printf gives for the same format and C-typed values. */
class AgentPrintfTest {
    private final FakeContext ctx = new FakeContext();

    private String f(String format, long... args) throws AgentException {
        return AgentPrintf.format(format, args, ctx);
    }

    @Test
    void literalsAndPercent() throws AgentException {
        assertEquals("At foo entry\n", f("At foo entry\n"));
        assertEquals("100%", f("100%%"));
    }

    @Test
    void escapesAsGdbSendsThem() throws AgentException {
        // dprintf LOC,"At foo entry\n" reaches the agent with a backslash and an n.
        assertEquals("At foo entry\n", f("At foo entry\\n"));
        assertEquals("a\tb\\c\"d\u001b", f("a\\tb\\\\c\\\"d\\e"));
        assertEquals("cut", f("cut\" here"));
        assertThrows(AgentException.class, () -> f("\\q"));
    }

    @Test
    void intsAreCutTo32Bits() throws AgentException {
        assertEquals("-1", f("%d", 0xffffffffL));
        assertEquals("4294967295", f("%u", 0xffffffffL));
        assertEquals("-1", f("%i", -1));
        assertEquals("1", f("%d", 0x100000001L));
        assertEquals("-1", f("%ld", -1));
        assertEquals("18446744073709551615", f("%lu", -1));
        assertEquals("-1", f("%lld", -1));
        assertEquals("ffffffffffffffff", f("%zx", -1));
        assertEquals("-1", f("%hd", 0xffff));
        assertEquals("-128", f("%hhd", 0x80));
        assertEquals("255", f("%hhu", -1));
    }

    @Test
    void radixFlagsWidthPrecision() throws AgentException {
        assertEquals("ff FF 377", f("%x %X %o", 255, 255, 255));
        assertEquals("0xff 0XFF 0377 0", f("%#x %#X %#o %#x", 255, 255, 255, 0));
        assertEquals("   42|42   |00042|+42| 42", f("%5d|%-5d|%05d|%+d|% d", 42, 42, 42, 42, 42));
        assertEquals("-0042", f("%05d", -42));
        assertEquals("  007|", f("%5.3d|", 7));
        assertEquals("|", f("%.0d|", 0));
        assertEquals("0x000000ff", f("%#010x", 255));
    }

    @Test
    void charsStringsPointers() throws AgentException {
        long s = FakeContext.BASE + 32;
        ctx.pokeString(s, "hello");
        assertEquals("A", f("%c", 'A'));
        assertEquals("hello!", f("%s!", s));
        assertEquals("hel", f("%.3s", s));
        assertEquals("  hello|hello  ", f("%7s|%-7s", s, s));
        assertEquals("(null)", f("%s", 0));
        assertEquals("0x601020 (nil)", f("%p %p", FakeContext.BASE + 32, 0));
    }

    @Test
    void stringEndingJustBeforeUnreadableMemory() throws AgentException {
        long end = FakeContext.BASE + 256;
        ctx.pokeString(end - 3, "ab");
        assertEquals("ab", f("%s", end - 3));
    }

    @Test
    void errors() {
        assertThrows(AgentException.class, () -> f("%d %d", 1));
        assertThrows(AgentException.class, () -> f("%f", 1));
        assertThrows(AgentException.class, () -> f("%", 1));
        assertThrows(AgentException.class, () -> f("%s", FakeContext.BASE + 1024)); // unreadable
    }
}
