/* syscall-signal.c: signal dispositions, masks, and kill.
 *
 * Dispositions and masks are recorded in struct Sys for the day signals
 * are delivered to guest handlers. Until then: a signal the guest sends
 * itself whose action is the default fatal one kills the guest (abort()
 * relies on that); an ignored signal does nothing; a signal with a
 * handler is logged and dropped. Ignoring a signal is also mirrored onto
 * the host process, so that e.g. SIG_IGN for SIGPIPE makes a write to a
 * closed pipe fail with EPIPE instead of killing the emulator. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <asm/unistd.h>
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <time.h>
#include <string.h>
#include <unistd.h>

#include "log.h"
#include "machine.h"
#include "memory.h"
#include "sys.h"
#include "syscall-defs.h"

#define SIGBIT(s) (1ull << ((s) - 1))
#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

/* Signals whose host disposition follows the guest's SIG_IGN/SIG_DFL.
 * Synchronous fault signals stay the emulator's own. */
static int sig_mirrored(int sig) {
  switch (sig) {
    case SIGSEGV: case SIGBUS: case SIGFPE: case SIGILL: case SIGTRAP:
    case SIGSYS: case SIGKILL: case SIGSTOP:
      return 0;
    default:
      return sig < SIGRTMIN; /* glibc reserves the first real-time ones */
  }
}

static int64_t sig_self(struct Machine *m, int sig);

/* Act on pending signals the mask no longer blocks. */
static void sig_flush_pending(struct Machine *m) {
  struct Sys *s = m->sys;
  uint64_t ready = s->sigpending & ~s->sigmask;
  for (int sig = 1; ready && sig <= SYS_NSIG && !m->trap; ++sig) {
    if (!(ready & SIGBIT(sig))) continue;
    ready &= ~SIGBIT(sig);
    s->sigpending &= ~SIGBIT(sig);
    sig_self(m, sig);
  }
}

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
      s->sigpending &= ~SIGBIT(sig);
    if (sig_mirrored(sig)) {
      struct sigaction h;
      memset(&h, 0, sizeof(h));
      h.sa_handler = act.handler == L_SIG_IGN ? SIG_IGN : SIG_DFL;
      sigaction(sig, &h, NULL);
    }
  }
  return 0;
}

int64_t sys_rt_sigprocmask(struct Machine *m, uint64_t a[6]) {
  int how = (int)a[0];
  struct Sys *s = m->sys;
  if (a[3] != 8 || !s) return -L_EINVAL;
  uint64_t set = 0, old = s->sigmask;
  if (a[1]) {
    if (how != 0 && how != 1 && how != 2) return -L_EINVAL; /* BLOCK, UNBLOCK, SETMASK */
    if (mem_copy_in(m, &set, a[1], 8)) return -L_EFAULT;
  }
  if (a[2] && mem_copy_out(m, a[2], &old, 8)) return -L_EFAULT;
  if (a[1]) {
    switch (how) {
      case 0: s->sigmask |= set; break;
      case 1: s->sigmask &= ~set; break;
      default: s->sigmask = set; break;
    }
    s->sigmask &= ~UNBLOCKABLE;
    sig_flush_pending(m);
  }
  return 0;
}

int64_t sys_rt_sigpending(struct Machine *m, uint64_t a[6]) {
  if (a[1] > 8) return -L_EINVAL;
  uint64_t set = m->sys ? m->sys->sigpending & m->sys->sigmask : 0;
  if (mem_copy_out(m, a[0], &set, a[1])) return -L_EFAULT;
  return 0;
}

int64_t sys_sigaltstack(struct Machine *m, uint64_t a[6]) {
  struct Sys *s = m->sys;
  if (!s) return -L_EINVAL;
  struct linux_stack ss, old = s->altstack;
  if (!old.ss_size) old.ss_flags = L_SS_DISABLE;
  if (a[0]) {
    if (mem_copy_in(m, &ss, a[0], sizeof(ss))) return -L_EFAULT;
    int mode = ss.ss_flags & ~(int32_t)(1u << 31); /* SS_AUTODISARM */
    if (mode != 0 && mode != L_SS_ONSTACK && mode != L_SS_DISABLE)
      return -L_EINVAL;
  }
  if (a[1] && mem_copy_out(m, a[1], &old, sizeof(old))) return -L_EFAULT;
  if (a[0]) {
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

/* A signal the guest sends itself. */
static int64_t sig_self(struct Machine *m, int sig) {
  struct Sys *s = m->sys;
  if (sig == 0) return 0;
  if (sig == SIGKILL) {
    sig_kill(m, sig);
    return 0;
  }
  uint64_t handler = s ? s->sigact[sig - 1].handler : L_SIG_DFL;
  if (handler == L_SIG_IGN) return 0;
  if (s && (s->sigmask & SIGBIT(sig))) {
    s->sigpending |= SIGBIT(sig);  /* acted on when unblocked */
    return 0;
  }
  if (handler == L_SIG_DFL) {
    if (sig_is_fatal_default(sig)) sig_kill(m, sig);
    return 0;
  }
  blog("%s sent to self has a handler at %#llx: delivery to guest handlers "
       "is not implemented yet, dropped",
       sig_name(sig), (unsigned long long)handler);
  return 0;
}

static int sig_valid(int sig) { return sig >= 0 && sig <= SYS_NSIG; }

/* kill(0 or -pgid, sig): the host sends to the group; when that includes
 * this process the signal is caught here (blocked on this thread for the
 * moment, collected by sigtimedwait) and acted on as sent to self. With
 * more host threads, they must block it too (threads area). */
static int64_t kill_group(struct Machine *m, int pid, int sig) {
  if (!sig || sig == SIGKILL || sig == SIGSTOP) return sys_ret(kill(pid, sig));
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
  return mine ? sig_self(m, sig) : 0;
}

int64_t sys_kill(struct Machine *m, uint64_t a[6]) {
  int pid = (int)a[0], sig = (int)a[1];
  if (!sig_valid(sig)) return -L_EINVAL;
  int self = m->sys ? m->sys->pid : getpid();
  if (pid == self) return sig_self(m, sig);
  if (pid == INT32_MIN) return -L_ESRCH;
  if (pid <= 0) return kill_group(m, pid, sig); /* a group; -1: all but us */
  return sys_ret(kill(pid, sig));
}

int64_t sys_tkill(struct Machine *m, uint64_t a[6]) {
  int tid = (int)a[0], sig = (int)a[1];
  if (tid <= 0 || !sig_valid(sig)) return -L_EINVAL;
  if (tid == m->tid) return sig_self(m, sig);
  if (thread_exists(m, tid)) return thread_signal(m, tid, sig);
  return sys_ret(syscall(__NR_tkill, tid, sig));
}

int64_t sys_tgkill(struct Machine *m, uint64_t a[6]) {
  int tgid = (int)a[0], tid = (int)a[1], sig = (int)a[2];
  if (tgid <= 0 || tid <= 0 || !sig_valid(sig)) return -L_EINVAL;
  int self = m->sys ? m->sys->pid : getpid();
  if (tgid == self && tid == m->tid) return sig_self(m, sig);
  if (tgid == self) return thread_signal(m, tid, sig);
  return sys_ret(syscall(__NR_tgkill, tgid, tid, sig));
}
