/* signal.c: CPU exceptions, pending signals and their delivery in Linux
 * mode.
 *
 * A guest fault becomes the signal Linux would send: delivered to the
 * guest's handler when it has one that is not blocked (signal-frame.c
 * builds the frame), otherwise the process dies: the machine stops with
 * STOP_SIGNAL and the front end makes the host process die of the same
 * signal.
 *
 * Other signals are posted (sig_post: a bit in Sys.sigpending and its
 * siginfo) and acted on by sig_check at the next delivery point: the end
 * of a system call or, for host signals, vm_run's on_trap hook. Host
 * signals reach the guest through a host handler installed while the
 * guest has a handler for the signal (sig_host_follow): it only records
 * the signal and sets m->trap, so that a spinning guest stops after its
 * current instruction. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "machine.h"
#include "memory.h"
#include "ops-sse.h"
#include "x87.h"
#include "sys.h"
#include "vm/debug.h" /* vm_signal_pending */

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
  static char buf[16];
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
    default: return SIGSEGV; /* #PF, #GP, #NP, #OF, #BR, ... */
  }
}

#define SIGBIT(s) (1ull << ((s) - 1))

/* The machine host signals are forwarded to (one thread for now). */
static struct Machine *volatile host_machine;

static void host_handler(int sig, siginfo_t *si, void *uc) {
  (void)uc;
  struct Machine *m = host_machine;
  if (!m || !m->sys || sig < 1 || sig > SYS_NSIG) return;
  struct linux_siginfo *li = &m->sys->host_info[sig - 1];
  /* The host's siginfo_t is Linux's own: same layout. */
  memcpy(li, si, sizeof(*li));
  __atomic_fetch_or(&m->sys->host_pending, SIGBIT(sig), __ATOMIC_SEQ_CST);
  m->trap = 1;
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

void sig_host_follow(struct Machine *m, int sig) {
  struct Sys *s = m->sys;
  if (!s || !sig_followed(sig)) return;
  uint64_t handler = s->sigact[sig - 1].handler;
  struct sigaction h;
  memset(&h, 0, sizeof(h));
  sigfillset(&h.sa_mask);
  if (handler == L_SIG_IGN) {
    h.sa_handler = SIG_IGN;
  } else if (handler == L_SIG_DFL && !(s->sigmask & SIGBIT(sig))) {
    /* The host's default is the guest's: death by the same signal, or
     * nothing, or a stop for job control. */
    h.sa_handler = SIG_DFL;
  } else {
    host_machine = m;
    h.sa_sigaction = host_handler;
    h.sa_flags = SA_SIGINFO; /* no SA_RESTART: blocking calls see EINTR */
  }
  sigaction(sig, &h, NULL);
}

void sig_host_forget(struct Machine *m, struct Machine *heir) {
  struct Machine *gone = m;
  __atomic_compare_exchange_n(&host_machine, &gone, heir, 0, __ATOMIC_SEQ_CST,
                              __ATOMIC_SEQ_CST);
}

void sig_host_reset(struct Machine *m) {
  host_machine = NULL;
  for (int sig = 1; sig <= SYS_NSIG; ++sig) {
    struct sigaction old;
    if (!sig_followed(sig) || sigaction(sig, NULL, &old)) continue;
    /* Only the forwarding handlers a previous guest made: a front end's
     * own handlers (SIGWINCH, SIGINT...) are not ours to change. */
    if ((old.sa_flags & SA_SIGINFO) && old.sa_sigaction == host_handler)
      sig_host_follow(m, sig);
  }
}

void sig_set_mask(struct Machine *m, uint64_t mask) {
  struct Sys *s = m->sys;
  uint64_t was = s->sigmask;
  s->sigmask = mask & ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
  /* Only a default disposition's host side depends on the mask. */
  uint64_t changed = was ^ s->sigmask;
  for (int sig = 1; changed; ++sig) {
    if (!(changed & SIGBIT(sig))) continue;
    changed &= ~SIGBIT(sig);
    if (s->sigact[sig - 1].handler == L_SIG_DFL) sig_host_follow(m, sig);
  }
  if (s->sigfd_mask) sig_sync_host_block(m);
}

void sig_sync_host_block(struct Machine *m) {
  struct Sys *s = m->sys;
  uint64_t want = 0;
  for (int sig = 1; sig <= SYS_NSIG; ++sig)
    if ((s->sigfd_mask & s->sigmask & SIGBIT(sig)) && sig_followed(sig))
      want |= SIGBIT(sig);
  uint64_t add = want & ~s->host_blocked, drop = s->host_blocked & ~want;
  if (!add && !drop) return;
  sigset_t set;
  sigemptyset(&set);
  for (int sig = 1; sig <= SYS_NSIG; ++sig)
    if (add & SIGBIT(sig)) sigaddset(&set, sig);
  if (add) pthread_sigmask(SIG_BLOCK, &set, NULL);
  /* Signals the guest posted while they were blocked go to the host's
   * pending set, for the signalfd to read. */
  s->host_blocked = want;
  for (int sig = 1; sig <= SYS_NSIG; ++sig)
    while (add & s->sigpending & SIGBIT(sig)) {
      struct linux_siginfo si;
      sig_take(s, sig, &si);
      if (si.code == L_SI_USER) kill(getpid(), sig);
      else syscall(SYS_tgkill, getpid(), gettid(), sig);
    }
  if (!drop) return;
  /* Unblocked: what the host holds comes back to the guest's pending
   * set (no longer host_blocked, so sig_post keeps it). */
  sigemptyset(&set);
  for (int sig = 1; sig <= SYS_NSIG; ++sig)
    if (drop & SIGBIT(sig)) sigaddset(&set, sig);
  struct timespec zero = {0, 0};
  siginfo_t hi;
  int sig;
  while ((sig = sigtimedwait(&set, &hi, &zero)) > 0) {
    struct linux_siginfo li;
    memcpy(&li, &hi, sizeof(li));
    sig_post_local(m, sig, &li);
  }
  pthread_sigmask(SIG_UNBLOCK, &set, NULL);
}

void sig_post(struct Machine *m, int sig, const struct linux_siginfo *info) {
  struct Sys *s = m->sys;
  if (!s || sig < 1 || sig > SYS_NSIG) return;
  if (s->host_blocked & SIGBIT(sig)) {
    /* A signalfd may read it: it waits on the host. */
    if (!info || info->code == L_SI_USER) kill(getpid(), sig);
    else syscall(SYS_tgkill, getpid(), gettid(), sig);
    return;
  }
  sig_post_local(m, sig, info);
}

void sig_post_local(struct Machine *m, int sig,
                    const struct linux_siginfo *info) {
  struct Sys *s = m->sys;
  if (!s || sig < 1 || sig > SYS_NSIG) return;
  /* Standard signals do not queue: a second one while pending is lost.
   * Real-time ones queue (up to SIG_RTQ behind the first). */
  int queued = (s->sigpending & SIGBIT(sig)) != 0;
  if (queued && sig >= 32 && s->rtq_n[sig - 32] < SIG_RTQ) {
    struct linux_siginfo *si = &s->rtq[sig - 32][s->rtq_n[sig - 32]++];
    if (info) *si = *info;
    else {
      memset(si, 0, sizeof(*si));
      si->code = L_SI_USER;
      si->u.kill.pid = s->pid;
      si->u.kill.uid = (uint32_t)getuid();
    }
    si->signo = sig;
  }
  if (!queued) {
    struct linux_siginfo *si = &s->siginfo[sig - 1];
    if (info) {
      *si = *info;
    } else {
      memset(si, 0, sizeof(*si));
      si->code = L_SI_USER;
      si->u.kill.pid = s->pid;
      si->u.kill.uid = (uint32_t)getuid();
    }
    si->signo = sig;
    s->sigpending |= SIGBIT(sig);
  }
  /* No trap: every caller is inside a system call, whose end delivers. */
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
  uint64_t host = __atomic_exchange_n(&s->host_pending, 0, __ATOMIC_SEQ_CST);
  for (int sig = 1; host; ++sig) {
    if (!(host & SIGBIT(sig))) continue;
    host &= ~SIGBIT(sig);
    sig_post_local(m, sig, &s->host_info[sig - 1]);
  }
}

void sig_check(struct Machine *m, long nr) {
  struct Sys *s = m->sys;
  if (!s) return;
  sig_collect(m);
  /* An interrupted call (-EINTR from the host) is restarted, rip back on
   * the syscall instruction and RAX the call number again, unless a
   * handler runs and either lacks SA_RESTART or the call is one Linux
   * never restarts. */
  int eintr = nr >= 0 && m->r[RAX] == (uint64_t)-L_EINTR;
  for (;;) {
    uint64_t ready = s->sigpending & ~s->sigmask;
    if (!ready || m->stop != STOP_NONE) break;
    int sig = __builtin_ctzll(ready) + 1;
    /* Synchronous ones first, as Linux does. */
    static const int first[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGFPE, SIGSYS};
    for (size_t k = 0; k < sizeof(first) / sizeof(first[0]); ++k)
      if (ready & SIGBIT(first[k])) { sig = first[k]; break; }
    struct linux_siginfo si;
    sig_take(s, sig, &si);
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
    /* No handler ran: the call goes on as if not interrupted. */
    m->r[RAX] = (uint64_t)nr;
    m->rip -= 2;
  }
  if (s->restore_mask) {
    /* rt_sigsuspend ended without a handler (sig_deliver clears it). */
    s->restore_mask = 0;
    sig_set_mask(m, s->saved_mask);
  }
}

int sig_on_trap(struct Machine *m, int deliver) {
  struct Sys *s = m->sys;
  if (!s || m->stop != STOP_NONE) return 0;
  if (!s->host_pending && !(s->sigpending & ~s->sigmask)) return 0;
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
    case SIGBUS: return vector == EXC_AC ? L_BUS_ADRALN : L_SI_KERNEL;
    default: return L_SI_KERNEL;
  }
}

void sig_on_exception(struct Machine *m, int vector, uint64_t err,
                      uint64_t addr) {
  int sig = sig_for_vector(vector);
  uint64_t rip = m->rip;  /* exec_fault points it at the instruction */
  m->fault_vector = vector;
  m->fault_err = err;
  m->fault_addr = addr;
  struct Sys *s = m->sys;
  /* A handler that is neither blocked nor ignored catches it; otherwise
   * the process dies, as Linux's force_sig does. */
  if (s && s->sigact[sig - 1].handler > L_SIG_IGN &&
      !(s->sigmask & SIGBIT(sig))) {
    struct linux_siginfo si;
    memset(&si, 0, sizeof(si));
    si.signo = sig;
    si.code = sig_code_for(m, sig, vector, err);
    if (sig == SIGSEGV || sig == SIGBUS)
      si.u.fault.addr = vector == EXC_PF ? addr : 0;
    else if (sig == SIGTRAP)
      si.u.fault.addr = vector == EXC_DB ? rip : 0;
    else
      si.u.fault.addr = rip; /* SIGFPE, SIGILL: the instruction */
    s->in_fault = 1;
    if (sig_deliver(m, sig, &si)) s->fatal_fault = 1; /* it killed */
    s->in_fault = 0;
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
  want &= s->host_blocked;
  if (!want) return;
  sigset_t set;
  sigemptyset(&set);
  for (int sig = 1; sig <= SYS_NSIG; ++sig)
    if (want & SIGBIT(sig)) sigaddset(&set, sig);
  struct timespec zero = {0, 0};
  siginfo_t hi;
  int sig;
  while ((sig = sigtimedwait(&set, &hi, &zero)) > 0) {
    struct linux_siginfo li;
    memcpy(&li, &hi, sizeof(li));
    sig_post_local(m, sig, &li);
  }
}

void sig_take(struct Sys *s, int sig, struct linux_siginfo *out) {
  if (out) *out = s->siginfo[sig - 1];
  if (sig >= 32 && s->rtq_n[sig - 32]) {
    int n = --s->rtq_n[sig - 32];
    s->siginfo[sig - 1] = s->rtq[sig - 32][0];
    memmove(&s->rtq[sig - 32][0], &s->rtq[sig - 32][1],
            (size_t)n * sizeof(struct linux_siginfo));
    return;
  }
  s->sigpending &= ~SIGBIT(sig);
}

void sig_discard(struct Sys *s, int sig) {
  s->sigpending &= ~SIGBIT(sig);
  if (sig >= 32) s->rtq_n[sig - 32] = 0;
}

int vm_signal_pending(struct Machine *m) {
  struct Sys *s = m->sys;
  return s && (s->host_pending || (s->sigpending & ~s->sigmask));
}
