/* signal.c: CPU exceptions, pending signals and their delivery in Linux
 * mode.
 *
 * A guest fault becomes the signal Linux would send: delivered to the
 * guest's handler when it has one that is not blocked (signal-frame.c
 * builds the frame), otherwise the process dies: the machine stops with
 * STOP_SIGNAL and the front end makes the host process die of the same
 * signal.
 *
 * Signal state is per thread, as in Linux (struct SigThread: the mask,
 * the thread's own pending set, the altstack). Each guest thread is a
 * host thread, and its host mask follows its guest mask for every signal
 * the host can carry (sig_hostable: all but the CPU's, SIGKILL/SIGSTOP,
 * the host glibc's 32 and 33, and SIGRTMAX, the emulator's wake signal).
 * Those travel through the host's kernel, also when the guest sends them
 * to itself (sig_post, sig_post_thread): it picks a thread that does not
 * block a process-directed one (the first thread first), keeps blocked
 * ones pending (sigpending, sigtimedwait and signalfd read them there),
 * and runs the emulator's host handler on the chosen thread, which only
 * records it for that thread's machine and sets its trap, so that a
 * spinning guest stops after its current instruction. The others are
 * kept here (Sys.pend, SigThread.pend, under Sys.siglock) and the thread
 * that must act is woken (thread_wake). Either way sig_check delivers
 * them at the end of a system call or through vm_run's on_trap hook. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "hostfault.h"
#include "log.h"
#include "machine.h"
#include "memory.h"
#include "ops-sse.h"
#include "x87.h"
#include "sys.h"
#include "vm/debug.h" /* vm_signal_pending */
#include "vm.h"       /* vm_die_of_signal */

static const char *const sig_names[] = {
    [SIGHUP] = "SIGHUP",   [SIGINT] = "SIGINT",       [SIGQUIT] = "SIGQUIT",
    [SIGILL] = "SIGILL",   [SIGTRAP] = "SIGTRAP",     [SIGABRT] = "SIGABRT",
    [SIGBUS] = "SIGBUS",   [SIGFPE] = "SIGFPE",       [SIGKILL] = "SIGKILL",
    [SIGUSR1] = "SIGUSR1", [SIGSEGV] = "SIGSEGV",     [SIGUSR2] = "SIGUSR2",
    [SIGPIPE] = "SIGPIPE", [SIGALRM] = "SIGALRM",     [SIGTERM] = "SIGTERM",
    [SIGSTKFLT] = "SIGSTKFLT", [SIGCHLD] = "SIGCHLD", [SIGCONT] = "SIGCONT",
    [SIGSTOP] = "SIGSTOP", [SIGTSTP] = "SIGTSTP",     [SIGTTIN] = "SIGTTIN",
    [SIGTTOU] = "SIGTTOU", [SIGURG] = "SIGURG",       [SIGXCPU] = "SIGXCPU",
    [SIGXFSZ] = "SIGXFSZ", [SIGVTALRM] = "SIGVTALRM", [SIGPROF] = "SIGPROF",
    [SIGWINCH] = "SIGWINCH", [SIGIO] = "SIGIO",       [SIGPWR] = "SIGPWR",
    [SIGSYS] = "SIGSYS",
};

const char *sig_name(int sig) {
  static _Thread_local char buf[16]; /* guest threads name signals too */
  if (sig > 0 && sig < (int)(sizeof(sig_names) / sizeof(sig_names[0])) &&
      sig_names[sig])
    return sig_names[sig];
  snprintf(buf, sizeof(buf), "SIG%d", sig);
  return buf;
}

/* Linux's default actions: these are ignored, or stop/continue the
 * process (which we treat as nothing happening); all others kill. */
int sig_is_fatal_default(int sig) {
  switch (sig) {
    case SIGCHLD: case SIGURG: case SIGWINCH: case SIGCONT:
    case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
      return 0;
    default:
      return sig >= 1 && sig <= SYS_NSIG;
  }
}

void sig_kill(struct Machine *m, int sig) {
  m->stop = STOP_SIGNAL;
  m->stop_signal = sig;
  m->trap = 1;
}

static int sig_for_vector(int vector) {
  switch (vector) {
    case EXC_DE: case EXC_MF: case EXC_XM: return SIGFPE;
    case EXC_UD: return SIGILL;
    case EXC_DB: case EXC_BP: return SIGTRAP;
    case EXC_AC: return SIGBUS;
    case EXC_SS: return SIGBUS; /* as Linux's do_stack_segment */
    case EXC_BUS: return SIGBUS; /* a lost file page (hostfault.h) */
    default: return SIGSEGV; /* #PF, #GP, #NP, #OF, #BR, ... */
  }
}

#define SIGBIT(s) (1ull << ((s) - 1))
#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

/* Pending bits are written under Sys.siglock and read without it for a
 * quick look (the lock is taken to take one); a mask is written by its
 * thread and read by others choosing whom to wake. */
static inline uint64_t bits_of(const struct SigPend *p) {
  return __atomic_load_n(&p->bits, __ATOMIC_ACQUIRE);
}
static inline uint64_t mask_of(const struct SigThread *st) {
  return __atomic_load_n(&st->mask, __ATOMIC_RELAXED);
}
static inline void mask_set(struct SigThread *st, uint64_t mask) {
  __atomic_store_n(&st->mask, mask, __ATOMIC_RELAXED);
}

/* Where host signals go: the guest thread this host thread runs (set by
 * sig_thread_enter, sig_host_reset and each sig_check), or, on a host
 * thread that runs none (a front end's), the process (host_machine). */
static __thread struct Machine *tls_m;
/* Only ever the first thread's machine (vm_load, execve, a fork child's
 * only one), which lives until vm_free: a cloned thread's is freed when
 * it ends. */
static struct Machine *volatile host_machine;

static void host_handler(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  if (sig < 1 || sig > SYS_NSIG) return;
  struct Machine *m = tls_m;
  /* The host's siginfo_t is Linux's own: same layout. */
  if (m && m->sys) {
    struct SigThread *st = sig_thread(m);
    memcpy(&st->host_info[sig - 1], si, sizeof(st->host_info[0]));
    __atomic_fetch_or(&st->host_pending, SIGBIT(sig), __ATOMIC_SEQ_CST);
    /* Inside a system call's handler the sig_check after it collects it
     * (in_syscall is cleared before): no trap, which would stop vm_run
     * for nothing (a raise would end every run with STOP_NONE). */
    if (!__atomic_load_n(&m->in_syscall, __ATOMIC_SEQ_CST)) m->trap = 1;
    return;
  }
  m = host_machine;
  if (!m || !m->sys) return;
  memcpy(&m->sys->host_info[sig - 1], si, sizeof(m->sys->host_info[0]));
  __atomic_fetch_or(&m->sys->host_pending, SIGBIT(sig), __ATOMIC_SEQ_CST);
  m->trap = 1;
}

void sig_wake_handler(int sig, siginfo_t *si, void *uc) {
  /* The emulator's own wake-ups: pthread_kill from this process. A guest
   * SIGRTMAX from inside never goes through the host (sig_hostable). */
  if (si->si_code == SI_TKILL && si->si_pid == getpid()) return;
  host_handler(sig, si, uc);
}

/* Signals the emulator never hands to the host's default or to a guest
 * handler through the host: faults are the emulator's own (they come from
 * the guest's instructions, through on_exception), SIGKILL/SIGSTOP
 * cannot be caught, and glibc keeps the first real-time ones. */
static int sig_followed(int sig) {
  switch (sig) {
    case SIGSEGV: case SIGBUS: case SIGFPE: case SIGILL: case SIGTRAP:
    case SIGSYS: case SIGKILL: case SIGSTOP:
      return 0;
    default:
      /* 32 and 33 are the host glibc's own (thread cancellation,
       * setxid) and SIGRTMAX the emulator's (syscall-thread.c wakes
       * threads with it); guest real-time signals between are followed. */
      return (sig >= 1 && sig < 32) || (sig >= SIGRTMIN && sig < SIGRTMAX);
  }
}

/* Front end hook: host signals a debugger keeps for itself
 * (vm_front_signal, debug.h), bit sig-1: the guest's disposition is
 * recorded but the host's handler stays the front end's. */
static uint64_t front_owned;

void vm_front_signal(struct Machine *m, int sig, int own) {
  if (sig < 1 || sig > SYS_NSIG) return;
  if (own) {
    __atomic_fetch_or(&front_owned, SIGBIT(sig), __ATOMIC_SEQ_CST);
    return;
  }
  __atomic_fetch_and(&front_owned, ~SIGBIT(sig), __ATOMIC_SEQ_CST);
  if (m) sig_host_follow(m, sig); /* the guest's disposition now */
}

/* Front end hook: stop before a fault's handler (vm_signal_stop). */
void vm_signal_stop(struct Machine *m, int sig, int stop) {
  struct Sys *s = m->sys;
  if (!s || sig < 1 || sig > SYS_NSIG) return;
  if (stop) s->dbg_sigstop |= SIGBIT(sig);
  else s->dbg_sigstop &= ~SIGBIT(sig);
}

int vm_signal_stops(struct Machine *m, int sig) {
  return m->sys && sig >= 1 && sig <= SYS_NSIG &&
         (m->sys->dbg_sigstop & SIGBIT(sig));
}

int sig_hostable(int sig) { return sig_followed(sig); }

static void install(int sig, void (*fn)(int, siginfo_t *, void *)) {
  struct sigaction h;
  memset(&h, 0, sizeof(h));
  sigfillset(&h.sa_mask);
  h.sa_sigaction = fn;
  h.sa_flags = SA_SIGINFO; /* no SA_RESTART: blocking calls see EINTR */
  sigaction(sig, &h, NULL);
}

void sig_host_follow(struct Machine *m, int sig) {
  struct Sys *s = m->sys;
  if (!s) return;
  if (sig == SIGRTMAX) {
    /* The wake signal: always the emulator's, forwarding others'. */
    install(sig, sig_wake_handler);
    return;
  }
  if (!sig_followed(sig)) return;
  if (__atomic_load_n(&front_owned, __ATOMIC_SEQ_CST) & SIGBIT(sig)) return;
  uint64_t handler = s->sigact[sig - 1].handler;
  if (handler == L_SIG_IGN) {
    signal(sig, SIG_IGN);
  } else if (handler == L_SIG_DFL) {
    /* The host's default is the guest's: death by the same signal, or
     * nothing, or a stop for job control. While a thread blocks it, the
     * host keeps it pending (host masks follow guest masks). */
    signal(sig, SIG_DFL);
  } else {
    install(sig, host_handler);
  }
}

void sig_host_catch(struct Machine *m, int sig) {
  (void)m;
  struct sigaction old;
  if (!sig_followed(sig) || sigaction(sig, NULL, &old)) return;
  if (__atomic_load_n(&front_owned, __ATOMIC_SEQ_CST) & SIGBIT(sig)) return;
  if ((old.sa_flags & SA_SIGINFO) && old.sa_sigaction == host_handler) return;
  install(sig, host_handler);
}

void sig_thread_enter(struct Machine *m) {
  if (!m) {
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, NULL);
    tls_m = NULL;
    return;
  }
  tls_m = m;
  if (m->sys) sig_thread(m)->host_tid = (int)gettid();
  if (mem_ncpus(m->mem) < 2) host_machine = m; /* a fork child's */
}

/* The mask the emulator was started with: the first program's (the
 * mask is kept across execve, so a parent's guest thread's, through
 * fork+exec), and again any later program's that vm_load starts afresh
 * (execve puts its own back: sig_exec). Read by the first vm_load,
 * before any guest thread exists. */
static int initial_known;
static uint64_t initial_mask;
static __thread int exec_loading;

void sig_exec_loading(int on) { exec_loading = on; }

void sig_host_reset(struct Machine *m) {
  /* Loaded by an execve of this thread's guest: the mask stays (exec_swap
   * and sig_exec give the new program the old one). Changing the host's
   * for a moment would let a blocked pending signal through. */
  int in_exec = exec_loading;
  host_machine = m;
  sig_thread_enter(m);
  if (!initial_known) {
    sigset_t cur;
    if (!pthread_sigmask(SIG_BLOCK, NULL, &cur))
      for (int sig = 1; sig <= SYS_NSIG; ++sig)
        if (sig_followed(sig) && sigismember(&cur, sig) == 1)
          initial_mask |= SIGBIT(sig);
    initial_known = 1;
  }
  if (initial_known > 1 && !in_exec) {
    /* Another program started afresh in this process (a debugger's
     * restart, a test's second guest): what the last one left pending
     * on the host is not for this one. */
    sigset_t set;
    sigemptyset(&set);
    for (int sig = 1; sig <= SYS_NSIG; ++sig)
      if (sig_followed(sig)) sigaddset(&set, sig);
    pthread_sigmask(SIG_BLOCK, &set, NULL);
    struct timespec zero = {0, 0};
    siginfo_t hi;
    while (syscall(SYS_rt_sigtimedwait, &set, &hi, &zero, 8) > 0) {
    }
  }
  initial_known = 2;
  if (m->sys && !in_exec) sig_set_mask(m, initial_mask);
  for (int sig = 1; sig <= SYS_NSIG; ++sig) {
    struct sigaction old;
    if (sig == SIGRTMAX) {
      sig_host_follow(m, sig);
      continue;
    }
    if (!sig_followed(sig) || sigaction(sig, NULL, &old)) continue;
    /* Only the forwarding handlers a previous guest made: a front end's
     * own handlers (SIGWINCH, SIGINT...) are not ours to change. */
    if ((old.sa_flags & SA_SIGINFO) && old.sa_sigaction == host_handler)
      sig_host_follow(m, sig);
  }
}

void sig_exec(struct Machine *m) {
  host_machine = m;
  sig_thread_enter(m);
  sig_set_mask(m, m->sys->sig0.mask); /* vm_load set the initial one */
  for (int sig = 1; sig <= SYS_NSIG; ++sig) sig_host_follow(m, sig);
}

void sig_host_mask(struct Machine *m, uint64_t mask, sigset_t *out) {
  (void)m;
  pthread_sigmask(SIG_BLOCK, NULL, out);
  for (int sig = 1; sig <= SYS_NSIG; ++sig) {
    if (!sig_followed(sig)) continue;
    if (mask & SIGBIT(sig)) sigaddset(out, sig);
    else sigdelset(out, sig);
  }
}

void sig_set_mask(struct Machine *m, uint64_t mask) {
  struct SigThread *st = sig_thread(m);
  mask_set(st, mask & ~UNBLOCKABLE);
  /* The host thread blocks what the guest thread blocks: the host's
   * kernel then keeps those pending (for this thread or the process),
   * picks a thread that does not block a process-directed one, and a
   * signalfd reads them. */
  sigset_t set;
  sig_host_mask(m, st->mask, &set);
  pthread_sigmask(SIG_SETMASK, &set, NULL);
}

int sig_mask_begin(struct Machine *m, uint64_t va, uint64_t size,
                   sigset_t *host, sigset_t **hostp) {
  *hostp = NULL;
  if (!va || !m->sys) return 0;
  uint64_t set;
  if (size != 8) return -L_EINVAL;
  if (mem_copy_in(m, &set, va, 8)) return -L_EFAULT;
  struct SigThread *st = sig_thread(m);
  /* The guest thread's mask changes now; its host thread's only for the
   * host call, which swaps it atomically (no wake-up lost). A handler
   * that ends the wait puts the old one back with its sigreturn. */
  if (!st->restore_mask) st->saved_mask = st->mask;
  st->restore_mask = 1;
  mask_set(st, set & ~UNBLOCKABLE);
  sig_host_mask(m, st->mask, host);
  *hostp = host;
  sig_collect(m);
  return ((bits_of(&st->pend) | bits_of(&m->sys->pend)) & ~st->mask) != 0;
}

void sig_mask_end(struct Machine *m, int64_t r) {
  struct SigThread *st = sig_thread(m);
  if (!m->sys || !st->restore_mask || r == -L_EINTR) return;
  /* Not interrupted: the old mask now, the signals it blocks stay
   * pending (Linux's restore_saved_sigmask_unless). */
  st->restore_mask = 0;
  mask_set(st, st->saved_mask);
}

static int pend_add(struct Sys *s, struct SigPend *p, int sig,
                    const struct linux_siginfo *info) {
  /* Standard signals do not queue: a second one while pending is lost.
   * Real-time ones queue (up to SIG_RTQ behind the first). */
  struct linux_siginfo *si;
  int queued = (p->bits & SIGBIT(sig)) != 0;
  if (!queued) si = &p->info[sig - 1];
  else if (sig >= 32 && p->rtq_n[sig - 32] < SIG_RTQ)
    si = &p->rtq[sig - 32][p->rtq_n[sig - 32]++];
  else return sig >= 32 ? -1 : 0; /* a real-time one past the queue */
  if (info) {
    *si = *info;
  } else {
    memset(si, 0, sizeof(*si));
    si->code = L_SI_USER;
    si->u.kill.pid = s->pid;
    si->u.kill.uid = (uint32_t)getuid();
  }
  si->signo = sig;
  __atomic_fetch_or(&p->bits, SIGBIT(sig), __ATOMIC_RELEASE);
  return 0;
}

struct WakeOne {
  struct Machine *caller;
  int sig, done;
};

static void wake_one(void *ctx, struct Machine *o) {
  struct WakeOne *w = ctx;
  if (w->done || o == w->caller || !o->sys) return;
  if (mask_of(sig_thread(o)) & SIGBIT(w->sig)) return;
  w->done = 1;
  thread_wake(o);
}

int64_t sig_post(struct Machine *m, int sig, const struct linux_siginfo *info) {
  struct Sys *s = m->sys;
  if (!s || sig < 1 || sig > SYS_NSIG) return 0;
  if (sig_hostable(sig)) {
    /* The host's kernel does what Linux does with it (EAGAIN past
     * RLIMIT_SIGPENDING queued real-time signals, too). */
    if (!info || (info->code == L_SI_USER && info->u.kill.pid == s->pid))
      return sys_ret(kill(getpid(), sig));
    struct linux_siginfo si = *info;
    si.signo = sig;
    return sys_ret(syscall(SYS_rt_sigqueueinfo, getpid(), sig, &si));
  }
  pthread_mutex_lock(&s->siglock);
  int full = pend_add(s, &s->pend, sig, info);
  pthread_mutex_unlock(&s->siglock);
  if (full) return -L_EAGAIN;
  /* The caller acts on it at the end of its call, unless it blocks it:
   * then one that does not (Linux tries the first thread first). */
  if (!(sig_thread(m)->mask & SIGBIT(sig)) || mem_ncpus(m->mem) < 2) return 0;
  struct WakeOne w = {m, sig, 0};
  mem_each_cpu(m->mem, wake_one, &w);
  return 0;
}

struct PostTo {
  struct Machine *caller;
  int tid, sig, found, host_tid, full;
  const struct linux_siginfo *info;
};

static void post_to(void *ctx, struct Machine *o) {
  struct PostTo *p = ctx;
  if (p->found || o->tid != p->tid || !o->sys) return;
  p->found = 1;
  p->host_tid = sig_thread(o)->host_tid;
  if (sig_hostable(p->sig) || !p->sig) return;
  pthread_mutex_lock(&o->sys->siglock);
  p->full = pend_add(o->sys, &sig_thread(o)->pend, p->sig, p->info);
  pthread_mutex_unlock(&o->sys->siglock);
  if (o != p->caller && !p->full) thread_wake(o);
}

void sig_post_async(int sig, const struct linux_siginfo *info, int tid) {
  struct Machine *m = host_machine;
  if (!m || !m->sys || sig < 1 || sig > SYS_NSIG) return;
  struct Sys *s = m->sys;
  if (tid) {
    /* To that thread, if it is still there (none is the caller). */
    struct PostTo p = {NULL, tid, sig, 0, 0, 0, info};
    mem_each_cpu(m->mem, post_to, &p);
    return;
  }
  pthread_mutex_lock(&s->siglock);
  int full = pend_add(s, &s->pend, sig, info);
  pthread_mutex_unlock(&s->siglock);
  if (full) return;
  struct WakeOne w = {NULL, sig, 0};
  mem_each_cpu(m->mem, wake_one, &w);
}

/* A wake-up that came after the target's system call looked at its
 * signals but before its blocking host call began is lost (the host call
 * then blocks): while the target sits in a call with the signal still
 * pending and not blocked, wake it again, every ms for up to 20 ms. The
 * usual case costs the sender one ms; pthread_cancel of a thread blocked
 * in a read no longer hangs in that window. */
struct Rewake {
  int tid, sig, again;
};

static void rewake_one(void *ctx, struct Machine *o) {
  struct Rewake *r = ctx;
  if (o->tid != r->tid || !o->sys) return;
  struct SigThread *st = sig_thread(o);
  if (!__atomic_load_n(&o->in_syscall, __ATOMIC_SEQ_CST) ||
      !(bits_of(&st->pend) & SIGBIT(r->sig)) || (mask_of(st) & SIGBIT(r->sig)))
    return;
  r->again = 1;
  thread_wake(o);
}

static void rewake(struct Machine *m, int tid, int sig) {
  struct Rewake r = {tid, sig, 1};
  for (int k = 0; k < 20 && r.again; ++k) {
    struct timespec ms = {0, 1000000};
    nanosleep(&ms, NULL);
    r.again = 0;
    mem_each_cpu(m->mem, rewake_one, &r);
  }
}

int64_t sig_post_thread(struct Machine *m, int tid, int sig,
                        const struct linux_siginfo *info) {
  struct Sys *s = m->sys;
  if (!s || sig < 0 || sig > SYS_NSIG) return -L_EINVAL;
  struct PostTo p = {m, tid, sig, 0, 0, 0, info};
  if (tid == m->tid) post_to(&p, m);
  else mem_each_cpu(m->mem, post_to, &p);
  if (!p.found) return -L_ESRCH;
  if (p.full) return -L_EAGAIN;
  if (sig && !sig_hostable(sig) && tid != m->tid) rewake(m, tid, sig);
  if (!sig || !sig_hostable(sig)) return 0;
  int host_tid = p.host_tid ? p.host_tid : tid;
  long r;
  if (!info || info->code == L_SI_TKILL) {
    r = syscall(SYS_tgkill, getpid(), host_tid, sig);
  } else {
    struct linux_siginfo si = *info;
    si.signo = sig;
    r = syscall(SYS_rt_tgsigqueueinfo, getpid(), host_tid, sig, &si);
  }
  return sys_ret(r);
}

/* Calls that Linux never restarts after a handler ran (signal(7)). */
static int never_restarted(long nr) {
  switch (nr) {
    case 7: case 23: case 34: case 35: case 128: case 130: case 230:
    case 232: case 270: case 271: case 281: case 441:
      return 1;
    default:
      return 0;
  }
}

void sig_collect(struct Machine *m) {
  struct Sys *s = m->sys;
  if (!s) return;
  struct SigThread *st = sig_thread(m);
  uint64_t mine = st->host_pending
                      ? __atomic_exchange_n(&st->host_pending, 0, __ATOMIC_SEQ_CST)
                      : 0;
  uint64_t proc = s->host_pending
                      ? __atomic_exchange_n(&s->host_pending, 0, __ATOMIC_SEQ_CST)
                      : 0;
  if (!mine && !proc) return;
  pthread_mutex_lock(&s->siglock);
  /* The host gave this thread these: they are its own now. */
  for (int sig = 1; sig <= SYS_NSIG; ++sig) {
    if (mine & SIGBIT(sig)) pend_add(s, &st->pend, sig, &st->host_info[sig - 1]);
    if (proc & SIGBIT(sig)) pend_add(s, &s->pend, sig, &s->host_info[sig - 1]);
  }
  pthread_mutex_unlock(&s->siglock);
}

/* Takes the first deliverable signal of ready (synchronous ones first,
 * as Linux does; the thread's own before the process's): 0 if another
 * thread took it meanwhile. */
static int sig_next(struct Machine *m, uint64_t ready,
                    struct linux_siginfo *si) {
  struct Sys *s = m->sys;
  struct SigThread *st = sig_thread(m);
  int sig = __builtin_ctzll(ready) + 1;
  static const int first[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGSYS};
  for (size_t k = 0; k < sizeof(first) / sizeof(first[0]); ++k)
    if (ready & SIGBIT(first[k])) { sig = first[k]; break; }
  int got = 0;
  pthread_mutex_lock(&s->siglock);
  if (st->pend.bits & SIGBIT(sig)) {
    sig_take(&st->pend, sig, si);
    got = sig;
  } else if (s->pend.bits & SIGBIT(sig)) {
    sig_take(&s->pend, sig, si);
    got = sig;
  }
  pthread_mutex_unlock(&s->siglock);
  return got;
}

void sig_check(struct Machine *m, long nr) {
  struct Sys *s = m->sys;
  if (!s) return;
  struct SigThread *st = sig_thread(m);
  tls_m = m;
  sig_collect(m);
  /* An interrupted call (-EINTR from the host) is restarted, rip back on
   * the syscall instruction and RAX the call number again, unless a
   * handler runs and either lacks SA_RESTART or the call is one Linux
   * never restarts. */
  int eintr = nr >= 0 && m->r[RAX] == (uint64_t)-L_EINTR;
  for (;;) {
    uint64_t ready = (bits_of(&st->pend) | bits_of(&s->pend)) & ~st->mask;
    if (!ready || m->stop != STOP_NONE) break;
    struct linux_siginfo si;
    int sig = sig_next(m, ready, &si);
    if (!sig) continue;
    const struct linux_sigaction *act = &s->sigact[sig - 1];
    if (sig == SIGKILL) {
      sig_kill(m, sig);
      break;
    }
    if (act->handler == L_SIG_IGN) continue;
    if (act->handler == L_SIG_DFL) {
      if (sig_is_fatal_default(sig)) {
        sig_kill(m, sig);
        break;
      }
      /* Job control: the emulator stops as the process would (SIGCONT
       * from the shell resumes it). */
      if (sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU)
        kill(getpid(), SIGSTOP);
      continue;
    }
    if (eintr) {
      eintr = 0;
      if ((act->flags & 0x10000000 /* SA_RESTART */) && !never_restarted(nr)) {
        m->r[RAX] = (uint64_t)nr;
        m->rip -= 2;
      }
    }
    if (sig_deliver(m, sig, &si)) break;
  }
  if (eintr && m->stop == STOP_NONE) {
    /* No handler ran: the call goes on as if not interrupted (a sleep
     * with the time it has left: syscall-time.c). */
    m->r[RAX] = (uint64_t)nr;
    m->rip -= 2;
    if (nr == 35 || nr == 230) st->sleep_restart = 1;
  }
  if (st->restore_mask) {
    /* rt_sigsuspend ended without a handler (sig_deliver clears it). */
    st->restore_mask = 0;
    sig_set_mask(m, st->saved_mask);
  }
}

int sig_on_trap(struct Machine *m, int deliver) {
  if (!m->sys || m->stop != STOP_NONE || !vm_signal_pending(m)) return 0;
  if (deliver) sig_check(m, -1);
  return 1;
}

static int sig_code_for(struct Machine *m, int sig, int vector, uint64_t err) {
  switch (sig) {
    case SIGSEGV:
      if (vector == EXC_PF) return (err & 1) ? L_SEGV_ACCERR : L_SEGV_MAPERR;
      return L_SI_KERNEL;
    case SIGFPE:
      if (vector == EXC_XM) return sse_fpe_code(m);
      if (vector == EXC_MF) return x87_fpe_code(m);
      return L_FPE_INTDIV;
    case SIGILL: return L_ILL_ILLOPN;
    case SIGTRAP: return vector == EXC_DB ? L_TRAP_TRACE : L_SI_KERNEL;
    case SIGBUS:
      if (vector == EXC_BUS) return 2; /* BUS_ADRERR */
      return vector == EXC_AC ? L_BUS_ADRALN : L_SI_KERNEL;
    default: return L_SI_KERNEL;
  }
}

/* The debugger's stop before the handler: the signal is left pending
 * in the faulting thread's set (delivered by the next run's on_trap, or
 * sig_check), unless this is the fault again after such a stop (a step,
 * which does not deliver): then it is delivered now. Returns 1 when it
 * stopped. */
static void pend_discard(struct SigPend *p, int sig);
static int dbg_stop_first(struct Machine *m, int sig,
                          const struct linux_siginfo *si) {
  struct Sys *s = m->sys;
  struct SigThread *st = sig_thread(m);
  if (!(s->dbg_sigstop & SIGBIT(sig)) || m != s->wait_m) return 0;
  if (__atomic_load_n(&st->pend.bits, __ATOMIC_ACQUIRE) & SIGBIT(sig)) {
    pthread_mutex_lock(&s->siglock);
    pend_discard(&st->pend, sig);
    pthread_mutex_unlock(&s->siglock);
    return 0;
  }
  pthread_mutex_lock(&s->siglock);
  pend_add(s, &st->pend, sig, si);
  pthread_mutex_unlock(&s->siglock);
  m->stop = STOP_SIGNAL_RECEIVED;
  m->stop_signal = sig;
  m->trap = 1;
  return 1;
}

void sig_on_exception(struct Machine *m, int vector, uint64_t err,
                      uint64_t addr) {
  int sig = sig_for_vector(vector);
  uint64_t rip = m->rip;  /* exec_fault points it at the instruction */
  m->stats.faults++; /* -Z */
  m->fault_vector = vector;
  m->fault_err = err;
  m->fault_addr = addr;
  struct Sys *s = m->sys;
  /* A handler that is neither blocked nor ignored catches it; otherwise
   * the process dies, as Linux's force_sig does. */
  struct SigThread *st = s ? sig_thread(m) : NULL;
  if (s && s->sigact[sig - 1].handler > L_SIG_IGN &&
      !(st->mask & SIGBIT(sig))) {
    struct linux_siginfo si;
    memset(&si, 0, sizeof(si));
    si.signo = sig;
    si.code = sig_code_for(m, sig, vector, err);
    if (sig == SIGSEGV || sig == SIGBUS)
      si.u.fault.addr = vector == EXC_PF || vector == EXC_BUS ? addr : 0;
    else if (sig == SIGTRAP)
      si.u.fault.addr = vector == EXC_DB ? rip : 0;
    else
      si.u.fault.addr = rip; /* SIGFPE, SIGILL: the instruction */
    if (dbg_stop_first(m, sig, &si)) return;
    st->in_fault = 1;
    if (sig_deliver(m, sig, &si)) s->fatal_fault = 1; /* it killed */
    st->in_fault = 0;
    return;
  }
  uint8_t b[15];
  size_t n = 0;
  while (n < sizeof(b) &&
         !mem_peek(m, b + n, rip + m->seg_base[SEG_CS] + n, 1))
    ++n;
  char hex[sizeof(b) * 3 + 1];
  hex[0] = 0;
  for (size_t k = 0; k < n; ++k) snprintf(hex + k * 3, 4, "%02x ", b[k]);
  if (n) hex[n * 3 - 1] = 0;
  blog("%s (exception %d, error code %#" PRIx64 ") at rip %#" PRIx64
       " fault address %#" PRIx64 " instruction [%s] rsp %#" PRIx64,
       sig_name(sig), vector, err, rip, addr, n ? hex : "unreadable",
       m->r[RSP]);
  if (s) s->fatal_fault = 1;
  sig_kill(m, sig);
}

void sig_take_host(struct Machine *m, uint64_t want) {
  struct Sys *s = m->sys;
  struct SigThread *st = sig_thread(m);
  sigset_t set;
  sigemptyset(&set);
  int any = 0;
  for (int sig = 1; sig <= SYS_NSIG; ++sig)
    if ((want & SIGBIT(sig)) && sig_followed(sig)) sigaddset(&set, sig), any = 1;
  if (!any) return;
  struct timespec zero = {0, 0};
  siginfo_t hi;
  int sig;
  /* The raw call: glibc's sigtimedwait turns SI_TKILL into SI_USER. One
   * at a time: the host may hold more queued real-time ones than our
   * queue (each caller takes the one it got before asking again). */
  if ((sig = (int)syscall(SYS_rt_sigtimedwait, &set, &hi, &zero, 8)) > 0 &&
      sig <= SYS_NSIG) {
    struct linux_siginfo li;
    memcpy(&li, &hi, sizeof(li));
    pthread_mutex_lock(&s->siglock);
    pend_add(s, &st->pend, sig, &li);
    pthread_mutex_unlock(&s->siglock);
  }
}

void sig_take(struct SigPend *p, int sig, struct linux_siginfo *out) {
  if (out) *out = p->info[sig - 1];
  if (sig >= 32 && p->rtq_n[sig - 32]) {
    int n = --p->rtq_n[sig - 32];
    p->info[sig - 1] = p->rtq[sig - 32][0];
    memmove(&p->rtq[sig - 32][0], &p->rtq[sig - 32][1],
            (size_t)n * sizeof(struct linux_siginfo));
    return;
  }
  __atomic_fetch_and(&p->bits, ~SIGBIT(sig), __ATOMIC_RELEASE);
}

static void pend_discard(struct SigPend *p, int sig) {
  __atomic_fetch_and(&p->bits, ~SIGBIT(sig), __ATOMIC_RELEASE);
  if (sig >= 32) p->rtq_n[sig - 32] = 0;
}

static void discard_in(void *ctx, struct Machine *o) {
  int sig = *(int *)ctx;
  if (!o->sys) return;
  pthread_mutex_lock(&o->sys->siglock);
  pend_discard(&sig_thread(o)->pend, sig);
  pthread_mutex_unlock(&o->sys->siglock);
}

void sig_discard(struct Machine *m, int sig) {
  struct Sys *s = m->sys;
  pthread_mutex_lock(&s->siglock);
  pend_discard(&s->pend, sig);
  pend_discard(&sig_thread(m)->pend, sig);
  pthread_mutex_unlock(&s->siglock);
  /* Other threads' own ones too (under the mem lock: they stay). */
  if (mem_ncpus(m->mem) > 1) mem_each_cpu(m->mem, discard_in, &sig);
}

int vm_signal_pending(struct Machine *m) {
  struct Sys *s = m->sys;
  if (!s) return 0;
  struct SigThread *st = sig_thread(m);
  return st->host_pending || s->host_pending ||
         ((bits_of(&st->pend) | bits_of(&s->pend)) & ~st->mask);
}

_Noreturn void vm_die_of_signal(int sig) {
  struct rlimit none = {0, 0};
  setrlimit(RLIMIT_CORE, &none);
  signal(sig, SIG_DFL);
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, sig);
  pthread_sigmask(SIG_UNBLOCK, &set, NULL);
  raise(sig);
  _exit(128 + sig);
}
