/* sigrtmax: the guest's own SIGRTMAX (the emulator wakes its threads
 * with the host's): raise reaches a handler (SI_TKILL), sigqueue carries
 * its value, blocked it stays pending for sigpending and sigtimedwait,
 * pthread_kill reaches a spinning thread's handler and ends another
 * thread's blocking read with EINTR, another process's kill reaches the
 * handler with that process's pid while sigsuspend waits, exit_group
 * still ends a thread blocked in a read, and the default action kills.
 *@status 192
 */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static __thread int me;
static volatile sig_atomic_t hits, last_code, last_value, last_pid, hit_in;

static void on_rtmax(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  if (sig != SIGRTMAX) return;
  hits++;
  last_code = si->si_code;
  last_value = si->si_code == SI_QUEUE ? si->si_value.sival_int : 0;
  last_pid = si->si_pid;
  hit_in = me;
}

static const char *code(int c) {
  return c == SI_USER ? "SI_USER" : c == SI_QUEUE ? "SI_QUEUE"
         : c == SI_TKILL ? "SI_TKILL" : "?";
}

static volatile int spinning;
static void *spinner(void *arg) {
  (void)arg;
  me = 1;
  spinning = 1;
  while (!hits) {
  }
  return NULL;
}

static int hold[2], hold2[2];
static volatile int reading;
static void *reader(void *arg) {
  char c;
  me = 2;
  reading = 1;
  ssize_t n = read(*(int *)arg, &c, 1);
  printf("reader: read %zd %s\n", n, n < 0 && errno == EINTR ? "EINTR" : "?");
  return NULL;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_sigaction = on_rtmax;
  sa.sa_flags = SA_SIGINFO;
  sigaction(SIGRTMAX, &sa, NULL);

  raise(SIGRTMAX);
  printf("raise: hits %d code %s\n", (int)hits, code(last_code));
  union sigval v = {.sival_int = 6464};
  sigqueue(getpid(), SIGRTMAX, v);
  printf("sigqueue: hits %d code %s value %d\n", (int)hits, code(last_code),
         (int)last_value);

  sigset_t b, p;
  sigemptyset(&b);
  sigaddset(&b, SIGRTMAX);
  sigprocmask(SIG_BLOCK, &b, NULL);
  raise(SIGRTMAX);
  sigpending(&p);
  siginfo_t si;
  struct timespec zero = {0, 0};
  int sig = sigtimedwait(&b, &si, &zero);
  printf("blocked: pending %d, sigtimedwait %s, hits %d\n",
         sigismember(&p, SIGRTMAX), sig == SIGRTMAX ? "SIGRTMAX" : "?",
         (int)hits);
  sigprocmask(SIG_UNBLOCK, &b, NULL);

  hits = 0;
  pthread_t t;
  pthread_create(&t, NULL, spinner, NULL);
  while (!spinning) {
  }
  pthread_kill(t, SIGRTMAX);
  pthread_join(t, NULL);
  printf("pthread_kill: handler ran in thread %d\n", (int)hit_in);

  if (pipe(hold) || pipe(hold2)) return 1;
  pthread_create(&t, NULL, reader, &hold[0]);
  while (!reading) {
  }
  usleep(100 * 1000);
  pthread_kill(t, SIGRTMAX);
  pthread_join(t, NULL);
  printf("handler ran in thread %d\n", (int)hit_in);

  /* Another process's SIGRTMAX while sigsuspend waits. */
  sigprocmask(SIG_BLOCK, &b, NULL);
  hits = 0;
  pid_t c = fork();
  if (c == 0) {
    kill(getppid(), SIGRTMAX);
    _exit(0);
  }
  sigset_t none;
  sigemptyset(&none);
  sigsuspend(&none);
  waitpid(c, NULL, 0);
  printf("from a child: hits %d code %s pid right %d\n", (int)hits,
         code(last_code), last_pid == c);
  sigprocmask(SIG_UNBLOCK, &b, NULL);

  /* A thread left blocked in a read; SIGRTMAX's default kills all. */
  reading = 0;
  pthread_create(&t, NULL, reader, &hold2[0]);
  while (!reading) {
  }
  signal(SIGRTMAX, SIG_DFL);
  raise(SIGRTMAX);
  printf("still alive?\n");
  return 0;
}
