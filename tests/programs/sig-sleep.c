/* sig-sleep: a sleep interrupted by a signal that runs no handler (here
 * SIGWINCH, whose default is to be ignored, arriving from a child while
 * the emulator catches it on the host because a sigtimedwait waited for
 * it) goes on for the time it had left, not its whole length again:
 * nanosleep and a relative clock_nanosleep, each 1 s with the signal at
 * 0.5 s, take about 1 s.
 */
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec + t.tv_nsec / 1e9;
}

static pid_t poke_later(void) {
  pid_t parent = getpid(), c = fork();
  if (c == 0) {
    usleep(500 * 1000);
    kill(parent, SIGWINCH);
    _exit(0);
  }
  return c;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  sigset_t w;
  sigemptyset(&w);
  sigaddset(&w, SIGWINCH);
  sigprocmask(SIG_BLOCK, &w, NULL);
  struct timespec short_wait = {0, 10 * 1000 * 1000};
  printf("sigtimedwait: %d\n", sigtimedwait(&w, NULL, &short_wait));
  sigprocmask(SIG_UNBLOCK, &w, NULL);
  for (int k = 0; k < 2; ++k) {
    pid_t c = poke_later();
    struct timespec d = {1, 0};
    double t0 = now();
    int r = k ? clock_nanosleep(CLOCK_MONOTONIC, 0, &d, NULL) : nanosleep(&d, NULL);
    double dt = now() - t0;
    waitpid(c, NULL, 0);
    printf("%s: %d, took about 1 s: %s\n", k ? "clock_nanosleep" : "nanosleep", r,
           dt >= 0.99 && dt < 1.4 ? "yes" : dt >= 1.4 ? "no, longer" : "no, shorter");
  }
  return 0;
}
