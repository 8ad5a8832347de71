/* sig-queue: real-time signals queued to a blocked signal until the
 * limit: sigqueue fails with EAGAIN at some point (RLIMIT_SIGPENDING
 * lowered to 200; it counts every pending signal of the user, other
 * programs' too, so only bounds are printed), every one queued is taken
 * back by sigtimedwait with its value in order, and then none is left.
 * The same for SIGRTMAX (which the emulator keeps itself, with a shorter
 * queue).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

static void run(const char *name, int sig) {
  sigset_t s;
  sigemptyset(&s);
  sigaddset(&s, sig);
  sigprocmask(SIG_BLOCK, &s, NULL);
  int n = 0, eagain = 0;
  for (; n < 1000; ++n) {
    union sigval v = {.sival_int = n};
    if (sigqueue(getpid(), sig, v)) {
      eagain = errno == EAGAIN;
      break;
    }
  }
  printf("%s: EAGAIN %d, at most 200 queued %d\n", name, eagain, n <= 200);
  int got = 0, in_order = 1;
  siginfo_t si;
  struct timespec zero = {0, 0};
  while (sigtimedwait(&s, &si, &zero) == sig) {
    if (si.si_value.sival_int != got) in_order = 0;
    ++got;
  }
  printf("%s: took back all %d, in order %d\n", name, got == n, in_order);
}

int main(void) {
  struct rlimit rl;
  getrlimit(RLIMIT_SIGPENDING, &rl);
  rl.rlim_cur = 200;
  if (setrlimit(RLIMIT_SIGPENDING, &rl)) perror("setrlimit");
  run("SIGRTMIN+1", SIGRTMIN + 1);
  run("SIGRTMAX", SIGRTMAX);
  return 0;
}
