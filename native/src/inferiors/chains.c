/* Chains of short-lived threads, for attach tests: each link starts its successor and exits, so
 * the process holds about two threads per chain while thread ids run on through pid_max.
 *
 *   chains [N]    N chains of each kind (default 20), then the main thread sleeps
 *
 * A "relay" link takes the relay lock, starts the next link, calls link_done() and lets the lock
 * go: a successor waits for its predecessor's lock. A "joiner" link first joins its predecessor,
 * then starts the next link and calls link_done(). A debugger that attaches while a link is inside
 * pthread_create must still end up tracing every link: one it missed would run on untraced and
 * die of the first breakpoint it meets in link_done(). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_mutex_t relay_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_attr_t detached;
volatile unsigned long links;

__attribute__((noinline)) void link_done(void)
{
    __atomic_add_fetch(&links, 1, __ATOMIC_RELAXED);
}

static void start(void *(*fn)(void *), void *arg, const pthread_attr_t *attr)
{
    pthread_t t;
    while (pthread_create(&t, attr, fn, arg) != 0) {
        usleep(1000); /* out of threads for a moment: the old links are still leaving */
    }
}

static void *relay(void *arg)
{
    pthread_mutex_lock(&relay_lock);
    start(relay, arg, &detached);
    link_done();
    pthread_mutex_unlock(&relay_lock);
    return NULL;
}

/* The joiner's argument: the link before it, or 0 for the first of a chain. */
static void *joiner(void *arg)
{
    pthread_t before = (pthread_t) arg;
    if (before != 0) {
        pthread_join(before, NULL);
    }
    start(joiner, (void *) pthread_self(), NULL);
    link_done();
    return NULL;
}

int main(int argc, char **argv)
{
    int n = argc > 1 ? atoi(argv[1]) : 20;
    pthread_attr_init(&detached);
    pthread_attr_setdetachstate(&detached, PTHREAD_CREATE_DETACHED);
    for (int i = 0; i < n; i++) {
        start(relay, NULL, &detached);
        start(joiner, NULL, NULL);
    }
    printf("ready\n");
    fflush(stdout);
    for (;;) {
        pause();
    }
}
