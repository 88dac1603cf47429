package org.jgdbserver.rsp.session;

import org.jgdbserver.tracer.TracedProcess;
import org.jgdbserver.tracer.TracerException;

import java.nio.charset.StandardCharsets;

/**
 * Little-endian reads of an inferior's memory in the inferior's own word size: what the
 * dynamic-linker walks ({@link Svr4Libraries}, {@link DynamicSymbols},
 * {@link ThreadLocalStorage}) need on top of the tracer's {@code AddressSpace} reads. A read
 * that does not get every byte it asked for fails with {@link Fault}.
 */
final class TargetMemory {
    /** Reads up to {@code length} bytes; returns the count (at least 1) or throws. */
    interface Reader {
        int read(long address, byte[] buf, int length);
    }

    /** Memory that could not be read: an address nothing is mapped at, or a short read. */
    static final class Fault extends RuntimeException {
        Fault(String message) {
            super(message);
        }
    }

    private final Reader reader;
    private final int pointerSize;

    TargetMemory(Reader reader, int pointerSize) {
        if (pointerSize != 4 && pointerSize != 8) {
            throw new IllegalArgumentException("pointer size " + pointerSize + ", expected 4 or 8");
        }
        this.reader = reader;
        this.pointerSize = pointerSize;
    }

    /** The process's memory, with the pointer width of the program it runs. */
    static TargetMemory of(TracedProcess p) {
        return new TargetMemory(p.memory()::readInto, p.pointerSize());
    }

    /** {@code data} as if it were mapped at {@code base} (a copy of a table, the auxiliary vector). */
    static TargetMemory ofBytes(long base, byte[] data, int pointerSize) {
        return new TargetMemory((address, buf, length) -> {
            long from = address - base;
            if (from < 0 || from >= data.length) {
                throw new TracerException("read 0x" + Long.toHexString(address), "outside the copied bytes");
            }
            int n = (int) Math.min(length, data.length - from);
            System.arraycopy(data, (int) from, buf, 0, n);
            return n;
        }, pointerSize);
    }

    int pointerSize() {
        return pointerSize;
    }

    /** All-ones in the pointer width: (uintptr_t) -1. */
    long pointerMask() {
        return pointerSize == 8 ? -1L : 0xffffffffL;
    }

    /** Exactly {@code length} bytes at {@code address}. */
    byte[] bytes(long address, int length) {
        byte[] buf = new byte[length];
        int n;
        try {
            n = length == 0 ? 0 : reader.read(address, buf, length);
        } catch (TracerException e) {
            throw new Fault("cannot read " + length + " bytes at 0x" + Long.toHexString(address) + ": " + e.getMessage());
        }
        if (n < length) {
            throw new Fault("short read: " + n + " of " + length + " bytes at 0x" + Long.toHexString(address));
        }
        return buf;
    }

    /** An unsigned little-endian integer of {@code size} bytes (1 to 8). */
    long unsigned(long address, int size) {
        byte[] b = bytes(address, size);
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    long u16(long address) {
        return unsigned(address, 2);
    }

    long u32(long address) {
        return unsigned(address, 4);
    }

    /** A pointer (or size_t, ElfW(Addr)) of the inferior, zero-extended. */
    long pointer(long address) {
        return unsigned(address, pointerSize);
    }

    /** A signed word of the pointer width (ElfW(Sxword) d_tag, ptrdiff_t), sign-extended. */
    long signedWord(long address) {
        long v = pointer(address);
        return pointerSize == 4 ? (int) v : v;
    }

    /**
     * The NUL-terminated string at {@code address}, at most {@code max} bytes (ISO-8859-1, so
     * any byte survives the round trip to the XML document). Reading stops at the first byte
     * that cannot be read, as gdbserver's fixed-size read of l_name does.
     */
    String cString(long address, int max) {
        byte[] out = new byte[max];
        int len = 0;
        while (len < max) {
            // read to the end of the page at most: the next page may be unmapped
            int chunk = (int) Math.min(max - len, 4096 - ((address + len) & 4095));
            byte[] buf = new byte[chunk];
            int n;
            try {
                n = reader.read(address + len, buf, chunk);
            } catch (TracerException e) {
                break;
            }
            for (int i = 0; i < n; i++) {
                if (buf[i] == 0) {
                    return new String(out, 0, len, StandardCharsets.ISO_8859_1);
                }
                out[len++] = buf[i];
            }
            if (n < chunk) {
                break;
            }
        }
        return new String(out, 0, len, StandardCharsets.ISO_8859_1);
    }
}
