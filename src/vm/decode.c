/* decode.c: the x86 instruction decoder.
 *
 * Turns up to 15 bytes into a struct Insn: prefixes, opcode and map,
 * ModRM/SIB/displacement resolved into base/index/scale/disp, the
 * immediate, the operand and address sizes, and the handler. It runs once
 * per instruction address (the caller caches the record), so it is a
 * straight walk over the bytes with table lookups and no allocation.
 *
 * Conventions beyond insn.h, each checked against objdump or the host:
 * - Where Intel and AMD differ the host CPU (AMD) and objdump's default
 *   are followed: in 64-bit mode 66h makes near branches 16-bit (osz 2,
 *   rel16). Far call/jmp/ret and iret keep the 32-bit default (REX.W
 *   makes them 64-bit), as on both vendors.
 * - In 64-bit mode ES/CS/SS/DS overrides don't replace an earlier FS/GS
 *   one; otherwise the last segment prefix wins.
 * - Without a ModRM byte, rm is the register in the opcode's low three
 *   bits plus REX.B (push/pop r, xchg, mov r,imm, bswap).
 * - moffs (A0-A3) is in imm and, with no base or index, also in disp.
 * - 16-bit [si], [di], [bp+d], [bx] are base-only forms.
 * - MOV CRn/DRn ignore ModRM.mod: mod is reported as 3.
 * - EVEX, XOP, 3DNow! and VEX encodings other than BMI1/BMI2 are sized
 *   (so the bytes can be logged) and returned as DECODE_INVALID. */
#include "decode.h"

#include <stdbool.h>
#include <string.h>

#include "decode-tables.h"
#include "machine.h"
#include "fastpath.h"
#include "optab.h"

/* Whether bytes [0, end) are there: DECODE_OK, or why not. An instruction
 * that needs a 16th byte is too long whatever n is. */
static inline int dec_need(unsigned end, size_t n) {
  if (end > 15) return DECODE_TOOLONG;
  if (end > n) return DECODE_SHORT;
  return DECODE_OK;
}

static inline uint16_t dec_u16(const uint8_t *q) {
  return (uint16_t)(q[0] | q[1] << 8);
}

static inline uint32_t dec_u32(const uint8_t *q) {
  return (uint32_t)q[0] | (uint32_t)q[1] << 8 | (uint32_t)q[2] << 16 |
         (uint32_t)q[3] << 24;
}

static inline uint64_t dec_u64(const uint8_t *q) {
  return dec_u32(q) | (uint64_t)dec_u32(q + 4) << 32;
}

/* The BMI/BMI2 instructions are the only VEX encodings we execute; the
 * rest (AVX, AVX2, FMA) are #UD as on a CPU without them. */
static bool dec_vex_supported(unsigned map, unsigned op) {
  if (map == MAP_0F38)
    return op == 0xf2 || op == 0xf3 || op == 0xf5 || op == 0xf6 ||
           op == 0xf7;
  return map == MAP_0F3A && op == 0xf0;
}

/* 16-bit addressing: ModRM.rm selects one of eight base+index pairs. */
static const uint8_t dec_base16[8] = {RBX, RBX, RBP, RBP, RSI, RDI, RBP, RBX};
static const uint8_t dec_index16[8] = {RSI, RDI, RSI, RDI,
                                       REG_NONE, REG_NONE, REG_NONE, REG_NONE};

int decode_insn(struct Insn *i, const uint8_t *p, size_t n, int mode) {
  bool lng = mode == MODE_LONG;
  size_t lim = n < 15 ? n : 15;
  unsigned k = 0, b, rex = 0, o66 = 0, a67 = 0;
  unsigned rx;        /* REX.WRXB bits as they apply to this instruction */
  unsigned map, op, attr, osz, asz, isz = 0, itype;
  bool bad = false;   /* an undefined encoding: #UD after sizing it */
  bool vexlike = false;
  int rc;

  memset(i, 0, sizeof(*i));
  i->base = REG_NONE;
  i->index = REG_NONE;

  /* Prefixes. A REX counts only when the opcode follows it directly. */
  for (;; ++k) {
    unsigned kind;
    if (k >= lim) return dec_need(k + 1, n);
    b = p[k];
    kind = dec_prefix[b];
    if (kind == PFX_NONE) break;
    if (kind == PFX_REX) {
      if (!lng) break; /* inc/dec r */
      rex = b;
      continue;
    }
    rex = 0;
    switch (kind) {
      /* In 64-bit mode ES/CS/SS/DS overrides are null prefixes: they do
       * not cancel an earlier FS/GS one (as measured on the host). */
      case PFX_SEG:
        if (!lng || i->segovr <= SEG_DS + 1) i->segovr = (b >> 3 & 3) + 1;
        break;
      case PFX_FS: i->segovr = SEG_FS + 1; break;
      case PFX_GS: i->segovr = SEG_GS + 1; break;
      case PFX_66: o66 = 1; break;
      case PFX_67: a67 = 1; break;
      case PFX_LOCK: i->lock = 1; break;
      case PFX_F2: i->rep = REP_F2; break;
      default: i->rep = REP_F3; break;
    }
  }
  rx = rex;
  op = b;
  map = MAP_1BYTE;
  k++;
  if (lng) asz = a67 ? 4 : 8;
  else if (mode == MODE_PROT32) asz = a67 ? 2 : 4;
  else asz = a67 ? 4 : 2;

  if (op == 0x0f) {
    if (k >= lim) return dec_need(k + 1, n);
    op = p[k++];
    map = MAP_0F;
    if (op == 0x38 || op == 0x3a) {
      map = op == 0x38 ? MAP_0F38 : MAP_0F3A;
      if (k >= lim) return dec_need(k + 1, n);
      op = p[k++];
      attr = map == MAP_0F38 ? A_MODRM : A_MODRM | IMM_B;
    } else {
      attr = dec_0f[op];
    }
  } else if (op == 0xc4 || op == 0xc5 || op == 0x62 || op == 0x8f) {
    /* VEX (C4/C5), EVEX (62) and AMD XOP (8F) reuse opcodes that outside
     * long mode are LES/LDS/BOUND with a memory operand (so the next byte
     * has mod 3 when it is a prefix) and POP Ev (reg 0, so map >= 8). */
    if (k >= lim) return dec_need(k + 1, n);
    b = p[k];
    if (op == 0x8f ? (b & 0x1f) >= 8 : lng || (b & 0xc0) == 0xc0) {
      unsigned b1 = b, b2, w, pp, mmmmm;
      unsigned vlen = op == 0xc5 ? 1 : op == 0x62 ? 3 : 2; /* prefix bytes */
      if (k + vlen >= lim) return dec_need(k + vlen + 1, n);
      vexlike = true;
      if (op == 0xc5) {
        b2 = b1;
        b1 = (b1 & 0x80) | 0x61; /* R from the byte, X = B = 1, map 0F */
      } else {
        b2 = p[k + 1];
      }
      mmmmm = b1 & (op == 0x62 ? 0x07 : 0x1f);
      w = op == 0xc5 ? 0 : b2 >> 7;
      pp = b2 & 3;
      rx = lng ? (~b1 >> 5 & 7) | w << 3 : 0; /* R, X, B are inverted */
      k += vlen;
      op = p[k++];
      if (vlen == 3) {
        /* EVEX (AVX-512): sized so the bytes can be logged, never run. */
        bad = true;
        map = mmmmm <= 3 ? mmmmm : MAP_0F;
        attr = A_MODRM;
        if (mmmmm == 3 || (mmmmm == 1 && (dec_0f[op] & A_IMM) == IMM_B))
          attr |= IMM_B;
      } else if (mmmmm >= 8) {
        /* XOP (AMD only, and gone since Zen): size it, reject it. */
        bad = true;
        map = MAP_0F;
        attr = A_MODRM | (mmmmm == 8 ? IMM_B : mmmmm == 10 ? IMM_D : 0);
      } else {
        i->vex = 1;
        i->vex_w = w;
        i->vex_l = b2 >> 2 & 1;
        i->vex_v = (~b2 >> 3 & 15) & (lng ? 15 : 7);
        if (pp == 1) i->opsize_prefix = 1;
        /* VEX after 66/F2/F3/REX/LOCK is #UD; so is VEX in real mode. */
        if (o66 || i->rep || rex || i->lock || mode == MODE_REAL) bad = true;
        if (pp >= 2) i->rep = pp == 2 ? REP_F3 : REP_F2;
        if (mmmmm < 1 || mmmmm > 3) {
          bad = true;
          map = MAP_0F;
          attr = A_MODRM;
        } else {
          map = mmmmm;
          if (map == MAP_0F)
            attr = op == 0x77 ? 0 /* vzeroupper */
                              : A_MODRM | (dec_0f[op] & A_IMM);
          else
            attr = map == MAP_0F38 ? A_MODRM : A_MODRM | IMM_B;
          if (!dec_vex_supported(map, op) || i->vex_l) bad = true;
        }
      }
    } else {
      attr = dec_1byte[op];
    }
  } else {
    attr = dec_1byte[op];
  }
  i->map = (uint8_t)map;
  i->op = (uint8_t)op;
  i->rex = (uint8_t)rex;
  i->opsize_prefix |= (uint8_t)o66;
  i->asz = (uint8_t)asz;

  /* ModRM, SIB and displacement. */
  unsigned defseg = SEG_DS;
  if (attr & A_MODRM) {
    unsigned m, mod, dsz = 0;
    if (k >= lim) return dec_need(k + 1, n);
    m = p[k++];
    mod = m >> 6;
    if (attr & A_MOD3) mod = 3; /* mov to/from CRn/DRn ignore mod */
    i->has_modrm = 1;
    i->modrm = (uint8_t)m;
    i->mod = (uint8_t)mod;
    i->reg = (uint8_t)((m >> 3 & 7) | (rx & 4) << 1);
    i->rm = (uint8_t)((m & 7) | (rx & 1) << 3);
    if (mod != 3) {
      if (asz == 2) {
        i->base = dec_base16[m & 7];
        i->index = dec_index16[m & 7];
        if (mod == 0 && (m & 7) == 6) {
          i->base = REG_NONE;
          dsz = 2;
        }
        if (mod == 1) dsz = 1;
        if (mod == 2) dsz = 2;
        if (i->base == RBP) defseg = SEG_SS;
      } else {
        if ((m & 7) == 4) {
          unsigned s, ix;
          if (k >= lim) return dec_need(k + 1, n);
          s = p[k++];
          ix = (s >> 3 & 7) | (rx & 2) << 2;
          if (ix != 4) {
            i->index = (uint8_t)ix;
            i->scale = (uint8_t)(s >> 6);
          }
          if ((s & 7) == 5 && mod == 0) {
            dsz = 4; /* no base: disp32, whatever REX.B says */
          } else {
            i->base = (uint8_t)((s & 7) | (rx & 1) << 3);
          }
        } else if ((m & 7) == 5 && mod == 0) {
          i->base = lng ? BASE_RIP : REG_NONE;
          dsz = 4;
        } else {
          i->base = i->rm;
        }
        if (mod == 1) dsz = 1;
        if (mod == 2) dsz = 4;
        if (i->base == RSP || i->base == RBP) defseg = SEG_SS;
      }
      if (dsz) {
        if ((rc = dec_need(k + dsz, n))) return rc;
        if (dsz == 1) i->disp = (int8_t)p[k];
        else if (dsz == 2) i->disp = (int16_t)dec_u16(p + k);
        else i->disp = (int32_t)dec_u32(p + k);
        k += dsz;
      }
    }
  } else {
    /* push/pop r, mov r,imm, xchg, bswap: the register is in the opcode */
    i->rm = (uint8_t)((op & 7) | (rx & 1) << 3);
  }
  i->seg = (uint8_t)(i->segovr ? i->segovr - 1u : defseg);

  /* Operand size. */
  if (vexlike) {
    osz = lng && i->vex_w ? 8 : 4;
  } else if (lng) {
    bool d64 = attr & A_D64;
    if (map == MAP_1BYTE && op == 0xff) {
      unsigned r = i->reg & 7;
      d64 = r == 2 || r == 4 || r == 6; /* near call/jmp, push */
    }
    if (rx & 8) osz = 8;
    else if (o66) osz = 2;
    else osz = d64 ? 8 : 4;
  } else if (mode == MODE_PROT32) {
    osz = o66 ? 2 : 4;
  } else {
    osz = o66 ? 4 : 2;
  }
  i->osz = (uint8_t)osz;

  /* Immediate. */
  itype = attr & A_IMM;
  if (itype != IMM_NONE) {
    const uint8_t *q = p + k;
#define NEED(sz)                                   \
  do {                                             \
    isz = (sz);                                    \
    if ((rc = dec_need(k + isz, n))) return rc;    \
  } while (0)
    switch (itype) {
      case IMM_B:
        NEED(1);
        i->imm = q[0];
        break;
      case IMM_BS:
      case IMM_JB:
        NEED(1);
        i->imm = (uint64_t)(int64_t)(int8_t)q[0];
        break;
      case IMM_W:
        NEED(2);
        i->imm = dec_u16(q);
        break;
      case IMM_GRP3:
        if ((i->reg & 7) >= 2) {
          isz = 0; /* not, neg, mul, imul, div, idiv */
          break;
        }
        if (!(op & 1)) {
          NEED(1);
          i->imm = q[0];
          break;
        }
        /* fallthrough */
      case IMM_Z:
        if (osz == 2) {
          NEED(2);
          i->imm = dec_u16(q);
        } else {
          NEED(4);
          i->imm = dec_u32(q);
          if (osz == 8 || (op == 0xc7 && i->modrm == 0xf8)) /* xbegin */
            i->imm = (uint64_t)(int64_t)(int32_t)i->imm;
        }
        break;
      case IMM_JZ:
        if (osz == 2) {
          NEED(2);
          i->imm = (uint64_t)(int64_t)(int16_t)dec_u16(q);
        } else {
          NEED(4);
          i->imm = (uint64_t)(int64_t)(int32_t)dec_u32(q);
        }
        break;
      case IMM_V:
      case IMM_MOFFS:
        NEED(itype == IMM_V ? osz : asz);
        if (isz == 2) i->imm = dec_u16(q);
        else if (isz == 4) i->imm = dec_u32(q);
        else i->imm = dec_u64(q);
        if (itype == IMM_MOFFS) i->disp = (int64_t)i->imm;
        break;
      case IMM_AP:
        NEED(osz == 2 ? 4 : 6);
        i->imm = isz == 4 ? dec_u16(q) : dec_u32(q);
        i->imm2 = dec_u16(q + isz - 2);
        break;
      case IMM_ENTER:
        NEED(3);
        i->imm = dec_u16(q);
        i->imm2 = q[2];
        break;
      case IMM_SSE4A:
        isz = 0;
        if (!vexlike && (o66 || i->rep == REP_F2)) {
          NEED(2);
          i->imm = q[0];
          i->imm2 = q[1];
        }
        break;
      case IMM_D:
        NEED(4);
        i->imm = dec_u32(q);
        break;
      default:
        isz = 0;
        break;
    }
#undef NEED
    k += isz;
  }
  i->len = (uint8_t)k;

  /* Encodings that exist only to raise #UD. */
  if ((attr & A_UD) || (lng && (attr & A_INV64))) bad = true;
  if (i->lock && !bad) {
    unsigned mask = map == MAP_1BYTE ? dec_lock_1byte[op]
                    : map == MAP_0F  ? dec_lock_0f[op]
                                     : 0;
    /* AMD's LOCK MOV CRn is CR8 (AltMovCr8): privileged, so the handler's
     * #GP decides, as on the host. */
    bool cr8 = map == MAP_0F && (op == 0x20 || op == 0x22) &&
               !(i->reg & 7);
    if (!cr8 && (vexlike || i->mod == 3 || !(mask >> (i->reg & 7) & 1)))
      bad = true;
  }
  if (bad) {
    i->fn = op_ud;
    return DECODE_INVALID;
  }
  i->fn = optab[map][op];
  OpFn fast = fast_select(i, mode);
  if (fast) i->fn = fast;
  return DECODE_OK;
}
