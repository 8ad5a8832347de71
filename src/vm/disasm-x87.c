/* disasm-x87.c: D8-DF, named as GNU objdump 2.40 names them.
 *
 * AT&T memory forms carry the operand type in the mnemonic (fadds,
 * fiaddl, fildll, fstpt); Intel puts it in "SIZE PTR". Register forms
 * keep objdump's historical AT&T quirk: for DC E0-FF and DE E0-FF the
 * AT&T mnemonics fsub/fsubr and fdiv/fdivr are swapped relative to
 * Intel's (the UnixWare assembler convention), which objdump -M intel
 * does not do. Undefined encodings print "(bad)" over the whole ModRM
 * instruction (with the memory operand, as objdump does). */
#include <stdio.h>
#include <string.h>

#include "dis.h"
#include "machine.h"

struct X87Mem {
  const char *att, *intel;
  uint8_t size;
};

/* [opcode - D8][ModRM.reg] for memory operands. size 0: no PTR. */
static const struct X87Mem kMem[8][8] = {
    {{"fadds", "fadd", 4}, {"fmuls", "fmul", 4}, {"fcoms", "fcom", 4},
     {"fcomps", "fcomp", 4}, {"fsubs", "fsub", 4}, {"fsubrs", "fsubr", 4},
     {"fdivs", "fdiv", 4}, {"fdivrs", "fdivr", 4}},
    {{"flds", "fld", 4}, {NULL, NULL, 0}, {"fsts", "fst", 4},
     {"fstps", "fstp", 4}, {"fldenv", "fldenv", 0}, {"fldcw", "fldcw", 2},
     {"fnstenv", "fnstenv", 0}, {"fnstcw", "fnstcw", 2}},
    {{"fiaddl", "fiadd", 4}, {"fimull", "fimul", 4}, {"ficoml", "ficom", 4},
     {"ficompl", "ficomp", 4}, {"fisubl", "fisub", 4},
     {"fisubrl", "fisubr", 4}, {"fidivl", "fidiv", 4},
     {"fidivrl", "fidivr", 4}},
    {{"fildl", "fild", 4}, {"fisttpl", "fisttp", 4}, {"fistl", "fist", 4},
     {"fistpl", "fistp", 4}, {NULL, NULL, 0}, {"fldt", "fld", 10},
     {NULL, NULL, 0}, {"fstpt", "fstp", 10}},
    {{"faddl", "fadd", 8}, {"fmull", "fmul", 8}, {"fcoml", "fcom", 8},
     {"fcompl", "fcomp", 8}, {"fsubl", "fsub", 8}, {"fsubrl", "fsubr", 8},
     {"fdivl", "fdiv", 8}, {"fdivrl", "fdivr", 8}},
    {{"fldl", "fld", 8}, {"fisttpll", "fisttp", 8}, {"fstl", "fst", 8},
     {"fstpl", "fstp", 8}, {"frstor", "frstor", 0}, {NULL, NULL, 0},
     {"fnsave", "fnsave", 0}, {"fnstsw", "fnstsw", 2}},
    {{"fiadds", "fiadd", 2}, {"fimuls", "fimul", 2}, {"ficoms", "ficom", 2},
     {"ficomps", "ficomp", 2}, {"fisubs", "fisub", 2},
     {"fisubrs", "fisubr", 2}, {"fidivs", "fidiv", 2},
     {"fidivrs", "fidivr", 2}},
    {{"filds", "fild", 2}, {"fisttps", "fisttp", 2}, {"fists", "fist", 2},
     {"fistps", "fistp", 2}, {"fbld", "fbld", 10}, {"fildll", "fild", 8},
     {"fbstp", "fbstp", 10}, {"fistpll", "fistp", 8}},
};

/* D9 E0-FF: no operands. */
static const char *const kD9[32] = {
    "fchs",   "fabs",  NULL,     NULL,    "ftst",   "fxam",  NULL,
    NULL,     "fld1",  "fldl2t", "fldl2e", "fldpi",  "fldlg2", "fldln2",
    "fldz",   NULL,    "f2xm1",  "fyl2x", "fptan",  "fpatan", "fxtract",
    "fprem1", "fdecstp", "fincstp", "fprem", "fyl2xp1", "fsqrt", "fsincos",
    "frndint", "fscale", "fsin",  "fcos"};

static void x87_st(struct DisInsn *d, unsigned k) {
  char t[8];
  snprintf(t, sizeof(t), "st(%u)", k);
  dis_reg(d, t);
}

static void x87_st0(struct DisInsn *d) {
  dis_reg(d, "st");
}

/* Intel order: "op st,st(i)" (AT&T %st(i),%st) or "op st(i),st". */
static void x87_to_st(struct DisInsn *d, const char *nm, unsigned k) {
  dis_mnem(d, nm, NULL);
  x87_st0(d);
  x87_st(d, k);
}

static void x87_from_st(struct DisInsn *d, const char *att,
                        const char *intel, unsigned k) {
  dis_mnem(d, att, intel);
  x87_st(d, k);
  x87_st0(d);
}

static void x87_bad(struct DisInsn *d) {
  dis_mnem(d, "(bad)", NULL);
}

static bool x87_reg(struct DisInsn *d) {
  const struct Insn *i = d->i;
  unsigned op = i->op, r = i->reg & 7, k = i->modrm & 7, m = i->modrm;
  static const char *const arith[8] = {"fadd", "fmul", "fcom", "fcomp",
                                       "fsub", "fsubr", "fdiv", "fdivr"};
  switch (op) {
    case 0xd8:
      if (r == 2 || r == 3) {
        dis_mnem(d, arith[r], NULL);
        x87_st(d, k);
      } else {
        x87_to_st(d, arith[r], k);
      }
      return true;
    case 0xd9:
      if (r == 0) {
        dis_mnem(d, "fld", NULL);
        x87_st(d, k);
      } else if (r == 1) {
        dis_mnem(d, "fxch", NULL);
        x87_st(d, k);
      } else if (m == 0xd0) {
        dis_mnem(d, "fnop", NULL);
      } else if (m >= 0xe0 && kD9[m - 0xe0]) {
        dis_mnem(d, kD9[m - 0xe0], NULL);
      } else {
        x87_bad(d);
      }
      return true;
    case 0xda: {
      static const char *const nm[4] = {"fcmovb", "fcmove", "fcmovbe",
                                        "fcmovu"};
      if (r < 4) x87_to_st(d, nm[r], k);
      else if (m == 0xe9) dis_mnem(d, "fucompp", NULL);
      else x87_bad(d);
      return true;
    }
    case 0xdb: {
      static const char *const nm[4] = {"fcmovnb", "fcmovne", "fcmovnbe",
                                        "fcmovnu"};
      if (r < 4) {
        x87_to_st(d, nm[r], k);
      } else if (r == 5) {
        x87_to_st(d, "fucomi", k);
      } else if (r == 6) {
        x87_to_st(d, "fcomi", k);
      } else if (r == 4 && k < 6) {
        static const char *const nm4[6] = {
            "fneni(8087 only)", "fndisi(8087 only)", "fnclex", "fninit",
            "fnsetpm(287 only)", "frstpm(287 only)"};
        dis_mnem(d, nm4[k], NULL);
      } else {
        x87_bad(d);
      }
      return true;
    }
    case 0xdc:
    case 0xde: {
      /* AT&T swaps sub/subr and div/divr here; Intel doesn't. */
      static const char *const att[8] = {"fadd", "fmul", NULL,   NULL,
                                         "fsub", "fsubr", "fdiv", "fdivr"};
      static const char *const intel[8] = {"fadd", "fmul", NULL,   NULL,
                                           "fsubr", "fsub", "fdivr", "fdiv"};
      char a[16], b[16];
      if (op == 0xde && m == 0xd9) {
        dis_mnem(d, "fcompp", NULL);
        return true;
      }
      if (!att[r]) {
        x87_bad(d);
        return true;
      }
      snprintf(a, sizeof(a), "%s%s", att[r], op == 0xde ? "p" : "");
      snprintf(b, sizeof(b), "%s%s", intel[r], op == 0xde ? "p" : "");
      x87_from_st(d, a, b, k);
      return true;
    }
    case 0xdd: {
      static const char *const nm[8] = {"ffree", NULL,     "fst",  "fstp",
                                        "fucom", "fucomp", NULL,   NULL};
      if (!nm[r]) {
        x87_bad(d);
        return true;
      }
      dis_mnem(d, nm[r], NULL);
      x87_st(d, k);
      return true;
    }
    case 0xdf:
      if (r == 0) {
        dis_mnem(d, "ffreep", NULL);
        x87_st(d, k);
      } else if (m == 0xe0) {
        dis_mnem(d, "fnstsw", NULL);
        dis_reg(d, "ax");
      } else if (r == 5) {
        x87_to_st(d, "fucomip", k);
      } else if (r == 6) {
        x87_to_st(d, "fcomip", k);
      } else {
        x87_bad(d);
      }
      return true;
  }
  return false;
}

bool dis_x87(struct DisInsn *d) {
  const struct Insn *i = d->i;
  unsigned op = i->op, r = i->reg & 7;
  if (d->vex || i->map != MAP_1BYTE || op < 0xd8 || op > 0xdf) return false;
  if (i->mod == 3) return x87_reg(d);
  const struct X87Mem *e = &kMem[op - 0xd8][r];
  if (!e->att) {
    x87_bad(d);
    dis_mem(d, 0);
    return true;
  }
  /* 66 selects the 16-bit environment/state layouts: objdump names them
   * with an "s" (AT&T) or "w" (Intel) suffix and consumes the 66. */
  if (i->opsize_prefix && e->size == 0) {
    char a[16], b[16];
    snprintf(a, sizeof(a), "%ss", e->att);
    snprintf(b, sizeof(b), "%sw", e->intel);
    d->used_66 = true;
    dis_mnem(d, a, b);
  } else {
    dis_mnem(d, e->att, e->intel);
  }
  dis_mem(d, e->size);
  return true;
}
