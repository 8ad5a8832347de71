/* exec: execve and the process calls around it: arguments and the
 * environment through exec, a "#!" script run through its interpreter
 * (this program), close-on-exec, the errors (ENOENT, EACCES, ENOEXEC),
 * exit statuses and deaths by signal through waitpid, wait4 and waitid,
 * WNOHANG, vfork, posix_spawn, process groups and sessions, and the
 * status of the whole run after the last exec replaced this program.
 *@status 42
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
static char self[4096];

static void on_usr2(int sig) { (void)sig; }

static int child_mode(int argc, char **argv) {
  const char *mode = argv[1];
  if (!strcmp(mode, "args")) {
    printf("child argc %d:", argc);
    for (int k = 2; k < argc; ++k) printf(" [%s]", argv[k]);
    const char *v = getenv("EXEC_TEST");
    printf(" env [%s]\n", v ? v : "(none)");
    return 3;
  }
  if (!strcmp(mode, "script-opt")) {
    /* #!SELF script-opt  ->  SELF script-opt SCRIPT ARGS... */
    printf("script argc %d, script name ok %d:", argc,
           argc > 2 && strstr(argv[2], "exec-script.tmp") != NULL);
    for (int k = 3; k < argc; ++k) printf(" [%s]", argv[k]);
    printf("\n");
    return 4;
  }
  if (!strcmp(mode, "fds")) {
    int keep = atoi(argv[2]), gone = atoi(argv[3]);
    printf("kept fd open %d, cloexec fd closed %d\n",
           fcntl(keep, F_GETFD) >= 0, fcntl(gone, F_GETFD) < 0 && errno == EBADF);
    return 0;
  }
  if (!strcmp(mode, "kill")) {
    kill(getpid(), SIGKILL);
    return 1;
  }
  if (!strcmp(mode, "abort")) abort();
  if (!strcmp(mode, "raise")) {
    raise(atoi(argv[2]));
    printf("survived signal %s\n", argv[2]);
    return 0;
  }
  if (!strcmp(mode, "final")) {
    printf("final program, pid unchanged %d\n", getpid() == atoi(argv[2]));
    return 42;
  }
  printf("unknown mode %s\n", mode);
  return 1;
}

static int run(char *const argv[], char *const envp[]) {
  fflush(stdout);
  pid_t p = fork();
  if (p == 0) {
    execve(argv[0], argv, envp);
    _exit(100 + errno);
  }
  int st = 0;
  if (waitpid(p, &st, 0) != p) return -1;
  return st;
}

static void show(const char *what, int st) {
  if (WIFEXITED(st))
    printf("%s: exited %d\n", what, WEXITSTATUS(st));
  else if (WIFSIGNALED(st))
    printf("%s: killed by signal %d\n", what, WTERMSIG(st));
  else
    printf("%s: status %#x\n", what, st);
}

static void write_file(const char *name, const char *text, mode_t mode) {
  unlink(name);
  int fd = open(name, O_WRONLY | O_CREAT | O_TRUNC, mode);
  write(fd, text, strlen(text));
  close(fd);
  chmod(name, mode);
}

int main(int argc, char **argv) {
  if (argc > 2 && strstr(argv[1], "exec-script2.tmp")) {
    printf("script without an argument: ");
    return child_mode(argc - 1, argv + 1);
  }
  if (argc > 1) return child_mode(argc, argv);
  ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
  if (n <= 0) {
    printf("readlink /proc/self/exe failed\n");
    return 1;
  }
  self[n] = 0;
  int st = 0, r;
  pid_t p;

  char *env[] = {"EXEC_TEST=yes", NULL};
  char *a1[] = {self, "args", "one", "two words", "", NULL};
  show("execve with arguments", run(a1, env));
  char *a2[] = {self, "args", NULL};
  char *noenv[] = {NULL};
  show("execve, empty environment", run(a2, noenv));

  /* A script whose interpreter is this program, with an argument. */
  char line[4200];
  snprintf(line, sizeof(line), "#!%s script-opt\necho not a shell\n", self);
  write_file("exec-script.tmp", line, 0755);
  char *a3[] = {"./exec-script.tmp", "x", "y", NULL};
  show("#! script", run(a3, env));
  /* Interpreter line with a trailing blank and no argument (mode is argv). */
  snprintf(line, sizeof(line), "#! %s \n", self);
  write_file("exec-script2.tmp", line, 0755);
  char *a3b[] = {"./exec-script2.tmp", "args", "z", NULL};
  show("#! script, no argument", run(a3b, env));

  /* Errors: the child reports errno through its status (100 + errno). */
  char *a4[] = {"./no-such-program.tmp", NULL};
  printf("missing file gives ENOENT %d\n",
         WEXITSTATUS(run(a4, env)) == 100 + ENOENT);
  write_file("exec-noexec.tmp", "just some text\n", 0755);
  char *a5[] = {"./exec-noexec.tmp", NULL};
  printf("garbage gives ENOEXEC %d\n",
         WEXITSTATUS(run(a5, env)) == 100 + ENOEXEC);
  write_file("exec-noperm.tmp", "#!/bin/sh\n", 0644);
  char *a6[] = {"./exec-noperm.tmp", NULL};
  printf("not executable gives EACCES %d\n",
         WEXITSTATUS(run(a6, env)) == 100 + EACCES);
  /* An ELF header for another machine (AArch64): not ours to run. */
  {
    unsigned char h[64] = {0x7f, 'E', 'L', 'F', 2, 1, 1};
    h[16] = 2;   /* ET_EXEC */
    h[18] = 183; /* EM_AARCH64 */
    h[20] = 1;   /* EV_CURRENT */
    h[52] = 64;  /* e_ehsize */
    h[54] = 56;  /* e_phentsize */
    unlink("exec-arm.tmp");
    int fd = open("exec-arm.tmp", O_WRONLY | O_CREAT | O_TRUNC, 0755);
    write(fd, h, sizeof h);
    close(fd);
    char *a[] = {"./exec-arm.tmp", NULL};
    printf("an AArch64 ELF gives ENOEXEC %d\n",
           WEXITSTATUS(run(a, env)) == 100 + ENOEXEC);
    unlink("exec-arm.tmp");
  }
  /* A script whose interpreter is a script: Linux runs the chain. */
  snprintf(line, sizeof(line), "#!./exec-script.tmp\n");
  write_file("exec-script3.tmp", line, 0755);
  char *a3c[] = {"./exec-script3.tmp", "w", NULL};
  show("#! script run by a #! script", run(a3c, env));
  unlink("exec-script3.tmp");
  char *a7[] = {".", NULL};
  printf("a directory gives EACCES %d\n",
         WEXITSTATUS(run(a7, env)) == 100 + EACCES);

  /* Close-on-exec. */
  int keep = open("/dev/null", O_RDONLY);
  int gone = open("/dev/null", O_RDONLY | O_CLOEXEC);
  char ks[16], gs[16];
  snprintf(ks, sizeof ks, "%d", keep);
  snprintf(gs, sizeof gs, "%d", gone);
  char *a8[] = {self, "fds", ks, gs, NULL};
  show("descriptors", run(a8, env));
  close(keep);
  close(gone);

  /* Deaths by signal after exec. */
  char *a9[] = {self, "kill", NULL};
  show("SIGKILL", run(a9, env));
  char *a10[] = {self, "abort", NULL};
  show("abort", run(a10, env));

  /* Across execve an ignored signal stays ignored, a handled one goes
   * back to its default action. */
  fflush(stdout);
  p = fork();
  if (p == 0) {
    signal(SIGUSR1, SIG_IGN);
    char *a[] = {self, "raise", "10", NULL};
    execve(self, a, env);
    _exit(99);
  }
  waitpid(p, &st, 0);
  show("ignored SIGUSR1 after exec", st);
  fflush(stdout);
  p = fork();
  if (p == 0) {
    signal(SIGUSR2, on_usr2);
    char *a[] = {self, "raise", "12", NULL};
    execve(self, a, env);
    _exit(99);
  }
  waitpid(p, &st, 0);
  show("handled SIGUSR2 after exec", st);

  /* SIGCHLD ignored: children are reaped by the kernel, wait says ECHILD. */
  signal(SIGCHLD, SIG_IGN);
  fflush(stdout);
  p = fork();
  if (p == 0) _exit(0);
  errno = 0;
  r = (int)wait(&st);
  printf("SIGCHLD ignored: wait %d ECHILD %d\n", r, errno == ECHILD);
  signal(SIGCHLD, SIG_DFL);

  /* waitid and wait4 with WNOHANG while the child waits on a pipe. */
  int fds[2];
  pipe(fds);
  fflush(stdout);
  p = fork();
  if (p == 0) {
    char c;
    close(fds[1]);
    read(fds[0], &c, 1);
    _exit(c);
  }
  close(fds[0]);
  struct rusage ru;
  printf("wait4 WNOHANG while running: %d\n", (int)wait4(p, &st, WNOHANG, &ru));
  siginfo_t si;
  memset(&si, 0, sizeof si);
  printf("waitid WNOHANG while running: %d pid %d\n",
         waitid(P_PID, p, &si, WEXITED | WNOHANG), si.si_pid);
  write(fds[1], "\x09", 1);
  close(fds[1]);
  memset(&si, 0, sizeof si);
  r = waitid(P_PID, p, &si, WEXITED | WNOWAIT);
  printf("waitid WNOWAIT: %d pid ok %d code %d status %d\n", r, si.si_pid == p,
         si.si_code == CLD_EXITED, si.si_status);
  memset(&si, 0, sizeof si);
  r = waitid(P_ALL, 0, &si, WEXITED);
  printf("waitid: %d pid ok %d code %d status %d\n", r, si.si_pid == p,
         si.si_code == CLD_EXITED, si.si_status);
  errno = 0;
  r = (int)wait(&st);
  printf("no children: wait %d ECHILD %d\n", r, errno == ECHILD);

  fflush(stdout);
  p = fork();
  if (p == 0) raise(SIGTERM);
  memset(&si, 0, sizeof si);
  waitid(P_PID, p, &si, WEXITED);
  printf("waitid signal: killed %d sig %d\n", si.si_code == CLD_KILLED,
         si.si_status);

  /* fexecve: execveat(fd, "", ..., AT_EMPTY_PATH); and execveat with a
   * path relative to a directory descriptor. */
  fflush(stdout);
  p = fork();
  if (p == 0) {
    int fd = open(self, O_RDONLY);
    char *a[] = {self, "args", "by descriptor", NULL};
    fexecve(fd, a, env);
    _exit(100 + errno);
  }
  waitpid(p, &st, 0);
  show("fexecve", st);
  fflush(stdout);
  p = fork();
  if (p == 0) {
    char dir[4096];
    strcpy(dir, self);
    char *slash = strrchr(dir, '/');
    *slash = 0;
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    char *a[] = {self, "args", "relative to a directory", NULL};
    syscall(322 /* execveat */, dfd, slash + 1, a, env, 0);
    _exit(100 + errno);
  }
  waitpid(p, &st, 0);
  show("execveat", st);

  /* vfork, then exec. */
  fflush(stdout);
  p = vfork();
  if (p == 0) {
    execve(self, a2, env);
    _exit(127);
  }
  waitpid(p, &st, 0);
  show("vfork and execve", st);

  /* posix_spawn: glibc and musl use clone(CLONE_VM|CLONE_VFORK). */
  fflush(stdout);
  char *a11[] = {self, "args", "spawned", NULL};
  r = posix_spawn(&p, self, NULL, NULL, a11, env);
  printf("posix_spawn: %d\n", r);
  waitpid(p, &st, 0);
  show("posix_spawn child", st);
  char *a12[] = {"./no-such-program.tmp", NULL};
  r = posix_spawn(&p, a12[0], NULL, NULL, a12, env);
  if (r == 0) waitpid(p, &st, 0); /* musl reports it the same way */
  printf("posix_spawn of a missing file: ENOENT %d\n", r == ENOENT);

  /* Process groups and sessions in a child. */
  fflush(stdout);
  p = fork();
  if (p == 0) {
    int ok = getppid() > 1;
    ok &= setpgid(0, 0) == 0 && getpgrp() == getpid() && getpgid(0) == getpid();
    pid_t sid = setsid(); /* fails: a group leader */
    ok &= sid == -1 && errno == EPERM;
    _exit(ok ? 0 : 1);
  }
  waitpid(p, &st, 0);
  show("setpgid", st);
  fflush(stdout);
  p = fork();
  if (p == 0) {
    pid_t sid = setsid();
    _exit(sid == getpid() && getsid(0) == getpid() && getpgrp() == getpid() ? 0 : 1);
  }
  waitpid(p, &st, 0);
  show("setsid", st);
  printf("getpgid of the child's group from here %d\n", getpgid(p) == -1 && errno == ESRCH);

  unlink("exec-script.tmp");
  unlink("exec-script2.tmp");
  unlink("exec-noexec.tmp");
  unlink("exec-noperm.tmp");

  /* The last exec: this process becomes another program, whose status
   * is the run's. */
  char pid[16];
  snprintf(pid, sizeof pid, "%d", getpid());
  char *a13[] = {self, "final", pid, NULL};
  fflush(stdout);
  execve(self, a13, env);
  printf("execve failed: %s\n", strerror(errno));
  return 1;
}
