/* kill: signals sent to other processes and to process groups: kill of
 * a child by pid, kill(-pgid) ending every process of a group, kill(0)
 * from a group leader ending the group and itself, an ignored signal sent
 * to the group, and kill(pid, 0) probing a live and a reaped child.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

static int hold[2]; /* nobody writes: a read blocks until killed */

static pid_t blocker(pid_t group) {
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) {
    setpgid(0, group);
    char c;
    read(hold[0], &c, 1);
    _exit(1);
  }
  setpgid(p, group); /* both sides, so neither races the other */
  return p;
}

static void show(const char *what, pid_t p) {
  int st = 0;
  if (waitpid(p, &st, 0) != p) {
    printf("%s: waitpid failed\n", what);
    return;
  }
  if (WIFSIGNALED(st))
    printf("%s: killed by signal %d\n", what, WTERMSIG(st));
  else
    printf("%s: exited %d\n", what, WEXITSTATUS(st));
}

int main(void) {
  pipe(hold);

  pid_t a = blocker(0);
  printf("probe a live child: %d\n", kill(a, 0));
  kill(a, SIGTERM);
  show("kill by pid", a);
  errno = 0;
  int r = kill(a, 0);
  printf("probe a reaped child: %d ESRCH %d\n", r, errno == ESRCH);

  /* A group of two, ended by kill(-pgid). */
  a = blocker(0);
  pid_t b = blocker(a);
  printf("same group %d\n", getpgid(b) == a);
  kill(-a, SIGUSR1);
  show("group leader", a);
  show("group member", b);

  /* kill(0) from a leader whose group has another member: an ignored
   * signal changes nothing, SIGTERM ends both. */
  int go[2];
  pipe(go);
  fflush(stdout);
  a = fork();
  if (a == 0) {
    setpgid(0, 0);
    char c;
    read(go[0], &c, 1); /* the member is in the group now */
    signal(SIGUSR2, SIG_IGN);
    if (kill(0, SIGUSR2)) _exit(2);
    kill(0, SIGTERM);
    _exit(3);
  }
  setpgid(a, a);
  b = blocker(a);
  write(go[1], "g", 1);
  show("kill(0) sender", a);
  show("kill(0) member", b);
  return 0;
}
