/* flags.h: lazy evaluation of the six arithmetic flags.
 *
 * Most flag results are overwritten before anything reads them, so an ALU
 * instruction only records its kind, size, inputs and result; CF, PF, AF,
 * ZF, SF and OF are computed when a jcc, setcc, pushf or the debugger asks.
 * Instructions whose flag rules do not fit a recorded kind (shifts,
 * rotates, multiplies, bit scans) compute their flags and store them with
 * flags_put_arith(). */
#ifndef BLINK_VM_FLAGS_H
#define BLINK_VM_FLAGS_H

#include "machine.h"

enum LazyOp {
  LF_NONE = 0, /* rflags holds the truth */
  LF_ADD,      /* res = a + b */
  LF_ADC,      /* res = a + b + lf_cf */
  LF_SUB,      /* res = a - b (also cmp, neg with a = 0) */
  LF_SBB,      /* res = a - b - lf_cf */
  LF_LOGIC,    /* and/or/xor/test: CF = OF = 0, AF = 0 */
  LF_INC,      /* res = a + 1, CF = lf_cf */
  LF_DEC,      /* res = a - 1, CF = lf_cf */
  LF_SHL,      /* res = a << b, 0 < b < 8 * size; AF = 1 (as Zen) */
  LF_SHR,      /* res = a >> b (logical), 0 < b < 8 * size; AF = 1 */
  LF_SAR,      /* res = a >> b (arithmetic), 0 < b < 8 * size; AF = 1 */
};

/* Record an ALU result. a, b and res are already truncated to size bytes. */
static inline void flags_lazy(struct Machine *m, int op, int size,
                              uint64_t res, uint64_t a, uint64_t b) {
  m->lf_op = (uint8_t)op;
  m->lf_size = (uint8_t)size;
  m->lf_res = res;
  m->lf_a = a;
  m->lf_b = b;
}

/* The full RFLAGS, lazy flags materialized (and cached in m->rflags). */
uint64_t flags_get(struct Machine *m);
/* Replace RFLAGS (popf, sahf, iret): all bits, lazy state dropped. */
void flags_set(struct Machine *m, uint64_t rflags);
/* Replace only the six arithmetic flags with the FLAG_* bits in f. */
void flags_put_arith(struct Machine *m, uint64_t f);

/* Single flags, computed without materializing the others. */
int flags_cf(struct Machine *m);
int flags_zf(struct Machine *m);
int flags_sf(struct Machine *m);
int flags_of(struct Machine *m);
int flags_pf(struct Machine *m);
int flags_af(struct Machine *m);

/* Condition code cc (the low nibble of jcc/setcc/cmovcc): 0 = O, 1 = NO,
 * 2 = B, 3 = AE, 4 = E, 5 = NE, 6 = BE, 7 = A, 8 = S, 9 = NS, A = P,
 * B = NP, C = L, D = GE, E = LE, F = G. */
int flags_cond(struct Machine *m, unsigned cc);

/* flags_cond with the commonest cases inline: a recorded cmp/sub or
 * logic result, or materialized flags. */
static inline int flags_cond_inline(struct Machine *m, unsigned cc) {
  unsigned op = m->lf_op;
  if (op == LF_SUB) {
    uint64_t a = m->lf_a, b = m->lf_b;
    unsigned sh = 64 - m->lf_size * 8;
    switch (cc) {
      case 0x2: return a < b;
      case 0x3: return a >= b;
      case 0x4: return a == b;
      case 0x5: return a != b;
      case 0x6: return a <= b;
      case 0x7: return a > b;
      case 0xc: return (int64_t)(a << sh) < (int64_t)(b << sh);
      case 0xd: return (int64_t)(a << sh) >= (int64_t)(b << sh);
      case 0xe: return (int64_t)(a << sh) <= (int64_t)(b << sh);
      case 0xf: return (int64_t)(a << sh) > (int64_t)(b << sh);
      default: break;
    }
  } else if (op == LF_LOGIC || op == LF_ADD || op == LF_INC ||
             op == LF_DEC) {
    /* ZF and SF come from the result alone for every recorded kind. */
    uint64_t r = m->lf_res;
    unsigned sh = 64 - m->lf_size * 8;
    switch (cc) {
      case 0x4: return r == 0;
      case 0x5: return r != 0;
      case 0x8: return (int64_t)(r << sh) < 0;
      case 0x9: return (int64_t)(r << sh) >= 0;
      default: break;
    }
    if (op == LF_LOGIC) {
      /* CF = OF = 0. */
      switch (cc) {
        case 0x0: case 0x2: return 0;
        case 0x1: case 0x3: return 1;
        case 0x6: return r == 0;
        case 0x7: return r != 0;
        case 0xc: return (int64_t)(r << sh) < 0;
        case 0xd: return (int64_t)(r << sh) >= 0;
        case 0xe: return (int64_t)(r << sh) <= 0;
        case 0xf: return (int64_t)(r << sh) > 0;
        default: break;
      }
    }
  }
  return flags_cond(m, cc);
}

/* Parity of the low byte: 1 when it has an even number of set bits. */
static inline int flags_parity(uint64_t x) {
  return !__builtin_parity((unsigned)(x & 0xff));
}

#endif
