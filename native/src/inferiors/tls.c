/* Thread-local storage of the program itself (no shared library of ours): N threads (argv[1],
 * default 3) each store their own thread id in tls_tid (.tbss) and add it to tls_sum (.tdata,
 * initially 1000); the main thread does the same. When every thread holds its values, main
 * calls all_set() and every thread waits for ever. So in each thread `print tls_tid` is the
 * LWP id gdb shows for it, and `print tls_sum - tls_tid` is 1000. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

__thread int tls_tid;
__thread long tls_sum = 1000;
static pthread_barrier_t ready, never;

static void set_mine(void)
{
    tls_tid = (int) syscall(SYS_gettid);
    tls_sum += tls_tid;
}

static void *run(void *arg)
{
    (void) arg;
    set_mine();
    pthread_barrier_wait(&ready);
    pthread_barrier_wait(&never);
    return NULL;
}

__attribute__((noinline)) void all_set(void)
{
    __asm__ volatile("" ::: "memory");
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 3;
    pthread_barrier_init(&ready, NULL, (unsigned) n + 1);
    pthread_barrier_init(&never, NULL, (unsigned) n + 2); /* never completes */
    set_mine();
    for (int i = 0; i < n; i++) {
        pthread_t t;
        if (pthread_create(&t, NULL, run, NULL) != 0) {
            perror("pthread_create");
            return 1;
        }
    }
    pthread_barrier_wait(&ready);
    all_set();
    pthread_barrier_wait(&never);
    return 0;
}
