/* timers-thread: timers on signals the host cannot carry for the guest
 * (syscall-timer.c's proxy thread). SIGEV_THREAD (libc runs the function
 * on a thread of its own, built on SIGEV_THREAD_ID with a libc-internal
 * signal: glibc's and musl's 32) with its sigev_value, a periodic one
 * counted; SIGRTMAX to the process (a SA_SIGINFO handler sees SI_TIMER,
 * the value and the timer id), to another thread (SIGEV_THREAD_ID: the
 * handler runs there), and blocked then taken by sigwaitinfo.
 */
#define _GNU_SOURCE 1
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <stdint.h>
#include <unistd.h>
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

#ifndef sigev_notify_thread_id
#define sigev_notify_thread_id _sigev_un._tid
#endif

static volatile sig_atomic_t got;
static volatile pid_t ran_on;
static siginfo_t last;

static void on_max(int sig, siginfo_t *si, void *uc) {
  (void)sig;
  (void)uc;
  last = *si;
  ran_on = (pid_t)syscall(SYS_gettid);
  got = 1;
}

static pthread_barrier_t bar;
static volatile pid_t target_tid;

static void *target(void *a) {
  (void)a;
  target_tid = (pid_t)syscall(SYS_gettid);
  pthread_barrier_wait(&bar);
  for (int k = 0; k < 5000 && !got; ++k) usleep(1000);
  return 0;
}

static void max_tests(void) {
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_sigaction = on_max;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGRTMAX, &sa, 0);
  struct sigevent ev;
  memset(&ev, 0, sizeof(ev));
  ev.sigev_notify = SIGEV_SIGNAL;
  ev.sigev_signo = SIGRTMAX;
  ev.sigev_value.sival_int = 4242;
  timer_t t;
  printf("create SIGRTMAX %d\n", timer_create(CLOCK_MONOTONIC, &ev, &t));
  struct itimerspec once = {{0, 0}, {0, 10 * 1000 * 1000}};
  printf("settime %d\n", timer_settime(t, 0, &once, 0));
  sigset_t none;
  sigemptyset(&none);
  while (!got) sigsuspend(&none);
  printf("SIGRTMAX %d SI_TIMER %d value %d timerid %d main thread %d\n",
         last.si_signo == SIGRTMAX, last.si_code == SI_TIMER,
         last.si_value.sival_int, last.si_timerid == (int)(intptr_t)t,
         ran_on == getpid());

  /* Blocked: pending until sigwaitinfo takes it. */
  sigset_t max;
  sigemptyset(&max);
  sigaddset(&max, SIGRTMAX);
  sigprocmask(SIG_BLOCK, &max, 0);
  got = 0;
  printf("settime %d\n", timer_settime(t, 0, &once, 0));
  siginfo_t si;
  int s = sigwaitinfo(&max, &si);
  printf("sigwaitinfo %d SI_TIMER %d value %d handler not run %d\n",
         s == SIGRTMAX, si.si_code == SI_TIMER, si.si_value.sival_int, !got);
  sigprocmask(SIG_UNBLOCK, &max, 0);
  printf("delete %d\n", timer_delete(t));

  /* To another thread. */
  got = 0;
  pthread_t th;
  pthread_barrier_init(&bar, 0, 2);
  pthread_create(&th, 0, target, 0);
  pthread_barrier_wait(&bar);
  ev.sigev_notify = SIGEV_THREAD_ID;
  ev.sigev_notify_thread_id = target_tid;
  printf("create SIGRTMAX THREAD_ID %d\n", timer_create(CLOCK_MONOTONIC, &ev, &t));
  printf("settime %d\n", timer_settime(t, 0, &once, 0));
  pthread_join(th, 0);
  printf("ran on the target thread %d\n", got && ran_on == target_tid);
  printf("delete %d\n", timer_delete(t));
}

int main(void) {
  max_tests();
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
