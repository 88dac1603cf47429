/* For the memory queries (qSearch:memory, qCRC): a 100000-byte global buffer with "needle" at
 * (NUL included) offsets 15998 (across the 16000-byte chunk boundary searches use) and 70000, nothing like it
 * elsewhere in the buffer, and `edge`: the last 64 bytes of a mapped page whose next page is
 * unmapped, so a search or checksum running past it hits unreadable memory. Stops in ready()
 * (break there), then exits 0. */
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

char buf[100000];
char *edge;

__attribute__((noinline)) void ready(void)
{
    __asm__ volatile("" ::: "memory");
}

int main(void)
{
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (char) ('a' + i % 23);
    memcpy(buf + 15998, "needle", 7); /* with its NUL, as gdb's find "needle" looks for it */
    memcpy(buf + 70000, "needle", 7);
    long page = sysconf(_SC_PAGESIZE);
    char *two = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (two == MAP_FAILED)
        return 1;
    munmap(two + page, page);
    memset(two, 'x', page);
    edge = two + page - 64;
    ready();
    return 0;
}
