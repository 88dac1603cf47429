/* A single-threaded loop: tick() is called `count` times (argv[1], default forever),
 * advancing the global `counter`; `watched` changes every 16 ticks. Exit status: argv[2]. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

volatile long counter;
volatile long watched;

__attribute__((noinline)) void tick(void)
{
    counter++;
    if ((counter & 15) == 0)
        watched = counter;
}

int main(int argc, char **argv)
{
    long count = argc > 1 ? atol(argv[1]) : -1;
    int status = argc > 2 ? atoi(argv[2]) : 0;
    for (long i = 0; count < 0 || i < count; i++) {
        tick();
        if (count < 0)
            usleep(1000);
    }
    return status;
}
