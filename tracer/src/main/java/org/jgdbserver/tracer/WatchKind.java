package org.jgdbserver.tracer;

/** Hardware debug-register kinds (x86 DR7 R/W bits: 00 execute, 01 write, 11 read or write). */
public enum WatchKind {
    EXECUTE(0), WRITE(1), ACCESS(3);

    final int rwBits;

    WatchKind(int rwBits) {
        this.rwBits = rwBits;
    }
}
