/* clone3: its argument checks (size too small or too big, a newer
 * struct's non-zero tail, exit_signal with CLONE_THREAD, a stack without
 * a size, CSIGNAL bits in flags, CLONE_SIGHAND with CLONE_CLEAR_SIGHAND,
 * an exit signal past 64, a bad pointer) and its fork form with
 * CLONE_PARENT_SETTID and CLONE_CHILD_SETTID, waited for with its exit
 * signal. (Its thread and vfork forms are what glibc's pthread_create
 * and posix_spawn use: every threaded test and dyn/make-project.)
 */
#define _GNU_SOURCE 1
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

struct args {
  uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
      stack_size, tls, set_tid, set_tid_size, cgroup;
};

static void say(const char *what, long r) {
  if (r < 0) printf("%s = -1 errno %d\n", what, errno);
  else printf("%s = %ld\n", what, r);
}

static long c3(struct args *a, size_t size) {
  return syscall(SYS_clone3, a, size);
}

int main(void) {
  struct {
    struct args a;
    uint64_t tail[4];
  } big;
  memset(&big, 0, sizeof(big));
  struct args a;
  memset(&a, 0, sizeof(a));
  a.flags = CLONE_THREAD | CLONE_SIGHAND | CLONE_VM;
  a.exit_signal = SIGCHLD;
  say("size 63", c3(&a, 63));
  say("size 8192", c3(&a, 8192));
  say("thread with exit_signal", c3(&a, sizeof(a)));
  a.exit_signal = 0;
  a.stack = 0x10000;
  say("stack without size", c3(&a, sizeof(a)));
  a.stack = 0;
  a.stack_size = 4096;
  say("size without stack", c3(&a, sizeof(a)));
  memset(&a, 0, sizeof(a));
  a.flags = SIGCHLD;
  say("CSIGNAL in flags", c3(&a, sizeof(a)));
  a.flags = CLONE_SIGHAND | CLONE_VM | 0x100000000ull /* CLEAR_SIGHAND */;
  say("SIGHAND with CLEAR_SIGHAND", c3(&a, sizeof(a)));
  a.flags = 0;
  a.exit_signal = 65;
  say("exit_signal 65", c3(&a, sizeof(a)));
  a.flags = 1ull << 40;
  a.exit_signal = SIGCHLD;
  say("unknown flag", c3(&a, sizeof(a)));
  say("bad pointer", c3((struct args *)8, sizeof(a)));
  big.a.flags = 0;
  big.a.exit_signal = SIGCHLD;
  big.tail[3] = 1;
  say("non-zero tail", c3(&big.a, sizeof(big)));

  /* The fork form, with the tids written on both sides. */
  memset(&big, 0, sizeof(big));
  pid_t ptid = 0, ctid = 0;
  big.a.flags = CLONE_PARENT_SETTID | CLONE_CHILD_SETTID;
  big.a.exit_signal = SIGCHLD;
  big.a.parent_tid = (uintptr_t)&ptid;
  big.a.child_tid = (uintptr_t)&ctid;
  fflush(stdout);
  long pid = c3(&big.a, sizeof(big)); /* a longer struct, zero tail: fine */
  if (pid == 0) {
    printf("child: ctid is my pid %d\n", ctid == getpid());
    fflush(stdout);
    _exit(42);
  }
  int st = 0;
  long w = waitpid((pid_t)pid, &st, 0);
  printf("parent: ptid is the child %d, waited %d, exit %d\n",
         ptid == (pid_t)pid, w == pid, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
  return 0;
}
