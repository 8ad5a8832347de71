/* threads-stats.c: two threads each make 1000 getppid calls, take 5
 * SIGUSR1s in a handler, read address 0 once (a SIGSEGV handler jumps
 * back) and count to 3 million; the main thread does little.
 * cli/stats-threads checks that -Z's totals include both threads
 * (syscalls.getppid = 2000, signals_delivered = 12, cpu_faults = 2, over
 * 12 million instructions). */
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile int handled;

static void on_usr1(int sig) {
  (void)sig;
  __atomic_fetch_add(&handled, 1, __ATOMIC_RELAXED);
}

static __thread sigjmp_buf back;
static volatile int faulted;

static void on_segv(int sig) {
  (void)sig;
  siglongjmp(back, 1);
}

static void *work(void *arg) {
  (void)arg;
  for (int k = 0; k < 1000; ++k) syscall(SYS_getppid);
  for (int k = 0; k < 5; ++k) pthread_kill(pthread_self(), SIGUSR1);
  if (!sigsetjmp(back, 1)) {
    volatile int *zero = (volatile int *)(uintptr_t)arg;
    (void)*zero;
  } else {
    __atomic_fetch_add(&faulted, 1, __ATOMIC_RELAXED);
  }
  volatile unsigned n = 0;
  for (unsigned k = 0; k < 3000000; ++k) n += k;
  return NULL;
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_handler = on_usr1;
  sigaction(SIGUSR1, &sa, NULL);
  sa.sa_handler = on_segv;
  sigaction(SIGSEGV, &sa, NULL);
  pthread_t t[2];
  for (int k = 0; k < 2; ++k) pthread_create(&t[k], NULL, work, NULL);
  for (int k = 0; k < 2; ++k) pthread_join(t[k], NULL);
  printf("handled %d, faulted %d\n", handled, faulted);
  return 0;
}
