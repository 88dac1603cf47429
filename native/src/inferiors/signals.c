/* Signals: installs a SIGUSR1 handler, raises SIGUSR1 `count` times (argv[1], default 3),
 * then raises SIGUSR2 with its default action ignored, and exits with the handled count. */
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

volatile int handled;

static void on_usr1(int sig)
{
    (void) sig;
    handled++;
}

int main(int argc, char **argv)
{
    int count = argc > 1 ? atoi(argv[1]) : 3;
    signal(SIGUSR1, on_usr1);
    for (int i = 0; i < count; i++)
        raise(SIGUSR1);
    signal(SIGUSR2, SIG_IGN);
    raise(SIGUSR2);
    return handled;
}
