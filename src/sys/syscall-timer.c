/* syscall-timer.c: POSIX per-process timers and clock_settime.
 *
 * A guest timer is a host kernel timer: the guest's timer id is the
 * host's, and its expiry is a host signal with the guest's number,
 * sigev_value and (SIGEV_THREAD_ID) thread id, since guest thread ids are
 * host thread ids. signal.c's host handler turns that signal into the
 * guest's with the kernel's own siginfo: SI_TIMER, si_timerid,
 * si_overrun, si_value. A guest that blocks the signal must see the
 * overruns counted while it is blocked, so the timer's signal is added to
 * the signals kept really blocked on the host while the guest blocks
 * them (Sys.sigfd_mask, as for a signalfd): the host kernel then holds
 * the one pending instance and counts overruns, exactly as for a native
 * process, and the guest takes it when it unblocks or waits.
 *
 * Signals the host cannot carry under the guest's number are refused
 * with -EINVAL for now: 32 and 33 (the host libc's cancellation and
 * setxid signals) and 64 (the emulator's thread wake-up). glibc's and
 * musl's SIGEV_THREAD use 32 on a helper thread, so SIGEV_THREAD does
 * not work yet (tests/programs/timers-thread.c is @later for it). */
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

/* Whether a host timer can carry guest signal sig as the same number. */
static int timer_sig_ok(int sig) {
  return sig >= 1 && sig <= 63 && sig != 32 && sig != 33 &&
         sig != SIGRTMAX;
}

int64_t sys_timer_create(struct Machine *m, uint64_t a[6]) {
  struct linux_sigevent ev;
  struct Sys *s = m->sys;
  int sig = SIGALRM; /* no sigevent: SIGEV_SIGNAL, SIGALRM, value = id */
  if (a[1]) {
    if (mem_copy_in(m, &ev, a[1], sizeof(ev))) return -L_EFAULT;
    int notify = ev.notify & ~L_SIGEV_THREAD_ID;
    if (ev.notify != L_SIGEV_NONE) {
      if (notify != L_SIGEV_SIGNAL) return -L_EINVAL;
      sig = ev.signo;
      if (sig < 1 || sig > SYS_NSIG) return -L_EINVAL;
      if (!timer_sig_ok(sig)) {
        char key[32];
        snprintf(key, sizeof(key), "timer sig %d", sig);
        blog_once(key, "timer_create with signal %d: the host cannot carry "
                  "it for the guest yet (-EINVAL)", sig);
        return -L_EINVAL;
      }
    } else {
      sig = 0;
    }
  }
  int32_t id = 0;
  int64_t r = sys_ret(syscall(__NR_timer_create, (int)a[0], a[1] ? &ev : NULL, &id));
  if (r < 0) return r;
  if (mem_copy_out(m, a[2], &id, 4)) {
    syscall(__NR_timer_delete, id);
    return -L_EFAULT;
  }
  if (sig && s && !(s->sigfd_mask & (1ull << (sig - 1)))) {
    s->sigfd_mask |= 1ull << (sig - 1);
    sig_sync_host_block(m);
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
