package org.jgdbserver.regsets;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The full register layout of one kind of target process: the ordered register table (gdb
 * numbers 0..n-1, in {@code g} packet order), the features they belong to, and the registers gdb
 * wants expedited in stop replies. Immutable; build with the per-architecture factories
 * ({@link Amd64Linux}, {@link I386Linux}, {@link Aarch64Linux}).
 */
public final class TargetLayout {
    private final String architecture;
    private final String osabi;
    private final List<Feature> features;
    private final List<RegisterDef> registers;
    private final Map<String, RegisterDef> byName;
    private final int gPacketSize;
    private final int pcRegnum;
    private final int spRegnum;
    private final int fpRegnum;
    private final XsaveLayout xsave;
    /** {@link #generalRegnums}, computed on first use (immutable once set; a race computes it twice). */
    private volatile int[] general;

    TargetLayout(String architecture, String osabi, List<Feature> features,
                 List<RegisterDef> registers, String pc, String sp, String fp, XsaveLayout xsave) {
        this.architecture = architecture;
        this.osabi = osabi;
        this.features = List.copyOf(features);
        this.registers = List.copyOf(registers);
        Map<String, RegisterDef> names = new HashMap<>();
        int offset = 0;
        for (int i = 0; i < this.registers.size(); i++) {
            RegisterDef r = this.registers.get(i);
            if (r.regnum() != i || r.gOffset() != offset) {
                throw new IllegalArgumentException("register " + r.name() + " has regnum "
                        + r.regnum() + " g offset " + r.gOffset() + ", expected " + i + " and "
                        + offset);
            }
            if (names.put(r.name(), r) != null) {
                throw new IllegalArgumentException("duplicate register name " + r.name());
            }
            offset += r.byteSize();
        }
        this.byName = Collections.unmodifiableMap(names);
        this.gPacketSize = offset;
        this.pcRegnum = require(pc).regnum();
        this.spRegnum = require(sp).regnum();
        this.fpRegnum = require(fp).regnum();
        this.xsave = xsave;
    }

    private RegisterDef require(String name) {
        RegisterDef r = byName.get(name);
        if (r == null) {
            throw new IllegalArgumentException("expedited register " + name
                    + " is not in the layout");
        }
        return r;
    }

    /** gdb BFD architecture name for {@code <architecture>}, e.g. {@code i386:x86-64}. */
    public String architecture() {
        return architecture;
    }

    /** {@code <osabi>} value, e.g. {@code GNU/Linux}. */
    public String osabi() {
        return osabi;
    }

    public List<Feature> features() {
        return features;
    }

    /** All registers, index == gdb register number. */
    public List<RegisterDef> registers() {
        return registers;
    }

    public int registerCount() {
        return registers.size();
    }

    /** The register with this gdb number; throws if out of range (the server should answer E). */
    public RegisterDef register(int regnum) {
        if (regnum < 0 || regnum >= registers.size()) {
            throw new IllegalArgumentException("register number " + regnum
                    + " out of range, expected 0.." + (registers.size() - 1));
        }
        return registers.get(regnum);
    }

    public Optional<RegisterDef> register(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Registers of one feature, in order. */
    public List<RegisterDef> registersOf(String featureName) {
        List<RegisterDef> out = new ArrayList<>();
        for (RegisterDef r : registers) {
            if (r.feature().equals(featureName)) {
                out.add(r);
            }
        }
        return out;
    }

    public boolean hasFeature(String featureName) {
        return features.stream().anyMatch(f -> f.name().equals(featureName));
    }

    /** Bytes in a full {@code g} reply (before hex encoding: twice as many characters). */
    public int gPacketSize() {
        return gPacketSize;
    }

    /** gdb number of the program counter (amd64 rip = 16, i386 eip = 8, aarch64 pc = 32). */
    public int pcRegnum() {
        return pcRegnum;
    }

    /** gdb number of the stack pointer (amd64 rsp = 7, i386 esp = 4, aarch64 sp = 31). */
    public int spRegnum() {
        return spRegnum;
    }

    /** gdb number of the frame pointer (amd64 rbp = 6, i386 ebp = 5, aarch64 x29 = 29). */
    public int fpRegnum() {
        return fpRegnum;
    }

    /** Registers to send in a {@code T} stop reply, as gdbserver does: fp, sp, pc. */
    public int[] expeditedRegnums() {
        return new int[] {fpRegnum, spRegnum, pcRegnum};
    }

    /**
     * The registers the kernel keeps in NT_PRSTATUS (the general registers: amd64 rax..gs,
     * fs_base, gs_base, orig_rax; aarch64 x0..x30, sp, pc, cpsr), in register number order.
     * A stop reply that carries all of them spares gdb its {@code g} round trip when it
     * unwinds or prints a frame in code it did not stop at itself.
     */
    public int[] generalRegnums() {
        int[] out = general;
        if (out == null) {
            out = registers.stream().filter(r -> r.slot().regset() == Regset.NT_PRSTATUS)
                    .mapToInt(RegisterDef::regnum).toArray();
            general = out;
        }
        return out.clone();
    }

    /** The XSAVE layout this layout was built for, or null (no NT_X86_XSTATE in use). */
    public XsaveLayout xsave() {
        return xsave;
    }

    /** The regsets this layout reads, in first-use order. */
    public Set<Regset> regsets() {
        Set<Regset> out = EnumSet.noneOf(Regset.class);
        for (RegisterDef r : registers) {
            out.add(r.slot().regset());
        }
        return out;
    }

    /** The smallest buffer the kernel must hand for {@code regset}: the end of its last slot. */
    public int minimumRegsetSize(Regset regset) {
        int max = 0;
        for (RegisterDef r : registers) {
            if (r.slot().regset() == regset) {
                max = Math.max(max, r.slot().end());
            }
        }
        if (regset == Regset.NT_X86_XSTATE && xsave != null) {
            max = Math.max(max, XsaveLayout.HEADER_OFFSET + 8);
        }
        return max;
    }

    /** The complete {@code target.xml}; see {@link TargetXml}. */
    public String targetXml() {
        return TargetXml.generate(this);
    }

    @Override
    public String toString() {
        return "TargetLayout[" + architecture + ", " + registers.size() + " registers, g "
                + gPacketSize + " bytes, features " + features.stream().map(Feature::name).toList()
                + "]";
    }
}
