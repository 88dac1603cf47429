/* How amd-epyc-kernel-nt_*.bin were captured (not built by Maven; regsets itself never
 * uses ptrace): gcc -O0 -mavx512f -o capture capture-regsets.c && ./capture
 * Prints CPUID 0xD sizes/offsets, then writes the NT_X86_XSTATE and NT_PRSTATUS regsets of a
 * stopped child that loaded zmm31/zmm15 with 0xc0de0000+i lanes and k7 with 0xa5a5. */
#include <stdio.h>
#include <stdint.h>
#include <signal.h>
#include <unistd.h>
#include <sys/ptrace.h>
#include <sys/wait.h>
#include <sys/uio.h>
#include <elf.h>
#include <cpuid.h>
int main(void) {
  for (int n = 2; n <= 9; n++) { unsigned a,b,c,d; __cpuid_count(0xd, n, a, b, c, d); printf("comp %d size %u offset %u\n", n, a, b); }
  { unsigned a,b,c,d; __cpuid_count(0xd, 0, a, b, c, d); printf("xsave size(enabled) %u\n", b); }
  pid_t pid = fork();
  if (pid == 0) {
    ptrace(PTRACE_TRACEME, 0, 0, 0);
    static uint32_t z[16]; for (int i = 0; i < 16; i++) z[i] = 0xc0de0000u + i;
    uint64_t k = 0xa5a5;
    __asm__ volatile("vmovdqu32 %0, %%zmm31\n\tkmovq %1, %%k7\n\tvmovdqu32 %0, %%zmm15" :: "m"(z), "r"(k) : "xmm31", "xmm15");
    raise(SIGSTOP);
    _exit(0);
  }
  int st; waitpid(pid, &st, 0);
  static unsigned char buf[8192]; struct iovec iov = { buf, sizeof buf };
  if (ptrace(PTRACE_GETREGSET, pid, NT_X86_XSTATE, &iov) < 0) { perror("xstate"); return 1; }
  FILE *f = fopen("amd-epyc-kernel-nt_x86_xstate.bin", "wb"); fwrite(buf, 1, iov.iov_len, f); fclose(f);
  printf("xstate len %zu\n", iov.iov_len);
  iov.iov_len = sizeof buf;
  if (ptrace(PTRACE_GETREGSET, pid, NT_PRSTATUS, &iov) < 0) { perror("prstatus"); return 1; }
  f = fopen("amd-epyc-kernel-nt_prstatus.bin", "wb"); fwrite(buf, 1, iov.iov_len, f); fclose(f);
  printf("prstatus len %zu\n", iov.iov_len);
  kill(pid, SIGKILL);
  return 0;
}
