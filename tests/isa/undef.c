/* undef.c: what the Intel manual leaves undefined, per instruction and
 * operands (SDM vol. 2 "Flags Affected" and "FPU Flags Affected").
 *
 * The VM runner calls undef_step before each instruction with the
 * registers it is about to run on; the result says which RFLAGS bits,
 * x87 condition codes, registers and memory bytes the comparison must
 * not look at. A flag one instruction leaves undefined becomes defined
 * again when a later one writes it. The generator (gen.c) uses the
 * static maxima to avoid instructions that would read undefined flags. */
#include <string.h>

#include "insn.h"
#include "isa.h"
#include "machine.h"

#define ALL6 FLAGS_ARITH
#define SZAP (FLAG_SF | FLAG_ZF | FLAG_AF | FLAG_PF)
#define C0 0x0100u
#define C1 0x0200u
#define C2 0x0400u
#define C3 0x4000u
#define CALL (C0 | C1 | C2 | C3)

uint64_t undef_max(const struct Ent *e, int digit) {
  switch (e->ucls) {
    case U_LOGIC: return FLAG_AF;
    case U_MUL: return SZAP;
    case U_DIV: return ALL6;
    case U_GRP1: return digit == 1 || digit == 4 || digit == 6 ? FLAG_AF : 0;
    case U_GRP2: return digit < 4 ? FLAG_OF : FLAG_AF | FLAG_OF | FLAG_CF;
    case U_BT: return FLAG_OF | FLAG_SF | FLAG_AF | FLAG_PF;
    case U_BSF: return ALL6 & ~FLAG_ZF;
    case U_CNT: return FLAG_OF | FLAG_SF | FLAG_PF | FLAG_AF;
    case U_SHXD: return ALL6;
    case U_AP: return FLAG_AF | FLAG_PF;
    case U_ASP: return FLAG_AF | FLAG_SF | FLAG_PF;
    case U_ALL: return ALL6;
    default: return 0;
  }
}

/* x87 condition codes: *w the bits the instruction writes with a defined
 * value, *u the bits it leaves undefined. modrm >= 0xc0: register form. */
void undef_x87(int op, int modrm, uint16_t *w, uint16_t *u) {
  int reg = modrm >= 0xc0, d = (modrm >> 3) & 7;
  *w = C1;
  *u = C0 | C2 | C3;
  if (op == 0x9b) { *w = *u = 0; return; }
  if (!reg) {
    /* ficom/fcom m; fldenv/frstor load all of them */
    if (((op == 0xd8 || op == 0xdc || op == 0xda || op == 0xde) && (d == 2 || d == 3)) ||
        ((op == 0xd9 || op == 0xdd) && d == 4)) {
      *w = CALL;
      *u = 0;
    } else if (op == 0xdd && d == 6) {
      *w = CALL; /* fnsave: saved, then cleared like fninit */
      *u = 0;
    } else if ((op == 0xd9 && (d == 5 || d == 6 || d == 7)) || (op == 0xdd && d == 7)) {
      *w = 0; /* fldcw, fnstenv, fnstcw, fnstsw: "C0-C3 undefined" */
      *u = CALL;
    }
    return;
  }
  switch (op) {
    case 0xd8:
      if (d == 2 || d == 3) *w = CALL, *u = 0;
      break;
    case 0xd9:
      if (modrm == 0xe4 || modrm == 0xe5 || modrm == 0xf5 || modrm == 0xf8)
        *w = CALL, *u = 0; /* ftst, fxam, fprem1, fprem */
      else if (modrm == 0xf2 || modrm == 0xfb || modrm == 0xfe || modrm == 0xff)
        *w = C1 | C2, *u = C0 | C3; /* fptan, fsincos, fsin, fcos */
      else if (modrm == 0xd0)
        *w = 0, *u = CALL; /* fnop */
      break;
    case 0xda:
      if (modrm == 0xe9) *w = CALL, *u = 0; /* fucompp */
      break;
    case 0xdb:
      if (modrm == 0xe3) *w = CALL, *u = 0;            /* fninit: cleared */
      else if (modrm == 0xe2) *w = 0, *u = CALL;       /* fnclex */
      else if (modrm >= 0xe8) *w = C1, *u = 0;         /* fucomi, fcomi */
      break;
    case 0xdd:
      if (modrm >= 0xe0) *w = CALL, *u = 0;            /* fucom, fucomp */
      else if (modrm < 0xc8) *w = 0, *u = CALL;        /* ffree */
      break;
    case 0xde:
      if (modrm == 0xd9) *w = CALL, *u = 0;            /* fcompp */
      break;
    case 0xdf:
      if (modrm == 0xe0) *w = 0, *u = CALL;            /* fnstsw ax */
      else if (modrm >= 0xe8) *w = C1, *u = 0;         /* fucomip, fcomip */
      break;
  }
}

static uint64_t trunc_to(uint64_t v, int osz) {
  return osz >= 8 ? v : v & ((1ull << (8 * osz)) - 1);
}

static uint64_t ea(const struct Case *c, const struct InsnInfo *ii,
                   const uint64_t *r) {
  uint64_t a = (uint64_t)(int64_t)ii->disp;
  if (ii->base == 0xfe) a += c->at + ii->off + ii->len;
  else if (ii->base != 0xff) a += r[ii->base];
  if (ii->index != 0xff) a += r[ii->index] << ii->scale;
  if (ii->asz == 4) a = (uint32_t)a;
  return a;
}

static void mem_undef(struct Undef *u, uint64_t addr, int len) {
  if (u->nmem < (int)(sizeof(u->mem) / sizeof(u->mem[0]))) {
    u->mem[u->nmem].off = (int)(addr - ISA_SCR);
    u->mem[u->nmem++].len = len;
  }
}

/* The parts of a saved x87/SSE environment the manual leaves to the
 * implementation: instruction and data pointers, opcode, reserved
 * fields (and MXCSR_MASK, which differs between CPUs). */
static void env_undef(struct Undef *u, uint64_t a, int fxsave, int osz) {
  if (fxsave) {
    mem_undef(u, a + 5, 19);
    mem_undef(u, a + 28, 4);
    for (int k = 0; k < 8; ++k) mem_undef(u, a + 32 + 16 * k + 10, 6);
    mem_undef(u, a + 416, 96);
  } else if (osz == 2) {
    mem_undef(u, a + 6, 8);
  } else {
    mem_undef(u, a + 2, 2);
    mem_undef(u, a + 6, 2);
    mem_undef(u, a + 10, 18);
  }
}

void undef_step(struct Undef *u, const struct Case *c, int k,
                const uint64_t *r, uint64_t rflags, uint16_t fsw,
                MemReadFn rd, void *ctx) {
  const struct InsnInfo *ii = &c->insn[k];
  const struct Ent *e = &gen_table[ii->entry];
  uint64_t fw = e->fw, un = 0;
  int osz = ii->osz, bits = osz * 8;
  (void)rflags;
  (void)fsw;
  switch (e->ucls) {
    case U_LOGIC: case U_MUL: case U_DIV: case U_BT: case U_CNT:
    case U_AP: case U_ASP: case U_ALL: case U_GRP1:
      un = undef_max(e, ii->digit);
      break;
    case U_GRP2: {
      unsigned cnt = e->op >= 0xd2 ? (unsigned)r[RCX] & 0xff
                     : e->op >= 0xd0 ? 1u : (unsigned)ii->imm & 0xff;
      unsigned mc = cnt & (osz == 8 ? 63u : 31u);
      if (!mc) {
        fw = 0;
      } else if (ii->digit < 4) {
        fw = FLAG_CF | FLAG_OF;
        if (mc > 1) un = FLAG_OF;
      } else {
        un = FLAG_AF | (mc > 1 ? FLAG_OF : 0);
        if ((ii->digit == 4 || ii->digit == 5) && mc >= (unsigned)bits) un |= FLAG_CF;
      }
      break;
    }
    case U_SHXD: {
      unsigned cnt = (e->op & 1) ? (unsigned)r[RCX] & 0xff : (unsigned)ii->imm & 0xff;
      unsigned mc = cnt & (osz == 8 ? 63u : 31u);
      if (!mc) {
        fw = 0;
      } else {
        un = FLAG_AF | (mc > 1 ? FLAG_OF : 0);
        if (mc > (unsigned)bits) {
          un = ALL6;
          if (ii->mem) {
            mem_undef(u, ea(c, ii, r), osz);
          } else {
            u->regs |= (uint16_t)(1u << ii->rm);
          }
        }
      }
      break;
    }
    case U_BSF: {
      uint64_t src = 0;
      un = undef_max(e, ii->digit);
      if (ii->mem) {
        if (rd(ctx, ea(c, ii, r), &src, (unsigned)osz)) src = 1; /* faults */
      } else {
        src = r[ii->rm];
      }
      if (!trunc_to(src, osz)) u->regs |= (uint16_t)(1u << ii->reg);
      break;
    }
    case U_X87: {
      uint16_t w, uu;
      undef_x87(e->op, ii->mem ? (ii->modrm & 0x38) : ii->modrm, &w, &uu);
      if (ii->mem && ii->digit == 6 && (e->op == 0xd9 || e->op == 0xdd))
        env_undef(u, ea(c, ii, r), 0, osz); /* fnstenv, fnsave */
      u->fsw = (uint16_t)((u->fsw & ~w) | uu);
      fw = 0;
      break;
    }
    default:
      break;
  }
  if ((e->a & A_MXCSR) && ii->digit == 1) u->fsw = 0; /* fxrstor */
  if (e->a & A_FXSAVE) env_undef(u, ea(c, ii, r), 1, osz);
  if (e->map == MAP_0F && e->op == 0xa0 && osz > 2) /* push fs */
    mem_undef(u, r[RSP] - (uint64_t)osz + 2, osz - 2);
  if (e->a & A_STR) {
    /* rep with a zero count changes nothing */
    uint64_t cx = ii->asz == 4 ? (uint32_t)r[RCX] : r[RCX];
    if ((ii->pfx == PF_F3 || ii->pfx == PF_F2) && !cx) fw = 0;
  }
  u->flags = (u->flags & ~fw) | un;
}
