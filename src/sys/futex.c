/* futex.c: futex(2) on the host's futexes.
 *
 * Every guest thread is a host thread of this process, and a guest word
 * lives at a fixed host address for as long as its page is mapped, so a
 * guest futex is the host futex at that address: the host kernel does
 * the compare-and-block atomically against the other guest threads'
 * host atomics (lock-prefixed instructions, ops-alu.c). The operations
 * pass through with their flags (FUTEX_PRIVATE_FLAG, FUTEX_CLOCK_REALTIME)
 * and only the addresses and the timeout are translated. The PI
 * operations are not supported (-ENOSYS, logged once).
 *
 * What the host kernel writes (FUTEX_WAKE_OP's *uaddr2, a robust
 * futex's owner-died bit) bypasses the TLB and so the history and the
 * watchpoints: the history is refused while threads run
 * (syscall-thread.c), a watchpoint on a futex word misses those writes. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <linux/futex.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "futex.h"
#include "log.h"
#include "machine.h"
#include "memory.h"
#include "sys.h"
#include "syscall-defs.h"

#ifndef L_ETIMEDOUT
#define L_ETIMEDOUT 110
#endif

int futex_host(struct Machine *m, uint64_t va, uint32_t **out) {
  if (va & 3) return -L_EINVAL;
  uint8_t *page = mem_page_host(m, va);
  if (!page || mem_prot(m, va) <= 0) return -L_EFAULT;
  *out = (uint32_t *)(page + (va & PAGE_MASK));
  return 0;
}

long futex_host_call(uint32_t *uaddr, int op, uint32_t val,
                     const struct timespec *ts, uint32_t *uaddr2,
                     uint32_t val3) {
  return syscall(SYS_futex, uaddr, op, val, ts, uaddr2, val3);
}

int futex_wake_va(struct Machine *m, uint64_t va, int n) {
  uint32_t *h;
  int rc = futex_host(m, va, &h);
  if (rc) return rc;
  return (int)sys_ret(futex_host_call(h, FUTEX_WAKE, (uint32_t)n, NULL,
                                      NULL, 0));
}

int64_t sys_futex(struct Machine *m, uint64_t a[6]) {
  int op = (int)a[1];
  int cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
  uint32_t *h1, *h2 = NULL;
  struct timespec ts, *tsp = NULL;
  int rc = futex_host(m, a[0], &h1);
  if (rc) return rc;
  switch (cmd) {
    case FUTEX_WAIT:
    case FUTEX_WAIT_BITSET:
      if (a[3]) {
        struct linux_timespec lt;
        if (mem_copy_in(m, &lt, a[3], sizeof(lt))) return -L_EFAULT;
        ts.tv_sec = lt.tv_sec;
        ts.tv_nsec = lt.tv_nsec;
        tsp = &ts;
      }
      /* syscall-wait.c futex_slices saw the wait end: no second wait. */
      if (sys_waited(m) == 2) return 0;
      /* The debugger's wait hook waited out the timeout (syscall-wait.c):
       * the word still holds val, or the wait ends as the host's would. */
      if (sys_waited(m) && tsp) {
        uint32_t cur;
        if (mem_copy_in(m, &cur, a[0], 4)) return -L_EFAULT;
        return cur != (uint32_t)a[2] ? -L_EAGAIN : -L_ETIMEDOUT;
      }
      if (!tsp && mem_ncpus(m->mem) < 2)
        blog_once("futex lone wait", "futex wait with no other thread to "
                  "wake it: only a signal ends it");
      break;
    case FUTEX_WAKE:
    case FUTEX_WAKE_BITSET:
      break;
    case FUTEX_REQUEUE:
    case FUTEX_CMP_REQUEUE:
    case FUTEX_WAKE_OP:
      /* The fourth argument is a count (val2), not a pointer. */
      tsp = (struct timespec *)(uintptr_t)(uint32_t)a[3];
      if ((rc = futex_host(m, a[4], &h2))) return rc;
      break;
    default:
      return sys_unsupported("futex", "operation", (uint32_t)cmd, L_ENOSYS,
                             NULL);
  }
  /* Without the lock: the wait blocks. A page unmapped meanwhile makes
   * the host call fail with EFAULT, as the guest's would. */
  return sys_ret(futex_host_call(h1, op, (uint32_t)a[2], tsp, h2,
                                 (uint32_t)a[5]));
}
