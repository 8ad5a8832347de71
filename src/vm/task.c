/* task.c: hardware task switches with 32-bit TSSs (Intel SDM vol. 3,
 * 7.3): jmp or call to a TSS descriptor or a task gate, an interrupt or
 * exception through a task gate in the IDT (how kernels run their
 * double-fault handler on a known-good stack), and iret with NT set back
 * to the previous task. The outgoing task's registers go into its TSS,
 * the incoming task's come from its own: CR3, EIP, EFLAGS, the general
 * registers, the segment selectors and LDTR. 16-bit TSSs and the I/O
 * permission and interrupt redirection parts beyond the bitmap are not
 * handled (#TS). */
#include "cpu.h"
#include "flags.h"
#include "machine.h"
#include "memory.h"

static uint32_t tss_load(struct Machine *m, uint64_t base, unsigned off) {
  m->sys_acc = true;
  uint32_t v = (uint32_t)mem_load(m, base + off, 4);
  m->sys_acc = false;
  return v;
}

static void tss_store(struct Machine *m, uint64_t base, unsigned off, uint32_t v,
                      unsigned size) {
  m->sys_acc = true;
  mem_store(m, base + off, size, v);
  m->sys_acc = false;
}

/* Set or clear the busy bit of the TSS descriptor sel names (GDT). */
static void set_busy(struct Machine *m, uint16_t sel, bool busy) {
  uint64_t at = m->gdt_base + (sel & ~7) + 5;
  m->sys_acc = true;
  uint8_t b = (uint8_t)mem_load(m, at, 1);
  mem_store(m, at, 1, busy ? b | 2 : b & ~2);
  m->sys_acc = false;
}

/* A segment register of the incoming task (its selectors are loaded
 * with the usual checks, as #TS with the selector). */
static void task_seg(struct Machine *m, int s, uint16_t sel) {
  uint64_t d;
  if (!(sel & ~3)) {
    if (s == SEG_CS || s == SEG_SS) exec_fault(m, EXC_TS, sel & ~3, 0);
    m->sreg[s] = sel;
    m->seg_attr[s] = 0;
    m->seg_base[s] = 0;
    return;
  }
  if (seg_desc(m, sel, &d)) exec_fault(m, EXC_TS, sel & ~3, 0);
  uint16_t a = desc_attr(d);
  if (!(a & ATTR_S)) exec_fault(m, EXC_TS, sel & ~3, 0);
  if (s == SEG_CS && !(a & ATTR_CODE)) exec_fault(m, EXC_TS, sel & ~3, 0);
  if (s == SEG_SS && ((a & ATTR_CODE) || !(a & ATTR_WRITABLE) ||
                      (int)ATTR_DPL(a) != m->cpl || (sel & 3) != m->cpl))
    exec_fault(m, EXC_TS, sel & ~3, 0);
  if (!(a & ATTR_P)) exec_fault(m, s == SEG_SS ? EXC_SS : EXC_NP, sel & ~3, 0);
  seg_cache(m, s, sel, d);
}

void cpu_task_switch(struct Machine *m, uint16_t sel, int why, int64_t err) {
  uint64_t d;
  if ((sel & 4) || seg_desc(m, sel, &d)) exec_fault(m, EXC_TS, sel & ~3, 0);
  uint16_t a = desc_attr(d);
  unsigned type = a & 0x1f;
  /* iret goes back to a busy task, the others to an available one. */
  if (type != (why == TASK_IRET ? 0x0b : 0x09)) {
    exec_fault(m, why == TASK_IRET ? EXC_TS : EXC_GP, sel & ~3, 0);
  }
  if (!(a & ATTR_P)) exec_fault(m, EXC_NP, sel & ~3, 0);
  if (desc_limit(d) < 0x67) exec_fault(m, EXC_TS, sel & ~3, 0);
  if (!(m->tr_attr & 0x8) || m->tr_limit < 0x67) exec_fault(m, EXC_TS, m->tr_sel & ~3, 0);
  uint64_t nbase = desc_base(d), obase = m->tr_base;
  /* The outgoing task's state. */
  uint32_t fl = (uint32_t)flags_get(m);
  if (why == TASK_IRET) fl &= ~FLAG_NT;
  tss_store(m, obase, 0x20, (uint32_t)m->rip, 4);
  tss_store(m, obase, 0x24, fl, 4);
  for (int r = 0; r < 8; ++r) tss_store(m, obase, 0x28 + r * 4, (uint32_t)m->r[r], 4);
  for (int s = 0; s < SEG_COUNT; ++s) tss_store(m, obase, 0x48 + s * 4, m->sreg[s], 2);
  if (why == TASK_JMP || why == TASK_IRET) set_busy(m, m->tr_sel, false);
  if (why == TASK_CALL || why == TASK_INT) tss_store(m, nbase, 0, m->tr_sel, 2);
  if (why != TASK_IRET) set_busy(m, sel, true);
  m->tr_sel = sel;
  m->tr_base = nbase;
  m->tr_limit = desc_limit(d);
  m->tr_attr = a | 2;
  m->cr0 |= CR0_TS;
  /* The incoming task's. */
  if (m->cr0 & CR0_PG) {
    m->cr3 = tss_load(m, nbase, 0x1c);
    cpu_flush(m);
  }
  uint32_t nfl = tss_load(m, nbase, 0x24);
  if (why == TASK_CALL || why == TASK_INT) nfl |= FLAG_NT;
  m->rip = tss_load(m, nbase, 0x20);
  for (int r = 0; r < 8; ++r) m->r[r] = tss_load(m, nbase, 0x28 + r * 4);
  flags_set(m, (nfl | 2) & ~(uint32_t)FLAG_VM);
  uint16_t sels[SEG_COUNT];
  for (int s = 0; s < SEG_COUNT; ++s) sels[s] = (uint16_t)tss_load(m, nbase, 0x48 + s * 4);
  uint16_t ldt = (uint16_t)tss_load(m, nbase, 0x60);
  /* LDTR first: the segments may live in it. */
  if (ldt & ~3) {
    if ((ldt & 4) || seg_desc(m, ldt, &d) || (desc_attr(d) & 0x1f) != 2)
      exec_fault(m, EXC_TS, ldt & ~3, 0);
    m->ldt_sel = ldt, m->ldt_base = desc_base(d), m->ldt_limit = desc_limit(d);
    m->ldt_attr = desc_attr(d);
  } else {
    m->ldt_sel = ldt;
    m->ldt_attr = 0;
  }
  int ocpl = m->cpl;
  m->cpl = sels[SEG_CS] & 3;
  if (m->cpl != ocpl) mem_tlb_flush(m);
  task_seg(m, SEG_CS, sels[SEG_CS]);
  task_seg(m, SEG_SS, sels[SEG_SS]);
  task_seg(m, SEG_DS, sels[SEG_DS]);
  task_seg(m, SEG_ES, sels[SEG_ES]);
  task_seg(m, SEG_FS, sels[SEG_FS]);
  task_seg(m, SEG_GS, sels[SEG_GS]);
  cpu_update_mode(m);
  /* An exception's error code goes on the new task's stack. */
  if (err >= 0) {
    unsigned w = (m->seg_attr[SEG_SS] & ATTR_DB) ? 4 : 2;
    uint64_t sp = (m->r[RSP] - w) & (w == 4 ? 0xffffffffull : 0xffff);
    mem_store(m, m->seg_base[SEG_SS] + sp, w, (uint64_t)err);
    m->r[RSP] = w == 4 ? sp : (m->r[RSP] & ~0xffffull) | sp;
  }
  if ((m->rflags & FLAG_IF) && m->irq_pending) m->trap = 1;
}
