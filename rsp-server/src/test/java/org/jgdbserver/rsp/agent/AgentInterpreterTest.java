package org.jgdbserver.rsp.agent;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.jgdbserver.rsp.agent.AgentOp.*;
import static org.jgdbserver.rsp.agent.Bytecode.code;
import static org.junit.jupiter.api.Assertions.*;

class AgentInterpreterTest {
    private final FakeContext ctx = new FakeContext();

    private long eval(Bytecode b) throws AgentException {
        return AgentInterpreter.evaluate(b.build(), ctx);
    }

    /** a OP b, with both pushed as 64-bit constants. */
    private long binary(long a, int op, long b) throws AgentException {
        return eval(code().const64(a).const64(b).op(op).end());
    }

    private AgentException.Kind fails(Bytecode b) {
        return assertThrows(AgentException.class, () -> eval(b)).kind();
    }

    @Test
    void arithmetic() throws AgentException {
        assertEquals(7, binary(3, ADD, 4));
        assertEquals(-1, binary(3, SUB, 4));
        assertEquals(12, binary(3, MUL, 4));
        assertEquals(-3, binary(-7, DIV_SIGNED, 2));
        assertEquals(Long.divideUnsigned(-7, 2), binary(-7, DIV_UNSIGNED, 2));
        assertEquals(-1, binary(-7, REM_SIGNED, 2));
        assertEquals(1, binary(-7, REM_UNSIGNED, 2));
        assertEquals(40, binary(5, LSH, 3));
        assertEquals(-2, binary(-8, RSH_SIGNED, 2));
        assertEquals(0x3ffffffffffffffeL, binary(-8, RSH_UNSIGNED, 2));
        assertEquals(Long.MAX_VALUE + 1, binary(Long.MAX_VALUE, ADD, 1)); // wraps, as in C
    }

    @Test
    void bitsAndLogic() throws AgentException {
        assertEquals(0b1000, binary(0b1100, BIT_AND, 0b1010));
        assertEquals(0b1110, binary(0b1100, BIT_OR, 0b1010));
        assertEquals(0b0110, binary(0b1100, BIT_XOR, 0b1010));
        assertEquals(~5L, eval(code().const8(5).op(BIT_NOT).end()));
        assertEquals(1, eval(code().const8(0).op(LOG_NOT).end()));
        assertEquals(0, eval(code().const8(9).op(LOG_NOT).end()));
    }

    @Test
    void comparisons() throws AgentException {
        assertEquals(1, binary(500, EQUAL, 500));
        assertEquals(0, binary(500, EQUAL, 501));
        assertEquals(1, binary(-1, LESS_SIGNED, 0));
        assertEquals(0, binary(-1, LESS_UNSIGNED, 0)); // 0xffff... is the largest unsigned
        assertEquals(1, binary(0, LESS_UNSIGNED, -1));
        assertEquals(0, binary(4, LESS_SIGNED, 4));
    }

    @Test
    void signAndZeroExtension() throws AgentException {
        assertEquals(-1, eval(code().const8(0xff).op(EXT, 8).end()));
        assertEquals(0x7f, eval(code().const8(0x7f).op(EXT, 8).end()));
        assertEquals(-2, eval(code().const32(0xfffffffeL).op(EXT, 32).end()));
        assertEquals(-1, eval(code().const64(-1).op(EXT, 64).end()));
        assertEquals(0xfe, eval(code().const64(-2).op(ZERO_EXT, 8).end()));
        assertEquals(0xfffffffeL, eval(code().const64(-2).op(ZERO_EXT, 32).end()));
        assertEquals(-2, eval(code().const64(-2).op(ZERO_EXT, 64).end()));
    }

    @Test
    void constantsAreBigEndianAndZeroExtended() throws AgentException {
        assertEquals(0xff, eval(code().const8(0xff).end()));
        assertEquals(0x1f4, eval(code().const16(500).end()));
        assertEquals(0x80000000L, eval(code().const32(0x80000000L).end()));
        assertEquals(0x0123456789abcdefL, eval(code().const64(0x0123456789abcdefL).end()));
    }

    @Test
    void memoryReadsAreLittleEndianAndZeroExtended() throws AgentException {
        long a = FakeContext.BASE + 8;
        ctx.poke(a, 0xf1f2f3f4f5f6f7f8L, 8);
        assertEquals(0xf8, eval(code().const32(a).op(REF8).end()));
        assertEquals(0xf7f8, eval(code().const32(a).op(REF16).end()));
        assertEquals(0xf5f6f7f8L, eval(code().const32(a).op(REF32).end()));
        assertEquals(0xf1f2f3f4f5f6f7f8L, eval(code().const32(a).op(REF64).end()));
    }

    @Test
    void gdbsCompiledConditionOnAGlobalInt() throws AgentException {
        // What gdb 13 sends for "break f if counter == 500" with int counter at BASE+16:
        // const32 addr, ref32, ext 32, const16 500, equal, end.
        long counter = FakeContext.BASE + 16;
        AgentExpression cond = code().const32(counter).op(REF32).op(EXT, 32).const16(500).op(EQUAL).end().build();
        ctx.poke(counter, 499, 4);
        assertEquals(0, AgentInterpreter.evaluate(cond, ctx));
        ctx.poke(counter, 500, 4);
        assertEquals(1, AgentInterpreter.evaluate(cond, ctx));
        ctx.poke(counter, -500, 4);
        assertEquals(0, AgentInterpreter.evaluate(cond, ctx));
    }

    @Test
    void registersBySizeZeroExtended() throws AgentException {
        ctx.register(6, 0x7ffe0000L, 8).register(17, 0x246, 4).register(3, 0xfffe, 2).register(9, 0x80, 1);
        assertEquals(0x7ffe0000L, eval(code().op16(REG, 6).end()));
        assertEquals(0x246, eval(code().op16(REG, 17).end()));
        assertEquals(0xfffe, eval(code().op16(REG, 3).end()));
        assertEquals(0x80, eval(code().op16(REG, 9).end()));
        // a local at rbp-20: reg 6, const8 20, sub, ref32
        ctx.register(6, FakeContext.BASE + 40, 8).poke(FakeContext.BASE + 20, 77, 4);
        assertEquals(77, eval(code().op16(REG, 6).const8(20).op(SUB).op(REF32).end()));
    }

    @Test
    void registerOfAnotherSizeOrUnknownIsAnError() {
        ctx.registers.put(40, new byte[16]);
        assertEquals(AgentException.Kind.BAD_REGISTER, fails(code().op16(REG, 40).end()));
        assertEquals(AgentException.Kind.BAD_REGISTER, fails(code().op16(REG, 999).end()));
    }

    @Test
    void jumps() throws AgentException {
        // if (x) 11 else 22: const8 x; if_goto T; const8 22; goto E; T: const8 11; E: end
        for (int x : new int[] {0, 1}) {
            Bytecode b = code().const8(x);
            b.op16(IF_GOTO, 10).const8(22).op16(GOTO, 12).const8(11).end();
            assertEquals(x != 0 ? 11 : 22, eval(b), "x=" + x);
        }
    }

    @Test
    void stackOps() throws AgentException {
        assertEquals(2, eval(code().const8(1).const8(2).op(DUP).op(POP).end()));
        assertEquals(1, eval(code().const8(1).const8(2).op(SWAP).end()));
        assertEquals(2, eval(code().const8(1).const8(2).op(SWAP).op(POP).end()));
        assertEquals(1, eval(code().const8(1).const8(2).op(PICK, 1).end()));
        assertEquals(2, eval(code().const8(1).const8(2).op(PICK, 0).end()));
        // rot: a b c => c a b
        assertEquals(2, eval(code().const8(1).const8(2).const8(3).op(ROT).end()));
        assertEquals(1, eval(code().const8(1).const8(2).const8(3).op(ROT).op(POP).end()));
        assertEquals(3, eval(code().const8(1).const8(2).const8(3).op(ROT).op(POP).op(POP).end()));
    }

    @Test
    void traceStateVariables() throws AgentException {
        assertEquals(0, eval(code().op16(GETV, 3).end()));
        assertEquals(42, eval(code().const8(42).op16(SETV, 3).end())); // the value stays on the stack
        assertEquals(42L, ctx.variables.get(3));
        assertEquals(43, eval(code().op16(GETV, 3).const8(1).op(ADD).end()));
    }

    @Test
    void traceOpsOnlyPopTheirOperands() throws AgentException {
        assertEquals(9, eval(code().const8(9).const32(FakeContext.BASE).const8(4).op(TRACE).end()));
        assertEquals(FakeContext.BASE, eval(code().const32(FakeContext.BASE).op(TRACE_QUICK, 4).end()));
        assertEquals(9, eval(code().const8(9).op16(TRACEV, 1).end()));
        assertEquals(9, eval(code().const8(9).const32(FakeContext.BASE).const8(4).op(TRACENZ).end()));
    }

    @Test
    void errors() {
        assertEquals(AgentException.Kind.EMPTY_EXPRESSION, fails(code()));
        assertEquals(AgentException.Kind.UNRECOGNIZED_OPCODE, fails(code().raw(0x31).end()));
        assertEquals(AgentException.Kind.UNRECOGNIZED_OPCODE, fails(code().raw(0xff).end()));
        assertEquals(AgentException.Kind.UNHANDLED_OPCODE, fails(code().const8(1).op(REF_DOUBLE).end()));
        assertEquals(AgentException.Kind.UNHANDLED_OPCODE, fails(code().const8(1).op16(TRACE16, 2).end()));
        assertEquals(AgentException.Kind.STACK_UNDERFLOW, fails(code().const8(1).op(ADD).end()));
        assertEquals(AgentException.Kind.STACK_UNDERFLOW, fails(code().op(POP).end()));
        assertEquals(AgentException.Kind.STACK_UNDERFLOW, fails(code().const8(1).op(PICK, 1).end()));
        assertEquals(AgentException.Kind.STACK_UNDERFLOW, fails(code().const8(1).const8(2).op(ROT).end()));
        assertEquals(AgentException.Kind.EMPTY_STACK, fails(code().end()));
        assertEquals(AgentException.Kind.DIVIDE_BY_ZERO, fails(code().const8(1).const8(0).op(DIV_SIGNED).end()));
        assertEquals(AgentException.Kind.DIVIDE_BY_ZERO, fails(code().const8(1).const8(0).op(REM_UNSIGNED).end()));
        assertEquals(AgentException.Kind.MEMORY_FAULT, fails(code().const8(0).op(REF32).end()));
        assertEquals(AgentException.Kind.MEMORY_FAULT, fails(code().const32(FakeContext.BASE + 254).op(REF32).end()));
        assertEquals(AgentException.Kind.OUT_OF_BOUNDS, fails(code().const8(1))); // no end
        assertEquals(AgentException.Kind.OUT_OF_BOUNDS, fails(code().raw(CONST16, 1))); // operand cut off
        assertEquals(AgentException.Kind.OUT_OF_BOUNDS, fails(code().op16(GOTO, 200).end()));
        assertEquals(AgentException.Kind.TOO_MANY_STEPS, fails(code().op16(GOTO, 0)));
        Bytecode deep = code();
        for (int i = 0; i <= AgentInterpreter.STACK_MAX; i++) {
            deep.const8(i);
        }
        assertEquals(AgentException.Kind.STACK_OVERFLOW, fails(deep.end()));
    }

    @Test
    void aConditionThatFailsCountsAsTrue() {
        AgentExpression no = code().const8(0).end().build();
        AgentExpression yes = code().const8(2).end().build();
        AgentExpression broken = code().const8(1).const8(0).op(DIV_SIGNED).end().build();
        assertFalse(AgentInterpreter.anyTrue(List.of(), ctx));
        assertFalse(AgentInterpreter.anyTrue(List.of(no, no), ctx));
        assertTrue(AgentInterpreter.anyTrue(List.of(no, yes), ctx));
        assertTrue(AgentInterpreter.anyTrue(List.of(no, broken), ctx));
    }

    @Test
    void printfAsGdbCompilesDprintf() throws AgentException {
        // dprintf LOC,"arg=%d, g=%d\n", arg, g: args pushed last first, then channel and function.
        Bytecode b = code().const8(7).const8(5).const8(0).const8(0).printf(2, "arg=%d, g=%d\n").end();
        AgentInterpreter.execute(b.build(), ctx);
        assertEquals("arg=5, g=7\n", ctx.printed.toString());
        assertThrows(AgentException.class, () -> eval(code().const8(0).const8(0).printf(0, "x").end()),
                "a printf command leaves nothing to return");
    }

    @Test
    void printfWithFunctionAndChannel() throws AgentException {
        AgentInterpreter.execute(code().const8(3).const16(0x1234).printf(0, "hi\n").end().build(), ctx);
        assertEquals("hi\n", ctx.printed.toString());
        assertEquals(0x1234, ctx.lastFunction);
        assertEquals(3, ctx.lastChannel);
    }

    @Test
    void badPrintf() {
        assertEquals(AgentException.Kind.BAD_PRINTF, fails(code().const8(9).const8(0).const8(0).printf(1, "%d %d").end()));
        assertEquals(AgentException.Kind.BAD_PRINTF, fails(code().const8(0).const8(0).raw(PRINTF, 0, 0, 2, 'x', 'y').end()));
        assertEquals(AgentException.Kind.BAD_PRINTF, fails(code().const8(0).const8(0).raw(PRINTF, 0, 0, 9, 'x')));
    }
}
