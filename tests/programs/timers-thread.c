/* timers-thread: timers that notify threads. SIGEV_THREAD (libc runs
 * the function on a thread of its own, built on SIGEV_THREAD_ID with a
 * libc-internal signal: glibc's and musl's 32) with its sigev_value, a
 * periodic one counted, and SIGEV_THREAD_ID directing SIGUSR2 to a
 * chosen thread, whose handler reports the thread it ran on.
 * @later timers on signal 32 (the host libc's) and thread-directed host
 * signals reaching that guest thread's handler: per-thread signals
 * (sigthread) — syscall-timer.c refuses 32/33/64 with EINVAL today
 */
#define _GNU_SOURCE 1
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#ifndef sigev_notify_thread_id
#define sigev_notify_thread_id _sigev_un._tid
#endif

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

static volatile pid_t ran_on;
static volatile sig_atomic_t got2;

static void on_usr2(int sig) {
  (void)sig;
  ran_on = (pid_t)syscall(SYS_gettid);
  got2 = 1;
}

static pthread_barrier_t bar;
static volatile pid_t target_tid;

static void *target(void *a) {
  (void)a;
  target_tid = (pid_t)syscall(SYS_gettid);
  pthread_barrier_wait(&bar);
  for (int k = 0; k < 5000 && !got2; ++k) usleep(1000);
  return 0;
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

  signal(SIGUSR2, on_usr2);
  pthread_t th;
  pthread_barrier_init(&bar, 0, 2);
  pthread_create(&th, 0, target, 0);
  pthread_barrier_wait(&bar);
  memset(&ev, 0, sizeof(ev));
  ev.sigev_notify = SIGEV_THREAD_ID;
  ev.sigev_signo = SIGUSR2;
  ev.sigev_notify_thread_id = target_tid;
  timer_t t2;
  printf("create SIGEV_THREAD_ID %d\n", timer_create(CLOCK_MONOTONIC, &ev, &t2));
  struct itimerspec once = {{0, 0}, {0, 10 * 1000 * 1000}};
  printf("settime %d\n", timer_settime(t2, 0, &once, 0));
  pthread_join(th, 0);
  printf("handler ran on the target thread: %d\n", ran_on == target_tid);
  printf("delete %d\n", timer_delete(t2));
  return 0;
}
