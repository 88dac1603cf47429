package org.jgdbserver.tracer;

/** What a {@link EngineOps#reportClone} child is: a thread of the same process, or a new process. */
public enum CloneKind {
    THREAD, FORK, VFORK
}
