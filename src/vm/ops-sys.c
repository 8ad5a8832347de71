/* ops-sys.c: system instructions in a bare machine, where they are the
 * guest's own (a Linux process gets #GP or Linux's emulation from
 * ops-misc.c, which calls here only when Machine.bare is set): port I/O,
 * hlt, descriptor-table registers, control/debug registers, MSRs,
 * lar/lsl/verr/verw against the guest's tables, syscall/sysret and
 * swapgs. Semantics from the Intel SDM vol. 2 instruction pages. */
#include <string.h>

#include "cpu.h"
#include "flags.h"
#include "icache.h"
#include "machine.h"
#include "memory.h"
#include "operand.h"
#include "ops.h"

uint64_t cpu_tsc(void); /* ops-misc.c */

static void need_cpl0(struct Machine *m) {
  if (m->cpl) exec_gp(m);
}

static void put_zf(struct Machine *m, int ok) {
  uint64_t f = flags_get(m) & FLAGS_ARITH & ~(uint64_t)FLAG_ZF;
  flags_put_arith(m, f | (ok ? FLAG_ZF : 0));
}

/* I/O permission (SDM vol. 1, 19.5): CPL <= IOPL, else the TSS's I/O
 * bitmap must clear every bit of the ports touched. */
static void io_check(struct Machine *m, uint16_t port, unsigned size) {
  if (!(m->cr0 & CR0_PE)) return;
  if (!(m->rflags & FLAG_VM) && (unsigned)m->cpl <= ((m->rflags & FLAG_IOPL) >> 12)) return;
  if (!(m->tr_attr & 0x8) || m->tr_limit < 0x67) exec_gp(m);
  m->sys_acc = true;
  uint32_t iomap = (uint32_t)mem_load(m, m->tr_base + 0x66, 2);
  uint32_t at = iomap + port / 8;
  uint32_t bits = 0;
  if (at + 1 <= m->tr_limit) bits = (uint32_t)mem_load(m, m->tr_base + at, 2);
  else bits = 0xffff;
  m->sys_acc = false;
  if ((bits >> (port & 7)) & ((1u << size) - 1)) exec_gp(m);
}

static uint32_t port_in(struct Machine *m, uint16_t port, unsigned size) {
  io_check(m, port, size);
  uint32_t v = m->port_in ? m->port_in(m->io, port, size) : 0xffffffffu;
  return size == 4 ? v : v & ((1u << (size * 8)) - 1);
}

static void port_out(struct Machine *m, uint16_t port, unsigned size, uint32_t v) {
  io_check(m, port, size);
  if (m->port_out) m->port_out(m->io, port, size, v);
}

/* E4-E7 (port imm8), EC-EF (port DX). */
void sys_in_out(struct Machine *m, const struct Insn *i) {
  unsigned size = (i->op & 1) ? (i->osz == 2 ? 2 : 4) : 1;
  uint16_t port = (i->op & 8) ? (uint16_t)m->r[RDX] : (uint16_t)(i->imm & 0xff);
  if (i->op & 2) {
    port_out(m, port, size, (uint32_t)m->r[RAX]);
  } else {
    uint32_t v = port_in(m, port, size);
    if (size == 1) m->r[RAX] = (m->r[RAX] & ~0xffull) | v;
    else if (size == 2) m->r[RAX] = (m->r[RAX] & ~0xffffull) | v;
    else m->r[RAX] = v;
  }
}

static uint64_t areg(struct Machine *m, unsigned r, unsigned asz) {
  return trunc_sz(m->r[r], asz);
}

static void aput(struct Machine *m, unsigned r, unsigned asz, uint64_t v) {
  if (asz == 2) m->r[r] = (m->r[r] & ~0xffffull) | (v & 0xffff);
  else if (asz == 4) m->r[r] = (uint32_t)v;
  else m->r[r] = v;
}

/* 6C/6D ins, 6E/6F outs, with rep: one element at a time (port I/O is
 * slow on a PC too); a long rep yields to the dispatch loop on trap. */
void sys_ins_outs(struct Machine *m, const struct Insn *i) {
  unsigned size = (i->op & 1) ? (i->osz == 2 ? 2 : 4) : 1;
  unsigned asz = i->asz;
  bool out = i->op & 2;
  uint16_t port = (uint16_t)m->r[RDX];
  int64_t step = (m->rflags & FLAG_DF) ? -(int64_t)size : (int64_t)size;
  int sreg = out ? (i->segovr ? i->segovr - 1 : SEG_DS) : SEG_ES;
  unsigned ar = out ? RSI : RDI;
  io_check(m, port, size);
  for (;;) {
    if (i->rep && !areg(m, RCX, asz)) return;
    uint64_t a = areg(m, ar, asz);
    uint64_t va = m->seg_base[sreg] + a;
    if (out) {
      uint32_t v = (uint32_t)mem_load(m, va, size);
      if (m->port_out) m->port_out(m->io, port, size, v);
    } else {
      /* The store is checked before the device sees the read. */
      mem_store(m, va, size, mem_load(m, va, size));
      uint32_t v = m->port_in ? m->port_in(m->io, port, size) : 0xffffffffu;
      mem_store(m, va, size, v);
    }
    aput(m, ar, asz, a + (uint64_t)step);
    if (!i->rep) return;
    aput(m, RCX, asz, areg(m, RCX, asz) - 1);
    if (m->trap && areg(m, RCX, asz)) {
      m->rip = m->ip; /* resume later */
      return;
    }
  }
}

void sys_hlt(struct Machine *m) {
  need_cpl0(m);
  m->halted = true;
  m->stop = STOP_HALT;
  m->trap = 1;
}

/* 0F 01 group 7. */
void sys_grp7(struct Machine *m, const struct Insn *i) {
  unsigned r = i->reg & 7;
  bool l64 = m->mode == MODE_LONG;
  if (i->mod == 3) {
    switch (i->modrm) {
      case 0xf8: /* swapgs */
        if (!l64) exec_ud(m);
        need_cpl0(m);
        {
          uint64_t t = m->seg_base[SEG_GS];
          m->seg_base[SEG_GS] = m->msr_kgs_base;
          m->msr_kgs_base = t;
        }
        return;
      case 0xf9: { /* rdtscp */
        uint64_t t = cpu_tsc() + m->msr_tsc_adj;
        m->r[RAX] = (uint32_t)t;
        m->r[RDX] = t >> 32;
        m->r[RCX] = 0;
        return;
      }
      default:
        break;
    }
    if (r == 4) { /* smsw r */
      reg_put(m, i, i->rm, i->osz, i->osz == 2 ? m->cr0 & 0xffff : m->cr0);
      return;
    }
    if (r == 6) { /* lmsw r */
      need_cpl0(m);
      uint64_t v = m->r[i->rm] & 0xf;
      if ((m->cr0 ^ v) & 0xe) icache_invalidate_all(mem_icache(m->mem));
      m->cr0 = (m->cr0 & ~0xeull) | v | (m->cr0 & CR0_PE);
      cpu_update_mode(m);
      return;
    }
    exec_ud(m);
  }
  uint64_t va = insn_ea(m, i);
  switch (r) {
    case 0:   /* sgdt */
    case 1: { /* sidt */
      uint8_t b[10] = {0};
      uint16_t lim = r ? m->idt_limit : m->gdt_limit;
      uint64_t base = r ? m->idt_base : m->gdt_base;
      memcpy(b, &lim, 2);
      if (!l64) base &= i->osz == 2 ? 0xffffff : 0xffffffff;
      memcpy(b + 2, &base, 8);
      mem_write_bytes(m, va, b, l64 ? 10 : 6);
      return;
    }
    case 2:   /* lgdt */
    case 3: { /* lidt */
      need_cpl0(m);
      uint16_t lim = (uint16_t)mem_load(m, va, 2);
      uint64_t base = l64 ? mem_load(m, va + 2, 8) : mem_load(m, va + 2, 4);
      if (!l64 && i->osz == 2) base &= 0xffffff;
      if (r == 2) m->gdt_limit = lim, m->gdt_base = base;
      else m->idt_limit = lim, m->idt_base = base;
      return;
    }
    case 4: /* smsw m16 */
      mem_store(m, va, 2, m->cr0 & 0xffff);
      return;
    case 6: { /* lmsw m16: PE can be set, not cleared */
      need_cpl0(m);
      uint64_t v = mem_load(m, va, 2) & 0xf;
      if ((m->cr0 ^ v) & 0xe) icache_invalidate_all(mem_icache(m->mem));
      m->cr0 = (m->cr0 & ~0xeull) | v | (m->cr0 & CR0_PE);
      cpu_update_mode(m);
      return;
    }
    case 7: /* invlpg */
      need_cpl0(m);
      mem_tlb_flush(m);
      icache_invalidate(mem_icache(m->mem), va >> 12);
      return;
    default:
      exec_ud(m);
  }
}

/* The descriptor a selector names for lar/lsl/verr/verw, if the CPL and
 * RPL may see it; else 0 (ZF clear). */
static int visible(struct Machine *m, uint16_t sel, uint64_t *d) {
  if (!(sel & ~3) || seg_desc(m, sel, d)) return 0;
  uint16_t a = desc_attr(*d);
  int dpl = (int)ATTR_DPL(a);
  bool conf = (a & ATTR_S) && (a & ATTR_CODE) && (a & ATTR_CONFORMING);
  if (!conf && (dpl < m->cpl || dpl < (sel & 3))) return 0;
  return 1;
}

void sys_lar_lsl(struct Machine *m, const struct Insn *i, int lsl) {
  if (!(m->cr0 & CR0_PE)) exec_ud(m);
  uint16_t sel = (uint16_t)op_get_e(m, i, 2);
  uint64_t d;
  int ok = visible(m, sel, &d);
  if (ok && !(desc_attr(d) & ATTR_S)) {
    unsigned t = desc_attr(d) & 0xf;
    bool lng = (m->efer & EFER_LMA) != 0;
    /* Valid system types (SDM LAR/LSL tables). */
    if (lsl) ok = lng ? (t == 2 || t == 9 || t == 0xb) : (t == 1 || t == 2 || t == 3 || t == 9 || t == 0xb);
    else ok = lng ? (t == 2 || t == 9 || t == 0xb || t == 0xc) : (t != 0 && t != 8 && t != 0xa && t != 0xd && t != 0xe && t != 0xf && t != 6 && t != 7);
  }
  if (ok) {
    uint64_t v = lsl ? desc_limit(d) : (d >> 32) & 0x00f0ff00;
    reg_put(m, i, i->reg, i->osz == 8 ? 4 : i->osz, i->osz == 2 ? v & 0xffff : v);
  }
  put_zf(m, ok);
}

/* 0F 00 group 6. */
void sys_grp6(struct Machine *m, const struct Insn *i) {
  if (!(m->cr0 & CR0_PE)) exec_ud(m);
  unsigned r = i->reg & 7;
  switch (r) {
    case 0: /* sldt */
    case 1: /* str */
      op_put_e(m, i, i->mod == 3 ? i->osz : 2, r ? m->tr_sel : m->ldt_sel);
      return;
    case 2:   /* lldt */
    case 3: { /* ltr */
      need_cpl0(m);
      uint16_t sel = (uint16_t)op_get_e(m, i, 2);
      uint64_t d, hi = 0;
      if (r == 2 && !(sel & ~3)) {
        m->ldt_sel = sel;
        m->ldt_attr = 0;
        return;
      }
      if (!(sel & ~3) || (sel & 4) || seg_desc(m, sel, &d))
        exec_fault(m, EXC_GP, sel & ~3, 0);
      uint16_t a = desc_attr(d);
      unsigned t = a & 0x1f;
      bool okt = r == 2 ? t == 2 : (t == 9 || (t == 1 && !(m->efer & EFER_LMA)));
      if (!okt) exec_fault(m, EXC_GP, sel & ~3, 0);
      if (!(a & ATTR_P)) exec_fault(m, EXC_NP, sel & ~3, 0);
      if (m->efer & EFER_LMA) {
        m->sys_acc = true;
        hi = mem_load(m, m->gdt_base + (sel & ~7) + 8, 8);
        m->sys_acc = false;
      }
      uint64_t base = desc_base(d) | (hi & 0xffffffff) << 32;
      if (r == 2) {
        m->ldt_sel = sel, m->ldt_base = base, m->ldt_limit = desc_limit(d), m->ldt_attr = a;
      } else {
        /* The descriptor becomes busy. */
        m->sys_acc = true;
        mem_store(m, m->gdt_base + (sel & ~7) + 5, 1, (uint8_t)((d >> 40) | 2));
        m->sys_acc = false;
        m->tr_sel = sel, m->tr_base = base, m->tr_limit = desc_limit(d), m->tr_attr = a | 2;
      }
      return;
    }
    case 4:   /* verr */
    case 5: { /* verw */
      uint16_t sel = (uint16_t)op_get_e(m, i, 2);
      uint64_t d;
      int ok = visible(m, sel, &d);
      uint16_t a = ok ? desc_attr(d) : 0;
      if (!(a & ATTR_S)) ok = 0;
      else if (r == 4) ok = ok && (!(a & ATTR_CODE) || (a & ATTR_READABLE));
      else ok = ok && !(a & ATTR_CODE) && (a & ATTR_WRITABLE);
      put_zf(m, ok);
      return;
    }
    default:
      exec_ud(m);
  }
}

/* CR0 writes: PG needs PE; PG with EFER.LME enters long mode (needs
 * PAE), clearing PG leaves it (SDM 9.8.5, 10.8.5). */
static void set_cr0(struct Machine *m, uint64_t v) {
  v |= CR0_ET;
  if ((v >> 32) || ((v & CR0_PG) && !(v & CR0_PE)) || ((v & CR0_NW) && !(v & CR0_CD)))
    exec_gp(m);
  uint64_t old = m->cr0;
  if ((v & CR0_PG) && !(old & CR0_PG) && (m->efer & EFER_LME)) {
    if (!(m->cr4 & CR4_PAE)) exec_gp(m);
    m->efer |= EFER_LMA;
  } else if (!(v & CR0_PG) && (old & CR0_PG) && (m->efer & EFER_LMA)) {
    if (m->mode == MODE_LONG) exec_gp(m); /* only from compatibility mode */
    m->efer &= ~(uint64_t)EFER_LMA;
  }
  m->cr0 = v;
  if ((old ^ v) & (CR0_PG | CR0_PE | CR0_WP)) cpu_flush(m);
  else if ((old ^ v) & (CR0_TS | CR0_EM | CR0_MP)) /* cpu_fpu_gate */
    icache_invalidate_all(mem_icache(m->mem));
  cpu_update_mode(m);
}

/* 0F 20 / 0F 22: mov from/to CR0, CR2, CR3, CR4, CR8. */
void sys_mov_cr(struct Machine *m, const struct Insn *i) {
  unsigned cr = i->reg;
  if (cr == 1 || (cr >= 5 && cr <= 7) || cr >= 9) exec_ud(m);
  need_cpl0(m);
  unsigned size = m->mode == MODE_LONG ? 8 : 4;
  if (i->op == 0x20) {
    uint64_t v = cr == 0 ? m->cr0 : cr == 2 ? m->cr2 : cr == 3 ? m->cr3 : cr == 4 ? m->cr4 : m->cr8;
    m->r[i->rm] = trunc_sz(v, size);
    return;
  }
  uint64_t v = trunc_sz(m->r[i->rm], size);
  switch (cr) {
    case 0: set_cr0(m, v); break;
    case 2: m->cr2 = v; break;
    case 3: m->cr3 = v; cpu_flush(m); break;
    case 4:
      if ((m->efer & EFER_LMA) && !(v & CR4_PAE)) exec_gp(m);
      m->cr4 = v;
      cpu_flush(m);
      break;
    default: m->cr8 = v & 15; break;
  }
}

/* 0F 21 / 0F 23: debug registers are kept (no breakpoints from them). */
void sys_mov_dr(struct Machine *m, const struct Insn *i) {
  unsigned dr = i->reg;
  if (dr > 7) exec_ud(m);
  if ((dr == 4 || dr == 5) && (m->cr4 & 8)) exec_ud(m); /* CR4.DE */
  if (dr == 4 || dr == 5) dr += 2;
  need_cpl0(m);
  unsigned size = m->mode == MODE_LONG ? 8 : 4;
  if (i->op == 0x21) m->r[i->rm] = trunc_sz(m->dr[dr], size);
  else m->dr[dr] = trunc_sz(m->r[i->rm], size);
}

/* The time stamp counter rdtsc reads (ops-misc.c). */
static uint64_t tsc_now(void) { return cpu_tsc(); }

/* MSRs a bootloader or small kernel touches; MTRRs and the like read as
 * written; anything else is #GP as on a CPU without it. */
static bool msr_misc(uint32_t n) {
  return n == 0xfe || (n >= 0x200 && n <= 0x20f) || n == 0x250 || n == 0x258 ||
         n == 0x259 || (n >= 0x268 && n <= 0x26f) || n == 0x2ff || n == 0x8b;
}

static uint64_t *misc_slot(struct Machine *m, uint32_t n, bool make) {
  for (unsigned k = 0; k < m->msr_nmisc; ++k)
    if (m->msr_misc_idx[k] == n) return &m->msr_misc[k];
  if (!make || m->msr_nmisc == 16) return NULL;
  m->msr_misc_idx[m->msr_nmisc] = n;
  m->msr_misc[m->msr_nmisc] = 0;
  return &m->msr_misc[m->msr_nmisc++];
}

void sys_rdmsr(struct Machine *m) {
  need_cpl0(m);
  uint32_t n = (uint32_t)m->r[RCX];
  uint64_t v;
  switch (n) {
    case 0x10: v = tsc_now() + m->msr_tsc_adj; break;
    case 0x1b: v = 0xfee00900; break; /* APIC at FEE00000, enabled, BSP */
    case 0x277: v = m->msr_pat; break;
    case 0xc0000080: v = m->efer; break;
    case 0xc0000081: v = m->msr_star; break;
    case 0xc0000082: v = m->msr_lstar; break;
    case 0xc0000083: v = m->msr_cstar; break;
    case 0xc0000084: v = m->msr_sfmask; break;
    case 0xc0000100: v = m->seg_base[SEG_FS]; break;
    case 0xc0000101: v = m->seg_base[SEG_GS]; break;
    case 0xc0000102: v = m->msr_kgs_base; break;
    default: {
      if (!msr_misc(n)) exec_gp(m);
      uint64_t *p = misc_slot(m, n, false);
      v = p ? *p : (n == 0xfe ? 0x508 : 0); /* MTRRcap: 8 ranges, fixed, WC */
    }
  }
  m->r[RAX] = (uint32_t)v;
  m->r[RDX] = v >> 32;
}

void sys_wrmsr(struct Machine *m) {
  need_cpl0(m);
  uint32_t n = (uint32_t)m->r[RCX];
  uint64_t v = (m->r[RDX] << 32) | (uint32_t)m->r[RAX];
  switch (n) {
    case 0x10: m->msr_tsc_adj = v - tsc_now(); break;
    case 0x1b: break;
    case 0x277: m->msr_pat = v; break;
    case 0xc0000080: {
      uint64_t allowed = EFER_SCE | EFER_LME | EFER_NXE;
      if (v & ~(allowed | EFER_LMA)) exec_gp(m);
      if ((m->cr0 & CR0_PG) && ((v ^ m->efer) & EFER_LME)) exec_gp(m);
      m->efer = (m->efer & EFER_LMA) | (v & allowed);
      cpu_flush(m);
      break;
    }
    case 0xc0000081: m->msr_star = v; break;
    case 0xc0000082: m->msr_lstar = v; break;
    case 0xc0000083: m->msr_cstar = v; break;
    case 0xc0000084: m->msr_sfmask = v & 0xffffffff; break;
    case 0xc0000100: m->seg_base[SEG_FS] = v; break;
    case 0xc0000101: m->seg_base[SEG_GS] = v; break;
    case 0xc0000102: m->msr_kgs_base = v; break;
    default: {
      if (!msr_misc(n) || n == 0xfe) exec_gp(m);
      uint64_t *p = misc_slot(m, n, true);
      if (!p) exec_gp(m);
      *p = v;
    }
  }
}

void sys_clts(struct Machine *m) {
  need_cpl0(m);
  if (m->cr0 & CR0_TS) icache_invalidate_all(mem_icache(m->mem)); /* cpu_fpu_gate */
  m->cr0 &= ~(uint64_t)CR0_TS;
}

static void op_nm(struct Machine *m, const struct Insn *i) {
  (void)i;
  exec_fault(m, EXC_NM, 0, 0);
}

/* The x87, MMX and SSE instructions with CR0.TS or CR0.EM set (SDM vol. 3,
 * 2.5 and 13.1): x87 ones are #NM with either; wait/fwait with TS and
 * MP; MMX/SSE ones #UD with EM, else #NM with TS (how a kernel saves the
 * FPU state lazily). Called when such a record is decoded; CR0 writes
 * that change TS, EM or MP and clts drop the decoded code. */
void cpu_fpu_gate(struct Machine *m, struct Insn *i);
void cpu_fpu_gate(struct Machine *m, struct Insn *i) {
  bool ts = (m->cr0 & CR0_TS) != 0, em = (m->cr0 & CR0_EM) != 0;
  unsigned op = i->op;
  if (i->map == MAP_1BYTE) {
    if (op >= 0xd8 && op <= 0xdf) i->fn = op_nm;
    else if (op == 0x9b && ts && (m->cr0 & CR0_MP)) i->fn = op_nm;
    return;
  }
  bool simd = false;
  if (i->map == MAP_0F) {
    simd = (op >= 0x10 && op <= 0x17) || (op >= 0x28 && op <= 0x2f) ||
           (op >= 0x50 && op <= 0x7f) || op == 0xc2 || (op >= 0xc4 && op <= 0xc6) ||
           op >= 0xd0 || (op == 0xae && i->mod != 3 && (i->reg & 7) <= 3);
  } else if (i->map == MAP_0F38) {
    simd = op < 0xf0 && !i->vex;
  } else if (i->map == MAP_0F3A) {
    simd = !i->vex;
  }
  if (!simd) return;
  if (em) i->fn = op_ud;
  else if (ts) i->fn = op_nm;
}

void sys_cache(struct Machine *m) { need_cpl0(m); } /* invd, wbinvd */

/* A flat code or stack segment for syscall/sysret (the SDM's fixed
 * values). */
static void flat(struct Machine *m, int s, uint16_t sel, bool code, bool l, int dpl) {
  m->sreg[s] = sel;
  m->seg_base[s] = 0;
  m->seg_limit[s] = 0xffffffff;
  m->seg_attr[s] = (uint16_t)(ATTR_P | ATTR_S | (dpl << 5) | ATTR_G |
                              (code ? 0x0b | (l ? ATTR_L : ATTR_DB) : 0x03 | ATTR_DB));
}

/* 0F 05: syscall. Without EFER.SCE a bare machine gives it the meaning
 * blink's tests and small guests use to end a run: EAX 231 (exit_group)
 * or 60 (exit) stop the machine with exit status EDI & 255 (man/blink.1
 * THE PC); any other EAX is #UD. With SCE in 64-bit mode: the CPU's. */
void sys_syscall(struct Machine *m) {
  if (!(m->efer & EFER_SCE)) {
    uint32_t nr = (uint32_t)m->r[RAX];
    if (nr != 231 && nr != 60) exec_ud(m);
    m->exit_code = (int)(m->r[RDI] & 0xff);
    m->stop = STOP_EXIT;
    m->trap = 1;
    return;
  }
  if (m->mode != MODE_LONG) exec_ud(m);
  m->r[RCX] = m->rip;
  m->r[R11] = flags_get(m) & ~(uint64_t)FLAG_RF;
  uint16_t sel = (uint16_t)(m->msr_star >> 32);
  if (m->cpl) {
    m->cpl = 0;
    mem_tlb_flush(m);
  }
  flat(m, SEG_CS, sel & ~3, true, true, 0);
  flat(m, SEG_SS, (sel + 8) & ~3, false, false, 0);
  flags_set(m, flags_get(m) & ~m->msr_sfmask & ~(uint64_t)FLAG_RF);
  m->rip = m->msr_lstar;
  cpu_update_mode(m);
}

/* 0F 07: sysret to CPL 3 (64-bit with REX.W, else compatibility). */
void sys_sysret(struct Machine *m, const struct Insn *i) {
  if (!(m->efer & EFER_SCE)) exec_ud(m);
  if (m->mode != MODE_LONG) exec_ud(m);
  need_cpl0(m);
  uint16_t sel = (uint16_t)(m->msr_star >> 48);
  bool to64 = i->osz == 8;
  flat(m, SEG_CS, (uint16_t)((to64 ? sel + 16 : sel) | 3), true, to64, 3);
  flat(m, SEG_SS, (uint16_t)((sel + 8) | 3), false, false, 3);
  m->rip = to64 ? m->r[RCX] : (uint32_t)m->r[RCX];
  flags_set(m, (m->r[R11] & 0x3c7fd7) | 2);
  m->cpl = 3;
  mem_tlb_flush(m);
  cpu_update_mode(m);
}
