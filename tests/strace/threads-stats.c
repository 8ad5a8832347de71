/* threads-stats.c: two threads each make 1000 getppid calls, take 5
 * SIGUSR1s in a handler and count to 3 million; the main thread does
 * little. cli/stats-threads checks that -Z's totals include both
 * threads (syscalls.getppid = 2000, signals_delivered = 10, over 12
 * million instructions). */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

static volatile int handled;

static void on_usr1(int sig) {
  (void)sig;
  __atomic_fetch_add(&handled, 1, __ATOMIC_RELAXED);
}

static void *work(void *arg) {
  (void)arg;
  for (int k = 0; k < 1000; ++k) syscall(SYS_getppid);
  for (int k = 0; k < 5; ++k) pthread_kill(pthread_self(), SIGUSR1);
  volatile unsigned n = 0;
  for (unsigned k = 0; k < 3000000; ++k) n += k;
  return NULL;
}

int main(void) {
  struct sigaction sa = {0};
  sa.sa_handler = on_usr1;
  sigaction(SIGUSR1, &sa, NULL);
  pthread_t t[2];
  for (int k = 0; k < 2; ++k) pthread_create(&t[k], NULL, work, NULL);
  for (int k = 0; k < 2; ++k) pthread_join(t[k], NULL);
  printf("handled %d\n", handled);
  return 0;
}
