/* forkexec.c: processes under blinkenlights (tests/ui/tui-fork.sh): a
 * child that prints and exits 5, a child that blocks the parent's wait4
 * for a while, then the parent execs itself and the new program exits 3. */
#include <stdio.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc > 1) {
    printf("the exec'd program runs (%s)\n", argv[1]);
    return 3;
  }
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) {
    printf("the child says hello\n");
    _exit(5);
  }
  int st = 0;
  waitpid(p, &st, 0);
  printf("the parent saw status %d\n", WEXITSTATUS(st));
  fflush(stdout);
  p = fork();
  if (p == 0) {
    struct timespec ts = {0, 700000000};
    nanosleep(&ts, NULL);
    _exit(6);
  }
  waitpid(p, &st, 0);
  printf("after the wait, status %d\n", WEXITSTATUS(st));
  fflush(stdout);
  execl("/proc/self/exe", argv[0], "second", (char *)NULL);
  printf("execl failed\n");
  return 1;
}
