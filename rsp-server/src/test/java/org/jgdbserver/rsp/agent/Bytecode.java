package org.jgdbserver.rsp.agent;

import java.io.ByteArrayOutputStream;

/** Builds bytecode for tests, as gdb's ax-general.c emits it (operands big-endian). */
final class Bytecode {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    static Bytecode code() {
        return new Bytecode();
    }

    Bytecode op(int op) {
        out.write(op);
        return this;
    }

    Bytecode op(int op, int operandByte) {
        out.write(op);
        out.write(operandByte);
        return this;
    }

    Bytecode op16(int op, int operand) {
        out.write(op);
        out.write(operand >> 8);
        out.write(operand);
        return this;
    }

    Bytecode const8(int v) {
        return op(AgentOp.CONST8, v);
    }

    Bytecode const16(int v) {
        return op16(AgentOp.CONST16, v);
    }

    Bytecode const32(long v) {
        out.write(AgentOp.CONST32);
        for (int i = 3; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    Bytecode const64(long v) {
        out.write(AgentOp.CONST64);
        for (int i = 7; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    Bytecode raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    Bytecode printf(int nargs, String format) {
        out.write(AgentOp.PRINTF);
        out.write(nargs);
        byte[] f = format.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        out.write((f.length + 1) >> 8);
        out.write(f.length + 1);
        out.writeBytes(f);
        out.write(0);
        return this;
    }

    int position() {
        return out.size();
    }

    Bytecode end() {
        return op(AgentOp.END);
    }

    AgentExpression build() {
        return AgentExpression.of(out.toByteArray());
    }
}
