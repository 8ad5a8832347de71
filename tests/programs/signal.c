/* signal: delivery to guest handlers: raise() with a handler installed,
 * SA_SIGINFO details, a blocked signal delivered on unblock, a SIGSEGV
 * handler that escapes with siglongjmp, SIGFPE from integer division,
 * and the alternate signal stack.
 */
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t got, code;
static sigjmp_buf jb;
static volatile uintptr_t fault_addr;
static volatile int on_altstack;
static char altstack[65536];

static void handler(int sig) { got = sig; }
static void info_handler(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  got = sig;
  code = si->si_code;
}
static void segv_handler(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  char probe;
  got = sig;
  fault_addr = (uintptr_t)si->si_addr;
  on_altstack = &probe >= altstack && &probe < altstack + sizeof altstack;
  siglongjmp(jb, 1);
}
static void fpe_handler(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  got = sig;
  code = si->si_code;
  siglongjmp(jb, 2);
}

int main(void) {
  signal(SIGUSR1, handler);
  raise(SIGUSR1);
  printf("raise SIGUSR1: handler got %d\n", got);

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = info_handler;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGUSR2, &sa, NULL);
  got = 0;
  kill(getpid(), SIGUSR2);
  printf("kill SIGUSR2: got %d si_code is SI_USER %d\n", got, code == SI_USER);

  sigset_t set, old;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigprocmask(SIG_BLOCK, &set, &old);
  got = 0;
  raise(SIGUSR1);
  printf("while blocked: got %d\n", got);
  sigset_t pend;
  sigpending(&pend);
  printf("pending %d\n", sigismember(&pend, SIGUSR1));
  sigprocmask(SIG_SETMASK, &old, NULL);
  printf("after unblock: got %d\n", got);

  stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
  sigaltstack(&ss, NULL);
  sa.sa_sigaction = segv_handler;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigaction(SIGSEGV, &sa, NULL);
  got = 0;
  if (!sigsetjmp(jb, 1)) {
    *(volatile int *)0x1234 = 1;
    printf("not reached\n");
  }
  printf("SIGSEGV: got %d addr 0x%lx on altstack %d\n", got,
         (unsigned long)fault_addr, on_altstack);

  sa.sa_sigaction = fpe_handler;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGFPE, &sa, NULL);
  volatile int zero = 0;
  got = 0;
  if (sigsetjmp(jb, 1) == 0) {
    volatile int r = 1000 / zero;
    (void)r;
  }
  printf("SIGFPE: got %d FPE_INTDIV %d\n", got, code == FPE_INTDIV);

  signal(SIGUSR1, SIG_IGN);
  raise(SIGUSR1);
  printf("ignored SIGUSR1: still here\n");
  return 0;
}
