/* syscall-sched.c: scheduling policy, priorities, CPU affinity and I/O
 * priority. Guest pids and thread ids are the host's (each guest thread
 * is a host thread with its own host tid), so a pid or tid argument names
 * the same task on both sides and the calls go to the host as they are;
 * pid 0, the calling thread, is the host thread running the guest's. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <asm/unistd.h>
#include <stdint.h>
#include <unistd.h>

#include "machine.h"
#include "memory.h"
#include "sys.h"
#include "syscall-defs.h"

int64_t sys_sched_setparam(struct Machine *m, uint64_t a[6]) {
  int32_t prio;
  if (mem_copy_in(m, &prio, a[1], 4)) return -L_EFAULT;
  return sys_ret(syscall(__NR_sched_setparam, (pid_t)a[0], &prio));
}

int64_t sys_sched_getparam(struct Machine *m, uint64_t a[6]) {
  int32_t prio;
  int64_t r = sys_ret(syscall(__NR_sched_getparam, (pid_t)a[0], &prio));
  if (r < 0) return r;
  if (mem_copy_out(m, a[1], &prio, 4)) return -L_EFAULT;
  return r;
}

int64_t sys_sched_setscheduler(struct Machine *m, uint64_t a[6]) {
  int32_t prio;
  if (mem_copy_in(m, &prio, a[2], 4)) return -L_EFAULT;
  return sys_ret(syscall(__NR_sched_setscheduler, (pid_t)a[0], (int)a[1], &prio));
}

int64_t sys_sched_getscheduler(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return sys_ret(syscall(__NR_sched_getscheduler, (pid_t)a[0]));
}

int64_t sys_sched_get_priority_max(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return sys_ret(syscall(__NR_sched_get_priority_max, (int)a[0]));
}

int64_t sys_sched_get_priority_min(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return sys_ret(syscall(__NR_sched_get_priority_min, (int)a[0]));
}

int64_t sys_sched_rr_get_interval(struct Machine *m, uint64_t a[6]) {
  struct linux_timespec ts;
  int64_t r = sys_ret(syscall(__NR_sched_rr_get_interval, (pid_t)a[0], &ts));
  if (r < 0) return r;
  if (mem_copy_out(m, a[1], &ts, sizeof(ts))) return -L_EFAULT;
  return r;
}

int64_t sys_sched_setaffinity(struct Machine *m, uint64_t a[6]) {
  uint64_t size = a[1];
  uint8_t mask[1024] = {0};
  /* Bits beyond what the host has CPUs for are ignored by the kernel. */
  if (size > sizeof(mask)) size = sizeof(mask);
  if (mem_copy_in(m, mask, a[2], (size_t)size)) return -L_EFAULT;
  return sys_ret(syscall(__NR_sched_setaffinity, (pid_t)a[0], (size_t)size, mask));
}

int64_t sys_ioprio_get(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return sys_ret(syscall(__NR_ioprio_get, (int)a[0], (int)a[1]));
}

int64_t sys_ioprio_set(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return sys_ret(syscall(__NR_ioprio_set, (int)a[0], (int)a[1], (int)a[2]));
}
