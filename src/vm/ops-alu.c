/* ops-alu.c: integer arithmetic: the eight ALU operations, test, the
 * F6/F7 group (not, neg, mul, imul, div, idiv), imul, inc/dec r, popcnt,
 * and the BMI1/BMI2/ADX instructions.
 *
 * add/or/adc/sbb/and/sub/xor/cmp/test/neg/inc/dec only record their
 * inputs for the lazy flags (flags.h); the rest compute their flags here.
 * Where the manual calls a flag undefined we reproduce what the AMD EPYC
 * (Zen) reference host does; tests/vm/test-alu.c checks every case. */
#include <stdbool.h>

#include "cpuid.h"
#include "flags.h"
#include "machine.h"
#include "operand.h"
#include "ops-alu.h"
#include "ops.h"

enum { K_ADD, K_OR, K_ADC, K_SBB, K_AND, K_SUB, K_XOR, K_CMP };

static const uint8_t alu_lazy_kind[8] = {
    LF_ADD, LF_LOGIC, LF_ADC, LF_SBB, LF_LOGIC, LF_SUB, LF_LOGIC, LF_SUB,
};

static inline uint64_t alu_calc(unsigned kind, uint64_t a, uint64_t b,
                                unsigned cin) {
  switch (kind) {
    case K_ADD: return a + b;
    case K_OR: return a | b;
    case K_ADC: return a + b + cin;
    case K_SBB: return a - b - cin;
    case K_AND: return a & b;
    case K_XOR: return a ^ b;
    default: return a - b; /* sub, cmp */
  }
}

/* LOCK support. A locked read-modify-write must be atomic on the host
 * when several guest threads share memory, so when the page has a fast
 * write translation (and the access stays inside it) we work on the host
 * bytes with compare-and-swap. Otherwise (a page that is being watched,
 * recorded or holds code, or an access that crosses pages) the ordinary
 * slow path does a plain read-modify-write. Shared with ops-bit.c
 * through ops-alu.h; the host pointer comes from mem_host_rw(). */
uint64_t alu_atomic_load(void *p, unsigned size) {
  switch (size) {
    case 1: return __atomic_load_n((uint8_t *)p, __ATOMIC_RELAXED);
    case 2: return __atomic_load_n((uint16_t *)p, __ATOMIC_RELAXED);
    case 4: return __atomic_load_n((uint32_t *)p, __ATOMIC_RELAXED);
    default: return __atomic_load_n((uint64_t *)p, __ATOMIC_RELAXED);
  }
}

/* Compare-and-swap; on failure *expect gets the current value. */
bool alu_cas(void *p, unsigned size, uint64_t *expect, uint64_t want) {
  bool ok;
  switch (size) {
    case 1: {
      uint8_t e = (uint8_t)*expect;
      ok = __atomic_compare_exchange_n((uint8_t *)p, &e, (uint8_t)want, false,
                                       __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
      *expect = e;
      return ok;
    }
    case 2: {
      uint16_t e = (uint16_t)*expect;
      ok = __atomic_compare_exchange_n((uint16_t *)p, &e, (uint16_t)want,
                                       false, __ATOMIC_SEQ_CST,
                                       __ATOMIC_SEQ_CST);
      *expect = e;
      return ok;
    }
    case 4: {
      uint32_t e = (uint32_t)*expect;
      ok = __atomic_compare_exchange_n((uint32_t *)p, &e, (uint32_t)want,
                                       false, __ATOMIC_SEQ_CST,
                                       __ATOMIC_SEQ_CST);
      *expect = e;
      return ok;
    }
    default:
      return __atomic_compare_exchange_n((uint64_t *)p, expect, want, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  }
}

/* Record the flags of an ALU operation (after every store succeeded). */
static inline void alu_flags(struct Machine *m, unsigned kind, unsigned size,
                             uint64_t res, uint64_t a, uint64_t b,
                             unsigned cin) {
  m->lf_cf = (uint8_t)cin;
  flags_lazy(m, alu_lazy_kind[kind], (int)size, res, a, b);
}

/* E op= b: the ModRM r/m operand is the destination. */
static void alu_e(struct Machine *m, const struct Insn *i, unsigned kind,
                  unsigned size, uint64_t b) {
  uint64_t a, res;
  unsigned cin = 0;
  b = trunc_sz(b, size);
  if (kind == K_ADC || kind == K_SBB) cin = (unsigned)flags_cf(m);
  if (i->mod == 3) {
    if (i->lock) exec_ud(m);
    a = reg_get(m, i, i->rm, size);
    res = trunc_sz(alu_calc(kind, a, b, cin), size);
    if (kind != K_CMP) reg_put(m, i, i->rm, size, res);
  } else {
    uint64_t ea = insn_ea(m, i);
    void *p = 0;
    if (i->lock) {
      if (kind == K_CMP) exec_ud(m);
      p = mem_host_rw(m, ea, size);
      if (!p) { /* a split lock: under the lock (memory.h) */
        mem_rmw_begin(m);
        a = mem_load(m, ea, size);
        res = trunc_sz(alu_calc(kind, a, b, cin), size);
        mem_store(m, ea, size, res);
        mem_rmw_end(m);
        alu_flags(m, kind, size, res, a, b, cin);
        return;
      }
    }
    if (p) {
      a = alu_atomic_load(p, size);
      do res = trunc_sz(alu_calc(kind, a, b, cin), size);
      while (!alu_cas(p, size, &a, res));
    } else {
      a = mem_load(m, ea, size);
      res = trunc_sz(alu_calc(kind, a, b, cin), size);
      if (kind != K_CMP) mem_store(m, ea, size, res);
    }
  }
  alu_flags(m, kind, size, res, a, b, cin);
}

/* Register r op= b. */
static void alu_r(struct Machine *m, const struct Insn *i, unsigned kind,
                  unsigned size, unsigned r, uint64_t b) {
  uint64_t a, res;
  unsigned cin = 0;
  if (i->lock) exec_ud(m);
  b = trunc_sz(b, size);
  if (kind == K_ADC || kind == K_SBB) cin = (unsigned)flags_cf(m);
  a = reg_get(m, i, r, size);
  res = trunc_sz(alu_calc(kind, a, b, cin), size);
  if (kind != K_CMP) reg_put(m, i, r, size, res);
  alu_flags(m, kind, size, res, a, b, cin);
}

/* 00-3D: six forms of each of the eight operations. */
void op_alu(struct Machine *m, const struct Insn *i) {
  unsigned kind = (i->op >> 3) & 7;
  unsigned form = i->op & 7;
  unsigned size = (form & 1) ? i->osz : 1;
  switch (form) {
    case 0:
    case 1: alu_e(m, i, kind, size, reg_get(m, i, i->reg, size)); return;
    case 2:
    case 3: alu_r(m, i, kind, size, i->reg, op_get_e(m, i, size)); return;
    case 4:
    case 5: alu_r(m, i, kind, size, RAX, i->imm); return;
    default: exec_ud(m);
  }
}

/* 80, 81, 82 (an alias of 80 outside long mode), 83. */
void op_alu_grp1(struct Machine *m, const struct Insn *i) {
  if (i->op == 0x82 && m->mode == MODE_LONG) exec_ud(m);
  alu_e(m, i, (i->modrm >> 3) & 7, osz_bw(i), i->imm);
}

static void alu_test(struct Machine *m, unsigned size, uint64_t a,
                     uint64_t b) {
  flags_lazy(m, LF_LOGIC, (int)size, trunc_sz(a & b, size), 0, 0);
}

/* 84, 85 (E, G) and A8, A9 (accumulator, immediate). */
void op_test(struct Machine *m, const struct Insn *i) {
  unsigned size = osz_bw(i);
  if (i->lock) exec_ud(m);
  if (i->op >= 0xa8)
    alu_test(m, size, reg_get(m, i, RAX, size), i->imm);
  else
    alu_test(m, size, op_get_e(m, i, size), reg_get(m, i, i->reg, size));
}

/* not (neg = 0) and neg (neg = 1) of the E operand. */
static void alu_not_neg(struct Machine *m, const struct Insn *i,
                        unsigned size, int neg) {
  uint64_t a, res;
  if (i->mod == 3) {
    if (i->lock) exec_ud(m);
    a = reg_get(m, i, i->rm, size);
    res = trunc_sz(neg ? -a : ~a, size);
    reg_put(m, i, i->rm, size, res);
  } else {
    uint64_t ea = insn_ea(m, i);
    void *p = i->lock ? mem_host_rw(m, ea, size) : 0;
    if (p) {
      a = alu_atomic_load(p, size);
      do res = trunc_sz(neg ? -a : ~a, size);
      while (!alu_cas(p, size, &a, res));
    } else if (__builtin_expect(i->lock, 0)) {
      mem_rmw_begin(m); /* a split lock (memory.h) */
      a = mem_load(m, ea, size);
      res = trunc_sz(neg ? -a : ~a, size);
      mem_store(m, ea, size, res);
      mem_rmw_end(m);
    } else {
      a = mem_load(m, ea, size);
      res = trunc_sz(neg ? -a : ~a, size);
      mem_store(m, ea, size, res);
    }
  }
  if (neg) flags_lazy(m, LF_SUB, (int)size, res, 0, a);
}

/* The flags of mul and imul: CF = OF = whether the high half matters.
 * SF, ZF, AF and PF are undefined; Zen leaves them as they were. */
static void mul_flags(struct Machine *m, int ovf) {
  uint64_t f = flags_get(m) & ~(uint64_t)(FLAG_CF | FLAG_OF);
  if (ovf) f |= FLAG_CF | FLAG_OF;
  flags_put_arith(m, f);
}

/* div and idiv leave all six flags undefined. Zen keeps CF and OF and
 * sets SF = ZF = PF = 0, AF = 1, whatever the operands. */
static void div_flags(struct Machine *m) {
  uint64_t f = flags_get(m) & (FLAG_CF | FLAG_OF);
  flags_put_arith(m, f | FLAG_AF);
}

static _Noreturn void alu_de(struct Machine *m) {
  exec_fault(m, EXC_DE, 0, 0);
}

static void alu_mul(struct Machine *m, const struct Insn *i, unsigned size,
                    uint64_t src) {
  uint64_t a = m->r[RAX];
  switch (size) {
    case 1: {
      uint64_t p = (a & 0xff) * src;
      reg_put(m, i, RAX, 2, p);
      mul_flags(m, (p >> 8) != 0);
      break;
    }
    case 2: {
      uint64_t p = (a & 0xffff) * src;
      reg_put(m, i, RAX, 2, p);
      reg_put(m, i, RDX, 2, p >> 16);
      mul_flags(m, (p >> 16) != 0);
      break;
    }
    case 4: {
      uint64_t p = (a & 0xffffffff) * src;
      m->r[RAX] = (uint32_t)p;
      m->r[RDX] = p >> 32;
      mul_flags(m, (p >> 32) != 0);
      break;
    }
    default: {
      unsigned __int128 p = (unsigned __int128)a * src;
      m->r[RAX] = (uint64_t)p;
      m->r[RDX] = (uint64_t)(p >> 64);
      mul_flags(m, (uint64_t)(p >> 64) != 0);
      break;
    }
  }
}

static void alu_imul1(struct Machine *m, const struct Insn *i, unsigned size,
                      uint64_t src) {
  int64_t a = sext_sz(m->r[RAX], size), b = sext_sz(src, size);
  switch (size) {
    case 1: {
      int64_t p = a * b;
      reg_put(m, i, RAX, 2, (uint64_t)p);
      mul_flags(m, p != (int8_t)p);
      break;
    }
    case 2: {
      int64_t p = a * b;
      reg_put(m, i, RAX, 2, (uint64_t)p);
      reg_put(m, i, RDX, 2, (uint64_t)p >> 16);
      mul_flags(m, p != (int16_t)p);
      break;
    }
    case 4: {
      int64_t p = a * b;
      m->r[RAX] = (uint32_t)p;
      m->r[RDX] = (uint32_t)((uint64_t)p >> 32);
      mul_flags(m, p != (int32_t)p);
      break;
    }
    default: {
      __int128 p = (__int128)a * b;
      m->r[RAX] = (uint64_t)p;
      m->r[RDX] = (uint64_t)((unsigned __int128)p >> 64);
      mul_flags(m, p != (int64_t)p);
      break;
    }
  }
}

static void alu_div(struct Machine *m, const struct Insn *i, unsigned size,
                    uint64_t src) {
  if (!src) alu_de(m);
  switch (size) {
    case 1: {
      uint64_t n = m->r[RAX] & 0xffff, q = n / src;
      if (q > 0xff) alu_de(m);
      reg_put(m, i, RAX, 2, ((n % src) << 8) | q);
      break;
    }
    case 2: {
      uint64_t n = ((m->r[RDX] & 0xffff) << 16) | (m->r[RAX] & 0xffff);
      uint64_t q = n / src;
      if (q > 0xffff) alu_de(m);
      reg_put(m, i, RAX, 2, q);
      reg_put(m, i, RDX, 2, n % src);
      break;
    }
    case 4: {
      uint64_t n = ((m->r[RDX] & 0xffffffff) << 32) | (m->r[RAX] & 0xffffffff);
      uint64_t q = n / src;
      if (q > 0xffffffff) alu_de(m);
      m->r[RAX] = q;
      m->r[RDX] = n % src;
      break;
    }
    default: {
      /* The quotient fits exactly when the high half is below the
       * divisor. */
      if (m->r[RDX] >= src) alu_de(m);
      unsigned __int128 n =
          ((unsigned __int128)m->r[RDX] << 64) | m->r[RAX];
      m->r[RAX] = (uint64_t)(n / src);
      m->r[RDX] = (uint64_t)(n % src);
      break;
    }
  }
  div_flags(m);
}

static void alu_idiv(struct Machine *m, const struct Insn *i, unsigned size,
                     uint64_t src) {
  int64_t d = sext_sz(src, size);
  if (!d) alu_de(m);
  switch (size) {
    case 1: {
      int64_t n = (int16_t)m->r[RAX], q = n / d;
      if (q != (int8_t)q) alu_de(m);
      reg_put(m, i, RAX, 2, ((uint64_t)(n % d) << 8) | (q & 0xff));
      break;
    }
    case 2: {
      int64_t n = (int32_t)(((m->r[RDX] & 0xffff) << 16) |
                            (m->r[RAX] & 0xffff));
      int64_t q = n / d;
      if (q != (int16_t)q) alu_de(m);
      reg_put(m, i, RAX, 2, (uint64_t)q);
      reg_put(m, i, RDX, 2, (uint64_t)(n % d));
      break;
    }
    case 4: {
      int64_t n = (int64_t)((m->r[RDX] << 32) | (m->r[RAX] & 0xffffffff));
      /* INT64_MIN / -1 would trap on the host; its quotient does not
       * fit in 32 bits anyway. */
      if (d == -1 && n == INT64_MIN) alu_de(m);
      int64_t q = n / d;
      if (q != (int32_t)q) alu_de(m);
      m->r[RAX] = (uint32_t)q;
      m->r[RDX] = (uint32_t)(n % d);
      break;
    }
    default: {
      __int128 n = (__int128)(((unsigned __int128)m->r[RDX] << 64) |
                              m->r[RAX]);
      __int128 q;
      /* -2^127 / -1 overflows __int128 itself. */
      if (d == -1 && m->r[RDX] == 0x8000000000000000ull && !m->r[RAX])
        alu_de(m);
      q = n / d;
      if (q != (int64_t)q) alu_de(m);
      m->r[RAX] = (uint64_t)q;
      m->r[RDX] = (uint64_t)(n % d);
      break;
    }
  }
  div_flags(m);
}

/* F6/F7: test, test (undocumented /1 alias), not, neg, mul, imul, div,
 * idiv. */
void op_grp3(struct Machine *m, const struct Insn *i) {
  unsigned size = osz_bw(i);
  unsigned ext = (i->modrm >> 3) & 7;
  uint64_t src;
  switch (ext) {
    case 0:
    case 1:
      if (i->lock) exec_ud(m);
      alu_test(m, size, op_get_e(m, i, size), i->imm);
      return;
    case 2: alu_not_neg(m, i, size, 0); return;
    case 3: alu_not_neg(m, i, size, 1); return;
    default: break;
  }
  if (i->lock) exec_ud(m);
  src = op_get_e(m, i, size);
  switch (ext) {
    case 4: alu_mul(m, i, size, src); break;
    case 5: alu_imul1(m, i, size, src); break;
    case 6: alu_div(m, i, size, src); break;
    default: alu_idiv(m, i, size, src); break;
  }
}

/* Two- and three-operand imul: G = a * b, truncated. */
static void alu_imul2(struct Machine *m, const struct Insn *i, uint64_t ua,
                      uint64_t ub) {
  unsigned size = i->osz;
  int64_t a = sext_sz(ua, size), b = sext_sz(ub, size), p;
  int ovf;
  if (i->lock) exec_ud(m);
  if (size == 8) {
    ovf = __builtin_mul_overflow(a, b, &p);
  } else {
    p = a * b;
    ovf = p != sext_sz((uint64_t)p, size);
  }
  reg_put(m, i, i->reg, size, (uint64_t)p);
  mul_flags(m, ovf);
}

/* 69 (Iz) and 6B (Ib, sign-extended). */
void op_imul_imm(struct Machine *m, const struct Insn *i) {
  alu_imul2(m, i, op_get_e(m, i, i->osz), i->imm);
}

/* 0F AF. */
void op_imul_gv_ev(struct Machine *m, const struct Insn *i) {
  alu_imul2(m, i, op_get_e(m, i, i->osz), reg_get(m, i, i->reg, i->osz));
}

/* 40-47 inc r, 48-4F dec r: 16/32-bit modes only (REX in long mode). */
void op_incdec_r(struct Machine *m, const struct Insn *i) {
  unsigned r = i->op & 7, size = i->osz;
  uint64_t a = reg_get(m, i, r, size);
  uint8_t cf = (uint8_t)flags_cf(m);
  uint64_t res;
  if (i->op & 8) {
    res = trunc_sz(a - 1, size);
    reg_put(m, i, r, size, res);
    flags_lazy(m, LF_DEC, (int)size, res, a, 1);
  } else {
    res = trunc_sz(a + 1, size);
    reg_put(m, i, r, size, res);
    flags_lazy(m, LF_INC, (int)size, res, a, 1);
  }
  m->lf_cf = cf;
}

/* F3 0F B8. Without F3 this is JMPE, which x86-64 CPUs reject. */
void op_popcnt(struct Machine *m, const struct Insn *i) {
  unsigned size = i->osz;
  uint64_t v;
  if (i->rep != REP_F3 || i->lock || !CPUID_HAS_POPCNT) exec_ud(m);
  v = op_get_e(m, i, size);
  reg_put(m, i, i->reg, size, (uint64_t)__builtin_popcountll(v));
  flags_put_arith(m, v ? 0 : FLAG_ZF);
}

/* ---- BMI1, BMI2, ADX ---- */

/* VEX-encoded general-purpose instructions are 32-bit, or 64-bit with
 * VEX.W in long mode; VEX.L must be 0. */
static unsigned bmi_size(struct Machine *m, const struct Insn *i) {
  if (!i->vex || i->vex_l || i->lock) exec_ud(m);
  return (i->vex_w && m->mode == MODE_LONG) ? 8 : 4;
}

/* SF and ZF from the result, CF as given, OF cleared: what the BMI
 * instructions define. AF and PF are undefined: Zen clears AF and sets
 * PF from the result. */
static void bmi_flags(struct Machine *m, unsigned size, uint64_t res,
                      int cf) {
  uint64_t f = 0;
  if (cf) f |= FLAG_CF;
  if (!res) f |= FLAG_ZF;
  if (res & sign_bit(size)) f |= FLAG_SF;
  if (flags_parity(res)) f |= FLAG_PF;
  flags_put_arith(m, f);
}

/* VEX.NP 0F38 F2: andn Gy, By, Ey. */
void op_andn(struct Machine *m, const struct Insn *i) {
  unsigned size = bmi_size(m, i);
  uint64_t e, res;
  if (i->rep || i->opsize_prefix || !CPUID_HAS_BMI1) exec_ud(m);
  e = op_get_e(m, i, size);
  res = trunc_sz(~m->r[i->vex_v] & e, size);
  reg_put(m, i, i->reg, size, res);
  bmi_flags(m, size, res, 0);
}

/* VEX.NP 0F38 F3 /1 blsr, /2 blsmsk, /3 blsi: By = f(Ey). */
void op_bmi_grp17(struct Machine *m, const struct Insn *i) {
  unsigned size = bmi_size(m, i);
  uint64_t s, res;
  int cf;
  if (i->rep || i->opsize_prefix || !CPUID_HAS_BMI1) exec_ud(m);
  switch ((i->modrm >> 3) & 7) {
    case 1:
      s = op_get_e(m, i, size);
      res = trunc_sz(s & (s - 1), size);
      cf = !s;
      break;
    case 2:
      s = op_get_e(m, i, size);
      res = trunc_sz(s ^ (s - 1), size);
      cf = !s;
      break;
    case 3:
      s = op_get_e(m, i, size);
      res = trunc_sz(s & -s, size);
      cf = !!s;
      break;
    default: exec_ud(m);
  }
  reg_put(m, i, i->vex_v, size, res);
  bmi_flags(m, size, res, cf);
}

/* VEX 0F38 F5: NP bzhi Gy, Ey, By; F2 pdep Gy, By, Ey; F3 pext. */
void op_bzhi_pdep_pext(struct Machine *m, const struct Insn *i) {
  unsigned size = bmi_size(m, i), bits = size * 8;
  uint64_t e, v, res = 0;
  if (i->opsize_prefix || !CPUID_HAS_BMI2) exec_ud(m);
  e = op_get_e(m, i, size);
  v = trunc_sz(m->r[i->vex_v], size);
  if (i->rep == REP_NONE) {
    unsigned n = v & 0xff;
    res = n < bits ? e & ((1ull << n) - 1) : e;
    reg_put(m, i, i->reg, size, res);
    bmi_flags(m, size, res, n > bits - 1);
    return;
  }
  if (i->rep == REP_F2) {
    /* pdep: deposit the low bits of v at the set bits of the mask e. */
    uint64_t mask = e, k = 1;
    while (mask) {
      uint64_t low = mask & -mask;
      if (v & k) res |= low;
      mask ^= low;
      k <<= 1;
    }
  } else {
    /* pext: gather the bits of v under the mask e to the bottom. */
    uint64_t mask = e, k = 1;
    while (mask) {
      uint64_t low = mask & -mask;
      if (v & low) res |= k;
      mask ^= low;
      k <<= 1;
    }
  }
  reg_put(m, i, i->reg, size, res);
}

/* 0F38 F6: 66 adcx Gy, Ey (CF only); F3 adox Gy, Ey (OF only);
 * VEX.F2 mulx Gy(high), By(low), Ey with the other factor in rDX. */
void op_mulx_adx(struct Machine *m, const struct Insn *i) {
  if (i->vex) {
    unsigned size = bmi_size(m, i);
    uint64_t e, hi, lo;
    if (i->rep != REP_F2 || i->opsize_prefix || !CPUID_HAS_BMI2) exec_ud(m);
    e = op_get_e(m, i, size);
    if (size == 8) {
      unsigned __int128 p = (unsigned __int128)m->r[RDX] * e;
      lo = (uint64_t)p;
      hi = (uint64_t)(p >> 64);
    } else {
      uint64_t p = (m->r[RDX] & 0xffffffff) * e;
      lo = (uint32_t)p;
      hi = p >> 32;
    }
    /* When both destinations are one register it gets the high half. */
    reg_put(m, i, i->vex_v, size, lo);
    reg_put(m, i, i->reg, size, hi);
    return;
  }
  {
    /* The 66 is a mandatory prefix here, not an operand size: the size
     * is 64 with REX.W, else 32. */
    unsigned size = (m->mode == MODE_LONG && (i->rex & 8)) ? 8 : 4;
    uint64_t a, b, res, c, f;
    int adox;
    if (i->lock || !CPUID_HAS_ADX) exec_ud(m);
    if (i->rep == REP_F3 && !i->opsize_prefix) adox = 1;
    else if (i->opsize_prefix && i->rep == REP_NONE) adox = 0;
    else exec_ud(m);
    b = op_get_e(m, i, size);
    a = reg_get(m, i, i->reg, size);
    f = flags_get(m);
    c = adox ? !!(f & FLAG_OF) : !!(f & FLAG_CF);
    res = trunc_sz(a + b + c, size);
    reg_put(m, i, i->reg, size, res);
    c = c ? res <= a : res < a;
    if (adox)
      f = (f & ~(uint64_t)FLAG_OF) | (c ? FLAG_OF : 0);
    else
      f = (f & ~(uint64_t)FLAG_CF) | (c ? FLAG_CF : 0);
    flags_put_arith(m, f);
  }
}

/* VEX 0F38 F7: NP bextr Gy, Ey, By; 66 shlx, F3 sarx, F2 shrx
 * Gy, Ey, By. */
void op_bextr_shx(struct Machine *m, const struct Insn *i) {
  unsigned size = bmi_size(m, i), bits = size * 8;
  uint64_t e, v = m->r[i->vex_v];
  uint64_t res;
  if (i->opsize_prefix && i->rep) exec_ud(m);
  if (!(i->opsize_prefix || i->rep ? CPUID_HAS_BMI2 : CPUID_HAS_BMI1))
    exec_ud(m);
  e = op_get_e(m, i, size);
  if (i->opsize_prefix) {
    res = e << (v & (bits - 1));
  } else if (i->rep == REP_F3) {
    res = (uint64_t)(sext_sz(e, size) >> (v & (bits - 1)));
  } else if (i->rep == REP_F2) {
    res = e >> (v & (bits - 1));
  } else {
    unsigned start = v & 0xff, len = (v >> 8) & 0xff;
    res = start < bits ? e >> start : 0;
    if (len < 64) res &= (1ull << len) - 1;
    res = trunc_sz(res, size);
    reg_put(m, i, i->reg, size, res);
    {
      /* ZF defined, CF = OF = 0; AF, SF, PF undefined: Zen sets AF,
       * clears SF and computes PF from the result. */
      uint64_t f = FLAG_AF;
      if (!res) f |= FLAG_ZF;
      if (flags_parity(res)) f |= FLAG_PF;
      flags_put_arith(m, f);
    }
    return;
  }
  reg_put(m, i, i->reg, size, res);
}

/* VEX.F2 0F3A F0: rorx Gy, Ey, Ib. */
void op_rorx(struct Machine *m, const struct Insn *i) {
  unsigned size = bmi_size(m, i), bits = size * 8;
  unsigned c = i->imm & (bits - 1);
  uint64_t e;
  /* VEX.vvvv names no operand and must be 1111b. */
  if (i->rep != REP_F2 || i->opsize_prefix || i->vex_v || !CPUID_HAS_BMI2)
    exec_ud(m);
  e = op_get_e(m, i, size);
  if (c) e = (e >> c) | (e << (bits - c));
  reg_put(m, i, i->reg, size, e);
}
