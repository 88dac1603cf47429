/* fork, vfork and exec. argv[1]: "fork" (child exits 7, parent waits and exits with the child's
 * status), "vfork" (likewise through vfork+_exit), "exec PROG ARGS..." (execs PROG),
 * "thread-exec PROG ARGS..." (a non-leader thread execs PROG while the leader sleeps). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static char **exec_argv;

__attribute__((noinline)) void in_child(void) { }
__attribute__((noinline)) void in_parent(void) { }

static void *exec_from_thread(void *arg)
{
    (void) arg;
    execv(exec_argv[0], exec_argv);
    perror("execv");
    _exit(126);
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "fork";
    if (!strcmp(what, "fork") || !strcmp(what, "vfork")) {
        pid_t p = !strcmp(what, "fork") ? fork() : vfork();
        if (p == 0) {
            in_child();
            _exit(7);
        }
        in_parent();
        int st;
        waitpid(p, &st, 0);
        return WIFEXITED(st) ? WEXITSTATUS(st) : 99;
    }
    if (!strcmp(what, "exec") && argc > 2) {
        execv(argv[2], argv + 2);
        perror("execv");
        return 126;
    }
    if (!strcmp(what, "thread-exec") && argc > 2) {
        exec_argv = argv + 2;
        pthread_t t;
        pthread_create(&t, NULL, exec_from_thread, NULL);
        for (;;)
            pause();
    }
    fprintf(stderr, "usage: forker fork|vfork|exec PROG...|thread-exec PROG...\n");
    return 2;
}
