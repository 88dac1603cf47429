/*
 * jgshim: the few lines of C that must not run as JVM code.
 *
 * - Spawning an inferior: fork in C, so the child runs no JVM code between fork and execve
 *   (../shared/ENGINEERING-NOTES.md: "Never call fork() through JNA").
 * - The SIGCHLD wake-up: a handler that writes one byte to a pipe (the self-pipe pattern), and
 *   jg_wait(), which blocks in poll() on that pipe and on an eventfd that other threads signal
 *   when they queue work for the tracer thread, then drains waitpid(__WALL|__WNOTHREAD|WNOHANG).
 * - Thin ptrace/process_vm_readv/pwrite wrappers that return -errno instead of setting errno,
 *   so the Java side never has to race for errno.
 *
 * Everything here except jg_wake() must be called from the tracer thread: a tracee belongs to
 * the OS thread that attached it (ptrace(2)).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cpuid.h>
#include <elf.h>
#include <sys/eventfd.h>
#include <sys/personality.h>
#include <sys/ptrace.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>

#define JG_NO_ASLR        1  /* personality(ADDR_NO_RANDOMIZE) in the child */
#define JG_STDIO_REDIRECT 2  /* stdin from /dev/null, stdout to stderr (the RSP link is on stdio) */
#define JG_NEW_PGRP       4  /* setpgid(0, 0): the inferior leads its own process group */

/*
 * Each tracer (normally one per process; tests start several in turn) has a waiter: a pipe the
 * SIGCHLD handler writes to, and an eventfd other threads signal. The handler writes to every
 * waiter's pipe: a tracer thread collects only its own children and tracees (__WNOTHREAD), so
 * each must look for itself.
 */
#define MAX_WAITERS 16
static int chld_read[MAX_WAITERS];
static volatile int chld_write[MAX_WAITERS];
static int wake_fds[MAX_WAITERS];
static int handler_installed;

static void on_sigchld(int sig)
{
    (void) sig;
    int saved = errno;
    char b = 0;
    for (int i = 0; i < MAX_WAITERS; i++) {
        int fd = chld_write[i];
        if (fd > 0) {
            ssize_t r = write(fd, &b, 1); /* non-blocking: a full pipe already means "wake" */
            (void) r;
        }
    }
    errno = saved;
}

/* Installs the SIGCHLD handler (once) and returns a new waiter's index, or -errno. */
int jg_init(void)
{
    static int next;
    if (next >= MAX_WAITERS)
        return -EMFILE;
    int p[2];
    if (pipe2(p, O_NONBLOCK | O_CLOEXEC) < 0)
        return -errno;
    int w = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (w < 0) {
        int e = errno;
        close(p[0]);
        close(p[1]);
        return -e;
    }
    int idx = __atomic_fetch_add(&next, 1, __ATOMIC_SEQ_CST);
    if (idx >= MAX_WAITERS) {
        close(p[0]); close(p[1]); close(w);
        return -EMFILE;
    }
    chld_read[idx] = p[0];
    wake_fds[idx] = w;
    chld_write[idx] = p[1];
    if (!__atomic_exchange_n(&handler_installed, 1, __ATOMIC_SEQ_CST)) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_sigchld;
        sa.sa_flags = SA_RESTART; /* and no SA_NOCLDSTOP: tracee stops must wake us */
        sigemptyset(&sa.sa_mask);
        if (sigaction(SIGCHLD, &sa, NULL) < 0)
            return -errno;
    }
    return idx;
}

/* The read end of waiter `idx`'s SIGCHLD pipe, for an event loop that hosts the tracer: when it
 * turns readable, jg_wait(idx, 0, ...) drains it and collects the statuses. */
int jg_waiter_fd(int idx)
{
    if (idx < 0 || idx >= MAX_WAITERS)
        return -EINVAL;
    return chld_read[idx];
}

/* Any thread: tell tracer `idx` that work is queued. */
int jg_wake(int idx)
{
    uint64_t one = 1;
    if (idx < 0 || idx >= MAX_WAITERS)
        return -EINVAL;
    if (write(wake_fds[idx], &one, sizeof one) < 0 && errno != EAGAIN)
        return -errno;
    return 0;
}

static void drain(int fd)
{
    char buf[256];
    while (read(fd, buf, sizeof buf) > 0)
        ;
}

static int reap(int *pids, int *statuses, int max)
{
    int n = 0;
    while (n < max) {
        int st;
        pid_t p = waitpid(-1, &st, __WALL | __WNOTHREAD | WNOHANG);
        if (p <= 0)
            break;
        pids[n] = p;
        statuses[n] = st;
        n++;
    }
    return n;
}

/*
 * Collect wait statuses of our tracees and children, at most max. Blocks up to timeout_ms
 * (-1: forever) when there is none. Returns the count (>0), 0 when woken by jg_wake() or the
 * timeout, or -errno. Only __WNOTHREAD statuses: a process the JVM started with ProcessBuilder
 * is a child of another thread and stays that thread's to reap.
 */
int jg_wait(int idx, int timeout_ms, int *pids, int *statuses, int max)
{
    if (idx < 0 || idx >= MAX_WAITERS)
        return -EINVAL;
    for (;;) {
        int n = reap(pids, statuses, max);
        if (n > 0)
            return n;
        struct pollfd fds[2] = {
            { .fd = chld_read[idx], .events = POLLIN },
            { .fd = wake_fds[idx], .events = POLLIN },
        };
        int r = poll(fds, 2, timeout_ms);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return -errno;
        }
        if (fds[0].revents)
            drain(chld_read[idx]);
        if (fds[1].revents) {
            uint64_t v;
            ssize_t rr = read(wake_fds[idx], &v, sizeof v);
            (void) rr;
            /* reap first, then report the wake-up: statuses are never older than commands */
            return reap(pids, statuses, max);
        }
        if (r == 0)
            return 0;
    }
}

/*
 * For an event loop that watches jg_waiter_fd(idx) (level-triggered): one read empties the
 * SIGCHLD pipe (a fuller pipe stays readable and the loop calls again), then the statuses are
 * collected, at most max. Never blocks. A SIGCHLD after the read leaves a byte in the pipe, so
 * no status can be missed; one call per wake-up, where jg_wait(idx, 0, ...) needs two (the
 * second to see that nothing is left) and polls.
 */
int jg_collect(int idx, int *pids, int *statuses, int max)
{
    char buf[256];
    if (idx < 0 || idx >= MAX_WAITERS)
        return -EINVAL;
    ssize_t r = read(chld_read[idx], buf, sizeof buf);
    (void) r;
    return reap(pids, statuses, max);
}

/*
 * Fork a child that waits on a pipe until jg_release(), then execs path. The caller seizes the
 * child in between, so the exec itself is the first event the tracer sees. Returns the pid and
 * stores the release descriptor in *release_fd, or returns -errno.
 */
int jg_spawn(const char *path, char *const argv[], char *const envp[], const char *cwd,
             int flags, int *release_fd)
{
    int go[2], report[2];
    if (pipe2(go, O_CLOEXEC) < 0)
        return -errno;
    if (pipe2(report, O_CLOEXEC) < 0) {
        int e = errno;
        close(go[0]);
        close(go[1]);
        return -e;
    }
    pid_t pid = fork();
    if (pid < 0) {
        int e = errno;
        close(go[0]); close(go[1]); close(report[0]); close(report[1]);
        return -e;
    }
    if (pid == 0) {
        /* Child: async-signal-safe calls only, then execve. */
        int err = 0;
        char c;
        close(go[1]);
        close(report[0]);
        while (read(go[0], &c, 1) < 0 && errno == EINTR)
            ;
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, NULL);
        for (int s = 1; s < NSIG; s++) {
            struct sigaction old;
            if (s == SIGKILL || s == SIGSTOP)
                continue;
            if (sigaction(s, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
                signal(s, SIG_DFL);
        }
        signal(SIGCHLD, SIG_DFL);
        if (flags & JG_NEW_PGRP)
            setpgid(0, 0);
        if (flags & JG_NO_ASLR) {
            int pers = personality(0xffffffff);
            if (pers != -1)
                personality(pers | ADDR_NO_RANDOMIZE);
        }
        if (flags & JG_STDIO_REDIRECT) {
            /* As gdbserver says it: the program's output goes to our stderr, not to gdb. */
            static const char note[] = "stdin/stdout redirected\n";
            if (write(2, note, sizeof note - 1) < 0) {
                /* nothing to do: stderr is gone */
            }
            int nul = open("/dev/null", O_RDONLY);
            if (nul >= 0) {
                dup2(nul, 0);
                close(nul);
            }
            dup2(2, 1);
        }
        if (cwd && *cwd && chdir(cwd) < 0) {
            err = errno;
            goto fail;
        }
        /* No JVM descriptor leaks into the inferior: keep 0-2 and our report pipe. */
        if (report[1] > 3)
            syscall(SYS_close_range, 3U, (unsigned) report[1] - 1, 0U);
        syscall(SYS_close_range, (unsigned) report[1] + 1, ~0U, 0U);
        execve(path, argv, envp);
        err = errno;
    fail:
        {
            ssize_t w = write(report[1], &err, sizeof err);
            (void) w;
        }
        _exit(127);
    }
    close(go[0]);
    close(report[1]);
    /* The report pipe is read by jg_release; keep both in one int pair: go[1] | report[0]<<16. */
    *release_fd = go[1] | (report[0] << 16);
    return pid;
}

/* Let a spawned child run to its execve. Returns 0 when execve succeeded, else the errno it
 * failed with (the child then exits with status 127). */
int jg_release(int release_fd)
{
    int go = release_fd & 0xffff, report = (release_fd >> 16) & 0xffff;
    char c = 1;
    ssize_t w = write(go, &c, 1);
    (void) w;
    close(go);
    int err = 0;
    ssize_t r;
    while ((r = read(report, &err, sizeof err)) < 0 && errno == EINTR)
        ;
    close(report);
    return r == (ssize_t) sizeof err ? err : 0;
}

/* Requests whose result is a status: returns the result (>= 0) or -errno. */
long jg_ptrace(int req, int pid, uintptr_t addr, uintptr_t data)
{
    long r = ptrace((enum __ptrace_request) req, pid, (void *) addr, (void *) data);
    return r < 0 ? -errno : r;
}

/* PEEKDATA/PEEKUSER: -1 is valid data, so the word goes through *out. Returns 0 or -errno. */
int jg_peek(int req, int pid, uintptr_t addr, long *out)
{
    errno = 0;
    long v = ptrace((enum __ptrace_request) req, pid, (void *) addr, NULL);
    if (v == -1 && errno)
        return -errno;
    *out = v;
    return 0;
}

/* PTRACE_GETREGSET: returns the byte count the kernel filled in, or -errno. */
int jg_getregset(int pid, int note, void *buf, int len)
{
    struct iovec iov = { .iov_base = buf, .iov_len = (size_t) len };
    if (ptrace(PTRACE_GETREGSET, pid, (void *) (uintptr_t) note, &iov) < 0)
        return -errno;
    return (int) iov.iov_len;
}

int jg_setregset(int pid, int note, void *buf, int len)
{
    struct iovec iov = { .iov_base = buf, .iov_len = (size_t) len };
    if (ptrace(PTRACE_SETREGSET, pid, (void *) (uintptr_t) note, &iov) < 0)
        return -errno;
    return (int) iov.iov_len;
}

/* Bulk read of another process's memory in one syscall. Returns bytes read or -errno. */
long jg_vm_read(int pid, uintptr_t addr, void *buf, long len)
{
    struct iovec local = { .iov_base = buf, .iov_len = (size_t) len };
    struct iovec remote = { .iov_base = (void *) addr, .iov_len = (size_t) len };
    ssize_t r = process_vm_readv(pid, &local, 1, &remote, 1, 0);
    return r < 0 ? -errno : r;
}

/* Memory access through /proc/PID/mem, which writes even read-only text (as ptrace does). */
long jg_pread(int fd, void *buf, long len, uintptr_t addr)
{
    ssize_t r = pread64(fd, buf, (size_t) len, (off64_t) addr);
    return r < 0 ? -errno : r;
}

long jg_pwrite(int fd, const void *buf, long len, uintptr_t addr)
{
    ssize_t r = pwrite64(fd, buf, (size_t) len, (off64_t) addr);
    return r < 0 ? -errno : r;
}

int jg_open(const char *path, int flags)
{
    int fd = open(path, flags | O_CLOEXEC);
    return fd < 0 ? -errno : fd;
}

int jg_close(int fd)
{
    return close(fd) < 0 ? -errno : 0;
}

int jg_tgkill(int tgid, int tid, int sig)
{
    return syscall(SYS_tgkill, tgid, tid, sig) < 0 ? -errno : 0;
}

int jg_kill(int pid, int sig)
{
    return kill(pid, sig) < 0 ? -errno : 0;
}

/* CPUID, for the XSAVE component offsets (leaf 0xD): out = eax, ebx, ecx, edx. */
int jg_cpuid(unsigned leaf, unsigned subleaf, unsigned *out)
{
    unsigned a, b, c, d;
    if (!__get_cpuid_count(leaf, subleaf, &a, &b, &c, &d))
        return -EINVAL;
    out[0] = a; out[1] = b; out[2] = c; out[3] = d;
    return 0;
}

/*
 * The terminal: an inferior started in a process group of its own must own the terminal's
 * foreground, or reading its stdin stops it with SIGTTIN (gdbserver does the same in
 * post_fork_inferior). We ignore SIGTTOU/SIGTTIN ourselves, as gdbserver does; the inferior's
 * spawn resets ignored signals to their defaults. Returns 1 when done, 0 when stderr is no
 * terminal, or -errno.
 */
static int term_fd = -1;
static pid_t term_old_pgrp = -1;

int jg_give_terminal(int pgrp)
{
    int fd = 2;
    if (!isatty(fd))
        return 0;
    signal(SIGTTOU, SIG_IGN);
    signal(SIGTTIN, SIG_IGN);
    if (term_old_pgrp < 0)
        term_old_pgrp = tcgetpgrp(fd);
    if (tcsetpgrp(fd, pgrp) < 0)
        return -errno;
    term_fd = fd;
    return 1;
}

int jg_restore_terminal(void)
{
    if (term_fd >= 0 && term_old_pgrp > 0 && tcsetpgrp(term_fd, term_old_pgrp) < 0)
        return -errno;
    return 0;
}
