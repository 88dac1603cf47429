package org.jgdbserver.regsets;

import java.util.List;

/**
 * A type definition inside a target-description feature (gdb manual, "Target Description
 * Format", section "Types"). Only the shapes gdb's x86 and aarch64 features use are modelled.
 * Type ids are scoped to their feature, so a feature that needs e.g. {@code vec128} carries its
 * own definition (gdbserver repeats it in the sse and avx512 features too).
 */
public sealed interface TdescType permits TdescType.Vector, TdescType.Union, TdescType.Flags,
        TdescType.Struct {

    /** The id registers and other types refer to. */
    String id();

    /** {@code <vector id=".." type=".." count=".."/>}. */
    record Vector(String id, String elementType, int count) implements TdescType {
    }

    /** {@code <union id="..">} of named, typed fields. */
    record Union(String id, List<Field> fields) implements TdescType {
        public Union {
            fields = List.copyOf(fields);
        }
    }

    /** {@code <flags id=".." size="..">} of bit fields. */
    record Flags(String id, int size, List<Field> fields) implements TdescType {
        public Flags {
            fields = List.copyOf(fields);
        }
    }

    /**
     * {@code <struct id="..">}: either typed fields (size 0, omitted from the XML) or bit fields
     * with a byte size.
     */
    record Struct(String id, int size, List<Field> fields) implements TdescType {
        public Struct {
            fields = List.copyOf(fields);
        }
    }

    /**
     * A field of a union, struct or flags type: typed ({@code start < 0}) or a bit field
     * {@code [start, end]} with an optional type (null lets gdb pick bool for one bit).
     */
    record Field(String name, String type, int start, int end) {
        public static Field typed(String name, String type) {
            return new Field(name, type, -1, -1);
        }

        public static Field bits(String name, int start, int end) {
            return new Field(name, null, start, end);
        }

        public static Field bits(String name, int start, int end, String type) {
            return new Field(name, type, start, end);
        }

        public static Field bit(String name, int bit) {
            return new Field(name, null, bit, bit);
        }

        public boolean isBitField() {
            return start >= 0;
        }
    }
}
