/* sig-async: signals from outside the program's own instructions: an
 * interval timer's SIGALRM reaching a handler while the program spins in
 * a loop that makes no system call, pause and sigsuspend woken by it,
 * alarm's remaining time, a blocking read interrupted with and without
 * SA_RESTART, nanosleep interrupted (never restarted), SIGPIPE, and
 * sigtimedwait / sigwaitinfo for a blocked signal, sigqueue's value, and
 * real-time signals queued in order.
 */
#define _GNU_SOURCE 1
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t ticks;
static int pfd[2];

static void on_alarm(int sig) {
  (void)sig;
  ++ticks;
}

static void on_alarm_write(int sig) {
  (void)sig;
  ++ticks;
  char c = 'x';
  if (write(pfd[1], &c, 1) != 1) _exit(3);
}

static void timer_ms(int first, int every) {
  struct itimerval it;
  memset(&it, 0, sizeof it);
  it.it_value.tv_sec = first / 1000;
  it.it_value.tv_usec = (first % 1000) * 1000;
  it.it_interval.tv_sec = every / 1000;
  it.it_interval.tv_usec = (every % 1000) * 1000;
  setitimer(ITIMER_REAL, &it, NULL);
}

static void handle(int sig, void (*fn)(int), int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = fn;
  sa.sa_flags = flags;
  sigaction(sig, &sa, NULL);
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  handle(SIGALRM, on_alarm, 0);

  /* A spinning loop: no system call for the signal to arrive in. */
  timer_ms(10, 10);
  while (ticks < 3) {
  }
  timer_ms(0, 0);
  printf("spin: %d ticks\n", (int)ticks);

  struct itimerval cur;
  getitimer(ITIMER_REAL, &cur);
  printf("disarmed %d\n", !cur.it_value.tv_sec && !cur.it_value.tv_usec);

  alarm(10);
  unsigned left = alarm(0);
  printf("alarm left about 10: %d\n", left == 10 || left == 9);

  ticks = 0;
  timer_ms(20, 0);
  int r = pause();
  printf("pause: %d %s ticks %d\n", r, r < 0 && errno == EINTR ? "EINTR" : "?",
         (int)ticks);

  /* sigsuspend: SIGALRM blocked outside, let through while waiting. */
  sigset_t block, empty, now;
  sigemptyset(&block);
  sigaddset(&block, SIGALRM);
  sigemptyset(&empty);
  sigprocmask(SIG_BLOCK, &block, NULL);
  ticks = 0;
  timer_ms(20, 0);
  r = sigsuspend(&empty);
  sigprocmask(SIG_SETMASK, NULL, &now);
  printf("sigsuspend: %d %s ticks %d, blocked again %d\n", r,
         errno == EINTR ? "EINTR" : "?", (int)ticks,
         sigismember(&now, SIGALRM));
  sigprocmask(SIG_UNBLOCK, &block, NULL);

  /* A read that blocks: EINTR without SA_RESTART... */
  if (pipe(pfd)) return 1;
  char c;
  ticks = 0;
  timer_ms(20, 0);
  ssize_t n = read(pfd[0], &c, 1);
  printf("read without SA_RESTART: %zd %s ticks %d\n", n,
         n < 0 && errno == EINTR ? "EINTR" : "?", (int)ticks);
  /* ...and restarted with it: the handler's byte is what it reads. */
  handle(SIGALRM, on_alarm_write, SA_RESTART);
  ticks = 0;
  c = 0;
  timer_ms(20, 0);
  n = read(pfd[0], &c, 1);
  printf("read with SA_RESTART: %zd '%c' ticks %d\n", n, c, (int)ticks);

  /* nanosleep is never restarted. */
  handle(SIGALRM, on_alarm, SA_RESTART);
  timer_ms(20, 0);
  struct timespec ts = {5, 0}, rem = {0, 0};
  r = nanosleep(&ts, &rem);
  printf("nanosleep: %d %s, remaining more than 3s %d\n", r,
         r < 0 && errno == EINTR ? "EINTR" : "?", rem.tv_sec >= 3);

  /* SIGPIPE from the host's write to a pipe with no reader reaches the
   * handler; the write fails with EPIPE. */
  handle(SIGPIPE, on_alarm, 0);
  ticks = 0;
  int q[2];
  if (pipe(q)) return 1;
  close(q[0]);
  n = write(q[1], "x", 1);
  printf("SIGPIPE: %zd %s handler ran %d\n", n,
         n < 0 && errno == EPIPE ? "EPIPE" : "?", (int)ticks);
  close(q[1]);

  /* A blocked signal taken with sigtimedwait, no handler involved. */
  sigset_t usr;
  sigemptyset(&usr);
  sigaddset(&usr, SIGUSR1);
  sigprocmask(SIG_BLOCK, &usr, NULL);
  raise(SIGUSR1);
  siginfo_t si;
  struct timespec zero = {0, 10 * 1000 * 1000};
  r = sigtimedwait(&usr, &si, &zero);
  printf("sigtimedwait: %d code %d pid right %d\n", r, si.si_code,
         si.si_pid == getpid());
  r = sigtimedwait(&usr, &si, &zero);
  printf("again: %d %s\n", r, r < 0 && errno == EAGAIN ? "EAGAIN" : "?");
  /* sigqueue: SI_QUEUE and the value, to sigtimedwait. */
  union sigval v = {.sival_int = 4242};
  sigqueue(getpid(), SIGUSR1, v);
  r = sigtimedwait(&usr, &si, &zero);
  printf("sigqueue: %d SI_QUEUE %d value %d\n", r, si.si_code == SI_QUEUE,
         si.si_value.sival_int);
  /* Real-time signals queue, in order, each with its value. */
  sigset_t rt;
  sigemptyset(&rt);
  sigaddset(&rt, SIGRTMIN + 1);
  sigprocmask(SIG_BLOCK, &rt, NULL);
  for (int k = 1; k <= 3; ++k) {
    v.sival_int = k * 11;
    sigqueue(getpid(), SIGRTMIN + 1, v);
  }
  for (int k = 0; k < 4; ++k) {
    r = sigtimedwait(&rt, &si, &zero);
    if (r > 0)
      printf("rt %d: SIGRTMIN+%d value %d\n", k, r - SIGRTMIN,
             si.si_value.sival_int);
    else
      printf("rt %d: %s\n", k, errno == EAGAIN ? "EAGAIN" : "?");
  }
  /* One that comes from the timer while waiting. */
  sigprocmask(SIG_BLOCK, &block, NULL);
  ticks = 0;
  timer_ms(20, 0);
  r = sigwaitinfo(&block, &si);
  printf("sigwaitinfo: %d (SIGALRM %d) handler ran %d\n", r, r == SIGALRM,
         (int)ticks);
  return 0;
}
