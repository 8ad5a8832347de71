/* syscall-timer.c: POSIX per-process timers and clock_settime.
 *
 * A guest timer is a host kernel timer: the guest's timer id is the
 * host's, and its expiry is a host signal with the guest's number and
 * sigev_value, sent to the process or (SIGEV_THREAD_ID) to the host
 * thread running the guest thread named. signal.c's host handler turns
 * it into the guest's signal with the kernel's own siginfo: SI_TIMER,
 * si_timerid, si_overrun, si_value. Host masks follow guest masks
 * (signal.c), so a signal the guest blocks stays pending in the host
 * kernel, which counts the overruns exactly as for a native process.
 *
 * Signals the host cannot carry under the guest's number (sig_hostable:
 * 32 and 33, the host libc's, and SIGRTMAX, the emulator's wake-up) are
 * refused with -EINVAL for now. glibc's and musl's SIGEV_THREAD use 32
 * on a helper thread, so SIGEV_THREAD does not work yet
 * (tests/programs/timers-thread.c is @later for it; status note). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <asm/unistd.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "machine.h"
#include "memory.h"
#include "sys.h"
#include "syscall-defs.h"

#define L_SIGEV_SIGNAL 0
#define L_SIGEV_NONE 1
#define L_SIGEV_THREAD_ID 4

struct linux_sigevent { /* 64 bytes */
  uint64_t value;
  int32_t signo, notify;
  int32_t tid;
  uint8_t pad[44];
};

struct FindTid {
  int tid, host_tid, found;
};

static void find_tid(void *ctx, struct Machine *o) {
  struct FindTid *f = ctx;
  if (f->found || o->tid != f->tid || !o->sys) return;
  f->found = 1;
  f->host_tid = sig_thread(o)->host_tid;
}

int64_t sys_timer_create(struct Machine *m, uint64_t a[6]) {
  struct linux_sigevent ev;
  /* No sigevent: SIGEV_SIGNAL, SIGALRM (carried), value = the id. */
  if (a[1]) {
    if (mem_copy_in(m, &ev, a[1], sizeof(ev))) return -L_EFAULT;
    int notify = ev.notify & ~L_SIGEV_THREAD_ID;
    if (ev.notify != L_SIGEV_NONE) {
      if (notify != L_SIGEV_SIGNAL) return -L_EINVAL;
      int sig = ev.signo;
      if (sig < 1 || sig > SYS_NSIG) return -L_EINVAL;
      if (!sig_hostable(sig)) {
        char key[32];
        snprintf(key, sizeof(key), "timer sig %d", sig);
        blog_once(key, "timer_create with signal %d: the host cannot carry "
                  "it for the guest yet (-EINVAL)", sig);
        return -L_EINVAL;
      }
      if (ev.notify & L_SIGEV_THREAD_ID) {
        /* A thread of this process: the host thread that runs it. */
        struct FindTid f = {ev.tid, 0, 0};
        if (ev.tid == m->tid) find_tid(&f, m);
        else mem_each_cpu(m->mem, find_tid, &f);
        if (!f.found) return -L_EINVAL;
        if (f.host_tid) ev.tid = f.host_tid;
      }
    }
  }
  int32_t id = 0;
  int64_t r = sys_ret(syscall(__NR_timer_create, (int)a[0], a[1] ? &ev : NULL, &id));
  if (r < 0) return r;
  if (mem_copy_out(m, a[2], &id, 4)) {
    syscall(__NR_timer_delete, id);
    return -L_EFAULT;
  }
  return 0;
}

int64_t sys_timer_settime(struct Machine *m, uint64_t a[6]) {
  struct linux_itimerspec nv, ov;
  if (mem_copy_in(m, &nv, a[2], sizeof(nv))) return -L_EFAULT;
  int64_t r = sys_ret(syscall(__NR_timer_settime, (int)a[0], (int)a[1], &nv,
                              a[3] ? &ov : NULL));
  if (r < 0) return r;
  if (a[3] && mem_copy_out(m, a[3], &ov, sizeof(ov))) return -L_EFAULT;
  return 0;
}

int64_t sys_timer_gettime(struct Machine *m, uint64_t a[6]) {
  struct linux_itimerspec cv;
  int64_t r = sys_ret(syscall(__NR_timer_gettime, (int)a[0], &cv));
  if (r < 0) return r;
  if (mem_copy_out(m, a[1], &cv, sizeof(cv))) return -L_EFAULT;
  return 0;
}

int64_t sys_timer_getoverrun(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return sys_ret(syscall(__NR_timer_getoverrun, (int)a[0]));
}

int64_t sys_timer_delete(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return sys_ret(syscall(__NR_timer_delete, (int)a[0]));
}

/* EPERM unless the host lets this process set the clock. */
int64_t sys_clock_settime(struct Machine *m, uint64_t a[6]) {
  struct linux_timespec ts;
  if (mem_copy_in(m, &ts, a[1], sizeof(ts))) return -L_EFAULT;
  return sys_ret(syscall(__NR_clock_settime, (int)a[0], &ts));
}
