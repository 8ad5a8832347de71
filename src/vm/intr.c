/* intr.c: interrupt and exception delivery and iret in a bare machine:
 * the IVT in real mode, 8-byte interrupt and trap gates in protected
 * mode (with the TSS's stack for a more privileged handler), 16-byte
 * gates in long mode (IST, RSP0-2), following the Intel SDM vol. 3,
 * chapter 6 ("Interrupt and exception handling"). Task gates are not
 * emulated: a vector that names one is #GP. */
#include <string.h>

#include "cpu.h"
#include "flags.h"
#include "machine.h"
#include "memory.h"
#include "operand.h"

void stack_set_flags(struct Machine *m, uint64_t v, unsigned osz); /* ops-stack.c */

/* Descriptor-table and TSS accesses are the CPU's own (supervisor). */
static uint64_t sys_load(struct Machine *m, uint64_t va, unsigned size) {
  m->sys_acc = true;
  uint64_t v = mem_load(m, va, size);
  m->sys_acc = false;
  return v;
}

/* A stack being written for an interrupt frame: SS base, pointer, width. */
struct Frame {
  uint64_t base, sp;
  unsigned w;
};

static void frame_push(struct Machine *m, struct Frame *f, unsigned size,
                       uint64_t v) {
  f->sp = trunc_sz(f->sp - size, f->w);
  mem_store(m, f->base + f->sp, size, v);
}

/* Real mode: a vector whose 4-byte entry lies past the IDTR limit is #GP
 * (SDM vol. 3, 20.1.4), which with the same limit becomes #DF and then
 * a triple fault: how boot code forces a reset (lidt with limit 0). */
static void real_interrupt(struct Machine *m, int vector) {
  if (m->bare && (unsigned)vector * 4 + 3 > m->idt_limit) exec_fault(m, EXC_GP, 0, 0);
  uint32_t v = (uint32_t)mem_load(m, m->idt_base + vector * 4u, 4);
  uint64_t fl = flags_get(m);
  struct Frame f = {m->seg_base[SEG_SS], m->r[RSP], 2};
  frame_push(m, &f, 2, fl);
  frame_push(m, &f, 2, m->sreg[SEG_CS]);
  frame_push(m, &f, 2, m->rip);
  m->r[RSP] = (m->r[RSP] & ~0xffffull) | f.sp;
  flags_set(m, fl & ~(uint64_t)(FLAG_IF | FLAG_TF | FLAG_AC | FLAG_RF));
  seg_load_real(m, SEG_CS, (uint16_t)(v >> 16));
  m->rip = v & 0xffff;
}

/* The error code of a fault about an IDT entry: index, IDT bit, EXT. */
static uint64_t idt_err(int vector, int kind) {
  return (uint64_t)vector * 8 + 2 + (kind == INTR_SOFT ? 0 : 1);
}

/* The handler's code segment, checked (#GP/#NP with its selector). */
static uint64_t handler_cs(struct Machine *m, uint16_t sel, int ext) {
  uint64_t d;
  if (!(sel & ~3)) exec_fault(m, EXC_GP, ext, 0);
  m->sys_acc = true;
  int rc = seg_desc(m, sel, &d);
  m->sys_acc = false;
  uint16_t a = desc_attr(d);
  if (rc || !(a & ATTR_S) || !(a & ATTR_CODE) || ATTR_DPL(a) > m->cpl)
    exec_fault(m, EXC_GP, (sel & ~3) + ext, 0);
  if (!(a & ATTR_P)) exec_fault(m, EXC_NP, (sel & ~3) + ext, 0);
  return d;
}

/* The inner stack for privilege level dpl from the TSS (32 or 16-bit
 * TSS in protected mode), checked as the CPU does (#TS). */
static void tss_stack(struct Machine *m, int dpl, uint16_t *ss, uint64_t *sp) {
  bool tss32 = (m->tr_attr & 0x8) != 0;
  unsigned at = tss32 ? 4 + dpl * 8 : 2 + dpl * 4;
  if (at + (tss32 ? 5 : 3) > m->tr_limit) exec_fault(m, EXC_TS, m->tr_sel & ~3, 0);
  *sp = sys_load(m, m->tr_base + at, tss32 ? 4 : 2);
  *ss = (uint16_t)sys_load(m, m->tr_base + at + (tss32 ? 4 : 2), 2);
}

/* Load SS from sel for privilege level cpl (an inner stack). */
static void load_inner_ss(struct Machine *m, uint16_t sel, int cpl) {
  uint64_t d;
  m->sys_acc = true;
  int rc = (sel & ~3) ? seg_desc(m, sel, &d) : -1;
  m->sys_acc = false;
  uint16_t a = rc ? 0 : desc_attr(d);
  if (rc || (sel & 3) != cpl || ATTR_DPL(a) != cpl || !(a & ATTR_S) ||
      (a & ATTR_CODE) || !(a & ATTR_WRITABLE))
    exec_fault(m, EXC_TS, sel & ~3, 0);
  if (!(a & ATTR_P)) exec_fault(m, EXC_SS, sel & ~3, 0);
  seg_cache(m, SEG_SS, sel, d);
}

static void prot_interrupt(struct Machine *m, int vector, int kind, int64_t err) {
  int ext = kind == INTR_SOFT ? 0 : 1;
  if ((unsigned)vector * 8 + 7 > m->idt_limit)
    exec_fault(m, EXC_GP, idt_err(vector, kind), 0);
  uint64_t g = sys_load(m, m->idt_base + vector * 8u, 8);
  unsigned type = (g >> 40) & 0x1f, gdpl = (g >> 45) & 3;
  if (type != 0x05 && type != 0x06 && type != 0x07 && type != 0x0e && type != 0x0f)
    exec_fault(m, EXC_GP, idt_err(vector, kind), 0);
  if (kind == INTR_SOFT && gdpl < (unsigned)m->cpl)
    exec_fault(m, EXC_GP, idt_err(vector, kind), 0);
  if (!(g & (1ull << 47))) exec_fault(m, EXC_NP, idt_err(vector, kind), 0);
  uint16_t sel = (uint16_t)(g >> 16);
  if (type == 0x05) { /* a task gate (task.c) */
    cpu_task_switch(m, sel, TASK_INT, err);
    return;
  }
  bool g32 = (type & 8) != 0;
  uint64_t off = (g & 0xffff) | (g32 ? (g >> 32) & 0xffff0000 : 0);
  uint64_t cd = handler_cs(m, sel, ext);
  uint16_t ca = desc_attr(cd);
  if (off > desc_limit(cd)) exec_fault(m, EXC_GP, ext, 0);
  int ncpl = (ca & ATTR_CONFORMING) ? m->cpl : (int)ATTR_DPL(ca);
  unsigned w = g32 ? 4 : 2;
  uint64_t fl = flags_get(m);
  uint16_t oss = m->sreg[SEG_SS], ocs = m->sreg[SEG_CS];
  uint64_t osp = m->r[RSP], oip = m->rip;
  struct Frame f;
  if (ncpl < m->cpl) {
    uint16_t nss;
    uint64_t nsp;
    tss_stack(m, ncpl, &nss, &nsp);
    load_inner_ss(m, nss, ncpl);
    m->cpl = ncpl;
    mem_tlb_flush(m); /* user/supervisor pages differ now */
    f.base = m->seg_base[SEG_SS];
    f.w = (m->seg_attr[SEG_SS] & ATTR_DB) ? 4 : 2;
    f.sp = trunc_sz(nsp, f.w);
    m->sys_acc = ncpl < 3;
    frame_push(m, &f, w, oss);
    frame_push(m, &f, w, osp);
  } else {
    f.base = m->seg_base[SEG_SS];
    f.w = (m->seg_attr[SEG_SS] & ATTR_DB) ? 4 : 2;
    f.sp = trunc_sz(osp, f.w);
    m->sys_acc = m->cpl < 3;
  }
  frame_push(m, &f, w, fl);
  frame_push(m, &f, w, ocs);
  frame_push(m, &f, w, oip);
  if (err >= 0) frame_push(m, &f, w, (uint64_t)err);
  m->sys_acc = false;
  m->r[RSP] = f.w == 4 ? f.sp : (m->r[RSP] & ~0xffffull) | f.sp;
  seg_cache(m, SEG_CS, (uint16_t)((sel & ~3) | ncpl), cd);
  fl &= ~(uint64_t)(FLAG_TF | FLAG_NT | FLAG_RF | FLAG_VM);
  if (!(type & 1)) fl &= ~(uint64_t)FLAG_IF; /* interrupt gate */
  flags_set(m, fl);
  m->rip = off;
  cpu_update_mode(m);
}

static void long_interrupt(struct Machine *m, int vector, int kind, int64_t err) {
  int ext = kind == INTR_SOFT ? 0 : 1;
  if ((unsigned)vector * 16 + 15 > m->idt_limit)
    exec_fault(m, EXC_GP, idt_err(vector, kind), 0);
  uint64_t lo = sys_load(m, m->idt_base + vector * 16u, 8);
  uint64_t hi = sys_load(m, m->idt_base + vector * 16u + 8, 8);
  unsigned type = (lo >> 40) & 0x1f, gdpl = (lo >> 45) & 3;
  if (type != 0x0e && type != 0x0f)
    exec_fault(m, EXC_GP, idt_err(vector, kind), 0);
  if (kind == INTR_SOFT && gdpl < (unsigned)m->cpl)
    exec_fault(m, EXC_GP, idt_err(vector, kind), 0);
  if (!(lo & (1ull << 47))) exec_fault(m, EXC_NP, idt_err(vector, kind), 0);
  uint16_t sel = (uint16_t)(lo >> 16);
  uint64_t off = (lo & 0xffff) | ((lo >> 32) & 0xffff0000) | (hi << 32);
  unsigned ist = (lo >> 32) & 7;
  uint64_t cd = handler_cs(m, sel, ext);
  uint16_t ca = desc_attr(cd);
  if (!(ca & ATTR_L) || (ca & ATTR_DB)) exec_fault(m, EXC_GP, (sel & ~3) + ext, 0);
  int ncpl = (ca & ATTR_CONFORMING) ? m->cpl : (int)ATTR_DPL(ca);
  uint64_t fl = flags_get(m);
  uint16_t oss = m->sreg[SEG_SS], ocs = m->sreg[SEG_CS];
  uint64_t osp = m->r[RSP], oip = m->rip, sp;
  if (ist) {
    sp = sys_load(m, m->tr_base + 0x24 + (ist - 1) * 8, 8);
  } else if (ncpl < m->cpl) {
    sp = sys_load(m, m->tr_base + 4 + ncpl * 8, 8);
  } else {
    sp = osp;
  }
  /* A 64-bit frame is 16-byte aligned; the stack pointer in the old
   * mode may have been 16 or 32-bit wide. */
  if (m->mode != MODE_LONG && !ist && ncpl == m->cpl) sp = trunc_sz(sp, 4);
  sp &= ~15ull;
  int ocpl = m->cpl;
  if (ncpl != ocpl) {
    m->cpl = ncpl;
    mem_tlb_flush(m);
  }
  struct Frame f = {0, sp, 8};
  m->sys_acc = ncpl < 3;
  frame_push(m, &f, 8, oss);
  frame_push(m, &f, 8, osp);
  frame_push(m, &f, 8, fl);
  frame_push(m, &f, 8, ocs);
  frame_push(m, &f, 8, oip);
  if (err >= 0) frame_push(m, &f, 8, (uint64_t)err);
  m->sys_acc = false;
  if (ncpl != ocpl) {
    /* A null SS with the new privilege level as RPL. */
    m->sreg[SEG_SS] = (uint16_t)ncpl;
    m->seg_base[SEG_SS] = 0;
    m->seg_attr[SEG_SS] = ATTR_P | ATTR_S | 0x3 | ATTR_DB;
  }
  m->r[RSP] = f.sp;
  seg_cache(m, SEG_CS, (uint16_t)((sel & ~3) | ncpl), cd);
  fl &= ~(uint64_t)(FLAG_TF | FLAG_NT | FLAG_RF | FLAG_VM);
  if (!(type & 1)) fl &= ~(uint64_t)FLAG_IF;
  flags_set(m, fl);
  m->rip = off;
  cpu_update_mode(m);
}

void cpu_interrupt(struct Machine *m, int vector, int kind, int64_t err) {
  if (!(m->cr0 & CR0_PE) || !m->bare) {
    real_interrupt(m, vector);
  } else if (m->efer & EFER_LMA) {
    long_interrupt(m, vector, kind, err);
  } else {
    prot_interrupt(m, vector, kind, err);
  }
  m->halted = false;
}

/* Data segment registers a return to an outer level may not keep (SDM
 * "IRET"/"RET": DPL below the new CPL and not conforming code). */
static void null_inner_segments(struct Machine *m) {
  static const int segs[] = {SEG_ES, SEG_DS, SEG_FS, SEG_GS};
  for (int k = 0; k < 4; ++k) {
    int s = segs[k];
    uint16_t a = m->seg_attr[s];
    bool conf_code = (a & ATTR_CODE) && (a & ATTR_CONFORMING);
    if ((m->sreg[s] & ~3) && (a & ATTR_S) && !conf_code &&
        (int)ATTR_DPL(a) < m->cpl) {
      m->sreg[s] = 0;
      m->seg_attr[s] = 0;
      m->seg_base[s] = 0;
    }
  }
}

/* The code segment an iret or far ret returns to, checked. */
uint64_t cpu_return_cs(struct Machine *m, uint16_t sel);
uint64_t cpu_return_cs(struct Machine *m, uint16_t sel) {
  uint64_t d;
  if (!(sel & ~3)) exec_fault(m, EXC_GP, 0, 0);
  m->sys_acc = true;
  int rc = seg_desc(m, sel, &d);
  m->sys_acc = false;
  uint16_t a = desc_attr(d);
  int rpl = sel & 3;
  if (rc || !(a & ATTR_S) || !(a & ATTR_CODE) || rpl < m->cpl)
    exec_fault(m, EXC_GP, sel & ~3, 0);
  if ((a & ATTR_CONFORMING) ? (int)ATTR_DPL(a) > rpl : (int)ATTR_DPL(a) != rpl)
    exec_fault(m, EXC_GP, sel & ~3, 0);
  if (!(a & ATTR_P)) exec_fault(m, EXC_NP, sel & ~3, 0);
  return d;
}

/* Loads SS for a return to level rpl (outer), checked. */
void cpu_return_ss(struct Machine *m, uint16_t sel, int rpl);
void cpu_return_ss(struct Machine *m, uint16_t sel, int rpl) {
  uint64_t d;
  if (!(sel & ~3)) {
    /* Long mode allows a null SS below CPL 3 in 64-bit code. */
    if ((m->efer & EFER_LMA) && rpl < 3 && (sel & 3) == rpl) {
      m->sreg[SEG_SS] = sel;
      m->seg_base[SEG_SS] = 0;
      m->seg_attr[SEG_SS] = ATTR_P | ATTR_S | 0x3 | ATTR_DB;
      return;
    }
    exec_fault(m, EXC_GP, 0, 0);
  }
  m->sys_acc = true;
  int rc = seg_desc(m, sel, &d);
  m->sys_acc = false;
  uint16_t a = desc_attr(d);
  if (rc || (sel & 3) != rpl || (int)ATTR_DPL(a) != rpl || !(a & ATTR_S) ||
      (a & ATTR_CODE) || !(a & ATTR_WRITABLE))
    exec_fault(m, EXC_GP, sel & ~3, 0);
  if (!(a & ATTR_P)) exec_fault(m, EXC_SS, sel & ~3, 0);
  seg_cache(m, SEG_SS, sel, d);
}

/* iret in protected, compatibility and 64-bit mode (real mode stays in
 * ops-misc.c). Returns to the same or an outer level; a nested task
 * (NT) return is not emulated (#GP). */
void cpu_iret(struct Machine *m, unsigned osz) {
  if (m->rflags & FLAG_NT) {
    /* Back to the task that called or was interrupted (its TSS selector
     * is the back link at offset 0 of ours); not in long mode. */
    if (m->efer & EFER_LMA) exec_fault(m, EXC_GP, 0, 0);
    m->sys_acc = true;
    uint16_t link = (uint16_t)mem_load(m, m->tr_base, 2);
    m->sys_acc = false;
    cpu_task_switch(m, link, TASK_IRET, -1);
    return;
  }
  bool l64 = m->mode == MODE_LONG;
  unsigned w = l64 ? 8 : (m->seg_attr[SEG_SS] & ATTR_DB) ? 4 : 2;
  uint64_t base = l64 ? 0 : m->seg_base[SEG_SS];
  uint64_t sp = trunc_sz(m->r[RSP], w);
  uint64_t ip = mem_load(m, base + sp, osz);
  uint16_t cs = (uint16_t)mem_load(m, base + trunc_sz(sp + osz, w), osz);
  uint64_t fl = mem_load(m, base + trunc_sz(sp + 2 * osz, w), osz);
  sp = trunc_sz(sp + 3 * osz, w);
  uint64_t cd = cpu_return_cs(m, cs);
  cpu_ip_check(m, cd, (desc_attr(cd) & ATTR_L) && (m->efer & EFER_LMA)
                          ? ip : trunc_sz(ip, osz == 2 ? 2 : 4));
  int rpl = cs & 3;
  uint64_t nsp = 0;
  uint16_t nss = 0;
  bool outer = rpl > m->cpl || l64;
  if (outer) {
    nsp = mem_load(m, base + sp, osz);
    nss = (uint16_t)mem_load(m, base + trunc_sz(sp + osz, w), osz);
  }
  int ocpl = m->cpl;
  /* Flags as the old CPL may change them: IOPL at 0, IF at <= IOPL. */
  uint64_t mask = FLAGS_ARITH | FLAG_TF | FLAG_DF | FLAG_NT | FLAG_AC | FLAG_ID | FLAG_RF;
  if (ocpl == 0) mask |= FLAG_IOPL | FLAG_VIF | FLAG_VIP;
  if ((unsigned)ocpl <= ((m->rflags & FLAG_IOPL) >> 12)) mask |= FLAG_IF;
  if (osz == 2) mask &= 0xffff;
  uint64_t f = (flags_get(m) & ~mask) | (fl & mask);
  f = (f | 2) & ~(uint64_t)(FLAG_RF | 0x8028 | 0xffffffffffc00000ull);
  if (outer) {
    if (rpl != ocpl) {
      m->cpl = rpl;
      mem_tlb_flush(m);
    }
    cpu_return_ss(m, nss, rpl);
    m->r[RSP] = (m->seg_attr[SEG_SS] & ATTR_DB) || l64 ? (osz == 2 ? (m->r[RSP] & ~0xffffull) | (nsp & 0xffff) : nsp)
                                                       : (m->r[RSP] & ~0xffffull) | (nsp & 0xffff);
    if (rpl > ocpl) null_inner_segments(m);
  } else if (w == 2) {
    m->r[RSP] = (m->r[RSP] & ~0xffffull) | sp;
  } else {
    m->r[RSP] = sp;
  }
  seg_cache(m, SEG_CS, cs, cd);
  flags_set(m, f);
  if (f & FLAG_TF) m->trap = 1;
  m->rip = (desc_attr(cd) & ATTR_L) && (m->efer & EFER_LMA) ? ip : trunc_sz(ip, 4);
  if (osz == 2) m->rip &= 0xffff;
  cpu_update_mode(m);
  if ((f & FLAG_IF) && m->irq_pending) m->trap = 1;
}
