/* For end-to-end gdb sessions: globals of several types to print, compute() with locals and a
 * return value to step into, next over and finish from, and a global `watched` that changes
 * on every round. Runs argv[1] rounds (default 3; 0 or less: forever, sleeping 1 ms a round)
 * and exits with the total & 0x7f (43 for 3 rounds). */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int g_int = 42;
double g_double = 2.5;
const char *g_str = "hello";
struct point {
    int x, y;
} g_point = { 3, 4 };
int g_array[4] = { 1, 2, 3, 4 };
volatile long watched;

__attribute__((noinline)) int square(int v)
{
    int sq = v * v; /* square-body */
    return sq;
}

__attribute__((noinline)) int compute(int a, int b)
{
    int sum = a + b; /* compute-first */
    int prod = a * b;
    int result = square(sum) + prod; /* compute-call */
    watched = result; /* compute-watch */
    return result;
}

int main(int argc, char **argv)
{
    int rounds = argc > 1 ? atoi(argv[1]) : 3;
    int total = 0;
    for (int i = 0; rounds <= 0 || i < rounds; i++) {
        total += compute(i, i + 1); /* main-call */
        if (rounds <= 0)
            usleep(1000);
    }
    printf("total=%d\n", total);
    return total & 0x7f;
}
