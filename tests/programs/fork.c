/* fork: processes: fork and waitpid with exit statuses and a signal
 * death, a pipe between parent and child, and execve of this program
 * with an argument.
 */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc > 1) {
    printf("exec'd with %s\n", argv[1]);
    return 5;
  }
  fflush(stdout);
  pid_t p = fork();
  if (p < 0) {
    printf("fork failed\n");
    return 1;
  }
  if (p == 0) _exit(7);
  int st = 0;
  printf("waitpid matches %d\n", waitpid(p, &st, 0) == p);
  printf("child exited %d status %d\n", WIFEXITED(st), WEXITSTATUS(st));

  p = fork();
  if (p == 0) {
    raise(SIGTERM);
    _exit(0);
  }
  waitpid(p, &st, 0);
  printf("child signaled %d sig %d\n", WIFSIGNALED(st), WTERMSIG(st));

  int fds[2];
  pipe(fds);
  p = fork();
  if (p == 0) {
    close(fds[0]);
    const char msg[] = "hello from the child";
    write(fds[1], msg, sizeof msg);
    _exit(0);
  }
  close(fds[1]);
  char buf[64] = {0};
  ssize_t n = read(fds[0], buf, sizeof buf);
  waitpid(p, &st, 0);
  printf("pipe %zd [%s]\n", n, buf);

  fflush(stdout);
  p = fork();
  if (p == 0) {
    execl("/proc/self/exe", argv[0], "an-argument", (char *)NULL);
    _exit(99);
  }
  waitpid(p, &st, 0);
  printf("exec child status %d\n", WEXITSTATUS(st));
  return 0;
}
