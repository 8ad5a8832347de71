/* gen.c: makes one test case: an instruction sequence and the state it
 * starts from, deterministically from (seed, index) so any case can be
 * replayed alone.
 *
 * Sequences hold 1-4 instructions drawn by weight from table.c. Memory
 * operands must land in the scratch area whatever the registers hold, so
 * each sequence reserves a base register B and an index register X
 * (from rbx, r8-r15) that point into it, and no instruction of the
 * sequence names B, X or RSP (or RSI/RDI/RBP/RBX when a string op,
 * maskmov, enter/leave or xlat needs them) as a register operand. Flags
 * an instruction may leave undefined are tracked, and an instruction
 * that would read one (jcc after mul, lahf after and, fnstsw after fadd)
 * is not drawn: such a result is not the VM's to match. */
#include <cpuid.h>
#include <stdlib.h>
#include <string.h>

#include "insn.h"
#include "isa.h"
#include "machine.h"

uint32_t gen_hits[1024];

/* Distinct forms drawn: map, opcode, mandatory/rep prefix, ModRM.reg
 * extension, register or memory operand, and the ModRM of x87 register
 * forms (24 bits of key). */
static uint8_t forms[1 << 21];
static uint8_t opcodes[4 * 256 / 8];
static int nforms, nopcodes;

static void note_form(const struct InsnInfo *ii, const struct Ent *e) {
  unsigned pfx = ii->pfx == PF_66 ? 1 : ii->pfx == PF_F3 ? 2 : ii->pfx == PF_F2 ? 3 : 0;
  unsigned dig = ii->digit >= 0 ? (unsigned)ii->digit : 8;
  unsigned x87 = e->form == F_X87 && !ii->mem ? ii->modrm & 63u : 0;
  unsigned key = (((((unsigned)e->map * 256 + ii->op) * 4 + pfx) * 16 + dig) * 2 + ii->mem) * 64 + x87;
  key &= (1u << 24) - 1;
  if (!(forms[key >> 3] & (1u << (key & 7)))) forms[key >> 3] |= (uint8_t)(1u << (key & 7)), ++nforms;
  unsigned ok = e->map * 256u + ii->op;
  if (!(opcodes[ok >> 3] & (1u << (ok & 7)))) opcodes[ok >> 3] |= (uint8_t)(1u << (ok & 7)), ++nopcodes;
}

int gen_forms(int *nops) {
  *nops = nopcodes;
  return nforms;
}
int gen_no_exclusions;

/* ------------------------------------------------------------ exclusions
 * Known VM bugs, each naming its entry in /work/notes/s3/findings.md. A
 * row drops the table row `name` (with mandatory prefix pfx, 0 = any,
 * and ModRM.reg digit, -1 = any) from the committed run. Remove a row
 * when the finding is FIXED. */
struct Excl {
  const char *name;
  int pfx;       /* PF_* or 0: any */
  int digit;     /* ModRM.reg or -1: any */
  int faulting;  /* 1: only its deliberately faulting memory operands */
  const char *finding;
};
static const struct Excl excl[] = {
    {NULL, 0, 0, 0, NULL},
};

static int excluded(const struct Ent *e, int pfx, int digit) {
  if (gen_no_exclusions) return 0;
  for (const struct Excl *x = excl; x->name; ++x)
    if (!x->faulting && !strcmp(x->name, e->name) && (!x->pfx || x->pfx == pfx) &&
        (x->digit < 0 || x->digit == digit))
      return 1;
  return 0;
}

/* Whether the row may not have a deliberately faulting memory operand. */
static int excluded_fault(const struct Ent *e, int pfx, int digit) {
  if (gen_no_exclusions) return 0;
  for (const struct Excl *x = excl; x->name; ++x)
    if (x->faulting && !strcmp(x->name, e->name) && (!x->pfx || x->pfx == pfx) &&
        (x->digit < 0 || x->digit == digit))
      return 1;
  return 0;
}

int gen_excluded(int entry) {
  for (const struct Excl *x = excl; x->name; ++x)
    if (!x->faulting && !strcmp(x->name, gen_table[entry].name) && !x->pfx && x->digit < 0)
      return 1;
  return 0;
}

void gen_print_exclusions(FILE *f) {
  for (const struct Excl *x = excl; x->name; ++x)
    fprintf(f, "excluded: %s%s%s (pfx %d, /%d): %s\n", x->name,
            x->faulting ? " with a faulting operand" : "", "", x->pfx, x->digit,
            x->finding);
}

/* ------------------------------------------------------------ rng */

uint64_t isa_rand(uint64_t *s) {
  uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}

static uint64_t rs;
static uint64_t R(void) { return isa_rand(&rs); }
static unsigned RN(unsigned n) { return (unsigned)(R() % n); }
static int P(unsigned n) { return RN(n) == 0; } /* probability 1/n */

/* ------------------------------------------------------------ features */

static int have[FT_COUNT];
static int avail[1024], navail;
static uint32_t cumw[1024], totw;

void gen_init(void) {
  unsigned a, b, c, d;
  have[FT_NONE] = 1;
  if (__get_cpuid(1, &a, &b, &c, &d)) {
    have[FT_SSE3] = c & 1;
    have[FT_SSSE3] = (c >> 9) & 1;
    have[FT_CX16] = (c >> 13) & 1;
    have[FT_SSE41] = (c >> 19) & 1;
    have[FT_SSE42] = (c >> 20) & 1;
    have[FT_MOVBE] = (c >> 22) & 1;
    have[FT_POPCNT] = (c >> 23) & 1;
  }
  if (__get_cpuid_count(7, 0, &a, &b, &c, &d)) {
    have[FT_BMI1] = (b >> 3) & 1;
    have[FT_BMI2] = (b >> 8) & 1;
    have[FT_ADX] = (b >> 19) & 1;
  }
  if (__get_cpuid(0x80000001, &a, &b, &c, &d)) {
    have[FT_LAHF] = c & 1;
    have[FT_LZCNT] = (c >> 5) & 1;
  }
  navail = 0;
  totw = 0;
  for (int k = 0; k < gen_ntable; ++k) {
    if (!have[gen_table[k].feat] || (!gen_no_exclusions && gen_excluded(k)))
      continue;
    totw += gen_table[k].w;
    avail[navail] = k;
    cumw[navail++] = totw;
  }
}

int gen_entries(void) { return navail; }

/* ------------------------------------------------------------ values */

static const uint64_t edges[] = {
    0, 1, 2, 3, 0x7f, 0x80, 0x81, 0xff, 0x100, 0x7fff, 0x8000, 0x8001,
    0xffff, 0x10000, 0x7fffffff, 0x80000000, 0x80000001, 0xffffffff,
    0x100000000, 0x7fffffffffffffff, 0x8000000000000000,
    0x8000000000000001, 0xffffffffffffffff, 0xfffffffffffffffe,
    0x5555555555555555, 0xaaaaaaaaaaaaaaaa, 0x0123456789abcdef,
    0x8080808080808080, 0x7f7f7f7f7f7f7f7f, 0xffffffff00000000,
    0x00000000ffff0000, 0x99, 0x0909, 0x0f0f, 0xffffff80, 0xffffffffffff8000,
};
static const uint8_t counts[] = {0, 1, 2, 7, 8, 9, 15, 16, 17, 31, 32, 33,
                                 63, 64, 65, 127, 128, 255};

static uint64_t edge(void) { return edges[RN(sizeof(edges) / 8)]; }

static uint64_t rand_val(void) {
  switch (RN(8)) {
    case 0: case 1: case 2: return edge();
    case 3: return edge() ^ (R() << (8 * (1 + RN(7)))); /* low bits edge */
    case 4: return (uint64_t)(int64_t)(int8_t)RN(256) + RN(3) - 1;
    case 5: return counts[RN(sizeof(counts))];
    case 6: return R() >> RN(64);
    default: return R();
  }
}

static const uint32_t fspec[] = {
    0, 0x80000000, 0x3f800000, 0xbf800000, 0x7f800000, 0xff800000,
    0x7fc00000, 0xffc00000, 0x7f800001, 0x7fa00000, 0xffbfffff, 1,
    0x807fffff, 0x00400000, 0x7f7fffff, 0xff7fffff, 0x00800000, 0x80800000,
    0x4f000000, 0xcf000000, 0x5f000000, 0xdf000000, 0x4effffff, 0xcf000001,
    0x3f000000, 0x3fc00000, 0x40200000, 0xbfc00000, 0x4b000000, 0x4b7fffff,
    0x3effffff, 0x40400000, 0x4f800000, 0x5f800000,
};
static const uint64_t dspec[] = {
    0, 0x8000000000000000, 0x3ff0000000000000, 0xbff0000000000000,
    0x7ff0000000000000, 0xfff0000000000000, 0x7ff8000000000000,
    0xfff8000000000000, 0x7ff0000000000001, 0x7ff4000000000000, 1,
    0x800fffffffffffff, 0x0008000000000000, 0x7fefffffffffffff,
    0x0010000000000000, 0x41e0000000000000, 0xc1e0000000000000,
    0x43e0000000000000, 0xc3e0000000000000, 0x41dfffffffc00000,
    0xc1e0000000200000, 0x41efffffffe00000, 0x3fe0000000000000,
    0x3ff8000000000000, 0x4004000000000000, 0xbff8000000000000,
    0x4330000000000000, 0x432fffffffffffff, 0x3fdfffffffffffff,
    0x36a0000000000000, 0x47efffffe0000000, 0x47f0000000000000,
};

static uint32_t rand_f32(void) {
  switch (RN(4)) {
    case 0: case 1: return fspec[RN(sizeof(fspec) / 4)];
    case 2: return (uint32_t)((R() & 0x807fffff) | ((uint64_t)(0x60 + RN(64)) << 23));
    default: return (uint32_t)R();
  }
}
static uint64_t rand_f64(void) {
  switch (RN(4)) {
    case 0: case 1: return dspec[RN(sizeof(dspec) / 8)];
    case 2: return (R() & 0x800fffffffffffff) | ((uint64_t)(0x3c0 + RN(128)) << 52);
    default: return R();
  }
}

/* An 80-bit value: 8 bytes of significand, 2 of sign and exponent. */
static void rand_f80(uint8_t *p) {
  static const struct { uint64_t m; uint16_t se; } x[] = {
      {0, 0}, {0, 0x8000}, {1ull << 63, 0x3fff}, {1ull << 63, 0xbfff},
      {1ull << 63, 0x7fff}, {1ull << 63, 0xffff}, {3ull << 62, 0x7fff},
      {3ull << 62, 0xffff}, {(1ull << 63) | 1, 0x7fff}, {(1ull << 63) | (1ull << 61), 0xffff},
      {1ull << 62, 0x7fff}, /* pseudo-NaN */ {0, 0x7fff}, /* pseudo-inf */
      {1, 0}, {(1ull << 62) | 5, 0x8000}, /* denormals */
      {(1ull << 63) | 1, 0}, /* pseudo-denormal */
      {1ull << 62, 0x3fff}, {0, 0x4000}, /* unnormals */
      {~0ull, 0x7ffe}, {~0ull, 0xfffe}, {1ull << 63, 1}, {1ull << 63, 0x8001},
      {1ull << 63, 0x403e}, {1ull << 63, 0xc03e}, {~0ull, 0x403d},
      {1ull << 63, 0x401e}, {1ull << 63, 0xc01e}, {~0ull, 0x401d},
      {1ull << 63, 0x400e}, {1ull << 63, 0xc00e}, {0xfffe000000000000ull, 0x400d},
      {1ull << 63, 0x3ffe}, {3ull << 62, 0x3fff}, {5ull << 61, 0x4000},
      {0xc90fdaa22168c235ull, 0x4000}, {0xb17217f7d1cf79acull, 0x3ffe},
      {1ull << 63, 0x43ff}, {1ull << 63, 0x3bff}, {0x8000000000000400ull, 0x3fff},
      {0xc000000000000000ull, 0x4034}, {0x8000000000000800ull, 0x4035},
  };
  uint64_t m;
  uint16_t se;
  switch (RN(4)) {
    case 0: case 1: {
      unsigned k = RN(sizeof(x) / sizeof(x[0]));
      m = x[k].m;
      se = x[k].se;
      break;
    }
    case 2:
      m = R() | (1ull << 63);
      se = (uint16_t)((0x3fff - 80 + RN(160)) | (RN(2) << 15));
      break;
    default:
      m = R();
      se = (uint16_t)R();
      break;
  }
  memcpy(p, &m, 8);
  memcpy(p + 8, &se, 2);
}

static void rand_xmm(uint8_t *p) {
  switch (RN(5)) {
    case 0:
      for (int k = 0; k < 16; k += 8) { uint64_t v = R(); memcpy(p + k, &v, 8); }
      break;
    case 1:
      for (int k = 0; k < 16; k += 4) { uint32_t v = rand_f32(); memcpy(p + k, &v, 4); }
      break;
    case 2:
      for (int k = 0; k < 16; k += 8) { uint64_t v = rand_f64(); memcpy(p + k, &v, 8); }
      break;
    case 3: {
      /* lanes of one width from the integer edges */
      unsigned w = 1u << RN(4);
      for (unsigned k = 0; k < 16; k += w) {
        uint64_t v = P(3) ? R() : edge();
        if (P(2)) v = ~v;
        memcpy(p + k, &v, w);
      }
      break;
    }
    default: /* byte strings for pcmpXstrX: short runs, zeros */
      for (int k = 0; k < 16; ++k) p[k] = (uint8_t)(P(4) ? 0 : 'a' + RN(6));
      break;
  }
}

/* 16 bytes to plant at a memory operand, suited to the instruction. */
static void rand_patch(uint8_t *p, int form) {
  if (form == F_X87 && P(2)) {
    rand_f80(p);
    uint64_t v = R();
    memcpy(p + 10, &v, 6);
    if (P(2)) { uint64_t d = rand_f64(); memcpy(p, &d, 8); }
    else if (P(2)) { uint32_t f = rand_f32(); memcpy(p, &f, 4); }
  } else if ((form == F_SSE || form == F_X87) && P(3)) {
    if (P(2)) for (int k = 0; k < 16; k += 4) { uint32_t f = rand_f32(); memcpy(p + k, &f, 4); }
    else for (int k = 0; k < 16; k += 8) { uint64_t d = rand_f64(); memcpy(p + k, &d, 8); }
  } else if (form == F_SSE && P(2)) {
    rand_xmm(p);
  } else {
    for (int k = 0; k < 16; k += 8) { uint64_t v = rand_val(); memcpy(p + k, &v, 8); }
  }
}

void scratch_fill(uint8_t *dst, const struct Case *c) {
  uint64_t s = c->mem_seed;
  for (unsigned k = 0; k < ISA_SCR_SIZE; k += 8) {
    uint64_t v = isa_rand(&s);
    /* Some zero and some all-ones words: bit scans and compares of
     * strings want them. */
    if ((v & 0x1f) == 0) v = 0;
    else if ((v & 0x1f) == 1) v = ~0ull;
    memcpy(dst + k, &v, 8);
  }
  for (unsigned k = 0; k < c->npatch; ++k)
    memcpy(dst + c->patch[k].off, c->patch[k].b, c->patch[k].len);
}

/* ------------------------------------------------------------ picking */

struct Pick {
  int idx;
  const struct Ent *e;
  uint8_t op;
  int pfx;    /* PF_* chosen (SSE, VEX, forced) */
  int digit;  /* ModRM.reg extension, or -1 */
  int modrm;  /* x87 register form, or -1 */
  int mem;
};

static const unsigned cond_needs[8] = {
    FLAG_OF, FLAG_CF, FLAG_ZF, FLAG_CF | FLAG_ZF, FLAG_SF, FLAG_PF,
    FLAG_SF | FLAG_OF, FLAG_ZF | FLAG_SF | FLAG_OF};

static uint64_t reads_of(const struct Pick *p) {
  const struct Ent *e = p->e;
  if (e->fr == FR_CC) return cond_needs[(p->op & 15) >> 1];
  if (e->fr == FR_GRP1) return (p->digit == 2 || p->digit == 3) ? FLAG_CF : 0;
  if (e->fr == FR_GRP2) return (p->digit == 2 || p->digit == 3) ? FLAG_CF : 0;
  if (e->fr == FR_FCMOV) {
    if (p->modrm < 0 || p->modrm >= 0xe0) return 0;
    static const unsigned f[4] = {FLAG_CF, FLAG_ZF, FLAG_CF | FLAG_ZF, FLAG_PF};
    return f[(p->modrm >> 3) & 3];
  }
  return e->fr;
}

static int bitpick(unsigned mask) {
  int n = __builtin_popcount(mask), k = (int)RN((unsigned)n);
  for (int b = 0; b < 32; ++b)
    if ((mask >> b) & 1 && k-- == 0) return b;
  return 0;
}
static int bitpick64(uint64_t mask) {
  int n = __builtin_popcountll(mask), k = (int)RN((unsigned)n);
  for (int b = 0; b < 64; ++b)
    if ((mask >> b) & 1 && k-- == 0) return b;
  return 0;
}

static void pick_entry(struct Pick *p, int idx) {
  const struct Ent *e = &gen_table[idx];
  p->idx = idx;
  p->e = e;
  p->op = (uint8_t)(e->op + RN(e->nop));
  p->pfx = e->pfx ? (e->form == F_SSE ? 1 << bitpick(e->pfx) : e->pfx) : 0;
  if (e->form == F_SSE && !p->pfx) p->pfx = PF_NP;
  p->digit = e->digit >= 0 ? e->digit : e->digmask ? bitpick(e->digmask) : -1;
  p->modrm = -1;
  if (e->regmask && (e->a & A_REG)) {
    p->modrm = 0xc0 + bitpick64(e->regmask);
    p->digit = (p->modrm >> 3) & 7;
  }
  if (e->a & (A_NOMODRM | A_OPREG)) p->mem = 0;
  else if (e->a & A_MEM) p->mem = 1;
  else if (e->a & A_REG) p->mem = 0;
  else p->mem = P(2);
}

static int draw(void) {
  uint32_t x = (uint32_t)RN(totw);
  int lo = 0, hi = navail - 1;
  while (lo < hi) {
    int mid = (lo + hi) / 2;
    if (cumw[mid] > x) hi = mid;
    else lo = mid + 1;
  }
  return avail[lo];
}

/* ------------------------------------------------------------ encoding */

#define FSW_C (0x4700u)

struct Gen {
  struct Case *c;
  uint16_t prot;       /* registers no operand may name */
  int B, X;            /* base and index registers, or -1 */
  int riprel;          /* force a RIP-relative memory operand */
  int O;               /* bit offset register of bt* m, r, or -1 */
  uint64_t bval;
  int64_t xval;
  uint8_t *b;
  int n;
  /* fixups, resolved when all lengths are known */
  struct { int k, pos, size, riprel; uint64_t target; } fix[8];
  int nfix;
};

static int gpr_ok(struct Gen *g, int r, int byte) {
  if ((g->prot >> r) & 1) return 0;
  if (byte && r >= 4 && r < 8 && ((g->prot >> (r - 4)) & 1)) return 0;
  return 1;
}

static int pick_gpr(struct Gen *g, int byte) {
  for (int t = 0; t < 64; ++t) {
    int r = (int)RN(16);
    if (gpr_ok(g, r, byte)) return r;
  }
  return RAX;
}

/* A scratch offset for a memory operand. */
static int64_t pick_target(int align16, int nofault) {
  if (P(128) && !nofault) return P(2) ? (int64_t)ISA_SCR_SIZE - (int64_t)RN(16) : -1 - (int64_t)RN(64);
  int64_t t = 0x400 + RN(0xe00);
  if (align16 || P(2)) t &= ~15;
  else if (P(3)) t &= ~7;
  return t;
}

static void put(struct Gen *g, uint64_t v, int size) {
  for (int k = 0; k < size; ++k) g->b[g->n++] = (uint8_t)(v >> (8 * k));
}

static int fits8(int64_t d) { return d >= -128 && d <= 127; }

/* Emits ModRM (with reg) and the memory operand's SIB and displacement
 * for scratch offset t; fills the InsnInfo. *rexx, *rexb get REX bits. */
static void emit_mem(struct Gen *g, struct InsnInfo *ii, int reg, int64_t t,
                     int *rexx, int *rexb, int k) {
  int form = g->riprel ? 12 : (int)RN(20);
  uint64_t addr = ISA_SCR + (uint64_t)t;
  int B = g->B, X = g->X;
  *rexx = *rexb = 0;
  if (form < 7) { /* [B + disp] */
    int64_t d = (int64_t)(addr - g->bval);
    int mod = d == 0 && (B & 7) != 5 && P(2) ? 0 : fits8(d) ? 1 : 2;
    *rexb = B >> 3;
    if ((B & 7) == 4 || P(8)) {
      g->b[g->n++] = (uint8_t)((mod << 6) | ((reg & 7) << 3) | 4);
      g->b[g->n++] = (uint8_t)((RN(4) << 6) | (4 << 3) | (B & 7));
    } else {
      g->b[g->n++] = (uint8_t)((mod << 6) | ((reg & 7) << 3) | (B & 7));
    }
    if (mod == 1) put(g, (uint64_t)d, 1);
    if (mod == 2) put(g, (uint64_t)d, 4);
    ii->base = (uint8_t)B;
    ii->index = 0xff;
    ii->disp = (int32_t)d;
  } else if (form < 12) { /* [B + X*s + disp] */
    int s = (int)RN(4);
    int64_t d = (int64_t)(addr - g->bval - (uint64_t)(g->xval * (1 << s)));
    int mod = d == 0 && (B & 7) != 5 && P(2) ? 0 : fits8(d) ? 1 : 2;
    *rexb = B >> 3;
    *rexx = X >> 3;
    g->b[g->n++] = (uint8_t)((mod << 6) | ((reg & 7) << 3) | 4);
    g->b[g->n++] = (uint8_t)((s << 6) | ((X & 7) << 3) | (B & 7));
    if (mod == 1) put(g, (uint64_t)d, 1);
    if (mod == 2) put(g, (uint64_t)d, 4);
    ii->base = (uint8_t)B;
    ii->index = (uint8_t)X;
    ii->scale = (uint8_t)s;
    ii->disp = (int32_t)d;
  } else if (form < 15) { /* RIP-relative */
    g->b[g->n++] = (uint8_t)(((reg & 7) << 3) | 5);
    g->fix[g->nfix].k = k;
    g->fix[g->nfix].pos = g->n;
    g->fix[g->nfix].size = 4;
    g->fix[g->nfix].riprel = 1;
    g->fix[g->nfix++].target = addr;
    put(g, 0, 4);
    ii->base = 0xfe;
    ii->index = 0xff;
  } else if (form < 18) { /* [disp32] */
    g->b[g->n++] = (uint8_t)(((reg & 7) << 3) | 4);
    g->b[g->n++] = (uint8_t)((RN(4) << 6) | (4 << 3) | 5);
    put(g, addr, 4);
    ii->base = 0xff;
    ii->index = 0xff;
    ii->disp = (int32_t)addr;
  } else { /* [X*s + disp32] */
    int s = (int)RN(4);
    int64_t d = (int64_t)(addr - (uint64_t)(g->xval * (1 << s)));
    *rexx = X >> 3;
    g->b[g->n++] = (uint8_t)(((reg & 7) << 3) | 4);
    g->b[g->n++] = (uint8_t)((s << 6) | ((X & 7) << 3) | 5);
    put(g, (uint64_t)d, 4);
    ii->base = 0xff;
    ii->index = (uint8_t)X;
    ii->scale = (uint8_t)s;
    ii->disp = (int32_t)d;
  }
}

static void add_patch(struct Case *c, int64_t t, const uint8_t *b, int len) {
  if (c->npatch >= ISA_MAX_PATCH || t < 0 || t + len > (int64_t)ISA_SCR_SIZE) return;
  struct Patch *p = &c->patch[c->npatch++];
  p->off = (uint16_t)t;
  p->len = (uint8_t)len;
  memcpy(p->b, b, (size_t)len);
}

static uint32_t rand_mxcsr(void) {
  uint32_t m = 0x1f80;
  if (P(2)) m |= (uint32_t)R() & 0x3f;
  if (P(2)) m |= (uint32_t)RN(4) << 13;
  if (P(4)) m |= 0x8000;
  if (P(4)) m |= 0x40;
  if (P(8)) m &= ~((uint32_t)R() & 0x1f80);
  return m;
}

static void encode(struct Gen *g, struct Pick *p, int k, uint64_t *r) {
  struct Case *c = g->c;
  const struct Ent *e = p->e;
  struct InsnInfo *ii = &c->insn[k];
  int start = g->n;
  int byte = !!(e->a & A_BYTE);
  int osz = 4, use66 = 0, rexw = 0, asz = 8, lock = 0, seg = 0, rep = 0;
  int reg = 0, rm = 0, vvvv = 0, rexr = 0, rexx = 0, rexb = 0, rex40 = 0;
  int64_t t = 0;
  uint8_t modrm = 0;
  memset(ii, 0, sizeof(*ii));
  ii->entry = (int16_t)p->idx;
  ii->base = ii->index = 0xff;
  ii->digit = (int8_t)p->digit;
  ii->pfx = (uint8_t)p->pfx;

  /* operand size */
  if (e->form == F_INT) {
    if (byte) {
      osz = 1;
      if (P(3)) rex40 = 1;
    } else {
      unsigned x = RN(16);
      if (x < 3 && !(e->a & A_NO66) && p->pfx != PF_66) use66 = 1;
      if (x >= 3 && x < 9 && !(e->a & A_NOREX)) rexw = 1;
      if (x == 9 && !(e->a & A_NO66) && p->pfx != PF_66) use66 = rexw = 1;
      osz = rexw ? 8 : use66 ? 2 : (e->a & A_W64) ? 8 : 4;
    }
  } else if (e->form == F_SSE || e->form == F_VEX) {
    rexw = P(4);
    if (e->form == F_VEX) rexw = P(2);
    osz = rexw ? 8 : 4;
  } else {
    rexw = P(16);
    /* 66 picks the 16-bit environment layout of fldenv/fnstenv/frstor/fnsave */
    if (p->mem && p->digit >= 4 && p->digit != 5 && (e->op == 0xd9 || e->op == 0xdd) && P(6))
      use66 = 1, osz = 2;
  }
  if (e->a & A_CX16) osz = rexw ? 16 : 8;
  if (e->a & A_STR) {
    if (P(8)) asz = 4;
    if (P(2)) rep = (p->op == 0xa6 || p->op == 0xa7 || p->op == 0xae || p->op == 0xaf) && P(2) ? PF_F2 : PF_F3;
  }
  if ((e->a & A_BR) && p->op >= 0xe0 && p->op <= 0xe3 && P(8)) asz = 4;
  if (e->imm == IMM_MOFFS && P(8)) asz = 4;
  if (p->mem && P(16)) asz = 4;
  if (p->mem && (e->a & A_LOCK) && P(3)) lock = 1;
  else if (!(e->a & A_NOLOCK) && P(256)) lock = 1;
  if (P(16)) seg = "\x26\x2e\x36\x3e"[RN(4)];
  /* No random F2/F3 on other instructions: the manual reserves them
   * (AMD hosts treat F2/F3 loopcc differently from no prefix). */

  /* registers */
  int reg_gpr = 0, rm_gpr = 0;
  if (e->form == F_INT) {
    reg_gpr = p->digit < 0 && !(e->a & A_SREG);
    rm_gpr = 1;
  } else if (e->form == F_VEX) {
    reg_gpr = rm_gpr = 1;
  } else if (e->form == F_SSE) {
    reg_gpr = !!(e->a & A_GREG);
    rm_gpr = !!(e->a & A_GRM);
  }
  if (p->digit >= 0) {
    reg = p->digit | (e->form == F_X87 || P(8) ? 0 : 0);
    if (P(8) && e->form != F_X87) reg |= 8;
  } else if (e->a & A_SREG) {
    reg = (int)RN(6);
  } else {
    reg = reg_gpr ? pick_gpr(g, byte) : (int)RN(16);
  }
  if (e->form == F_VEX) vvvv = pick_gpr(g, 0);
  /* rorx has no vvvv operand: anything but 1111b (register 0) is #UD */
  if (e->form == F_VEX && e->map == MAP_0F3A && !P(16)) vvvv = 0;
  if (e->a & A_OPREG) {
    int x = pick_gpr(g, byte);
    p->op = (uint8_t)((p->op & ~7) | (x & 7));
    rexb = x >> 3;
    rm = x;
  }
  /* Bit tests with a memory operand and a register bit offset use the
   * sequence's offset register, reserved from the start and small, so
   * that the access stays in scratch. */
  if ((e->a & A_BTMEM) && p->mem && g->O >= 0) reg = g->O;
  rexr = reg >> 3;
  if (!p->mem && !(e->a & (A_NOMODRM | A_OPREG))) {
    rm = rm_gpr ? pick_gpr(g, byte) : (int)RN(16);
    if (p->modrm >= 0) rm = p->modrm & 7;
    rexb = rm >> 3;
  }

  /* prefixes */
  uint8_t pre[8];
  int np = 0;
  if (lock) pre[np++] = 0xf0;
  if (seg) pre[np++] = (uint8_t)seg;
  if (asz == 4) pre[np++] = 0x67;
  if (use66) pre[np++] = 0x66;
  if (rep) pre[np++] = rep == PF_F2 ? 0xf2 : 0xf3;
  for (int a = np - 1; a > 0; --a) {
    int b = (int)RN((unsigned)a + 1);
    uint8_t tmp = pre[a];
    pre[a] = pre[b];
    pre[b] = tmp;
  }
  if (e->form != F_VEX) {
    if (p->pfx == PF_66) pre[np++] = 0x66;
    if (p->pfx == PF_F3) pre[np++] = 0xf3;
    if (p->pfx == PF_F2) pre[np++] = 0xf2;
  }
  memcpy(g->b + g->n, pre, (size_t)np);
  g->n += np;
  ii->pfx = (uint8_t)(rep ? rep : p->pfx);
  ii->asz = (uint8_t)asz;

  /* The memory operand's target decides REX.X/B, so it comes first; the
   * bytes go into a side buffer and are appended after the opcode. */
  uint8_t mbuf[16];
  int mlen = 0;
  int mrexx = 0, mrexb = 0;
  int saved_n = g->n, nfix0 = g->nfix;
  if (p->mem) {
    int al16 = (e->form == F_SSE && !P(8)) || ((e->a & A_CX16) && osz == 16 && !P(4));
    /* Locked accesses (xchg is one) stay inside a cache line: split locks
     * cost milliseconds each (or SIGBUS) on kernels that detect them. */
    if (lock || (e->map == MAP_1BYTE && (p->op == 0x86 || p->op == 0x87))) al16 = 1;
    t = pick_target(al16, excluded_fault(e, p->pfx, p->digit));
    uint8_t *sb = g->b;
    g->b = mbuf;
    g->n = 0;
    emit_mem(g, ii, reg, t, &mrexx, &mrexb, k);
    mlen = g->n;
    g->b = sb;
    g->n = saved_n;
    rexx = mrexx;
    rexb = mrexb;
    modrm = mbuf[0];
  }

  if (e->form == F_VEX) {
    int L = P(64);
    int pp = p->pfx == PF_66 ? 1 : p->pfx == PF_F3 ? 2 : p->pfx == PF_F2 ? 3 : 0;
    g->b[g->n++] = 0xc4;
    g->b[g->n++] = (uint8_t)((!rexr << 7) | (!rexx << 6) | (!rexb << 5) | e->map);
    g->b[g->n++] = (uint8_t)((rexw << 7) | ((~vvvv & 15) << 3) | (L << 2) | pp);
  } else {
    int rex = (rexw << 3) | (rexr << 2) | (rexx << 1) | rexb;
    if (rex || rex40 || P(16)) g->b[g->n++] = (uint8_t)(0x40 | rex);
    if (e->map >= MAP_0F) g->b[g->n++] = 0x0f;
    if (e->map == MAP_0F38) g->b[g->n++] = 0x38;
    if (e->map == MAP_0F3A) g->b[g->n++] = 0x3a;
  }
  ii->op = p->op;
  g->b[g->n++] = p->op;
  int modrm_pos = g->n;
  if (p->mem) {
    for (int f = nfix0; f < g->nfix; ++f) g->fix[f].pos += g->n;
    memcpy(g->b + g->n, mbuf, (size_t)mlen);
    g->n += mlen;
  } else if (!(e->a & (A_NOMODRM | A_OPREG))) {
    modrm = p->modrm >= 0 ? (uint8_t)p->modrm : (uint8_t)(0xc0 | ((reg & 7) << 3) | (rm & 7));
    g->b[g->n++] = modrm;
  }
  (void)modrm_pos;
  ii->modrm = modrm;
  ii->mem = (uint8_t)p->mem;
  ii->reg = (uint8_t)reg;
  ii->rm = (uint8_t)rm;
  ii->vvvv = (uint8_t)vvvv;
  ii->osz = (uint8_t)osz;

  /* immediates */
  uint64_t imm = 0;
  switch (e->imm) {
    case IMM_B:
      imm = (e->ucls == U_GRP2 || e->ucls == U_SHXD) && P(2) ? counts[RN(sizeof(counts))] : rand_val();
      put(g, imm, 1);
      imm &= 0xff;
      break;
    case IMM_B3: imm = RN(8); put(g, imm, 1); break;
    case IMM_W: imm = rand_val(); put(g, imm, 2); break;
    case IMM_Z: imm = rand_val(); put(g, imm, osz == 2 ? 2 : 4); break;
    case IMM_V: imm = rand_val(); put(g, imm, osz == 8 ? 8 : osz == 2 ? 2 : 4); break;
    case IMM_WB:
      imm = P(4) ? rand_val() & 0xffff : RN(64) * (P(2) ? 8 : 1);
      if (excluded_fault(e, p->pfx, p->digit)) imm &= 0xfff; /* stays in scratch */
      put(g, imm, 2);
      put(g, P(2) ? 0 : P(2) ? 1 : RN(6) + (P(8) ? 0x20 * RN(8) : 0), 1);
      break;
    case IMM_REL8: case IMM_REL32:
      g->fix[g->nfix].k = k;
      g->fix[g->nfix].pos = g->n;
      g->fix[g->nfix].size = e->imm == IMM_REL8 ? 1 : 4;
      g->fix[g->nfix].riprel = 0;
      g->fix[g->nfix++].target = 0;
      put(g, 0, e->imm == IMM_REL8 ? 1 : 4);
      break;
    case IMM_MOFFS:
      t = pick_target(0, 0);
      imm = ISA_SCR + (uint64_t)t;
      put(g, imm, asz);
      ii->mem = 1;
      ii->disp = (int32_t)imm;
      break;
    default: break;
  }
  ii->imm = imm;
  ii->off = (uint8_t)start;
  ii->len = (uint8_t)(g->n - start);

  /* plant operands */
  if (ii->mem) {
    uint8_t pb[16];
    if (e->a & A_MXCSR) {
      /* random words test the #GP for reserved bits, but not bit 17:
       * AMD's misaligned-SSE mode (MXCSR.MM) makes it writable there */
      uint32_t m = P(8) ? (uint32_t)R() & ~0x20000u : rand_mxcsr();
      add_patch(c, t + (p->digit == 1 ? 24 : 0), (uint8_t *)&m, 4);
    } else if ((e->a & A_CX16) && P(2)) {
      memcpy(pb, &r[RAX], 8);
      memcpy(pb + 8, &r[RDX], 8);
      if (osz == 8) { uint32_t lo = (uint32_t)r[RAX], hi = (uint32_t)r[RDX]; memcpy(pb, &lo, 4); memcpy(pb + 4, &hi, 4); }
      add_patch(c, t, pb, osz);
    } else if ((p->op == 0xb0 || p->op == 0xb1) && e->map == MAP_0F && P(2)) {
      add_patch(c, t, (uint8_t *)&r[RAX], 8);
    } else if (P(2)) {
      rand_patch(pb, e->form);
      add_patch(c, t, pb, 16);
    }
  }
  if (e->a & A_POPF) {
    uint64_t f = 2 | (R() & (FLAGS_ARITH | FLAG_DF | 0x7000 | FLAG_ID | FLAG_RF | FLAG_VIF | FLAG_VIP | 0x28));
    add_patch(c, (int64_t)(r[RSP] - ISA_SCR), (uint8_t *)&f, 8);
  }
}

/* ------------------------------------------------------------ cases */

static void rand_state(struct Case *c, uint64_t *r) {
  struct CpuState *s = &c->init;
  memset(s, 0, sizeof(*s));
  for (int k = 0; k < 16; ++k) r[k] = rand_val();
  if (P(2)) r[RCX] = counts[RN(sizeof(counts))] | (P(2) ? R() & ~0xffull : 0);
  s->rflags = 0x202 | (R() & FLAGS_ARITH) | (P(4) ? FLAG_DF : 0);
  /* x87 */
  uint16_t cw = 0x037f;
  if (P(2)) cw = (uint16_t)((cw & ~0xf00) | ("\0\2\3\3"[RN(4)] << 8) | (RN(4) << 10));
  if (P(8)) cw &= (uint16_t)~(R() & 0x3f);
  uint16_t sw = (uint16_t)((RN(8) << 11) | (R() & FSW_C));
  if (P(2)) sw |= (uint16_t)(R() & cw & 0x3f);
  uint8_t ftw = (uint8_t)R();
  if (P(2)) ftw |= (uint8_t)R();
  if (P(8)) ftw = 0;
  memcpy(s->fx + FX_FCW, &cw, 2);
  memcpy(s->fx + FX_FSW, &sw, 2);
  s->fx[FX_FTW] = ftw;
  for (int k = 0; k < 8; ++k) rand_f80(s->fx + FX_ST + 16 * k);
  uint32_t mx = P(3) ? 0x1f80 : rand_mxcsr();
  memcpy(s->fx + FX_MXCSR, &mx, 4);
  uint32_t mxmask = 0xffff;
  memcpy(s->fx + 28, &mxmask, 4);
  for (int k = 0; k < 16; ++k) rand_xmm(s->fx + FX_XMM + 16 * k);
}

static uint64_t case_seed(uint64_t seed, uint64_t index) {
  uint64_t s = seed * 0x9e3779b97f4a7c15ull ^ (index + 0x632be59bd9b4e019ull);
  isa_rand(&s);
  return s;
}

void gen_case(struct Case *c, uint64_t seed, uint64_t index) {
  struct Pick pk[ISA_MAX_INSNS];
  uint64_t r[16];
  struct Gen g;
  memset(c, 0, sizeof(*c));
  rs = case_seed(seed, index);
  c->mem_seed = R();
  /* Mostly at the start of the page, some anywhere, some across the end
   * of the first page (decoding across pages). */
  c->at = ISA_CODE + (P(4) ? 4096 - 1 - RN(48) : P(2) ? 0 : RN(4096 - ISA_CODE_MAX));
  rand_state(c, r);

  static const int nw[] = {1, 1, 1, 2, 2, 2, 3, 3, 4, 4};
  int n = nw[RN(10)];
  uint64_t may = 0;
  uint16_t mayfsw = 0;
  int k;
  for (k = 0; k < n; ++k) {
    int ok = 0;
    for (int tries = 0; tries < 40 && !ok; ++tries) {
      pick_entry(&pk[k], draw());
      const struct Ent *e = pk[k].e;
      if ((e->a & A_LAST) && k != n - 1) continue;
      if ((e->a & A_FIRST) && k != 0) continue;
      if (excluded(e, pk[k].pfx, pk[k].digit)) continue;
      if (reads_of(&pk[k]) & may) continue;
      if (e->form == F_X87) {
        int fnstsw = (e->op == 0xdf && pk[k].modrm == 0xe0) ||
                     (e->op == 0xdd && pk[k].mem && pk[k].digit >= 6) ||
                     (e->op == 0xd9 && pk[k].mem && pk[k].digit == 6);
        if (fnstsw && (mayfsw & FSW_C)) continue;
      }
      if ((e->a & A_FXSAVE) && (mayfsw & FSW_C)) continue;
      /* fnstenv/fnsave store undefined pointers: nothing may read them */
      if (e->form == F_X87 && pk[k].mem && pk[k].digit == 6 && k != n - 1) continue;
      ok = 1;
    }
    if (!ok) break;
    const struct Ent *e = pk[k].e;
    uint64_t u = undef_max(e, pk[k].digit);
    uint64_t def = (e->ucls == U_GRP2 || e->ucls == U_SHXD || (e->a & A_STR)) ? 0 : e->fw & ~u;
    may = (may & ~def) | u;
    if (e->form == F_X87) {
      uint16_t w, uu;
      undef_x87(e->op, pk[k].modrm >= 0 ? pk[k].modrm : pk[k].mem ? (pk[k].digit << 3) : 0xc0, &w, &uu);
      if (e->op == 0x9b) w = uu = 0;
      mayfsw = (uint16_t)((mayfsw & ~w) | uu);
    }
  }
  n = k;
  if (!n) { /* every draw refused: a nop */
    pick_entry(&pk[0], 0);
    n = 1;
  }

  /* Self-modifying code, now and then: the first instruction becomes a
   * byte store into the immediate of a later one (x86 promises the
   * store is seen; the VM must drop what it decoded). */
  int smc = -1;
  static int mov_eb_ib = -1;
  if (mov_eb_ib < 0)
    for (int e = 0; e < gen_ntable; ++e)
      if (!strcmp(gen_table[e].name, "mov Eb,Ib")) mov_eb_ib = e;
  if (n >= 2 && P(16)) {
    for (int j = n - 1; j >= 1 && smc < 0; --j) {
      const struct Ent *e = pk[j].e;
      if ((e->imm == IMM_B || e->imm == IMM_W || e->imm == IMM_Z || e->imm == IMM_V) &&
          e->ucls != U_GRP2 && e->ucls != U_SHXD)
        smc = j;
    }
    if (smc > 0) {
      pick_entry(&pk[0], mov_eb_ib);
      pk[0].mem = 1;
    }
  }

  /* registers the sequence reserves */
  memset(&g, 0, sizeof(g));
  g.c = c;
  g.prot = 1u << RSP;
  g.B = g.X = -1;
  int anymem = 0, str = 0, enter = 0, xlat = 0, bt = 0;
  for (k = 0; k < n; ++k) {
    anymem |= pk[k].mem;
    bt |= pk[k].mem && (pk[k].e->a & A_BTMEM);
    str |= !!(pk[k].e->a & (A_STR | A_RDI));
    enter |= !!(pk[k].e->a & A_ENTER);
    xlat |= !!(pk[k].e->a & A_XLAT);
  }
  static const int bregs[] = {RBX, R8, R9, R10, R11, R12, R13, R14, R15};
  if (anymem || xlat) {
    g.B = xlat ? RBX : bregs[RN(9)];
    do g.X = bregs[RN(9)]; while (g.X == g.B);
    g.bval = ISA_SCR + 0x600 + RN(0x800);
    g.xval = (int64_t)RN(33) - 16;
    r[g.B] = g.bval;
    r[g.X] = (uint64_t)g.xval;
    g.prot |= (uint16_t)((1u << g.B) | (1u << g.X));
  }
  g.O = -1;
  if (bt) {
    do g.O = bregs[RN(9)]; while (g.O == g.B || g.O == g.X);
    r[g.O] = (uint64_t)(int64_t)((int)RN(4096) - 1024);
    g.prot |= (uint16_t)(1u << g.O);
  }
  if (str) {
    r[RSI] = ISA_SCR + 0x400 + RN(0xe00);
    r[RDI] = ISA_SCR + 0x400 + RN(0xe00);
    if (!P(8)) r[RCX] = P(8) ? 0 : RN(40);
    g.prot |= (1u << RSI) | (1u << RDI);
  }
  r[RSP] = ISA_SCR + 0x1800 - 8 * RN(64) + (P(16) ? RN(8) : 0);
  if (enter) {
    r[RBP] = ISA_SCR + 0x1a00 - 8 * RN(32);
    g.prot |= 1u << RBP;
  }

  g.b = c->code;
  int off[ISA_MAX_INSNS + 1];
  for (k = 0; k < n; ++k) {
    off[k] = g.n;
    g.riprel = k == 0 && smc > 0;
    encode(&g, &pk[k], k, r);
    gen_hits[pk[k].idx]++;
    note_form(&c->insn[k], pk[k].e);
  }
  off[n] = g.n;
  c->len = (uint8_t)g.n;
  c->ninsn = (uint8_t)n;
  if (smc > 0)
    for (int f = 0; f < g.nfix; ++f)
      if (g.fix[f].k == 0 && g.fix[f].riprel)
        g.fix[f].target = c->at + (uint64_t)off[smc + 1] - 1 -
                          (pk[smc].e->imm == IMM_B ? 0 : RN(2)); /* imm bytes only */
  for (int f = 0; f < g.nfix; ++f) {
    int kk = g.fix[f].k;
    uint64_t end = c->at + (uint64_t)off[kk + 1];
    int64_t v;
    if (g.fix[f].riprel) {
      /* disp32 before an immediate: the end is the instruction's end */
      v = (int64_t)(g.fix[f].target - end);
      c->insn[kk].disp = (int32_t)v;
    } else {
      int j = kk + 1 + (int)RN((unsigned)(n - kk));
      v = off[j] - off[kk + 1];
      c->insn[kk].imm = (uint64_t)v;
    }
    for (int b = 0; b < g.fix[f].size; ++b)
      c->code[g.fix[f].pos + b] = (uint8_t)((uint64_t)v >> (8 * b));
  }
  /* cmpxchg register forms: make the compare succeed half the time */
  for (k = 0; k < n; ++k)
    if (pk[k].e->map == MAP_0F && (pk[k].op & 0xfe) == 0xb0 && !pk[k].mem && P(2) &&
        !((g.prot >> c->insn[k].rm) & 1) && c->insn[k].rm != RAX)
      r[c->insn[k].rm] = r[RAX];
  memcpy(c->init.r, r, sizeof(r));
}

const char *gen_entry_name(int e) { return gen_table[e].name; }
