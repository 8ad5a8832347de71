/* ops-sse-int.c: the SSE2 integer ops on XMM registers (66 prefix) and
 * their MMX forms (no prefix), plus the SSSE3 additions (0F38 00-1E,
 * 0F3A 0F).
 *
 * Every op is written once over n bytes, n = 16 for XMM and 8 for MMX.
 * The instructions were designed so that the MMX form is the XMM form on
 * a half-width register: packs take half of their lanes from each operand,
 * unpacks interleave the low or high half, psadbw sums each 8-byte group,
 * pshufb masks its index by n - 1, palignr shifts a 2n-byte concatenation.
 * The handlers are tiny and the lane loops are plain C, which gcc unrolls
 * and vectorizes once n is a constant (int_op is always inlined). None of
 * these touch MXCSR or the flags. */
#include "ops-sse.h"
#include "ops.h"

#define INLINE static inline __attribute__((always_inline))

typedef void IntOp(Xmm *d, const Xmm *s, unsigned n);

/* dst = f(dst, src) for "op mm, mm/m64" (no prefix) and
 * "op xmm, xmm/m128" (66). F2/F3 forms do not exist. */
INLINE void int_op(struct Machine *m, const struct Insn *i, IntOp *f) {
  Xmm s, d;
  if (i->rep) exec_ud(m);
  if (i->opsize_prefix) {
    sse_get_ex(m, i, &s, 1);
    f(&m->xmm[i->reg], &s, 16);
  } else {
    mmx_check(m);
    s.q[0] = mmx_get_e(m, i);
    s.q[1] = 0;
    d.q[0] = m->mmx[i->reg & 7];
    d.q[1] = 0;
    f(&d, &s, 8);
    mmx_enter(m);
    mmx_put(m, i->reg & 7, d.q[0]);
  }
}

/* punpcklbw, punpcklwd, punpckldq: the MMX forms' memory operand is
 * m32 (only the low halves are interleaved), so only 4 bytes are read:
 * the next 4 may lie on an unmapped page. */
INLINE void int_op_lo(struct Machine *m, const struct Insn *i, IntOp *f) {
  Xmm s, d;
  if (i->rep) exec_ud(m);
  if (i->opsize_prefix || i->mod == 3) {
    int_op(m, i, f);
    return;
  }
  mmx_check(m);
  s.q[0] = mem_load(m, insn_ea(m, i), 4);
  s.q[1] = 0;
  d.q[0] = m->mmx[i->reg & 7];
  d.q[1] = 0;
  f(&d, &s, 8);
  mmx_enter(m);
  mmx_put(m, i->reg & 7, d.q[0]);
}

/* The same for ops that exist only on XMM (66 prefix). */
INLINE void xmm_op(struct Machine *m, const struct Insn *i, IntOp *f) {
  Xmm s;
  if (sse_pfx(i) != PFX_66) exec_ud(m);
  sse_get_ex(m, i, &s, 1);
  f(&m->xmm[i->reg], &s, 16);
}

/* --- saturation --------------------------------------------------------- */

static inline int8_t sat8s(int x) {
  return x > 127 ? 127 : x < -128 ? -128 : (int8_t)x;
}
static inline uint8_t sat8u(int x) {
  return x > 255 ? 255 : x < 0 ? 0 : (uint8_t)x;
}
static inline int16_t sat16s(int x) {
  return x > 32767 ? 32767 : x < -32768 ? -32768 : (int16_t)x;
}
static inline uint16_t sat16u(int x) {
  return x > 65535 ? 65535 : x < 0 ? 0 : (uint16_t)x;
}

/* --- lane-wise ops ------------------------------------------------------ */

/* LANEWISE(name, lane field, lane type, expression of a and b). */
#define LANEWISE(NAME, F, T, EXPR)                          \
  static inline void NAME(Xmm *d, const Xmm *s, unsigned n) { \
    for (unsigned k = 0; k < n / sizeof(T); ++k) {           \
      T a = d->F[k], b = s->F[k];                            \
      (void)a;                                               \
      d->F[k] = (EXPR);                                      \
    }                                                        \
  }

LANEWISE(paddb, b, uint8_t, (uint8_t)(a + b))
LANEWISE(paddw, w, uint16_t, (uint16_t)(a + b))
LANEWISE(paddd, d, uint32_t, a + b)
LANEWISE(paddq, q, uint64_t, a + b)
LANEWISE(psubb, b, uint8_t, (uint8_t)(a - b))
LANEWISE(psubw, w, uint16_t, (uint16_t)(a - b))
LANEWISE(psubd, d, uint32_t, a - b)
LANEWISE(psubq, q, uint64_t, a - b)
LANEWISE(paddsb, sb, int8_t, sat8s(a + b))
LANEWISE(paddsw, sw, int16_t, sat16s(a + b))
LANEWISE(psubsb, sb, int8_t, sat8s(a - b))
LANEWISE(psubsw, sw, int16_t, sat16s(a - b))
LANEWISE(paddusb, b, uint8_t, sat8u(a + b))
LANEWISE(paddusw, w, uint16_t, sat16u(a + b))
LANEWISE(psubusb, b, uint8_t, sat8u(a - b))
LANEWISE(psubusw, w, uint16_t, sat16u(a - b))
LANEWISE(pand, q, uint64_t, a & b)
LANEWISE(pandn, q, uint64_t, ~a & b)
LANEWISE(por, q, uint64_t, a | b)
LANEWISE(pxor, q, uint64_t, a ^ b)
LANEWISE(pcmpeqb, b, uint8_t, a == b ? 0xff : 0)
LANEWISE(pcmpeqw, w, uint16_t, a == b ? 0xffff : 0)
LANEWISE(pcmpeqd, d, uint32_t, a == b ? 0xffffffffu : 0)
LANEWISE(pcmpgtb, sb, int8_t, a > b ? -1 : 0)
LANEWISE(pcmpgtw, sw, int16_t, a > b ? -1 : 0)
LANEWISE(pcmpgtd, sd, int32_t, a > b ? -1 : 0)
LANEWISE(pminub, b, uint8_t, a < b ? a : b)
LANEWISE(pmaxub, b, uint8_t, a > b ? a : b)
LANEWISE(pminsw, sw, int16_t, a < b ? a : b)
LANEWISE(pmaxsw, sw, int16_t, a > b ? a : b)
LANEWISE(pavgb, b, uint8_t, (uint8_t)((a + b + 1) >> 1))
LANEWISE(pavgw, w, uint16_t, (uint16_t)((a + b + 1) >> 1))
LANEWISE(pmullw, w, uint16_t, (uint16_t)((uint32_t)a * b))
LANEWISE(pmulhw, sw, int16_t, (int16_t)(((int32_t)a * b) >> 16))
LANEWISE(pmulhuw, w, uint16_t, (uint16_t)(((uint32_t)a * b) >> 16))
/* SSSE3 */
LANEWISE(psignb, sb, int8_t, b < 0 ? (int8_t)-a : b ? a : 0)
LANEWISE(psignw, sw, int16_t, b < 0 ? (int16_t)-a : b ? a : 0)
LANEWISE(psignd, sd, int32_t, b < 0 ? (int32_t)(0u - (uint32_t)a) : b ? a : 0)
LANEWISE(pmulhrsw, sw, int16_t, (int16_t)((((int32_t)a * b >> 14) + 1) >> 1))
LANEWISE(pabsb, sb, int8_t, (int8_t)(b < 0 ? -b : b))
LANEWISE(pabsw, sw, int16_t, (int16_t)(b < 0 ? -b : b))
LANEWISE(pabsd, sd, int32_t, (int32_t)(b < 0 ? 0u - (uint32_t)b : (uint32_t)b))

static inline void pmuludq(Xmm *d, const Xmm *s, unsigned n) {
  for (unsigned k = 0; k < n / 8; ++k)
    d->q[k] = (uint64_t)d->d[2 * k] * s->d[2 * k];
}

static inline void pmaddwd(Xmm *d, const Xmm *s, unsigned n) {
  for (unsigned k = 0; k < n / 4; ++k)
    /* -32768 * -32768 * 2 wraps to INT32_MIN, as on the CPU. */
    d->d[k] = (uint32_t)((int32_t)d->sw[2 * k] * s->sw[2 * k]) +
              (uint32_t)((int32_t)d->sw[2 * k + 1] * s->sw[2 * k + 1]);
}

static inline void psadbw(Xmm *d, const Xmm *s, unsigned n) {
  for (unsigned k = 0; k < n / 8; ++k) {
    unsigned sum = 0;
    for (unsigned j = 0; j < 8; ++j) {
      int x = d->b[8 * k + j] - s->b[8 * k + j];
      sum += x < 0 ? -x : x;
    }
    d->q[k] = sum;
  }
}

static inline void pmaddubsw(Xmm *d, const Xmm *s, unsigned n) {
  for (unsigned k = 0; k < n / 2; ++k)
    d->sw[k] = sat16s(d->b[2 * k] * s->sb[2 * k] +
                      d->b[2 * k + 1] * s->sb[2 * k + 1]);
}

static inline void pshufb(Xmm *d, const Xmm *s, unsigned n) {
  Xmm r;
  for (unsigned k = 0; k < n; ++k)
    r.b[k] = (s->b[k] & 0x80) ? 0 : d->b[s->b[k] & (n - 1)];
  memcpy(d, &r, n);
}

/* --- packs and unpacks -------------------------------------------------- */

static inline void packsswb(Xmm *d, const Xmm *s, unsigned n) {
  Xmm r;
  for (unsigned k = 0; k < n / 2; ++k) {
    r.sb[k] = sat8s(d->sw[k]);
    r.sb[n / 2 + k] = sat8s(s->sw[k]);
  }
  memcpy(d, &r, n);
}

static inline void packuswb(Xmm *d, const Xmm *s, unsigned n) {
  Xmm r;
  for (unsigned k = 0; k < n / 2; ++k) {
    r.b[k] = sat8u(d->sw[k]);
    r.b[n / 2 + k] = sat8u(s->sw[k]);
  }
  memcpy(d, &r, n);
}

static inline void packssdw(Xmm *d, const Xmm *s, unsigned n) {
  Xmm r;
  for (unsigned k = 0; k < n / 4; ++k) {
    r.sw[k] = sat16s(d->sd[k]);
    r.sw[n / 4 + k] = sat16s(s->sd[k]);
  }
  memcpy(d, &r, n);
}

/* Interleave the lanes of the low (H = 0) or high (H = 1) halves. */
#define UNPACK(NAME, F, T, H)                                  \
  static inline void NAME(Xmm *d, const Xmm *s, unsigned n) {    \
    Xmm r;                                                      \
    unsigned c = n / 2 / sizeof(T);                             \
    for (unsigned k = 0; k < c; ++k) {                          \
      r.F[2 * k] = d->F[H * c + k];                             \
      r.F[2 * k + 1] = s->F[H * c + k];                         \
    }                                                           \
    memcpy(d, &r, n);                                           \
  }

UNPACK(punpcklbw, b, uint8_t, 0)
UNPACK(punpcklwd, w, uint16_t, 0)
UNPACK(punpckldq, d, uint32_t, 0)
UNPACK(punpcklqdq, q, uint64_t, 0)
UNPACK(punpckhbw, b, uint8_t, 1)
UNPACK(punpckhwd, w, uint16_t, 1)
UNPACK(punpckhdq, d, uint32_t, 1)
UNPACK(punpckhqdq, q, uint64_t, 1)

/* SSSE3 horizontal adds and subtracts: pairs of d, then pairs of s. */
#define HORIZ(NAME, F, T, EXPR)                                \
  static inline void NAME(Xmm *d, const Xmm *s, unsigned n) {    \
    Xmm r;                                                      \
    unsigned c = n / 2 / sizeof(T);                             \
    for (unsigned k = 0; k < c; ++k) {                          \
      T a = d->F[2 * k], b = d->F[2 * k + 1];                   \
      r.F[k] = (EXPR);                                          \
      a = s->F[2 * k], b = s->F[2 * k + 1];                     \
      r.F[c + k] = (EXPR);                                      \
    }                                                           \
    memcpy(d, &r, n);                                           \
  }

HORIZ(phaddw, w, uint16_t, (uint16_t)(a + b))
HORIZ(phaddd, d, uint32_t, a + b)
HORIZ(phaddsw, sw, int16_t, sat16s(a + b))
HORIZ(phsubw, w, uint16_t, (uint16_t)(a - b))
HORIZ(phsubd, d, uint32_t, a - b)
HORIZ(phsubsw, sw, int16_t, sat16s(a - b))

/* --- shifts ------------------------------------------------------------- */

/* Counts at or past the lane width give 0 (logical) or the sign (arith). */
#define SHIFTS(NAME, F, T, ST, BITS)                                   \
  static inline void NAME##_srl(Xmm *d, uint64_t c, unsigned n) {      \
    for (unsigned k = 0; k < n / sizeof(T); ++k)                       \
      d->F[k] = c >= BITS ? 0 : (T)(d->F[k] >> c);                     \
  }                                                                    \
  static inline void NAME##_sll(Xmm *d, uint64_t c, unsigned n) {      \
    for (unsigned k = 0; k < n / sizeof(T); ++k)                       \
      d->F[k] = c >= BITS ? 0 : (T)(d->F[k] << c);                     \
  }                                                                    \
  static inline void NAME##_sra(Xmm *d, uint64_t c, unsigned n) {      \
    if (c >= BITS) c = BITS - 1;                                       \
    for (unsigned k = 0; k < n / sizeof(T); ++k)                       \
      d->F[k] = (T)((ST)d->F[k] >> c);                                 \
  }

SHIFTS(w, w, uint16_t, int16_t, 16)
SHIFTS(d, d, uint32_t, int32_t, 32)
SHIFTS(q, q, uint64_t, int64_t, 64)

/* Shift by the count in the low 64 bits of the source operand. */
#define SHIFT_BY_E(NAME, FN)                                 \
  static inline void NAME(Xmm *d, const Xmm *s, unsigned n) { \
    FN(d, s->q[0], n);                                       \
  }

SHIFT_BY_E(psrlw, w_srl)
SHIFT_BY_E(psrld, d_srl)
SHIFT_BY_E(psrlq, q_srl)
SHIFT_BY_E(psllw, w_sll)
SHIFT_BY_E(pslld, d_sll)
SHIFT_BY_E(psllq, q_sll)
SHIFT_BY_E(psraw, w_sra)
SHIFT_BY_E(psrad, d_sra)

/* Byte shifts of a whole XMM register (pslldq/psrldq). */
static void byte_shift(Xmm *d, unsigned c, int left) {
  Xmm r;
  memset(&r, 0, sizeof(r));
  if (c < 16) {
    if (left) memcpy(r.b + c, d->b, 16 - c);
    else memcpy(r.b, d->b + c, 16 - c);
  }
  *d = r;
}

/* 0F 71/72/73: shift-by-immediate groups on the rm register. */
static void shift_imm(struct Machine *m, const struct Insn *i, int grp) {
  unsigned c = (uint8_t)i->imm, op = i->reg & 7;
  int xmm;
  Xmm t, *d;
  if (i->rep || i->mod != 3) exec_ud(m);
  xmm = i->opsize_prefix;
  if (xmm) {
    d = &m->xmm[i->rm];
  } else {
    t.q[0] = m->mmx[i->rm & 7];
    t.q[1] = 0;
    d = &t;
  }
  switch (grp << 4 | op) {
    case 0x12: w_srl(d, c, xmm ? 16 : 8); break;
    case 0x14: w_sra(d, c, xmm ? 16 : 8); break;
    case 0x16: w_sll(d, c, xmm ? 16 : 8); break;
    case 0x22: d_srl(d, c, xmm ? 16 : 8); break;
    case 0x24: d_sra(d, c, xmm ? 16 : 8); break;
    case 0x26: d_sll(d, c, xmm ? 16 : 8); break;
    case 0x32: q_srl(d, c, xmm ? 16 : 8); break;
    case 0x36: q_sll(d, c, xmm ? 16 : 8); break;
    case 0x33:
      if (!xmm) exec_ud(m);
      byte_shift(d, c, 0);
      break;
    case 0x37:
      if (!xmm) exec_ud(m);
      byte_shift(d, c, 1);
      break;
    default:
      exec_ud(m);
  }
  if (!xmm) {
    mmx_enter(m);
    mmx_put(m, i->rm & 7, t.q[0]);
  }
}

void op_sse_71(struct Machine *m, const struct Insn *i) { shift_imm(m, i, 1); }
void op_sse_72(struct Machine *m, const struct Insn *i) { shift_imm(m, i, 2); }
void op_sse_73(struct Machine *m, const struct Insn *i) { shift_imm(m, i, 3); }

/* --- handlers ----------------------------------------------------------- */

#define INT_OP(OPC, FN) \
  void op_sse_##OPC(struct Machine *m, const struct Insn *i) { int_op(m, i, FN); }

void op_sse_60(struct Machine *m, const struct Insn *i) { int_op_lo(m, i, punpcklbw); }
void op_sse_61(struct Machine *m, const struct Insn *i) { int_op_lo(m, i, punpcklwd); }
void op_sse_62(struct Machine *m, const struct Insn *i) { int_op_lo(m, i, punpckldq); }
INT_OP(63, packsswb)
INT_OP(64, pcmpgtb)
INT_OP(65, pcmpgtw)
INT_OP(66, pcmpgtd)
INT_OP(67, packuswb)
INT_OP(68, punpckhbw)
INT_OP(69, punpckhwd)
INT_OP(6a, punpckhdq)
INT_OP(6b, packssdw)
INT_OP(74, pcmpeqb)
INT_OP(75, pcmpeqw)
INT_OP(76, pcmpeqd)
INT_OP(d1, psrlw)
INT_OP(d2, psrld)
INT_OP(d3, psrlq)
INT_OP(d4, paddq)
INT_OP(d5, pmullw)
INT_OP(d8, psubusb)
INT_OP(d9, psubusw)
INT_OP(da, pminub)
INT_OP(db, pand)
INT_OP(dc, paddusb)
INT_OP(dd, paddusw)
INT_OP(de, pmaxub)
INT_OP(df, pandn)
INT_OP(e0, pavgb)
INT_OP(e1, psraw)
INT_OP(e2, psrad)
INT_OP(e3, pavgw)
INT_OP(e4, pmulhuw)
INT_OP(e5, pmulhw)
INT_OP(e8, psubsb)
INT_OP(e9, psubsw)
INT_OP(ea, pminsw)
INT_OP(eb, por)
INT_OP(ec, paddsb)
INT_OP(ed, paddsw)
INT_OP(ee, pmaxsw)
INT_OP(ef, pxor)
INT_OP(f1, psllw)
INT_OP(f2, pslld)
INT_OP(f3, psllq)
INT_OP(f4, pmuludq)
INT_OP(f5, pmaddwd)
INT_OP(f6, psadbw)
INT_OP(f8, psubb)
INT_OP(f9, psubw)
INT_OP(fa, psubd)
INT_OP(fb, psubq)
INT_OP(fc, paddb)
INT_OP(fd, paddw)
INT_OP(fe, paddd)

void op_sse_6c(struct Machine *m, const struct Insn *i) { xmm_op(m, i, punpcklqdq); }
void op_sse_6d(struct Machine *m, const struct Insn *i) { xmm_op(m, i, punpckhqdq); }

#define SSSE3_OP(OPC, FN) \
  void op_sse38_##OPC(struct Machine *m, const struct Insn *i) { int_op(m, i, FN); }

SSSE3_OP(00, pshufb)
SSSE3_OP(01, phaddw)
SSSE3_OP(02, phaddd)
SSSE3_OP(03, phaddsw)
SSSE3_OP(04, pmaddubsw)
SSSE3_OP(05, phsubw)
SSSE3_OP(06, phsubd)
SSSE3_OP(07, phsubsw)
SSSE3_OP(08, psignb)
SSSE3_OP(09, psignw)
SSSE3_OP(0a, psignd)
SSSE3_OP(0b, pmulhrsw)
SSSE3_OP(1c, pabsb)
SSSE3_OP(1d, pabsw)
SSSE3_OP(1e, pabsd)

/* 0F3A 0F: palignr mm/xmm, mm/m64 / xmm/m128, imm8: the 2n-byte
 * concatenation dst:src shifted right by imm8 bytes, low n bytes kept. */
void op_sse3a_0f(struct Machine *m, const struct Insn *i) {
  uint8_t cat[32];
  unsigned c = (uint8_t)i->imm, n, k;
  Xmm s, d;
  if (i->rep) exec_ud(m);
  if (i->opsize_prefix) {
    sse_get_ex(m, i, &s, 1);
    d = m->xmm[i->reg];
    n = 16;
  } else {
    mmx_check(m);
    s.q[0] = mmx_get_e(m, i);
    d.q[0] = m->mmx[i->reg & 7];
    n = 8;
  }
  memcpy(cat, s.b, n);
  memcpy(cat + n, d.b, n);
  for (k = 0; k < n; ++k) d.b[k] = c + k < 2 * n ? cat[c + k] : 0;
  if (n == 16) {
    m->xmm[i->reg] = d;
  } else {
    mmx_enter(m);
    mmx_put(m, i->reg & 7, d.q[0]);
  }
}

/* 0F 70: pshufw (MMX), pshufd (66), pshufhw (F3), pshuflw (F2). */
void op_sse_70(struct Machine *m, const struct Insn *i) {
  unsigned c = (uint8_t)i->imm, k;
  Xmm s, r;
  switch (sse_pfx(i)) {
    case PFX_NONE: {
      uint64_t v, o = 0;
      mmx_check(m);
      v = mmx_get_e(m, i);
      for (k = 0; k < 4; ++k) o |= ((v >> 16 * ((c >> 2 * k) & 3)) & 0xffff) << 16 * k;
      mmx_enter(m);
      mmx_put(m, i->reg & 7, o);
      return;
    }
    case PFX_66:
      sse_get_ex(m, i, &s, 1);
      for (k = 0; k < 4; ++k) r.d[k] = s.d[(c >> 2 * k) & 3];
      break;
    case PFX_F3:
      sse_get_ex(m, i, &s, 1);
      r.q[0] = s.q[0];
      for (k = 0; k < 4; ++k) r.w[4 + k] = s.w[4 + ((c >> 2 * k) & 3)];
      break;
    default:
      sse_get_ex(m, i, &s, 1);
      r.q[1] = s.q[1];
      for (k = 0; k < 4; ++k) r.w[k] = s.w[(c >> 2 * k) & 3];
      break;
  }
  m->xmm[i->reg] = r;
}

/* 0F C4: pinsrw mm/xmm, r32/m16, imm8. */
void op_sse_c4(struct Machine *m, const struct Insn *i) {
  uint16_t v;
  if (i->rep) exec_ud(m);
  if (!i->opsize_prefix) mmx_check(m);
  v = (uint16_t)op_get_e(m, i, 2);
  if (i->opsize_prefix) {
    m->xmm[i->reg].w[i->imm & 7] = v;
  } else {
    unsigned sh = 16 * (i->imm & 3);
    uint64_t x = m->mmx[i->reg & 7];
    x = (x & ~(0xffffull << sh)) | (uint64_t)v << sh;
    mmx_enter(m);
    mmx_put(m, i->reg & 7, x);
  }
}

/* 0F C5: pextrw r32, mm/xmm, imm8 (register source only). */
void op_sse_c5(struct Machine *m, const struct Insn *i) {
  if (i->rep || i->mod != 3) exec_ud(m);
  if (i->opsize_prefix) {
    m->r[i->reg] = m->xmm[i->rm].w[i->imm & 7];
  } else {
    mmx_enter(m);
    m->r[i->reg] = (m->mmx[i->rm & 7] >> 16 * (i->imm & 3)) & 0xffff;
  }
}

/* The top bits of the eight bytes of x, byte 0's in bit 0: moved to the
 * bottom of each byte, the multiply stacks them all in the top byte
 * (no two partial products meet, so there are no carries). */
static inline uint64_t msb8(uint64_t x) {
  return ((x >> 7) & 0x0101010101010101ull) * 0x0102040810204080ull >> 56;
}

/* 0F D7: pmovmskb r32, mm/xmm: the top bit of every byte. Hot in string
 * functions (the end of every strlen/memchr block). */
void op_sse_d7(struct Machine *m, const struct Insn *i) {
  if (i->rep || i->mod != 3) exec_ud(m);
  if (i->opsize_prefix) {
    const Xmm *s = &m->xmm[i->rm];
    m->r[i->reg] = msb8(s->q[0]) | msb8(s->q[1]) << 8;
  } else {
    mmx_enter(m);
    m->r[i->reg] = msb8(m->mmx[i->rm & 7]);
  }
}
