/* test-sigproxy.c: the signal proxy (src/sys/signal-proxy.c) for
 * signals the host cannot carry under the guest's number. A static guest
 * installs a handler for signal 32 (raw rt_sigaction: glibc hides it),
 * says so on a pipe (a thread of this test arms the timer then), then
 * spins without system calls until the handler ran; the handler
 * keeps si_code and the value. This test aims a host POSIX timer
 * (SIGEV_THREAD_ID, signal 32, value 4321) at the proxy thread and routes
 * it to the process; the guest must end with 48 (handler ran, SI_TIMER,
 * value 4321). Then the same with SIGRTMAX routed to the guest's thread
 * by its tid (exit 49). An alarm ends the test if a signal never comes.
 * Exits 77 (skip) when no static guest can be
 * built. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "debug.h"
#include "vm.h"
#include "sys/sys.h"

#include "check.h"
#include "guest.h"

static const char guest_src[] =
    "#include <signal.h>\n"
    "#include <stdlib.h>\n"
    "#include <sys/syscall.h>\n"
    "#include <unistd.h>\n"
    "struct ksa { void *h; unsigned long flags; void *restorer; unsigned long mask; };\n"
    "extern void restore_rt(void);\n"
    "__asm__(\".text\\nrestore_rt: mov $15, %eax\\n syscall\\n\");\n"
    "static volatile int got, code, value;\n"
    "static void h(int s, siginfo_t *si, void *uc) {\n"
    "  (void)s; (void)uc; code = si->si_code; value = si->si_value.sival_int; got = 1;\n"
    "}\n"
    "int main(int argc, char **argv) {\n"
    "  int sig = atoi(argv[1]);\n"
    "  struct ksa sa = {(void *)h, SA_SIGINFO | 0x04000000, (void *)restore_rt, 0};\n"
    "  if (syscall(SYS_rt_sigaction, sig, &sa, 0, 8)) return 1;\n"
    "  if (write(atoi(argv[2]), \"r\", 1) != 1) return 4;\n"
    "  while (!got) {\n"
    "  }\n"
    "  if (code != SI_TIMER) return 2;\n"
    "  if (value != 4321) return 3;\n"
    "  return sig == 32 ? 48 : 49;\n"
    "}\n";

/* A host timer on sig for the proxy thread, once after 20 ms. */
static int proxy_timer(int sig, int *id) {
  struct sigevent ev;
  memset(&ev, 0, sizeof(ev));
  ev.sigev_notify = 4; /* SIGEV_THREAD_ID */
  ev.sigev_signo = sig;
  ev.sigev_value.sival_int = 4321;
  ev._sigev_un._tid = sig_proxy_tid();
  if (ev._sigev_un._tid < 0) return -1;
  return (int)syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, id);
}

/* Arms the timer once the guest's handler is in place. */
struct Arm {
  int fd, id;
};
static void *arm(void *arg) {
  struct Arm *a = arg;
  char c;
  if (read(a->fd, &c, 1) == 1) {
    struct itimerspec its = {{0, 0}, {0, 20 * 1000 * 1000}};
    syscall(SYS_timer_settime, a->id, 0, &its, NULL);
  }
  return NULL;
}

static int run(const char *prog, int sig, int route_to_tid) {
  int p[2];
  if (pipe(p)) exit(1);
  char arg[16], fdarg[16];
  snprintf(arg, sizeof(arg), "%d", sig);
  snprintf(fdarg, sizeof(fdarg), "%d", p[1]);
  char *argv[] = {(char *)prog, arg, fdarg, NULL}, *envp[] = {NULL};
  char err[256];
  struct Machine *m = vm_new();
  if (!m || vm_load(m, prog, argv, envp, err, sizeof(err))) {
    fprintf(stderr, "load: %s\n", err);
    exit(1);
  }
  int id = -1;
  CHECK(proxy_timer(sig, &id) == 0);
  sig_proxy_route(id, route_to_tid ? getpid() : 0);
  struct Arm a = {p[0], id};
  pthread_t th;
  CHECK(!pthread_create(&th, NULL, arm, &a));
  int stop;
  do stop = vm_run(m);
  while (stop == VM_STOP_NONE);
  CHECK(stop == VM_STOP_EXIT);
  int code = vm_exit_code(m);
  close(p[1]); /* the arming thread ends either way */
  pthread_join(th, NULL);
  close(p[0]);
  if (stop != VM_STOP_EXIT || code != (sig == 32 ? 48 : 49))
    fprintf(stderr, "signal %d: stop %d, exit code %d\n", sig, stop, code);
  sig_proxy_unroute(id);
  syscall(SYS_timer_delete, id);
  vm_free(m);
  return code;
}

int main(void) {
  char prog[] = "/tmp/test-sigproxy-XXXXXX";
  if (!guest_build(prog, guest_src)) {
    puts("skip: cannot build a static guest");
    return 77;
  }
  alarm(20); /* a signal never delivered leaves the guest spinning */
  CHECK(run(prog, 32, 0) == 48);
  CHECK(run(prog, SIGRTMAX, 1) == 49);
  unlink(prog);
  printf("%d checks, %d failed\n", checks, failures);
  return failures ? 1 : 0;
}
