/* seg.c: segment registers of a bare machine: real-mode loads, and in
 * protected mode the descriptor tables (GDT/LDT), the checks of the
 * Intel SDM vol. 3 chapter 5 ("Protection") on loads of data and stack
 * segments, far jumps and calls (to code segments and through call
 * gates) and far returns, each failure a #GP/#SS/#NP with the selector
 * as the error code.
 *
 * Limits are loaded and kept (the debugger shows them) and checked on
 * the tables themselves; the data accesses of instructions are not
 * limit-checked, so that the interpreter's hot path stays as it is (see
 * man/blink.1, THE PC). */
#include "cpu.h"
#include "machine.h"
#include "memory.h"
#include "operand.h"

uint64_t cpu_return_cs(struct Machine *m, uint16_t sel); /* intr.c */
void cpu_return_ss(struct Machine *m, uint16_t sel, int rpl);

void seg_load_real(struct Machine *m, int s, uint16_t sel) {
  m->sreg[s] = sel;
  m->seg_base[s] = (uint64_t)sel << 4; /* (never tagged in real mode) */
  /* The hidden limit and rights stay what they were (that is what makes
   * "unreal mode" work), but code loaded into CS in real mode is 16-bit:
   * a 32-bit CS left by protected mode ends at the first far jump. */
  if (s == SEG_CS) {
    m->cp = NULL;
    if (m->bare && (m->seg_attr[SEG_CS] & (ATTR_DB | ATTR_L))) {
      m->seg_attr[SEG_CS] &= ~(ATTR_DB | ATTR_L);
      cpu_update_mode(m);
    }
  }
}

int seg_desc(struct Machine *m, uint16_t sel, uint64_t *d) {
  uint64_t base, limit;
  if (sel & 4) {
    if (!(m->ldt_sel & ~3) || !(m->ldt_attr & ATTR_P)) return -1;
    base = m->ldt_base;
    limit = m->ldt_limit;
  } else {
    base = m->gdt_base;
    limit = m->gdt_limit;
  }
  if ((uint64_t)(sel & ~7) + 7 > limit) return -1;
  bool was = m->sys_acc;
  m->sys_acc = true;
  *d = mem_load(m, base + (sel & ~7), 8);
  m->sys_acc = was;
  return 0;
}

/* Set the accessed bit of a code/data descriptor, as the CPU does on a
 * load (a kernel may look). */
static void seg_touch(struct Machine *m, uint16_t sel, uint64_t *d) {
  if (*d & (1ull << 40)) return;
  *d |= 1ull << 40;
  uint64_t base = (sel & 4) ? m->ldt_base : m->gdt_base;
  bool was = m->sys_acc;
  m->sys_acc = true;
  mem_store(m, base + (sel & ~7) + 5, 1, (uint8_t)(*d >> 40));
  m->sys_acc = was;
}

/* Whether accesses through data segment s need checks: protected mode
 * (16/32-bit code, not virtual-8086) and anything but a present,
 * writable, expand-up data segment of 4 GiB. */
static bool seg_checked(struct Machine *m, int s) {
  if (!m->bare || !(m->cr0 & CR0_PE) || m->mode == MODE_LONG || s == SEG_CS ||
      (m->rflags & FLAG_VM))
    return false;
  uint16_t a = m->seg_attr[s];
  if (!(a & ATTR_P) || !(a & ATTR_S) || (a & ATTR_CODE)) return true;
  if ((a & ATTR_EXPDOWN) || !(a & ATTR_WRITABLE)) return true;
  return m->seg_limit[s] != 0xffffffff;
}

void seg_sync(struct Machine *m, int s) {
  uint64_t base = seg_base_of(m, s);
  if (seg_checked(m, s)) {
    m->seg_real[s] = base;
    m->seg_base[s] = SEG_TAG(s);
  } else {
    m->seg_base[s] = base;
  }
}

uint64_t seg_linear(struct Machine *m, uint64_t va, uint64_t size, int acc) {
  int s = (int)((va >> 40) & 7) - 1;
  uint64_t off = va & SEG_TAG_OFF;
  int vec = s == SEG_SS ? EXC_SS : EXC_GP;
  if (s < 0 || s >= SEG_COUNT) exec_fault(m, EXC_GP, 0, 0);
  uint16_t a = m->seg_attr[s];
  uint64_t last = off + (size ? size - 1 : 0);
  /* A null or unusable selector, a write to code or read-only data, a
   * read of execute-only code. */
  if (!(a & ATTR_P) || !(a & ATTR_S)) exec_fault(m, vec, 0, 0);
  if (acc == 1 && ((a & ATTR_CODE) || !(a & ATTR_WRITABLE))) exec_fault(m, vec, 0, 0);
  if (acc == 0 && (a & ATTR_CODE) && !(a & ATTR_READABLE)) exec_fault(m, vec, 0, 0);
  if (!(a & ATTR_CODE) && (a & ATTR_EXPDOWN)) {
    uint64_t top = (a & ATTR_DB) ? 0xffffffff : 0xffff;
    if (off <= m->seg_limit[s] || last > top) exec_fault(m, vec, 0, 0);
  } else if (last > m->seg_limit[s]) {
    exec_fault(m, vec, 0, 0);
  }
  return (m->seg_real[s] + off) & 0xffffffff;
}

void seg_cache(struct Machine *m, int s, uint16_t sel, uint64_t d) {
  m->sreg[s] = sel;
  m->seg_attr[s] = desc_attr(d);
  m->seg_limit[s] = desc_limit(d);
  uint64_t base = desc_base(d);
  /* 64-bit mode ignores the bases of CS, DS, ES, SS (for CS: whether
   * the new code segment is a 64-bit one). */
  if ((m->efer & EFER_LMA) && s != SEG_FS && s != SEG_GS &&
      (s == SEG_CS ? (d & (1ull << 53)) != 0 : m->mode == MODE_LONG))
    base = 0;
  m->seg_base[s] = base;
  if (s == SEG_CS) m->cp = NULL;
  else seg_sync(m, s);
}

void seg_load_data(struct Machine *m, int s, uint16_t sel) {
  uint64_t d;
  if (!(sel & ~3)) {
    /* A null selector: fine for DS, ES, FS, GS (using it faults on a
     * CPU; here accesses go to base 0); SS only in 64-bit mode below
     * CPL 3 with RPL = CPL. */
    if (s == SEG_SS && !(m->mode == MODE_LONG && m->cpl < 3 && (sel & 3) == m->cpl))
      exec_fault(m, EXC_GP, 0, 0);
    m->sreg[s] = sel;
    if (m->mode != MODE_LONG || s != SEG_SS) m->seg_attr[s] = 0;
    if (s != SEG_FS && s != SEG_GS) m->seg_base[s] = 0;
    else if (m->mode != MODE_LONG) m->seg_base[s] = 0;
    else m->seg_base[s] = seg_base_of(m, s);
    seg_sync(m, s);
    return;
  }
  if (seg_desc(m, sel, &d)) exec_fault(m, EXC_GP, sel & ~3, 0);
  uint16_t a = desc_attr(d);
  int rpl = sel & 3, dpl = (int)ATTR_DPL(a);
  if (!(a & ATTR_S)) exec_fault(m, EXC_GP, sel & ~3, 0);
  if (s == SEG_SS) {
    if (rpl != m->cpl || dpl != m->cpl || (a & ATTR_CODE) || !(a & ATTR_WRITABLE))
      exec_fault(m, EXC_GP, sel & ~3, 0);
    if (!(a & ATTR_P)) exec_fault(m, EXC_SS, sel & ~3, 0);
  } else {
    if ((a & ATTR_CODE) && !(a & ATTR_READABLE)) exec_fault(m, EXC_GP, sel & ~3, 0);
    if (!((a & ATTR_CODE) && (a & ATTR_CONFORMING)) && (rpl > dpl || m->cpl > dpl))
      exec_fault(m, EXC_GP, sel & ~3, 0);
    if (!(a & ATTR_P)) exec_fault(m, EXC_NP, sel & ~3, 0);
  }
  seg_touch(m, sel, &d);
  seg_cache(m, s, sel, d);
  if (s == SEG_SS) cpu_update_mode(m);
}

void cpu_ip_check(struct Machine *m, uint64_t desc, uint64_t ip) {
  if ((m->efer & EFER_LMA) && (desc & (1ull << 53))) return;
  if (ip > desc_limit(desc)) exec_fault(m, EXC_GP, 0, 0);
}

/* A code segment as the target of a far jmp/call at the same level. */
static uint64_t code_target(struct Machine *m, uint16_t sel, uint64_t d) {
  uint16_t a = desc_attr(d);
  int rpl = sel & 3, dpl = (int)ATTR_DPL(a);
  if (a & ATTR_CONFORMING) {
    if (dpl > m->cpl) exec_fault(m, EXC_GP, sel & ~3, 0);
  } else if (rpl > m->cpl || dpl != m->cpl) {
    exec_fault(m, EXC_GP, sel & ~3, 0);
  }
  if (!(a & ATTR_P)) exec_fault(m, EXC_NP, sel & ~3, 0);
  return d;
}

/* Push onto the current stack for a far call (operand size osz). */
static void push_cs_ip(struct Machine *m, unsigned osz) {
  unsigned w = stack_width(m);
  uint64_t sp = trunc_sz(m->r[RSP], w);
  sp = trunc_sz(sp - osz, w);
  mem_store(m, sp + m->seg_base[SEG_SS], osz, m->sreg[SEG_CS]);
  sp = trunc_sz(sp - osz, w);
  mem_store(m, sp + m->seg_base[SEG_SS], osz, m->rip);
  m->r[RSP] = w == 8 ? sp : (m->r[RSP] & ~((1ull << (w * 8)) - 1)) | sp;
}

/* Through a call gate (SDM 5.8.4-5.8.6): to the same level, or for a
 * call to a more privileged non-conforming segment on the TSS's stack
 * with the gate's parameter count copied over. */
static void call_gate(struct Machine *m, uint16_t gsel, uint64_t g, bool call) {
  unsigned type = (g >> 40) & 0x1f, gdpl = (g >> 45) & 3;
  if ((int)gdpl < m->cpl || (int)gdpl < (gsel & 3)) exec_fault(m, EXC_GP, gsel & ~3, 0);
  if (!(g & (1ull << 47))) exec_fault(m, EXC_NP, gsel & ~3, 0);
  bool g32 = type == 0x0c;
  uint16_t sel = (uint16_t)(g >> 16);
  uint64_t off = (g & 0xffff) | (g32 ? (g >> 32) & 0xffff0000 : 0);
  unsigned nparm = (g >> 32) & 31;
  uint64_t d;
  if (!(sel & ~3)) exec_fault(m, EXC_GP, 0, 0);
  if (seg_desc(m, sel, &d)) exec_fault(m, EXC_GP, sel & ~3, 0);
  uint16_t a = desc_attr(d);
  int dpl = (int)ATTR_DPL(a);
  if (!(a & ATTR_S) || !(a & ATTR_CODE) || dpl > m->cpl)
    exec_fault(m, EXC_GP, sel & ~3, 0);
  if (!(a & ATTR_P)) exec_fault(m, EXC_NP, sel & ~3, 0);
  cpu_ip_check(m, d, off);
  unsigned w = g32 ? 4 : 2;
  if (call && !(a & ATTR_CONFORMING) && dpl < m->cpl) {
    bool tss32 = (m->tr_attr & 0x8) != 0;
    unsigned at = tss32 ? 4 + dpl * 8 : 2 + dpl * 4;
    m->sys_acc = true;
    uint64_t nsp = mem_load(m, m->tr_base + at, tss32 ? 4 : 2);
    uint16_t nss = (uint16_t)mem_load(m, m->tr_base + at + (tss32 ? 4 : 2), 2);
    m->sys_acc = false;
    uint16_t oss = m->sreg[SEG_SS];
    uint64_t osp = m->r[RSP], obase = m->seg_base[SEG_SS];
    unsigned ow = stack_width(m);
    uint64_t parm[31];
    for (unsigned k = 0; k < nparm; ++k)
      parm[k] = mem_load(m, obase + trunc_sz(osp + k * w, ow), w);
    uint16_t ocs = m->sreg[SEG_CS];
    uint64_t oip = m->rip;
    m->cpl = dpl;
    mem_tlb_flush(m);
    cpu_return_ss(m, nss, dpl);
    cpu_update_mode(m);
    unsigned sw = (m->seg_attr[SEG_SS] & ATTR_DB) ? 4 : 2;
    uint64_t sp = trunc_sz(nsp, sw), base = m->seg_base[SEG_SS];
#define PUSH(v) (sp = trunc_sz(sp - w, sw), mem_store(m, base + sp, w, (v)))
    m->sys_acc = dpl < 3;
    PUSH(oss);
    PUSH(trunc_sz(osp, ow));
    for (unsigned k = nparm; k-- > 0;) PUSH(parm[k]);
    PUSH(ocs);
    PUSH(oip);
    m->sys_acc = false;
#undef PUSH
    m->r[RSP] = sw == 4 ? sp : (m->r[RSP] & ~0xffffull) | sp;
    seg_cache(m, SEG_CS, (uint16_t)((sel & ~3) | dpl), d);
    m->rip = off;
    cpu_update_mode(m);
    return;
  }
  if (!(a & ATTR_CONFORMING) && dpl != m->cpl) exec_fault(m, EXC_GP, sel & ~3, 0);
  if (call) push_cs_ip(m, w);
  seg_cache(m, SEG_CS, (uint16_t)((sel & ~3) | m->cpl), d);
  m->rip = off;
  cpu_update_mode(m);
}

void seg_far_transfer(struct Machine *m, uint16_t sel, uint64_t off,
                      unsigned osz, bool call) {
  uint64_t d;
  if (!(sel & ~3)) exec_fault(m, EXC_GP, 0, 0);
  if (seg_desc(m, sel, &d)) exec_fault(m, EXC_GP, sel & ~3, 0);
  uint16_t a = desc_attr(d);
  if (a & ATTR_S) {
    if (!(a & ATTR_CODE)) exec_fault(m, EXC_GP, sel & ~3, 0);
    code_target(m, sel, d);
    cpu_ip_check(m, d, (m->efer & EFER_LMA) && (a & ATTR_L) ? off : trunc_sz(off, osz == 8 ? 4 : osz));
    seg_touch(m, sel, &d);
    if (call) push_cs_ip(m, osz);
    seg_cache(m, SEG_CS, (uint16_t)((sel & ~3) | m->cpl), d);
    m->rip = (m->efer & EFER_LMA) && (a & ATTR_L) ? off : trunc_sz(off, osz == 8 ? 4 : osz);
    cpu_update_mode(m);
    return;
  }
  unsigned type = a & 0x0f;
  if (type == 0x04 || type == 0x0c) {
    call_gate(m, sel, d, call);
    return;
  }
  /* A task: an available 32-bit TSS or a task gate, at a DPL the CPL
   * and RPL may use. */
  if ((type == 0x09 || type == 0x05) && !(m->efer & EFER_LMA)) {
    if ((int)ATTR_DPL(a) < m->cpl || (int)ATTR_DPL(a) < (sel & 3))
      exec_fault(m, EXC_GP, sel & ~3, 0);
    if (!(a & ATTR_P)) exec_fault(m, EXC_NP, sel & ~3, 0);
    uint16_t tss = type == 0x05 ? (uint16_t)(d >> 16) : sel;
    cpu_task_switch(m, tss, call ? TASK_CALL : TASK_JMP, -1);
    return;
  }
  exec_fault(m, EXC_GP, sel & ~3, 0);
}

void seg_far_return(struct Machine *m, unsigned osz, unsigned n) {
  unsigned w = stack_width(m);
  uint64_t base = m->seg_base[SEG_SS];
  uint64_t sp = trunc_sz(m->r[RSP], w);
  uint64_t ip = mem_load(m, base + sp, osz);
  uint16_t cs = (uint16_t)mem_load(m, base + trunc_sz(sp + osz, w), osz);
  sp = trunc_sz(sp + 2 * osz + n, w);
  uint64_t d = cpu_return_cs(m, cs);
  cpu_ip_check(m, d, (m->efer & EFER_LMA) && (desc_attr(d) & ATTR_L) ? ip : trunc_sz(ip, osz == 8 ? 4 : osz));
  int rpl = cs & 3;
  if (rpl > m->cpl) {
    uint64_t nsp = mem_load(m, base + sp, osz);
    uint16_t nss = (uint16_t)mem_load(m, base + trunc_sz(sp + osz, w), osz);
    m->cpl = rpl;
    mem_tlb_flush(m);
    cpu_return_ss(m, nss, rpl);
    unsigned nw = (m->seg_attr[SEG_SS] & ATTR_DB) ? 4 : 2;
    nsp += n;
    m->r[RSP] = nw == 4 ? (uint32_t)nsp : (m->r[RSP] & ~0xffffull) | (nsp & 0xffff);
    /* Data segments the outer level may not use become null. */
    static const int segs[] = {SEG_ES, SEG_DS, SEG_FS, SEG_GS};
    for (int k = 0; k < 4; ++k) {
      uint16_t a = m->seg_attr[segs[k]];
      if ((m->sreg[segs[k]] & ~3) && !((a & ATTR_CODE) && (a & ATTR_CONFORMING)) &&
          (int)ATTR_DPL(a) < rpl) {
        m->sreg[segs[k]] = 0;
        m->seg_attr[segs[k]] = 0;
        m->seg_base[segs[k]] = 0;
      }
    }
  } else {
    m->r[RSP] = w == 8 ? sp : (m->r[RSP] & ~((1ull << (w * 8)) - 1)) | sp;
  }
  seg_cache(m, SEG_CS, cs, d);
  m->rip = (m->efer & EFER_LMA) && (desc_attr(d) & ATTR_L) ? ip : trunc_sz(ip, osz == 8 ? 4 : osz);
  cpu_update_mode(m);
}
