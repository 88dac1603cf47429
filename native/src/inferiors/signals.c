/* Signals: installs a SIGUSR1 handler, raises SIGUSR1 `count` times (argv[1], default 3),
 * then raises SIGUSR2 with its default action ignored, and exits with the handled count.
 * With "io" as argv[2] it raises SIGIO (SIGPOLL's number on Linux) into a handler first. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

volatile int handled;

static void on_usr1(int sig)
{
    (void) sig;
    handled++;
}

static void on_io(int sig)
{
    (void) sig;
}

int main(int argc, char **argv)
{
    int count = argc > 1 ? atoi(argv[1]) : 3;
    if (argc > 2 && strcmp(argv[2], "io") == 0) {
        signal(SIGIO, on_io);
        raise(SIGIO);
    }
    signal(SIGUSR1, on_usr1);
    for (int i = 0; i < count; i++)
        raise(SIGUSR1);
    signal(SIGUSR2, SIG_IGN);
    raise(SIGUSR2);
    return handled;
}
