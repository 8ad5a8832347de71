/* debug.c: the debugger's view of a machine (debug.h). */
#include "vm/debug.h"

#include <string.h>

#include "vm/bare.h"
#include "vm/cpu.h"
#include "vm/flags.h"
#include "vm/machine.h"
#include "vm/memory.h"
#include "vm/x87.h"

/* (int) casts: the two sides are different anonymous enums. */
#define SAME(a, b) ((int)(a) == (int)(b))
_Static_assert(SAME(VM_STOP_NONE, STOP_NONE) && SAME(VM_STOP_EXIT, STOP_EXIT) &&
                   SAME(VM_STOP_SIGNAL, STOP_SIGNAL) &&
                   SAME(VM_STOP_HALT, STOP_HALT) &&
                   SAME(VM_STOP_BREAK, STOP_BREAK) &&
                   SAME(VM_STOP_INTERRUPT, STOP_INTERRUPT) &&
                   SAME(VM_STOP_WATCH, STOP_WATCH) &&
                   SAME(VM_STOP_SIGNAL_RECEIVED, STOP_SIGNAL_RECEIVED) &&
                   SAME(VM_STOP_TRIPLE, STOP_TRIPLE),
               "debug.h's stop reasons must match machine.h's");
_Static_assert(SAME(VM_MODE_REAL, MODE_REAL) && SAME(VM_MODE_PROT32, MODE_PROT32) &&
                   SAME(VM_MODE_LONG, MODE_LONG),
               "debug.h's modes must match machine.h's");
_Static_assert(SAME(VM_RSP, RSP) && SAME(VM_R15, R15), "register numbering");
_Static_assert(VM_FLAG_CF == FLAG_CF && VM_FLAG_OF == FLAG_OF &&
                   VM_FLAG_DF == FLAG_DF,
               "flag bits");

void vm_regs(struct Machine *m, struct VmRegs *out) {
  memcpy(out->r, m->r, sizeof(out->r));
  out->rip = m->rip;
  out->rflags = flags_get(m);
  for (int i = 0; i < 6; ++i) out->sreg[i] = m->sreg[i];
  out->fs_base = seg_base_of(m, SEG_FS);
  out->gs_base = seg_base_of(m, SEG_GS);
  out->mode = m->mode;
  for (int i = 0; i < 6; ++i) out->seg_base[i] = seg_base_of(m, i);
  out->pc = m->seg_base[SEG_CS] + m->rip;
  out->cr0 = m->cr0;
  out->cr2 = m->cr2;
  out->cr3 = m->cr3;
  out->cr4 = m->cr4;
  out->efer = m->efer;
  out->cpl = m->bare ? m->cpl : 3;
  out->bits = vm_code_bits(m);
  out->mode_name = vm_mode_name(m);
  out->bare = m->bare;
  out->halted = m->halted;
}

uint64_t vm_pc(struct Machine *m) { return m->seg_base[SEG_CS] + m->rip; }

int vm_step_took_irq(struct Machine *m) { return m->bare && m->step_irq; }

int vm_set_reg(struct Machine *m, int index, uint64_t value) {
  if (index >= 0 && index < 16)
    m->r[index] = value;
  else if (index == 16)
    m->rip = value;
  else if (index == 17)
    flags_set(m, value);
  else
    return -1;
  return 0;
}

size_t vm_peek(struct Machine *m, uint64_t va, void *dst, size_t n) {
  size_t done = 0;
  while (done < n) {
    uint64_t a = va + done;
    if (a < va) break; /* wrapped */
    size_t chunk = PAGE_SIZE - (a & PAGE_MASK);
    if (chunk > n - done) chunk = n - done;
    /* mem_peek checks read permission page by page and never faults,
     * which is what a debugger peeking around needs; watchpoints do
     * not see it. */
    if (mem_peek(m, (uint8_t *)dst + done, a, chunk)) break;
    done += chunk;
  }
  return done;
}

_Static_assert(VM_PROT_READ == MPROT_READ && VM_PROT_WRITE == MPROT_WRITE &&
                   VM_PROT_EXEC == MPROT_EXEC,
               "protection bits");

void vm_each_map(struct Machine *m,
                 void (*fn)(void *ctx, uint64_t va, uint64_t len, int prot),
                 void *ctx) {
  mem_each_region(m, fn, ctx);
}

int vm_mapped(struct Machine *m, uint64_t va) { return mem_prot(m, va) >= 0; }

uint64_t vm_icount(struct Machine *m) { return m->icount; }

/* Only trap: writing m->stop from a signal handler could overwrite a
 * STOP_EXIT that the interrupted instruction had just set. */
void vm_interrupt(struct Machine *m) {
  m->intr = 1; /* for history_run's replay */
  /* Replaying, a trap could stop a rep string instruction at another
   * iteration than the recording did: end the run by its limit. */
  if (m->in_replay) m->run_limit = 0;
  else m->trap = 1;
}

void vm_fpu(struct Machine *m, struct VmFpu *out) {
  out->cw = m->fpu_cw;
  out->sw = x87_sw(m);
  out->tw = m->fpu_tw;
  out->top = m->fpu_top & 7;
  for (unsigned i = 0; i < 8; ++i) {
    memcpy(out->st[i], x87_st(m, i), 10);
    out->st_empty[i] = x87_empty(m, i);
  }
  out->mxcsr = m->mxcsr;
  for (int i = 0; i < 16; ++i) memcpy(out->xmm[i], m->xmm[i].b, 16);
}

void vm_host_fp_used(void) { x87_host_dirty(); }
