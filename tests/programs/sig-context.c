/* sig-context: what a handler finds in its siginfo and ucontext, and what
 * rt_sigreturn puts back: the registers at the fault (a handler that
 * edits them resumes elsewhere), the FPU/SSE state (the handler's own
 * floating point does not leak out), the signal mask during the handler
 * and after it, SA_NODEFER, SA_RESETHAND, SIGILL from ud2, SIGTRAP from
 * int3, SIGSEGV from a write to a read-only page (SEGV_ACCERR), and
 * SIGFPE from an unmasked SSE and x87 exception, SIGBUS from an alignment
 * check whose handler turns RFLAGS.AC off in the ucontext, and SIGTRAP
 * after each instruction while RFLAGS.TF is set.
 */
#define _GNU_SOURCE 1
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

static volatile int depth, maxdepth, count, code, sig_seen;
static volatile int blocked_self, blocked_usr2, mask_ok;
static volatile uintptr_t addr;
static sigjmp_buf jb;

static void show(const char *what) {
  printf("%s: sig %d code %d\n", what, sig_seen, code);
}

/* SIGILL from ud2: skip the two bytes and set rbx, which the asm checks. */
static void ill_handler(int sig, siginfo_t *si, void *p) {
  ucontext_t *uc = p;
  sig_seen = sig;
  code = si->si_code;
  addr = (uintptr_t)si->si_addr == (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
  uc->uc_mcontext.gregs[REG_RIP] += 2;
  uc->uc_mcontext.gregs[REG_RBX] = 0x1234;
  /* Floating point in the handler must not change the interrupted code's. */
  volatile double d = 3.0;
  d = d / 7.0;
  __asm__ volatile("pxor %%xmm7, %%xmm7" ::: "xmm7");
}

static void trap_handler(int sig, siginfo_t *si, void *p) {
  ucontext_t *uc = p;
  sig_seen = sig;
  code = si->si_code;
  /* int3 is a trap: RIP is already past it. */
  addr = ((unsigned char *)uc->uc_mcontext.gregs[REG_RIP])[-1] == 0xcc;
}

static void segv_handler(int sig, siginfo_t *si, void *p) {
  (void)p;
  sig_seen = sig;
  code = si->si_code;
  addr = (uintptr_t)si->si_addr;
  siglongjmp(jb, 1);
}

static void fpe_handler(int sig, siginfo_t *si, void *p) {
  (void)p;
  sig_seen = sig;
  code = si->si_code;
  siglongjmp(jb, 1);
}

/* SIGBUS from an alignment check: clear AC in the saved RFLAGS so that
 * the access runs again without it. */
static void bus_handler(int sig, siginfo_t *si, void *p) {
  ucontext_t *uc = p;
  sig_seen = sig;
  code = si->si_code;
  uc->uc_mcontext.gregs[REG_EFL] &= ~0x40000L;
}

/* Single-stepping with RFLAGS.TF: a SIGTRAP (TRAP_TRACE) after each
 * instruction; the third handler turns TF off. */
static volatile int steps, step_code;
static void step_handler(int sig, siginfo_t *si, void *p) {
  ucontext_t *uc = p;
  (void)sig;
  step_code = si->si_code;
  if (++steps == 3) uc->uc_mcontext.gregs[REG_EFL] &= ~0x100L;
}

static void nest_handler(int sig) {
  sigset_t cur;
  sigprocmask(SIG_SETMASK, NULL, &cur);
  blocked_self = sigismember(&cur, sig);
  blocked_usr2 = sigismember(&cur, SIGUSR2);
  ++count;
  if (++depth > maxdepth) maxdepth = depth;
  if (count < 3) raise(sig);
  --depth;
}

static void count_handler(int sig) {
  (void)sig;
  ++count;
}

static void mask_handler(int sig, siginfo_t *si, void *p) {
  (void)sig;
  (void)si;
  ucontext_t *uc = p;
  /* The saved mask is the one of the interrupted code. */
  mask_ok = sigismember(&uc->uc_sigmask, SIGHUP) &&
            !sigismember(&uc->uc_sigmask, SIGUSR1);
}

static void setup(int sig, void (*fn)(int, siginfo_t *, void *), int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = fn;
  sa.sa_flags = SA_SIGINFO | flags;
  sigaction(sig, &sa, NULL);
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);

  /* ud2 with registers the handler edits; xmm7 kept across it. */
  setup(SIGILL, ill_handler, 0);
  uint64_t rbx = 0;
  double keep = 0;
  __asm__ volatile(
      "movq $7, %%rbx\n\t"
      "movsd %2, %%xmm7\n\t"
      "ud2\n\t"
      "movq %%rbx, %0\n\t"
      "movsd %%xmm7, %1\n\t"
      : "=r"(rbx), "=x"(keep)
      : "m"((double){2.5})
      : "rbx", "xmm7");
  show("ud2");
  printf("si_addr is rip %d, rbx after 0x%lx, xmm7 kept %g\n", (int)addr,
         (unsigned long)rbx, keep);

  setup(SIGTRAP, trap_handler, 0);
  sig_seen = 0;
  __asm__ volatile("int3");
  show("int3");
  printf("rip after int3 %d\n", (int)addr);

  /* A write to a read-only page. */
  setup(SIGSEGV, segv_handler, 0);
  char *ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  sig_seen = 0;
  if (!sigsetjmp(jb, 1)) ro[5] = 1;
  show("write to read-only");
  printf("SEGV_ACCERR %d, si_addr right %d\n", code == SEGV_ACCERR,
         addr == (uintptr_t)(ro + 5));
  /* An unmapped one. */
  munmap(ro, 4096);
  if (!sigsetjmp(jb, 1)) ro[9] = 1;
  printf("unmapped: SEGV_MAPERR %d, si_addr right %d\n", code == SEGV_MAPERR,
         addr == (uintptr_t)(ro + 9));

  /* SSE division by zero with the exception unmasked. */
  setup(SIGFPE, fpe_handler, 0);
  sig_seen = 0;
  if (!sigsetjmp(jb, 1)) {
    /* Unmask ZE in MXCSR (musl has no feenableexcept) and divide with
     * divsd whatever -mfpmath says. */
    unsigned csr;
    __asm__ volatile("stmxcsr %0" : "=m"(csr));
    csr &= ~(1u << 9);
    __asm__ volatile("ldmxcsr %0" ::"m"(csr));
    double one = 1.0, z = 0.0;
    __asm__ volatile("divsd %1, %0" : "+x"(one) : "x"(z));
  }
  /* siglongjmp put back the mask but not MXCSR: clear flags and masks. */
  unsigned csr = 0x1f80;
  __asm__ volatile("ldmxcsr %0" ::"m"(csr));
  show("SSE divide by zero");
  printf("FPE_FLTDIV %d\n", code == FPE_FLTDIV);

  /* x87: divide by zero unmasked in the control word; the #MF comes at
   * the next x87 instruction (fwait here). */
  sig_seen = 0;
  code = 0;
  if (!sigsetjmp(jb, 1)) {
    unsigned short cw;
    __asm__ volatile("fnstcw %0" : "=m"(cw));
    cw &= ~4; /* ZM */
    __asm__ volatile("fldcw %0" ::"m"(cw));
    __asm__ volatile("fld1\n\tfldz\n\tfdivrp\n\tfwait\n\tfstp %%st(0)"
                     ::: "st", "memory");
  }
  {
    unsigned short cw = 0x37f;
    __asm__ volatile("fnclex\n\tfldcw %0" ::"m"(cw));
  }
  show("x87 divide by zero");
  printf("FPE_FLTDIV %d\n", code == FPE_FLTDIV);

  /* RFLAGS.AC and a misaligned load: SIGBUS, BUS_ADRALN; the handler
   * turns AC off in the ucontext and the load completes. */
  setup(SIGBUS, bus_handler, 0);
  sig_seen = 0;
  static char buf[16] __attribute__((aligned(8))) = {1, 2, 3, 4, 5, 6, 7, 8, 9};
  unsigned val = 0;
  unsigned long fl = 0;
  __asm__ volatile(
      "pushfq\n\t"
      "orq $0x40000, (%%rsp)\n\t"
      "popfq\n\t"
      "movl 1(%2), %0\n\t"
      "pushfq\n\t"
      "popq %1\n\t"
      : "=r"(val), "=r"(fl)
      : "r"(buf)
      : "memory", "cc");
  show("alignment check");
  printf("BUS_ADRALN %d, value 0x%x, AC off after %d\n", code == BUS_ADRALN,
         val, !(fl & 0x40000));

  setup(SIGTRAP, step_handler, 0);
  uint64_t cnt = 0;
  __asm__ volatile(
      "xorl %%eax, %%eax\n\t"
      "pushfq\n\t"
      "orq $0x100, (%%rsp)\n\t"
      "popfq\n\t"
      "incl %%eax\n\t"
      "incl %%eax\n\t"
      "incl %%eax\n\t"
      "incl %%eax\n\t"
      "incl %%eax\n\t"
      "movq %%rax, %0\n\t"
      : "=r"(cnt)
      :
      : "rax", "cc", "memory");
  printf("single step: %d traps, TRAP_TRACE %d, eax %d\n", (int)steps,
         step_code == TRAP_TRACE, (int)cnt);

  /* Without SA_NODEFER a raise() in the handler stays pending until the
   * handler returns; with it the handler nests. SA_RESETHAND: once. */
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = nest_handler;
  sigaddset(&sa.sa_mask, SIGUSR2);
  sigaction(SIGUSR1, &sa, NULL);
  count = maxdepth = depth = 0;
  raise(SIGUSR1);
  printf("deferred: count %d max depth %d self blocked %d usr2 blocked %d\n",
         count, maxdepth, blocked_self, blocked_usr2);
  sa.sa_flags = SA_NODEFER;
  sigaction(SIGUSR1, &sa, NULL);
  count = maxdepth = depth = 0;
  raise(SIGUSR1);
  printf("nodefer: count %d max depth %d self blocked %d\n", count, maxdepth,
         blocked_self);
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = count_handler;
  sa.sa_flags = SA_RESETHAND;
  sigaction(SIGUSR2, &sa, NULL);
  struct sigaction now;
  sigaction(SIGUSR2, NULL, &now);
  printf("before: handler set %d\n", now.sa_handler == count_handler);
  count = 0;
  raise(SIGUSR2);
  sigaction(SIGUSR2, NULL, &now);
  printf("resethand: count %d, now default %d\n", count,
         now.sa_handler == SIG_DFL);

  /* The mask in the ucontext, and the mask after the handler. */
  sigset_t set, after;
  sigemptyset(&set);
  sigaddset(&set, SIGHUP);
  sigprocmask(SIG_SETMASK, &set, NULL);
  setup(SIGUSR1, mask_handler, 0);
  raise(SIGUSR1);
  sigprocmask(SIG_SETMASK, NULL, &after);
  printf("uc_sigmask right %d, mask after: HUP %d USR1 %d\n", mask_ok,
         sigismember(&after, SIGHUP), sigismember(&after, SIGUSR1));
  return 0;
}
