/* syscall-clone3.c: clone3, which glibc (2.34 on) tries first for
 * pthread_create and posix_spawn. Its struct clone_args is translated to
 * clone's arguments and goes down the same paths: a thread to sys_clone
 * (syscall-thread.c), a process form through it to sys_clone_process.
 *
 * Malformed arguments get clone3's errors (clone(2)); well-formed ones
 * asking for what the emulator lacks (pids chosen by set_tid, a cgroup,
 * pidfds, CLONE_CLEAR_SIGHAND, namespaces) get -ENOSYS, as if there were
 * no clone3 at all, so that a libc falls back to clone. */
#include <stdint.h>
#include <string.h>

#include "log.h"
#include "machine.h"
#include "memory.h"
#include "sys.h"
#include "syscall-defs.h"

struct linux_clone_args {
  uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack,
      stack_size, tls, set_tid, set_tid_size, cgroup;
};

#define L_CSIGNAL 0xffull
#define L_ARGS_SIZE_VER0 64
#define L_PAGE 4096
#define L_E2BIG 7

int64_t sys_clone3(struct Machine *m, uint64_t a[6]) {
  struct linux_clone_args ca;
  uint64_t size = a[1];
  if (size < L_ARGS_SIZE_VER0) return -L_EINVAL;
  if (size > L_PAGE) return -L_E2BIG;
  memset(&ca, 0, sizeof(ca));
  if (mem_copy_in(m, &ca, a[0], size < sizeof(ca) ? size : sizeof(ca)))
    return -L_EFAULT;
  /* A newer struct than ours: its extra fields must be zero. */
  for (uint64_t off = sizeof(ca); off < size; off += 8) {
    uint8_t b[8];
    uint64_t n = size - off < 8 ? size - off : 8;
    if (mem_copy_in(m, b, a[0] + off, n)) return -L_EFAULT;
    for (uint64_t k = 0; k < n; ++k)
      if (b[k]) return -L_E2BIG;
  }
  uint64_t f = ca.flags;
  if (f & ~(0xffffffffull | L_CLONE_CLEAR_SIGHAND | L_CLONE_INTO_CGROUP))
    return -L_EINVAL;
  if (f & (L_CLONE_DETACHED | (L_CSIGNAL & ~L_CLONE_NEWTIME))) return -L_EINVAL;
  if ((f & L_CLONE_SIGHAND) && (f & L_CLONE_CLEAR_SIGHAND)) return -L_EINVAL;
  if ((ca.exit_signal & ~L_CSIGNAL) || ca.exit_signal > 64) return -L_EINVAL;
  if ((f & (L_CLONE_THREAD | L_CLONE_PARENT)) && ca.exit_signal) return -L_EINVAL;
  if (!ca.stack != !ca.stack_size) return -L_EINVAL;
  if (ca.set_tid_size > 32 || (!ca.set_tid) != (!ca.set_tid_size))
    return -L_EINVAL;
  if (ca.set_tid || (f & (L_CLONE_INTO_CGROUP | L_CLONE_CLEAR_SIGHAND |
                          L_CLONE_PIDFD | L_CLONE_NEWTIME | L_CLONE_NS_FLAGS))) {
    blog_once("clone3 unsupported", "clone3 with flags %#llx%s: -ENOSYS "
              "(clone is used instead)", (unsigned long long)f,
              ca.set_tid ? " and set_tid" : "");
    return -L_ENOSYS;
  }
  /* clone's order: flags | exit signal, stack top, ptid, ctid, tls. The
   * stack grows down from the end of clone3's [stack, stack + size). */
  uint64_t c[6] = {f | ca.exit_signal, ca.stack ? ca.stack + ca.stack_size : 0,
                   ca.parent_tid, ca.child_tid, ca.tls, 0};
  return sys_clone(m, c);
}
