/* threads.c: a threaded program for the debugger's tests (tui-threads.sh,
 * batch-threads.sh): two workers add up ranges through worker_step,
 * which a test puts a breakpoint on; main waits in pthread_join (a futex
 * wait) and prints the sums. The output is the same natively. With an
 * argument MS, the first worker sleeps MS milliseconds first (main then
 * waits that long in pthread_join). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static volatile long sums[2];
static long sleep_ms;

__attribute__((noinline)) long worker_step(long acc, long i) {
  return acc + i * i;
}

static void *worker(void *arg) {
  long k = (long)arg, acc = 0;
  if (k == 0 && sleep_ms > 0) {
    struct timespec ts = {sleep_ms / 1000, sleep_ms % 1000 * 1000000L};
    nanosleep(&ts, NULL);
  }
  for (long i = 0; i < 1000; ++i) acc = worker_step(acc, i + k * 1000);
  sums[k] = acc;
  return NULL;
}

int main(int argc, char **argv) {
  pthread_t t[2];
  if (argc > 1) sleep_ms = atol(argv[1]);
  printf("threads start\n");
  fflush(stdout);
  for (long k = 0; k < 2; ++k) pthread_create(&t[k], NULL, worker, (void *)k);
  for (int k = 0; k < 2; ++k) pthread_join(t[k], NULL);
  printf("sums %ld %ld\n", sums[0], sums[1]);
  return 0;
}
