package org.jgdbserver.rsp.agent;

import java.util.Arrays;

/**
 * One agent expression: the bytecode of an {@code X len,bytes} item of a {@code Z} packet's
 * condition or command list. Immutable; nothing is checked until it runs (as gdbserver, which
 * only decodes the hex when the packet arrives).
 */
public final class AgentExpression {
    private final byte[] code;

    private AgentExpression(byte[] code) {
        this.code = code;
    }

    /** An expression over a copy of {@code code}. */
    public static AgentExpression of(byte[] code) {
        return new AgentExpression(code.clone());
    }

    /** The opcode or operand byte at {@code pc}, 0-255. */
    int at(int pc) {
        return code[pc] & 0xff;
    }

    public int length() {
        return code.length;
    }

    public byte[] bytes() {
        return code.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof AgentExpression e && Arrays.equals(code, e.code);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(code);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("AgentExpression[");
        for (byte b : code) {
            sb.append(Character.forDigit((b >> 4) & 0xf, 16)).append(Character.forDigit(b & 0xf, 16));
        }
        return sb.append(']').toString();
    }
}
