/* sig-faultloop.c: two threads fault in a loop at once, each catching
 * its SIGSEGV (SA_SIGINFO, no SA_NODEFER) and leaving the handler by
 * siglongjmp to its own sigsetjmp(..., 1), as a fault-probing library
 * does.
 *
 * Every fault must give exactly one SIGSEGV with its own address and the
 * faulting store's rip. Blink once delivered a rare extra one (about one
 * round in 120): siglongjmp's return from sigprocmask ran the record of
 * __sigjmp_save's, which the other thread had just linked (torn
 * Insn.alt/alt_rip, see threads-retlink.c), and that store faulted. */
#define _GNU_SOURCE
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

enum { FAULTS = 2000, ROUNDS = 40 };

static __thread sigjmp_buf jb;
static __thread int faults, bad, cur_k, last_k = -1;
static __thread uintptr_t want_addr;

static void on_fault(int sig, siginfo_t *si, void *vuc) {
  (void)vuc;
  /* One per store, at the address stored to. */
  if (sig != SIGSEGV || cur_k == last_k || (uintptr_t)si->si_addr != want_addr ||
      si->si_code != SEGV_MAPERR)
    ++bad;
  last_k = cur_k;
  faults++;
  siglongjmp(jb, 1);
}

static void *faulter(void *arg) {
  volatile int *volatile p = (volatile int *)arg;
  want_addr = (uintptr_t)arg;
  for (int k = 0; k < FAULTS; ++k) {
    cur_k = k;
    if (!sigsetjmp(jb, 1)) *p = k;
  }
  return (void *)(intptr_t)(faults + 1000000 * bad);
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_sigaction = on_fault;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGSEGV, &sa, 0);
  int wrong = 0;
  for (int r = 0; r < ROUNDS; ++r) {
    pthread_t f1, f2;
    void *n1, *n2;
    pthread_create(&f1, NULL, faulter, (void *)(intptr_t)64);
    pthread_create(&f2, NULL, faulter, (void *)(intptr_t)128);
    pthread_join(f1, &n1);
    pthread_join(f2, &n2);
    if ((intptr_t)n1 != FAULTS || (intptr_t)n2 != FAULTS) {
      printf("round %d: %ld %ld (faults + 1000000 * bad ones)\n", r,
             (long)(intptr_t)n1, (long)(intptr_t)n2);
      ++wrong;
    }
  }
  printf("%d rounds, two threads of %d faults each: %d wrong\n", ROUNDS,
         FAULTS, wrong);
  return 0;
}
