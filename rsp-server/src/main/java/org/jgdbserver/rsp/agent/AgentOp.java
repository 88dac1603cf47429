package org.jgdbserver.rsp.agent;

/**
 * Agent bytecode opcodes, with gdb's fixed values ({@code gdbsupport/ax.def}; the GDB manual,
 * "Bytecode Descriptions"). Other agents rely on these numbers: they never change.
 */
public final class AgentOp {
    private AgentOp() {}

    public static final int FLOAT = 0x01;
    public static final int ADD = 0x02;
    public static final int SUB = 0x03;
    public static final int MUL = 0x04;
    public static final int DIV_SIGNED = 0x05;
    public static final int DIV_UNSIGNED = 0x06;
    public static final int REM_SIGNED = 0x07;
    public static final int REM_UNSIGNED = 0x08;
    public static final int LSH = 0x09;
    public static final int RSH_SIGNED = 0x0a;
    public static final int RSH_UNSIGNED = 0x0b;
    public static final int TRACE = 0x0c;
    public static final int TRACE_QUICK = 0x0d;
    public static final int LOG_NOT = 0x0e;
    public static final int BIT_AND = 0x0f;
    public static final int BIT_OR = 0x10;
    public static final int BIT_XOR = 0x11;
    public static final int BIT_NOT = 0x12;
    public static final int EQUAL = 0x13;
    public static final int LESS_SIGNED = 0x14;
    public static final int LESS_UNSIGNED = 0x15;
    public static final int EXT = 0x16;
    public static final int REF8 = 0x17;
    public static final int REF16 = 0x18;
    public static final int REF32 = 0x19;
    public static final int REF64 = 0x1a;
    public static final int REF_FLOAT = 0x1b;
    public static final int REF_DOUBLE = 0x1c;
    public static final int REF_LONG_DOUBLE = 0x1d;
    public static final int L_TO_D = 0x1e;
    public static final int D_TO_L = 0x1f;
    public static final int IF_GOTO = 0x20;
    public static final int GOTO = 0x21;
    public static final int CONST8 = 0x22;
    public static final int CONST16 = 0x23;
    public static final int CONST32 = 0x24;
    public static final int CONST64 = 0x25;
    public static final int REG = 0x26;
    public static final int END = 0x27;
    public static final int DUP = 0x28;
    public static final int POP = 0x29;
    public static final int ZERO_EXT = 0x2a;
    public static final int SWAP = 0x2b;
    public static final int GETV = 0x2c;
    public static final int SETV = 0x2d;
    public static final int TRACEV = 0x2e;
    public static final int TRACENZ = 0x2f;
    public static final int TRACE16 = 0x30;
    public static final int PICK = 0x32;
    public static final int ROT = 0x33;
    public static final int PRINTF = 0x34;

    private static final String[] NAMES = new String[0x35];

    static {
        String[] n = {null, "float", "add", "sub", "mul", "div_signed", "div_unsigned", "rem_signed",
            "rem_unsigned", "lsh", "rsh_signed", "rsh_unsigned", "trace", "trace_quick", "log_not", "bit_and",
            "bit_or", "bit_xor", "bit_not", "equal", "less_signed", "less_unsigned", "ext", "ref8", "ref16",
            "ref32", "ref64", "ref_float", "ref_double", "ref_long_double", "l_to_d", "d_to_l", "if_goto", "goto",
            "const8", "const16", "const32", "const64", "reg", "end", "dup", "pop", "zero_ext", "swap", "getv",
            "setv", "tracev", "tracenz", "trace16", null, "pick", "rot", "printf"};
        System.arraycopy(n, 0, NAMES, 0, n.length);
    }

    /** gdb's name of an opcode ("ref32"), or its hex value when it has none. */
    public static String name(int op) {
        String s = op >= 0 && op < NAMES.length ? NAMES[op] : null;
        return s != null ? s : String.format("0x%02x", op);
    }
}
