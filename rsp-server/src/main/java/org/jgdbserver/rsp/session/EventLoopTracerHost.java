package org.jgdbserver.rsp.session;

import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.epoll.EpollIoHandle;
import io.netty.channel.epoll.EpollIoOps;
import io.netty.channel.unix.FileDescriptor;
import org.jgdbserver.tracer.TracerHost;

/**
 * The tracer on the server's Netty epoll loop: one thread reads gdb's packets, makes the ptrace
 * calls they need and collects the tracees' stops (the tracer's SIGCHLD pipe is one more
 * descriptor in the loop's epoll set). A request that needs the tracer is served where it
 * arrives; no thread hand-off in either direction.
 */
final class EventLoopTracerHost implements TracerHost {
    private final IoEventLoop loop;

    EventLoopTracerHost(IoEventLoop loop) {
        this.loop = loop;
    }

    @Override
    public void execute(Runnable task) {
        loop.execute(task);
    }

    @Override
    public boolean inLoop() {
        return loop.inEventLoop();
    }

    @Override
    public void watchReadable(int fd, Runnable onReadable) {
        FileDescriptor descriptor = new FileDescriptor(fd);
        EpollIoHandle handle = new EpollIoHandle() {
            @Override
            public FileDescriptor fd() {
                return descriptor;
            }

            @Override
            public void handle(IoRegistration registration, IoEvent event) {
                onReadable.run();
            }

            @Override
            public void close() {
                // the descriptor is the tracer's; it outlives the registration
            }
        };
        loop.register(handle).addListener(f -> {
            if (f.isSuccess()) {
                // Level-triggered (no EPOLLET): called again while the pipe holds bytes.
                ((IoRegistration) f.getNow()).submit(EpollIoOps.EPOLLIN);
            } else {
                Log.debug("tracer pipe not watched: " + f.cause());
            }
        });
    }
}
