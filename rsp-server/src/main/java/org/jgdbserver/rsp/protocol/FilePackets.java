package org.jgdbserver.rsp.protocol;

import java.util.Arrays;

/**
 * Host I/O packets (GDB manual, "Host I/O Packets": {@code vFile:open}, {@code pread},
 * {@code pwrite}, {@code close}, {@code fstat}, {@code unlink}, {@code readlink}, {@code setfs}).
 * Replies are {@code F result[,errno][;attachment]}; see {@link Replies#fileResult},
 * {@link Replies#fileError} and {@link Replies#fileData}. Flags, modes and errno values use GDB's
 * File-I/O numbering ("Protocol-specific Representation of Datatypes"), not the host's.
 */
public final class FilePackets {

    private FilePackets() {
    }

    /**
     * {@code vFile:open:hexname,flags,mode}: open a file on the target.
     *
     * @param path  the file name (UTF-8)
     * @param flags File-I/O open flags
     * @param mode  File-I/O mode bits
     */
    public record FileOpenPacket(String path, int flags, int mode) implements RspRequest {
    }

    /**
     * {@code vFile:close:fd}.
     *
     * @param fd descriptor from a previous open
     */
    public record FileClosePacket(int fd) implements RspRequest {
    }

    /**
     * {@code vFile:pread:fd,count,offset}. Reply {@code F count;data}.
     *
     * @param fd     descriptor
     * @param count  bytes wanted
     * @param offset file offset
     */
    public record FilePreadPacket(int fd, int count, long offset) implements RspRequest {
    }

    /**
     * {@code vFile:pwrite:fd,offset,data}: the data is binary, already unescaped. Reply
     * {@code F count}.
     *
     * @param fd     descriptor
     * @param offset file offset
     * @param data   the bytes
     */
    public record FilePwritePacket(int fd, long offset, byte[] data) implements RspRequest {
        @Override
        public boolean equals(Object o) {
            return o instanceof FilePwritePacket p && fd == p.fd && offset == p.offset && Arrays.equals(data, p.data);
        }

        @Override
        public int hashCode() {
            return fd * 31 + Long.hashCode(offset) * 7 + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return "FilePwritePacket[fd=" + fd + ", offset=" + offset + ", " + data.length + " bytes]";
        }
    }

    /**
     * {@code vFile:fstat:fd}. Reply {@code F size;struct-stat} in GDB's File-I/O layout.
     *
     * @param fd descriptor
     */
    public record FileFstatPacket(int fd) implements RspRequest {
    }

    /**
     * {@code vFile:unlink:hexname}.
     *
     * @param path the file name (UTF-8)
     */
    public record FileUnlinkPacket(String path) implements RspRequest {
    }

    /**
     * {@code vFile:readlink:hexname}. Reply {@code F length;target}.
     *
     * @param path the link name (UTF-8)
     */
    public record FileReadlinkPacket(String path) implements RspRequest {
    }

    /**
     * {@code vFile:setfs:pid}: resolve later file names in the mount namespace of {@code pid}
     * (0 = the server's own).
     *
     * @param pid the process
     */
    public record FileSetfsPacket(long pid) implements RspRequest {
    }

    /** Parses {@code vFile:op:...}; the cursor is after {@code vFile:}. Null for unknown ops. */
    static RspRequest parse(PacketReader r) {
        int colon = r.indexOf(':');
        if (colon < 0) {
            return null;
        }
        String op = r.textTo(colon);
        r.pos++;
        switch (op) {
            case "open": {
                int comma = r.indexOf(',');
                if (comma < 0) {
                    throw PacketReader.fail("vFile:open: expected ','");
                }
                String path = r.hexStringTo(comma);
                r.pos++;
                int flags = r.hexInt(Integer.MAX_VALUE);
                r.expect(',');
                int mode = r.hexInt(Integer.MAX_VALUE);
                r.expectEnd();
                return new FileOpenPacket(path, flags, mode);
            }
            case "close":
                return new FileClosePacket(fdToEnd(r));
            case "fstat":
                return new FileFstatPacket(fdToEnd(r));
            case "pread": {
                int fd = r.hexInt(Integer.MAX_VALUE);
                r.expect(',');
                int count = r.hexInt(Integer.MAX_VALUE);
                r.expect(',');
                long offset = r.hex();
                r.expectEnd();
                return new FilePreadPacket(fd, count, offset);
            }
            case "pwrite": {
                int fd = r.hexInt(Integer.MAX_VALUE);
                r.expect(',');
                long offset = r.hex();
                r.expect(',');
                return new FilePwritePacket(fd, offset, r.rest());
            }
            case "unlink":
                return new FileUnlinkPacket(r.hexStringTo(r.end));
            case "readlink":
                return new FileReadlinkPacket(r.hexStringTo(r.end));
            case "setfs": {
                long pid = r.hex();
                r.expectEnd();
                return new FileSetfsPacket(pid);
            }
            default:
                return null;
        }
    }

    private static int fdToEnd(PacketReader r) {
        int fd = r.hexInt(Integer.MAX_VALUE);
        r.expectEnd();
        return fd;
    }
}
