package org.jgdbserver.rsp.agent;

import static org.jgdbserver.rsp.agent.AgentException.Kind.BAD_PRINTF;
import static org.jgdbserver.rsp.agent.AgentException.Kind.BAD_REGISTER;
import static org.jgdbserver.rsp.agent.AgentException.Kind.DIVIDE_BY_ZERO;
import static org.jgdbserver.rsp.agent.AgentException.Kind.EMPTY_EXPRESSION;
import static org.jgdbserver.rsp.agent.AgentException.Kind.EMPTY_STACK;
import static org.jgdbserver.rsp.agent.AgentException.Kind.OUT_OF_BOUNDS;
import static org.jgdbserver.rsp.agent.AgentException.Kind.STACK_OVERFLOW;
import static org.jgdbserver.rsp.agent.AgentException.Kind.STACK_UNDERFLOW;
import static org.jgdbserver.rsp.agent.AgentException.Kind.TOO_MANY_STEPS;
import static org.jgdbserver.rsp.agent.AgentException.Kind.UNHANDLED_OPCODE;
import static org.jgdbserver.rsp.agent.AgentException.Kind.UNRECOGNIZED_OPCODE;

/**
 * Runs agent bytecode (GDB manual, "Bytecode Descriptions"). Values are 64-bit, unsigned
 * unless an op says signed; constants and memory are zero-extended (gdb emits {@code ext}
 * where it wants a sign). The stack holds 100 values, as gdbserver's.
 *
 * <p>Differences from gdbserver's interpreter, all on the side of reporting an error (which
 * makes a condition true): an op that finds too few values on the stack is an underflow
 * (gdbserver reads a zero it keeps below the bottom), a memory read that fails is a fault
 * (gdbserver goes on with whatever was in its buffer), a jump or operand outside the bytecode
 * is an error, and a run of more than {@link #MAX_STEPS} ops ends in an error instead of
 * holding the tracer thread forever. Floating-point ops and {@code trace16} are unhandled, as
 * in gdbserver; gdb never emits them. The trace ops only pop their operands: nothing is
 * collected outside tracepoints.
 */
public final class AgentInterpreter {
    /** gdbserver's STACK_MAX. */
    public static final int STACK_MAX = 100;
    /** Ops one evaluation may run: a condition loops only if gdb compiled a loop, which it does not. */
    public static final int MAX_STEPS = 100_000;

    private AgentInterpreter() {}

    /**
     * Evaluates {@code expr} and returns the value on top of the stack at {@code end}: a
     * condition is true when that is not 0.
     */
    public static long evaluate(AgentExpression expr, AgentContext ctx) throws AgentException {
        return new Machine(expr, ctx).run(true);
    }

    /** Runs {@code expr} for its effects (a breakpoint command): the stack may be empty at {@code end}. */
    public static void execute(AgentExpression expr, AgentContext ctx) throws AgentException {
        new Machine(expr, ctx).run(false);
    }

    /**
     * Whether a breakpoint with these conditions should be reported: one condition that is
     * true, or one that cannot be evaluated, is enough (gdbserver's
     * {@code gdb_condition_true_at_breakpoint}: an error makes gdb evaluate it itself).
     */
    public static boolean anyTrue(Iterable<AgentExpression> conditions, AgentContext ctx) {
        for (AgentExpression c : conditions) {
            try {
                if (evaluate(c, ctx) != 0) {
                    return true;
                }
            } catch (AgentException e) {
                return true;
            }
        }
        return false;
    }

    private static final class Machine {
        private final AgentExpression x;
        private final AgentContext ctx;
        private final long[] stack = new long[STACK_MAX];
        private int sp;
        private int pc;
        private final byte[] buf = new byte[8];

        Machine(AgentExpression x, AgentContext ctx) {
            this.x = x;
            this.ctx = ctx;
        }

        long run(boolean wantValue) throws AgentException {
            if (x.length() == 0) {
                throw new AgentException(EMPTY_EXPRESSION, "empty agent expression");
            }
            for (int steps = 0; steps < MAX_STEPS; steps++) {
                int at = pc;
                int op = u8();
                long a;
                long b;
                switch (op) {
                    case AgentOp.ADD: b = pop(); push(pop() + b); break;
                    case AgentOp.SUB: b = pop(); push(pop() - b); break;
                    case AgentOp.MUL: b = pop(); push(pop() * b); break;
                    case AgentOp.DIV_SIGNED: b = divisor(); push(pop() / b); break;
                    case AgentOp.DIV_UNSIGNED: b = divisor(); push(Long.divideUnsigned(pop(), b)); break;
                    case AgentOp.REM_SIGNED: b = divisor(); push(pop() % b); break;
                    case AgentOp.REM_UNSIGNED: b = divisor(); push(Long.remainderUnsigned(pop(), b)); break;
                    case AgentOp.LSH: b = pop(); push(pop() << b); break;
                    case AgentOp.RSH_SIGNED: b = pop(); push(pop() >> b); break;
                    case AgentOp.RSH_UNSIGNED: b = pop(); push(pop() >>> b); break;
                    case AgentOp.TRACE: pop(); pop(); break;
                    case AgentOp.TRACE_QUICK: u8(); peek(); break;
                    case AgentOp.LOG_NOT: push(pop() == 0 ? 1 : 0); break;
                    case AgentOp.BIT_AND: b = pop(); push(pop() & b); break;
                    case AgentOp.BIT_OR: b = pop(); push(pop() | b); break;
                    case AgentOp.BIT_XOR: b = pop(); push(pop() ^ b); break;
                    case AgentOp.BIT_NOT: push(~pop()); break;
                    case AgentOp.EQUAL: b = pop(); push(pop() == b ? 1 : 0); break;
                    case AgentOp.LESS_SIGNED: b = pop(); push(pop() < b ? 1 : 0); break;
                    case AgentOp.LESS_UNSIGNED: b = pop(); push(Long.compareUnsigned(pop(), b) < 0 ? 1 : 0); break;
                    case AgentOp.EXT: push(signExtend(pop(), u8())); break;
                    case AgentOp.ZERO_EXT: push(zeroExtend(pop(), u8())); break;
                    case AgentOp.REF8: push(load(pop(), 1)); break;
                    case AgentOp.REF16: push(load(pop(), 2)); break;
                    case AgentOp.REF32: push(load(pop(), 4)); break;
                    case AgentOp.REF64: push(load(pop(), 8)); break;
                    case AgentOp.IF_GOTO: {
                        int target = u16();
                        if (pop() != 0) {
                            jump(target);
                        }
                        break;
                    }
                    case AgentOp.GOTO: jump(u16()); break;
                    case AgentOp.CONST8: push(u8()); break;
                    case AgentOp.CONST16: push(u16()); break;
                    case AgentOp.CONST32: push(operand(4)); break;
                    case AgentOp.CONST64: push(operand(8)); break;
                    case AgentOp.REG: push(register(u16())); break;
                    case AgentOp.END:
                        if (!wantValue) {
                            return sp > 0 ? stack[sp - 1] : 0;
                        }
                        if (sp == 0) {
                            throw new AgentException(EMPTY_STACK, "end with an empty stack, nothing to return");
                        }
                        return stack[sp - 1];
                    case AgentOp.DUP: push(peek()); break;
                    case AgentOp.POP: pop(); break;
                    case AgentOp.SWAP: b = pop(); a = pop(); push(b); push(a); break;
                    case AgentOp.PICK: {
                        int n = u8();
                        if (n >= sp) {
                            throw new AgentException(STACK_UNDERFLOW, "pick " + n + " with " + sp + " values on the stack");
                        }
                        push(stack[sp - 1 - n]);
                        break;
                    }
                    case AgentOp.ROT: {
                        // a b c => c a b (c was on top; b is now)
                        long c = pop();
                        b = pop();
                        a = pop();
                        push(c);
                        push(a);
                        push(b);
                        break;
                    }
                    case AgentOp.GETV: push(ctx.getVariable(u16())); break;
                    case AgentOp.SETV: ctx.setVariable(u16(), peek()); break;
                    case AgentOp.TRACEV: u16(); break;
                    case AgentOp.TRACENZ: pop(); pop(); break;
                    case AgentOp.PRINTF: printf(); break;
                    case AgentOp.FLOAT:
                    case AgentOp.REF_FLOAT:
                    case AgentOp.REF_DOUBLE:
                    case AgentOp.REF_LONG_DOUBLE:
                    case AgentOp.L_TO_D:
                    case AgentOp.D_TO_L:
                    case AgentOp.TRACE16:
                        throw new AgentException(UNHANDLED_OPCODE, "op " + AgentOp.name(op) + " at " + at + " is not handled");
                    default:
                        throw new AgentException(UNRECOGNIZED_OPCODE,
                                String.format("op 0x%02x at %d is not an agent bytecode", op, at));
                }
            }
            throw new AgentException(TOO_MANY_STEPS, "more than " + MAX_STEPS + " ops without reaching end");
        }

        private int u8() throws AgentException {
            if (pc >= x.length()) {
                throw new AgentException(OUT_OF_BOUNDS, "bytecode ends at " + x.length() + " without end");
            }
            return x.at(pc++);
        }

        private int u16() throws AgentException {
            return u8() << 8 | u8();
        }

        /** A big-endian operand of n bytes, zero-extended. */
        private long operand(int n) throws AgentException {
            long v = 0;
            for (int i = 0; i < n; i++) {
                v = v << 8 | u8();
            }
            return v;
        }

        private void jump(int target) throws AgentException {
            if (target >= x.length()) {
                throw new AgentException(OUT_OF_BOUNDS, "jump to " + target + ", bytecode length " + x.length());
            }
            pc = target;
        }

        private void push(long v) throws AgentException {
            if (sp >= STACK_MAX) {
                throw new AgentException(STACK_OVERFLOW, "stack overflow: " + STACK_MAX + " values");
            }
            stack[sp++] = v;
        }

        private long pop() throws AgentException {
            if (sp == 0) {
                throw new AgentException(STACK_UNDERFLOW, "stack underflow at op " + (pc - 1));
            }
            return stack[--sp];
        }

        private long peek() throws AgentException {
            if (sp == 0) {
                throw new AgentException(STACK_UNDERFLOW, "stack underflow at op " + (pc - 1));
            }
            return stack[sp - 1];
        }

        private long divisor() throws AgentException {
            long b = pop();
            if (b == 0) {
                throw new AgentException(DIVIDE_BY_ZERO, "division by zero at op " + (pc - 1));
            }
            if (sp == 0) {
                throw new AgentException(STACK_UNDERFLOW, "stack underflow at op " + (pc - 1));
            }
            return b;
        }

        private long load(long address, int size) throws AgentException {
            ctx.readMemory(address, buf, size);
            return littleEndian(buf, size);
        }

        private long register(int regnum) throws AgentException {
            byte[] v = ctx.register(regnum);
            int n = v.length;
            if (n != 1 && n != 2 && n != 4 && n != 8) {
                throw new AgentException(BAD_REGISTER, "register " + regnum + " has " + n + " bytes, not 1, 2, 4 or 8");
            }
            return littleEndian(v, n);
        }

        private void printf() throws AgentException {
            int nargs = u8();
            int slen = u16();
            if (slen == 0 || pc + slen > x.length()) {
                throw new AgentException(BAD_PRINTF, "printf format of " + slen + " bytes at " + pc + ", bytecode length "
                        + x.length());
            }
            if (x.at(pc + slen - 1) != 0) {
                throw new AgentException(BAD_PRINTF, "unterminated format string in printf bytecode");
            }
            StringBuilder format = new StringBuilder(slen - 1);
            for (int i = 0; i < slen - 1; i++) {
                format.append((char) x.at(pc + i));
            }
            pc += slen;
            long function = pop();
            long channel = pop();
            long[] args = new long[nargs];
            for (int i = 0; i < nargs; i++) {
                args[i] = pop();
            }
            ctx.print(function, channel, AgentPrintf.format(format.toString(), args, ctx));
        }
    }

    static long littleEndian(byte[] b, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (b[i] & 0xff);
        }
        return v;
    }

    static long signExtend(long v, int bits) {
        if (bits <= 0) {
            return 0;
        }
        if (bits >= 64) {
            return v;
        }
        int shift = 64 - bits;
        return v << shift >> shift;
    }

    static long zeroExtend(long v, int bits) {
        if (bits >= 64) {
            return v;
        }
        return bits <= 0 ? 0 : v & ((1L << bits) - 1);
    }
}
