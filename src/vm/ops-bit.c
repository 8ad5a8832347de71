/* ops-bit.c: single-bit instructions (bt, bts, btr, btc), bit scans
 * (bsf, bsr, tzcnt, lzcnt) and bswap.
 *
 * Flags the manual leaves undefined follow the AMD Zen reference host
 * (tests/vm/test-alu.c compares every case against it). */
#include <stdbool.h>

#include "cpuid.h"
#include "flags.h"
#include "machine.h"
#include "operand.h"
#include "ops-alu.h"
#include "ops.h"

enum { BT_TEST, BT_SET, BT_RESET, BT_COMPLEMENT };

static inline uint64_t bt_apply(unsigned kind, uint64_t v, uint64_t bit) {
  switch (kind) {
    case BT_SET: return v | bit;
    case BT_RESET: return v & ~bit;
    case BT_COMPLEMENT: return v ^ bit;
    default: return v;
  }
}

/* CF gets the bit; ZF is kept; OF, SF, AF and PF are undefined, and Zen
 * keeps them too. */
static void bt_flags(struct Machine *m, int cf) {
  uint64_t f = flags_get(m) & ~(uint64_t)FLAG_CF;
  flags_put_arith(m, f | (cf ? FLAG_CF : 0));
}

/* The common part: bit number n (already reduced for registers) of the
 * size-byte operand at ea, or of register rm when mod == 3. */
static void bt_do(struct Machine *m, const struct Insn *i, unsigned kind,
                  unsigned size, uint64_t ea, unsigned n) {
  uint64_t bit = 1ull << n, v, res;
  if (i->mod == 3) {
    if (i->lock) exec_ud(m);
    v = reg_get(m, i, i->rm, size);
    if (kind != BT_TEST) reg_put(m, i, i->rm, size, bt_apply(kind, v, bit));
  } else {
    void *p = 0;
    if (i->lock) {
      if (kind == BT_TEST) exec_ud(m);
      p = mem_host_rw(m, ea, size);
      if (!p) { /* a split lock: under the lock (memory.h) */
        mem_rmw_begin(m);
        v = mem_load(m, ea, size);
        mem_store(m, ea, size, bt_apply(kind, v, bit));
        mem_rmw_end(m);
        bt_flags(m, !!(v & bit));
        return;
      }
    }
    if (p) {
      v = alu_atomic_load(p, size);
      do res = bt_apply(kind, v, bit);
      while (!alu_cas(p, size, &v, res));
    } else {
      v = mem_load(m, ea, size);
      if (kind != BT_TEST) mem_store(m, ea, size, bt_apply(kind, v, bit));
    }
  }
  bt_flags(m, !!(v & bit));
}

/* 0F A3 bt, 0F AB bts, 0F B3 btr, 0F BB btc: Ev, Gv. With a memory
 * operand the register is a signed bit offset that may reach outside the
 * operand: the operand-sized unit it falls in is addressed. */
void op_bt(struct Machine *m, const struct Insn *i) {
  static const uint8_t kinds[4] = {BT_TEST, BT_SET, BT_RESET, BT_COMPLEMENT};
  unsigned kind = kinds[(i->op >> 3) & 3];
  unsigned size = i->osz, bits = size * 8;
  uint64_t ea = 0;
  int64_t off = sext_sz(reg_get(m, i, i->reg, size), size);
  if (i->mod != 3) {
    /* Floor division: the shift is arithmetic. */
    int64_t unit = off >> (size == 2 ? 4 : size == 4 ? 5 : 6);
    uint64_t a = insn_ea(m, i) - m->seg_base[i->seg] + (uint64_t)unit * size;
    if (i->asz == 4) a = (uint32_t)a;
    else if (i->asz == 2) a = (uint16_t)a;
    ea = a + m->seg_base[i->seg];
  }
  bt_do(m, i, kind, size, ea, (unsigned)off & (bits - 1));
}

/* 0F BA /4 bt, /5 bts, /6 btr, /7 btc: Ev, Ib (the offset is masked). */
void op_bt_grp8(struct Machine *m, const struct Insn *i) {
  unsigned ext = (i->modrm >> 3) & 7;
  unsigned size = i->osz;
  if (ext < 4) exec_ud(m);
  bt_do(m, i, ext - 4, size, i->mod == 3 ? 0 : insn_ea(m, i),
        (unsigned)i->imm & (size * 8 - 1));
}

/* Flags of bsf/bsr: ZF says whether the source was zero; CF, OF, SF,
 * AF and PF are undefined, and Zen keeps them. */
static void bs_flags(struct Machine *m, uint64_t src) {
  uint64_t f = flags_get(m) & ~(uint64_t)FLAG_ZF;
  flags_put_arith(m, f | (src ? 0 : FLAG_ZF));
}

/* tzcnt/lzcnt: CF when the source was zero, ZF when the count is. OF,
 * SF, AF and PF are undefined: Zen keeps OF and clears the others. */
static void cnt_flags(struct Machine *m, uint64_t src, uint64_t cnt) {
  uint64_t f = flags_get(m) & FLAG_OF;
  if (!src) f |= FLAG_CF;
  if (!cnt) f |= FLAG_ZF;
  flags_put_arith(m, f);
}

/* 0F BC bsf; F3 0F BC tzcnt. */
void op_bsf(struct Machine *m, const struct Insn *i) {
  unsigned size = i->osz;
  uint64_t src;
  if (i->lock) exec_ud(m);
  src = op_get_e(m, i, size);
  if (i->rep == REP_F3 && CPUID_HAS_BMI1) {
    uint64_t n = src ? (uint64_t)__builtin_ctzll(src) : size * 8;
    reg_put(m, i, i->reg, size, n);
    cnt_flags(m, src, n);
    return;
  }
  /* A zero source leaves the destination alone, as AMD documents and
   * Intel parts do. */
  if (src) reg_put(m, i, i->reg, size, (uint64_t)__builtin_ctzll(src));
  bs_flags(m, src);
}

/* 0F BD bsr; F3 0F BD lzcnt. */
void op_bsr(struct Machine *m, const struct Insn *i) {
  unsigned size = i->osz, bits = size * 8;
  uint64_t src;
  if (i->lock) exec_ud(m);
  src = op_get_e(m, i, size);
  if (i->rep == REP_F3 && CPUID_HAS_ABM) {
    uint64_t n = src ? (uint64_t)(__builtin_clzll(src) - (64 - bits)) : bits;
    reg_put(m, i, i->reg, size, n);
    cnt_flags(m, src, n);
    return;
  }
  if (src) reg_put(m, i, i->reg, size, (uint64_t)(63 - __builtin_clzll(src)));
  bs_flags(m, src);
}

/* 0F C8+r: bswap r32/r64. The 16-bit form is undefined; hardware
 * clears the low word. */
void op_bswap(struct Machine *m, const struct Insn *i) {
  unsigned r = (i->op & 7) | ((i->rex & 1) << 3);
  switch (i->osz) {
    case 8: m->r[r] = __builtin_bswap64(m->r[r]); break;
    case 4: m->r[r] = __builtin_bswap32((uint32_t)m->r[r]); break;
    default: m->r[r] &= ~0xffffull; break;
  }
}
