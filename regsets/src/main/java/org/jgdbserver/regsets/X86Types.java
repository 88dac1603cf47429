package org.jgdbserver.regsets;

import static org.jgdbserver.regsets.TdescType.Field.bit;
import static org.jgdbserver.regsets.TdescType.Field.bits;
import static org.jgdbserver.regsets.TdescType.Field.typed;

import java.util.ArrayList;
import java.util.List;

/**
 * Type shapes the x86 features need, as defined in gdb 13's gdb/features/i386/*.xml (field names
 * and types are what make {@code p $eflags}, {@code p $xmm3.v4_int32[1]} and gdb's own
 * {@code $ymm}/{@code $zmm} pseudo registers work; gdb builds ymm/zmm itself from xmm + ymmNh +
 * zmmNh).
 */
final class X86Types {
    private X86Types() {
    }

    /** EFLAGS bits (Intel SDM vol. 1, 3.4.3); bit 1 is reserved-as-one and unnamed. */
    static final TdescType EFLAGS = new TdescType.Flags("i386_eflags", 4, List.of(
            bit("CF", 0), bit("", 1), bit("PF", 2), bit("AF", 4), bit("ZF", 6), bit("SF", 7),
            bit("TF", 8), bit("IF", 9), bit("DF", 10), bit("OF", 11), bit("NT", 14),
            bit("RF", 16), bit("VM", 17), bit("AC", 18), bit("VIF", 19), bit("VIP", 20),
            bit("ID", 21)));

    /** MXCSR bits (Intel SDM vol. 1, 10.2.3). */
    static final TdescType MXCSR = new TdescType.Flags("i386_mxcsr", 4, List.of(
            bit("IE", 0), bit("DE", 1), bit("ZE", 2), bit("OE", 3), bit("UE", 4), bit("PE", 5),
            bit("DAZ", 6), bit("IM", 7), bit("DM", 8), bit("ZM", 9), bit("OM", 10),
            bit("UM", 11), bit("PM", 12), bit("FZ", 15)));

    /** The vectors and the {@code vec128} union of xmm registers, in gdb's field order. */
    static List<TdescType> vec128() {
        List<TdescType> out = new ArrayList<>();
        String[][] lanes = {
            {"v8bf16", "bfloat16", "8", "v8_bfloat16"},
            {"v8h", "ieee_half", "8", "v8_half"},
            {"v4f", "ieee_single", "4", "v4_float"},
            {"v2d", "ieee_double", "2", "v2_double"},
            {"v16i8", "int8", "16", "v16_int8"},
            {"v8i16", "int16", "8", "v8_int16"},
            {"v4i32", "int32", "4", "v4_int32"},
            {"v2i64", "int64", "2", "v2_int64"},
        };
        List<TdescType.Field> fields = new ArrayList<>();
        for (String[] l : lanes) {
            out.add(new TdescType.Vector(l[0], l[1], Integer.parseInt(l[2])));
            fields.add(typed(l[3], l[0]));
        }
        fields.add(typed("uint128", "uint128"));
        out.add(new TdescType.Union("vec128", fields));
        return out;
    }

    /** Upper halves of zmm registers: two uint128 lanes. */
    static final TdescType V2UI128 = new TdescType.Vector("v2ui128", "uint128", 2);

    /** MPX bound registers and configuration/status (64bit-mpx.xml / 32bit-mpx.xml). */
    static List<TdescType> mpx() {
        return List.of(
                new TdescType.Struct("br128", 0,
                        List.of(typed("lbound", "uint64"), typed("ubound_raw", "uint64"))),
                new TdescType.Struct("_bndstatus", 8,
                        List.of(bits("bde", 2, 63), bits("error", 0, 1))),
                new TdescType.Union("status",
                        List.of(typed("raw", "data_ptr"), typed("status", "_bndstatus"))),
                new TdescType.Struct("_bndcfgu", 8, List.of(bits("base", 12, 63),
                        bits("reserved", 2, 11), bits("preserved", 1, 1, "uint64"),
                        bits("enabled", 0, 0, "uint64"))),
                new TdescType.Union("cfgu",
                        List.of(typed("raw", "data_ptr"), typed("config", "_bndcfgu"))));
    }
}
