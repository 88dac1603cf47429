/* Leader exit: N threads (argv[1], default 8) and the main thread leave together, each with
 * the exit(2) system call (not exit_group) and its own code: thread i with i + 2, the leader
 * with 1. A debugger reports the process as exited with the leader's code, 1. */
#include <pthread.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

static pthread_barrier_t all_here;

static void leave(int code)
{
    pthread_barrier_wait(&all_here);
    syscall(SYS_exit, code);
}

static void *thread_main(void *arg)
{
    leave((int) (long) arg);
    return NULL;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 8;
    pthread_barrier_init(&all_here, NULL, n + 1);
    for (int i = 0; i < n; i++) {
        pthread_t t;
        pthread_create(&t, NULL, thread_main, (void *) (long) (i + 2));
    }
    leave(1);
    return 0;
}
