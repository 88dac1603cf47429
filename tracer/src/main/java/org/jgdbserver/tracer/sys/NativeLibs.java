package org.jgdbserver.tracer.sys;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.jar.JarEntry;

/**
 * Files for the native libraries that travel in our jar: {@code libjgshim.so} and JNA's
 * {@code libjnidispatch.so}. Extracting both to fresh temporary files on every start (JNA's
 * default, and ours before) cost about 30 ms of start-up: a secure random for the temporary
 * names, copying 170 KB, and JNA's sweep of its temporary directory. Instead each is copied once
 * to {@code $XDG_CACHE_HOME/jgdbserver/CRC-SIZE/NAME} ({@code ~/.cache} by default), keyed by the
 * jar entry's CRC-32 and size as the jar's directory records them (no hashing at start-up), and
 * written through a temporary file and an atomic rename, so that servers starting at the same
 * time never load half a library. A resource that is a plain file (a build tree's classes
 * directory) is loaded where it is. Without a usable cache directory both fall back to
 * temporary files.
 */
public final class NativeLibs {
    private NativeLibs() {}

    private static volatile boolean jnaPrepared;

    /**
     * Sets JNA's system properties for a fast start; must run before any JNA class initializes
     * ({@link Ptrace}'s static fields do). Properties already set (on the command line) win.
     */
    public static synchronized void prepareJna() {
        if (jnaPrepared) {
            return;
        }
        jnaPrepared = true;
        // JNA computes a default library search path by running "/sbin/ldconfig -p" in a child
        // process unless this is set; we load our own library by absolute path and need none.
        if (System.getProperty("jna.platform.library.path") == null) {
            System.setProperty("jna.platform.library.path", "/usr/lib/x86_64-linux-gnu:/lib/x86_64-linux-gnu:/usr/lib:/lib");
        }
        // The dispatch library from our cache: JNA then neither extracts it to a temporary file
        // nor sweeps its temporary directory for stale copies (jna.nounpack).
        if (System.getProperty("jna.boot.library.path") == null && System.getProperty("jna.nounpack") == null) {
            Path jni = cached("com/sun/jna/" + platform() + "/libjnidispatch.so", "libjnidispatch.so", false);
            if (jni != null) {
                System.setProperty("jna.boot.library.path", jni.getParent().toString());
                System.setProperty("jna.nounpack", "true");
            }
        }
    }

    /** A file to load the class-path resource {@code resource} (libjgshim.so) from. */
    static String shim(String resource) {
        prepareJna();
        Path lib = cached(resource, "libjgshim.so", true);
        return (lib != null ? lib : extract(resource)).toString();
    }

    /**
     * Loads a native library that travels in our jar as class-path resource {@code resource},
     * from the same cache as ours (no extraction on later starts). Used for Netty's epoll
     * library: Netty first checks whether the application already loaded it, and only then
     * extracts its own copy to a fresh temporary file (about 20 ms of every start). Returns
     * false, having loaded nothing, when the resource is missing or cannot be cached.
     */
    public static boolean preload(String resource) {
        String name = resource.substring(resource.lastIndexOf('/') + 1);
        Path lib = cached(resource, name, true);
        if (lib == null) {
            return false;
        }
        try {
            System.load(lib.toString());
            return true;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    static String platform() {
        String arch = System.getProperty("os.arch");
        if (arch.equals("amd64") || arch.equals("x86_64")) {
            return "linux-x86-64";
        }
        if (arch.equals("aarch64")) {
            return "linux-aarch64";
        }
        throw new UnsupportedOperationException("os.arch " + arch + ": jgdbserver runs on linux-x86-64");
    }

    /**
     * The cached copy of {@code resource}, created if need be; the resource itself when it is a
     * plain file and {@code direct} allows. Null when there is no such resource or the cache
     * cannot be written.
     */
    private static Path cached(String resource, String name, boolean direct) {
        try {
            URL url = NativeLibs.class.getClassLoader().getResource(resource);
            if (url == null) {
                return null;
            }
            if (url.getProtocol().equals("file")) {
                return direct ? Path.of(url.toURI()) : null;
            }
            if (!url.getProtocol().equals("jar")) {
                return null;
            }
            JarURLConnection c = (JarURLConnection) url.openConnection();
            JarEntry e = c.getJarEntry();
            if (e.getCrc() < 0 || e.getSize() < 0) {
                return null;
            }
            // Not String.format: its first use costs ~20 ms of locale data.
            Path dir = cacheRoot().resolve(Long.toHexString(e.getCrc()) + "-" + e.getSize());
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file) && Files.size(file) == e.getSize()) {
                return file;
            }
            Files.createDirectories(dir);
            Path tmp = dir.resolve(name + "." + ProcessHandle.current().pid() + ".tmp");
            try (InputStream in = c.getInputStream()) {
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                if (Files.size(tmp) != e.getSize()) {
                    return null;
                }
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(tmp);
            }
            return file;
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static Path cacheRoot() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && xdg.startsWith("/")) {
            return Path.of(xdg, "jgdbserver");
        }
        return Path.of(System.getProperty("user.home"), ".cache", "jgdbserver");
    }

    /** The old way: a temporary file deleted at exit. */
    private static Path extract(String resource) {
        try (InputStream in = NativeLibs.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("resource " + resource + " missing: build the native module first");
            }
            Path file = Files.createTempFile("libjgshim", ".so");
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("extracting " + resource, e);
        }
    }
}
