/* tracee.c: system calls whose arguments -s decodes as structures and
 * named values (cli/strace-decode checks the log): a sigaction, a
 * signal set, an ioctl request, a futex op, a madvise advice, pollfds,
 * iovecs, struct utsname. */
#include <linux/futex.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <unistd.h>

static void handler(int sig) { (void)sig; }

int main(void) {
  struct sigaction sa = {0};
  sa.sa_handler = handler;
  sa.sa_flags = SA_RESTART;
  sigaddset(&sa.sa_mask, SIGTERM);
  sigaction(SIGINT, &sa, 0);
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, SIGINT);
  sigaddset(&s, SIGCHLD);
  sigprocmask(SIG_BLOCK, &s, 0);
  struct winsize ws;
  ioctl(1, TIOCGWINSZ, &ws);
  int word = 0;
  syscall(SYS_futex, &word, FUTEX_WAKE_PRIVATE, 1, 0, 0, 0);
  void *p = mmap(0, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  madvise(p, 4096, MADV_DONTNEED);
  struct pollfd pfd = {0, POLLIN, 0};
  poll(&pfd, 1, 0);
  struct iovec v[2] = {{"tra", 3}, {"ced\n", 4}};
  writev(1, v, 2);
  struct utsname u;
  uname(&u);
  return 0;
}
