package org.jgdbserver.rsp.protocol;

import org.jgdbserver.rsp.wire.RspReply;

import java.nio.charset.StandardCharsets;

/**
 * Common reply bodies (GDB manual, "Remote Protocol &gt; Standard Replies" and the reply
 * descriptions under "Packets" and "Host I/O Packets"). All return {@link RspReply}; the encoder
 * adds escaping and run-length encoding, so binary data is passed as is.
 */
public final class Replies {

    private Replies() {
    }

    private static final RspReply[] ERRORS = new RspReply[256];

    /** {@code OK}. */
    public static final RspReply OK = RspReply.OK;
    /** The empty reply: packet not supported. */
    public static final RspReply EMPTY = RspReply.EMPTY;
    /** {@code E01}, gdbserver's generic error. */
    public static final RspReply E01 = error(1);
    /** {@code E02}. */
    public static final RspReply E02 = error(2);
    /** {@code E03}. */
    public static final RspReply E03 = error(3);

    /** {@code E NN}: {@code code}'s low byte as two hex digits. Cached (benign race). */
    public static RspReply error(int code) {
        int c = code & 0xff;
        RspReply r = ERRORS[c];
        if (r == null) {
            r = new RspReply(new byte[] {'E', (byte) Hex.nibble(c >> 4), (byte) Hex.nibble(c)});
            ERRORS[c] = r;
        }
        return r;
    }

    /** {@code E.message}: an error with text, for GDB versions that accept it. */
    public static RspReply errorMessage(String message) {
        return RspReply.of("E." + message);
    }

    /** {@code len} bytes of {@code data} from {@code off} as hex: the {@code m}, {@code g} and {@code p} replies. */
    public static RspReply hex(byte[] data, int off, int len) {
        // Memory replies are most of the bytes a server sends: the digits and their checksum in
        // one pass, and the encoder frames them as they are (no escape or run-length loop).
        byte[] digits = new byte[2 * len];
        return new RspReply(digits, Hex.encodeIntoWithChecksum(data, off, len, digits, 0));
    }

    /** All of {@code data} as hex. */
    public static RspReply hex(byte[] data) {
        return hex(data, 0, data.length);
    }

    /** {@code b} followed by raw bytes: the reply to {@code x}. */
    public static RspReply binaryMemory(byte[] data, int off, int len) {
        return prefixed('b', data, off, len);
    }

    /**
     * A {@code qXfer} read chunk: {@code l} + data when this is the last chunk, else {@code m} + data.
     */
    public static RspReply xferChunk(boolean last, byte[] data, int off, int len) {
        return prefixed(last ? 'l' : 'm', data, off, len);
    }

    /** {@code O hex}: console output during {@code qRcmd} or while running. */
    public static RspReply consoleOutput(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        byte[] b = new byte[1 + 2 * utf8.length];
        b[0] = 'O';
        Hex.encodeInto(utf8, 0, utf8.length, b, 1);
        return new RspReply(b);
    }

    /** {@code QC thread-id}: the reply to {@code qC}. */
    public static RspReply currentThread(ThreadId thread, boolean multiprocess) {
        return RspReply.of(thread.appendTo(new StringBuilder("QC"), multiprocess));
    }

    /** {@code F result} (result as a signed hex number: {@code F-1} style). */
    public static RspReply fileResult(long result) {
        StringBuilder sb = new StringBuilder(20).append('F');
        appendSigned(sb, result);
        return RspReply.of(sb);
    }

    /** {@code F-1,errno} with a File-I/O errno value. */
    public static RspReply fileError(int fileIoErrno) {
        StringBuilder sb = new StringBuilder(12).append("F-1,");
        Hex.appendNumber(sb, fileIoErrno & 0xffffffffL);
        return RspReply.of(sb);
    }

    /** {@code F count;data}: the reply to {@code vFile:pread}, {@code readlink} and {@code fstat}. */
    public static RspReply fileData(byte[] data, int off, int len) {
        StringBuilder sb = new StringBuilder(12).append('F');
        Hex.appendNumber(sb, len).append(';');
        byte[] b = new byte[sb.length() + len];
        for (int i = 0; i < sb.length(); i++) {
            b[i] = (byte) sb.charAt(i);
        }
        System.arraycopy(data, off, b, sb.length(), len);
        return new RspReply(b);
    }

    private static RspReply prefixed(char c, byte[] data, int off, int len) {
        byte[] b = new byte[1 + len];
        b[0] = (byte) c;
        System.arraycopy(data, off, b, 1, len);
        return new RspReply(b);
    }

    private static void appendSigned(StringBuilder sb, long v) {
        if (v < 0) {
            sb.append('-');
            v = -v;
        }
        Hex.appendNumber(sb, v);
    }
}
