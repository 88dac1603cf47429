/* The C reference for the tracer's breakpoint-cycle benchmark: raw ptrace, no engine layer.
 * usage: ptrace_bp PROG HEXADDR N  -- runs PROG N with an int3 at HEXADDR, and for each hit
 * rewinds the pc, steps over the original instruction, reinserts the int3 and continues.
 * Prints "hits=N seconds=S rate=R" on stdout. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/ptrace.h>
#include <sys/user.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: ptrace_bp PROG HEXADDR N\n");
        return 2;
    }
    unsigned long addr = strtoul(argv[2], NULL, 16);
    pid_t pid = fork();
    if (pid == 0) {
        ptrace(PTRACE_TRACEME, 0, 0, 0);
        execl(argv[1], argv[1], argv[3], (char *) NULL);
        _exit(127);
    }
    int st;
    waitpid(pid, &st, 0); /* the exec SIGTRAP */
    long orig = ptrace(PTRACE_PEEKDATA, pid, (void *) addr, 0);
    long trap = (orig & ~0xffL) | 0xcc;
    ptrace(PTRACE_POKEDATA, pid, (void *) addr, (void *) trap);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    long hits = 0;
    for (;;) {
        ptrace(PTRACE_CONT, pid, 0, 0);
        waitpid(pid, &st, 0);
        if (!WIFSTOPPED(st))
            break;
        struct user_regs_struct regs;
        ptrace(PTRACE_GETREGS, pid, 0, &regs);
        if (regs.rip - 1 != addr)
            continue;
        hits++;
        regs.rip = addr;
        ptrace(PTRACE_SETREGS, pid, 0, &regs);
        ptrace(PTRACE_POKEDATA, pid, (void *) addr, (void *) orig);
        ptrace(PTRACE_SINGLESTEP, pid, 0, 0);
        waitpid(pid, &st, 0);
        ptrace(PTRACE_POKEDATA, pid, (void *) addr, (void *) trap);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double s = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
    printf("hits=%ld seconds=%.3f rate=%.0f\n", hits, s, hits / s);
    return 0;
}
