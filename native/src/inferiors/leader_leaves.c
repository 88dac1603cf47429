/* The leader leaves first: main starts a survivor thread, which waits for the main thread with
 * pthread_join, then the main thread calls pthread_exit in leader_leaves(). The kernel keeps the
 * leader as a zombie while the survivor lives on; the survivor ends the process with exit(7).
 *
 *   leader_leaves          the survivor exits as soon as the leader is gone
 *   leader_leaves stay     it runs on until a debugger sets 'release' */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

static pthread_t main_thread;
static pthread_barrier_t ready;
static int stay;
volatile int release;

__attribute__((noinline)) void leader_leaves(void)
{
    pthread_exit(NULL);
}

static void *survivor(void *arg)
{
    (void) arg;
    pthread_barrier_wait(&ready);
    pthread_join(main_thread, NULL);
    while (stay && !release) {
        usleep(1000);
    }
    exit(7);
}

int main(int argc, char **argv)
{
    pthread_t t;
    (void) argv;
    stay = argc > 1;
    main_thread = pthread_self();
    pthread_barrier_init(&ready, NULL, 2);
    pthread_create(&t, NULL, survivor, NULL);
    pthread_barrier_wait(&ready);
    leader_leaves();
    return 0;
}
