/* ops-bcd.c: decimal adjust (daa, das, aaa, aas, aam, aad) and salc.
 *
 * All of these are invalid in long mode; the decoder only sends them
 * from 16- and 32-bit code. The flags the manual leaves undefined follow
 * the AMD Zen reference host as far as tests/vm/test-alu.c could check
 * (it runs them natively in a 32-bit compatibility-mode segment). */
#include "flags.h"
#include "machine.h"
#include "operand.h"
#include "ops.h"

static inline uint64_t bcd_szp(uint8_t v) {
  uint64_t f = 0;
  if (!v) f |= FLAG_ZF;
  if (v & 0x80) f |= FLAG_SF;
  if (flags_parity(v)) f |= FLAG_PF;
  return f;
}

static inline uint64_t bcd_szp16(uint16_t v) {
  uint64_t f = 0;
  if (!v) f |= FLAG_ZF;
  if (v & 0x8000) f |= FLAG_SF;
  if (flags_parity(v)) f |= FLAG_PF;
  return f;
}

static inline void bcd_set_al(struct Machine *m, uint8_t al) {
  m->r[RAX] = (m->r[RAX] & ~0xffull) | al;
}

static inline void bcd_set_ax(struct Machine *m, uint16_t ax) {
  m->r[RAX] = (m->r[RAX] & ~0xffffull) | ax;
}

/* 27 daa, 2F das, 37 aaa, 3F aas. */
void op_bcd(struct Machine *m, const struct Insn *i) {
  uint64_t f = flags_get(m);
  int cf = !!(f & FLAG_CF), af = !!(f & FLAG_AF);
  uint8_t al = (uint8_t)m->r[RAX], old = al;
  uint16_t ax = (uint16_t)m->r[RAX];
  uint64_t nf;
  if (m->mode == MODE_LONG) exec_ud(m);
  switch (i->op) {
    case 0x27: /* daa */
      nf = 0;
      if ((al & 15) > 9 || af) {
        al += 6;
        nf |= FLAG_AF;
      }
      if (old > 0x99 || cf) {
        al += 0x60;
        nf |= FLAG_CF;
      }
      bcd_set_al(m, al);
      nf |= bcd_szp(al);
      /* OF is undefined: the host reports the signed overflow of the
       * adjustment as an addition. */
      if (!(old & 0x80) && (al & 0x80)) nf |= FLAG_OF;
      flags_put_arith(m, nf);
      return;
    case 0x2f: /* das */
      nf = 0;
      if ((al & 15) > 9 || af) {
        /* Unlike daa, the borrow of this step survives the next. */
        if (al < 6) nf |= FLAG_CF;
        al -= 6;
        nf |= FLAG_AF;
      }
      if (old > 0x99 || cf) {
        al -= 0x60;
        nf |= FLAG_CF;
      }
      bcd_set_al(m, al);
      nf |= bcd_szp(al);
      if ((old & 0x80) && !(al & 0x80)) nf |= FLAG_OF;
      flags_put_arith(m, nf);
      return;
    case 0x37: /* aaa */
      if ((al & 15) > 9 || af) {
        uint16_t old_ax = ax;
        ax += 0x106;
        nf = FLAG_AF | FLAG_CF;
        /* OF (undefined): Zen's signed overflow of that 16-bit add. */
        if (~old_ax & ax & 0x8000) nf |= FLAG_OF;
      } else {
        nf = 0;
      }
      /* SF, ZF and PF are undefined: Zen takes them from the 16-bit AX
       * after the adjustment, before AL's high nibble is cleared. */
      nf |= bcd_szp16(ax);
      ax &= 0xff0f;
      bcd_set_ax(m, ax);
      flags_put_arith(m, nf);
      return;
    default: /* 3F aas */
      if ((al & 15) > 9 || af) {
        uint16_t old_ax = ax;
        ax -= 0x106;
        nf = FLAG_AF | FLAG_CF;
        if (old_ax & ~ax & 0x8000) nf |= FLAG_OF;
      } else {
        nf = 0;
      }
      nf |= bcd_szp16(ax);
      ax &= 0xff0f;
      bcd_set_ax(m, ax);
      flags_put_arith(m, nf);
      return;
  }
}

/* D4 ib: aam. Division by zero raises #DE. */
void op_aam(struct Machine *m, const struct Insn *i) {
  uint8_t base = (uint8_t)i->imm, al = (uint8_t)m->r[RAX];
  if (m->mode == MODE_LONG) exec_ud(m);
  if (!base) exec_fault(m, EXC_DE, 0, 0);
  bcd_set_ax(m, (uint16_t)(((al / base) << 8) | (al % base)));
  flags_put_arith(m, bcd_szp(al % base));
}

/* D5 ib: aad. */
void op_aad(struct Machine *m, const struct Insn *i) {
  uint8_t base = (uint8_t)i->imm;
  uint16_t ax = (uint16_t)m->r[RAX];
  uint8_t a = (uint8_t)ax, b = (uint8_t)((ax >> 8) * base);
  uint8_t al = (uint8_t)(a + b);
  uint64_t f = bcd_szp(al);
  if (m->mode == MODE_LONG) exec_ud(m);
  /* OF, AF and CF are undefined: Zen reports them for the final 8-bit
   * addition AL + (AH * base). */
  if (al < a) f |= FLAG_CF;
  if ((a ^ b ^ al) & 0x10) f |= FLAG_AF;
  if ((a ^ al) & (b ^ al) & 0x80) f |= FLAG_OF;
  bcd_set_ax(m, al);
  flags_put_arith(m, f);
}

/* D6: salc, AL = CF ? FF : 00, flags untouched. */
void op_salc(struct Machine *m, const struct Insn *i) {
  (void)i;
  if (m->mode == MODE_LONG) exec_ud(m);
  bcd_set_al(m, flags_cf(m) ? 0xff : 0);
}
