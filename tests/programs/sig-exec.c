/* sig-exec: signal state across execve of itself. Before: a handler for
 * SIGUSR1 and SIGTERM, SIGUSR2 and SIGPIPE ignored, SIGHUP and SIGRTMIN+3
 * blocked and pending (raise, sigqueue with a value), an altstack. After
 * (the program again, with an argument): handlers back to SIG_DFL (the
 * flags gone), ignored ones still ignored (a write to a closed pipe is
 * EPIPE, raise(SIGUSR2) does nothing), the mask and the pending signals
 * kept with their siginfo, the altstack disabled; and SIGUSR1's default
 * action really kills the program.
 *@status 138
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static void on_sig(int sig) { (void)sig; }

static const char *disp(int sig) {
  struct sigaction sa;
  sigaction(sig, NULL, &sa);
  if (sa.sa_handler == SIG_DFL) return sa.sa_flags & SA_ONSTACK ? "DFL+flags" : "DFL";
  if (sa.sa_handler == SIG_IGN) return "IGN";
  return "handler";
}

static int child(void) {
  printf("after: SIGUSR1 %s SIGTERM %s SIGUSR2 %s SIGPIPE %s SIGINT %s\n",
         disp(SIGUSR1), disp(SIGTERM), disp(SIGUSR2), disp(SIGPIPE), disp(SIGINT));
  sigset_t cur, p;
  sigprocmask(SIG_BLOCK, NULL, &cur);
  sigpending(&p);
  printf("after: blocked HUP %d RTMIN+3 %d USR1 %d; pending HUP %d RTMIN+3 %d\n",
         sigismember(&cur, SIGHUP), sigismember(&cur, SIGRTMIN + 3),
         sigismember(&cur, SIGUSR1), sigismember(&p, SIGHUP),
         sigismember(&p, SIGRTMIN + 3));
  stack_t ss;
  sigaltstack(NULL, &ss);
  printf("after: altstack %s\n", ss.ss_flags & SS_DISABLE ? "disabled" : "kept");
  siginfo_t si;
  struct timespec zero = {0, 0};
  sigset_t w;
  sigemptyset(&w);
  sigaddset(&w, SIGHUP);
  sigaddset(&w, SIGRTMIN + 3);
  for (int k = 0; k < 2; ++k) {
    int sig = sigtimedwait(&w, &si, &zero);
    printf("after: took %s code %d value %d\n",
           sig == SIGHUP ? "SIGHUP" : sig == SIGRTMIN + 3 ? "SIGRTMIN+3" : "?",
           si.si_code, sig == SIGRTMIN + 3 ? si.si_value.sival_int : 0);
  }
  int q[2];
  if (pipe(q)) return 1;
  close(q[0]);
  ssize_t n = write(q[1], "x", 1);
  printf("after: write to a closed pipe %zd %s\n", n,
         n < 0 && errno == EPIPE ? "EPIPE" : "?");
  raise(SIGUSR2);
  printf("after: raise(SIGUSR2) ignored\n");
  fflush(stdout);
  raise(SIGUSR1); /* SIG_DFL: terminates */
  printf("after: still alive?\n");
  return 0;
}

int main(int argc, char **argv) {
  setvbuf(stdout, NULL, _IONBF, 0);
  if (argc > 1) return child();
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = on_sig;
  sa.sa_flags = SA_ONSTACK | SA_RESTART;
  sigaction(SIGUSR1, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);
  signal(SIGUSR2, SIG_IGN);
  signal(SIGPIPE, SIG_IGN);
  static char alt[65536];
  stack_t ss = {.ss_sp = alt, .ss_size = sizeof(alt), .ss_flags = 0};
  sigaltstack(&ss, NULL);
  sigset_t b;
  sigemptyset(&b);
  sigaddset(&b, SIGHUP);
  sigaddset(&b, SIGRTMIN + 3);
  sigprocmask(SIG_BLOCK, &b, NULL);
  raise(SIGHUP);
  union sigval v = {.sival_int = 31};
  sigqueue(getpid(), SIGRTMIN + 3, v);
  printf("before: SIGUSR1 %s SIGUSR2 %s\n", disp(SIGUSR1), disp(SIGUSR2));
  char *args[] = {argv[0], "child", NULL};
  execv("/proc/self/exe", args);
  perror("execv");
  return 1;
}
