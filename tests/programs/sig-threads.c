/* sig-threads: per-thread signal state. pthread_kill to each thread,
 * which spins without system calls until its handler ran there; a thread
 * that blocks the signal keeps it pending for itself only (sigpending),
 * until it unblocks it; a process-directed kill taken by the only thread
 * that does not block it; a signal thread taking kill and sigqueue with
 * sigwaitinfo while every thread blocks them; SIGSEGV in a worker caught
 * by a handler that reports the thread; pthread_kill of SIGSEGV; raise
 * in a thread; pthread_kill ending a thread's blocking read with EINTR;
 * sigaltstack per thread (a new thread has none); pthread_sigmask
 * inherited by a new thread and changed there without touching the
 * creator's; SIGPIPE from a send or write on a socket whose peer closed
 * runs the handler in the sending thread (not with MSG_NOSIGNAL); and
 * the process exits at once while a signal thread still waits in
 * sigwaitinfo (an alarm would kill it after 2 s).
 */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define N 3

static __thread int me = -1; /* the thread's index; main is 0 */
static volatile sig_atomic_t got[N + 2], got_sig[N + 2];
static volatile sig_atomic_t segv_log[2], nsegv;
static __thread sigjmp_buf jb;
static sem_t go[N + 2], done[N + 2];

static void on_sig(int sig) {
  if (me >= 0) {
    got_sig[me] = sig;
    got[me]++;
  }
}

static void on_segv(int sig, siginfo_t *si, void *uc) {
  (void)sig;
  (void)uc;
  if (nsegv < 2)
    segv_log[nsegv++] = me * 100 + (si->si_code == SEGV_MAPERR) * 10 +
                        (si->si_code == SI_TKILL) * 20 +
                        (si->si_addr == (void *)16);
  siglongjmp(jb, 1);
}

static void handle(int sig, void (*fn)(int), int flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = fn;
  sa.sa_flags = flags;
  sigaction(sig, &sa, NULL);
}

static int blocked(int sig) {
  sigset_t cur;
  pthread_sigmask(SIG_BLOCK, NULL, &cur);
  return sigismember(&cur, sig);
}

static int pending(int sig) {
  sigset_t p;
  sigpending(&p);
  return sigismember(&p, sig);
}

static void block(int how, int sig) {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, sig);
  pthread_sigmask(how, &s, NULL);
}

/* Part 1 and 2: workers. Worker 1 blocks SIGUSR1; all block SIGUSR2 but
 * worker 2. Each spins (no system call) until its handler ran. */
static void *worker(void *arg) {
  me = (int)(intptr_t)arg;
  block(me == 2 ? SIG_UNBLOCK : SIG_BLOCK, SIGUSR2);
  if (me == 1) block(SIG_BLOCK, SIGUSR1);
  sem_post(&done[me]);
  sem_wait(&go[me]); /* part 1: main sent SIGUSR1 to us */
  if (me == 1) {
    /* Blocked: pending for this thread only, until unblocked. */
    int p = pending(SIGUSR1);
    sem_post(&done[me]);
    sem_wait(&go[me]); /* main looked at its own sigpending */
    int before = got[me];
    block(SIG_UNBLOCK, SIGUSR1);
    printf("worker 1: pending %d, handler before unblock %d, after %d\n", p,
           before, (int)got[me]);
  } else {
    while (!got[me]) {
    }
    printf("worker %d: handler ran here with %s\n", me,
           got_sig[me] == SIGUSR1 ? "SIGUSR1" : "?");
  }
  fflush(stdout);
  sem_post(&done[me]);
  sem_wait(&go[me]); /* part 2: kill(getpid(), SIGUSR2) */
  if (me == 2) {
    while (got[me] < 2) {
    }
    printf("worker 2: took the process's SIGUSR2 (%s)\n",
           got_sig[me] == SIGUSR2 ? "yes" : "no");
    fflush(stdout);
  }
  sem_post(&done[me]);
  sem_wait(&go[me]); /* part 3: SIGSEGV in worker 3 */
  if (me == 3) {
    volatile int *volatile bad = (volatile int *)16;
    if (!sigsetjmp(jb, 1)) *bad = 1;
    /* pthread_kill of SIGSEGV: thread-directed, SI_TKILL. */
    if (!sigsetjmp(jb, 1)) {
      pthread_kill(pthread_self(), SIGSEGV);
      for (;;) {
      }
    }
  }
  sem_post(&done[me]);
  return NULL;
}

/* Part 4: the signal thread. */
static void *forever(void *arg) {
  (void)arg;
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGHUP);
  sem_post(&done[0]);
  siginfo_t si;
  sigwaitinfo(&s, &si);
  printf("forever: woke?\n");
  return NULL;
}

static void *sigthread(void *arg) {
  (void)arg;
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGHUP);
  sigaddset(&s, SIGRTMIN + 2);
  sem_post(&done[0]);
  for (int k = 0; k < 4; ++k) {
    siginfo_t si;
    int sig = sigwaitinfo(&s, &si);
    printf("signal thread: %s code %s pid right %d value %d\n",
           sig == SIGHUP ? "SIGHUP" : sig == SIGRTMIN + 2 ? "SIGRTMIN+2" : "?",
           si.si_code == SI_USER    ? "SI_USER"
           : si.si_code == SI_QUEUE ? "SI_QUEUE"
           : si.si_code == SI_TKILL ? "SI_TKILL"
                                    : "?",
           si.si_pid == getpid(), si.si_code == SI_QUEUE ? si.si_value.sival_int : 0);
    fflush(stdout);
    sem_post(&done[0]);
  }
  return NULL;
}

/* Part 5: a blocking read interrupted by pthread_kill. */
static int hold[2];
static volatile int reader_ready;
static void *reader(void *arg) {
  (void)arg;
  char c;
  reader_ready = 1;
  ssize_t n = read(hold[0], &c, 1);
  printf("reader: read %zd %s\n", n, n < 0 && errno == EINTR ? "EINTR" : "?");
  fflush(stdout);
  return NULL;
}

/* Part 6: altstacks. */
static char main_alt[65536], thr_alt[65536];
static volatile int where;
static void on_alt(int sig) {
  (void)sig;
  char here;
  where = (&here >= main_alt && &here < main_alt + sizeof(main_alt))  ? 1
          : (&here >= thr_alt && &here < thr_alt + sizeof(thr_alt)) ? 2
                                                                     : 3;
}
static const char *wname(void) {
  return where == 1 ? "main's altstack" : where == 2 ? "the thread's altstack"
                                                     : "the normal stack";
}
static void *alt_thread(void *arg) {
  (void)arg;
  stack_t ss;
  sigaltstack(NULL, &ss);
  printf("new thread: altstack %s\n",
         (ss.ss_flags & SS_DISABLE) ? "disabled" : "inherited!");
  raise(SIGWINCH);
  printf("new thread: handler on %s\n", wname());
  ss.ss_sp = thr_alt;
  ss.ss_size = sizeof(thr_alt);
  ss.ss_flags = 0;
  sigaltstack(&ss, NULL);
  raise(SIGWINCH);
  printf("new thread: handler on %s\n", wname());
  /* Part 7: the creator's mask, inherited. */
  printf("new thread: SIGUSR2 blocked %d SIGQUIT blocked %d\n",
         blocked(SIGUSR2) == 1, blocked(SIGQUIT) == 1);
  block(SIG_UNBLOCK, SIGQUIT);
  block(SIG_BLOCK, SIGTERM);
  fflush(stdout);
  return NULL;
}

/* Part 8: SIGPIPE in the sending thread. */
static volatile int pipe_in = -1;
static void on_pipe(int sig) {
  (void)sig;
  pipe_in = me;
}
static int sv[2];
static void *sender(void *arg) {
  (void)arg;
  me = 5;
  ssize_t n = send(sv[0], "x", 1, 0);
  printf("send: %zd %s handler in thread %d\n", n,
         n < 0 && errno == EPIPE ? "EPIPE" : "?", pipe_in);
  pipe_in = -1;
  n = write(sv[0], "x", 1);
  printf("write: %zd %s handler in thread %d\n", n,
         n < 0 && errno == EPIPE ? "EPIPE" : "?", pipe_in);
  pipe_in = -1;
  n = send(sv[0], "x", 1, MSG_NOSIGNAL);
  printf("send MSG_NOSIGNAL: %zd %s handler in thread %d\n", n,
         n < 0 && errno == EPIPE ? "EPIPE" : "?", pipe_in);
  return NULL;
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  me = 0;
  for (int k = 0; k < N + 2; ++k) {
    sem_init(&go[k], 0, 0);
    sem_init(&done[k], 0, 0);
  }
  handle(SIGUSR1, on_sig, SA_RESTART);
  handle(SIGUSR2, on_sig, SA_RESTART);
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_sigaction = on_segv;
  sa.sa_flags = SA_SIGINFO | SA_NODEFER;
  sigaction(SIGSEGV, &sa, NULL);
  block(SIG_BLOCK, SIGUSR2);
  pthread_t t[N + 1];
  for (int k = 1; k <= N; ++k) {
    pthread_create(&t[k], NULL, worker, (void *)(intptr_t)k);
    sem_wait(&done[k]);
  }

  /* 1: pthread_kill to each. */
  for (int k = 1; k <= N; ++k) {
    pthread_kill(t[k], SIGUSR1);
    sem_post(&go[k]);
    if (k == 1) {
      sem_wait(&done[1]);
      printf("main: worker 1's SIGUSR1 pending here %d\n", pending(SIGUSR1));
      sem_post(&go[1]);
    }
    sem_wait(&done[k]);
  }
  printf("main: handler ran here %d times\n", (int)got[0]);

  /* 2: process-directed, only worker 2 does not block it. */
  kill(getpid(), SIGUSR2);
  for (int k = 1; k <= N; ++k) sem_post(&go[k]);
  for (int k = 1; k <= N; ++k) sem_wait(&done[k]);
  printf("main: SIGUSR2 here %d, worker 1 %d, worker 3 %d\n", got_sig[0] == SIGUSR2,
         got_sig[1] == SIGUSR2, got_sig[3] == SIGUSR2);

  /* 3: SIGSEGV in worker 3. */
  sem_post(&go[3]);
  sem_wait(&done[3]);
  for (int k = 0; k < nsegv; ++k)
    printf("main: SIGSEGV caught in thread %d code %s addr %d\n",
           (int)segv_log[k] / 100,
           segv_log[k] / 10 % 10 == 1   ? "SEGV_MAPERR"
           : segv_log[k] / 10 % 10 == 2 ? "SI_TKILL"
                                        : "?",
           (int)segv_log[k] % 10);
  for (int k = 1; k <= N; ++k) {
    sem_post(&go[k]);
    pthread_join(t[k], NULL);
  }

  /* 4: a signal thread; every thread blocks SIGHUP and SIGRTMIN+2. */
  block(SIG_BLOCK, SIGHUP);
  block(SIG_BLOCK, SIGRTMIN + 2);
  pthread_t st;
  pthread_create(&st, NULL, sigthread, NULL);
  sem_wait(&done[0]);
  kill(getpid(), SIGHUP);
  sem_wait(&done[0]);
  union sigval v = {.sival_int = 77};
  sigqueue(getpid(), SIGRTMIN + 2, v);
  sem_wait(&done[0]);
  v.sival_int = 78;
  sigqueue(getpid(), SIGRTMIN + 2, v);
  sem_wait(&done[0]);
  pthread_kill(st, SIGHUP);
  sem_wait(&done[0]);
  pthread_join(st, NULL);
  printf("main: SIGHUP pending here %d\n", pending(SIGHUP));

  /* 5: pthread_kill ends a blocking read (no SA_RESTART). */
  handle(SIGUSR1, on_sig, 0);
  if (pipe(hold)) return 1;
  pthread_t rd;
  pthread_create(&rd, NULL, reader, NULL);
  while (!reader_ready) {
  }
  usleep(100 * 1000);
  pthread_kill(rd, SIGUSR1);
  pthread_join(rd, NULL);

  /* 6 and 7: altstacks and the inherited mask. */
  stack_t ss = {.ss_sp = main_alt, .ss_size = sizeof(main_alt), .ss_flags = 0};
  sigaltstack(&ss, NULL);
  handle(SIGWINCH, on_alt, SA_ONSTACK);
  raise(SIGWINCH);
  printf("main: handler on %s\n", wname());
  block(SIG_BLOCK, SIGQUIT);
  pthread_t at;
  pthread_create(&at, NULL, alt_thread, NULL);
  pthread_join(at, NULL);
  raise(SIGWINCH);
  printf("main: handler on %s\n", wname());
  printf("main: SIGQUIT blocked %d SIGTERM blocked %d\n", blocked(SIGQUIT) == 1,
         blocked(SIGTERM) == 1);

  handle(SIGPIPE, on_pipe, 0);
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv)) return 1;
  close(sv[1]);
  pthread_t snd;
  pthread_create(&snd, NULL, sender, NULL);
  pthread_join(snd, NULL);

  pthread_t fv;
  pthread_create(&fv, NULL, forever, NULL);
  sem_wait(&done[0]);
  alarm(2);
  return 0;
}
