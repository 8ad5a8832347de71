/* exec.c: the dispatch loop.
 *
 * Fetch a decoded record from the icache, point m->rip past it, call its
 * handler. Everything that must interrupt the loop (exit, a fatal signal,
 * a breakpoint, a request from the debugger) sets m->trap, the one flag
 * the hot path tests. Faults inside a handler longjmp back here. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "bare.h"
#include "disasm.h"
#include "history.h"
#include "hostfault.h"
#include "icache.h"
#include "log.h"
#include "machine.h"
#include "memory.h"
#include "vm.h"

/* The decoded record at CS:RIP. user: the machine is not bare (vm_run's
 * loop for a Linux process), so the page check needs no test for a bare
 * machine's linear-to-physical translation. */
static inline __attribute__((always_inline)) const struct Insn *fetch_(
    struct Machine *m, int user) {
  uint64_t lin = m->rip + m->seg_base[SEG_CS];
  struct CodePage *cp = m->cp;
  if (__builtin_expect(!cp || cp->vpn != lin >> 12, 0)) {
    struct CodePage **slot = &m->ctlb[(lin >> 12) & 15];
    cp = *slot;
    if (!cp || cp->vpn != lin >> 12) {
      size_t avail;
      /* checks the page is executable */
      if (user) mem_fetch_user(m, lin, &avail);
      else mem_fetch(m, lin, &avail);
      mem_lock(m->mem);
      cp = icache_page(mem_icache(m->mem), lin >> 12);
      mem_unlock(m->mem);
      if (!cp) {
        blog("out of memory for the instruction cache");
        exec_fault(m, EXC_GP, 0, 0);
      }
      *slot = cp;
    }
    m->cp = cp;
  }
  /* Acquire: another guest thread may have just decoded the record and
   * grown the array (icache_decode publishes the slot last). Plain
   * loads on x86; they only keep the compiler from reordering. And a
   * seqlock on gen against icache.c reset(), which clears the slots
   * and replaces the array while we read them (an old slot with the new
   * array was a host SIGSEGV): odd or changed, the locked path. */
  uint32_t g = __atomic_load_n(&cp->gen, __ATOMIC_ACQUIRE);
  unsigned s = __atomic_load_n(&cp->slot[lin & 4095], __ATOMIC_ACQUIRE);
  if (__builtin_expect(s != 0, 1)) {
    const struct Insn *i = &__atomic_load_n(&cp->insns, __ATOMIC_ACQUIRE)[s - 1];
    __atomic_thread_fence(__ATOMIC_ACQUIRE);
    if (__builtin_expect(
            !(g & 1) && __atomic_load_n(&cp->gen, __ATOMIC_RELAXED) == g, 1))
      return i;
  }
  return icache_decode(m, cp, lin);
}

/* Out of line, as the one fetch was before: what is inlined into the
 * dispatch loop changes its register allocation. */
static const struct Insn *__attribute__((noinline)) fetch_user(struct Machine *m) {
  return fetch_(m, 1);
}

static const struct Insn *__attribute__((noinline)) fetch(struct Machine *m) {
  return fetch_(m, 0);
}

int stack_noncanonical_vector(struct Machine *m, uint64_t addr); /* ops-stack.c */

_Noreturn void exec_fault(struct Machine *m, int vector, uint64_t err,
                          uint64_t addr) {
  /* A non-canonical address is #SS or #GP, not #PF. */
  if (vector == EXC_PF && m->mode == MODE_LONG && addr >= (1ull << 47) &&
      addr < 0xffff800000000000ull) {
    vector = stack_noncanonical_vector(m, addr);
    err = 0;
    addr = 0;
  }
  /* Faults restart the instruction; traps (int3, into) report the
   * address after it, as the CPU does. */
  if (vector != EXC_BP && vector != EXC_OF) m->rip = m->ip;
  m->fault_vector = vector;
  m->fault_err = err;
  m->fault_addr = addr;
  if (m->on_exception) {
    m->on_exception(m, vector, err, addr);
  } else {
    m->stop = STOP_SIGNAL;
    m->stop_signal = 0;
    m->trap = 1;
  }
  if (m->hist) history_event(m, 0);
  longjmp(m->onfault, 1);
}

_Noreturn void exec_ud(struct Machine *m) {
  uint8_t b[15];
  char hex[15 * 3 + 1] = "";
  size_t n = 0;
  while (n < sizeof(b) && !mem_peek(m, b + n, m->ip + m->seg_base[SEG_CS] + n, 1)) ++n;
  char text[128] = "";
  /* The log names the instruction, so a user can tell an AVX program on a
   * VM without AVX from a jump into data. */
  if (n) {
    struct DisOptions o = {.syntax = DIS_ATT, .mode = m->mode};
    int len = dis_insn(text, sizeof(text), b, n, m->ip, &o);
    if (len > 0 && (size_t)len < n) n = (size_t)len;
  }
  for (size_t k = 0; k < n; ++k) snprintf(hex + k * 3, 4, "%02x ", b[k]);
  blog("undefined or unimplemented instruction at %#" PRIx64 ": %s(%s)", m->ip,
       hex, text);
  exec_fault(m, EXC_UD, 0, m->ip);
}

_Noreturn void exec_gp(struct Machine *m) {
  exec_fault(m, EXC_GP, 0, 0);
}

/* The loop proper, kept out of vm_run so that no setjmp forces m into a
 * stack slot that every iteration would reload.
 *
 * Code follows Insn.next (fall-through) or Insn.alt (the last other
 * successor) from one record to the next, which skips the page check and
 * the slot lookup: the link is loaded from the
 * record already in hand, in parallel with the handler. A link is trusted
 * only while the page is still the current one (m->cp, which a TLB flush
 * clears) and its generation is unchanged (a store into decoded code or a
 * move of the record array bumps it), so self-modifying code and unmaps
 * still reach the slow path. */
static void __attribute__((noinline, aligned(64))) run_loop(struct Machine *m) {
#define EXEC_LOOP_WHILE !m->trap
#define EXEC_LOOP_USER 1
#include "exec-loop.h"
#undef EXEC_LOOP_USER
#undef EXEC_LOOP_WHILE
}

/* The same loop, also ending when icount reaches m->run_limit: for the
 * history's replay (exec_run_until). */
static void __attribute__((noinline)) run_loop_limited(struct Machine *m) {
#define EXEC_LOOP_WHILE !m->trap && m->icount < m->run_limit
#define EXEC_LOOP_USER 0
#include "exec-loop.h"
#undef EXEC_LOOP_USER
#undef EXEC_LOOP_WHILE
}

/* RFLAGS.TF: one instruction at a time, each followed by a #DB trap
 * (Linux: SIGTRAP), as long as TF is set when an instruction begins. The
 * handlers that set TF (popf, iret) end run_loop so that we get here. */
static void run_stepping(struct Machine *m) {
  while (!m->trap && (m->rflags & FLAG_TF)) {
    const struct Insn *i;
    m->ip = m->rip;
    i = fetch(m);
    m->rip += i->len;
    /* A repeated string instruction traps after each iteration, RIP
     * still on it: with trap set it yields after one (ops-string.c). */
    int str = i->rep && i->map == MAP_1BYTE &&
              ((i->op >= 0xa4 && i->op <= 0xa7) ||
               (i->op >= 0xaa && i->op <= 0xaf) ||
               (i->op >= 0x6c && i->op <= 0x6f));
    if (str) m->trap = 1;
    i->fn(m, i);
    if (str && m->stop == STOP_NONE) m->trap = 0;
    m->icount++;
    /* A breakpoint stopped before the instruction: no #DB for it. */
    if (m->stop == STOP_BREAK) return;
    m->ip = m->rip;
    exec_fault(m, EXC_DB, 0, 0);
  }
}

/* What every vm_run/vm_step does first: a debugger resumes from the
 * breakpoint it stopped at (breakpoint.c), and a watchpoint's hit is
 * about the last call only. */
static void start(struct Machine *m) {
  m->trap = 0;
  /* The signal a debugger stop named goes on to its handler: not a
   * death (vm_stop_signal 0 again). */
  if (__builtin_expect(m->stop == STOP_SIGNAL_RECEIVED, 0)) m->stop_signal = 0;
  m->stop = STOP_NONE;
  /* Another guest thread changed the mappings or ended the process
   * (memory.c shootdown, syscall-thread.c): read after trap's reset, so
   * a request that set trap meanwhile is seen now or by the loop. */
  if (__builtin_expect(__atomic_load_n(&m->tlb_stale, __ATOMIC_SEQ_CST), 0)) {
    m->tlb_stale = 0;
    mem_tlb_sync(m); /* empty, and let host ranges unmapped so far go */
  }
  /* Host faults on guest pages become the guest's (hostfault.c). */
  hostfault_enter(m);
  if (__builtin_expect(__atomic_exchange_n(&m->icache_sync, 0,
                                           __ATOMIC_SEQ_CST), 0))
    icache_sync_ack(mem_icache(m->mem));
  if (__builtin_expect(m->group_exit, 0)) {
    m->stop = STOP_EXIT;
    m->trap = 1;
  }
  m->resume_ip = m->rip;
  m->resume_icount = m->icount;
  m->whit.valid = 0;
}

/* A bare machine's run (the PC): the limited loop, ending after
 * Machine.slice instructions so that the PC services its devices, and
 * the instruction boundaries where external interrupts are taken. The
 * loop leaves on trap: sti or popf with a request pending, a device
 * raising one during an out, hlt, a stop. The slice's end is kept in
 * run_limit across the longjmp of a fault (the history never runs on a
 * bare machine). */
static void run_bare(struct Machine *m) {
  for (;;) {
    if (m->stop != STOP_NONE) return;
    m->trap = 0;
    if (m->icount >= m->run_limit) return;
    if (m->irq_pending && vm_irq_deliver(m)) continue;
    if (m->halted) {
      m->stop = STOP_HALT;
      m->trap = 1;
      return;
    }
    if (__builtin_expect(m->rflags & FLAG_TF, 0)) {
      run_stepping(m);
      continue;
    }
    uint64_t end = m->run_limit;
    /* An interrupt held off by the shadow of sti / mov ss: one
     * instruction, then look again. */
    if (m->irq_pending && (m->rflags & FLAG_IF) && m->icount == m->shadow)
      m->run_limit = m->icount + 1;
    run_loop_limited(m);
    m->run_limit = end;
    /* vm_interrupt: the front end wants the run back (blinkenlights -r
     * reads keys and redraws between runs; its slice is 0). */
    if (m->intr) return;
  }
}

int vm_run(struct Machine *m) {
  start(m);
  if (m->bare) {
    m->run_limit = m->slice ? m->icount + m->slice : ~0ull;
    m->intr = 0; /* a vm_interrupt from before this run is spent */
    /* (the PC's hook services devices; nonzero: stop at once) */
    volatile int now = m->on_trap && m->on_trap(m, 0);
    if (setjmp(m->onfault)) {
      mem_fault_release(m->mem);
      m->sys_acc = false;
    }
    if (!now) run_bare(m);
    hostfault_leave();
    if (m->on_trap && m->stop == STOP_NONE) m->on_trap(m, 1);
    return m->stop;
  }
  /* Asynchronous signals (on_trap) are delivered when the loop has
   * stopped, so that the history's checkpoint at a vm_run return sees
   * the handler's frame. One already waiting (it came between runs, and
   * start() cleared its trap) makes this run stop at once to deliver it. */
  if (m->on_trap && !m->in_replay && m->on_trap(m, 0)) m->trap = 1;
  if (setjmp(m->onfault)) {
    /* A fault unwound an instruction; on_exception decided what next.
     * A fault inside a split lock's load and store (memory.h
     * mem_rmw_begin) left the address space's lock held: vm_run is never
     * called with it held, so every hold here is the instruction's. */
    mem_fault_release(m->mem);
  }
  if (__builtin_expect(m->rflags & FLAG_TF, 0)) run_stepping(m);
  run_loop(m);
  hostfault_leave();
  if (m->on_trap && !m->in_replay && m->stop == STOP_NONE) m->on_trap(m, 1);
  return m->stop;
}

int exec_run_until(struct Machine *m, uint64_t limit) {
  start(m);
  m->run_limit = limit;
  /* vm_interrupt sets intr before run_limit: one that came before the
   * store above is seen here. */
  if (m->in_replay && m->intr) m->run_limit = 0;
  if (setjmp(m->onfault)) {
    /* A fault unwound an instruction; on_exception decided what next. */
    mem_fault_release(m->mem);
  }
  if (!(m->rflags & FLAG_TF)) run_loop_limited(m);
  hostfault_leave();
  return m->stop;
}

/* One instruction; with rec, its first data read and write are kept
 * for vm_last_access: the TLB is emptied first and no tags are filled
 * while rec_access is set, so every access takes the slow path, which
 * records it (memory.c). */
int exec_step(struct Machine *m, int rec) {
  start(m);
  if (rec) {
    /* Emptied once for a run of steps: while recording, translate()
     * fills no tags. The code TLB (m->cp, ctlb) is not concerned. */
    if (!m->tlb_bare) {
      for (int k = 0; k < TLB_SIZE; ++k) m->tlb[k].rtag = m->tlb[k].wtag = ~0ull;
      m->tlb_bare = true;
    }
    m->rec_access = true;
    m->acc_rlen = m->acc_wlen = 0;
    m->acc_raddr = m->acc_waddr = 0;
  }
  if (setjmp(m->onfault)) {
    mem_fault_release(m->mem);
    m->sys_acc = false;
    hostfault_leave();
    m->rec_access = false;
    return m->stop;
  }
  /* A bare machine: an interrupt due now is this step; a halted one
   * stays halted. */
  if (m->bare) {
    m->step_irq = false;
    if (vm_irq_deliver(m)) {
      m->step_irq = true; /* for the debugger: vm_step_took_irq */
      hostfault_leave();
      m->rec_access = false;
      return m->stop;
    }
    if (m->halted) {
      m->stop = STOP_HALT;
      hostfault_leave();
      m->rec_access = false;
      return m->stop;
    }
  }
  const struct Insn *i;
  m->ip = m->rip;
  i = fetch(m);
  m->rip += i->len;
  i->fn(m, i);
  m->icount++;
  hostfault_leave();
  m->rec_access = false;
  return m->stop;
}

int vm_step(struct Machine *m) {
  int s = exec_step(m, 1);
  /* A signal that came meanwhile gets its handler frame, as after
   * vm_run; trap says so to history_step (a checkpoint after it). */
  if (s == STOP_NONE && m->on_trap && !m->in_replay && m->on_trap(m, 1))
    m->trap = 1;
  return m->stop;
}
