/* sig-ppoll: ppoll, pselect, epoll_pwait and epoll_pwait2 apply their
 * signal mask for the wait only. For each: a blocked SIGALRM from an
 * interval timer ends the wait (EINTR) because the call's mask lets it
 * through, and the handler sees the call's mask (SIGUSR2 blocked there,
 * not outside); afterwards SIGALRM is blocked again. A blocked SIGUSR1
 * already pending makes the call return EINTR at once when its mask
 * unblocks it. A call that returns ready descriptors does not deliver
 * the signal its mask unblocked: it stays pending, then is delivered by
 * sigsuspend.
 */
#define _GNU_SOURCE 1
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t alrm, usr1, usr2_blocked_in_handler;

static int is_blocked(int sig) {
  sigset_t cur;
  sigprocmask(SIG_BLOCK, NULL, &cur);
  return sigismember(&cur, sig);
}

static void on_sig(int sig) {
  if (sig == SIGALRM) alrm++;
  if (sig == SIGUSR1) usr1++;
  usr2_blocked_in_handler = is_blocked(SIGUSR2);
}

static int epfd, pipefd[2], ready[2];

/* kind: 0 ppoll, 1 pselect, 2 epoll_pwait, 3 epoll_pwait2; fd to wait
 * on; the mask for the wait. */
static int wait_one(int kind, int fd, const sigset_t *mask) {
  struct timespec ts = {2, 0};
  switch (kind) {
    case 0: {
      struct pollfd p = {fd, POLLIN, 0};
      return ppoll(&p, 1, &ts, mask);
    }
    case 1: {
      fd_set r;
      FD_ZERO(&r);
      FD_SET(fd, &r);
      return pselect(fd + 1, &r, NULL, NULL, &ts, mask);
    }
    default: {
      struct epoll_event ev = {.events = EPOLLIN, .data.fd = fd}, out;
      epoll_ctl(epfd, EPOLL_CTL_DEL, pipefd[0], NULL);
      epoll_ctl(epfd, EPOLL_CTL_DEL, ready[0], NULL);
      epoll_ctl(epfd, EPOLL_CTL_ADD, fd, &ev);
      if (kind == 2) return epoll_pwait(epfd, &out, 1, 2000, mask);
      return (int)syscall(441 /* epoll_pwait2 */, epfd, &out, 1, &ts, mask, 8);
    }
  }
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  static const char *const names[] = {"ppoll", "pselect", "epoll_pwait",
                                      "epoll_pwait2"};
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = on_sig;
  sigaction(SIGALRM, &sa, NULL);
  sigaction(SIGUSR1, &sa, NULL);
  sigaction(SIGUSR2, &sa, NULL);
  sigset_t b, during;
  sigemptyset(&b);
  sigaddset(&b, SIGALRM);
  sigaddset(&b, SIGUSR1);
  sigprocmask(SIG_BLOCK, &b, NULL);
  sigemptyset(&during);
  sigaddset(&during, SIGUSR2);
  if (pipe(pipefd) || pipe(ready) || write(ready[1], "r", 1) != 1) return 1;
  epfd = epoll_create1(0);
  for (int kind = 0; kind < 4; ++kind) {
    /* 1: the timer's SIGALRM ends the wait. */
    alrm = 0;
    usr2_blocked_in_handler = -1;
    struct itimerval it = {{0, 0}, {0, 50 * 1000}};
    setitimer(ITIMER_REAL, &it, NULL);
    int r = wait_one(kind, pipefd[0], &during);
    int e = errno;
    if (kind == 3 && r < 0 && e == ENOSYS) {
      printf("%s: not on this kernel\n", names[kind]);
      continue;
    }
    printf("%s: timer: %d %s handler %d, SIGUSR2 blocked in it %d; after: "
           "SIGALRM blocked %d SIGUSR2 blocked %d\n",
           names[kind], r, r < 0 && e == EINTR ? "EINTR" : "?", (int)alrm,
           (int)usr2_blocked_in_handler, is_blocked(SIGALRM),
           is_blocked(SIGUSR2));
    /* 2: already pending: at once. */
    usr1 = 0;
    raise(SIGUSR1);
    r = wait_one(kind, pipefd[0], &during);
    e = errno;
    printf("%s: pending: %d %s handler %d\n", names[kind], r,
           r < 0 && e == EINTR ? "EINTR" : "?", (int)usr1);
    /* 3: ready at once: the signal stays pending. */
    usr1 = 0;
    raise(SIGUSR1);
    r = wait_one(kind, ready[0], &during);
    sigset_t p;
    sigpending(&p);
    printf("%s: ready: %d handler %d pending %d blocked %d\n", names[kind], r,
           (int)usr1, sigismember(&p, SIGUSR1), is_blocked(SIGUSR1));
    sigset_t s;
    sigfillset(&s);
    sigdelset(&s, SIGUSR1);
    sigsuspend(&s);
    printf("%s: sigsuspend: handler %d\n", names[kind], (int)usr1);
  }
  return 0;
}
