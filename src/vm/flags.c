/* flags.c: materializing the lazily recorded arithmetic flags.
 *
 * An ALU handler records (lf_op, lf_size, lf_res, lf_a, lf_b, lf_cf) and
 * moves on; the six status flags are derived here only when something
 * reads them. All recorded values are already truncated to lf_size bytes,
 * so unsigned comparisons on them give the carries directly. */
#include "flags.h"

#include "memory.h"

#include "machine.h"

static inline uint64_t lf_sign(const struct Machine *m) {
  return 1ull << (m->lf_size * 8 - 1);
}

/* Sign-extend a recorded value to 64 bits, for signed conditions. */
static inline int64_t lf_sext(const struct Machine *m, uint64_t x) {
  unsigned sh = 64 - m->lf_size * 8;
  return (int64_t)(x << sh) >> sh;
}

static inline __attribute__((always_inline)) int lazy_cf(const struct Machine *m) {
  switch (m->lf_op) {
    case LF_ADD: return m->lf_res < m->lf_a;
    /* a + b + 1 carries out when the result wrapped to a or below. */
    case LF_ADC: return m->lf_cf ? m->lf_res <= m->lf_a : m->lf_res < m->lf_a;
    case LF_SUB: return m->lf_a < m->lf_b;
    /* a - b - 1 borrows when a <= b. */
    case LF_SBB: return m->lf_cf ? m->lf_a <= m->lf_b : m->lf_a < m->lf_b;
    case LF_LOGIC: return 0;
    case LF_INC:
    case LF_DEC: return m->lf_cf & 1;
    /* The last bit shifted out. */
    case LF_SHL: return (m->lf_a >> (m->lf_size * 8 - m->lf_b)) & 1;
    case LF_SHR: return (m->lf_a >> (m->lf_b - 1)) & 1;
    case LF_SAR: return (uint64_t)(lf_sext(m, m->lf_a) >> (m->lf_b - 1)) & 1;
    default: return !!(m->rflags & FLAG_CF);
  }
}

static inline __attribute__((always_inline)) int lazy_of(const struct Machine *m) {
  uint64_t s = lf_sign(m);
  switch (m->lf_op) {
    case LF_ADD:
    case LF_ADC:
      /* Both inputs have a sign the result does not. */
      return !!((m->lf_a ^ m->lf_res) & (m->lf_b ^ m->lf_res) & s);
    case LF_SUB:
    case LF_SBB:
      /* Inputs differ in sign and the result took the subtrahend's. */
      return !!((m->lf_a ^ m->lf_b) & (m->lf_a ^ m->lf_res) & s);
    case LF_LOGIC: return 0;
    /* Only the result is trusted for inc/dec: the largest positive value
     * stepping to the most negative one and back. */
    case LF_INC: return m->lf_res == s;
    case LF_DEC: return m->lf_res == s - 1;
    /* OF is defined for a count of one only; Zen computes it for every
     * count as the count-one rule reads on the result (see ops-shift.c). */
    case LF_SHL: return !!(m->lf_res & s) ^ lazy_cf(m);
    case LF_SHR:
    case LF_SAR: return !!(m->lf_res & s) ^ !!(m->lf_res & (s >> 1));
    default: return !!(m->rflags & FLAG_OF);
  }
}

static inline __attribute__((always_inline)) int lazy_af(const struct Machine *m) {
  switch (m->lf_op) {
    case LF_ADD:
    case LF_ADC:
    case LF_SUB:
    case LF_SBB:
      /* The carry into bit 4 is what bit 4 of a ^ b ^ res shows. */
      return !!((m->lf_a ^ m->lf_b ^ m->lf_res) & 0x10);
    case LF_LOGIC: return 0;
    case LF_INC: return (m->lf_res & 0xf) == 0;
    case LF_DEC: return (m->lf_res & 0xf) == 0xf;
    case LF_SHL:
    case LF_SHR:
    case LF_SAR: return 1; /* undefined; Zen sets it */
    default: return !!(m->rflags & FLAG_AF);
  }
}

int flags_cf(struct Machine *m) {
  return lazy_cf(m);
}

int flags_of(struct Machine *m) {
  return lazy_of(m);
}

int flags_af(struct Machine *m) {
  return lazy_af(m);
}

int flags_zf(struct Machine *m) {
  if (m->lf_op == LF_NONE) return !!(m->rflags & FLAG_ZF);
  return m->lf_res == 0;
}

int flags_sf(struct Machine *m) {
  if (m->lf_op == LF_NONE) return !!(m->rflags & FLAG_SF);
  return !!(m->lf_res & lf_sign(m));
}

int flags_pf(struct Machine *m) {
  if (m->lf_op == LF_NONE) return !!(m->rflags & FLAG_PF);
  return flags_parity(m->lf_res);
}

uint64_t flags_get(struct Machine *m) {
  if (m->lf_op == LF_LOGIC) {
    /* The commonest case (rotates and multiplies after xor/and/test):
     * CF, OF and AF are zero, the rest come from the result. */
    uint64_t r = m->lf_res, f = 0;
    if (flags_parity(r)) f |= FLAG_PF;
    if (r == 0) f |= FLAG_ZF;
    if (r & lf_sign(m)) f |= FLAG_SF;
    m->rflags = (m->rflags & ~(uint64_t)FLAGS_ARITH) | f;
    m->lf_op = LF_NONE;
  } else if (m->lf_op != LF_NONE) {
    uint64_t f = 0;
    if (lazy_cf(m)) f |= FLAG_CF;
    if (flags_parity(m->lf_res)) f |= FLAG_PF;
    if (lazy_af(m)) f |= FLAG_AF;
    if (m->lf_res == 0) f |= FLAG_ZF;
    if (m->lf_res & lf_sign(m)) f |= FLAG_SF;
    if (lazy_of(m)) f |= FLAG_OF;
    m->rflags = (m->rflags & ~(uint64_t)FLAGS_ARITH) | f;
    m->lf_op = LF_NONE;
  }
  return m->rflags;
}

void flags_set(struct Machine *m, uint64_t rflags) {
  /* Bit 1 of RFLAGS always reads as one. */
  uint64_t old = m->rflags;
  m->rflags = rflags | 2;
  m->lf_op = LF_NONE;
  /* AC: alignment checking in user mode (long mode here: Linux runs
   * programs at CPL 3 with CR0.AM set). Emptying the TLB sends every
   * data access to the slow path, which checks while it is on. */
  if (__builtin_expect((old ^ rflags) & FLAG_AC, 0)) {
    /* A bare machine: CR0.AM (bit 18) and CPL 3, as the CPU says. */
    m->align_check = (rflags & FLAG_AC) &&
                     (m->bare ? (m->cr0 & 0x40000) && m->cpl == 3
                              : m->mode == MODE_LONG);
    mem_tlb_flush(m);
  }
}

void flags_put_arith(struct Machine *m, uint64_t f) {
  m->rflags = (m->rflags & ~(uint64_t)FLAGS_ARITH) | (f & FLAGS_ARITH);
  m->lf_op = LF_NONE;
}

/* The general case: the condition from the individual flags. */
static int cond_slow(struct Machine *m, unsigned cc) {
  int r;
  switch ((cc >> 1) & 7) {
    case 0: r = lazy_of(m); break;
    case 1: r = lazy_cf(m); break;
    case 2: r = flags_zf(m); break;
    case 3: r = lazy_cf(m) | flags_zf(m); break;
    case 4: r = flags_sf(m); break;
    case 5: r = flags_pf(m); break;
    case 6: r = flags_sf(m) != lazy_of(m); break;
    default: r = flags_zf(m) | (flags_sf(m) != lazy_of(m)); break;
  }
  return r ^ (cc & 1);
}

int flags_cond(struct Machine *m, unsigned cc) {
  /* Fast paths for the pairs compilers emit most: cmp/sub and test/and
   * followed by jcc/setcc/cmovcc, where the condition is a plain
   * comparison of the recorded operands. */
  if (m->lf_op == LF_SUB) {
    uint64_t a = m->lf_a, b = m->lf_b;
    switch (cc & 15) {
      case 0x2: return a < b;
      case 0x3: return a >= b;
      case 0x4: return a == b;
      case 0x5: return a != b;
      case 0x6: return a <= b;
      case 0x7: return a > b;
      case 0xc: return lf_sext(m, a) < lf_sext(m, b);
      case 0xd: return lf_sext(m, a) >= lf_sext(m, b);
      case 0xe: return lf_sext(m, a) <= lf_sext(m, b);
      case 0xf: return lf_sext(m, a) > lf_sext(m, b);
      default: break;
    }
  } else if (m->lf_op == LF_LOGIC) {
    int64_t r = lf_sext(m, m->lf_res);
    switch (cc & 15) {
      case 0x0: return 0;
      case 0x1: return 1;
      case 0x2: return 0;
      case 0x3: return 1;
      case 0x4: return r == 0;
      case 0x5: return r != 0;
      case 0x6: return r == 0;
      case 0x7: return r != 0;
      case 0x8: return r < 0;
      case 0x9: return r >= 0;
      case 0xc: return r < 0;
      case 0xd: return r >= 0;
      case 0xe: return r <= 0;
      case 0xf: return r > 0;
      default: break;
    }
  } else if (m->lf_op == LF_NONE) {
    uint64_t f = m->rflags;
    int of = !!(f & FLAG_OF), sf = !!(f & FLAG_SF), zf = !!(f & FLAG_ZF);
    int r;
    switch ((cc >> 1) & 7) {
      case 0: r = of; break;
      case 1: r = !!(f & FLAG_CF); break;
      case 2: r = zf; break;
      case 3: r = !!(f & (FLAG_CF | FLAG_ZF)); break;
      case 4: r = sf; break;
      case 5: r = !!(f & FLAG_PF); break;
      case 6: r = sf != of; break;
      default: r = zf | (sf != of); break;
    }
    return r ^ (cc & 1);
  }
  return cond_slow(m, cc);
}
