/* test-wait.c: the wait hook (vm_set_wait_hook, debug.h).
 *
 * A static guest reads a byte from fd 0 (a pipe here), sleeps 300 ms,
 * polls fd 0 with a 300 ms timeout, reads another byte and exits 42 when
 * it got 'A' then 'B'. The hook sees each blocking call in turn:
 *   1. read(0): returns INTERRUPT. vm_run must stop with
 *      VM_STOP_INTERRUPT before the call: rip on the syscall instruction,
 *      rax still the call number, icount and rcx unchanged.
 *   2. the same read by vm_step: INTERRUPT again; icount and every
 *      register (rip, rcx, r11, rax...) exactly as before the step.
 *   3. the same read by vm_step: writes 'A' into the pipe, READY.
 *   4. nanosleep (no descriptors, timeout 300): READY at once; the guest
 *      must not sleep again.
 *   5. poll (fd 0, timeout 300): READY at once with nothing to read; the
 *      guest's poll must return 0 without waiting again.
 *   6. read(0): writes 'B', READY.
 *   7. futex wait (no descriptors, timeout 300) with no other thread:
 *      READY at once; the guest's wait ends with ETIMEDOUT without
 *      waiting again.
 *   8. epoll_wait (its epoll descriptor, watching fd 0, timeout 300):
 *      READY at once with nothing to read; epoll_wait must return 0
 *      without waiting again.
 *   9. flock(LOCK_EX) on a file this test holds locked (another open
 *      file description): no descriptor, a 100 ms retry step; the hook
 *      releases the lock and says READY; the guest's flock succeeds.
 * The whole run must take well under the 900 ms the guest would sleep
 * and wait on its own. Then a second guest checks that a signal ends the
 * hook's wait (guest2_src below), and a third that single steps deliver
 * a timer's signal to a guest spinning until its handler ran (vm_step's
 * on_trap; guest3_src), and a fourth, loaded twice, that the second
 * program does not get the mask and pending signal the first left
 * (guest4_src). Exits 77 (skip) when no static guest
 * can be built. */
#include <fcntl.h>
#include <inttypes.h>
#include <sys/file.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "debug.h"
#include "vm.h"

#include "check.h"
#include "guest.h"

static const char guest_src[] =
    "#include <errno.h>\n"
    "#include <fcntl.h>\n"
    "#include <linux/futex.h>\n"
    "#include <poll.h>\n"
    "#include <sys/epoll.h>\n"
    "#include <sys/file.h>\n"
    "#include <sys/syscall.h>\n"
    "#include <time.h>\n"
    "#include <unistd.h>\n"
    "int main(int argc, char **argv) {\n"
    "  char c = 0, d = 0;\n"
    "  if (read(0, &c, 1) != 1) return 1;\n"
    "  struct timespec ts = {0, 300000000};\n"
    "  if (nanosleep(&ts, 0)) return 2;\n"
    "  struct pollfd p = {0, POLLIN, 0};\n"
    "  if (poll(&p, 1, 300) != 0) return 3;\n"
    "  if (read(0, &d, 1) != 1) return 4;\n"
    "  static int word;\n"
    "  if (syscall(SYS_futex, &word, FUTEX_WAIT_PRIVATE, 0, &ts, 0, 0) != -1"
    " || errno != ETIMEDOUT) return 6;\n"
    "  int ep = epoll_create1(0);\n"
    "  struct epoll_event e = {EPOLLIN, {0}};\n"
    "  if (ep < 3 || epoll_ctl(ep, EPOLL_CTL_ADD, 0, &e)) return 7;\n"
    "  if (epoll_wait(ep, &e, 1, 300) != 0) return 8;\n"
    "  int lf = argc > 1 ? open(argv[1], O_RDWR) : -1;\n"
    "  if (lf < 0 || flock(lf, LOCK_EX)) return 9;\n"
    "  return c == 'A' && d == 'B' ? 42 : 5;\n"
    "}\n";

/* Part two: signals end the hook's wait (vm_signal_pending). A read
 * that blocks is interrupted by SIGALRM from a timer (EINTR, the handler
 * ran) and pause() returns after the next one; the hook only waits for
 * vm_signal_pending. */
static const char guest2_src[] =
    "#include <errno.h>\n"
    "#include <signal.h>\n"
    "#include <sys/time.h>\n"
    "#include <unistd.h>\n"
    "static volatile int got;\n"
    "static void h(int s) { (void)s; got++; }\n"
    "int main(void) {\n"
    "  struct sigaction sa = {0};\n"
    "  sa.sa_handler = h;\n"
    "  sigaction(SIGALRM, &sa, 0);\n"
    "  struct itimerval it = {{0, 0}, {0, 200000}};\n"
    "  setitimer(ITIMER_REAL, &it, 0);\n"
    "  char c;\n"
    "  if (read(0, &c, 1) != -1 || errno != EINTR || got != 1) return 1;\n"
    "  setitimer(ITIMER_REAL, &it, 0);\n"
    "  pause();\n"
    "  return got == 2 ? 43 : 2;\n"
    "}\n";

/* Spins without a system call until SIGALRM's handler ran. */
static const char guest3_src[] =
    "#include <signal.h>\n"
    "#include <sys/time.h>\n"
    "static volatile int got;\n"
    "static void h(int s) { (void)s; got++; }\n"
    "int main(void) {\n"
    "  struct sigaction sa = {0};\n"
    "  sa.sa_handler = h;\n"
    "  sigaction(SIGALRM, &sa, 0);\n"
    "  struct itimerval it = {{0, 0}, {0, 20000}};\n"
    "  setitimer(ITIMER_REAL, &it, 0);\n"
    "  while (!got) {\n"
    "  }\n"
    "  return 44;\n"
    "}\n";

/* Run without arguments: blocks SIGUSR1 and leaves one pending. With
 * one: exits 46 when neither is there. */
static const char guest4_src[] =
    "#include <signal.h>\n"
    "int main(int argc, char **argv) {\n"
    "  (void)argv;\n"
    "  sigset_t s, p;\n"
    "  sigemptyset(&s);\n"
    "  sigaddset(&s, SIGUSR1);\n"
    "  if (argc < 3) {\n"
    "    sigprocmask(SIG_BLOCK, &s, 0);\n"
    "    raise(SIGUSR1);\n"
    "    sigpending(&p);\n"
    "    return sigismember(&p, SIGUSR1) ? 45 : 1;\n"
    "  }\n"
    "  sigprocmask(SIG_BLOCK, 0, &s);\n"
    "  sigpending(&p);\n"
    "  return !sigismember(&s, SIGUSR1) && !sigismember(&p, SIGUSR1) ? 46 : 2;\n"
    "}\n";

static int calls2;
static int hook2(void *ctx, const struct pollfd *fds, int nfds,
                 int timeout_ms) {
  (void)fds;
  (void)nfds;
  (void)timeout_ms;
  struct Machine *m = ctx;
  calls2++;
  struct timespec ts = {0, 5000000};
  for (int k = 0; k < 600; ++k) { /* 3 s at most */
    if (vm_signal_pending(m)) return VM_WAIT_READY;
    nanosleep(&ts, NULL);
  }
  return VM_WAIT_INTERRUPT;
}

static int pipefd[2];
static int lockfd = -1; /* this test's hold on the guest's lock file */
static int calls;
static int seen_nfds[10], seen_fd[10], seen_timeout[10];

static int hook(void *ctx, const struct pollfd *fds, int nfds, int timeout_ms) {
  (void)ctx;
  int k = calls++;
  if (k < 10) {
    seen_nfds[k] = nfds;
    seen_fd[k] = nfds ? fds[0].fd : -1;
    seen_timeout[k] = timeout_ms;
  }
  if (k <= 1) return VM_WAIT_INTERRUPT;
  if (k == 2 && write(pipefd[1], "A", 1) != 1) abort();
  if (k == 5 && write(pipefd[1], "B", 1) != 1) abort();
  if (k == 8 && flock(lockfd, LOCK_UN)) abort();
  return VM_WAIT_READY;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(void) {
  char prog[] = "/tmp/test-wait-XXXXXX";
  if (!guest_build(prog, guest_src)) {
    puts("skip: cannot build a static guest");
    return 77;
  }
  if (pipe(pipefd) || dup2(pipefd[0], 0) < 0) return 1;

  char lockpath[64];
  snprintf(lockpath, sizeof(lockpath), "%s.lock", prog);
  lockfd = open(lockpath, O_RDWR | O_CREAT, 0600);
  if (lockfd < 0 || flock(lockfd, LOCK_EX)) return 1;
  char *argv[] = {prog, lockpath, NULL}, *envp[] = {NULL};
  char err[256];
  struct Machine *m = vm_new();
  if (!m || vm_load(m, prog, argv, envp, err, sizeof(err))) {
    fprintf(stderr, "load: %s\n", err);
    return 1;
  }
  unlink(prog);
  vm_set_wait_hook(m, hook, NULL);
  double t0 = now();
  int stop = vm_run(m);
  CHECK(stop == VM_STOP_INTERRUPT);
  CHECK(calls == 1);
  struct VmRegs r;
  vm_regs(m, &r);
  uint8_t b[2] = {0, 0};
  CHECK(vm_peek(m, r.rip, b, 2) == 2 && b[0] == 0x0f && b[1] == 0x05);
  CHECK(r.r[VM_RAX] == 0); /* read's number, not a result */
  uint64_t icount = vm_icount(m);
  /* vm_step runs the syscall anew: the hook is asked again and stops it
   * again: nothing retired, nothing moved. */
  stop = vm_step(m);
  CHECK(stop == VM_STOP_INTERRUPT);
  CHECK(calls == 2);
  CHECK(vm_icount(m) == icount);
  struct VmRegs r1;
  vm_regs(m, &r1);
  /* rip, rflags and every GPR (rcx, r11, rax...) as they were. */
  CHECK(!memcmp(r1.r, r.r, sizeof(r.r)));
  CHECK(r1.rip == r.rip && r1.rflags == r.rflags);
  /* This time the hook makes the read ready. */
  stop = vm_step(m);
  CHECK(stop == VM_STOP_NONE);
  CHECK(calls == 3);
  CHECK(vm_icount(m) == icount + 1);
  struct VmRegs r2;
  vm_regs(m, &r2);
  CHECK(r2.rip == r.rip + 2);
  CHECK(r2.r[VM_RAX] == 1); /* one byte read */
  stop = vm_run(m);
  double dt = now() - t0;
  CHECK(stop == VM_STOP_EXIT);
  CHECK(vm_exit_code(m) == 42);
  CHECK(calls == 9);
  CHECK(seen_nfds[0] == 1 && seen_fd[0] == 0 && seen_timeout[0] == -1);
  CHECK(seen_nfds[3] == 0 && seen_timeout[3] == 300);
  CHECK(seen_nfds[4] == 1 && seen_fd[4] == 0 && seen_timeout[4] == 300);
  CHECK(seen_nfds[5] == 1 && seen_fd[5] == 0 && seen_timeout[5] == -1);
  CHECK(seen_nfds[6] == 0 && seen_timeout[6] == 300);
  CHECK(seen_nfds[7] == 1 && seen_fd[7] >= 3 && seen_timeout[7] == 300);
  CHECK(seen_nfds[8] == 0 && seen_timeout[8] == 100);
  CHECK(dt < 0.45); /* neither the sleep, the poll, the futex nor epoll_wait waited */
  vm_free(m);
  unlink(lockpath);

  /* Part two (the pipe stays empty, its write end open: reads block). */
  int built = guest_build(prog, guest2_src);
  CHECK(built);
  m = vm_new();
  if (!built || !m || vm_load(m, prog, argv, envp, err, sizeof(err))) {
    fprintf(stderr, "load 2: %s\n", err);
    return 1;
  }
  unlink(prog);
  vm_set_wait_hook(m, hook2, m);
  do stop = vm_run(m);
  while (stop == VM_STOP_NONE);
  CHECK(stop == VM_STOP_EXIT);
  CHECK(vm_exit_code(m) == 43);
  CHECK(calls2 == 2); /* the read and the pause */
  vm_free(m);

  /* Part three: vm_step only, for at most 10 s. */
  built = guest_build(prog, guest3_src);
  CHECK(built);
  m = vm_new();
  if (!built || !m || vm_load(m, prog, argv, envp, err, sizeof(err))) {
    fprintf(stderr, "load 3: %s\n", err);
    return 1;
  }
  double t3 = now();
  long steps = 0;
  do {
    stop = vm_step(m);
    ++steps;
  } while ((stop == VM_STOP_NONE || stop == VM_STOP_INTERRUPT) &&
           (steps & 0xffff || now() - t3 < 10));
  CHECK(stop == VM_STOP_EXIT);
  CHECK(vm_exit_code(m) == 44);
  vm_free(m);

  /* Part four: two programs in turn in this process. */
  built = guest_build(prog, guest4_src);
  CHECK(built);
  for (int k = 0; k < 2 && built; ++k) {
    char *argv4[] = {prog, lockpath, "again", NULL};
    if (!k) argv4[2] = NULL;
    m = vm_new();
    if (!m || vm_load(m, prog, argv4, envp, err, sizeof(err))) {
      fprintf(stderr, "load 4: %s\n", err);
      return 1;
    }
    do stop = vm_run(m);
    while (stop == VM_STOP_NONE);
    CHECK(stop == VM_STOP_EXIT);
    CHECK(vm_exit_code(m) == 45 + k);
    vm_free(m);
  }
  unlink(prog);
  printf("%d checks, %d failed (%.3f s)\n", checks, failures, dt);
  return failures ? 1 : 0;
}
