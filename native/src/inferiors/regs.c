/* Registers with known values, for proving the register packets through a real gdb.
 *
 * 1. raise(SIGUSR1): the debugger stops with SIGUSR1 inside the tgkill system call, so
 *    orig_rax/orig_eax holds the syscall number (kept in `raise_syscall_nr`).
 * 2. One asm block loads known values (the in_* arrays) into general registers, x87 st0/st1,
 *    xmm3, ymm5, zmm2, k2, k7 and, on x86-64, zmm20 and zmm31, then reaches the global label
 *    `regs_stop` (a nop: `break *regs_stop`), then stores every one of those registers into
 *    the out_* arrays.
 * 3. The program compares out_* against in_* with the changes a debugger is expected to have
 *    made at regs_stop (see expect_writes()) and exits with a bit mask of the groups that did
 *    not match (0: every write was seen, nothing else changed). Mismatches are also printed.
 *
 * argv[1] == "nowrite": expect no changes at all (for a run without a debugger).
 * Exit status 77: no AVX-512 (F, BW) on this CPU or the kernel does not enable it.
 *
 * The debugger's writes, in raise(), before the program touches zmm6, k5 or the x87 unit. There,
 * XINUSE (xgetbv 1) measured on this AMD EPYC is 0xa2 on x86-64 (x87, AVX and ZMM_Hi256 in their init
 * state) and 0x2 on i386 (opmask too): the kernel's XSTATE_BV has those bits clear, and a server that
 * writes the register bytes without setting the bit loses the write (XRSTOR initialises the component):
 *   set $zmm6.v16_int32[15] = 0x66666666     (ZMM_Hi256)
 *   set $k5 = 0x5555aaaa                     (opmask)
 *   set $fctrl = 0x37b                       (x87; unmasks zero-divide, the program divides nothing)
 * and at regs_stop:
 *   set $rax = 0xdeadbeefcafef00d             (i386: set $eax = 0xcafef00d)
 *   set $xmm3.v4_int32[1] = 0x13572468
 *   set $ymm5.v8_int32[6] = 0x5a5a5a5a        (the upper half: the YMM_Hi128 state)
 *   set $zmm2.v16_int32[12] = 0x22223333      (ZMM_Hi256 state)
 *   set $zmm20.v16_int32[15] = 0x24681357     (Hi16_ZMM state; x86-64 only)
 *   set $k7 = 0x1122334455667788              (opmask state)
 *   set $st0 = 2.5
 */
#include <cpuid.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#ifdef __x86_64__
#define NGPR 14 /* rax rbx rcx rdx rsi rdi r8..r15 */
typedef uint64_t greg_t_;
#else
#define NGPR 6 /* eax ebx ecx edx esi edi */
typedef uint32_t greg_t_;
#endif

/* Inputs: the values the asm block loads. */
greg_t_ in_gpr[NGPR];
uint32_t in_xmm3[4] __attribute__((aligned(64)));
uint32_t in_ymm5[8] __attribute__((aligned(64)));
uint32_t in_zmm2[16] __attribute__((aligned(64)));
uint32_t in_zmm20[16] __attribute__((aligned(64)));
uint32_t in_zmm31[16] __attribute__((aligned(64)));
uint64_t in_k2 = 0x00ff00ff0f0f0f0fULL;
uint64_t in_k7 = 0x7b7b7b7b13579bdfULL;

/* Outputs: what the registers held after regs_stop. */
greg_t_ out_gpr[NGPR];
uint32_t out_xmm3[4] __attribute__((aligned(64)));
uint32_t out_ymm5[8] __attribute__((aligned(64)));
uint32_t out_zmm2[16] __attribute__((aligned(64)));
uint32_t out_zmm20[16] __attribute__((aligned(64)));
uint32_t out_zmm31[16] __attribute__((aligned(64)));
uint32_t out_zmm6[16] __attribute__((aligned(64)));
uint64_t out_k2, out_k5, out_k7;
uint16_t out_fctrl;
long double out_st0, out_st1;

/* For the debugger to compare with: fs_base (x86-64) and the syscall raise() stops in. */
unsigned long expected_fs_base;
long raise_syscall_nr = SYS_tgkill;
volatile int usr1_seen;

static void on_usr1(int sig)
{
    (void)sig;
    usr1_seen = 1;
}

static int have_avx512(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d) || !(b & (1u << 16)) || !(b & (1u << 30)))
        return 0; /* AVX512F, AVX512BW (64-bit opmasks) */
    if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & (1u << 27)))
        return 0; /* OSXSAVE */
    unsigned lo, hi;
    __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
    return (lo & 0xe6) == 0xe6; /* SSE, AVX, opmask, ZMM_Hi256, Hi16_ZMM enabled */
}

static void fill(void)
{
    for (int i = 0; i < NGPR; i++) {
#ifdef __x86_64__
        in_gpr[i] = 0xa0a0000000000000ULL | ((uint64_t)i << 40) | (0x01010101u * (unsigned)i) | 0x100000;
#else
        in_gpr[i] = 0xa0a00000u | ((uint32_t)i << 8) | (uint32_t)i;
#endif
    }
    for (int i = 0; i < 4; i++)
        in_xmm3[i] = 0x30000000u + i;
    for (int i = 0; i < 8; i++)
        in_ymm5[i] = 0x50000000u + i;
    for (int i = 0; i < 16; i++) {
        in_zmm2[i] = 0x02000000u + i;
        in_zmm20[i] = 0x14000000u + i;
        in_zmm31[i] = 0x1f000000u + i;
    }
}

static void load_and_stop(void)
{
#ifdef __x86_64__
    __asm__ volatile(
        "fld1\n\t"
        "fldpi\n\t" /* st0 = pi, st1 = 1 */
        "vmovdqu in_xmm3(%%rip), %%xmm3\n\t"
        "vmovdqu in_ymm5(%%rip), %%ymm5\n\t"
        "vmovdqu32 in_zmm2(%%rip), %%zmm2\n\t"
        "vmovdqu32 in_zmm20(%%rip), %%zmm20\n\t"
        "vmovdqu32 in_zmm31(%%rip), %%zmm31\n\t"
        "kmovq in_k2(%%rip), %%k2\n\t"
        "kmovq in_k7(%%rip), %%k7\n\t"
        "movq in_gpr+0(%%rip), %%rax\n\t"
        "movq in_gpr+8(%%rip), %%rbx\n\t"
        "movq in_gpr+16(%%rip), %%rcx\n\t"
        "movq in_gpr+24(%%rip), %%rdx\n\t"
        "movq in_gpr+32(%%rip), %%rsi\n\t"
        "movq in_gpr+40(%%rip), %%rdi\n\t"
        "movq in_gpr+48(%%rip), %%r8\n\t"
        "movq in_gpr+56(%%rip), %%r9\n\t"
        "movq in_gpr+64(%%rip), %%r10\n\t"
        "movq in_gpr+72(%%rip), %%r11\n\t"
        "movq in_gpr+80(%%rip), %%r12\n\t"
        "movq in_gpr+88(%%rip), %%r13\n\t"
        "movq in_gpr+96(%%rip), %%r14\n\t"
        "movq in_gpr+104(%%rip), %%r15\n\t"
        ".globl regs_stop\n"
        "regs_stop:\n\t"
        "nop\n\t"
        "movq %%rax, out_gpr+0(%%rip)\n\t"
        "movq %%rbx, out_gpr+8(%%rip)\n\t"
        "movq %%rcx, out_gpr+16(%%rip)\n\t"
        "movq %%rdx, out_gpr+24(%%rip)\n\t"
        "movq %%rsi, out_gpr+32(%%rip)\n\t"
        "movq %%rdi, out_gpr+40(%%rip)\n\t"
        "movq %%r8, out_gpr+48(%%rip)\n\t"
        "movq %%r9, out_gpr+56(%%rip)\n\t"
        "movq %%r10, out_gpr+64(%%rip)\n\t"
        "movq %%r11, out_gpr+72(%%rip)\n\t"
        "movq %%r12, out_gpr+80(%%rip)\n\t"
        "movq %%r13, out_gpr+88(%%rip)\n\t"
        "movq %%r14, out_gpr+96(%%rip)\n\t"
        "movq %%r15, out_gpr+104(%%rip)\n\t"
        "vmovdqu %%xmm3, out_xmm3(%%rip)\n\t"
        "vmovdqu %%ymm5, out_ymm5(%%rip)\n\t"
        "vmovdqu32 %%zmm2, out_zmm2(%%rip)\n\t"
        "vmovdqu32 %%zmm20, out_zmm20(%%rip)\n\t"
        "vmovdqu32 %%zmm31, out_zmm31(%%rip)\n\t"
        "kmovq %%k2, out_k2(%%rip)\n\t"
        "kmovq %%k7, out_k7(%%rip)\n\t"
        "vmovdqu32 %%zmm6, out_zmm6(%%rip)\n\t"
        "kmovq %%k5, out_k5(%%rip)\n\t"
        "fstpt out_st0(%%rip)\n\t"
        "fstpt out_st1(%%rip)\n\t"
        "fnstcw out_fctrl(%%rip)\n\t"
        "fninit\n\t"
        "vzeroupper\n\t"
        :
        :
        : "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11", "r12", "r13",
          "r14", "r15", "xmm2", "xmm3", "xmm5", "memory", "cc");
#else
    __asm__ volatile(
        "fld1\n\t"
        "fldpi\n\t"
        "vmovdqu in_xmm3, %%xmm3\n\t"
        "vmovdqu in_ymm5, %%ymm5\n\t"
        "vmovdqu32 in_zmm2, %%zmm2\n\t"
        "kmovq in_k2, %%k2\n\t"
        "kmovq in_k7, %%k7\n\t"
        "movl in_gpr+0, %%eax\n\t"
        "movl in_gpr+4, %%ebx\n\t"
        "movl in_gpr+8, %%ecx\n\t"
        "movl in_gpr+12, %%edx\n\t"
        "movl in_gpr+16, %%esi\n\t"
        "movl in_gpr+20, %%edi\n\t"
        ".globl regs_stop\n"
        "regs_stop:\n\t"
        "nop\n\t"
        "movl %%eax, out_gpr+0\n\t"
        "movl %%ebx, out_gpr+4\n\t"
        "movl %%ecx, out_gpr+8\n\t"
        "movl %%edx, out_gpr+12\n\t"
        "movl %%esi, out_gpr+16\n\t"
        "movl %%edi, out_gpr+20\n\t"
        "vmovdqu %%xmm3, out_xmm3\n\t"
        "vmovdqu %%ymm5, out_ymm5\n\t"
        "vmovdqu32 %%zmm2, out_zmm2\n\t"
        "kmovq %%k2, out_k2\n\t"
        "kmovq %%k7, out_k7\n\t"
        "vmovdqu32 %%zmm6, out_zmm6\n\t"
        "kmovq %%k5, out_k5\n\t"
        "fstpt out_st0\n\t"
        "fstpt out_st1\n\t"
        "fnstcw out_fctrl\n\t"
        "fninit\n\t"
        "vzeroupper\n\t"
        :
        :
        : "eax", "ebx", "ecx", "edx", "esi", "edi", "memory", "cc");
#endif
}

static int failures;

static void check_words(int bit, const char *name, const uint32_t *got, const uint32_t *want, int n)
{
    for (int i = 0; i < n; i++) {
        if (got[i] != want[i]) {
            printf("MISMATCH %s.v%d_int32[%d]: got 0x%08x, want 0x%08x\n", name, n, i, got[i], want[i]);
            failures |= bit;
        }
    }
}

static void check_u64(int bit, const char *name, uint64_t got, uint64_t want)
{
    if (got != want) {
        printf("MISMATCH %s: got 0x%llx, want 0x%llx\n", name, (unsigned long long)got,
               (unsigned long long)want);
        failures |= bit;
    }
}

int main(int argc, char **argv)
{
    int nowrite = argc > 1 && strcmp(argv[1], "nowrite") == 0;
    if (!have_avx512()) {
        puts("regs: no AVX-512");
        return 77;
    }
#ifdef __x86_64__
    syscall(SYS_arch_prctl, 0x1003 /* ARCH_GET_FS */, &expected_fs_base);
#endif
    signal(SIGUSR1, on_usr1);
    raise(SIGUSR1);
    fill();
    load_and_stop();

    /* What a debugger's writes at regs_stop should have left. */
    greg_t_ want_gpr[NGPR];
    uint32_t want_xmm3[4], want_ymm5[8], want_zmm2[16], want_zmm20[16];
    uint64_t want_k7 = in_k7;
    long double want_st0 = 3.14159265358979323846264338327950288L;
    memcpy(want_gpr, in_gpr, sizeof want_gpr);
    memcpy(want_xmm3, in_xmm3, sizeof want_xmm3);
    memcpy(want_ymm5, in_ymm5, sizeof want_ymm5);
    memcpy(want_zmm2, in_zmm2, sizeof want_zmm2);
    memcpy(want_zmm20, in_zmm20, sizeof want_zmm20);
    if (!nowrite) {
#ifdef __x86_64__
        want_gpr[0] = 0xdeadbeefcafef00dULL;
        want_zmm20[15] = 0x24681357;
#else
        want_gpr[0] = 0xcafef00d;
#endif
        want_xmm3[1] = 0x13572468;
        want_ymm5[6] = 0x5a5a5a5a;
        want_zmm2[12] = 0x22223333;
        want_k7 = 0x1122334455667788ULL;
        want_st0 = 2.5L;
    }

    for (int i = 0; i < NGPR; i++) {
        char name[16];
        snprintf(name, sizeof name, "gpr[%d]", i);
        check_u64(i == 0 ? 1 : 2, name, out_gpr[i], want_gpr[i]);
    }
    check_words(4, "xmm3", out_xmm3, want_xmm3, 4);
    check_words(8, "ymm5", out_ymm5, want_ymm5, 8);
    check_words(16, "zmm2", out_zmm2, want_zmm2, 16);
#ifdef __x86_64__
    check_words(32, "zmm20", out_zmm20, want_zmm20, 16);
    check_words(64, "zmm31", out_zmm31, in_zmm31, 16);
#endif
    check_u64(64, "k2", out_k2, in_k2);
    check_u64(128, "k7", out_k7, want_k7);
    check_u64(2, "fctrl", out_fctrl, nowrite ? 0x37f : 0x37b);
    if (!nowrite) {
        check_u64(16, "zmm6.v16_int32[15] (written in raise)", out_zmm6[15], 0x66666666);
        check_u64(128, "k5 (written in raise)", out_k5, 0x5555aaaa);
    }
    if (out_st0 != want_st0 || out_st1 != 1.0L) {
        printf("MISMATCH st0/st1: got %Lg/%Lg, want %Lg/1\n", out_st0, out_st1, want_st0);
        failures |= 2;
    }
    if (!usr1_seen) {
        puts("MISMATCH SIGUSR1 handler did not run");
        failures |= 2;
    }
    printf("regs: %s (0x%02x)\n", failures ? "MISMATCH" : "all registers as expected", failures);
    fflush(stdout);
    return failures;
}
