/* ops-shift.c: shifts and rotates (C0, C1, D0-D3) and the double shifts
 * shld and shrd (0F A4/A5/AC/AD).
 *
 * These compute their flags at once with flags_put_arith(): their carry
 * and overflow rules depend on the count, which the lazy kinds do not
 * record. A count of zero (after masking) changes neither the flags nor
 * the destination's value (it is still written back). Where the manual calls a flag undefined we do what the
 * AMD Zen reference host does (tests/vm/test-alu.c compares). */
#include "flags.h"
#include "machine.h"
#include "operand.h"
#include "ops.h"

/* The E operand, with the address computed once for read-modify-write. */
static inline uint64_t sh_load(struct Machine *m, const struct Insn *i,
                               unsigned size, uint64_t *ea) {
  if (i->mod == 3) return reg_get(m, i, i->rm, size);
  *ea = insn_ea(m, i);
  return mem_load(m, *ea, size);
}

static inline void sh_store(struct Machine *m, const struct Insn *i,
                            unsigned size, uint64_t ea, uint64_t v) {
  if (i->mod == 3) reg_put(m, i, i->rm, size, v);
  else mem_store(m, ea, size, v);
}

/* Shifts that let the count reach the width of the type. */
static inline uint64_t shl64(uint64_t x, unsigned n) {
  return n >= 64 ? 0 : x << n;
}
static inline uint64_t shr64(uint64_t x, unsigned n) {
  return n >= 64 ? 0 : x >> n;
}

static inline uint64_t bit_of(uint64_t x, unsigned n) {
  return (x >> n) & 1;
}

/* SF, ZF and PF of a result, as FLAG_* bits. */
static inline uint64_t szp(uint64_t res, unsigned size) {
  uint64_t f = 0;
  if (!res) f |= FLAG_ZF;
  if (res & sign_bit(size)) f |= FLAG_SF;
  if (flags_parity(res)) f |= FLAG_PF;
  return f;
}

/* Flags after shl/shr/sar and shld/shrd: CF as computed, SF, ZF, PF
 * from the result. AF is undefined: Zen sets it. OF is defined only for a
 * count of 1; Zen computes it for every count the way the count-1 rule
 * reads when phrased on the result: for left shifts the top bit of the
 * result XOR CF, for right shifts the XOR of the result's top two bits
 * (so 0 for sar, and for shr by more than one). */
static inline void shift_flags(struct Machine *m, unsigned size, uint64_t res,
                               int cf, int of) {
  uint64_t f = szp(res, size) | FLAG_AF;
  if (cf) f |= FLAG_CF;
  if (of) f |= FLAG_OF;
  flags_put_arith(m, f);
}

static inline int of_left(uint64_t res, unsigned size, int cf) {
  return !!(res & sign_bit(size)) ^ cf;
}

static inline int of_right(uint64_t res, unsigned size) {
  return !!(res & sign_bit(size)) ^ !!(res & (sign_bit(size) >> 1));
}

/* Rotates change only CF and OF. */
static inline void rotate_flags(struct Machine *m, int cf, int of) {
  uint64_t f = flags_get(m) & ~(uint64_t)(FLAG_CF | FLAG_OF);
  if (cf) f |= FLAG_CF;
  if (of) f |= FLAG_OF;
  flags_put_arith(m, f);
}

/* C0/C1 Ib, D0/D1 by one, D2/D3 by CL: rol ror rcl rcr shl shr sal sar. */
void op_grp2(struct Machine *m, const struct Insn *i) {
  unsigned size = osz_bw(i), bits = size * 8;
  unsigned ext = (i->modrm >> 3) & 7;
  uint64_t mask = trunc_sz(~0ull, size), top = sign_bit(size);
  uint64_t ea = 0, v, res;
  unsigned c;
  if (i->lock) exec_ud(m);
  if (i->op <= 0xc1) c = (unsigned)i->imm;
  else if (i->op <= 0xd1) c = 1;
  else c = (unsigned)m->r[RCX];
  c &= size == 8 ? 63 : 31;
  v = sh_load(m, i, size, &ea);
  if (!c) {
    /* Nothing changes, but the destination is still written: a 32-bit
     * register loses its upper half, and a read-only memory operand
     * faults, as on the host. */
    sh_store(m, i, size, ea, v);
    return;
  }
  switch (ext) {
    case 0: { /* rol */
      unsigned r = c & (bits - 1);
      res = r ? ((v << r) | (v >> (bits - r))) & mask : v;
      sh_store(m, i, size, ea, res);
      rotate_flags(m, (int)(res & 1), !!(res & top) ^ (int)(res & 1));
      return;
    }
    case 1: { /* ror */
      unsigned r = c & (bits - 1);
      res = r ? ((v >> r) | (v << (bits - r))) & mask : v;
      sh_store(m, i, size, ea, res);
      rotate_flags(m, !!(res & top), !!(res & top) ^ !!(res & (top >> 1)));
      return;
    }
    case 2: { /* rcl: a rotate of the bits+1 bit value CF:v */
      unsigned n = size == 1 ? c % 9 : size == 2 ? c % 17 : c;
      uint64_t cf = (uint64_t)flags_cf(m);
      if (n) {
        res = (shl64(v, n) | (cf << (n - 1)) | shr64(v, bits + 1 - n)) & mask;
        cf = bit_of(v, bits - n);
      } else {
        res = v;
      }
      sh_store(m, i, size, ea, res);
      rotate_flags(m, (int)cf, !!(res & top) ^ (int)cf);
      return;
    }
    case 3: { /* rcr */
      unsigned n = size == 1 ? c % 9 : size == 2 ? c % 17 : c;
      uint64_t cf = (uint64_t)flags_cf(m);
      if (n) {
        res = (shr64(v, n) | (cf << (bits - n)) | shl64(v, bits + 1 - n)) &
              mask;
        cf = bit_of(v, n - 1);
      } else {
        res = v;
      }
      sh_store(m, i, size, ea, res);
      rotate_flags(m, (int)cf, !!(res & top) ^ !!(res & (top >> 1)));
      return;
    }
    case 4:
    case 6: { /* shl, sal */
      int cf = c <= bits ? (int)bit_of(v, bits - c) : 0;
      res = shl64(v, c) & mask;
      sh_store(m, i, size, ea, res);
      /* Counts below the width are recorded lazily (flags.c knows the
       * same rules); 8/16-bit counts up to 31 are computed here. */
      if (c < bits) flags_lazy(m, LF_SHL, (int)size, res, v, c);
      else shift_flags(m, size, res, cf, of_left(res, size, cf));
      return;
    }
    case 5: { /* shr */
      int cf = (int)bit_of(v, c - 1);
      res = v >> c;
      sh_store(m, i, size, ea, res);
      if (c < bits) flags_lazy(m, LF_SHR, (int)size, res, v, c);
      else shift_flags(m, size, res, cf, of_right(res, size));
      return;
    }
    default: { /* sar */
      int64_t sv = sext_sz(v, size);
      int cf = (int)((uint64_t)(sv >> (c - 1)) & 1);
      res = (uint64_t)(sv >> c) & mask;
      sh_store(m, i, size, ea, res);
      if (c < bits) flags_lazy(m, LF_SAR, (int)size, res, v, c);
      else shift_flags(m, size, res, cf, of_right(res, size));
      return;
    }
  }
}

/* The count of a double shift: Ib for A4/AC, CL for A5/AD. */
static unsigned dsh_count(struct Machine *m, const struct Insn *i) {
  unsigned c = (i->op & 1) ? (unsigned)m->r[RCX] : (unsigned)i->imm;
  return c & (i->osz == 8 ? 63 : 31);
}

/* 0F A4, 0F A5: shld Ev, Gv, count. */
void op_shld(struct Machine *m, const struct Insn *i) {
  unsigned size = i->osz, bits = size * 8, c = dsh_count(m, i);
  uint64_t ea = 0, d, s, res;
  int cf, of;
  if (i->lock) exec_ud(m);
  d = sh_load(m, i, size, &ea);
  s = reg_get(m, i, i->reg, size);
  if (!c) {
    sh_store(m, i, size, ea, d);
    return;
  }
  if (size == 2 && c >= 16) {
    /* Undefined in the manual. Zen: by 16 the result is the source and
     * CF the low bit of the destination, OF = CF; beyond 16 the source
     * rotated left by c - 16, with CF = OF = 0. */
    if (c == 16) {
      res = s;
      cf = of = (int)(d & 1);
    } else {
      res = ((s << (c - 16)) | (s >> (32 - c))) & 0xffff;
      cf = of = 0;
    }
  } else {
    res = trunc_sz((d << c) | shr64(s, bits - c), size);
    cf = (int)bit_of(d, bits - c);
    of = of_left(res, size, cf);
  }
  sh_store(m, i, size, ea, res);
  shift_flags(m, size, res, cf, of);
}

/* 0F AC, 0F AD: shrd Ev, Gv, count. */
void op_shrd(struct Machine *m, const struct Insn *i) {
  unsigned size = i->osz, bits = size * 8, c = dsh_count(m, i);
  uint64_t ea = 0, d, s, res;
  int cf;
  if (i->lock) exec_ud(m);
  d = sh_load(m, i, size, &ea);
  s = reg_get(m, i, i->reg, size);
  if (!c) {
    sh_store(m, i, size, ea, d);
    return;
  }
  if (size == 2 && c >= 16) {
    /* Undefined in the manual. Zen: by 16 the result is the source and
     * CF the top bit of the destination; beyond 16 the source rotated
     * right by c - 16 with CF = 0. OF follows the usual rule. */
    if (c == 16) {
      res = s;
      cf = (int)bit_of(d, 15);
    } else {
      res = ((s >> (c - 16)) | (s << (32 - c))) & 0xffff;
      cf = 0;
    }
  } else {
    res = trunc_sz((d >> c) | shl64(s, bits - c), size);
    cf = (int)bit_of(d, c - 1);
  }
  sh_store(m, i, size, ea, res);
  shift_flags(m, size, res, cf, of_right(res, size));
}
