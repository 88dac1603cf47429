package org.jgdbserver.rsp.session;

import org.jgdbserver.rsp.protocol.FilePackets.FileClosePacket;
import org.jgdbserver.rsp.protocol.FilePackets.FileFstatPacket;
import org.jgdbserver.rsp.protocol.FilePackets.FileOpenPacket;
import org.jgdbserver.rsp.protocol.FilePackets.FilePreadPacket;
import org.jgdbserver.rsp.protocol.FilePackets.FilePwritePacket;
import org.jgdbserver.rsp.protocol.FilePackets.FileReadlinkPacket;
import org.jgdbserver.rsp.protocol.FilePackets.FileSetfsPacket;
import org.jgdbserver.rsp.protocol.FilePackets.FileUnlinkPacket;
import org.jgdbserver.rsp.protocol.Replies;
import org.jgdbserver.rsp.protocol.RspRequest;
import org.jgdbserver.rsp.wire.RspReply;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Host I/O (GDB manual, "Host I/O Packets"): gdb opens and reads files on the server's side
 * with {@code vFile:*}, so that its default sysroot {@code target:} loads the program and its
 * libraries from here, and {@code remote get/put/delete} work. Flags, modes, errno values and
 * {@code struct stat} use gdb's File-I/O representation ("Protocol-specific Representation of
 * Datatypes"), not the host's.
 */
final class HostIo {
    // File-I/O open flags.
    private static final int O_WRONLY = 1, O_RDWR = 2, O_APPEND = 8, O_CREAT = 0x200, O_TRUNC = 0x400, O_EXCL = 0x800;
    // File-I/O errno values.
    private static final int EPERM = 1, ENOENT = 2, EBADF = 9, EACCES = 13, EEXIST = 17, ENOTDIR = 20, EISDIR = 21,
            EINVAL = 22, EMFILE = 24, ENAMETOOLONG = 91, EUNKNOWN = 9999;
    private static final int MAX_OPEN = 256;

    private final Map<Integer, Handle> handles = new HashMap<>();
    private int nextFd = 3;

    private record Handle(Path path, FileChannel channel) {}

    /** Null when the request is not host I/O. */
    RspReply handle(RspRequest r) {
        if (r instanceof FileOpenPacket) {
            return open((FileOpenPacket) r);
        }
        if (r instanceof FilePreadPacket) {
            return pread((FilePreadPacket) r);
        }
        if (r instanceof FileClosePacket) {
            Handle h = handles.remove(((FileClosePacket) r).fd());
            if (h == null) {
                return Replies.fileError(EBADF);
            }
            try {
                h.channel().close();
            } catch (IOException e) {
                return Replies.fileError(errno(e));
            }
            return Replies.fileResult(0);
        }
        if (r instanceof FilePwritePacket) {
            FilePwritePacket w = (FilePwritePacket) r;
            Handle h = handles.get(w.fd());
            if (h == null) {
                return Replies.fileError(EBADF);
            }
            try {
                return Replies.fileResult(h.channel().write(ByteBuffer.wrap(w.data()), w.offset()));
            } catch (IOException | RuntimeException e) {
                return Replies.fileError(errno(e));
            }
        }
        if (r instanceof FileFstatPacket) {
            Handle h = handles.get(((FileFstatPacket) r).fd());
            if (h == null) {
                return Replies.fileError(EBADF);
            }
            try {
                byte[] st = stat(h.path());
                return Replies.fileData(st, 0, st.length);
            } catch (IOException | RuntimeException e) {
                return Replies.fileError(errno(e));
            }
        }
        if (r instanceof FileUnlinkPacket) {
            try {
                Files.delete(Path.of(((FileUnlinkPacket) r).path()));
                return Replies.fileResult(0);
            } catch (IOException | RuntimeException e) {
                return Replies.fileError(errno(e));
            }
        }
        if (r instanceof FileReadlinkPacket) {
            try {
                byte[] target = Files.readSymbolicLink(Path.of(((FileReadlinkPacket) r).path())).toString()
                        .getBytes(StandardCharsets.UTF_8);
                return Replies.fileData(target, 0, target.length);
            } catch (IOException | RuntimeException e) {
                return Replies.fileError(errno(e));
            }
        }
        if (r instanceof FileSetfsPacket) {
            // We open files in our own mount namespace; processes we debug share it unless they
            // were started in containers of their own, which we do not enter.
            return Replies.fileResult(0);
        }
        return null;
    }

    private RspReply open(FileOpenPacket o) {
        if (handles.size() >= MAX_OPEN) {
            return Replies.fileError(EMFILE);
        }
        Set<OpenOption> opts = new HashSet<>();
        int acc = o.flags() & 3;
        opts.add(StandardOpenOption.READ);
        if (acc == O_WRONLY || acc == O_RDWR) {
            opts.add(StandardOpenOption.WRITE);
            if (acc == O_WRONLY) {
                opts.remove(StandardOpenOption.READ);
            }
        }
        if ((o.flags() & O_APPEND) != 0) {
            opts.add(StandardOpenOption.APPEND);
        }
        if ((o.flags() & O_CREAT) != 0) {
            opts.add((o.flags() & O_EXCL) != 0 ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        }
        if ((o.flags() & O_TRUNC) != 0) {
            opts.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        Path p = Path.of(o.path());
        try {
            if (Files.isDirectory(p) && acc != 0) {
                return Replies.fileError(EISDIR);
            }
            FileChannel ch;
            if ((o.flags() & O_CREAT) != 0) {
                ch = FileChannel.open(p, opts, PosixFilePermissions.asFileAttribute(perms(o.mode())));
            } else {
                ch = FileChannel.open(p, opts);
            }
            int fd = nextFd++;
            handles.put(fd, new Handle(p, ch));
            return Replies.fileResult(fd);
        } catch (IOException | RuntimeException e) {
            return Replies.fileError(errno(e));
        }
    }

    private RspReply pread(FilePreadPacket r) {
        Handle h = handles.get(r.fd());
        if (h == null) {
            return Replies.fileError(EBADF);
        }
        if (r.count() < 0 || r.offset() < 0) {
            return Replies.fileError(EINVAL);
        }
        int want = Math.min(r.count(), 0x10000);
        ByteBuffer buf = ByteBuffer.allocate(want);
        try {
            long pos = r.offset();
            while (buf.hasRemaining()) {
                int n = h.channel().read(buf, pos + buf.position());
                if (n <= 0) {
                    break;
                }
            }
            return Replies.fileData(buf.array(), 0, buf.position());
        } catch (IOException | RuntimeException e) {
            return Replies.fileError(errno(e));
        }
    }

    /** struct stat in File-I/O form: big-endian, 64 bytes (GDB manual, "struct stat"). */
    private static byte[] stat(Path p) throws IOException {
        Map<String, Object> a = Files.readAttributes(p, "unix:dev,ino,mode,nlink,uid,gid,rdev,size,lastAccessTime,lastModifiedTime,ctime");
        ByteBuffer b = ByteBuffer.allocate(64);
        b.putInt((int) (long) (Long) a.get("dev"));
        b.putInt((int) (long) (Long) a.get("ino"));
        b.putInt((Integer) a.get("mode"));
        b.putInt((Integer) a.get("nlink"));
        b.putInt((Integer) a.get("uid"));
        b.putInt((Integer) a.get("gid"));
        b.putInt((int) (long) (Long) a.get("rdev"));
        b.putLong((Long) a.get("size"));
        b.putLong(4096);
        b.putLong(((Long) a.get("size") + 511) / 512);
        b.putInt((int) ((FileTime) a.get("lastAccessTime")).toMillis() / 1000);
        b.putInt((int) (((FileTime) a.get("lastModifiedTime")).toMillis() / 1000));
        b.putInt((int) (((FileTime) a.get("ctime")).toMillis() / 1000));
        return b.array();
    }

    private static Set<PosixFilePermission> perms(int mode) {
        Set<PosixFilePermission> s = new HashSet<>();
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int i = 0; i < order.length; i++) {
            if ((mode & (1 << i)) != 0) {
                s.add(order[i]);
            }
        }
        return s;
    }

    private static int errno(Exception e) {
        if (e instanceof NoSuchFileException) {
            return ENOENT;
        }
        if (e instanceof AccessDeniedException) {
            return EACCES;
        }
        if (e instanceof FileAlreadyExistsException) {
            return EEXIST;
        }
        if (e instanceof NotDirectoryException) {
            return ENOTDIR;
        }
        if (e instanceof java.nio.file.InvalidPathException) {
            return ENAMETOOLONG;
        }
        if (e instanceof FileSystemException) {
            String reason = ((FileSystemException) e).getReason();
            if (reason != null) {
                if (reason.contains("Is a directory")) {
                    return EISDIR;
                }
                if (reason.contains("Operation not permitted")) {
                    return EPERM;
                }
                if (reason.contains("Not a directory")) {
                    return ENOTDIR;
                }
            }
        }
        return EUNKNOWN;
    }

    void closeAll() {
        for (Handle h : handles.values()) {
            try {
                h.channel().close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        handles.clear();
    }
}
