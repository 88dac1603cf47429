package org.jgdbserver.regsets;

import java.util.List;

/**
 * A target-description feature: its gdb name (e.g. {@code org.gnu.gdb.i386.core}) and the types
 * its registers need. The registers themselves are in {@link TargetLayout#registers()}, tagged
 * with the feature name, so there is one list to number and one to encode.
 */
public record Feature(String name, List<TdescType> types) {
    public Feature {
        types = List.copyOf(types);
    }
}
