package org.jgdbserver.rsp.session;

import org.jgdbserver.tracer.TracerException;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * A sparse little-endian address space for unit tests of the dynamic-linker walks: bytes
 * exist where a test put them; a read gets the run of existing bytes from its start (a short
 * read where the run ends, as process_vm_readv), or fails when its first byte does not exist.
 */
final class FakeMemory {
    private final Map<Long, Byte> bytes = new HashMap<>();
    final int w;

    FakeMemory(int pointerSize) {
        this.w = pointerSize;
    }

    TargetMemory memory() {
        return new TargetMemory((address, buf, length) -> {
            int n = 0;
            while (n < length && bytes.containsKey(address + n)) {
                buf[n] = bytes.get(address + n);
                n++;
            }
            if (n == 0) {
                throw new TracerException("read 0x" + Long.toHexString(address), "nothing mapped there");
            }
            return n;
        }, w);
    }

    FakeMemory put(long address, byte[] data) {
        for (int i = 0; i < data.length; i++) {
            bytes.put(address + i, data[i]);
        }
        return this;
    }

    FakeMemory le(long address, long value, int size) {
        for (int i = 0; i < size; i++) {
            bytes.put(address + i, (byte) (value >>> (8 * i)));
        }
        return this;
    }

    FakeMemory u16(long address, long value) {
        return le(address, value, 2);
    }

    FakeMemory u32(long address, long value) {
        return le(address, value, 4);
    }

    /** A word of the pointer size. */
    FakeMemory word(long address, long value) {
        return le(address, value, w);
    }

    /** A NUL-terminated string. */
    FakeMemory string(long address, String s) {
        put(address, s.getBytes(StandardCharsets.ISO_8859_1));
        bytes.put(address + s.length(), (byte) 0);
        return this;
    }

    /** Zeroes, as a section the loader cleared. */
    FakeMemory zero(long address, int length) {
        return put(address, new byte[length]);
    }
}
