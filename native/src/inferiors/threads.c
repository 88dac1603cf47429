/* N threads (argv[1], default 4), named "worker-i". Mode (argv[2]): "spin" (default) each calls work() in
 * a loop, advancing counters[i]; "burst" the same without pause, and main returns after 20 ms; "block"
 * each waits on a barrier that never completes; "exit" threads are created and exit at a high rate. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX 4096
volatile long counters[MAX];
static pthread_barrier_t never;
static int mode;

__attribute__((noinline)) void work(int i)
{
    counters[i]++;
}

/* Mode "alarm": as spin, while a timer of its own sends each worker SIGALRM every 50 us. */
#include <signal.h>
#include <time.h>

static void on_alarm(int sig)
{
    (void) sig;
}

/* SIGALRM to this thread alone, every 50 us. */
static void arm_alarm(void)
{
    struct sigevent sev;
    timer_t timer;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_THREAD_ID;
    sev.sigev_signo = SIGALRM;
    sev._sigev_un._tid = gettid();
    struct itimerspec every = {{0, 50000}, {0, 50000}};
    if (timer_create(CLOCK_MONOTONIC, &sev, &timer) != 0 || timer_settime(timer, 0, &every, NULL) != 0) {
        perror("timer");
        exit(1);
    }
}

static void *run(void *arg)
{
    int i = (int) (long) arg;
    char name[16];
    snprintf(name, sizeof name, "worker-%d", i);
    pthread_setname_np(pthread_self(), name);
    if (mode == 4) {
        arm_alarm();
    }
    if (mode == 1) {
        pthread_barrier_wait(&never);
        return NULL;
    }
    for (;;) {
        work(i);
        if (mode != 3)
            usleep(100);
    }
}

static void *brief(void *arg)
{
    (void) arg;
    return NULL;
}

volatile int all_started;

__attribute__((noinline)) void started(void)
{
    all_started = 1;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 4;
    if (n > MAX)
        n = MAX;
    mode = argc > 2 && !strcmp(argv[2], "block") ? 1 : argc > 2 && !strcmp(argv[2], "exit") ? 2
         : argc > 2 && !strcmp(argv[2], "burst") ? 3 : argc > 2 && !strcmp(argv[2], "alarm") ? 4 : 0;
    if (mode == 4) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_alarm;
        sa.sa_flags = SA_RESTART;
        sigaction(SIGALRM, &sa, NULL);
    }
    if (mode == 2) {
        started();
        for (;;) {
            pthread_t t;
            if (pthread_create(&t, NULL, brief, NULL) == 0)
                pthread_join(t, NULL);
        }
    }
    pthread_barrier_init(&never, NULL, (unsigned) n + 2);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    for (int i = 0; i < n; i++) {
        pthread_t t;
        if (pthread_create(&t, &attr, run, (void *) (long) i) != 0) {
            perror("pthread_create");
            return 1;
        }
    }
    started();
    if (mode == 3) {
        usleep(20000);
        return 0;
    }
    for (;;)
        pause();
}
