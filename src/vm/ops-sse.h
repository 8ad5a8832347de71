/* ops-sse.h: helpers shared by the SSE/SSE2/SSE3/SSSE3 and MMX handlers
 * (ops-sse*.c).
 *
 * Each 0F opcode in the SSE space has one handler that switches on the
 * mandatory prefix, which sse_pfx() folds into one small number. F2/F3
 * win over 66 the way the CPU picks them (66 F3 0F 10 is still movss).
 *
 * MMX registers live in m->mmx[]; the x87 registers in m->fpu_st[]. On a
 * real CPU they alias (MMX register i is the significand of physical x87
 * register i, whose exponent reads as all ones). We keep the MMX value in
 * m->mmx[] for speed and mirror every MMX write into fpu_st[] so that
 * fxsave and the x87 side see what a CPU would show. */
#ifndef BLINK_VM_OPS_SSE_H
#define BLINK_VM_OPS_SSE_H

#include <stdint.h>
#include <string.h>

#include "insn.h"
#include "machine.h"
#include "memory.h"
#include "operand.h"
#include "x87.h"

/* Mandatory prefix classes (values chosen so that sse_pfx is a load). */
enum { PFX_NONE = 0, PFX_66 = 1, PFX_F2 = REP_F2, PFX_F3 = REP_F3 };

static inline unsigned sse_pfx(const struct Insn *i) {
  return i->rep ? i->rep : i->opsize_prefix;
}

/* MXCSR: the bits this CPU implements (MXCSR_MASK in fxsave). Setting any
 * other bit with ldmxcsr or fxrstor is #GP. DAZ is supported; AMD's
 * misaligned-SSE mode bit (17) is not. */
#define MXCSR_MASK  0xffffu
#define MXCSR_FLAGS 0x003fu  /* IE DE ZE OE UE PE */
#define MXCSR_MASKS 0x1f80u  /* IM DM ZM OM UM PM */
#define MXCSR_DEFAULT 0x1f80u

/* --- 128-bit operands ---------------------------------------------------- */

/* Guest m128 at a: #GP when align is set and a is not 16-aligned. The
 * TLB fast path of memory.h, widened to 16 bytes (one lookup instead of
 * two); otherwise two 8-byte loads, a fault in either of which leaves
 * nothing written yet. */
static inline void sse_load16(struct Machine *m, uint64_t a, Xmm *x,
                              int align) {
  const struct TlbEntry *e = &m->tlb[(a >> 12) & (TLB_SIZE - 1)];
  if (align && (a & 15)) exec_gp(m);
  if (__builtin_expect(e->rtag == (a >> 12) &&
                           (a & PAGE_MASK) <= PAGE_SIZE - 16, 1)) {
    memcpy(x, e->host + (a & PAGE_MASK), 16);
    return;
  }
  x->q[0] = mem_load(m, a, 8);
  x->q[1] = mem_load(m, a + 8, 8);
}

/* A 16-byte store must not half-happen: when it crosses a page let
 * mem_write_bytes check both pages before writing either. Pages without
 * a write tag (code, watchpoints, history) take the slow path, as every
 * store must. */
static inline void sse_store16(struct Machine *m, uint64_t a, const Xmm *x,
                               int align) {
  const struct TlbEntry *e = &m->tlb[(a >> 12) & (TLB_SIZE - 1)];
  if (align && (a & 15)) exec_gp(m);
  if (__builtin_expect(e->wtag == (a >> 12) &&
                           (a & PAGE_MASK) <= PAGE_SIZE - 16, 1)) {
    memcpy(e->host + (a & PAGE_MASK), x, 16);
  } else if ((a & PAGE_MASK) <= PAGE_SIZE - 16) {
    mem_store(m, a, 8, x->q[0]);
    mem_store(m, a + 8, 8, x->q[1]);
  } else {
    mem_write_bytes(m, a, x, 16);
  }
}

/* The E operand of a packed op as xmm/m128 (aligned unless told). */
static inline void sse_get_ex(struct Machine *m, const struct Insn *i, Xmm *x,
                              int align) {
  if (i->mod == 3) *x = m->xmm[i->rm];
  else sse_load16(m, insn_ea(m, i), x, align);
}

/* The E operand of a scalar op as xmm/m32 or xmm/m64: a register is taken
 * whole; memory fills the low lane and zeroes the rest, which is harmless
 * because scalar ops only look at the low lane. */
static inline void sse_get_ex32(struct Machine *m, const struct Insn *i,
                                Xmm *x) {
  if (i->mod == 3) {
    *x = m->xmm[i->rm];
  } else {
    x->q[0] = mem_load(m, insn_ea(m, i), 4);
    x->q[1] = 0;
  }
}

static inline void sse_get_ex64(struct Machine *m, const struct Insn *i,
                                Xmm *x) {
  if (i->mod == 3) {
    *x = m->xmm[i->rm];
  } else {
    x->q[0] = mem_load(m, insn_ea(m, i), 8);
    x->q[1] = 0;
  }
}

/* --- MMX ------------------------------------------------------------------ */

/* An instruction that uses an MMX register first delivers a pending
 * unmasked x87 exception (#MF), as a waiting x87 instruction does, and
 * before it reads or writes anything. Handlers call this before their
 * memory accesses; mmx_enter calls it too. */
static inline void mmx_check(struct Machine *m) {
  if (__builtin_expect(m->fpu_sw & X87_ES, 0)) exec_fault(m, EXC_MF, 0, 0);
}

/* An MMX instruction puts the x87 unit in MMX state: TOP = 0 and every
 * register tagged in use. x87.h keeps fpu_tw as the full tag word that
 * FNSTENV reports, computed from each register's contents, so the tags
 * are recomputed here; that only happens on the first MMX instruction
 * after x87 code (when TOP or some tag says otherwise), since mmx_put()
 * keeps them right from then on. */
static inline void mmx_enter(struct Machine *m) {
  mmx_check(m);
  if (__builtin_expect(m->fpu_top || (m->fpu_tw & (m->fpu_tw >> 1) & 0x5555),
                       0)) {
    unsigned tw = 0;
    for (unsigned r = 0; r < 8; ++r) tw |= x87_classify(&m->fpu_st[r]) << 2 * r;
    m->fpu_tw = (uint16_t)tw;
    m->fpu_top = 0;
    m->fpu_sw &= (uint16_t)~X87_TOP;
  }
}

/* Writes MMX register r and mirrors it into the x87 register it aliases:
 * significand = value, sign and exponent all ones, hence tagged special. */
static inline void mmx_put(struct Machine *m, unsigned r, uint64_t v) {
  uint16_t se = 0xffff;
  m->mmx[r] = v;
  memcpy((char *)&m->fpu_st[r], &v, 8);
  memcpy((char *)&m->fpu_st[r] + 8, &se, 2);
  m->fpu_tw = (uint16_t)((m->fpu_tw & ~(3u << 2 * r)) |
                         (X87_TAG_SPECIAL << 2 * r));
}

static inline uint64_t mmx_get_e(struct Machine *m, const struct Insn *i) {
  if (i->mod == 3) return m->mmx[i->rm & 7];
  return mem_load(m, insn_ea(m, i), 8);
}

/* --- state save area (ops-sse.c) ------------------------------------------ */

/* The 512-byte FXSAVE image of the x87, MMX and SSE state (Intel SDM vol.
 * 1, 10.5.1), with nregs XMM registers (16 in long mode, 8 otherwise);
 * bytes past them are left alone. For fxsave and for signal frames. */
void sse_fxsave(struct Machine *m, uint8_t img[512], unsigned nregs);
/* Loads an FXSAVE image; -1 (and nothing changed) when its MXCSR sets a
 * reserved bit, which fxrstor turns into #GP. */
int sse_fxrstor(struct Machine *m, const uint8_t img[512], unsigned nregs);

/* For the Linux layer: the si_code of the SIGFPE that a SIMD
 * floating-point exception (EXC_XM) becomes, as Linux computes it from
 * MXCSR (FPE_FLTINV, FPE_FLTDIV, FPE_FLTOVF, FPE_FLTUND, FPE_FLTRES;
 * 0 if no unmasked flag is set). */
int sse_fpe_code(const struct Machine *m);

#endif
