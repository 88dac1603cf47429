package org.jgdbserver.rsp.agent;

import java.util.HashMap;
import java.util.Map;

/** A target for interpreter tests: one block of memory at {@link #BASE}, registers by number, printf captured. */
final class FakeContext implements AgentContext {
    static final long BASE = 0x601000;

    final byte[] memory = new byte[256];
    final Map<Integer, byte[]> registers = new HashMap<>();
    final Map<Integer, Long> variables = new HashMap<>();
    final StringBuilder printed = new StringBuilder();
    long lastFunction;
    long lastChannel;

    FakeContext register(int regnum, long value, int size) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        registers.put(regnum, b);
        return this;
    }

    FakeContext poke(long address, long value, int size) {
        for (int i = 0; i < size; i++) {
            memory[(int) (address - BASE) + i] = (byte) (value >>> (8 * i));
        }
        return this;
    }

    FakeContext pokeString(long address, String s) {
        byte[] b = (s + "\0").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        System.arraycopy(b, 0, memory, (int) (address - BASE), b.length);
        return this;
    }

    @Override
    public byte[] register(int regnum) throws AgentException {
        byte[] v = registers.get(regnum);
        if (v == null) {
            throw new AgentException(AgentException.Kind.BAD_REGISTER, "no register " + regnum);
        }
        return v.clone();
    }

    @Override
    public void readMemory(long address, byte[] into, int length) throws AgentException {
        if (address < BASE || address + length > BASE + memory.length) {
            throw new AgentException(AgentException.Kind.MEMORY_FAULT, "cannot read 0x" + Long.toHexString(address));
        }
        System.arraycopy(memory, (int) (address - BASE), into, 0, length);
    }

    @Override
    public long getVariable(int n) {
        return variables.getOrDefault(n, 0L);
    }

    @Override
    public void setVariable(int n, long value) {
        variables.put(n, value);
    }

    @Override
    public void print(long function, long channel, String text) {
        lastFunction = function;
        lastChannel = channel;
        printed.append(text);
    }
}
