/**
 * The native facade: the only code in jgdbserver that calls ptrace(2), waitpid(2),
 * process_vm_readv(2) and the C shim in native/. Everything here but {@code Ptrace.wake()} and
 * the memory reads belongs to the tracer thread.
 */
package org.jgdbserver.tracer.sys;
