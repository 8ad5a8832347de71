/* sig-thread-gone: threads that change a signal disposition (or, as
 * glibc's thread exit does, the signal mask) end, then child processes
 * exit, so SIGCHLD reaches us, while nothing blocks... Blink forwarded
 * host signals to the machine of the last thread that changed either,
 * and kept pointing at it after the thread was freed: the SIGCHLD of a
 * later child wrote into freed memory (python3's socketserver and
 * subprocess crashed blink; ASan builds see it every time). At the end
 * a signal from a child must reach the main thread while it spins
 * without making a system call.
 */
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile sig_atomic_t got, chld;

static void on_signal(int sig) {
  if (sig == SIGCHLD)
    chld++;
  else
    got = sig;
}

static void *set_disposition(void *arg) {
  signal(arg ? SIGUSR2 : SIGCHLD, on_signal);
  return 0;
}

int main(void) {
  pthread_t t;
  sigset_t none;
  int round, st, exited = 0;
  signal(SIGUSR1, on_signal);
  for (round = 0; round < 20; round++) {
    pthread_create(&t, 0, set_disposition, round & 1 ? &t : 0);
    pthread_join(t, 0);
    pid_t child = fork();
    if (!child) _exit(round);
    if (waitpid(child, &st, 0) == child && WIFEXITED(st) && WEXITSTATUS(st) == round) exited++;
  }
  printf("children exited: %d\n", exited);
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, 0);
  got = 0;
  pid_t parent = getpid(), child = fork();
  if (!child) {
    kill(parent, SIGUSR2);
    _exit(0);
  }
  /* No system call until the signal has come (or a long while). */
  unsigned long spins = 0;
  while (!got && spins < 300000000ul) spins++;
  printf("spinning main thread got %s\n", got == SIGUSR2 ? "SIGUSR2" : "nothing");
  waitpid(child, &st, 0);
  printf("SIGCHLD handled: %s\n", chld > 0 ? "yes" : "no");
  return 0;
}
