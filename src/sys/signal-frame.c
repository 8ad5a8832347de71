/* signal-frame.c: delivering signals to guest handlers, and rt_sigreturn.
 *
 * The frame is Linux's x86-64 rt_sigframe, built on the guest stack below
 * the red zone (or at the top of the sigaltstack for SA_ONSTACK):
 *
 *   rsp ->  pretcode (sa_restorer: the handler's return address)
 *           struct ucontext  (uc_flags, uc_link, uc_stack, sigcontext, mask)
 *           struct siginfo   (128 bytes)
 *           ...
 *           fpstate: the 512-byte FXSAVE image, 64-byte aligned, above
 *
 * and the handler is entered with rdi = sig, rsi = &info, rdx = &uc,
 * rax = 0, rsp + 8 16-byte aligned (as after a call), DF and TF clear.
 * rt_sigreturn finds the frame at rsp - 8 (the handler's ret popped
 * pretcode) and restores everything from it, so a handler may edit the
 * ucontext (e.g. skip the faulting instruction).
 *
 * Where signals are delivered:
 *  - at the end of every system call (syscall_dispatch calls sig_check):
 *    signals the guest sent itself, signals unblocked by sigprocmask or
 *    sigreturn, host signals that interrupted a blocking call (-EINTR
 *    becomes a restart under SA_RESTART);
 *  - from a CPU exception (sig_on_exception): synchronous, with si_addr;
 *  - asynchronous host signals (SIGALRM, SIGINT, ... for which the guest
 *    has a handler): the host handler records the signal and sets
 *    m->trap, the dispatch loop stops after the current instruction and
 *    vm_run calls m->on_trap (sig_on_trap) before running on.
 *
 * All frame writes go through mem_copy_out, so that the history and the
 * watchpoints see them. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>

#include "flags.h"
#include "hostfault.h"
#include "log.h"
#include "machine.h"
#include "memory.h"
#include "ops-sse.h"
#include "sys.h"
#include "x87.h"

#define SIGBIT(s) (1ull << ((s) - 1))

/* struct sigcontext (kernel, x86-64): gregs in this order. */
enum {
  SC_R8, SC_R9, SC_R10, SC_R11, SC_R12, SC_R13, SC_R14, SC_R15, SC_RDI,
  SC_RSI, SC_RBP, SC_RBX, SC_RDX, SC_RAX, SC_RCX, SC_RSP, SC_RIP, SC_EFL,
  SC_CSGSFS, SC_ERR, SC_TRAPNO, SC_OLDMASK, SC_CR2, SC_FPSTATE, SC_NGREG
};
static const int sc_reg[16] = {
    [RAX] = SC_RAX, [RCX] = SC_RCX, [RDX] = SC_RDX, [RBX] = SC_RBX,
    [RSP] = SC_RSP, [RBP] = SC_RBP, [RSI] = SC_RSI, [RDI] = SC_RDI,
    [R8] = SC_R8,   [R9] = SC_R9,   [R10] = SC_R10, [R11] = SC_R11,
    [R12] = SC_R12, [R13] = SC_R13, [R14] = SC_R14, [R15] = SC_R15,
};

struct linux_ucontext {
  uint64_t uc_flags;
  uint64_t uc_link;
  struct linux_stack uc_stack;
  uint64_t gregs[SC_NGREG];
  uint64_t reserved1[8];
  uint64_t uc_sigmask;
};
_Static_assert(sizeof(struct linux_ucontext) == 304, "ucontext");

struct linux_rt_sigframe {
  uint64_t pretcode;
  struct linux_ucontext uc;
  struct linux_siginfo info;
};
_Static_assert(sizeof(struct linux_rt_sigframe) == 440, "rt_sigframe");

#define L_UC_SIGCONTEXT_SS 2
#define L_UC_STRICT_RESTORE_SS 4
#define L_SA_ONSTACK 0x08000000
#define L_SA_RESTART 0x10000000
#define L_SA_NODEFER 0x40000000
#define L_SA_RESETHAND 0x80000000u
#define L_SA_SIGINFO 4

/* The RFLAGS bits a user may change through sigreturn (Linux FIX_EFLAGS). */
#define FIX_EFLAGS                                                        \
  (FLAG_AC | FLAG_OF | FLAG_DF | FLAG_TF | FLAG_SF | FLAG_ZF | FLAG_AF | \
   FLAG_PF | FLAG_CF | FLAG_RF)

static int on_altstack(const struct SigThread *s, uint64_t sp) {
  return s->altstack.ss_size && !(s->altstack.ss_flags & L_SS_DISABLE) &&
         sp - s->altstack.ss_sp <= s->altstack.ss_size;
}

int sig_on_altstack(struct Machine *m) {
  return m->sys && on_altstack(sig_thread(m), m->r[RSP]);
}

int sig_deliver(struct Machine *m, int sig, const struct linux_siginfo *si) {
  struct SigThread *s = sig_thread(m);
  struct linux_sigaction *act = &m->sys->sigact[sig - 1];
  uint64_t handler = act->handler, flags = act->flags;
  uint64_t sp = m->r[RSP];
  m->stats.signals++; /* -Z: handlers entered */
  int was_on = on_altstack(s, sp);
  if ((flags & L_SA_ONSTACK) && !was_on && s->altstack.ss_size &&
      !(s->altstack.ss_flags & L_SS_DISABLE)) {
    sp = s->altstack.ss_sp + s->altstack.ss_size;
  } else {
    sp -= 128; /* the red zone */
  }
  uint64_t fpva = (sp - 512) & ~63ull;
  uint64_t fva = ((fpva - sizeof(struct linux_rt_sigframe)) & ~15ull) - 8;

  struct linux_rt_sigframe f;
  memset(&f, 0, sizeof(f));
  f.pretcode = act->restorer;
  f.uc.uc_flags = L_UC_SIGCONTEXT_SS | L_UC_STRICT_RESTORE_SS;
  f.uc.uc_stack = s->altstack;
  f.uc.uc_stack.ss_flags = !s->altstack.ss_size ? L_SS_DISABLE
                           : was_on             ? L_SS_ONSTACK
                                                : s->altstack.ss_flags;
  for (int k = 0; k < 16; ++k) f.uc.gregs[sc_reg[k]] = m->r[k];
  f.uc.gregs[SC_RIP] = m->rip;
  f.uc.gregs[SC_EFL] = flags_get(m);
  f.uc.gregs[SC_CSGSFS] = (uint64_t)m->sreg[SEG_CS] |
                          (uint64_t)m->sreg[SEG_GS] << 16 |
                          (uint64_t)m->sreg[SEG_FS] << 32 |
                          (uint64_t)m->sreg[SEG_SS] << 48;
  if (s->in_fault) { /* from the CPU (sig_on_exception) */
    /* A lost file page (hostfault.h EXC_BUS) was a #PF to Linux too. */
    int bus = m->fault_vector == EXC_BUS;
    f.uc.gregs[SC_TRAPNO] = bus ? EXC_PF : (uint64_t)m->fault_vector;
    f.uc.gregs[SC_ERR] = m->fault_err;
    f.uc.gregs[SC_CR2] =
        m->fault_vector == EXC_PF || bus ? m->fault_addr : 0;
  }
  /* The mask sigreturn puts back: rt_sigsuspend's caller's, if ending
   * one, else the current one. */
  uint64_t back = s->restore_mask ? s->saved_mask : s->mask;
  f.uc.gregs[SC_OLDMASK] = back;
  f.uc.gregs[SC_FPSTATE] = fpva;
  f.uc.uc_sigmask = back;
  f.info = *si;

  uint8_t fx[512];
  memset(fx, 0, sizeof(fx));
  sse_fxsave(m, fx, 16);
  if (!(flags & L_SA_RESTORER) || !handler ||
      mem_copy_out(m, fpva, fx, sizeof(fx)) ||
      mem_copy_out(m, fva, &f, sizeof(f))) {
    blog("cannot deliver %s: %s at rsp %#llx; killed by SIGSEGV",
         sig_name(sig),
         !(flags & L_SA_RESTORER) ? "no SA_RESTORER" : "frame not writable",
         (unsigned long long)fva);
    sig_kill(m, SIGSEGV);
    return -1;
  }

  s->restore_mask = 0;
  s->sleep_restart = 0;
  /* The handler runs with its mask and the signal itself blocked. */
  sig_set_mask(m, s->mask | act->mask |
                     (flags & L_SA_NODEFER ? 0 : SIGBIT(sig)));
  if (flags & L_SA_RESETHAND) {
    act->handler = L_SIG_DFL;
    act->flags &= ~(uint64_t)L_SA_SIGINFO;
  }

  m->r[RDI] = (uint64_t)sig;
  m->r[RSI] = fva + offsetof(struct linux_rt_sigframe, info);
  m->r[RDX] = fva + offsetof(struct linux_rt_sigframe, uc);
  m->r[RAX] = 0;
  m->r[RSP] = fva;
  m->rip = handler;
  flags_set(m, flags_get(m) & ~(uint64_t)(FLAG_DF | FLAG_TF | FLAG_RF | FLAG_AC));
  /* Linux resets the x87 and SSE state for the handler (fpu__clear). */
  x87_reset(m);
  m->mxcsr = 0x1f80;
  return 0;
}

int64_t sys_rt_sigreturn(struct Machine *m, uint64_t a[6]) {
  (void)a;
  struct Sys *s = m->sys;
  uint64_t fva = m->r[RSP] - 8;
  struct linux_rt_sigframe f;
  if (!s || mem_copy_in(m, &f, fva, sizeof(f))) {
    blog("rt_sigreturn: bad frame at %#llx; killed by SIGSEGV",
         (unsigned long long)fva);
    sig_kill(m, SIGSEGV);
    return SYS_RET_KEEP;
  }
  if (f.uc.gregs[SC_FPSTATE]) {
    uint8_t fx[512];
    if (mem_copy_in(m, fx, f.uc.gregs[SC_FPSTATE], sizeof(fx)) ||
        sse_fxrstor(m, fx, 16)) {
      blog("rt_sigreturn: bad fpstate; killed by SIGSEGV");
      sig_kill(m, SIGSEGV);
      return SYS_RET_KEEP;
    }
  } else {
    x87_reset(m);
    m->mxcsr = 0x1f80;
  }
  for (int k = 0; k < 16; ++k) m->r[k] = f.uc.gregs[sc_reg[k]];
  m->rip = f.uc.gregs[SC_RIP];
  flags_set(m, (flags_get(m) & ~(uint64_t)FIX_EFLAGS) |
                   (f.uc.gregs[SC_EFL] & FIX_EFLAGS));
  sig_set_mask(m, f.uc.uc_sigmask);
  /* TF back on: the dispatch loop must hand over to the single-stepping
   * one (exec.c run_stepping), as after popf. */
  if (m->rflags & FLAG_TF) m->trap = 1;
  /* The mask changed: what it unblocked is delivered by sig_check at the
   * end of this call. */
  return SYS_RET_KEEP;
}
