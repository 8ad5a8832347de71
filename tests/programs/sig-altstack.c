/* sig-altstack: the alternate signal stack: a stack overflow caught by a
 * SIGSEGV handler running on it, what sigaltstack reports from inside
 * (SS_ONSTACK, and EPERM for a change), a signal nested inside that
 * handler staying on the same stack below the first frame, a handler
 * without SA_ONSTACK running on the normal stack, and SS_DISABLE.
 */
#include <errno.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char alt[1 << 16] __attribute__((aligned(16)));
static sigjmp_buf jb;
static volatile int in_alt, onstack_flag, eperm, nested_ok, usr_in_alt;
static volatile uintptr_t segv_sp;

static int on_alt(const void *p) {
  return (const char *)p >= alt && (const char *)p < alt + sizeof alt;
}

static void usr_handler(int sig) {
  char probe;
  (void)sig;
  usr_in_alt = on_alt(&probe);
  /* Nested: below the SIGSEGV handler's frame, not at the top again. */
  nested_ok = (uintptr_t)&probe < segv_sp;
}

static void segv_handler(int sig, siginfo_t *si, void *uc) {
  char probe;
  (void)sig;
  (void)si;
  (void)uc;
  segv_sp = (uintptr_t)&probe;
  in_alt = on_alt(&probe);
  stack_t cur;
  sigaltstack(NULL, &cur);
  onstack_flag = (cur.ss_flags & SS_ONSTACK) != 0;
  stack_t other = {.ss_sp = alt, .ss_size = sizeof alt / 2};
  eperm = sigaltstack(&other, NULL) == -1 && errno == EPERM;
  raise(SIGUSR1);
  siglongjmp(jb, 1);
}

static int recurse(volatile char *prev, int n) {
  volatile char buf[512];
  buf[0] = (char)n;
  buf[511] = prev ? prev[0] : 0;
  return recurse(buf, n + 1) + buf[3];
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  stack_t ss = {.ss_sp = alt, .ss_size = sizeof alt}, cur;
  sigaltstack(NULL, &cur);
  printf("initially disabled %d\n", (cur.ss_flags & SS_DISABLE) != 0);
  if (sigaltstack(&ss, NULL)) return 1;
  sigaltstack(NULL, &cur);
  printf("set: size right %d flags %d\n", cur.ss_size == sizeof alt,
         cur.ss_flags);

  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = segv_handler;
  sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigaction(SIGSEGV, &sa, NULL);
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = usr_handler;
  sa.sa_flags = SA_ONSTACK;
  sigaction(SIGUSR1, &sa, NULL);

  if (!sigsetjmp(jb, 1)) {
    recurse(NULL, 0);
    printf("not reached\n");
  }
  printf("stack overflow: handler on altstack %d, SS_ONSTACK %d, EPERM %d\n",
         in_alt, onstack_flag, eperm);
  printf("nested SIGUSR1: on altstack %d, below %d\n", usr_in_alt, nested_ok);
  sigaltstack(NULL, &cur);
  printf("after: flags %d\n", cur.ss_flags);

  /* Without SA_ONSTACK: the normal stack. */
  sa.sa_flags = 0;
  sigaction(SIGUSR1, &sa, NULL);
  usr_in_alt = -1;
  raise(SIGUSR1);
  printf("without SA_ONSTACK: on altstack %d\n", usr_in_alt);

  /* Disabled: SA_ONSTACK falls back to the normal stack. */
  stack_t off = {.ss_flags = SS_DISABLE};
  sigaltstack(&off, NULL);
  sigaltstack(NULL, &cur);
  sa.sa_flags = SA_ONSTACK;
  sigaction(SIGUSR1, &sa, NULL);
  usr_in_alt = -1;
  raise(SIGUSR1);
  printf("disabled %d: on altstack %d\n", (cur.ss_flags & SS_DISABLE) != 0,
         usr_in_alt);
  stack_t tiny = {.ss_sp = alt, .ss_size = 100};
  int r = sigaltstack(&tiny, NULL);
  printf("too small: %d %s\n", r, errno == ENOMEM ? "ENOMEM" : "?");
  return 0;
}
