/* The breakpoint benchmark's inferior: calls bp_target() argv[1] times, then exits 0. */
#include <stdlib.h>

volatile long hits;

__attribute__((noinline)) void bp_target(void)
{
    hits++;
}

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 100000;
    for (long i = 0; i < n; i++)
        bp_target();
    return 0;
}
