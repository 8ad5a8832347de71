/* ops-sse-fp.c: SSE/SSE2/SSE3 floating point: arithmetic, compares,
 * conversions, logic, shuffles and unpacks on ps/pd/ss/sd.
 *
 * How the arithmetic is exact: every instruction that can round or raise
 * a floating-point exception is executed by the host CPU itself (this is
 * an x86-64 host and, by design, the reference), in one inline-asm block
 * that saves the host MXCSR, loads the guest's control bits (RC, FTZ,
 * DAZ) with all six exceptions masked and no flag set (a masked exception
 * only sets its flag, which is what we want to observe), runs the very
 * instruction on full XMM register values, stores the MXCSR, whose flags
 * are now exactly this instruction's, and restores the host's. Rounding,
 * FTZ, DAZ, NaN propagation, denormal handling and the IE DE ZE OE UE PE
 * flags are therefore exactly the CPU's. One asm block keeps the compiler
 * from moving host floating-point code in between, which it could do with
 * _mm_setcsr() and plain C arithmetic. When the guest has unmasked an
 * exception that occurred, we raise #XM before writing the destination,
 * as the CPU does.
 *
 * The quick path: stmxcsr is slow on this host (about 40 cycles, twice
 * per instruction: half of n-body's time went there), and the common
 * case does not need it. When the guest's control bits are the host's
 * (normally 0x1f80) and the guest already has PE set (any program that
 * computed one inexact result), an operation on finite, non-denormal
 * inputs that yields a normal result (at least twice the smallest) can
 * raise no flag other than PE: no invalid operation (no NaN or infinity
 * in or out), no denormal operand, no division by zero (its result is
 * infinite), no overflow (an infinite result under round-to-nearest, a
 * non-normal one otherwise), no underflow (the result is not tiny, before
 * or after rounding). So the quick path runs the instruction under the
 * host MXCSR untouched, checks those conditions on the inputs and the
 * result in C, and keeps the result; if a check fails it runs the
 * instruction again the exact way. Compares, and conversions that cannot
 * round, have no flags at all on such inputs, so for them only the inputs
 * are checked, whatever the MXCSR.
 *
 * Scalar ops read their memory operand into the low lane of a zeroed
 * temporary and run the register form: the upper lanes of the
 * destination are kept by the instruction itself. Ops that only move bits
 * (and/or/xor, shuffles, unpacks) are plain C. */
#include <math.h>

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
  /* With overflow or underflow unmasked, PE is the rounding's at
   * unbounded exponent range: FP2 has already made it so
   * (fp_unbounded_pe). */
  if (pre & unmasked) f = pre;
  m->mxcsr |= f;
  exec_fault(m, EXC_XM, 0, 0);
}

/* After the host ran the op: merge the flags it raised into the guest's
 * MXCSR, and fault if the guest has one of them unmasked. */
static inline void fp_done(struct Machine *m, uint32_t c) {
  uint32_t f = c & MXCSR_FLAGS;
  if (__builtin_expect(f & ~(m->mxcsr >> 7), 0)) fp_xm(m, f);
  m->mxcsr |= f;
}

/* Runs the asm template TPL (which names its operands) under the guest's
 * MXCSR; C holds fp_csr(m) on entry and the resulting MXCSR on exit.
 * OUTS and INS are parenthesized operand lists. */
#define UNPAREN(...) __VA_ARGS__
#define FP_ASM(TPL, C, OUTS, INS)                                        \
  do {                                                                   \
    uint32_t h_;                                                         \
    __asm__ volatile("stmxcsr %[h]\n\t"                                  \
                     "ldmxcsr %[c]\n\t" TPL "\n\t"                       \
                     "stmxcsr %[c]\n\t"                                  \
                     "ldmxcsr %[h]"                                      \
                     : UNPAREN OUTS, [c] "+m"(C), [h] "=m"(h_)           \
                     : UNPAREN INS);                                     \
  } while (0)

/* --- PE when overflow or underflow is unmasked --------------------------
 *
 * With OE (UE) unmasked, a lane that overflows (underflows) makes the
 * CPU raise #XM, and its PE then says whether the result was exact at
 * unbounded exponent range, while our masked run rounded it to infinity,
 * the largest number or a denormal, which is inexact almost always. This
 * slow path (the guest unmasked OE or UE and one happened) recomputes PE
 * lane by lane: for a lane that overflowed or underflowed under an
 * unmasked exception, the op runs again on the operands scaled by powers
 * of two into the normal range, which keeps every significand bit, so its
 * PE is the unbounded one; the other lanes keep their masked PE. */

enum { L_ADD, L_SUB, L_MUL, L_DIV, L_CVT };

/* One scalar op on the host under csr (all masked); its flags. */
static uint32_t lane_flags(int op, int dbl, uint64_t a, uint64_t b,
                           uint32_t c) {
  V d = {(long long)a, 0}, s = {(long long)b, 0};
#define LANE_OP(I) FP_ASM(I " %[s], %[d]", c, ([d] "+x"(d)), ([s] "x"(s)))
  if (dbl) {
    switch (op) {
      case L_ADD: LANE_OP("addsd"); break;
      case L_SUB: LANE_OP("subsd"); break;
      case L_MUL: LANE_OP("mulsd"); break;
      case L_DIV: LANE_OP("divsd"); break;
      default: LANE_OP("cvtsd2ss"); break;
    }
  } else {
    switch (op) {
      case L_ADD: LANE_OP("addss"); break;
      case L_SUB: LANE_OP("subss"); break;
      case L_MUL: LANE_OP("mulss"); break;
      default: LANE_OP("divss"); break;
    }
  }
#undef LANE_OP
  return c & MXCSR_FLAGS;
}

static uint64_t dbits(double x) { uint64_t v; memcpy(&v, &x, 8); return v; }
static uint32_t fbits(float x) { uint32_t v; memcpy(&v, &x, 4); return v; }

/* PE of op(a, b) rounded at unbounded exponent range (finite, non-zero
 * operands that overflowed or underflowed). */
static uint32_t unbounded_pe(int op, int dbl, uint64_t a, uint64_t b,
                             uint32_t csr) {
  int ea, eb, e;
  if (dbl) {
    double x, y;
    memcpy(&x, &a, 8), memcpy(&y, &b, 8);
    if (op == L_CVT)
      return lane_flags(L_CVT, 1, dbits(frexp(y, &eb)), dbits(frexp(y, &eb)),
                        csr) & 0x20;
    if (x == 0 || y == 0) return 0;
    if (op == L_MUL || op == L_DIV)
      return lane_flags(op, 1, dbits(frexp(x, &ea)), dbits(frexp(y, &eb)),
                        csr) & 0x20;
    frexp(x, &ea), frexp(y, &eb);
    e = ea > eb ? ea : eb;
    /* A non-zero addend far below half an ulp of the other: inexact. */
    if (ea - eb > 56 || eb - ea > 56) return 0x20;
    return lane_flags(op, 1, dbits(ldexp(x, -e)), dbits(ldexp(y, -e)), csr) &
           0x20;
  } else {
    float x, y;
    uint32_t a32 = (uint32_t)a, b32 = (uint32_t)b;
    memcpy(&x, &a32, 4), memcpy(&y, &b32, 4);
    if (x == 0 || y == 0) return 0;
    if (op == L_MUL || op == L_DIV)
      return lane_flags(op, 0, fbits(frexpf(x, &ea)), fbits(frexpf(y, &eb)),
                        csr) & 0x20;
    frexpf(x, &ea), frexpf(y, &eb);
    e = ea > eb ? ea : eb;
    if (ea - eb > 27 || eb - ea > 27) return 0x20;
    return lane_flags(op, 0, fbits(ldexpf(x, -e)), fbits(ldexpf(y, -e)), csr) &
           0x20;
  }
}

/* The flags c of INSN on d, s with PE made exact. Ops that can neither
 * overflow nor underflow never get here; others are left alone. */
__attribute__((noinline, cold)) static uint32_t fp_unbounded_pe(
    struct Machine *m, const char *insn, V dv, V sv, uint32_t c) {
  uint32_t csr = fp_csr(m), unm = ~(m->mxcsr >> 7) & 0x18, pe = 0;
  uint32_t d32[4], s32[4];
  uint64_t d64[2], s64[2];
  int op[4], dbl, n, k, hor = 0, alt = 0;
  size_t len = strlen(insn);
  memcpy(d32, &dv, 16), memcpy(s32, &sv, 16);
  memcpy(d64, &dv, 16), memcpy(s64, &sv, 16);
  if (len < 5) return c;
  dbl = insn[len - 1] == 'd';
  n = insn[len - 2] == 's' ? 1 : dbl ? 2 : 4;
  if (!strncmp(insn, "addsub", 6)) alt = 1, op[0] = L_SUB;
  else if (!strncmp(insn, "hadd", 4)) hor = 1, op[0] = L_ADD;
  else if (!strncmp(insn, "hsub", 4)) hor = 1, op[0] = L_SUB;
  else if (!strncmp(insn, "add", 3)) op[0] = L_ADD;
  else if (!strncmp(insn, "sub", 3)) op[0] = L_SUB;
  else if (!strncmp(insn, "mul", 3)) op[0] = L_MUL;
  else if (!strncmp(insn, "div", 3)) op[0] = L_DIV;
  else if (!strcmp(insn, "cvtpd2ps")) op[0] = L_CVT, n = 2, dbl = 1;
  else if (!strcmp(insn, "cvtsd2ss")) op[0] = L_CVT, n = 1, dbl = 1;
  else return c;
  for (k = 1; k < n; ++k) op[k] = alt ? (k & 1 ? L_ADD : L_SUB) : op[0];
  for (k = 0; k < n; ++k) {
    uint64_t a, b;
    uint32_t fl;
    if (hor) {
      /* Lane k sums the pair k of d, then the pairs of s. */
      int h = n / 2, j = k % h;
      if (dbl) {
        a = k < h ? d64[2 * j] : s64[2 * j];
        b = k < h ? d64[2 * j + 1] : s64[2 * j + 1];
      } else {
        a = k < h ? d32[2 * j] : s32[2 * j];
        b = k < h ? d32[2 * j + 1] : s32[2 * j + 1];
      }
    } else if (dbl) {
      a = d64[k], b = s64[k];
    } else {
      a = d32[k], b = s32[k];
    }
    if (dbl && (m->mxcsr & 0x40)) {
      /* DAZ: a denormal operand is a zero of its sign. */
      if (!(a << 1 >> 53) && (a << 1)) a &= 1ull << 63;
      if (!(b << 1 >> 53) && (b << 1)) b &= 1ull << 63;
    } else if (m->mxcsr & 0x40) {
      if (!((uint32_t)a << 1 >> 24) && ((uint32_t)a << 1)) a &= 1u << 31;
      if (!((uint32_t)b << 1 >> 24) && ((uint32_t)b << 1)) b &= 1u << 31;
    }
    fl = lane_flags(op[k], dbl, a, b, csr);
    if (fl & unm) pe |= unbounded_pe(op[k], dbl, a, b, csr);
    else pe |= fl & 0x20;
  }
  return (c & ~0x20u) | pe;
}

/* INSN src, dst on two XMM values, the exact way. One corner more: with
 * underflow unmasked the CPU signals it for every tiny result, exact or
 * not, while a masked run only flags tiny and inexact ones. When the
 * guest has UM clear (rare), a second run with FTZ set tells: flushing a
 * tiny result to zero always sets UE. */
#define FP2(INSN, D, S, C)                                               \
  do {                                                                   \
    V in_ = (D);                                                         \
    FP_ASM(INSN " %[s], %[d]", C, ([d] "+x"(D)), ([s] "x"(S)));          \
    if (__builtin_expect(!(m->mxcsr & 0x800), 0)) {                      \
      V in2_ = in_;                                                      \
      uint32_t c2_ = fp_csr(m) | 0x8000;                                 \
      FP_ASM(INSN " %[s], %[d]", c2_, ([d] "+x"(in2_)), ([s] "x"(S)));   \
      C |= c2_ & 0x10;                                                   \
    }                                                                    \
    if (__builtin_expect((C) & 0x18 & ~(m->mxcsr >> 7), 0))              \
      C = fp_unbounded_pe(m, INSN, in_, S, C);                           \
  } while (0)

/* A general-register or memory source (cvtsi2ss ...). */
#define FP2R(INSN, D, S, C) \
  FP_ASM(INSN " %[s], %[d]", C, ([d] "+x"(D)), ([s] "rm"(S)))

/* An XMM source and a general-register result (cvtss2si ...). */
#define FP2G(INSN, D, S, C) \
  FP_ASM(INSN " %[s], %[d]", C, ([d] "=r"(D)), ([s] "x"(S)))

/* The quick path's instruction, under the host MXCSR as it is. */
#define QUICK(INSN, D, S) __asm__(INSN " %[s], %[d]" : [d] "+x"(D) : [s] "x"(S))
#define QUICKR(INSN, D, S) __asm__(INSN " %[s], %[d]" : [d] "+x"(D) : [s] "rm"(S))
#define QUICKG(INSN, D, S) __asm__(INSN " %[s], %[d]" : [d] "=r"(D) : [s] "x"(S))

/* The host's MXCSR control bits, read once per thread; ~0 (matching no
 * guest) if the host unmasked an exception, so that the quick path could
 * never trap. */
static __thread uint32_t host_ctl_cache;

static uint32_t host_ctl_read(void) {
  uint32_t h;
  __asm__ volatile("stmxcsr %0" : "=m"(h));
  h &= ~MXCSR_FLAGS;
  /* The reasoning above needs every exception masked and round to
   * nearest (under which an overflow always shows as an infinity). */
  if ((h & MXCSR_MASKS) != MXCSR_MASKS || (h & 0x6000)) h = ~0u;
  return host_ctl_cache = h;
}

/* Whether results may be taken from the quick path: the guest computes
 * under the host's control bits and already has PE. */
static inline int fp_quick(struct Machine *m) {
  uint32_t h = host_ctl_cache;
  if (__builtin_expect(!h, 0)) h = host_ctl_read();
  return (m->mxcsr & ~(MXCSR_FLAGS & ~0x20u)) == (h | 0x20u);
}

/* Finite and not denormal (zero is fine): raises nothing as an input.
 * With the sign shifted out, a normal number's exponent field lies in
 * [1, max - 1], one unsigned compare after subtracting the lower bound. */
static inline int in32(uint32_t x) {
  uint32_t y = x << 1;
  return (y - (1u << 24) < (0xfeu << 24)) | (y == 0);
}
static inline int in64(uint64_t x) {
  uint64_t y = x << 1;
  return (y - (1ull << 53) < (0x7feull << 53)) | (y == 0);
}
/* Finite, normal and at least twice the smallest normal (exponent field
 * in [2, max - 1]). */
static inline int out32(uint32_t x) {
  uint32_t y = x << 1;
  return y - (2u << 24) < (0xfdu << 24);
}
static inline int out64(uint64_t x) {
  uint64_t y = x << 1;
  return y - (2ull << 53) < (0x7fdull << 53);
}

/* The checks over the lanes an op reads (d unless unary, s) and writes
 * (r, unless minmax: min and max return an input and raise no PE). */
enum { Q_BIN, Q_UNARY, Q_MINMAX };

static inline int quiet_ps(V d, V s, V r, int kind) {
  uint32_t a[4], b[4], c[4];
  int ok = 1;
  memcpy(a, &d, 16), memcpy(b, &s, 16), memcpy(c, &r, 16);
  for (int k = 0; k < 4; ++k)
    ok &= (kind == Q_UNARY || in32(a[k])) & in32(b[k]) &
          (kind == Q_MINMAX || out32(c[k]));
  return ok;
}
static inline int quiet_pd(V d, V s, V r, int kind) {
  int ok = 1;
  for (int k = 0; k < 2; ++k)
    ok &= (kind == Q_UNARY || in64((uint64_t)d[k])) & in64((uint64_t)s[k]) &
          (kind == Q_MINMAX || out64((uint64_t)r[k]));
  return ok;
}
static inline int quiet_ss(V d, V s, V r, int kind) {
  return (kind == Q_UNARY || in32((uint32_t)d[0])) & in32((uint32_t)s[0]) &
         (kind == Q_MINMAX || out32((uint32_t)r[0]));
}
static inline int quiet_sd(V d, V s, V r, int kind) {
  return (kind == Q_UNARY || in64((uint64_t)d[0])) & in64((uint64_t)s[0]) &
         (kind == Q_MINMAX || out64((uint64_t)r[0]));
}

/* One form of an arithmetic op: quick path, else the exact way. */
#define ARITH_FORM(INSN, CHECK, KIND)                                    \
  do {                                                                   \
    uint32_t c_;                                                         \
    d = xv(&m->xmm[i->reg]), sv = xv(&s);                                \
    if (__builtin_expect(fp_quick(m), 1)) {                              \
      V r_ = d;                                                          \
      QUICK(INSN, r_, sv);                                               \
      if (__builtin_expect(CHECK(d, sv, r_, KIND), 1)) {                 \
        d = r_;                                                          \
        break;                                                           \
      }                                                                  \
    }                                                                    \
    c_ = fp_csr(m);                                                      \
    FP2(INSN, d, sv, c_);                                                \
    fp_done(m, c_);                                                      \
  } while (0)

/* --- arithmetic: 51-53, 58-5F, D0, 7C, 7D -------------------------------- */

/* One handler per opcode with its ps/pd/ss/sd forms.
 * Packed forms read an aligned m128, scalar forms m32/m64. */
#define FP_ARITH(OPC, PS, PD, SS, SD, KIND)                             \
  void op_sse_##OPC(struct Machine *m, const struct Insn *i) {          \
    Xmm s;                                                              \
    V d, sv;                                                            \
    switch (sse_pfx(i)) {                                               \
      case PFX_NONE:                                                    \
        sse_get_ex(m, i, &s, 1);                                        \
        ARITH_FORM(PS, quiet_ps, KIND);                                 \
        break;                                                          \
      case PFX_66:                                                      \
        sse_get_ex(m, i, &s, 1);                                        \
        ARITH_FORM(PD, quiet_pd, KIND);                                 \
        break;                                                          \
      case PFX_F3:                                                      \
        sse_get_ex32(m, i, &s);                                         \
        ARITH_FORM(SS, quiet_ss, KIND);                                 \
        break;                                                          \
      default:                                                          \
        sse_get_ex64(m, i, &s);                                         \
        ARITH_FORM(SD, quiet_sd, KIND);                                 \
        break;                                                          \
    }                                                                   \
    vx(&m->xmm[i->reg], d);                                             \
  }

FP_ARITH(51, "sqrtps", "sqrtpd", "sqrtss", "sqrtsd", Q_UNARY)
FP_ARITH(58, "addps", "addpd", "addss", "addsd", Q_BIN)
FP_ARITH(59, "mulps", "mulpd", "mulss", "mulsd", Q_BIN)
FP_ARITH(5c, "subps", "subpd", "subss", "subsd", Q_BIN)
FP_ARITH(5d, "minps", "minpd", "minss", "minsd", Q_MINMAX)
FP_ARITH(5e, "divps", "divpd", "divss", "divsd", Q_BIN)
FP_ARITH(5f, "maxps", "maxpd", "maxss", "maxsd", Q_MINMAX)

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
 * know eight predicates, imm8[2:0]; the rest of imm8 is ignored. A
 * compare raises only IE (NaN operands) and DE (denormal operands), so on
 * quiet inputs the quick path needs no MXCSR at all. */
#define CMP_SWITCH(SFX, RUN)                                     \
  switch (i->imm & 7) {                                          \
    case 0: RUN("cmpeq" SFX); break;                             \
    case 1: RUN("cmplt" SFX); break;                             \
    case 2: RUN("cmple" SFX); break;                             \
    case 3: RUN("cmpunord" SFX); break;                          \
    case 4: RUN("cmpneq" SFX); break;                            \
    case 5: RUN("cmpnlt" SFX); break;                            \
    case 6: RUN("cmpnle" SFX); break;                            \
    default: RUN("cmpord" SFX); break;                           \
  }
#define CMP_QUICK(INSN) QUICK(INSN, d, sv)
#define CMP_EXACT(INSN) FP2(INSN, d, sv, c)
#define CMP_FORM(SFX, QUIET)                                     \
  do {                                                           \
    d = xv(&m->xmm[i->reg]), sv = xv(&s);                        \
    if (QUIET) {                                                 \
      CMP_SWITCH(SFX, CMP_QUICK);                                \
    } else {                                                     \
      c = fp_csr(m);                                             \
      CMP_SWITCH(SFX, CMP_EXACT);                                \
      fp_done(m, c);                                             \
    }                                                            \
  } while (0)

void op_sse_c2(struct Machine *m, const struct Insn *i) {
  Xmm s;
  V d, sv;
  uint32_t c;
  switch (sse_pfx(i)) {
    case PFX_NONE:
      sse_get_ex(m, i, &s, 1);
      CMP_FORM("ps", quiet_ps(xv(&m->xmm[i->reg]), xv(&s), d, Q_MINMAX));
      break;
    case PFX_66:
      sse_get_ex(m, i, &s, 1);
      CMP_FORM("pd", quiet_pd(xv(&m->xmm[i->reg]), xv(&s), d, Q_MINMAX));
      break;
    case PFX_F3:
      sse_get_ex32(m, i, &s);
      CMP_FORM("ss", in32(m->xmm[i->reg].d[0]) && in32(s.d[0]));
      break;
    default:
      sse_get_ex64(m, i, &s);
      CMP_FORM("sd", in64(m->xmm[i->reg].q[0]) && in64(s.q[0]));
      break;
  }
  vx(&m->xmm[i->reg], d);
}

/* 0F 2E ucomiss/ucomisd, 0F 2F comiss/comisd: ZF PF CF from the compare,
 * OF SF AF cleared. Only IE and DE can be raised, never on quiet inputs. */
#define COMI_TPL(INSN) INSN " %[s], %[d]\n\tsetz %[z]\n\tsetp %[p]\n\tsetc %[cf]"
#define COMI(INSN, D, S, C, Z, P, CF)                                 \
  FP_ASM(COMI_TPL(INSN), C, ([z] "=q"(Z), [p] "=q"(P), [cf] "=q"(CF)), \
         ([d] "x"(D), [s] "x"(S)))
#define COMI_QUICK(INSN, D, S, Z, P, CF)                              \
  __asm__(COMI_TPL(INSN) : [z] "=q"(Z), [p] "=q"(P), [cf] "=q"(CF)     \
          : [d] "x"(D), [s] "x"(S) : "cc")

static void comi(struct Machine *m, const struct Insn *i, int ordered) {
  Xmm s;
  V d, sv;
  uint8_t z, p, cf;
  uint32_t c;
  switch (sse_pfx(i)) {
    case PFX_NONE:
      sse_get_ex32(m, i, &s);
      d = xv(&m->xmm[i->reg]), sv = xv(&s);
      if (in32(m->xmm[i->reg].d[0]) && in32(s.d[0])) {
        COMI_QUICK("comiss", d, sv, z, p, cf);
        break;
      }
      c = fp_csr(m);
      if (ordered) COMI("comiss", d, sv, c, z, p, cf);
      else COMI("ucomiss", d, sv, c, z, p, cf);
      fp_done(m, c);
      break;
    case PFX_66:
      sse_get_ex64(m, i, &s);
      d = xv(&m->xmm[i->reg]), sv = xv(&s);
      if (in64(m->xmm[i->reg].q[0]) && in64(s.q[0])) {
        COMI_QUICK("comisd", d, sv, z, p, cf);
        break;
      }
      c = fp_csr(m);
      if (ordered) COMI("comisd", d, sv, c, z, p, cf);
      else COMI("ucomisd", d, sv, c, z, p, cf);
      fp_done(m, c);
      break;
    default:
      exec_ud(m);
  }
  flags_put_arith(m, (z ? FLAG_ZF : 0) | (p ? FLAG_PF : 0) | (cf ? FLAG_CF : 0));
}

void op_sse_2e(struct Machine *m, const struct Insn *i) { comi(m, i, 0); }
void op_sse_2f(struct Machine *m, const struct Insn *i) { comi(m, i, 1); }

/* --- conversions --------------------------------------------------------- */

/* Conversions: the quick path where the inputs decide there can be no
 * flag (widening float conversions and int to double are exact), or
 * where only PE could be raised and the guest has it already. */
#define CVT_FORM(LOAD, INSN, QUIET_IN, QUIET_OUT)                        \
  do {                                                                   \
    LOAD;                                                                \
    d = xv(&m->xmm[i->reg]), sv = xv(&s);                                \
    if (QUIET_IN) {                                                      \
      V r_ = d;                                                          \
      QUICK(INSN, r_, sv);                                               \
      if (QUIET_OUT) {                                                   \
        d = r_;                                                          \
        break;                                                           \
      }                                                                  \
    }                                                                    \
    c = fp_csr(m);                                                       \
    FP2(INSN, d, sv, c);                                                 \
    fp_done(m, c);                                                       \
  } while (0)
#define LOAD128 sse_get_ex(m, i, &s, 1)
#define LOAD64 sse_get_ex64(m, i, &s)
#define LOAD32 sse_get_ex32(m, i, &s)
/* The integer indefinite, which an invalid conversion returns. */
#define NOT_INDEF(x) ((uint32_t)(x) != 0x80000000u)

/* 0F 5A: cvtps2pd (m64), cvtpd2ps (m128), cvtss2sd (m32), cvtsd2ss (m64). */
void op_sse_5a(struct Machine *m, const struct Insn *i) {
  Xmm s;
  V d, sv;
  uint32_t c;
  switch (sse_pfx(i)) {
    case PFX_NONE:
      CVT_FORM(LOAD64, "cvtps2pd", in32(s.d[0]) && in32(s.d[1]), 1);
      break;
    case PFX_66:
      CVT_FORM(LOAD128, "cvtpd2ps",
               fp_quick(m) && in64(s.q[0]) && in64(s.q[1]),
               out32((uint32_t)r_[0]) && out32((uint32_t)(r_[0] >> 32)));
      break;
    case PFX_F3:
      CVT_FORM(LOAD32, "cvtss2sd", in32(s.d[0]), 1);
      break;
    default:
      CVT_FORM(LOAD64, "cvtsd2ss", fp_quick(m) && in64(s.q[0]),
               out32((uint32_t)r_[0]));
      break;
  }
  vx(&m->xmm[i->reg], d);
}

/* 0F 5B: cvtdq2ps, cvtps2dq (66), cvttps2dq (F3). */
static inline int no_indef4(V r) {
  return NOT_INDEF(r[0]) & NOT_INDEF(r[0] >> 32) & NOT_INDEF(r[1]) &
         NOT_INDEF(r[1] >> 32);
}

void op_sse_5b(struct Machine *m, const struct Insn *i) {
  Xmm s;
  V d, sv;
  uint32_t c;
  switch (sse_pfx(i)) {
    case PFX_NONE: CVT_FORM(LOAD128, "cvtdq2ps", fp_quick(m), 1); break;
    case PFX_66: CVT_FORM(LOAD128, "cvtps2dq", fp_quick(m), no_indef4(r_)); break;
    case PFX_F3: CVT_FORM(LOAD128, "cvttps2dq", fp_quick(m), no_indef4(r_)); break;
    default: exec_ud(m);
  }
  vx(&m->xmm[i->reg], d);
}

/* 0F E6: cvttpd2dq (66), cvtdq2pd (F3, m64), cvtpd2dq (F2). */
void op_sse_e6(struct Machine *m, const struct Insn *i) {
  Xmm s;
  V d, sv;
  uint32_t c;
  switch (sse_pfx(i)) {
    case PFX_66:
      CVT_FORM(LOAD128, "cvttpd2dq", fp_quick(m),
               NOT_INDEF(r_[0]) && NOT_INDEF(r_[0] >> 32));
      break;
    case PFX_F3: CVT_FORM(LOAD64, "cvtdq2pd", 1, 1); break;
    case PFX_F2:
      CVT_FORM(LOAD128, "cvtpd2dq", fp_quick(m),
               NOT_INDEF(r_[0]) && NOT_INDEF(r_[0] >> 32));
      break;
    default: exec_ud(m);
  }
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
    if (i->mod == 3) mmx_enter(m);  /* before a #XM, as on the host */
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
  } else if (i->rex & 8) {
    /* Only PE can be raised: quick once the guest has it. */
    int64_t v = (int64_t)op_get_e(m, i, 8);
    d = xv(&m->xmm[i->reg]);
    if (fp_quick(m)) {
      if (p == PFX_F3) QUICKR("cvtsi2ssq", d, v);
      else QUICKR("cvtsi2sdq", d, v);
    } else {
      if (p == PFX_F3) FP2R("cvtsi2ssq", d, v, c);
      else FP2R("cvtsi2sdq", d, v, c);
      fp_done(m, c);
    }
  } else {
    int32_t v = (int32_t)op_get_e(m, i, 4);
    d = xv(&m->xmm[i->reg]);
    if (p == PFX_F2) {
      QUICKR("cvtsi2sdl", d, v);  /* exact: no flag, no rounding */
    } else if (fp_quick(m)) {
      QUICKR("cvtsi2ssl", d, v);
    } else {
      FP2R("cvtsi2ssl", d, v, c);
      fp_done(m, c);
    }
  }
  vx(&m->xmm[i->reg], d);
}

/* 0F 2C / 0F 2D: float to integer, truncating (2C) or rounding per
 * MXCSR.RC (2D). cvt(t)ps2pi mm, xmm/m64; cvt(t)pd2pi mm, xmm/m128;
 * cvt(t)ss2si r, xmm/m32; cvt(t)sd2si r, xmm/m64. */
/* Float to a general register: an invalid conversion returns the
 * integer indefinite (the most negative value); anything else raises at
 * most PE. */
#define CVT_INT(V, INSN, OUT)                                          \
  do {                                                                  \
    if (fp_quick(m)) {                                                  \
      QUICKG(INSN, V, sv);                                              \
      if ((int64_t)(V) != (sizeof(V) == 8 ? INT64_MIN : INT32_MIN)) {   \
        m->r[i->reg] = OUT;                                             \
        return;                                                         \
      }                                                                 \
    }                                                                   \
    c = fp_csr(m);                                                      \
    FP2G(INSN, V, sv, c);                                               \
    fp_done(m, c);                                                      \
    m->r[i->reg] = OUT;                                                 \
  } while (0)
static void cvt2int(struct Machine *m, const struct Insn *i, int trunc) {
  Xmm s;
  V sv, r;
  uint32_t c = fp_csr(m);
  int w = (i->rex & 8) != 0;
  switch (sse_pfx(i)) {
    case PFX_NONE:
      /* The switch to MMX state happens before the conversion, so a
       * #XM it raises finds it done (as on the host). */
      mmx_check(m);
      sse_get_ex64(m, i, &s);
      mmx_enter(m);
      s.q[1] = 0;  /* only two lanes convert; zeros raise nothing */
      sv = xv(&s), r = sv;
      if (trunc) FP2("cvttps2dq", r, sv, c);
      else FP2("cvtps2dq", r, sv, c);
      fp_done(m, c);
      mmx_enter(m);
      mmx_put(m, i->reg & 7, (uint64_t)r[0]);
      return;
    case PFX_66:
      mmx_check(m);
      sse_get_ex(m, i, &s, 1);
      mmx_enter(m);
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
        if (trunc) CVT_INT(v, "cvttss2si", (uint64_t)v);
        else CVT_INT(v, "cvtss2si", (uint64_t)v);
      } else {
        int32_t v;
        if (trunc) CVT_INT(v, "cvttss2si", (uint32_t)v);
        else CVT_INT(v, "cvtss2si", (uint32_t)v);
      }
      return;
    default:
      sse_get_ex64(m, i, &s);
      sv = xv(&s);
      if (w) {
        int64_t v;
        if (trunc) CVT_INT(v, "cvttsd2si", (uint64_t)v);
        else CVT_INT(v, "cvtsd2si", (uint64_t)v);
      } else {
        int32_t v;
        if (trunc) CVT_INT(v, "cvttsd2si", (uint32_t)v);
        else CVT_INT(v, "cvtsd2si", (uint32_t)v);
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

/* --- SSE4.1: round, dot products ----------------------------------------- */

/* 0F3A 08-0B: roundps, roundpd, roundss, roundsd xmm, xmm/m, imm8.
 * imm[1:0] is the rounding mode, imm[2] says "use MXCSR.RC instead" and
 * imm[3] suppresses PE; the CPU ignores imm[7:4]. Only IE (signaling NaN)
 * and PE can be raised, so quiet inputs under the quick conditions need
 * no MXCSR. */
#define ROUND_SWITCH(INSN, RUN)                                    \
  switch (i->imm & 15) {                                           \
    case 0: RUN(INSN " $0,"); break;                               \
    case 1: RUN(INSN " $1,"); break;                               \
    case 2: RUN(INSN " $2,"); break;                               \
    case 3: RUN(INSN " $3,"); break;                               \
    case 4: RUN(INSN " $4,"); break;                               \
    case 5: RUN(INSN " $5,"); break;                               \
    case 6: RUN(INSN " $6,"); break;                               \
    case 7: RUN(INSN " $7,"); break;                               \
    case 8: RUN(INSN " $8,"); break;                               \
    case 9: RUN(INSN " $9,"); break;                               \
    case 10: RUN(INSN " $10,"); break;                             \
    case 11: RUN(INSN " $11,"); break;                             \
    case 12: RUN(INSN " $12,"); break;                             \
    case 13: RUN(INSN " $13,"); break;                             \
    case 14: RUN(INSN " $14,"); break;                             \
    default: RUN(INSN " $15,"); break;                             \
  }
#define ROUND_QUICK(INSN) QUICK(INSN, d, sv)
#define ROUND_EXACT(INSN) FP2(INSN, d, sv, c)

static void round_op(struct Machine *m, const struct Insn *i, int form) {
  Xmm s;
  V d, sv;
  uint32_t c;
  int quiet;
  if (sse_pfx(i) != PFX_66) exec_ud(m);
  switch (form) {
    case 0:
      sse_get_ex(m, i, &s, 1);
      quiet = in32(s.d[0]) & in32(s.d[1]) & in32(s.d[2]) & in32(s.d[3]);
      break;
    case 1:
      sse_get_ex(m, i, &s, 1);
      quiet = in64(s.q[0]) & in64(s.q[1]);
      break;
    case 2:
      sse_get_ex32(m, i, &s);
      quiet = in32(s.d[0]);
      break;
    default:
      sse_get_ex64(m, i, &s);
      quiet = in64(s.q[0]);
      break;
  }
  d = xv(&m->xmm[i->reg]), sv = xv(&s);
  if (quiet && fp_quick(m)) {
    switch (form) {
      case 0: ROUND_SWITCH("roundps", ROUND_QUICK); break;
      case 1: ROUND_SWITCH("roundpd", ROUND_QUICK); break;
      case 2: ROUND_SWITCH("roundss", ROUND_QUICK); break;
      default: ROUND_SWITCH("roundsd", ROUND_QUICK); break;
    }
  } else {
    c = fp_csr(m);
    switch (form) {
      case 0: ROUND_SWITCH("roundps", ROUND_EXACT); break;
      case 1: ROUND_SWITCH("roundpd", ROUND_EXACT); break;
      case 2: ROUND_SWITCH("roundss", ROUND_EXACT); break;
      default: ROUND_SWITCH("roundsd", ROUND_EXACT); break;
    }
    fp_done(m, c);
  }
  vx(&m->xmm[i->reg], d);
}

void op_sse3a_08(struct Machine *m, const struct Insn *i) { round_op(m, i, 0); }
void op_sse3a_09(struct Machine *m, const struct Insn *i) { round_op(m, i, 1); }
void op_sse3a_0a(struct Machine *m, const struct Insn *i) { round_op(m, i, 2); }
void op_sse3a_0b(struct Machine *m, const struct Insn *i) { round_op(m, i, 3); }

/* 0F3A 40/41: dpps, dppd xmm, xmm/m128, imm8. The products of the lanes
 * imm[7:4] selects (the others are +0.0 and raise nothing, so they are
 * zeroed before the multiply), summed pairwise in the CPU's order, which
 * is what two haddps (one haddpd) do; the sum goes to the lanes imm[3:0]
 * selects, zero elsewhere. The CPU checks for unmasked exceptions after
 * each stage (multiply, pair sums, final sum): a stage that faults keeps
 * the later ones from raising anything, so they run one at a time. */
void op_sse3a_40(struct Machine *m, const struct Insn *i) {
  Xmm a, b, r;
  V va, vb;
  unsigned imm = (uint8_t)i->imm, k;
  uint32_t c = fp_csr(m);
  if (sse_pfx(i) != PFX_66) exec_ud(m);
  sse_get_ex(m, i, &b, 1);
  a = m->xmm[i->reg];
  for (k = 0; k < 4; ++k)
    if (!(imm >> (4 + k) & 1)) a.d[k] = b.d[k] = 0;
  va = xv(&a), vb = xv(&b);
  FP2("mulps", va, vb, c);
  fp_done(m, c);
  c = fp_csr(m);
  FP2("haddps", va, va, c);
  fp_done(m, c);
  c = fp_csr(m);
  FP2("haddps", va, va, c);
  fp_done(m, c);
  vx(&a, va);
  for (k = 0; k < 4; ++k) r.d[k] = imm >> k & 1 ? a.d[0] : 0;
  m->xmm[i->reg] = r;
}

void op_sse3a_41(struct Machine *m, const struct Insn *i) {
  Xmm a, b, r;
  V va, vb;
  unsigned imm = (uint8_t)i->imm, k;
  uint32_t c = fp_csr(m);
  if (sse_pfx(i) != PFX_66) exec_ud(m);
  sse_get_ex(m, i, &b, 1);
  a = m->xmm[i->reg];
  for (k = 0; k < 2; ++k)
    if (!(imm >> (4 + k) & 1)) a.q[k] = b.q[k] = 0;
  va = xv(&a), vb = xv(&b);
  FP2("mulpd", va, vb, c);
  fp_done(m, c);
  c = fp_csr(m);
  FP2("haddpd", va, va, c);
  fp_done(m, c);
  vx(&a, va);
  for (k = 0; k < 2; ++k) r.q[k] = imm >> k & 1 ? a.q[0] : 0;
  m->xmm[i->reg] = r;
}

/* --- decode-time fast paths (fastpath.c asks sse_fp_fast) ---------------
 *
 * One lane of a binary op on the quick path, where a zero result is also
 * accepted when it is exact: a sum or difference of finite doubles that
 * rounds to zero is exactly zero (it would otherwise be at least the
 * smallest denormal, which is representable), and a product or quotient
 * is an exact zero when its zero comes from a zero input (a product of
 * two non-zero inputs, or a quotient with a non-zero dividend, that
 * comes out zero has underflowed). Z is the zero rule: 0 add/sub,
 * 1 mul, 2 div. */
static inline int lane_ok(uint64_t a, uint64_t b, uint64_t r, int z) {
  int zero = (r << 1) == 0;
  int zin = z == 0 ? 1 : z == 1 ? ((a << 1) == 0) | ((b << 1) == 0)
                                : (a << 1) == 0;
  return in64(a) & in64(b) & (out64(r) | (zero & zin));
}

/* addsd, subsd, mulsd and divsd without the prefix dispatch: the quick
 * path above on lane 0, and the general handler (which re-reads its
 * operand, nothing having been written) whenever the quick path cannot
 * vouch for the flags. */
#define FAST_SD(NAME, INSN, GENERAL, Z)                                      \
  static void NAME(struct Machine *m, const struct Insn *i) {             \
    uint64_t b = i->mod == 3 ? m->xmm[i->rm].q[0]                         \
                             : mem_load(m, insn_ea(m, i), 8);             \
    uint64_t a = m->xmm[i->reg].q[0];                                     \
    if (__builtin_expect(fp_quick(m), 1)) {                               \
      V d = {(long long)a, 0}, s = {(long long)b, 0};                     \
      QUICK(INSN, d, s);                                                  \
      if (__builtin_expect(lane_ok(a, b, (uint64_t)d[0], Z), 1)) {        \
        m->xmm[i->reg].q[0] = (uint64_t)d[0];                             \
        return;                                                           \
      }                                                                   \
    }                                                                     \
    GENERAL(m, i);                                                        \
  }
FAST_SD(fast_addsd, "addsd", op_sse_58, 0)
FAST_SD(fast_mulsd, "mulsd", op_sse_59, 1)
FAST_SD(fast_subsd, "subsd", op_sse_5c, 0)
FAST_SD(fast_divsd, "divsd", op_sse_5e, 2)

/* addpd, subpd, mulpd and divpd likewise, both lanes on the quick path. */
#define FAST_PD(NAME, INSN, GENERAL, Z)                                      \
  static void NAME(struct Machine *m, const struct Insn *i) {             \
    Xmm s;                                                                \
    sse_get_ex(m, i, &s, 1);                                              \
    V d = xv(&m->xmm[i->reg]), sv = xv(&s);                               \
    if (__builtin_expect(fp_quick(m), 1)) {                               \
      V r = d;                                                            \
      QUICK(INSN, r, sv);                                                 \
      if (__builtin_expect(                                               \
              lane_ok((uint64_t)d[0], (uint64_t)sv[0], (uint64_t)r[0], Z) & \
                  lane_ok((uint64_t)d[1], (uint64_t)sv[1], (uint64_t)r[1], Z), \
              1)) {                                                       \
        vx(&m->xmm[i->reg], r);                                           \
        return;                                                           \
      }                                                                   \
    }                                                                     \
    GENERAL(m, i);                                                        \
  }
FAST_PD(fast_addpd, "addpd", op_sse_58, 0)
FAST_PD(fast_mulpd, "mulpd", op_sse_59, 1)
FAST_PD(fast_subpd, "subpd", op_sse_5c, 0)
FAST_PD(fast_divpd, "divpd", op_sse_5e, 2)

OpFn sse_fp_fast(const struct Insn *i) {
  if (i->map != MAP_0F || i->vex || i->lock) return 0;
  if (i->opsize_prefix && !i->rep) {
    switch (i->op) {
      case 0x58: return fast_addpd;
      case 0x59: return fast_mulpd;
      case 0x5c: return fast_subpd;
      case 0x5e: return fast_divpd;
      default: return 0;
    }
  }
  if (i->rep != REP_F2) return 0;
  switch (i->op) {
    case 0x58: return fast_addsd;
    case 0x59: return fast_mulsd;
    case 0x5c: return fast_subsd;
    case 0x5e: return fast_divsd;
    default: return 0;
  }
}
