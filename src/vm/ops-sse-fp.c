/* ops-sse-fp.c: SSE/SSE2/SSE3 floating point: arithmetic, compares,
 * conversions, logic, shuffles and unpacks on ps/pd/ss/sd.
 *
 * How the arithmetic is exact: every instruction that can round or raise
 * a floating-point exception is executed by the host CPU itself (this is
 * an x86-64 host and, by design, the reference). Each such handler runs
 * one inline-asm block that
 *   1. saves the host MXCSR,
 *   2. loads the guest's MXCSR with all six exceptions masked (a masked
 *      exception only sets its flag, which is what we want to observe),
 *   3. executes the very instruction on full XMM register values,
 *   4. stores the resulting MXCSR (the guest's sticky flags plus the new
 *      ones) and restores the host's.
 * Rounding (RC), FTZ, DAZ, NaN propagation, denormal handling and the
 * IE DE ZE OE UE PE flags are therefore exactly the CPU's. Doing it in one
 * asm block keeps the compiler from moving host floating-point code in
 * between, which it could do with _mm_setcsr() and plain C arithmetic.
 * When the guest has unmasked an exception that occurred, we raise #XM
 * before writing the destination, as the CPU does.
 *
 * Scalar ops read their memory operand into the low lane of a zeroed
 * temporary and run the register form: the upper lanes of the
 * destination are kept by the instruction itself. Ops that only move bits
 * (and/or/xor, shuffles, unpacks) are plain C. */
#include "ops-sse.h"
#include "flags.h"
#include "ops.h"

#if !defined(__x86_64__)
#error "ops-sse-fp.c executes SSE on the host: it needs an x86-64 host"
#endif

typedef long long V __attribute__((vector_size(16)));

static inline V xv(const Xmm *x) {
  V v;
  memcpy(&v, x, 16);
  return v;
}

static inline void vx(Xmm *x, V v) { memcpy(x, &v, 16); }

/* The MXCSR value to run guest code with: the guest's rounding, FTZ and
 * DAZ, all exceptions masked and no flag set, so that afterwards the flag
 * bits say what this instruction raised. */
static inline uint32_t fp_csr(struct Machine *m) {
  return (m->mxcsr & MXCSR_MASK & ~MXCSR_FLAGS) | MXCSR_MASKS;
}

/* Unmasked exceptions: the CPU raises #XM without writing the destination.
 * Which flags it leaves set follows the SDM's order (vol. 1, 11.5.2): if
 * an unmasked pre-computation exception (invalid, denormal, divide by
 * zero) occurred, only the pre-computation flags of all lanes are set and
 * nothing is computed; otherwise the post-computation flags (overflow,
 * underflow, precision) join them. Our masked run saw every lane's flags,
 * which is what these rules select from; tests/vm/test-sse.c checks the
 * outcome against the host's #XM. */
static _Noreturn void fp_xm(struct Machine *m, uint32_t f) {
  uint32_t pre = f & 0x07, unmasked = ~(m->mxcsr >> 7);
  /* Known difference: with overflow or underflow unmasked the CPU sets
   * PE from the rounding at unbounded exponent range, while the masked
   * run rounded to infinity/max or to a denormal; so a result that is
   * exact only at unbounded range gets PE here and not on the CPU. */
  if (pre & unmasked) f = pre;
  m->mxcsr |= f;
  exec_fault(m, EXC_XM, 0, 0);
}

/* After the host ran the op: merge the flags it raised into the guest's
 * MXCSR, and fault if the guest has one of them unmasked. */
static inline void fp_done(struct Machine *m, uint32_t c) {
  uint32_t f = c & MXCSR_FLAGS;
  if (__builtin_expect(f != 0, 0)) {
    if (__builtin_expect(f & ~(m->mxcsr >> 7), 0)) fp_xm(m, f);
    m->mxcsr |= f;
  }
}

/* INSN src, dst on two XMM values under the MXCSR value c. */
#define FP2_ASM(INSN, D, S, C)                                      \
  do {                                                              \
    uint32_t h_;                                                    \
    __asm__ volatile("stmxcsr %[h]\n\t"                             \
                     "ldmxcsr %[c]\n\t" INSN " %[s], %[d]\n\t"      \
                     "stmxcsr %[c]\n\t"                             \
                     "ldmxcsr %[h]"                                 \
                     : [d] "+x"(D), [c] "+m"(C), [h] "=m"(h_)       \
                     : [s] "x"(S));                                 \
  } while (0)

/* The same, plus one corner: with underflow unmasked the CPU signals it
 * for every tiny result, exact or not, while a masked run only flags
 * tiny and inexact ones. When the guest has UM clear (rare), a second run
 * with FTZ set tells: flushing a tiny result to zero always sets UE. */
#define FP2(INSN, D, S, C)                                          \
  do {                                                              \
    V in_ = (D);                                                    \
    FP2_ASM(INSN, D, S, C);                                         \
    if (__builtin_expect(!(m->mxcsr & 0x800), 0)) {                 \
      uint32_t c2_ = fp_csr(m) | 0x8000;                            \
      FP2_ASM(INSN, in_, S, c2_);                                   \
      C |= c2_ & 0x10;                                              \
    }                                                               \
  } while (0)

/* The same with a general-register or memory source (cvtsi2ss ...). */
#define FP2R(INSN, D, S, C)                                         \
  do {                                                              \
    uint32_t h_;                                                    \
    __asm__ volatile("stmxcsr %[h]\n\t"                             \
                     "ldmxcsr %[c]\n\t" INSN " %[s], %[d]\n\t"      \
                     "stmxcsr %[c]\n\t"                             \
                     "ldmxcsr %[h]"                                 \
                     : [d] "+x"(D), [c] "+m"(C), [h] "=m"(h_)       \
                     : [s] "rm"(S));                                \
  } while (0)

/* An XMM source and a general-register result (cvtss2si ...). */
#define FP2G(INSN, D, S, C)                                         \
  do {                                                              \
    uint32_t h_;                                                    \
    __asm__ volatile("stmxcsr %[h]\n\t"                             \
                     "ldmxcsr %[c]\n\t" INSN " %[s], %[d]\n\t"      \
                     "stmxcsr %[c]\n\t"                             \
                     "ldmxcsr %[h]"                                 \
                     : [d] "=r"(D), [c] "+m"(C), [h] "=m"(h_)       \
                     : [s] "x"(S));                                 \
  } while (0)

/* --- arithmetic: 51-53, 58-5F, D0, 7C, 7D -------------------------------- */

/* One handler per opcode with its ps/pd/ss/sd forms.
 * Packed forms read an aligned m128, scalar forms m32/m64. */
#define FP_ARITH(OPC, PS, PD, SS, SD)                                   \
  void op_sse_##OPC(struct Machine *m, const struct Insn *i) {          \
    Xmm s;                                                              \
    V d, sv;                                                            \
    uint32_t c = fp_csr(m);                                             \
    switch (sse_pfx(i)) {                                               \
      case PFX_NONE:                                                    \
        sse_get_ex(m, i, &s, 1);                                        \
        d = xv(&m->xmm[i->reg]), sv = xv(&s);                           \
        FP2(PS "", d, sv, c);                                           \
        break;                                                          \
      case PFX_66:                                                      \
        sse_get_ex(m, i, &s, 1);                                        \
        d = xv(&m->xmm[i->reg]), sv = xv(&s);                           \
        FP2(PD "", d, sv, c);                                           \
        break;                                                          \
      case PFX_F3:                                                      \
        sse_get_ex32(m, i, &s);                                         \
        d = xv(&m->xmm[i->reg]), sv = xv(&s);                           \
        FP2(SS "", d, sv, c);                                           \
        break;                                                          \
      default:                                                          \
        sse_get_ex64(m, i, &s);                                         \
        d = xv(&m->xmm[i->reg]), sv = xv(&s);                           \
        FP2(SD "", d, sv, c);                                           \
        break;                                                          \
    }                                                                   \
    fp_done(m, c);                                                      \
    vx(&m->xmm[i->reg], d);                                             \
  }

FP_ARITH(51, "sqrtps", "sqrtpd", "sqrtss", "sqrtsd")
FP_ARITH(58, "addps", "addpd", "addss", "addsd")
FP_ARITH(59, "mulps", "mulpd", "mulss", "mulsd")
FP_ARITH(5c, "subps", "subpd", "subss", "subsd")
FP_ARITH(5d, "minps", "minpd", "minss", "minsd")
FP_ARITH(5e, "divps", "divpd", "divss", "divsd")
FP_ARITH(5f, "maxps", "maxpd", "maxss", "maxsd")

/* Ops with some forms missing are written out, since FP2 needs a literal. */
#define FP_PACKED(D, S, INSN, C)                  \
  do {                                            \
    sse_get_ex(m, i, &s, 1);                      \
    D = xv(&m->xmm[i->reg]), S = xv(&s);          \
    FP2(INSN, D, S, C);                           \
  } while (0)

#define FP_SCALAR32(D, S, INSN, C)                \
  do {                                            \
    sse_get_ex32(m, i, &s);                       \
    D = xv(&m->xmm[i->reg]), S = xv(&s);          \
    FP2(INSN, D, S, C);                           \
  } while (0)

#define FP_SCALAR64(D, S, INSN, C)                \
  do {                                            \
    sse_get_ex64(m, i, &s);                       \
    D = xv(&m->xmm[i->reg]), S = xv(&s);          \
    FP2(INSN, D, S, C);                           \
  } while (0)

/* 0F 52: rsqrtps, rsqrtss; 0F 53: rcpps, rcpss. These approximations
 * differ between CPU vendors; the host's are the reference. */
void op_sse_52(struct Machine *m, const struct Insn *i) {
  Xmm s;
  V d, sv;
  uint32_t c = fp_csr(m);
  switch (sse_pfx(i)) {
    case PFX_NONE: FP_PACKED(d, sv, "rsqrtps", c); break;
    case PFX_F3: FP_SCALAR32(d, sv, "rsqrtss", c); break;
    default: exec_ud(m);
  }
  fp_done(m, c);
  vx(&m->xmm[i->reg], d);
}

void op_sse_53(struct Machine *m, const struct Insn *i) {
  Xmm s;
  V d, sv;
  uint32_t c = fp_csr(m);
  switch (sse_pfx(i)) {
    case PFX_NONE: FP_PACKED(d, sv, "rcpps", c); break;
    case PFX_F3: FP_SCALAR32(d, sv, "rcpss", c); break;
    default: exec_ud(m);
  }
  fp_done(m, c);
  vx(&m->xmm[i->reg], d);
}

/* SSE3: 0F D0 addsubpd (66) / addsubps (F2); 0F 7C haddpd / haddps;
 * 0F 7D hsubpd / hsubps. */
#define FP_SSE3(OPC, PD, PS)                                  \
  void op_sse_##OPC(struct Machine *m, const struct Insn *i) { \
    Xmm s;                                                    \
    V d, sv;                                                  \
    uint32_t c = fp_csr(m);                                   \
    switch (sse_pfx(i)) {                                     \
      case PFX_66: FP_PACKED(d, sv, PD, c); break;            \
      case PFX_F2: FP_PACKED(d, sv, PS, c); break;            \
      default: exec_ud(m);                                    \
    }                                                         \
    fp_done(m, c);                                            \
    vx(&m->xmm[i->reg], d);                                   \
  }

FP_SSE3(d0, "addsubpd", "addsubps")
FP_SSE3(7c, "haddpd", "haddps")
FP_SSE3(7d, "hsubpd", "hsubps")

/* --- compares ------------------------------------------------------------ */

/* 0F C2: cmpps/cmppd/cmpss/cmpsd xmm, xmm/m, imm8. Legacy SSE encodings
 * know eight predicates, imm8[2:0]; the rest of imm8 is ignored. */
#define CMP_SWITCH(SFX)                                          \
  switch (i->imm & 7) {                                          \
    case 0: FP2("cmpeq" SFX, d, sv, c); break;                   \
    case 1: FP2("cmplt" SFX, d, sv, c); break;                   \
    case 2: FP2("cmple" SFX, d, sv, c); break;                   \
    case 3: FP2("cmpunord" SFX, d, sv, c); break;                \
    case 4: FP2("cmpneq" SFX, d, sv, c); break;                  \
    case 5: FP2("cmpnlt" SFX, d, sv, c); break;                  \
    case 6: FP2("cmpnle" SFX, d, sv, c); break;                  \
    default: FP2("cmpord" SFX, d, sv, c); break;                 \
  }

void op_sse_c2(struct Machine *m, const struct Insn *i) {
  Xmm s;
  V d, sv;
  uint32_t c = fp_csr(m);
  switch (sse_pfx(i)) {
    case PFX_NONE:
      sse_get_ex(m, i, &s, 1);
      d = xv(&m->xmm[i->reg]), sv = xv(&s);
      CMP_SWITCH("ps");
      break;
    case PFX_66:
      sse_get_ex(m, i, &s, 1);
      d = xv(&m->xmm[i->reg]), sv = xv(&s);
      CMP_SWITCH("pd");
      break;
    case PFX_F3:
      sse_get_ex32(m, i, &s);
      d = xv(&m->xmm[i->reg]), sv = xv(&s);
      CMP_SWITCH("ss");
      break;
    default:
      sse_get_ex64(m, i, &s);
      d = xv(&m->xmm[i->reg]), sv = xv(&s);
      CMP_SWITCH("sd");
      break;
  }
  fp_done(m, c);
  vx(&m->xmm[i->reg], d);
}

/* 0F 2E ucomiss/ucomisd, 0F 2F comiss/comisd: ZF PF CF from the compare,
 * OF SF AF cleared. */
#define COMI(INSN, D, S, C, Z, P, CF)                                   \
  do {                                                                  \
    uint32_t h_;                                                        \
    __asm__ volatile("stmxcsr %[h]\n\t"                                 \
                     "ldmxcsr %[c]\n\t" INSN " %[s], %[d]\n\t"          \
                     "setz %[z]\n\t"                                    \
                     "setp %[p]\n\t"                                    \
                     "setc %[cf]\n\t"                                   \
                     "stmxcsr %[c]\n\t"                                 \
                     "ldmxcsr %[h]"                                     \
                     : [z] "=q"(Z), [p] "=q"(P), [cf] "=q"(CF),         \
                       [c] "+m"(C), [h] "=m"(h_)                        \
                     : [d] "x"(D), [s] "x"(S)                           \
                     : "cc");                                           \
  } while (0)

static void comi(struct Machine *m, const struct Insn *i, int ordered) {
  Xmm s;
  V d, sv;
  uint8_t z, p, cf;
  uint32_t c = fp_csr(m);
  switch (sse_pfx(i)) {
    case PFX_NONE:
      sse_get_ex32(m, i, &s);
      d = xv(&m->xmm[i->reg]), sv = xv(&s);
      if (ordered) COMI("comiss", d, sv, c, z, p, cf);
      else COMI("ucomiss", d, sv, c, z, p, cf);
      break;
    case PFX_66:
      sse_get_ex64(m, i, &s);
      d = xv(&m->xmm[i->reg]), sv = xv(&s);
      if (ordered) COMI("comisd", d, sv, c, z, p, cf);
      else COMI("ucomisd", d, sv, c, z, p, cf);
      break;
    default:
      exec_ud(m);
  }
  fp_done(m, c);
  flags_put_arith(m, (z ? FLAG_ZF : 0) | (p ? FLAG_PF : 0) | (cf ? FLAG_CF : 0));
}

void op_sse_2e(struct Machine *m, const struct Insn *i) { comi(m, i, 0); }
void op_sse_2f(struct Machine *m, const struct Insn *i) { comi(m, i, 1); }

/* --- conversions --------------------------------------------------------- */

/* 0F 5A: cvtps2pd (m64), cvtpd2ps (m128), cvtss2sd (m32), cvtsd2ss (m64). */
void op_sse_5a(struct Machine *m, const struct Insn *i) {
  Xmm s;
  V d, sv;
  uint32_t c = fp_csr(m);
  switch (sse_pfx(i)) {
    case PFX_NONE: FP_SCALAR64(d, sv, "cvtps2pd", c); break;
    case PFX_66: FP_PACKED(d, sv, "cvtpd2ps", c); break;
    case PFX_F3: FP_SCALAR32(d, sv, "cvtss2sd", c); break;
    default: FP_SCALAR64(d, sv, "cvtsd2ss", c); break;
  }
  fp_done(m, c);
  vx(&m->xmm[i->reg], d);
}

/* 0F 5B: cvtdq2ps, cvtps2dq (66), cvttps2dq (F3). */
void op_sse_5b(struct Machine *m, const struct Insn *i) {
  Xmm s;
  V d, sv;
  uint32_t c = fp_csr(m);
  switch (sse_pfx(i)) {
    case PFX_NONE: FP_PACKED(d, sv, "cvtdq2ps", c); break;
    case PFX_66: FP_PACKED(d, sv, "cvtps2dq", c); break;
    case PFX_F3: FP_PACKED(d, sv, "cvttps2dq", c); break;
    default: exec_ud(m);
  }
  fp_done(m, c);
  vx(&m->xmm[i->reg], d);
}

/* 0F E6: cvttpd2dq (66), cvtdq2pd (F3, m64), cvtpd2dq (F2). */
void op_sse_e6(struct Machine *m, const struct Insn *i) {
  Xmm s;
  V d, sv;
  uint32_t c = fp_csr(m);
  switch (sse_pfx(i)) {
    case PFX_66: FP_PACKED(d, sv, "cvttpd2dq", c); break;
    case PFX_F3: FP_SCALAR64(d, sv, "cvtdq2pd", c); break;
    case PFX_F2: FP_PACKED(d, sv, "cvtpd2dq", c); break;
    default: exec_ud(m);
  }
  fp_done(m, c);
  vx(&m->xmm[i->reg], d);
}

/* 0F 2A: cvtpi2ps xmm, mm/m64; cvtpi2pd xmm, mm/m64; cvtsi2ss and
 * cvtsi2sd xmm, r/m32 (r/m64 with REX.W). The MMX forms run the XMM
 * conversion on a copy whose upper lanes are zero (exact, no flags). */
void op_sse_2a(struct Machine *m, const struct Insn *i) {
  V d, t;
  Xmm x;
  uint32_t c = fp_csr(m);
  unsigned p = sse_pfx(i);
  if (p == PFX_NONE || p == PFX_66) {
    x.q[0] = mmx_get_e(m, i);
    x.q[1] = 0;
    t = xv(&x);
    d = xv(&m->xmm[i->reg]);
    if (p == PFX_NONE) {
      V r = t;
      FP2("cvtdq2ps", r, t, c);
      d[0] = r[0];  /* only the low two floats change */
    } else {
      FP2("cvtdq2pd", d, t, c);
    }
    fp_done(m, c);
    if (i->mod == 3) mmx_enter(m);
  } else if (i->rex & 8) {
    int64_t v = (int64_t)op_get_e(m, i, 8);
    d = xv(&m->xmm[i->reg]);
    if (p == PFX_F3) FP2R("cvtsi2ssq", d, v, c);
    else FP2R("cvtsi2sdq", d, v, c);
    fp_done(m, c);
  } else {
    int32_t v = (int32_t)op_get_e(m, i, 4);
    d = xv(&m->xmm[i->reg]);
    if (p == PFX_F3) FP2R("cvtsi2ssl", d, v, c);
    else FP2R("cvtsi2sdl", d, v, c);
    fp_done(m, c);
  }
  vx(&m->xmm[i->reg], d);
}

/* 0F 2C / 0F 2D: float to integer, truncating (2C) or rounding per
 * MXCSR.RC (2D). cvt(t)ps2pi mm, xmm/m64; cvt(t)pd2pi mm, xmm/m128;
 * cvt(t)ss2si r, xmm/m32; cvt(t)sd2si r, xmm/m64. */
static void cvt2int(struct Machine *m, const struct Insn *i, int trunc) {
  Xmm s;
  V sv, r;
  uint32_t c = fp_csr(m);
  int w = (i->rex & 8) != 0;
  switch (sse_pfx(i)) {
    case PFX_NONE:
      sse_get_ex64(m, i, &s);
      s.q[1] = 0;  /* only two lanes convert; zeros raise nothing */
      sv = xv(&s), r = sv;
      if (trunc) FP2("cvttps2dq", r, sv, c);
      else FP2("cvtps2dq", r, sv, c);
      fp_done(m, c);
      mmx_enter(m);
      mmx_put(m, i->reg & 7, (uint64_t)r[0]);
      return;
    case PFX_66:
      sse_get_ex(m, i, &s, 1);
      sv = xv(&s), r = sv;
      if (trunc) FP2("cvttpd2dq", r, sv, c);
      else FP2("cvtpd2dq", r, sv, c);
      fp_done(m, c);
      mmx_enter(m);
      mmx_put(m, i->reg & 7, (uint64_t)r[0]);
      return;
    case PFX_F3:
      sse_get_ex32(m, i, &s);
      sv = xv(&s);
      if (w) {
        int64_t v;
        if (trunc) FP2G("cvttss2si", v, sv, c);
        else FP2G("cvtss2si", v, sv, c);
        fp_done(m, c);
        m->r[i->reg] = (uint64_t)v;
      } else {
        int32_t v;
        if (trunc) FP2G("cvttss2si", v, sv, c);
        else FP2G("cvtss2si", v, sv, c);
        fp_done(m, c);
        m->r[i->reg] = (uint32_t)v;
      }
      return;
    default:
      sse_get_ex64(m, i, &s);
      sv = xv(&s);
      if (w) {
        int64_t v;
        if (trunc) FP2G("cvttsd2si", v, sv, c);
        else FP2G("cvtsd2si", v, sv, c);
        fp_done(m, c);
        m->r[i->reg] = (uint64_t)v;
      } else {
        int32_t v;
        if (trunc) FP2G("cvttsd2si", v, sv, c);
        else FP2G("cvtsd2si", v, sv, c);
        fp_done(m, c);
        m->r[i->reg] = (uint32_t)v;
      }
      return;
  }
}

void op_sse_2c(struct Machine *m, const struct Insn *i) { cvt2int(m, i, 1); }
void op_sse_2d(struct Machine *m, const struct Insn *i) { cvt2int(m, i, 0); }

/* --- bitwise logic, shuffles, unpacks (no MXCSR involvement) ------------- */

/* 0F 54-57: and, andn, or, xor on ps (none) and pd (66): the same bits. */
static inline void fp_logic(struct Machine *m, const struct Insn *i, int op) {
  Xmm s, *d = &m->xmm[i->reg];
  if (i->rep) exec_ud(m);
  sse_get_ex(m, i, &s, 1);
  for (int k = 0; k < 2; ++k) {
    switch (op) {
      case 0: d->q[k] &= s.q[k]; break;
      case 1: d->q[k] = ~d->q[k] & s.q[k]; break;
      case 2: d->q[k] |= s.q[k]; break;
      default: d->q[k] ^= s.q[k]; break;
    }
  }
}

void op_sse_54(struct Machine *m, const struct Insn *i) { fp_logic(m, i, 0); }
void op_sse_55(struct Machine *m, const struct Insn *i) { fp_logic(m, i, 1); }
void op_sse_56(struct Machine *m, const struct Insn *i) { fp_logic(m, i, 2); }
void op_sse_57(struct Machine *m, const struct Insn *i) { fp_logic(m, i, 3); }

/* 0F 14: unpcklps / unpcklpd; 0F 15: unpckhps / unpckhpd. */
static void unpck(struct Machine *m, const struct Insn *i, int hi) {
  Xmm s, r, *d = &m->xmm[i->reg];
  if (i->rep) exec_ud(m);
  sse_get_ex(m, i, &s, 1);
  if (i->opsize_prefix) {
    r.q[0] = d->q[hi];
    r.q[1] = s.q[hi];
  } else {
    r.d[0] = d->d[2 * hi];
    r.d[1] = s.d[2 * hi];
    r.d[2] = d->d[2 * hi + 1];
    r.d[3] = s.d[2 * hi + 1];
  }
  *d = r;
}

void op_sse_14(struct Machine *m, const struct Insn *i) { unpck(m, i, 0); }
void op_sse_15(struct Machine *m, const struct Insn *i) { unpck(m, i, 1); }

/* 0F C6: shufps (two lanes from dst, two from src) / shufpd. */
void op_sse_c6(struct Machine *m, const struct Insn *i) {
  Xmm s, r, *d = &m->xmm[i->reg];
  unsigned c = (uint8_t)i->imm;
  if (i->rep) exec_ud(m);
  sse_get_ex(m, i, &s, 1);
  if (i->opsize_prefix) {
    r.q[0] = d->q[c & 1];
    r.q[1] = s.q[(c >> 1) & 1];
  } else {
    r.d[0] = d->d[c & 3];
    r.d[1] = d->d[(c >> 2) & 3];
    r.d[2] = s.d[(c >> 4) & 3];
    r.d[3] = s.d[(c >> 6) & 3];
  }
  *d = r;
}
