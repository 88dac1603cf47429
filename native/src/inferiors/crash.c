/* Dereferences a null pointer after `depth` nested calls (argv[1], default 3): SIGSEGV. */
#include <stdlib.h>

volatile int *volatile nowhere;

__attribute__((noinline)) int dive(int depth)
{
    if (depth == 0)
        return *nowhere;
    return dive(depth - 1) + 1;
}

int main(int argc, char **argv)
{
    return dive(argc > 1 ? atoi(argv[1]) : 3);
}
