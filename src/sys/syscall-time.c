/* syscall-time.c: clocks and sleeping. Clock ids, flags and the timespec
 * layout are the kernel's on both sides, so the calls go to the host
 * kernel as they are, through guest-layout copies. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <asm/unistd.h>
#include <errno.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "machine.h"
#include "memory.h"
#include "sys.h"
#include "syscall-defs.h"

int64_t sys_clock_gettime(struct Machine *m, uint64_t a[6]) {
  struct linux_timespec ts;
  int64_t r = sys_ret(syscall(__NR_clock_gettime, (int)a[0], &ts));
  if (r < 0) return r;
  if (mem_copy_out(m, a[1], &ts, sizeof(ts))) return -L_EFAULT;
  return 0;
}

int64_t sys_clock_getres(struct Machine *m, uint64_t a[6]) {
  struct linux_timespec ts;
  int64_t r = sys_ret(syscall(__NR_clock_getres, (int)a[0], &ts));
  if (r < 0) return r;
  if (a[1] && mem_copy_out(m, a[1], &ts, sizeof(ts))) return -L_EFAULT;
  return 0;
}

int64_t sys_gettimeofday(struct Machine *m, uint64_t a[6]) {
  struct linux_timeval tv;
  struct linux_timezone tz;
  int64_t r = sys_ret(syscall(__NR_gettimeofday, &tv, &tz));
  if (r < 0) return r;
  if (a[0] && mem_copy_out(m, a[0], &tv, sizeof(tv))) return -L_EFAULT;
  if (a[1] && mem_copy_out(m, a[1], &tz, sizeof(tz))) return -L_EFAULT;
  return 0;
}

int64_t sys_time(struct Machine *m, uint64_t a[6]) {
  int64_t t = (int64_t)time(NULL);
  if (a[0] && mem_copy_out(m, a[0], &t, sizeof(t))) return -L_EFAULT;
  return t;
}

int64_t sys_times(struct Machine *m, uint64_t a[6]) {
  struct linux_tms t;
  int64_t r = sys_ret(syscall(__NR_times, &t));
  if (r < 0 && r >= -4095) return r;
  if (a[0] && mem_copy_out(m, a[0], &t, sizeof(t))) return -L_EFAULT;
  return r;
}

int64_t sys_nanosleep(struct Machine *m, uint64_t a[6]) {
  struct linux_timespec req, rem;
  if (mem_copy_in(m, &req, a[0], sizeof(req))) return -L_EFAULT;
  if (sys_waited(m)) return 0; /* the front end's hook slept it */
  int64_t r = sys_ret(syscall(__NR_nanosleep, &req, &rem));
  if (r == -L_EINTR && a[1] && mem_copy_out(m, a[1], &rem, sizeof(rem)))
    return -L_EFAULT;
  return r;
}

int64_t sys_clock_nanosleep(struct Machine *m, uint64_t a[6]) {
  struct linux_timespec req, rem;
  if (mem_copy_in(m, &req, a[2], sizeof(req))) return -L_EFAULT;
  if (sys_waited(m)) return 0; /* the front end's hook slept it */
  int64_t r = sys_ret(syscall(__NR_clock_nanosleep, (int)a[0], (int)a[1], &req, &rem));
  if (r == -L_EINTR && a[3] && !((int)a[1] & 1 /* TIMER_ABSTIME */) &&
      mem_copy_out(m, a[3], &rem, sizeof(rem)))
    return -L_EFAULT;
  return r;
}
