package org.jgdbserver.rsp.protocol;

/**
 * A parsed packet from GDB. Every implementation is an immutable record (byte arrays inside
 * are fresh copies owned by the record). Produced only by {@link RspParser#parse(byte[])}.
 */
public interface RspRequest {
}
