package org.jgdbserver.rsp.agent;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code printf} op's formatting, after gdb's escape processing ({@link #unescape}): C's printf over the integer and string directives gdb
 * lets through to an agent ({@code %d %i %u %o %x %X %c %s %p %%} with flags, width, precision
 * and the {@code hh h l ll z j t} length modifiers). A directive without a length modifier
 * takes an {@code int}, as C would: the 64-bit value is cut to 32 bits. {@code %s} reads a
 * NUL-terminated string from the inferior ({@code (null)} for address 0, as gdbserver and
 * glibc print). Floating-point directives are an error, as in gdbserver's {@code ax_printf}.
 */
public final class AgentPrintf {
    /** Longest string {@code %s} reads; gdbserver has no limit, but a missing NUL must not hang us. */
    static final int MAX_STRING = 64 * 1024;

    private AgentPrintf() {}

    /** One directive of a format string. */
    private record Spec(String flags, int width, int precision, String length, char conversion) {
        boolean has(char flag) {
            return flags.indexOf(flag) >= 0;
        }
    }

    /** Formats {@code args} (in format order) as C's printf would; {@code %s} reads through ctx. */
    public static String format(String format, long[] args, AgentContext ctx) throws AgentException {
        List<Object> pieces = parse(format);
        int wanted = 0;
        for (Object p : pieces) {
            if (p instanceof Spec) {
                wanted++;
            }
        }
        if (wanted != args.length) {
            throw new AgentException(AgentException.Kind.BAD_PRINTF,
                    "format \"" + format + "\" takes " + wanted + " arguments, the bytecode gives " + args.length);
        }
        StringBuilder out = new StringBuilder();
        int i = 0;
        for (Object p : pieces) {
            if (p instanceof Spec s) {
                out.append(directive(s, args[i++], ctx));
            } else {
                out.append((String) p);
            }
        }
        return out.toString();
    }

    /**
     * gdb sends the format as the user typed it, backslash escapes included; the agent turns
     * them into characters (gdbsupport's {@code format_pieces}: {@code \\ \a \b \e \f \n \r
     * \t \v \"}, any other is an error, and an unescaped {@code "} ends the format).
     */
    static String unescape(String f) throws AgentException {
        StringBuilder sb = new StringBuilder(f.length());
        for (int i = 0; i < f.length(); i++) {
            char c = f.charAt(i);
            if (c == '"') {
                break;
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            char e = ++i < f.length() ? f.charAt(i) : '\0';
            switch (e) {
                case '\\': sb.append('\\'); break;
                case 'a': sb.append('\u0007'); break;
                case 'b': sb.append('\b'); break;
                case 'e': sb.append('\u001b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'v': sb.append('\u000b'); break;
                case '"': sb.append('"'); break;
                default:
                    throw new AgentException(AgentException.Kind.BAD_PRINTF,
                            "unrecognized escape character \\" + e + " in format string");
            }
        }
        return sb.toString();
    }

    private static List<Object> parse(String format) throws AgentException {
        String f = unescape(format);
        List<Object> pieces = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        int i = 0;
        int n = f.length();
        while (i < n) {
            char c = f.charAt(i++);
            if (c != '%') {
                lit.append(c);
                continue;
            }
            if (i < n && f.charAt(i) == '%') {
                lit.append('%');
                i++;
                continue;
            }
            int start = i;
            while (i < n && "-+ #0'".indexOf(f.charAt(i)) >= 0) {
                i++;
            }
            String flags = f.substring(start, i);
            int width = -1;
            start = i;
            while (i < n && Character.isDigit(f.charAt(i))) {
                i++;
            }
            if (i > start) {
                width = Integer.parseInt(f.substring(start, i));
            }
            int precision = -1;
            if (i < n && f.charAt(i) == '.') {
                i++;
                start = i;
                while (i < n && Character.isDigit(f.charAt(i))) {
                    i++;
                }
                precision = i > start ? Integer.parseInt(f.substring(start, i)) : 0;
            }
            start = i;
            while (i < n && "hlzjtL".indexOf(f.charAt(i)) >= 0) {
                i++;
            }
            String length = f.substring(start, i);
            if (i >= n) {
                throw new AgentException(AgentException.Kind.BAD_PRINTF, "incomplete format directive in \"" + f + "\"");
            }
            char conv = f.charAt(i++);
            if ("diuoxXcsp".indexOf(conv) < 0) {
                throw new AgentException(AgentException.Kind.BAD_PRINTF,
                        "format directive %" + conv + " is not supported in agent printf");
            }
            if (lit.length() > 0) {
                pieces.add(lit.toString());
                lit.setLength(0);
            }
            pieces.add(new Spec(flags, width, precision, length, conv));
        }
        if (lit.length() > 0) {
            pieces.add(lit.toString());
        }
        return pieces;
    }

    private static String directive(Spec s, long v, AgentContext ctx) throws AgentException {
        switch (s.conversion()) {
            case 's':
                return pad(s, v == 0 ? "(null)" : readString(v, s.precision(), ctx));
            case 'c':
                return pad(s, String.valueOf((char) (v & 0xff)));
            case 'p':
                return v == 0 ? pad(s, "(nil)") : number(new Spec(s.flags() + "#", s.width(), s.precision(), "l", 'x'), v);
            default:
                return number(s, v);
        }
    }

    private static String number(Spec s, long raw) {
        char conv = s.conversion();
        boolean signed = conv == 'd' || conv == 'i';
        int bits = switch (s.length()) {
            case "hh" -> 8;
            case "h" -> 16;
            case "" -> 32;
            default -> 64;
        };
        long v = signed ? AgentInterpreter.signExtend(raw, bits) : AgentInterpreter.zeroExtend(raw, bits);
        boolean negative = signed && v < 0;
        String digits;
        switch (conv) {
            case 'o': digits = Long.toUnsignedString(v, 8); break;
            case 'x': digits = Long.toUnsignedString(v, 16); break;
            case 'X': digits = Long.toUnsignedString(v, 16).toUpperCase(); break;
            case 'u': digits = Long.toUnsignedString(v); break;
            default: digits = negative ? Long.toUnsignedString(-v) : Long.toString(v); break;
        }
        if (s.precision() == 0 && v == 0) {
            digits = "";
        }
        if (s.precision() > digits.length()) {
            digits = "0".repeat(s.precision() - digits.length()) + digits;
        }
        String prefix = "";
        if (negative) {
            prefix = "-";
        } else if (signed && s.has('+')) {
            prefix = "+";
        } else if (signed && s.has(' ')) {
            prefix = " ";
        }
        if (s.has('#')) {
            if (conv == 'o' && !digits.startsWith("0")) {
                digits = "0" + digits;
            } else if ((conv == 'x' || conv == 'X') && v != 0) {
                prefix = conv == 'x' ? "0x" : "0X";
            }
        }
        boolean zeroPad = s.has('0') && !s.has('-') && s.precision() < 0;
        if (zeroPad && s.width() > prefix.length() + digits.length()) {
            digits = "0".repeat(s.width() - prefix.length() - digits.length()) + digits;
        }
        return pad(s, prefix + digits);
    }

    private static String pad(Spec s, String body) {
        if (s.width() <= body.length()) {
            return body;
        }
        String fill = " ".repeat(s.width() - body.length());
        return s.has('-') ? body + fill : fill + body;
    }

    /** A NUL-terminated string at {@code address}, at most {@code precision} bytes when that is set. */
    private static String readString(long address, int precision, AgentContext ctx) throws AgentException {
        int limit = precision >= 0 ? Math.min(precision, MAX_STRING) : MAX_STRING;
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        byte[] chunk = new byte[64];
        long at = address;
        while (out.size() < limit) {
            // Read up to the next 64-byte boundary, so a string that ends just before an
            // unmapped page never makes us read into it.
            int n = (int) Math.min(64 - (at & 63), limit - out.size());
            ctx.readMemory(at, chunk, n);
            for (int i = 0; i < n; i++) {
                if (chunk[i] == 0) {
                    out.write(chunk, 0, i);
                    return out.toString(StandardCharsets.ISO_8859_1);
                }
            }
            out.write(chunk, 0, n);
            at += n;
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }
}
