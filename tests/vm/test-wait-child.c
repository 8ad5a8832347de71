/* test-wait-child.c: fork and wait4 under a front end's wait hook
 * (vm_set_wait_hook, debug.h), as blinkenlights runs them.
 *
 * A static guest forks; the child sleeps 300 ms and exits 7; the parent
 * blocks in wait4 for it and exits 40 + the child's status. Checks:
 *   1. the parent's blocking wait4 goes to the hook (a pidfd for the one
 *      child), whose first answer, INTERRUPT, stops vm_run before the
 *      call with rip on the syscall instruction;
 *   2. run again, the hook answers READY until the child has exited and
 *      the call then reaps it: the guest exits 47;
 *   3. the forked child never came back to this program: it ran free
 *      (no hook calls from it, no second "checks" line) and its host
 *      process exited 7, which the guest's wait4 saw.
 * Exits 77 (skip) when no static guest can be built. */
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "debug.h"
#include "vm.h"

#include "check.h"
#include "guest.h"

static const char guest_src[] =
    "#include <sys/wait.h>\n"
    "#include <time.h>\n"
    "#include <unistd.h>\n"
    "int main(void) {\n"
    "  pid_t p = fork();\n"
    "  if (p < 0) return 1;\n"
    "  if (p == 0) {\n"
    "    struct timespec ts = {0, 300000000};\n"
    "    nanosleep(&ts, 0);\n"
    "    _exit(7);\n"
    "  }\n"
    "  int st = 0;\n"
    "  if (wait4(p, &st, 0, 0) != p) return 2;\n"
    "  return WIFEXITED(st) ? 40 + WEXITSTATUS(st) : 3;\n"
    "}\n";

static int calls, seen_nfds, seen_timeout;
static pid_t me;

static int hook(void *ctx, const struct pollfd *fds, int nfds, int timeout_ms) {
  (void)ctx;
  (void)fds;
  if (getpid() != me) _exit(99); /* the child must not reach the hook */
  if (calls++ == 0) {
    seen_nfds = nfds;
    seen_timeout = timeout_ms;
    return VM_WAIT_INTERRUPT;
  }
  usleep(20000);
  return VM_WAIT_READY;
}

int main(void) {
  me = getpid();
  char prog[] = "/tmp/test-wait-child-XXXXXX";
  if (!guest_build(prog, guest_src)) {
    puts("skip: cannot build a static guest");
    return 77;
  }
  char *argv[] = {prog, NULL}, *envp[] = {NULL};
  char err[256];
  struct Machine *m = vm_new();
  if (!m || vm_load(m, prog, argv, envp, err, sizeof(err))) {
    fprintf(stderr, "load: %s\n", err);
    return 1;
  }
  unlink(prog);
  vm_set_wait_hook(m, hook, NULL);
  fflush(stdout);
  int stop = vm_run(m);
  CHECK(stop == VM_STOP_INTERRUPT);
  CHECK(calls == 1);
  CHECK(seen_nfds == 1); /* the child's pidfd */
  struct VmRegs r;
  vm_regs(m, &r);
  uint8_t b[2] = {0, 0};
  CHECK(vm_peek(m, r.rip, b, 2) == 2 && b[0] == 0x0f && b[1] == 0x05);
  CHECK(r.r[VM_RAX] == 61); /* wait4's number, not a result */
  while ((stop = vm_run(m)) == VM_STOP_NONE) {
  }
  CHECK(stop == VM_STOP_EXIT);
  CHECK(vm_exit_code(m) == 47);
  CHECK(calls >= 2);
  vm_free(m);
  printf("%d checks, %d failed (%d hook calls)\n", checks, failures, calls);
  return failures ? 1 : 0;
}
