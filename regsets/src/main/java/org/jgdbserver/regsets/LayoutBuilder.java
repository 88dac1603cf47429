package org.jgdbserver.regsets;

import java.util.ArrayList;
import java.util.List;

/**
 * Appends features and registers in gdb order, assigning each register its gdb number and
 * {@code g} offset as it goes, so numbering can only ever be "position in the table".
 */
final class LayoutBuilder {
    private final String architecture;
    private final String osabi;
    private final List<Feature> features = new ArrayList<>();
    private final List<RegisterDef> registers = new ArrayList<>();
    private String currentFeature;
    private int gOffset;

    LayoutBuilder(String architecture, String osabi) {
        this.architecture = architecture;
        this.osabi = osabi;
    }

    /** Starts a feature; following {@link #reg} calls belong to it. */
    LayoutBuilder feature(String name, List<TdescType> types) {
        features.add(new Feature(name, types));
        currentFeature = name;
        return this;
    }

    LayoutBuilder reg(String name, int bitSize, String type, Slot slot) {
        return reg(name, bitSize, type, null, slot);
    }

    LayoutBuilder reg(String name, int bitSize, String type, String group, Slot slot) {
        if (currentFeature == null) {
            throw new IllegalStateException("register " + name + " added before any feature");
        }
        RegisterDef r = new RegisterDef(name, bitSize, type, group, registers.size(), gOffset,
                currentFeature, slot);
        registers.add(r);
        gOffset += r.byteSize();
        return this;
    }

    TargetLayout build(String pc, String sp, String fp, XsaveLayout xsave) {
        return new TargetLayout(architecture, osabi, features, registers, pc, sp, fp, xsave);
    }
}
