/* Always receiving a signal, as gdb.threads/attach-into-signal.c: the SIGALRM handler raises
 * SIGALRM again, so a signal is nearly always on its way when a debugger attaches. A signal
 * lost on the way (a debugger that swallows it) ends the program with abort(). */
#include <signal.h>
#include <stdlib.h>
#include <string.h>

volatile unsigned long received;

static void on_alrm(int sig)
{
    received++;
    raise(sig);
}

int main(void)
{
    struct sigaction act;
    memset(&act, 0, sizeof act);
    act.sa_handler = on_alrm;
    act.sa_flags = SA_RESTART;
    sigaction(SIGALRM, &act, 0);
    raise(SIGALRM);
    abort(); /* not reached while the signal keeps coming */
}
