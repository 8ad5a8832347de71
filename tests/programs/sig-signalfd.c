/* sig-signalfd: signals read from a signalfd: one the program sends
 * itself (raise, kill), one from an interval timer, poll saying when the
 * descriptor is readable, a non-blocking read with nothing pending, and
 * sigpending while the signal waits for the read; then unblocked, a
 * signal goes to its handler again.
 */
#define _GNU_SOURCE 1
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t handled;
static void on_usr1(int sig) { handled = sig; }

static int readable(int fd, int ms) {
  struct pollfd p = {.fd = fd, .events = POLLIN};
  return poll(&p, 1, ms) == 1 && (p.revents & POLLIN);
}

static void show(int fd, const char *what) {
  struct signalfd_siginfo si;
  ssize_t n = read(fd, &si, sizeof si);
  if (n != (ssize_t)sizeof si) {
    printf("%s: read %zd %s\n", what, n, n < 0 && errno == EAGAIN ? "EAGAIN" : "");
    return;
  }
  printf("%s: signo %u code %d pid right %d\n", what, si.ssi_signo,
         si.ssi_code, si.ssi_pid == (unsigned)getpid());
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  signal(SIGUSR1, on_usr1);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGUSR1);
  sigaddset(&set, SIGALRM);
  sigaddset(&set, SIGUSR2);
  sigprocmask(SIG_BLOCK, &set, NULL);
  int fd = signalfd(-1, &set, SFD_NONBLOCK | SFD_CLOEXEC);
  if (fd < 0) {
    perror("signalfd");
    return 1;
  }
  printf("empty: readable %d\n", readable(fd, 0));
  show(fd, "nothing pending");

  raise(SIGUSR1);
  sigset_t pend;
  sigpending(&pend);
  printf("raised: pending %d readable %d handler ran %d\n",
         sigismember(&pend, SIGUSR1), readable(fd, 0), (int)handled);
  show(fd, "raise");
  kill(getpid(), SIGUSR2);
  show(fd, "kill");

  struct itimerval it;
  memset(&it, 0, sizeof it);
  it.it_value.tv_usec = 20000;
  setitimer(ITIMER_REAL, &it, NULL);
  printf("timer: readable within 2s %d\n", readable(fd, 2000));
  show(fd, "timer");
  printf("after reads: readable %d\n", readable(fd, 0));

  /* Pending when unblocked: the handler runs. */
  raise(SIGUSR1);
  sigprocmask(SIG_UNBLOCK, &set, NULL);
  printf("unblocked: handler ran %d readable %d\n", (int)handled,
         readable(fd, 0));
  close(fd);
  return 0;
}
