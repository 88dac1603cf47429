package org.jgdbserver.regsets;

/**
 * One register of a {@link TargetLayout}.
 *
 * @param name    gdb's name, as in the feature XML
 * @param bitSize size in bits, as in the feature XML ({@code bitsize})
 * @param type    gdb type name ({@code int64}, {@code code_ptr}, {@code i387_ext}, {@code vec128},
 *                or a type defined in the feature)
 * @param group   gdb register group ({@code float}, {@code vector}, ...) or null for the default
 * @param regnum  gdb register number: the position in the target description, the {@code g}
 *                packet and the number used by {@code p}/{@code P}
 * @param gOffset byte offset of this register in the {@code g} packet
 * @param feature the name of the target-description feature it belongs to
 * @param slot    where the kernel keeps it
 */
public record RegisterDef(String name, int bitSize, String type, String group, int regnum,
                          int gOffset, String feature, Slot slot) {

    public RegisterDef {
        if (bitSize <= 0 || bitSize % 8 != 0) {
            throw new IllegalArgumentException("register " + name
                    + " bitsize must be a positive multiple of 8, got " + bitSize);
        }
    }

    /** Size in bytes in the {@code g} packet. */
    public int byteSize() {
        return bitSize / 8;
    }
}
