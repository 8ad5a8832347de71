/* ops-sse-41.c: SSE4.1 integer, blend, insert/extract and test
 * instructions (all 66-prefixed, XMM only), plus pcmpgtq (SSE4.2) and
 * pclmulqdq. The SSE4.1 floating-point ones (round*, dpps, dppd) are in
 * ops-sse-fp.c with the other host-executed arithmetic.
 *
 * Plain C on lanes: none of these round or touch MXCSR. */
#include "flags.h"
#include "ops-sse.h"
#include "ops.h"

typedef void XmmOp(Xmm *d, const Xmm *s);

/* "op xmm, xmm/m128" with the mandatory 66 prefix; d = f(d, s). */
static inline __attribute__((always_inline)) void x_op(struct Machine *m,
                                                       const struct Insn *i,
                                                       XmmOp *f) {
  Xmm s;
  if (sse_pfx(i) != PFX_66) exec_ud(m);
  sse_get_ex(m, i, &s, 1);
  f(&m->xmm[i->reg], &s);
}

#define LANES(NAME, F, T, N, EXPR)                         \
  static inline void NAME(Xmm *d, const Xmm *s) {          \
    for (unsigned k = 0; k < N; ++k) {                     \
      T a = d->F[k], b = s->F[k];                          \
      d->F[k] = (EXPR);                                    \
    }                                                      \
  }

LANES(pminsb, sb, int8_t, 16, a < b ? a : b)
LANES(pmaxsb, sb, int8_t, 16, a > b ? a : b)
LANES(pminuw, w, uint16_t, 8, a < b ? a : b)
LANES(pmaxuw, w, uint16_t, 8, a > b ? a : b)
LANES(pminsd, sd, int32_t, 4, a < b ? a : b)
LANES(pmaxsd, sd, int32_t, 4, a > b ? a : b)
LANES(pminud, d, uint32_t, 4, a < b ? a : b)
LANES(pmaxud, d, uint32_t, 4, a > b ? a : b)
LANES(pmulld, d, uint32_t, 4, a * b)
LANES(pcmpeqq, q, uint64_t, 2, a == b ? ~0ull : 0)
LANES(pcmpgtq, sq, int64_t, 2, a > b ? -1 : 0)

static inline void pmuldq(Xmm *d, const Xmm *s) {
  d->sq[0] = (int64_t)d->sd[0] * s->sd[0];
  d->sq[1] = (int64_t)d->sd[2] * s->sd[2];
}

static inline uint16_t satuw(int32_t x) {
  return x < 0 ? 0 : x > 65535 ? 65535 : (uint16_t)x;
}

static inline void packusdw(Xmm *d, const Xmm *s) {
  Xmm r;
  for (unsigned k = 0; k < 4; ++k) {
    r.w[k] = satuw(d->sd[k]);
    r.w[4 + k] = satuw(s->sd[k]);
  }
  *d = r;
}

/* phminposuw: the smallest unsigned word and its (lowest) index. */
static inline void phminposuw(Xmm *d, const Xmm *s) {
  unsigned k, at = 0;
  for (k = 1; k < 8; ++k)
    if (s->w[k] < s->w[at]) at = k;
  d->q[0] = s->w[at] | (uint64_t)at << 16;
  d->q[1] = 0;
}

/* Blends by the sign bits of XMM0, taking the source where set. */
static inline void pblendvb(struct Machine *m, Xmm *d, const Xmm *s) {
  for (unsigned k = 0; k < 16; ++k)
    if (m->xmm[0].b[k] & 0x80) d->b[k] = s->b[k];
}

#define X_OP(OPC, FN) \
  void op_sse38_##OPC(struct Machine *m, const struct Insn *i) { x_op(m, i, FN); }

X_OP(28, pmuldq)
X_OP(29, pcmpeqq)
X_OP(2b, packusdw)
X_OP(37, pcmpgtq)
X_OP(38, pminsb)
X_OP(39, pminsd)
X_OP(3a, pminuw)
X_OP(3b, pminud)
X_OP(3c, pmaxsb)
X_OP(3d, pmaxsd)
X_OP(3e, pmaxuw)
X_OP(3f, pmaxud)
X_OP(40, pmulld)
X_OP(41, phminposuw)

/* 0F38 10/14/15: pblendvb, blendvps, blendvpd xmm, xmm/m128, <XMM0>. */
static void blendv(struct Machine *m, const struct Insn *i, unsigned lane) {
  Xmm s, *d = &m->xmm[i->reg];
  const Xmm *k = &m->xmm[0];
  if (sse_pfx(i) != PFX_66) exec_ud(m);
  sse_get_ex(m, i, &s, 1);
  switch (lane) {
    case 1:
      pblendvb(m, d, &s);
      break;
    case 4:
      for (unsigned j = 0; j < 4; ++j)
        if (k->d[j] >> 31) d->d[j] = s.d[j];
      break;
    default:
      for (unsigned j = 0; j < 2; ++j)
        if (k->q[j] >> 63) d->q[j] = s.q[j];
      break;
  }
}

void op_sse38_10(struct Machine *m, const struct Insn *i) { blendv(m, i, 1); }
void op_sse38_14(struct Machine *m, const struct Insn *i) { blendv(m, i, 4); }
void op_sse38_15(struct Machine *m, const struct Insn *i) { blendv(m, i, 8); }

/* 0F38 17: ptest: ZF = (d & s) == 0, CF = (~d & s) == 0, the rest 0. */
void op_sse38_17(struct Machine *m, const struct Insn *i) {
  Xmm s;
  const Xmm *d = &m->xmm[i->reg];
  uint64_t f = 0;
  if (sse_pfx(i) != PFX_66) exec_ud(m);
  sse_get_ex(m, i, &s, 1);
  if (!((d->q[0] & s.q[0]) | (d->q[1] & s.q[1]))) f |= FLAG_ZF;
  if (!((~d->q[0] & s.q[0]) | (~d->q[1] & s.q[1]))) f |= FLAG_CF;
  flags_put_arith(m, f);
}

/* 0F38 20-25, 30-35: pmovsx / pmovzx. The source is the low 8, 4 or 2
 * bytes of an XMM register or memory of that size (no alignment). */
static void pmovx(struct Machine *m, const struct Insn *i, unsigned from,
                  unsigned to, int sign) {
  Xmm s, r;
  unsigned n = 16 / to, k;
  if (sse_pfx(i) != PFX_66) exec_ud(m);
  if (i->mod == 3) {
    s = m->xmm[i->rm];
  } else {
    s.q[0] = mem_load(m, insn_ea(m, i), n * from);
    s.q[1] = 0;
  }
  for (k = 0; k < n; ++k) {
    uint64_t v;
    switch (from) {
      case 1: v = sign ? (uint64_t)(int64_t)s.sb[k] : s.b[k]; break;
      case 2: v = sign ? (uint64_t)(int64_t)s.sw[k] : s.w[k]; break;
      default: v = sign ? (uint64_t)(int64_t)s.sd[k] : s.d[k]; break;
    }
    switch (to) {
      case 2: r.w[k] = (uint16_t)v; break;
      case 4: r.d[k] = (uint32_t)v; break;
      default: r.q[k] = v; break;
    }
  }
  m->xmm[i->reg] = r;
}

#define PMOVX(OPC, FROM, TO, SIGN)                                \
  void op_sse38_##OPC(struct Machine *m, const struct Insn *i) {  \
    pmovx(m, i, FROM, TO, SIGN);                                  \
  }

PMOVX(20, 1, 2, 1)
PMOVX(21, 1, 4, 1)
PMOVX(22, 1, 8, 1)
PMOVX(23, 2, 4, 1)
PMOVX(24, 2, 8, 1)
PMOVX(25, 4, 8, 1)
PMOVX(30, 1, 2, 0)
PMOVX(31, 1, 4, 0)
PMOVX(32, 1, 8, 0)
PMOVX(33, 2, 4, 0)
PMOVX(34, 2, 8, 0)
PMOVX(35, 4, 8, 0)

/* 0F38 2A: movntdqa xmm, m128 (aligned, memory only). */
void op_sse38_2a(struct Machine *m, const struct Insn *i) {
  Xmm s;
  if (sse_pfx(i) != PFX_66 || i->mod == 3) exec_ud(m);
  sse_load16(m, insn_ea(m, i), &s, 1);
  m->xmm[i->reg] = s;
}

/* 0F3A 0C/0D/0E: blendps, blendpd, pblendw by imm8 bits. */
static void blend_imm(struct Machine *m, const struct Insn *i, unsigned lane) {
  Xmm s, *d = &m->xmm[i->reg];
  unsigned c = (uint8_t)i->imm, k;
  if (sse_pfx(i) != PFX_66) exec_ud(m);
  sse_get_ex(m, i, &s, 1);
  for (k = 0; k < 16 / lane; ++k)
    if (c >> k & 1) memcpy(d->b + k * lane, s.b + k * lane, lane);
}

void op_sse3a_0c(struct Machine *m, const struct Insn *i) { blend_imm(m, i, 4); }
void op_sse3a_0d(struct Machine *m, const struct Insn *i) { blend_imm(m, i, 8); }
void op_sse3a_0e(struct Machine *m, const struct Insn *i) { blend_imm(m, i, 2); }

/* 0F3A 14-17: pextrb, pextrw, pextrd/pextrq, extractps to r/m. A
 * register destination gets the value zero-extended to 64 bits. */
static void pextr(struct Machine *m, const struct Insn *i, unsigned size) {
  const Xmm *s = &m->xmm[i->reg];
  unsigned c = (uint8_t)i->imm;
  uint64_t v;
  if (sse_pfx(i) != PFX_66) exec_ud(m);
  switch (size) {
    case 1: v = s->b[c & 15]; break;
    case 2: v = s->w[c & 7]; break;
    case 4: v = s->d[c & 3]; break;
    default: v = s->q[c & 1]; break;
  }
  if (i->mod == 3) m->r[i->rm] = v;
  else mem_store(m, insn_ea(m, i), size, v);
}

void op_sse3a_14(struct Machine *m, const struct Insn *i) { pextr(m, i, 1); }
void op_sse3a_15(struct Machine *m, const struct Insn *i) { pextr(m, i, 2); }
void op_sse3a_16(struct Machine *m, const struct Insn *i) {
  pextr(m, i, (i->rex & 8) ? 8 : 4);
}
void op_sse3a_17(struct Machine *m, const struct Insn *i) { pextr(m, i, 4); }

/* 0F3A 20/22: pinsrb xmm, r32/m8; pinsrd/pinsrq xmm, r/m32/64. */
void op_sse3a_20(struct Machine *m, const struct Insn *i) {
  uint8_t v;
  if (sse_pfx(i) != PFX_66) exec_ud(m);
  v = (uint8_t)(i->mod == 3 ? m->r[i->rm] : mem_load(m, insn_ea(m, i), 1));
  m->xmm[i->reg].b[i->imm & 15] = v;
}

void op_sse3a_22(struct Machine *m, const struct Insn *i) {
  uint64_t v;
  if (sse_pfx(i) != PFX_66) exec_ud(m);
  if (i->rex & 8) {
    v = op_get_e(m, i, 8);
    m->xmm[i->reg].q[i->imm & 1] = v;
  } else {
    v = op_get_e(m, i, 4);
    m->xmm[i->reg].d[i->imm & 3] = (uint32_t)v;
  }
}

/* 0F3A 21: insertps xmm, xmm/m32, imm8: imm[7:6] picks the source lane
 * (a register source only), imm[5:4] the destination lane, imm[3:0]
 * lanes to clear afterwards. */
void op_sse3a_21(struct Machine *m, const struct Insn *i) {
  unsigned c = (uint8_t)i->imm, k;
  uint32_t v;
  Xmm *d = &m->xmm[i->reg];
  if (sse_pfx(i) != PFX_66) exec_ud(m);
  if (i->mod == 3) v = m->xmm[i->rm].d[c >> 6];
  else v = (uint32_t)mem_load(m, insn_ea(m, i), 4);
  d->d[(c >> 4) & 3] = v;
  for (k = 0; k < 4; ++k)
    if (c >> k & 1) d->d[k] = 0;
}

/* 0F3A 42: mpsadbw: eight sums of absolute differences between a sliding
 * 4-byte window of dst (offset imm[2]*4) and a fixed 4-byte block of src
 * (offset imm[1:0]*4). */
void op_sse3a_42(struct Machine *m, const struct Insn *i) {
  Xmm s, r, *d = &m->xmm[i->reg];
  unsigned c = (uint8_t)i->imm, a, b, k, j;
  if (sse_pfx(i) != PFX_66) exec_ud(m);
  sse_get_ex(m, i, &s, 1);
  a = (c >> 2 & 1) * 4;
  b = (c & 3) * 4;
  for (k = 0; k < 8; ++k) {
    unsigned sum = 0;
    for (j = 0; j < 4; ++j) {
      int x = d->b[a + k + j] - s.b[b + j];
      sum += x < 0 ? -x : x;
    }
    r.w[k] = (uint16_t)sum;
  }
  *d = r;
}

/* 0F3A 44: pclmulqdq: carry-less product of the qwords imm[0] of dst and
 * imm[4] of src. */
void op_sse3a_44(struct Machine *m, const struct Insn *i) {
  Xmm s, *d = &m->xmm[i->reg];
  unsigned c = (uint8_t)i->imm, k;
  uint64_t a, b, lo = 0, hi = 0;
  if (sse_pfx(i) != PFX_66) exec_ud(m);
  sse_get_ex(m, i, &s, 1);
  a = d->q[c & 1];
  b = s.q[(c >> 4) & 1];
  for (k = 0; k < 64; ++k)
    if (b >> k & 1) {
      lo ^= a << k;
      if (k) hi ^= a >> (64 - k);
    }
  d->q[0] = lo;
  d->q[1] = hi;
}
