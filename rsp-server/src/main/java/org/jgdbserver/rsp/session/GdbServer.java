package org.jgdbserver.rsp.session;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalIoHandler;
import io.netty.channel.local.LocalServerChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.internal.logging.InternalLoggerFactory;
import io.netty.util.internal.logging.JdkLoggerFactory;
import org.jgdbserver.rsp.cli.ServerOptions;
import org.jgdbserver.rsp.wire.RspAckHandler;
import org.jgdbserver.rsp.wire.RspPipeline;
import org.jgdbserver.tracer.TracedProcess;
import org.jgdbserver.tracer.Tracer;
import org.jgdbserver.tracer.sys.NativeLibs;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * The server: what it debugs ({@link Inferiors}), where it listens (TCP, or stdio through a
 * local channel pumped from our standard streams), and gdbserver's rules for when a client
 * leaves: under {@code --once} kill what we started and detach from what we attached to, then
 * exit; under {@code --multi} keep everything for the next client; otherwise keep serving the
 * program until it is gone.
 */
public final class GdbServer {
    /** PacketSize we advertise: large memory reads and qXfer transfers in few round trips. */
    private static final int PACKET_SIZE = 0x100000;

    private final ServerOptions options;
    private final ThreadDbSearchPath threadDb = new ThreadDbSearchPath();
    /** Set by the start-up thread (see {@link #run}); visible here after it is joined. */
    private volatile Tracer tracer;
    private volatile Inferiors inferiors;
    private volatile Throwable startFailure;
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    /** The stop the last client saw, for the next one (see RspSession.stopToKeep). */
    private StopEvent keptStop;

    StopEvent takeKeptStop() {
        StopEvent k = keptStop;
        keptStop = null;
        return k;
    }

    /** The Netty loop the tracer lives on (TCP with native epoll), else null. */
    private EventLoopTracerHost tracerHost;
    private EventLoopGroup group;
    private Channel listener;
    private volatile RspSession active;
    /** A child we started and detached from runs on; we exit when it does (gdbserver's join). */
    private volatile boolean waitingForDetachedChild;

    public GdbServer(ServerOptions options) {
        this.options = options;
    }

    /** {@code monitor set libthread-db-search-path}: server-wide, as in gdbserver. */
    ThreadDbSearchPath threadDb() {
        return threadDb;
    }

    int packetSize() {
        return PACKET_SIZE;
    }

    String defaultProgram() {
        return options.program();
    }

    /**
     * Starts or attaches to the program of the command line, then listens; returns the exit
     * status. Start-up runs on two threads, as the JVM's costs are ours to hide: a start-up thread
     * starts the tracer (loading the native libraries) and launches or attaches to the program,
     * while this one sets up Netty and binds the port. Messages come in gdbserver's order
     * ("Process PROG created; pid = N", then "Listening on port N"), and the port accepts no
     * connection before the second.
     */
    public int run() throws Exception {
        if (!options.comm().isStdio()) {
            quietNetty();
            // Netty's epoll library from our cache: Netty then skips extracting its own copy.
            NativeLibs.preload("META-INF/native/libnetty_transport_native_epoll_x86_64.so");
            boolean epoll = io.netty.channel.epoll.Epoll.isAvailable();
            group = new MultiThreadIoEventLoopGroup(1, epoll ? io.netty.channel.epoll.EpollIoHandler.newFactory()
                    : NioIoHandler.newFactory());
            if (epoll) {
                // The tracer lives on the loop (see EventLoopTracerHost).
                tracerHost = new EventLoopTracerHost((io.netty.channel.IoEventLoop) group.next());
            }
        }
        Thread starter = new Thread(this::start, "jgdb-start");
        starter.setDaemon(true);
        starter.start();
        Exception bindFailure = null;
        if (!options.comm().isStdio()) {
            try {
                bindTcp();
            } catch (Exception e) {
                bindFailure = e;
            }
        }
        starter.join();
        try {
            if (startFailure instanceof Exception e) {
                throw e;
            } else if (startFailure instanceof Error e) {
                throw e;
            } else if (bindFailure != null) {
                throw bindFailure;
            }
            if (options.comm().isStdio()) {
                serveStdio();
            } else {
                int port = ((InetSocketAddress) listener.localAddress()).getPort();
                Log.say("Listening on port " + port);
                listener.config().setAutoRead(true); // accept from now on
            }
        } catch (Exception | Error e) {
            shutdown();
            throw e;
        }
        int status = exit.get();
        shutdown();
        return status;
    }

    /** The start-up thread: the tracer, and the program of the command line. */
    private void start() {
        try {
            NativeLibs.prepareJna(); // before any JNA class initializes
            Tracer t = tracerHost != null ? Tracer.startOn(tracerHost) : Tracer.start();
            tracer = t;
            Inferiors inf = new Inferiors(t, options.startupWithShell(), options.disableRandomization(), options.wrapper());
            inf.stdioRedirect = options.comm().isStdio();
            inferiors = inf;
            if (options.attach()) {
                inf.attach((int) options.attachPid());
            } else if (options.program() != null) {
                inf.launch(options.program(), options.programArgs());
            }
        } catch (Throwable e) {
            startFailure = e;
        }
    }

    /**
     * Netty without its logging probe (it tries SLF4J, Log4J 2 and Log4J, failing class loads
     * at start-up): none of them is in our jar, so it would pick JUL anyway.
     */
    private static void quietNetty() {
        InternalLoggerFactory.setDefaultFactory(JdkLoggerFactory.INSTANCE);
    }

    /** Binds the port; connections wait in the backlog until {@link #run} turns auto-read on. */
    private void bindTcp() throws InterruptedException {
        boolean epoll = tracerHost != null || io.netty.channel.epoll.Epoll.isAvailable();
        ServerBootstrap b = new ServerBootstrap()
                .group(group)
                .channel(epoll ? io.netty.channel.epoll.EpollServerSocketChannel.class : NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .option(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.AUTO_READ, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        if (active != null) {
                            ch.close(); // one client at a time, as gdbserver
                            return;
                        }
                        InetSocketAddress peer = ch.remoteAddress();
                        Log.say("Remote debugging from host " + peer.getAddress().getHostAddress() + ", port " + peer.getPort());
                        install(ch);
                    }
                });
        // gdbserver listens on every address whatever host COMM names.
        listener = b.bind(options.comm().port()).sync().channel();
    }

    private void install(Channel ch) {
        RspAckHandler acks = RspPipeline.addFraming(ch.pipeline());
        RspSession s = new RspSession(this, inferiors, acks, options.multi());
        active = s;
        ch.pipeline().addLast("session", s);
    }

    /**
     * stdio: the session sits on a local channel; one thread pumps our stdin into it, its
     * output goes to our stdout. The inferior's stdout goes to our stderr (see Inferiors).
     */
    private void serveStdio() throws InterruptedException {
        quietNetty();
        group = new MultiThreadIoEventLoopGroup(1, LocalIoHandler.newFactory());
        LocalAddress addr = new LocalAddress("jgdbserver-stdio");
        OutputStream stdout = new FileOutputStream(java.io.FileDescriptor.out);
        System.setOut(new PrintStream(new FileOutputStream(java.io.FileDescriptor.err), true));
        new ServerBootstrap().group(group).channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel ch) {
                        install(ch);
                    }
                }).bind(addr).sync();
        Channel client = new Bootstrap().group(group).channel(LocalChannel.class)
                .handler(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelRead(ChannelHandlerContext ctx, Object msg) {
                        ByteBuf buf = (ByteBuf) msg;
                        try {
                            buf.readBytes(stdout, buf.readableBytes());
                            stdout.flush();
                        } catch (IOException e) {
                            ctx.close();
                        } finally {
                            buf.release();
                        }
                    }
                }).connect(addr).sync().channel();
        Thread pump = new Thread(() -> {
            InputStream in = System.in;
            byte[] b = new byte[65536];
            try {
                int n;
                while ((n = in.read(b)) > 0) {
                    client.writeAndFlush(Unpooled.copiedBuffer(b, 0, n));
                }
            } catch (IOException e) {
                Log.debug("stdin: " + e);
            }
            client.close();
        }, "jgdb-stdin");
        pump.setDaemon(true);
        pump.start();
    }

    /** A client went away (on its event loop). */
    void sessionEnded(RspSession s) {
        if (active != s) {
            return;
        }
        active = null;
        boolean anyLeft = !inferiors.live().isEmpty();
        if (options.once() || options.comm().isStdio()) {
            for (TracedProcess p : inferiors.live()) {
                if (p.wasLaunched()) {
                    Log.say("Killing process(es): " + p.pid());
                    p.kill();
                } else {
                    Log.say("Detaching from process " + p.pid());
                    p.detach(s::deliversOnDetach);
                }
            }
            CompletableFuture.allOf(inferiors.live().stream().map(GdbServer::ended).toArray(CompletableFuture[]::new))
                    .orTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
                    .whenComplete((v, e) -> exit.complete(0));
            if (inferiors.live().isEmpty()) {
                exit.complete(0);
            }
            return;
        }
        // Keep what we debug for the next client: our engine lets go, the threads stay put,
        // and the next client's '?' hears of the stop this one saw last.
        keptStop = s.stopToKeep();
        if (s.engine() != null) {
            s.engine().detach();
        }
        if (!options.multi() && !anyLeft && !waitingForDetachedChild) {
            exit.complete(0);
        }
    }

    private static CompletableFuture<Object> ended(TracedProcess p) {
        return CompletableFuture.anyOf(p.exitFuture(), p.detachFuture());
    }

    /** {@code monitor exit}: after the OK, end what we debug as --once would, and exit. */
    void exitRequested(RspSession s) {
        s.closeAfterFlush();
        for (TracedProcess p : inferiors.live()) {
            if (p.wasLaunched()) {
                p.kill();
            } else {
                p.detach(s::deliversOnDetach);
            }
        }
        CompletableFuture.allOf(inferiors.live().stream().map(GdbServer::ended).toArray(CompletableFuture[]::new))
                .orTimeout(5, java.util.concurrent.TimeUnit.SECONDS)
                .whenComplete((v, e) -> exit.complete(0));
        if (inferiors.live().isEmpty()) {
            exit.complete(0);
        }
    }

    /** A process ended or was detached (on the session's event loop). */
    void processEnded(RspSession s, TracedProcess p) {
        // The engine hears of the death before the tracer completes the process's exit future,
        // so p may still count as live here: it is not.
        // A fork child gdb follows is the session's (its engine adopted it), not one we started
        // or attached to: it still counts, as in gdbserver's process list (foll-fork.exp,
        // follow-fork child with detach-on-fork on, detaches the parent and goes on).
        if (options.multi() || inferiors.live().stream().anyMatch(q -> q != p)
                || s.attachedProcesses().stream().anyMatch(q -> q != p && q.isAlive())) {
            return;
        }
        if (p.detachFuture().isDone() && p.wasLaunched() && !options.once() && p.isAlive()) {
            // gdbserver waits for a child it started and detached from (join_inferior).
            waitingForDetachedChild = true;
            p.exitFuture().whenComplete((st, e) -> exit.complete(0));
            return;
        }
        if (active == s) {
            // gdbserver without --multi exits when its program is gone and its client has left:
            // gdb hears of the exit (a non-stop notification still wants its vStopped), then
            // closes the connection itself, and sessionEnded ends the server. Closing first
            // cut gdb off ("Connection reset by peer": gdb.base/inferior-died.exp).
            return;
        }
        exit.complete(0);
    }

    private void shutdown() {
        try {
            if (active != null) {
                active = null;
            }
            if (listener != null) {
                listener.close().await(1000);
            }
            if (tracer != null) {
                tracer.close(); // before the loop it may live on goes away
            }
            if (group != null) {
                group.shutdownGracefully(0, 200, java.util.concurrent.TimeUnit.MILLISECONDS).await(2000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
