/* sig-mask-threads: the signal mask is per thread. glibc blocks every
 * signal in a thread that is ending, and in the creating thread around
 * clone: none of that may show in the main thread's mask afterwards, nor
 * in a child it forks (python3's subprocess after a thread pool: the
 * child's "kill -TERM $$" did nothing under blink, whose mask was the
 * process's).
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static void *work(void *arg) { return arg; }

static int blocked_count(void) {
  sigset_t cur;
  int n = 0, s;
  sigprocmask(SIG_SETMASK, 0, &cur);
  for (s = 1; s < 32; s++) n += sigismember(&cur, s);
  return n;
}

int main(void) {
  pthread_t t[4];
  int round, i, st, dirty = 0, unkilled = 0;
  for (round = 0; round < 50; round++) {
    for (i = 0; i < 4; i++) pthread_create(&t[i], 0, work, 0);
    for (i = 0; i < 4; i++) pthread_join(t[i], 0);
    if (blocked_count()) dirty++;
    if (round % 10 == 0) {
      pid_t c = fork();
      if (!c) {
        kill(getpid(), SIGTERM);
        _exit(blocked_count() ? 3 : 4);
      }
      waitpid(c, &st, 0);
      if (!WIFSIGNALED(st) || WTERMSIG(st) != SIGTERM) unkilled++;
    }
  }
  printf("rounds with signals blocked in the main thread: %d\n", dirty);
  printf("children that survived SIGTERM: %d\n", unkilled);
  return 0;
}
