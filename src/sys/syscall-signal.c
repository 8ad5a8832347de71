/* syscall-signal.c: signal dispositions, masks, kill, waiting for
 * signals, and the interval timers that send them.
 *
 * Dispositions live in struct Sys, masks per thread (struct SigThread);
 * a signal sent goes through the host's kernel when it can (signal.c
 * sig_post, sig_post_thread) and is delivered by sig_check at the end of
 * a call (signal.c, signal-frame.c). The host process follows the guest's
 * dispositions (sig_host_follow): SIG_IGN and SIG_DFL are mirrored, so
 * that e.g. SIG_IGN for SIGPIPE makes a write to a closed pipe fail with
 * EPIPE instead of killing the emulator; a guest handler gets the
 * emulator's forwarding handler. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <asm/unistd.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <sys/signalfd.h>
#include <time.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "machine.h"
#include "memory.h"
#include "sys.h"
#include "syscall-defs.h"

#define SIGBIT(s) (1ull << ((s) - 1))
#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

int64_t sys_rt_sigaction(struct Machine *m, uint64_t a[6]) {
  int sig = (int)a[0];
  struct Sys *s = m->sys;
  if (a[3] != 8) return -L_EINVAL;
  if (sig < 1 || sig > SYS_NSIG || !s) return -L_EINVAL;
  struct linux_sigaction act;
  if (a[1]) {
    if (sig == SIGKILL || sig == SIGSTOP) return -L_EINVAL;
    if (mem_copy_in(m, &act, a[1], sizeof(act))) return -L_EFAULT;
  }
  if (a[2] && mem_copy_out(m, a[2], &s->sigact[sig - 1], sizeof(act)))
    return -L_EFAULT;
  if (a[1]) {
    act.mask &= ~UNBLOCKABLE;
    s->sigact[sig - 1] = act;
    /* Ignoring a signal discards it if pending (so does a default
     * action of ignore). */
    if (act.handler == L_SIG_IGN ||
        (act.handler == L_SIG_DFL && !sig_is_fatal_default(sig)))
      sig_discard(m, sig);
    sig_host_follow(m, sig);
  }
  return 0;
}

int64_t sys_rt_sigprocmask(struct Machine *m, uint64_t a[6]) {
  int how = (int)a[0];
  struct Sys *s = m->sys;
  if (a[3] != 8 || !s) return -L_EINVAL;
  uint64_t set = 0, old = sig_thread(m)->mask;
  if (a[1]) {
    if (how != 0 && how != 1 && how != 2) return -L_EINVAL; /* BLOCK, UNBLOCK, SETMASK */
    if (mem_copy_in(m, &set, a[1], 8)) return -L_EFAULT;
  }
  if (a[2] && mem_copy_out(m, a[2], &old, 8)) return -L_EFAULT;
  if (a[1]) {
    /* What it unblocks is delivered at the end of this call; what it
     * blocks must not kill the emulator meanwhile (sig_set_mask). */
    switch (how) {
      case 0: sig_set_mask(m, old | set); break;
      case 1: sig_set_mask(m, old & ~set); break;
      default: sig_set_mask(m, set); break;
    }
  }
  return 0;
}

int64_t sys_rt_sigpending(struct Machine *m, uint64_t a[6]) {
  struct Sys *s = m->sys;
  if (a[1] > 8) return -L_EINVAL;
  uint64_t set = 0;
  if (s) {
    struct SigThread *st = sig_thread(m);
    sig_collect(m);
    pthread_mutex_lock(&s->siglock);
    set = st->pend.bits | s->pend.bits;
    pthread_mutex_unlock(&s->siglock);
    /* Those the host keeps pending (this thread's and the process's). */
    sigset_t hp;
    if (!sigpending(&hp))
      for (int sig = 1; sig <= SYS_NSIG; ++sig)
        if (sig_hostable(sig) && sigismember(&hp, sig) == 1) set |= SIGBIT(sig);
    set &= st->mask;
  }
  if (mem_copy_out(m, a[0], &set, a[1])) return -L_EFAULT;
  return 0;
}

int64_t sys_sigaltstack(struct Machine *m, uint64_t a[6]) {
  if (!m->sys) return -L_EINVAL;
  struct SigThread *s = sig_thread(m);
  struct linux_stack ss, old = s->altstack;
  int on = sig_on_altstack(m);
  if (!old.ss_size) old.ss_flags = L_SS_DISABLE;
  else if (on) old.ss_flags = L_SS_ONSTACK;
  if (a[0]) {
    if (mem_copy_in(m, &ss, a[0], sizeof(ss))) return -L_EFAULT;
    int mode = ss.ss_flags & ~(int32_t)(1u << 31); /* SS_AUTODISARM */
    if (mode != 0 && mode != L_SS_ONSTACK && mode != L_SS_DISABLE)
      return -L_EINVAL;
  }
  if (a[1] && mem_copy_out(m, a[1], &old, sizeof(old))) return -L_EFAULT;
  if (a[0]) {
    if (on) return -L_EPERM;
    if ((ss.ss_flags & L_SS_DISABLE)) {
      memset(&s->altstack, 0, sizeof(s->altstack));
      s->altstack.ss_flags = L_SS_DISABLE;
    } else {
      if (ss.ss_size < L_MINSIGSTKSZ) return -L_ENOMEM;
      s->altstack = ss;
      s->altstack.ss_flags &= ~L_SS_ONSTACK;
    }
  }
  return 0;
}

/* A signal the guest sends itself (code SI_USER or SI_TKILL). */
static int64_t sig_self(struct Machine *m, int sig, int code) {
  if (sig == 0) return 0;
  if (!m->sys) {
    if (sig_is_fatal_default(sig)) sig_kill(m, sig);
    return 0;
  }
  struct linux_siginfo si;
  memset(&si, 0, sizeof(si));
  si.signo = sig;
  si.code = code;
  si.u.kill.pid = m->sys->pid;
  si.u.kill.uid = (uint32_t)getuid();
  sig_post(m, sig, &si);
  return 0;
}

static int sig_valid(int sig) { return sig >= 0 && sig <= SYS_NSIG; }

/* kill(0 or -pgid, sig): the host sends to the group; when that includes
 * this process the signal is caught here (blocked on this thread for the
 * moment, collected by sigtimedwait) and acted on as sent to self. With
 * more host threads, they must block it too (threads area). */
static int64_t kill_group(struct Machine *m, int pid, int sig) {
  /* The host's kernel delivers the ones it carries to our threads as
   * Linux would (host masks follow guest masks). */
  if (!sig || sig == SIGKILL || sig == SIGSTOP || sig_hostable(sig))
    return sys_ret(kill(pid, sig));
  sigset_t set, old;
  sigemptyset(&set);
  sigaddset(&set, sig);
  pthread_sigmask(SIG_BLOCK, &set, &old);
  int r = kill(pid, sig), e = errno, mine = 0;
  if (!r) {
    struct timespec zero = {0, 0};
    mine = sigtimedwait(&set, NULL, &zero) == sig;
  }
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  if (r) return -sys_errno(e);
  return mine ? sig_self(m, sig, L_SI_USER) : 0;
}

int64_t sys_kill(struct Machine *m, uint64_t a[6]) {
  int pid = (int)a[0], sig = (int)a[1];
  if (!sig_valid(sig)) return -L_EINVAL;
  int self = m->sys ? m->sys->pid : getpid();
  if (pid == self) return sig_self(m, sig, L_SI_USER);
  if (pid == INT32_MIN) return -L_ESRCH;
  if (pid <= 0) return kill_group(m, pid, sig); /* a group; -1: all but us */
  return sys_ret(kill(pid, sig));
}

int64_t sys_tkill(struct Machine *m, uint64_t a[6]) {
  int tid = (int)a[0], sig = (int)a[1];
  if (tid <= 0 || !sig_valid(sig)) return -L_EINVAL;
  if (tid == m->tid || thread_exists(m, tid)) return thread_signal(m, tid, sig);
  return sys_ret(syscall(__NR_tkill, tid, sig));
}

int64_t sys_tgkill(struct Machine *m, uint64_t a[6]) {
  int tgid = (int)a[0], tid = (int)a[1], sig = (int)a[2];
  if (tgid <= 0 || tid <= 0 || !sig_valid(sig)) return -L_EINVAL;
  int self = m->sys ? m->sys->pid : getpid();
  if (tgid == self) return thread_signal(m, tid, sig);
  return sys_ret(syscall(__NR_tgkill, tgid, tid, sig));
}

uint64_t sig_active(struct Machine *m) {
  struct Sys *s = m->sys;
  uint64_t r = 0;
  for (int sig = 1; sig <= SYS_NSIG; ++sig) {
    uint64_t h = s->sigact[sig - 1].handler;
    if (h > L_SIG_IGN || (h == L_SIG_DFL && sig_is_fatal_default(sig)))
      r |= SIGBIT(sig);
  }
  return r & ~sig_thread(m)->mask;
}

/* Waits on the host until a signal in want is pending, the front end
 * interrupts (m->intr) or the deadline (CLOCK_MONOTONIC, NULL: none)
 * passes. 0 when a wanted signal is pending, -L_EAGAIN at the deadline,
 * -L_EINTR otherwise. Host signals are blocked between the check and the
 * wait, which ppoll unblocks atomically: none is lost. */
static int sig_wait_host(struct Machine *m, uint64_t want,
                         const struct timespec *deadline) {
  struct Sys *s = m->sys;
  struct SigThread *st = sig_thread(m);
  sigset_t all, old;
  sigfillset(&all);
  sigdelset(&all, SIGSEGV); /* the emulator's own faults stay fatal */
  sigdelset(&all, SIGBUS);
  pthread_sigmask(SIG_BLOCK, &all, &old);
  /* The wanted ones the host carries are let through while waiting; the
   * wake signal always is. Those the guest blocks (sigtimedwait's) go to
   * the host handler, installed for them if the guest has none (sig_check
   * then acts on the disposition); unblocked ones (pause's, sigsuspend's)
   * meet their own host disposition: a default death is the host's. */
  sigset_t during = old;
  for (int sig = 1; sig <= SYS_NSIG; ++sig)
    if ((want & SIGBIT(sig)) && sig_hostable(sig)) {
      if (st->mask & SIGBIT(sig)) sig_host_catch(m, sig);
      sigdelset(&during, sig);
    }
  int r;
  for (;;) {
    sig_take_host(m, want);
    sig_collect(m);
    if ((st->pend.bits | s->pend.bits) & want) { r = 0; break; }
    /* The front end, or another thread's exit_group (its wake signal
     * ended the ppoll): exec.c's start() then ends this thread. */
    if (m->intr || m->group_exit) { r = -L_EINTR; break; }
    struct timespec left, now, *tp = NULL;
    if (deadline) {
      clock_gettime(CLOCK_MONOTONIC, &now);
      left.tv_sec = deadline->tv_sec - now.tv_sec;
      left.tv_nsec = deadline->tv_nsec - now.tv_nsec;
      if (left.tv_nsec < 0) { left.tv_nsec += 1000000000; left.tv_sec--; }
      if (left.tv_sec < 0) { r = -L_EAGAIN; break; }
      tp = &left;
    }
    ppoll(NULL, 0, tp, &during);
  }
  pthread_sigmask(SIG_SETMASK, &old, NULL);
  return r;
}

int64_t sys_pause(struct Machine *m, uint64_t a[6]) {
  (void)a;
  struct Sys *s = m->sys;
  if (!s) return -L_EINTR;
  sig_wait_host(m, sig_active(m), NULL);
  return -L_EINTR; /* sig_check delivers, or restarts when nothing ran */
}

int64_t sys_rt_sigsuspend(struct Machine *m, uint64_t a[6]) {
  struct Sys *s = m->sys;
  uint64_t set;
  if (!s || a[1] != 8) return -L_EINVAL;
  if (mem_copy_in(m, &set, a[0], 8)) return -L_EFAULT;
  /* The frame of the handler that ends it keeps the old mask, which its
   * sigreturn puts back (signal-frame.c); sig_check puts it back when no
   * handler runs. */
  struct SigThread *st = sig_thread(m);
  uint64_t old = st->mask;
  if (!st->restore_mask) st->saved_mask = old;
  st->restore_mask = 1;
  sig_set_mask(m, set);
  sig_wait_host(m, sig_active(m), NULL);
  return -L_EINTR;
}

static int ts_deadline(struct Machine *m, uint64_t va, struct timespec *d) {
  struct { int64_t sec, nsec; } t;
  if (mem_copy_in(m, &t, va, sizeof(t))) return -L_EFAULT;
  if (t.sec < 0 || t.nsec < 0 || t.nsec >= 1000000000) return -L_EINVAL;
  clock_gettime(CLOCK_MONOTONIC, d);
  if (t.sec > 100000000) t.sec = 100000000;
  d->tv_sec += t.sec;
  d->tv_nsec += t.nsec;
  if (d->tv_nsec >= 1000000000) { d->tv_nsec -= 1000000000; d->tv_sec++; }
  return 0;
}

int64_t sys_rt_sigtimedwait(struct Machine *m, uint64_t a[6]) {
  struct Sys *s = m->sys;
  uint64_t set;
  if (!s || a[3] != 8) return -L_EINVAL;
  if (mem_copy_in(m, &set, a[0], 8)) return -L_EFAULT;
  set &= ~UNBLOCKABLE;
  struct timespec dl, *dp = NULL;
  if (a[2]) {
    int e = ts_deadline(m, a[2], &dl);
    if (e) return e;
    if (sys_waited(m)) clock_gettime(CLOCK_MONOTONIC, &dl); /* hook waited */
    dp = &dl;
  }
  struct SigThread *st = sig_thread(m);
  sig_take_host(m, set);
  sig_collect(m);
  if (!((st->pend.bits | s->pend.bits) & set)) {
    int r = sig_wait_host(m, set | sig_active(m), dp);
    if (r) return r;
  }
  /* Ours first, then the process's (another thread may take it first). */
  struct linux_siginfo si;
  int sig = 0;
  pthread_mutex_lock(&s->siglock);
  struct SigPend *p = (st->pend.bits & set) ? &st->pend : &s->pend;
  if (p->bits & set) {
    sig = __builtin_ctzll(p->bits & set) + 1;
    sig_take(p, sig, &si);
  }
  pthread_mutex_unlock(&s->siglock);
  if (!sig) return -L_EINTR; /* another one came, or was taken */
  if (a[1] && mem_copy_out(m, a[1], &si, sizeof(si))) return -L_EFAULT;
  return sig;
}

int64_t sys_alarm(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return alarm((unsigned)a[0]);
}

/* struct itimerval is the same on the x86-64 host: passed as it is. */
int64_t sys_setitimer(struct Machine *m, uint64_t a[6]) {
  struct itimerval nv, ov;
  int which = (int)a[0];
  if (which < 0 || which > 2) return -L_EINVAL;
  if (a[1] && mem_copy_in(m, &nv, a[1], sizeof(nv))) return -L_EFAULT;
  if (!a[1]) memset(&nv, 0, sizeof(nv)); /* Linux: NULL disarms */
  if (setitimer(which, &nv, &ov)) return sys_ret(-1);
  if (a[2] && mem_copy_out(m, a[2], &ov, sizeof(ov))) return -L_EFAULT;
  return 0;
}

int64_t sys_getitimer(struct Machine *m, uint64_t a[6]) {
  struct itimerval v;
  int which = (int)a[0];
  if (which < 0 || which > 2) return -L_EINVAL;
  if (getitimer(which, &v)) return sys_ret(-1);
  if (mem_copy_out(m, a[1], &v, sizeof(v))) return -L_EFAULT;
  return 0;
}

/* signalfd4: a host signalfd with the same mask. The signals it waits
 * for are blocked on the host while the guest blocks them (host masks
 * follow guest masks, signal.c), so that they stay pending on the host,
 * where the host signalfd reads them: read, poll and epoll need nothing
 * more.
 * The record it reads is Linux's struct signalfd_siginfo, as it is. */
int64_t sys_signalfd4(struct Machine *m, uint64_t a[6]) {
  struct Sys *s = m->sys;
  uint64_t mask;
  int fd = (int)a[0], flags = (int)a[3];
  if (!s || a[2] != 8) return -L_EINVAL;
  if (flags & ~(O_NONBLOCK | O_CLOEXEC)) return -L_EINVAL;
  if (fd != -1 && sys_fd_reserved(fd)) return -L_EBADF;
  if (mem_copy_in(m, &mask, a[1], 8)) return -L_EFAULT;
  mask &= ~UNBLOCKABLE;
  sigset_t set;
  sigemptyset(&set);
  for (int sig = 1; sig <= SYS_NSIG; ++sig)
    if (mask & SIGBIT(sig)) sigaddset(&set, sig);
  int r = signalfd(fd, &set, flags);
  if (r < 0) return sys_ret(r);
  if (fd == -1 && sys_fd_reserved(r)) {
    close(r);
    return -(int64_t)sys_errno(EMFILE);
  }
  /* The signals it reads are those the host keeps pending: the guest's
   * blocked ones (host masks follow guest masks; sig_post sends the
   * ones the host carries through it). */
  return r;
}

int64_t sys_signalfd(struct Machine *m, uint64_t a[6]) {
  uint64_t b[6] = {a[0], a[1], a[2], 0, 0, 0};
  return sys_signalfd4(m, b);
}

/* rt_sigqueueinfo / rt_tgsigqueueinfo: a signal with the sender's own
 * siginfo (sigqueue: SI_QUEUE and a value). Only negative codes may be
 * forged, as Linux requires of a process signalling another or itself.
 * Real-time signals queue (signal.c sig_post_local). */
static int64_t sig_queue(struct Machine *m, int tgid, int tid, int sig,
                         uint64_t uinfo) {
  struct linux_siginfo si;
  if (!sig_valid(sig)) return -L_EINVAL;
  if (mem_copy_in(m, &si, uinfo, sizeof(si))) return -L_EFAULT;
  int self = m->sys ? m->sys->pid : getpid();
  if (si.code >= 0 || si.code == L_SI_TKILL) {
    if (tgid != self) return -L_EPERM;
  }
  if (tgid == self && m->sys) {
    si.signo = sig;
    if (tid >= 0) return sig_post_thread(m, tid, sig, &si);
    if (sig) sig_post(m, sig, &si);
    return 0;
  }
  if (tid < 0) return sys_ret(syscall(__NR_rt_sigqueueinfo, tgid, sig, &si));
  return sys_ret(syscall(__NR_rt_tgsigqueueinfo, tgid, tid, sig, &si));
}

int64_t sys_rt_sigqueueinfo(struct Machine *m, uint64_t a[6]) {
  return sig_queue(m, (int)a[0], -1, (int)a[1], a[2]);
}

int64_t sys_rt_tgsigqueueinfo(struct Machine *m, uint64_t a[6]) {
  if ((int)a[0] <= 0 || (int)a[1] <= 0) return -L_EINVAL;
  return sig_queue(m, (int)a[0], (int)a[1], (int)a[2], a[3]);
}
