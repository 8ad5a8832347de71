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

/* A relative sleep that a signal interrupted without running a handler
 * is restarted by sig_check (st->sleep_restart) with the time it had
 * left, as Linux's restart_block does: its deadline is kept here. */
static void sleep_left(struct Machine *m, struct linux_timespec *req) {
  struct SigThread *st = sig_thread(m);
  if (!st->sleep_restart) return;
  st->sleep_restart = 0;
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  int64_t ns = (st->sleep_deadline.sec - now.tv_sec) * 1000000000 +
               (st->sleep_deadline.nsec - now.tv_nsec);
  if (ns < 0) ns = 0;
  req->tv_sec = ns / 1000000000;
  req->tv_nsec = ns % 1000000000;
}

static void sleep_keep(struct Machine *m, const struct linux_timespec *rem) {
  struct SigThread *st = sig_thread(m);
  struct timespec now;
  clock_gettime(CLOCK_MONOTONIC, &now);
  int64_t ns = now.tv_nsec + rem->tv_nsec;
  st->sleep_deadline.sec = now.tv_sec + rem->tv_sec + ns / 1000000000;
  st->sleep_deadline.nsec = ns % 1000000000;
}

int64_t sys_nanosleep(struct Machine *m, uint64_t a[6]) {
  struct linux_timespec req, rem;
  if (mem_copy_in(m, &req, a[0], sizeof(req))) return -L_EFAULT;
  if (sys_waited(m)) return 0; /* the front end's hook slept it */
  if (m->sys && req.tv_nsec >= 0 && req.tv_nsec < 1000000000 && req.tv_sec >= 0)
    sleep_left(m, &req);
  int64_t r = sys_ret(syscall(__NR_nanosleep, &req, &rem));
  if (r == -L_EINTR && m->sys) sleep_keep(m, &rem);
  if (r == -L_EINTR && a[1] && mem_copy_out(m, a[1], &rem, sizeof(rem)))
    return -L_EFAULT;
  return r;
}

int64_t sys_clock_nanosleep(struct Machine *m, uint64_t a[6]) {
  struct linux_timespec req, rem;
  int abs = (int)a[1] & 1; /* TIMER_ABSTIME: restarted as it is */
  if (mem_copy_in(m, &req, a[2], sizeof(req))) return -L_EFAULT;
  if (sys_waited(m)) return 0; /* the front end's hook slept it */
  if (m->sys && !abs && req.tv_nsec >= 0 && req.tv_nsec < 1000000000 &&
      req.tv_sec >= 0)
    sleep_left(m, &req);
  int64_t r = sys_ret(syscall(__NR_clock_nanosleep, (int)a[0], (int)a[1], &req, &rem));
  if (r == -L_EINTR && m->sys && !abs) sleep_keep(m, &rem);
  if (r == -L_EINTR && a[3] && !abs &&
      mem_copy_out(m, a[3], &rem, sizeof(rem)))
    return -L_EFAULT;
  return r;
}
