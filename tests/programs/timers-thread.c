/* timers-thread: SIGEV_THREAD (libc runs the function on a thread of
 * its own, built on SIGEV_THREAD_ID with a libc-internal signal: glibc's
 * and musl's 32) with its sigev_value, a periodic one counted.
 * @later timers on signal 32/33/SIGRTMAX, which the host cannot carry
 * for the guest: syscall-timer.c refuses them with EINVAL today
 */
#define _GNU_SOURCE 1
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int calls, value_ok;

static void notify(union sigval v) {
  pthread_mutex_lock(&mu);
  ++calls;
  value_ok += v.sival_int == 777;
  pthread_cond_signal(&cv);
  pthread_mutex_unlock(&mu);
}

int main(void) {
  struct sigevent ev;
  memset(&ev, 0, sizeof(ev));
  ev.sigev_notify = SIGEV_THREAD;
  ev.sigev_notify_function = notify;
  ev.sigev_value.sival_int = 777;
  timer_t t;
  int rc = timer_create(CLOCK_MONOTONIC, &ev, &t);
  printf("create SIGEV_THREAD %d\n", rc);
  if (rc) return 1;
  struct itimerspec its = {{0, 5 * 1000 * 1000}, {0, 5 * 1000 * 1000}};
  printf("settime %d\n", timer_settime(t, 0, &its, 0));
  /* At most 5 s: a lost notification is a failure, not a hang. */
  struct timespec limit;
  clock_gettime(CLOCK_REALTIME, &limit);
  limit.tv_sec += 5;
  pthread_mutex_lock(&mu);
  while (calls < 5 && !pthread_cond_timedwait(&cv, &mu, &limit)) {
  }
  pthread_mutex_unlock(&mu);
  struct itimerspec zero = {{0, 0}, {0, 0}};
  printf("disarm %d\n", timer_settime(t, 0, &zero, 0));
  pthread_mutex_lock(&mu);
  printf("at least 5 calls, each with the value: %d\n", calls >= 5 && value_ok == calls);
  pthread_mutex_unlock(&mu);
  printf("delete %d\n", timer_delete(t));
  return 0;
}
