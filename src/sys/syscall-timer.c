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
 * 32 and 33, the host libc's, and SIGRTMAX, the emulator's wake-up;
 * glibc's and musl's SIGEV_THREAD use 32 on a helper thread of theirs)
 * take a detour: the host timer sends them to a host thread of the
 * emulator's (proxy_main, one per process, every host signal blocked),
 * which waits for them with the raw rt_sigtimedwait and so gets the
 * kernel's exact siginfo (SI_TIMER, id, overrun, value), then posts the
 * guest's signal to the guest thread or process (sig_post_thread,
 * sig_post through the first thread's machine) and wakes it. There the
 * overrun is the one when the proxy took it: expiries while the guest
 * blocks the signal queue as more real-time instances instead of
 * counting (libc's SIGEV_THREAD does not look). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <asm/unistd.h>
#include <pthread.h>
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


/* The proxy for signals the host cannot carry: one per process (a fork
 * child has neither the thread nor the timers: owner tells). */
#define PROXY_MAX 64
static struct Proxy {
  pthread_mutex_t lock;
  int owner;               /* the pid whose proxy this is; 0: none */
  int host_tid;            /* the proxy thread's */
  struct Machine *leader;  /* the first thread's machine, to post through */
  struct Sys *sys;         /* the process it posts to (an exec leaves it) */
  int n;
  struct { int id, tid; } t[PROXY_MAX]; /* timer id -> guest tid (0: process) */
} proxy = {PTHREAD_MUTEX_INITIALIZER, 0, 0, NULL, NULL, 0, {{0, 0}}};

static const uint64_t kProxySigs = (1ull << 31) | (1ull << 32) | (1ull << 63);

static void proxy_wake(struct Machine *o) {
  __atomic_store_n(&o->trap, 1, __ATOMIC_SEQ_CST);
  int tid = sig_thread(o)->host_tid ? sig_thread(o)->host_tid : o->tid;
  syscall(__NR_tgkill, getpid(), tid, SIGRTMAX); /* ends a blocking call */
}

static void *proxy_main(void *arg) {
  (void)arg;
  /* glibc's pthread_create unblocks its SIGCANCEL (32) in a new thread
   * whatever the creator's mask: block everything again, raw. */
  uint64_t all = ~0ull;
  syscall(__NR_rt_sigprocmask, SIG_SETMASK, &all, NULL, 8);
  pthread_mutex_lock(&proxy.lock);
  proxy.host_tid = (int)gettid();
  pthread_mutex_unlock(&proxy.lock);
  for (;;) {
    siginfo_t hi;
    uint64_t want = kProxySigs;
    long sig = syscall(__NR_rt_sigtimedwait, &want, &hi, NULL, 8);
    if (sig <= 0) continue;
    struct linux_siginfo li;
    memcpy(&li, &hi, sizeof(li));
    pthread_mutex_lock(&proxy.lock);
    int tid = -1;
    for (int k = 0; k < proxy.n; ++k)
      if (proxy.t[k].id == hi.si_timerid) tid = proxy.t[k].tid;
    struct Machine *l = proxy.leader;
    if (tid >= 0 && l && l->sys == proxy.sys) {
      if (!tid) {
        /* sig_post wakes a thread that does not block it if the first
         * one does; the first one is woken in any case (it may be
         * waiting for it in sigwaitinfo). */
        sig_post(l, (int)sig, &li);
        proxy_wake(l);
      } else {
        sig_post_thread(l, tid, (int)sig, &li);
        if (tid == l->tid) proxy_wake(l);
      }
    }
    pthread_mutex_unlock(&proxy.lock);
  }
  return NULL;
}

struct FindLeader {
  int pid;
  struct Machine *m;
};

static void find_leader(void *ctx, struct Machine *o) {
  struct FindLeader *f = ctx;
  if (o->tid == f->pid || (!o->tid && !f->m)) f->m = o;
}

/* A fork while the proxy thread holds the lock must not leave the
 * child's copy locked: fork holds it itself. */
static void proxy_fork_prepare(void) { pthread_mutex_lock(&proxy.lock); }
static void proxy_fork_parent(void) { pthread_mutex_unlock(&proxy.lock); }
static void proxy_fork_child(void) {
  pthread_mutex_init(&proxy.lock, NULL);
  proxy.owner = 0; /* no thread here, and no timers (fork(2)) */
  proxy.n = 0;
}
static pthread_once_t proxy_once = PTHREAD_ONCE_INIT;
static void proxy_init(void) {
  pthread_atfork(proxy_fork_prepare, proxy_fork_parent, proxy_fork_child);
}

/* Called with proxy.lock held: the proxy thread's host tid, started if
 * need be; 0 when it cannot be. */
static int proxy_start(struct Machine *m) {
  int pid = getpid();
  if (proxy.owner != pid) {
    proxy.owner = 0;
    proxy.host_tid = 0;
    proxy.n = 0;
  }
  struct FindLeader f = {m->sys->pid, NULL};
  if (m->tid == f.pid || !m->tid) f.m = m;
  else mem_each_cpu(m->mem, find_leader, &f);
  proxy.leader = f.m ? f.m : m;
  proxy.sys = m->sys;
  if (proxy.owner == pid) return proxy.host_tid;
  /* Every host signal blocked in the new thread (32/33 too: raw). */
  uint64_t all = ~0ull, old;
  syscall(__NR_rt_sigprocmask, SIG_SETMASK, &all, &old, 8);
  pthread_t th;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_attr_setstacksize(&attr, 64 << 10);
  int e = pthread_create(&th, &attr, proxy_main, NULL);
  pthread_attr_destroy(&attr);
  syscall(__NR_rt_sigprocmask, SIG_SETMASK, &old, NULL, 8);
  if (e) return 0;
  proxy.owner = pid;
  /* Wait for its tid (it takes the lock we hold: let go meanwhile). */
  while (!proxy.host_tid) {
    pthread_mutex_unlock(&proxy.lock);
    sched_yield();
    pthread_mutex_lock(&proxy.lock);
  }
  return proxy.host_tid;
}

static void proxy_forget(int id) {
  pthread_mutex_lock(&proxy.lock);
  if (proxy.owner == getpid())
    for (int k = 0; k < proxy.n; ++k)
      if (proxy.t[k].id == id) proxy.t[k] = proxy.t[--proxy.n];
  pthread_mutex_unlock(&proxy.lock);
}

/* timer_create for a signal the proxy thread takes for the guest. */
static int64_t timer_create_proxied(struct Machine *m, uint64_t a[6],
                                    struct linux_sigevent *ev) {
  int tid = 0;
  if (ev->notify & L_SIGEV_THREAD_ID) {
    struct FindTid f = {ev->tid, 0, 0};
    if (ev->tid == m->tid) find_tid(&f, m);
    else mem_each_cpu(m->mem, find_tid, &f);
    if (!f.found) return -L_EINVAL;
    tid = ev->tid;
  }
  if (!m->sys) return -L_EINVAL;
  pthread_once(&proxy_once, proxy_init);
  pthread_mutex_lock(&proxy.lock);
  int host = proxy.n < PROXY_MAX ? proxy_start(m) : 0;
  if (!host) {
    pthread_mutex_unlock(&proxy.lock);
    return -L_EAGAIN;
  }
  struct linux_sigevent hev = *ev;
  hev.notify = L_SIGEV_SIGNAL | L_SIGEV_THREAD_ID;
  hev.tid = host;
  int32_t id = 0;
  int64_t r = sys_ret(syscall(__NR_timer_create, (int)a[0], &hev, &id));
  if (r >= 0) {
    proxy.t[proxy.n].id = id;
    proxy.t[proxy.n].tid = tid;
    ++proxy.n;
  }
  pthread_mutex_unlock(&proxy.lock);
  if (r < 0) return r;
  if (mem_copy_out(m, a[2], &id, 4)) {
    syscall(__NR_timer_delete, id);
    proxy_forget(id);
    return -L_EFAULT;
  }
  return 0;
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
      if (!sig_hostable(sig)) return timer_create_proxied(m, a, &ev);
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
  int64_t r = sys_ret(syscall(__NR_timer_delete, (int)a[0]));
  if (!r) proxy_forget((int)a[0]);
  return r;
}

/* EPERM unless the host lets this process set the clock. */
int64_t sys_clock_settime(struct Machine *m, uint64_t a[6]) {
  struct linux_timespec ts;
  if (mem_copy_in(m, &ts, a[1], sizeof(ts))) return -L_EFAULT;
  return sys_ret(syscall(__NR_clock_settime, (int)a[0], &ts));
}
