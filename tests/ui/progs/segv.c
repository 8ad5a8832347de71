/* segv.c: a program that catches its own SIGSEGV (for batch-signals.sh):
 * crash_here stores to address 16, the handler reports the fault address
 * and jumps back out; the output is the same natively. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static sigjmp_buf back;

__attribute__((noinline)) void on_segv(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  printf("caught %s at %p\n", sig == SIGSEGV ? "SIGSEGV" : "?", si->si_addr);
  siglongjmp(back, 1);
}

__attribute__((noinline)) void crash_here(void) {
  *(volatile int *)16 = 1;
}

int main(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGSEGV, &sa, NULL);
  printf("before\n");
  fflush(stdout);
  if (!sigsetjmp(back, 1)) crash_here();
  printf("after\n");
  return 0;
}
