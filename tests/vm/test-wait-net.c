/* test-wait-net.c: the wait hook (vm_set_wait_hook, debug.h) for socket
 * calls (syscall-wait.c's accept/recv* cases).
 *
 * The test makes a socketpair and puts it at fds 10 and 11; a static
 * guest then:
 *   1. recv(10): the hook sees fd 10, POLLIN, no timeout; it sends 'A'
 *      into fd 11 and says READY.
 *   2. recv(10, MSG_DONTWAIT): not gated (no hook call): EAGAIN.
 *   3. SO_RCVTIMEO 300 ms, recvfrom(10): the hook sees timeout 300 and
 *      says READY at once with nothing there; the call must not wait
 *      again and fails with EAGAIN, as the timeout would have.
 *   4. accept on a listening AF_UNIX socket (an abstract name with the
 *      pid): the hook sees the listener; it connects to the name, READY.
 *   5. recvmsg(10): the hook sees the 300 ms timeout (still set), sends
 *      'B', READY.
 *   6. a blocking TCP connect to a loopback listener (fd 20, backlog 0)
 *      that has one connection queued already, so the SYN is dropped and
 *      the connect stays in progress: the hook is asked to wait for
 *      POLLOUT on the connecting socket; it accepts the queued connection
 *      and says READY; connect returns 0 once the SYN is retried (about a
 *      second later).
 * The guest exits 42 when every step went so (step 3 in well under its
 * 300 ms); the hook must have been called 5 times.
 * Exits 77 (skip) when no static guest can be built. */
#include <poll.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#include "debug.h"
#include "vm.h"

#include "check.h"
#include "guest.h"

static const char guest_src[] =
    "#include <errno.h>\n"
    "#include <stdio.h>\n"
    "#include <string.h>\n"
    "#include <stddef.h>\n"
    "#include <sys/socket.h>\n"
    "#include <sys/time.h>\n"
    "#include <sys/un.h>\n"
    "#include <arpa/inet.h>\n"
    "#include <netinet/in.h>\n"
    "#include <time.h>\n"
    "#include <unistd.h>\n"
    "int main(void) {\n"
    "  char c = 0;\n"
    "  if (recv(10, &c, 1, 0) != 1 || c != 'A') return 1;\n"
    "  if (recv(10, &c, 1, MSG_DONTWAIT) != -1 || errno != EAGAIN) return 2;\n"
    "  struct timeval tv = {0, 300000};\n"
    "  if (setsockopt(10, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv))) return 3;\n"
    "  struct timespec t0, t1;\n"
    "  clock_gettime(CLOCK_MONOTONIC, &t0);\n"
    "  if (recvfrom(10, &c, 1, 0, 0, 0) != -1 || errno != EAGAIN) return 4;\n"
    "  clock_gettime(CLOCK_MONOTONIC, &t1);\n"
    "  if ((t1.tv_sec - t0.tv_sec) * 1000000000L + t1.tv_nsec - t0.tv_nsec > 200000000L) return 8;\n"
    "  int ls = socket(AF_UNIX, SOCK_STREAM, 0);\n"
    "  struct sockaddr_un a = {AF_UNIX};\n"
    "  int n = snprintf(a.sun_path + 1, 100, \"blink-wait-net-%d\", getpid());\n"
    "  socklen_t len = offsetof(struct sockaddr_un, sun_path) + 1 + n;\n"
    "  if (bind(ls, (struct sockaddr *)&a, len) || listen(ls, 1)) return 5;\n"
    "  if (accept(ls, 0, 0) < 0) return 6;\n"
    "  struct iovec iov = {&c, 1};\n"
    "  struct msghdr mh = {0};\n"
    "  mh.msg_iov = &iov;\n"
    "  mh.msg_iovlen = 1;\n"
    "  if (recvmsg(10, &mh, 0) != 1 || c != 'B') return 7;\n"
    "  struct sockaddr_in in = {AF_INET, 0, {htonl(INADDR_LOOPBACK)}};\n"
    "  int tl = socket(AF_INET, SOCK_STREAM, 0);\n"
    "  if (bind(tl, (struct sockaddr *)&in, sizeof(in)) || listen(tl, 0)) return 9;\n"
    "  if (dup2(tl, 20) != 20) return 10;\n"
    "  socklen_t il = sizeof(in);\n"
    "  getsockname(tl, (struct sockaddr *)&in, &il);\n"
    "  int c1 = socket(AF_INET, SOCK_STREAM, 0);\n"
    "  if (connect(c1, (struct sockaddr *)&in, sizeof(in))) return 11;\n"
    "  int c2 = socket(AF_INET, SOCK_STREAM, 0);\n"
    "  if (connect(c2, (struct sockaddr *)&in, sizeof(in))) return 12;\n"
    "  return 42;\n"
    "}\n";

static int calls;
static int seen_nfds[8], seen_fd[8], seen_timeout[8], fds_events[8];

static int hook(void *ctx, const struct pollfd *fds, int nfds, int timeout_ms) {
  (void)ctx;
  int k = calls++;
  if (k < 8) {
    seen_nfds[k] = nfds;
    seen_fd[k] = nfds ? fds[0].fd : -1;
    seen_timeout[k] = timeout_ms;
    fds_events[k] = nfds ? fds[0].events : 0;
  }
  if (k == 0 && write(11, "A", 1) != 1) abort();
  if (k == 2) {
    int s = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un a;
    memset(&a, 0, sizeof(a));
    a.sun_family = AF_UNIX;
    int n = snprintf(a.sun_path + 1, 100, "blink-wait-net-%d", (int)getpid());
    socklen_t len = offsetof(struct sockaddr_un, sun_path) + 1 + n;
    if (connect(s, (struct sockaddr *)&a, len)) abort();
    /* left open: the guest's accepted end must see a live peer */
  }
  if (k == 3 && write(11, "B", 1) != 1) abort();
  if (k == 4 && accept(20, NULL, NULL) < 0) abort();
  return VM_WAIT_READY;
}

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(void) {
  char prog[] = "/tmp/test-wait-net-XXXXXX";
  if (!guest_build(prog, guest_src)) {
    puts("skip: cannot build a static guest");
    return 77;
  }
  int sv[2];
  if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) || dup2(sv[0], 10) < 0 ||
      dup2(sv[1], 11) < 0)
    return 1;
  close(sv[0]);
  close(sv[1]);

  char *argv[] = {prog, NULL}, *envp[] = {NULL};
  char err[256];
  struct Machine *m = vm_new();
  if (!m || vm_load(m, prog, argv, envp, err, sizeof(err))) {
    fprintf(stderr, "load: %s\n", err);
    return 1;
  }
  unlink(prog);
  vm_set_wait_hook(m, hook, NULL);
  alarm(30); /* a call the hook does not gate would block for good */
  double t0 = now();
  int stop = vm_run(m);
  double dt = now() - t0;
  CHECK(stop == VM_STOP_EXIT);
  CHECK(vm_exit_code(m) == 42);
  if (vm_exit_code(m) != 42) fprintf(stderr, "guest exit %d\n", vm_exit_code(m));
  CHECK(calls == 5);
  CHECK(seen_nfds[0] == 1 && seen_fd[0] == 10 && seen_timeout[0] == -1);
  CHECK(seen_nfds[1] == 1 && seen_fd[1] == 10 && seen_timeout[1] == 300);
  CHECK(seen_nfds[2] == 1 && seen_fd[2] != 10 && seen_timeout[2] == -1);
  CHECK(seen_nfds[3] == 1 && seen_fd[3] == 10 && seen_timeout[3] == 300);
  CHECK(seen_nfds[4] == 1 && seen_fd[4] != 20 && seen_fd[4] != 10 && seen_timeout[4] == -1);
  CHECK(seen_nfds[4] == 1 && fds_events[4] == POLLOUT);
  vm_free(m);
  printf("%d checks, %d failed (%.3f s)\n", checks, failures, dt);
  return failures ? 1 : 0;
}
