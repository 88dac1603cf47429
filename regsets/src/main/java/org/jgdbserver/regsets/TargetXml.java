package org.jgdbserver.regsets;

import java.util.List;

/**
 * Renders a {@link TargetLayout} as one self-contained {@code target.xml} (gdb manual, appendix
 * "Target Descriptions": Target Description Format, Predefined Target Types, Standard Target
 * Features). Every register carries an explicit {@code regnum} so gdb's numbering cannot drift
 * from the table, as gdbserver 13 does in its own generated XML.
 */
public final class TargetXml {
    private TargetXml() {
    }

    public static String generate(TargetLayout layout) {
        StringBuilder sb = new StringBuilder(16384);
        sb.append("<?xml version=\"1.0\"?>\n");
        sb.append("<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n");
        sb.append("<target>\n");
        sb.append("  <architecture>").append(escape(layout.architecture()))
                .append("</architecture>\n");
        if (layout.osabi() != null) {
            sb.append("  <osabi>").append(escape(layout.osabi())).append("</osabi>\n");
        }
        for (Feature f : layout.features()) {
            sb.append("  <feature name=\"").append(escape(f.name())).append("\">\n");
            for (TdescType t : f.types()) {
                appendType(sb, t);
            }
            for (RegisterDef r : layout.registersOf(f.name())) {
                sb.append("    <reg name=\"").append(escape(r.name()))
                        .append("\" bitsize=\"").append(r.bitSize())
                        .append("\" type=\"").append(escape(r.type()))
                        .append("\" regnum=\"").append(r.regnum()).append('"');
                if (r.group() != null) {
                    sb.append(" group=\"").append(escape(r.group())).append('"');
                }
                sb.append("/>\n");
            }
            sb.append("  </feature>\n");
        }
        sb.append("</target>\n");
        return sb.toString();
    }

    private static void appendType(StringBuilder sb, TdescType t) {
        if (t instanceof TdescType.Vector v) {
            sb.append("    <vector id=\"").append(escape(v.id())).append("\" type=\"")
                    .append(escape(v.elementType())).append("\" count=\"").append(v.count())
                    .append("\"/>\n");
        } else if (t instanceof TdescType.Union u) {
            sb.append("    <union id=\"").append(escape(u.id())).append("\">\n");
            appendFields(sb, u.fields());
            sb.append("    </union>\n");
        } else if (t instanceof TdescType.Flags fl) {
            sb.append("    <flags id=\"").append(escape(fl.id())).append("\" size=\"")
                    .append(fl.size()).append("\">\n");
            appendFields(sb, fl.fields());
            sb.append("    </flags>\n");
        } else if (t instanceof TdescType.Struct st) {
            sb.append("    <struct id=\"").append(escape(st.id())).append('"');
            if (st.size() > 0) {
                sb.append(" size=\"").append(st.size()).append('"');
            }
            sb.append(">\n");
            appendFields(sb, st.fields());
            sb.append("    </struct>\n");
        } else {
            throw new IllegalArgumentException("unknown tdesc type " + t);
        }
    }

    private static void appendFields(StringBuilder sb, List<TdescType.Field> fields) {
        for (TdescType.Field fd : fields) {
            sb.append("      <field name=\"").append(escape(fd.name())).append('"');
            if (fd.isBitField()) {
                sb.append(" start=\"").append(fd.start()).append("\" end=\"").append(fd.end())
                        .append('"');
            }
            if (fd.type() != null) {
                sb.append(" type=\"").append(escape(fd.type())).append('"');
            }
            sb.append("/>\n");
        }
    }

    static String escape(String s) {
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&apos;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
