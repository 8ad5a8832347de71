/* disasm-int.c: the integer and system opcodes (one-byte map, 0F map,
 * the 0F38/0F3A integer ones, VEX-encoded BMI1/BMI2), named as GNU
 * objdump 2.40 names them.
 *
 * objdump's AT&T suffix rule, as observed: a size suffix (b/w/l/q) is
 * printed when no operand is a register that implies the size, i.e. the
 * r/m operand is memory and the others are immediates, CL or nothing.
 * Stack and branch instructions (push, pop, call, jmp, ret, ...) whose
 * size defaults to 64 bits print "w" only when 66 made them 16-bit. */
#include <stdio.h>
#include <string.h>

#include "dis.h"
#include "machine.h"

static const char *const kAlu[8] = {"add", "or", "adc", "sbb",
                                    "and", "sub", "xor", "cmp"};
static const char *const kShift[8] = {"rol", "ror", "rcl", "rcr",
                                      "shl", "shr", "shl", "sar"};
static const char *const kCc[16] = {"o", "no", "b", "ae", "e", "ne", "be", "a",
                                    "s", "ns", "p", "np", "l", "ge", "le", "g"};

static char int_sfx(unsigned size) {
  return size == 1 ? 'b' : size == 2 ? 'w' : size == 4 ? 'l' : 'q';
}

/* The operand size of a v-sized form; records which prefix chose it. */
static unsigned int_osz(struct DisInsn *d) {
  const struct Insn *i = d->i;
  if (d->mode == MODE_LONG && (i->rex & 8)) {
    d->used_rexw = true;
  } else if (i->opsize_prefix) {
    d->used_66 = true;
  }
  return i->osz;
}

/* in/out/ins/outs: 66 picks 16 bits, REX.W does nothing (objdump prints
 * it). */
static unsigned int_io(struct DisInsn *d) {
  const struct Insn *i = d->i;
  if (i->opsize_prefix && !(i->rex & 8)) {
    d->used_66 = true;
    return d->mode == MODE_REAL ? 4 : 2;
  }
  return d->mode == MODE_REAL ? 2 : 4;
}

/* Size of push/pop/call/jmp-like forms that default to 64 bits: 66 makes
 * them 16-bit, REX.W is not consumed (objdump prints it). */
static unsigned int_d64(struct DisInsn *d) {
  const struct Insn *i = d->i;
  if (d->mode != MODE_LONG) return int_osz(d);
  if (i->opsize_prefix && !(i->rex & 8)) {
    d->used_66 = true;
    return 2;
  }
  if (i->opsize_prefix && (i->rex & 8)) return 8;
  return 8;
}

/* The stack/branch default size of the code mode: a suffix shows when an
 * instruction differs from it. */
static unsigned int_dflt(const struct DisInsn *d) {
  return d->mode == MODE_LONG ? 8 : d->mode == MODE_PROT32 ? 4 : 2;
}

static bool int_isreg(const struct DisInsn *d) {
  return d->i->mod == 3;
}

static void int_e(struct DisInsn *d, unsigned size) {
  if (d->i->mod == 3)
    dis_gpr(d, d->i->rm, size);
  else
    dis_mem(d, size);
}

static void int_g(struct DisInsn *d, unsigned size) {
  dis_gpr(d, d->i->reg, size);
}

/* Mnemonic with an AT&T suffix when `suffix`; Intel never has one. */
static void int_name(struct DisInsn *d, const char *base, unsigned size,
                     bool suffix) {
  char t[32];
  if (suffix) {
    snprintf(t, sizeof(t), "%s%c", base, int_sfx(size));
    dis_mnem(d, t, base);
  } else {
    dis_mnem(d, base, NULL);
  }
}

/* Stack and branch forms: the "w" (or "q") suffix shows in Intel syntax
 * too unless a memory operand's "SIZE PTR" already says it. */
static void int_namew(struct DisInsn *d, const char *base, unsigned size,
                      bool suffix) {
  char t[32];
  if (!suffix) {
    dis_mnem(d, base, NULL);
    return;
  }
  char u[32];
  snprintf(t, sizeof(t), "%s%c", base, int_sfx(size));
  /* Intel says "d" where AT&T says "l" (pushd, iretd, popad). */
  snprintf(u, sizeof(u), "%s%c", base, size == 4 ? 'd' : int_sfx(size));
  dis_mnem(d, t, d->i->mod != 3 && d->i->has_modrm ? base : u);
}

static uint64_t int_next(const struct DisInsn *d) {
  uint64_t t = d->addr + d->i->len;
  return t;
}

/* A relative branch's target as objdump computes it; osz 1 is a rel8. */
static void int_branch(struct DisInsn *d, uint64_t disp, unsigned osz) {
  uint64_t t = int_next(d) + disp;
  /* objdump truncates to a 16-bit operand size outside real mode; in
   * real mode a rel16 wraps within its 64 KiB, a rel8 doesn't. */
  if (d->mode == MODE_PROT32) t &= osz == 2 ? 0xffff : 0xffffffff;
  else if (d->mode == MODE_LONG && osz == 2) t &= 0xffff;
  else if (d->mode == MODE_REAL && osz == 4) t &= 0xffffffff;
  else if (d->mode == MODE_REAL && osz == 2)
    t = (int_next(d) & ~0xffffull) | (t & 0xffff); /* rel16 wraps, rel8 not */
  dis_rel(d, t);
}

/* Branch hint prefixes on jcc: 2E "not taken", 3E "taken" (AT&T ",pn",
 * ",pt"; Intel shows them as cs/ds); F2 is "bnd". */
static void int_hint(struct DisInsn *d, const char *base) {
  const uint8_t *p = d->p;
  bool cs = false, ds = false;
  int last = -1;
  char t[32];
  for (int k = 0; k < d->opc; k++) {
    if (p[k] == 0x2e) cs = true;
    if (p[k] == 0x3e) ds = true;
    if (p[k] == 0x26 || p[k] == 0x2e || p[k] == 0x36 || p[k] == 0x3e ||
        p[k] == 0x64 || p[k] == 0x65)
      last = p[k];
  }
  /* Exactly one of CS/DS is a hint; objdump then counts the last segment
   * prefix, whichever it is, as the one consumed. */
  if (cs != ds && d->syntax == DIS_ATT) {
    snprintf(t, sizeof(t), "%s,%s", base, cs ? "pn" : "pt");
    dis_mnem(d, t, NULL);
    dis_use_prefix(d, (unsigned)last);
  } else {
    dis_mnem(d, base, NULL);
  }
}

static bool int_has_prefix(const struct DisInsn *d, unsigned b) {
  for (int k = 0; k < d->opc; k++)
    if (d->p[k] == b) return true;
  return false;
}

/* The last of F2/F3 before the opcode: the one that counts. */
static unsigned int_rep(const struct DisInsn *d) {
  unsigned r = 0;
  for (int k = 0; k < d->opc; k++)
    if (d->p[k] == 0xf2 || d->p[k] == 0xf3) r = d->p[k];
  return r;
}

/* Indirect call/jmp: 3E is "notrack", F2 "bnd". */
static void int_notrack(struct DisInsn *d) {
  if (d->mode == MODE_LONG || d->mode == MODE_PROT32) {
    /* With a DS prefix among them, objdump names the last segment prefix
     * notrack (and applies no segment). */
    int last = -1;
    bool ds = false;
    for (int k = 0; k < d->opc; k++) {
      unsigned b = d->p[k];
      if (b == 0x26 || b == 0x2e || b == 0x36 || b == 0x3e || b == 0x64 ||
          b == 0x65)
        last = (int)b;
      if (b == 0x3e) ds = true;
    }
    if (ds) dis_name_prefix(d, (unsigned)last, "notrack");
  }
  dis_name_prefix(d, 0xf2, "bnd");
}

static void int_str(struct DisInsn *d, const char *att, const char *intel,
                    unsigned size, bool repname) {
  dis_mnem(d, att, intel);
  if (repname && int_has_prefix(d, 0xf3)) dis_name_prefix(d, 0xf3, "rep");
  (void)size;
}

static void int_acc(struct DisInsn *d, unsigned size) {
  dis_gpr(d, RAX, size);
}

/* ------------------------------------------------------------ one byte */

static bool int_1byte(struct DisInsn *d) {
  const struct Insn *i = d->i;
  unsigned op = i->op, sz, r = i->reg & 7;
  bool lng = d->mode == MODE_LONG;
  char t[32];

  if (op < 0x40 && (op & 7) < 6) {
    const char *nm = kAlu[op >> 3];
    switch (op & 7) {
      case 0:
        int_name(d, nm, 1, false);
        int_e(d, 1);
        int_g(d, 1);
        return true;
      case 1:
        sz = int_osz(d);
        int_name(d, nm, sz, false);
        int_e(d, sz);
        int_g(d, sz);
        return true;
      case 2:
        int_name(d, nm, 1, false);
        int_g(d, 1);
        int_e(d, 1);
        return true;
      case 3:
        sz = int_osz(d);
        int_name(d, nm, sz, false);
        int_g(d, sz);
        int_e(d, sz);
        return true;
      case 4:
        int_name(d, nm, 1, false);
        int_acc(d, 1);
        dis_imm(d, i->imm, 1);
        return true;
      case 5:
        sz = int_osz(d);
        int_name(d, nm, sz, false);
        int_acc(d, sz);
        dis_imm(d, i->imm, sz);
        return true;
    }
  }
  switch (op) {
    case 0x06: case 0x0e: case 0x16: case 0x1e:
    case 0x07: case 0x17: case 0x1f:
      if (lng) return d->bad = true;
      sz = int_osz(d);
      int_namew(d, op & 1 ? "pop" : "push", sz, d->i->opsize_prefix);
      dis_reg(d, (const char *[]){"es", "cs", "ss", "ds"}[op >> 3]);
      return true;
    case 0x27: case 0x2f: case 0x37: case 0x3f:
      if (lng) return d->bad = true;
      dis_mnem(d, (const char *[]){"daa", "das", "aaa", "aas"}[(op >> 3) & 3],
               NULL);
      return true;
    case 0x40 ... 0x4f:
      sz = int_osz(d);
      int_name(d, op < 0x48 ? "inc" : "dec", sz, false);
      dis_gpr(d, op & 7, sz);
      return true;
    case 0x50 ... 0x57:
    case 0x58 ... 0x5f:
      sz = int_d64(d);
      dis_mnem(d, op < 0x58 ? "push" : "pop", NULL);
      dis_gpr(d, i->rm, sz);
      return true;
    case 0x60: case 0x61:
      if (lng) return d->bad = true;
      sz = int_osz(d);
      int_namew(d, op == 0x60 ? "pusha" : "popa", sz,
                sz != (d->mode == MODE_REAL ? 2 : 4));
      return true;
    case 0x62:
      if (lng || int_isreg(d)) return d->bad = true;
      sz = int_osz(d);
      dis_mnem(d, "bound", NULL);
      int_g(d, sz);
      dis_mem(d, sz * 2);
      dis_keep_order(d);
      return true;
    case 0x63:
      if (!lng) {
        dis_mnem(d, "arpl", NULL);
        int_e(d, 2);
        dis_gpr(d, i->reg, 2);
        return true;
      }
      sz = int_osz(d);
      /* objdump: 66 under REX.W is consumed by the register form, and by
       * the memory form only where the size prints (Intel). */
      if (sz == 8 && i->opsize_prefix &&
          (int_isreg(d) || d->syntax == DIS_INTEL))
        d->used_66 = true;
      if (sz == 8)
        dis_mnem(d, "movslq", "movsxd");
      else
        dis_mnem(d, "movsxd", NULL);
      int_g(d, sz);
      int_e(d, 4);
      return true;
    case 0x68:
      sz = int_d64(d);
      int_namew(d, "push", sz, sz != int_dflt(d));
      dis_imm(d, i->imm, sz);
      return true;
    case 0x6a:
      sz = int_d64(d);
      int_namew(d, "push", sz, sz != int_dflt(d));
      dis_imm(d, i->imm, sz);
      return true;
    case 0x69:
    case 0x6b:
      sz = int_osz(d);
      dis_mnem(d, "imul", NULL);
      int_g(d, sz);
      int_e(d, sz);
      dis_imm(d, i->imm, sz);
      return true;
    case 0x6c: case 0x6d:
      sz = op & 1 ? int_io(d) : 1;
      snprintf(t, sizeof(t), "ins%c", int_sfx(sz));
      int_str(d, t, "ins", sz, true);
      dis_mem_at(d, sz, RDI, SEG_ES);
      dis_text(d, d->syntax == DIS_INTEL ? "dx" : "(%dx)");
      return true;
    case 0x6e: case 0x6f:
      sz = op & 1 ? int_io(d) : 1;
      snprintf(t, sizeof(t), "outs%c", int_sfx(sz));
      int_str(d, t, "outs", sz, true);
      dis_text(d, d->syntax == DIS_INTEL ? "dx" : "(%dx)");
      dis_mem_at(d, sz, RSI, 0xff);
      return true;
    case 0x70 ... 0x7f:
      snprintf(t, sizeof(t), "j%s", kCc[op & 15]);
      int_hint(d, t);
      dis_name_prefix(d, 0xf2, "bnd");
      int_branch(d, i->imm, 1);
      return true;
    case 0x80: case 0x81: case 0x82: case 0x83:
      if (op == 0x82 && lng) return d->bad = true;
      sz = op & 1 ? int_osz(d) : 1;
      int_name(d, kAlu[r], sz, !int_isreg(d));
      int_e(d, sz);
      dis_imm(d, i->imm, sz);
      return true;
    case 0x84: case 0x85:
    case 0x86: case 0x87:
      sz = op & 1 ? int_osz(d) : 1;
      dis_mnem(d, op < 0x86 ? "test" : "xchg", NULL);
      int_e(d, sz);
      int_g(d, sz);
      return true;
    case 0x88: case 0x89:
      sz = op & 1 ? int_osz(d) : 1;
      dis_mnem(d, "mov", NULL);
      int_e(d, sz);
      int_g(d, sz);
      return true;
    case 0x8a: case 0x8b:
      sz = op & 1 ? int_osz(d) : 1;
      dis_mnem(d, "mov", NULL);
      int_g(d, sz);
      int_e(d, sz);
      return true;
    case 0x8c:
      sz = int_isreg(d) ? int_osz(d) : 2;
      dis_mnem(d, "mov", NULL);
      int_e(d, sz);
      dis_reg(d, r < 6 ? (const char *[]){"es", "cs", "ss", "ds", "fs",
                                          "gs"}[r]
                       : "?");
      return true;
    case 0x8e:
      sz = int_isreg(d) ? int_osz(d) : 2;
      dis_mnem(d, "mov", NULL);
      dis_reg(d, r < 6 ? (const char *[]){"es", "cs", "ss", "ds", "fs",
                                          "gs"}[r]
                       : "?");
      int_e(d, sz);
      return true;
    case 0x8d:
      if (int_isreg(d)) return d->bad = true;
      sz = int_osz(d);
      dis_mnem(d, "lea", NULL);
      int_g(d, sz);
      dis_mem(d, 0);
      return true;
    case 0x8f:
      if (r) return d->bad = true;
      sz = int_d64(d);
      int_namew(d, "pop", sz, !int_isreg(d) && sz != int_dflt(d));
      int_e(d, sz);
      return true;
    case 0x90:
      if (int_rep(d) == 0xf3) {
        d->used_rep = true;
        dis_mnem(d, "pause", NULL);
        return true;
      }
      if (!(i->rex & 1)) {
        /* With 66 objdump takes the xchg path (and the 66), whatever
         * REX.W then says about the size. */
        if (i->opsize_prefix) {
          d->used_66 = true;
          sz = (i->rex & 8) ? 8 : i->osz;
          if (sz == 8) d->used_rexw = true;
          dis_mnem(d, "xchg", NULL);
          dis_gpr(d, RAX, sz);
          dis_gpr(d, RAX, sz);
          return true;
        }
        dis_mnem(d, "nop", NULL);
        return true;
      }
      /* fallthrough */
    case 0x91 ... 0x97:
      sz = int_osz(d);
      if (op == 0x90 && i->opsize_prefix) d->used_66 = true;
      dis_mnem(d, "xchg", NULL);
      dis_gpr(d, i->rm, sz);
      int_acc(d, sz);
      return true;
    case 0x98:
      sz = int_osz(d);
      dis_mnem(d, sz == 2 ? "cbtw" : sz == 4 ? "cwtl" : "cltq",
               sz == 2 ? "cbw" : sz == 4 ? "cwde" : "cdqe");
      return true;
    case 0x99:
      sz = int_osz(d);
      dis_mnem(d, sz == 2 ? "cwtd" : sz == 4 ? "cltd" : "cqto",
               sz == 2 ? "cwd" : sz == 4 ? "cdq" : "cqo");
      return true;
    case 0x9a:
    case 0xea:
      if (lng) return d->bad = true;
      {
        struct DisOp *o;
        sz = int_osz(d);
        if (sz == 2 && d->mode != MODE_REAL)
          dis_mnem(d, op == 0x9a ? "lcallw" : "ljmpw",
                   op == 0x9a ? "call" : "jmp");
        else if (sz == 4 && d->mode == MODE_REAL)
          dis_mnem(d, op == 0x9a ? "lcalll" : "ljmpl",
                   op == 0x9a ? "call" : "jmp");
        else
          dis_mnem(d, op == 0x9a ? "lcall" : "ljmp",
                   op == 0x9a ? "call" : "jmp");
        o = &d->op[d->nops++];
        memset(o, 0, sizeof(*o));
        o->kind = DO_FAR;
        o->val = i->imm;
        o->sel = i->imm2;
        return true;
      }
    case 0x9b:
      dis_mnem(d, "fwait", NULL);
      return true;
    case 0x9c: case 0x9d:
      sz = int_d64(d);
      int_namew(d, op == 0x9c ? "pushf" : "popf", sz,
               lng ? sz == 2 : sz == (d->mode == MODE_REAL ? 4 : 2));
      return true;
    case 0x9e:
      dis_mnem(d, "sahf", NULL);
      return true;
    case 0x9f:
      dis_mnem(d, "lahf", NULL);
      return true;
    case 0xa0: case 0xa1: case 0xa2: case 0xa3: {
      struct DisOp *o;
      struct DisOp tmp;
      bool abs64 = lng && i->asz == 8;
      sz = op & 1 ? int_osz(d) : 1;
      dis_mnem(d, abs64 ? "movabs" : "mov", NULL);
      memset(&tmp, 0, sizeof(tmp));
      tmp.kind = DO_ABS;
      tmp.val = i->imm;
      if (op < 0xa2) {
        int_acc(d, sz);
        o = &d->op[d->nops++];
        *o = tmp;
      } else {
        o = &d->op[d->nops++];
        *o = tmp;
        int_acc(d, sz);
      }
      return true;
    }
    case 0xa4: case 0xa5:
      sz = op & 1 ? int_osz(d) : 1;
      snprintf(t, sizeof(t), "movs%c", int_sfx(sz));
      int_str(d, t, "movs", sz, true);
      dis_mem_at(d, sz, RDI, SEG_ES);
      dis_mem_at(d, sz, RSI, 0xff);
      return true;
    case 0xa6: case 0xa7:
      sz = op & 1 ? int_osz(d) : 1;
      snprintf(t, sizeof(t), "cmps%c", int_sfx(sz));
      int_str(d, t, "cmps", sz, false);
      dis_mem_at(d, sz, RSI, 0xff);
      dis_mem_at(d, sz, RDI, SEG_ES);
      return true;
    case 0xa8: case 0xa9:
      sz = op & 1 ? int_osz(d) : 1;
      dis_mnem(d, "test", NULL);
      int_acc(d, sz);
      dis_imm(d, i->imm, sz);
      return true;
    case 0xaa: case 0xab:
      sz = op & 1 ? int_osz(d) : 1;
      int_str(d, "stos", NULL, sz, true);
      dis_mem_at(d, sz, RDI, SEG_ES);
      int_acc(d, sz);
      return true;
    case 0xac: case 0xad:
      sz = op & 1 ? int_osz(d) : 1;
      int_str(d, "lods", NULL, sz, true);
      int_acc(d, sz);
      dis_mem_at(d, sz, RSI, 0xff);
      return true;
    case 0xae: case 0xaf:
      sz = op & 1 ? int_osz(d) : 1;
      int_str(d, "scas", NULL, sz, false);
      int_acc(d, sz);
      dis_mem_at(d, sz, RDI, SEG_ES);
      return true;
    case 0xb0 ... 0xb7:
      dis_mnem(d, "mov", NULL);
      dis_gpr(d, i->rm, 1);
      dis_imm(d, i->imm, 1);
      return true;
    case 0xb8 ... 0xbf:
      sz = int_osz(d);
      dis_mnem(d, sz == 8 ? "movabs" : "mov", NULL);
      dis_gpr(d, i->rm, sz);
      dis_imm(d, i->imm, sz);
      return true;
    case 0xc0: case 0xc1: case 0xd0: case 0xd1: case 0xd2: case 0xd3:
      sz = op & 1 ? int_osz(d) : 1;
      int_name(d, kShift[r], sz, !int_isreg(d));
      int_e(d, sz);
      if (op <= 0xc1) {
        dis_imm(d, i->imm, 1);
      } else if (op >= 0xd2) {
        dis_gpr(d, RCX, 1);
      } else if (d->syntax == DIS_INTEL) {
        dis_text(d, "1");
      }
      return true;
    case 0xc2:
      sz = int_d64(d);
      int_namew(d, "ret", sz, sz != int_dflt(d));
      dis_name_prefix(d, 0xf2, "bnd");
      dis_imm(d, i->imm, 2);
      return true;
    case 0xc3:
      sz = int_d64(d);
      int_namew(d, "ret", sz, sz != int_dflt(d));
      dis_name_prefix(d, 0xf2, "bnd");
      return true;
    case 0xc4: case 0xc5:
      if (lng || int_isreg(d)) return d->bad = true;
      sz = int_osz(d);
      int_name(d, op == 0xc4 ? "les" : "lds", sz, false);
      int_g(d, sz);
      dis_mem(d, sz + 2);
      return true;
    case 0xc6: case 0xc7:
      if (r && i->modrm != 0xf8) return d->bad = true;
      sz = op & 1 ? int_osz(d) : 1;
      if (i->modrm == 0xf8 && op == 0xc6) {
        dis_mnem(d, "xabort", NULL);
        dis_imm(d, i->imm, 1);
        return true;
      }
      if (i->modrm == 0xf8) {
        sz = int_osz(d);
        int_namew(d, "xbegin", sz, sz == 2);
        int_branch(d, i->imm, sz == 2 ? 2 : 4);
        return true;
      }
      if (r) return d->bad = true;
      int_name(d, "mov", sz, !int_isreg(d));
      int_e(d, sz);
      dis_imm(d, i->imm, sz);
      return true;
    case 0xc8:
      sz = int_d64(d);
      int_namew(d, "enter", sz, sz != int_dflt(d));
      dis_imm(d, i->imm, 2);
      dis_imm(d, i->imm2, 1);
      dis_keep_order(d);
      return true;
    case 0xc9:
      sz = int_d64(d);
      int_namew(d, "leave", sz, sz != int_dflt(d));
      return true;
    case 0xca: case 0xcb:
      sz = int_osz(d);
      if (sz == (d->mode == MODE_REAL ? 2u : 4u)) {
        dis_mnem(d, "lret", "retf");
      } else {
        snprintf(t, sizeof(t), "lret%c", int_sfx(sz));
        char t2[32];
        snprintf(t2, sizeof(t2), "retf%c", int_sfx(sz));
        dis_mnem(d, t, t2);
      }
      if (op == 0xca) dis_imm(d, i->imm, 2);
      return true;
    case 0xcc:
      dis_mnem(d, "int3", NULL);
      return true;
    case 0xcd:
      dis_mnem(d, "int", NULL);
      dis_imm(d, i->imm, 1);
      return true;
    case 0xce:
      if (lng) return d->bad = true;
      dis_mnem(d, "into", NULL);
      return true;
    case 0xcf:
      sz = int_osz(d);
      int_namew(d, "iret", sz, sz != (d->mode == MODE_REAL ? 2 : 4));
      return true;
    case 0xd4: case 0xd5:
      if (lng) return d->bad = true;
      dis_mnem(d, op == 0xd4 ? "aam" : "aad", NULL);
      dis_imm(d, i->imm, 1);
      return true;
    case 0xd6:
      return d->bad = true;
    case 0xd7:
      dis_mnem(d, "xlat", NULL);
      dis_mem_at(d, 1, RBX, 0xff);
      return true;
    case 0xe0: case 0xe1: case 0xe2: {
      static const char *const nm[3] = {"loopne", "loope", "loop"};
      bool a = int_has_prefix(d, 0x67);
      if (a && d->syntax == DIS_ATT) {
        snprintf(t, sizeof(t), "%s%c", nm[op - 0xe0],
                 lng ? 'l' : d->mode == MODE_PROT32 ? 'w' : 'l');
        int_hint(d, t);
        dis_use_prefix(d, 0x67);
      } else {
        int_hint(d, nm[op - 0xe0]);
      }
      int_branch(d, i->imm, 1);
      return true;
    }
    case 0xe3: {
      unsigned asz = i->asz;
      int_hint(d, asz == 8 ? "jrcxz" : asz == 4 ? "jecxz" : "jcxz");
      dis_use_prefix(d, 0x67);
      int_branch(d, i->imm, 1);
      return true;
    }
    case 0xe4: case 0xe5:
      sz = op & 1 ? int_io(d) : 1;
      dis_mnem(d, "in", NULL);
      int_acc(d, sz);
      dis_imm(d, i->imm, 1);
      return true;
    case 0xe6: case 0xe7:
      sz = op & 1 ? int_io(d) : 1;
      dis_mnem(d, "out", NULL);
      dis_imm(d, i->imm, 1);
      int_acc(d, sz);
      return true;
    case 0xec: case 0xed:
      sz = op & 1 ? int_io(d) : 1;
      dis_mnem(d, "in", NULL);
      int_acc(d, sz);
      dis_text(d, d->syntax == DIS_INTEL ? "dx" : "(%dx)");
      return true;
    case 0xee: case 0xef:
      sz = op & 1 ? int_io(d) : 1;
      dis_mnem(d, "out", NULL);
      dis_text(d, d->syntax == DIS_INTEL ? "dx" : "(%dx)");
      int_acc(d, sz);
      return true;
    case 0xe8: case 0xe9:
      sz = int_d64(d);
      int_namew(d, op == 0xe8 ? "call" : "jmp", sz, sz != int_dflt(d));
      dis_name_prefix(d, 0xf2, "bnd");
      int_branch(d, i->imm, sz);
      return true;
    case 0xeb:
      dis_mnem(d, "jmp", NULL);
      dis_name_prefix(d, 0xf2, "bnd");
      int_branch(d, i->imm, 1);
      return true;
    case 0xf1:
      dis_mnem(d, "int1", NULL);
      return true;
    case 0xf4:
      dis_mnem(d, "hlt", NULL);
      return true;
    case 0xf5:
      dis_mnem(d, "cmc", NULL);
      return true;
    case 0xf6: case 0xf7: {
      static const char *const nm[8] = {"test", "test", "not", "neg",
                                        "mul",  "imul", "div", "idiv"};
      sz = op & 1 ? int_osz(d) : 1;
      int_name(d, nm[r], sz, !int_isreg(d));
      int_e(d, sz);
      if (r < 2) dis_imm(d, i->imm, sz);
      return true;
    }
    case 0xf8: dis_mnem(d, "clc", NULL); return true;
    case 0xf9: dis_mnem(d, "stc", NULL); return true;
    case 0xfa: dis_mnem(d, "cli", NULL); return true;
    case 0xfb: dis_mnem(d, "sti", NULL); return true;
    case 0xfc: dis_mnem(d, "cld", NULL); return true;
    case 0xfd: dis_mnem(d, "std", NULL); return true;
    case 0xfe:
      if (r > 1) return d->bad = true;
      int_name(d, r ? "dec" : "inc", 1, !int_isreg(d));
      int_e(d, 1);
      return true;
    case 0xff:
      switch (r) {
        case 0: case 1:
          sz = int_osz(d);
          int_name(d, r ? "dec" : "inc", sz, !int_isreg(d));
          int_e(d, sz);
          return true;
        case 2: case 4:
          sz = int_d64(d);
          int_namew(d, r == 2 ? "call" : "jmp", sz,
                    !int_isreg(d) && sz != int_dflt(d));
          int_e(d, sz);
          d->op[d->nops - 1].indirect = 1;
          int_notrack(d);
          return true;
        case 3: case 5:
          if (int_isreg(d)) return d->bad = true;
          if (i->opsize_prefix) {  /* 66 wins over REX.W here */
            d->used_66 = true;
            dis_mnem(d, r == 3 ? "lcallw" : "ljmpw", r == 3 ? "call" : "jmp");
            dis_mem(d, 4);
          } else {
            dis_mnem(d, r == 3 ? "lcall" : "ljmp", r == 3 ? "call" : "jmp");
            dis_mem(d, 6);
          }
          d->op[d->nops - 1].indirect = 1;
          return true;
        case 6:
          sz = int_d64(d);
          int_namew(d, "push", sz, !int_isreg(d) && sz != int_dflt(d));
          int_e(d, sz);
          return true;
        default:
          return d->bad = true;
      }
    default:
      return false;
  }
}

/* ------------------------------------------------------------- 0F map */

static bool int_0f00(struct DisInsn *d) {
  const struct Insn *i = d->i;
  static const char *const nm[8] = {"sldt", "str",  "lldt", "ltr",
                                    "verr", "verw", NULL,   NULL};
  unsigned r = i->reg & 7, sz;
  if (!nm[r]) return d->bad = true;
  dis_mnem(d, nm[r], NULL);
  if (int_isreg(d) && r < 2) {
    sz = int_osz(d);
    dis_gpr(d, i->rm, sz);
  } else if (int_isreg(d)) {
    dis_gpr(d, i->rm, 2);
  } else {
    dis_mem(d, 2);
  }
  return true;
}

static bool int_0f01(struct DisInsn *d) {
  const struct Insn *i = d->i;
  unsigned r = i->reg & 7, m = i->modrm & 7, sz;
  if (!int_isreg(d)) {
    static const char *const nm[8] = {"sgdt", "sidt", "lgdt", "lidt",
                                      "smsw", NULL,   "lmsw", "invlpg"};
    if (r == 5) {
      /* F3 0F 01 /5 mem: rstorssp */
      if (int_rep(d) == 0xf3) {
        d->used_rep = true;
        dis_mnem(d, "rstorssp", NULL);
        dis_mem(d, 8);
        return true;
      }
      return d->bad = true;
    }
    if (r < 4 && d->mode == MODE_LONG) {
      /* objdump: sgdt/sidt/lgdt/lidt take no size in 64-bit mode */
      dis_mnem(d, nm[r], NULL);
      dis_mem(d, 0);
      return true;
    }
    if (r < 4) {
      /* 32-bit: sgdtl/sgdtd, with 66 sgdtw */
      char a[16], b[16];
      bool w = i->opsize_prefix != (d->mode == MODE_REAL);
      if (i->opsize_prefix) d->used_66 = true;
      snprintf(a, sizeof(a), "%s%c", nm[r], w ? 'w' : 'l');
      snprintf(b, sizeof(b), "%s%c", nm[r], w ? 'w' : 'd');
      dis_mnem(d, a, b);
      dis_mem(d, 0);
      return true;
    }
    dis_mnem(d, nm[r], NULL);
    if (r == 4 || r == 6) dis_mem(d, 2);
    else if (r == 7) dis_mem(d, 1);
    else dis_mem(d, 0);
    return true;
  }
  switch (i->modrm) {
    case 0xcd: case 0xce: case 0xcf:
      if (!i->opsize_prefix || int_rep(d)) {
        if (i->modrm == 0xcf) {
          dis_mnem(d, "encls", NULL);
          return true;
        }
        break;
      }
      d->used_66 = true;
      dis_mnem(d, i->modrm == 0xcd ? "seamret"
                  : i->modrm == 0xce ? "seamops" : "seamcall", NULL);
      return true;
    case 0xc0: dis_mnem(d, "enclv", NULL); return true;
    case 0xc5: dis_mnem(d, "pconfig", NULL); return true;
    case 0xc1: dis_mnem(d, "vmcall", NULL); return true;
    case 0xc2: dis_mnem(d, "vmlaunch", NULL); return true;
    case 0xc3: dis_mnem(d, "vmresume", NULL); return true;
    case 0xc4: dis_mnem(d, "vmxoff", NULL); return true;
    case 0xc8: dis_mnem(d, "monitor", NULL);
      if (d->syntax == DIS_INTEL) return true;
      dis_gpr(d, RAX, d->mode == MODE_LONG ? i->asz : i->asz);
      dis_gpr(d, RCX, 4);
      dis_gpr(d, RDX, 4);
      dis_use_prefix(d, 0x67);
      dis_keep_order(d);
      return true;
    case 0xc9: dis_mnem(d, "mwait", NULL);
      if (d->syntax == DIS_INTEL) return true;
      dis_gpr(d, RAX, 4);
      dis_gpr(d, RCX, 4);
      dis_keep_order(d);
      return true;
    case 0xca: dis_mnem(d, "clac", NULL); return true;
    case 0xcb: dis_mnem(d, "stac", NULL); return true;
    case 0xd0: dis_mnem(d, "xgetbv", NULL); return true;
    case 0xd1: dis_mnem(d, "xsetbv", NULL); return true;
    case 0xd4: dis_mnem(d, "vmfunc", NULL); return true;
    case 0xd5: dis_mnem(d, "xend", NULL); return true;
    case 0xd6: dis_mnem(d, "xtest", NULL); return true;
    case 0xd7: dis_mnem(d, "enclu", NULL); return true;
    case 0xd8: dis_mnem(d, "vmrun", NULL); return true;
    case 0xd9: dis_mnem(d, "vmmcall", NULL); return true;
    case 0xda: dis_mnem(d, "vmload", NULL); return true;
    case 0xdb: dis_mnem(d, "vmsave", NULL); return true;
    case 0xdc: dis_mnem(d, "stgi", NULL); return true;
    case 0xdd: dis_mnem(d, "clgi", NULL); return true;
    case 0xde: dis_mnem(d, "skinit", NULL); return true;
    case 0xdf: dis_mnem(d, "invlpga", NULL); return true;
    case 0xe8:
      if (int_rep(d) == 0xf2) {
        d->used_rep = true;
        dis_mnem(d, "xsusldtrk", NULL);
        return true;
      }
      if (int_rep(d) == 0xf3) {
        d->used_rep = true;
        dis_mnem(d, "setssbsy", NULL);
        return true;
      }
      dis_mnem(d, "serialize", NULL);
      return true;
    case 0xe9:
      if (int_rep(d) != 0xf2) break;
      d->used_rep = true;
      dis_mnem(d, "xresldtrk", NULL);
      return true;
    case 0xea:
      if (int_rep(d) != 0xf3) break;
      d->used_rep = true;
      dis_mnem(d, "saveprevssp", NULL);
      return true;
    case 0xee: dis_mnem(d, "rdpkru", NULL); return true;
    case 0xef: dis_mnem(d, "wrpkru", NULL); return true;
    case 0xf8:
      if (d->mode != MODE_LONG) return d->bad = true;
      dis_mnem(d, "swapgs", NULL);
      return true;
    case 0xf9: dis_mnem(d, "rdtscp", NULL); return true;
    case 0xfe: dis_mnem(d, "invlpgb", NULL); return true;
    case 0xff: dis_mnem(d, "tlbsync", NULL); return true;
    case 0xfa:
      if (int_rep(d) == 0xf3) {
        d->used_rep = true;
        dis_mnem(d, "mcommit", NULL);
        return true;
      }
      if (int_rep(d) || i->opsize_prefix) {
        if (int_rep(d)) d->used_rep = true;
        else d->used_66 = true;
        return d->bad = true;
      }
      dis_mnem(d, "monitorx", NULL);
      if (d->syntax == DIS_INTEL) return true;
      dis_gpr(d, RAX, i->asz);
      dis_gpr(d, RCX, 4);
      dis_gpr(d, RDX, 4);
      dis_use_prefix(d, 0x67);
      dis_keep_order(d);
      return true;
    case 0xfb: dis_mnem(d, "mwaitx", NULL);
      if (d->syntax == DIS_INTEL) return true;
      dis_gpr(d, RAX, 4);
      dis_gpr(d, RCX, 4);
      dis_gpr(d, RBX, 4);
      dis_keep_order(d);
      return true;
    case 0xfc: dis_mnem(d, "clzero", NULL); return true;
    case 0xfd: dis_mnem(d, "rdpru", NULL); return true;
    default:
      break;
  }
  (void)m;
  if (r == 4) {
    sz = int_osz(d);
    dis_mnem(d, "smsw", NULL);
    dis_gpr(d, i->rm, sz);
    return true;
  }
  if (r == 6) {
    dis_mnem(d, "lmsw", NULL);
    dis_gpr(d, i->rm, 2);
    return true;
  }
  return d->bad = true;
}

/* VEX-encoded BMI1/BMI2 (and the 0F38 F0-F6 legacy ones). */
static bool int_bmi(struct DisInsn *d) {
  const struct Insn *i = d->i;
  unsigned op = i->op, sz = d->vex_w && d->mode == MODE_LONG ? 8 : 4;
  unsigned pp = d->vex_pp;
  if (d->vex_l) {
    /* objdump's (bad) for a BMI opcode with L=1 prints the prefixes before
     * the VEX only when VEX.vvvv is 1111 (measured: andn, bextr, shlx,
     * rorx); otherwise it swallows them. */
    bool bmi = (d->vex_map == 2 && op >= 0xf2 && op <= 0xf7) ||
               (d->vex_map == 3 && op == 0xf0);
    if (!bmi) return false;
    if (d->vex_v) {
      for (int k = 0; k < d->opc; k++) dis_use_prefix(d, d->p[k]);
      d->used_rexw = true;
    }
    return d->bad = true;
  }
  if (d->vex_w && d->mode == MODE_LONG) d->used_rexw = true;
  if (d->vex_map == 2) {
    switch (op) {
      case 0xf2:
        if (pp) return false;
        dis_mnem(d, "andn", NULL);
        int_g(d, sz);
        dis_gpr(d, d->vex_v, sz);
        int_e(d, sz);
        return true;
      case 0xf3: {
        static const char *const nm[8] = {NULL, "blsr", "blsmsk", "blsi"};
        unsigned r = i->reg & 7;
        if (pp || r < 1 || r > 3) return false;
        dis_mnem(d, nm[r], NULL);
        dis_gpr(d, d->vex_v, sz);
        int_e(d, sz);
        return true;
      }
      case 0xf5:
        if (pp == 1) return false;
        dis_mnem(d, pp == 0 ? "bzhi" : pp == 2 ? "pext" : "pdep", NULL);
        int_g(d, sz);
        if (pp == 0) {
          int_e(d, sz);
          dis_gpr(d, d->vex_v, sz);
        } else {
          dis_gpr(d, d->vex_v, sz);
          int_e(d, sz);
        }
        return true;
      case 0xf6:
        if (pp != 3) return false;
        dis_mnem(d, "mulx", NULL);
        int_g(d, sz);
        dis_gpr(d, d->vex_v, sz);
        int_e(d, sz);
        return true;
      case 0xf7: {
        static const char *const nm[4] = {"bextr", "shlx", "sarx", "shrx"};
        dis_mnem(d, nm[pp], NULL);
        int_g(d, sz);
        int_e(d, sz);
        dis_gpr(d, d->vex_v, sz);
        return true;
      }
    }
    return false;
  }
  if (d->vex_map == 3 && op == 0xf0 && pp == 3 && !d->vex_v) {
    dis_mnem(d, "rorx", NULL);
    int_g(d, sz);
    int_e(d, sz);
    dis_imm(d, i->imm, 1);
    return true;
  }
  return false;
}

static bool int_0f38(struct DisInsn *d) {
  const struct Insn *i = d->i;
  unsigned op = i->op, sz, rep = int_rep(d);
  bool o66 = i->opsize_prefix;
  switch (op) {
    case 0xf0: case 0xf1:
      if (rep == 0xf3) {
        d->used_rep = true;
        return d->bad = true;
      }
      if (rep == 0xf2) {
        d->used_rep = true;
        sz = op & 1 ? int_osz(d) : 1;
        int_name(d, "crc32", sz, true);
        dis_gpr(d, i->reg, (i->rex & 8) ? 8 : 4);
        int_e(d, sz);
        if (i->rex & 8) d->used_rexw = true;
        return true;
      }
      sz = int_osz(d);
      if (i->opsize_prefix) d->used_66 = true;
      dis_mnem(d, "movbe", NULL);
      if (int_isreg(d)) {
        if (op == 0xf0) {
          int_g(d, sz);
          dis_text(d, "(bad)");
        } else {
          dis_text(d, "(bad)");
          int_g(d, sz);
        }
        dis_first_byte_only(d);
        return true;
      }
      if (op == 0xf0) {
        int_g(d, sz);
        dis_mem(d, sz);
      } else {
        dis_mem(d, sz);
        int_g(d, sz);
      }
      return true;
    case 0xf5:
      if ((!o66 || rep) && d->mode == MODE_LONG && !int_isreg(d)) {
        dis_quiet_bad(d);
        return true;
      }
      if (!o66 || rep) return d->bad = true;
      if (o66 && !rep && !int_isreg(d)) {
        d->used_66 = true;
        sz = (i->rex & 8) ? 8 : 4;
        if (sz == 8) d->used_rexw = true;
        dis_mnem(d, sz == 8 ? "wrussq" : "wrussd", NULL);
        dis_mem(d, 0);
        int_g(d, sz);
        return true;
      }
      return false;
    case 0xf6:
      if (!rep && !o66 && !int_isreg(d)) {
        sz = (i->rex & 8) ? 8 : 4;
        if (sz == 8) d->used_rexw = true;
        dis_mnem(d, sz == 8 ? "wrssq" : "wrssd", NULL);
        dis_mem(d, 0);
        int_g(d, sz);
        return true;
      }
      if (rep == 0xf2) {
        d->used_rep = true;
        return d->bad = true;
      }
      if (rep == 0xf3 || o66) {
        sz = (i->rex & 8) ? 8 : 4;
        if (i->rex & 8) d->used_rexw = true;
        if (rep == 0xf3) d->used_rep = true;
        else d->used_66 = true;
        dis_mnem(d, rep == 0xf3 ? "adox" : "adcx", NULL);
        int_g(d, sz);
        int_e(d, sz);
        return true;
      }
      return false;
    default:
      return false;
  }
}

/* MPX (0F 1A, 0F 1B): bnd0..bnd3, selected by the mandatory prefix. */
static void int_bnd(struct DisInsn *d, unsigned n) {
  char t[8];
  if (n > 3) {
    /* Still a register operand as far as REX.R goes. */
    struct DisOp *o;
    snprintf(t, sizeof(t), "bnd%u", n);
    dis_reg(d, t);
    o = &d->op[d->nops - 1];
    o->kind = DO_TEXT;
    snprintf(o->text, sizeof(o->text), "(bad)");
    return;
  }
  snprintf(t, sizeof(t), "bnd%u", n);
  dis_reg(d, t);
}

/* An MPX memory operand: 64-bit names under 67 in long mode; RIP-relative
 * and 16-bit forms are objdump's "(bad)" (keeping an FS/GS override). */
static void int_mpx_mem(struct DisInsn *d) {
  const struct Insn *i = d->i;
  if (i->base == BASE_RIP || i->asz == 2) {
    char t[16];
    int seg = -1;
    for (int k = 0; k < d->opc; k++) {
      if (d->p[k] == 0x64) seg = 0x64;
      if (d->p[k] == 0x65) seg = 0x65;
    }
    if (seg >= 0 && d->mode == MODE_LONG) {
      snprintf(t, sizeof(t), "%s%s:(bad)", d->syntax == DIS_INTEL ? "" : "%",
               seg == 0x64 ? "fs" : "gs");
      dis_use_prefix(d, (unsigned)seg);
      dis_text(d, t);
    } else {
      dis_text(d, "(bad)");
    }
    return;
  }
  dis_mem(d, 0)->addr64 = d->mode == MODE_LONG;
}

static bool int_mpx(struct DisInsn *d) {
  const struct Insn *i = d->i;
  unsigned rep = int_rep(d), op = i->op;
  bool o66 = i->opsize_prefix;
  bool lng = d->mode == MODE_LONG;
  const char *nm;
  if (rep == 0xf3) nm = op == 0x1a ? "bndcl" : "bndmk";
  else if (rep == 0xf2) nm = op == 0x1a ? "bndcu" : "bndcn";
  else if (o66) nm = "bndmov";
  else nm = op == 0x1a ? "bndldx" : "bndstx";
  if (int_isreg(d) && !rep && !o66) return false;
  if (int_isreg(d) && rep == 0xf3 && op == 0x1b) return false;
  if (rep) d->used_rep = true;
  else if (o66) d->used_66 = true;
  dis_mnem(d, nm, NULL);
  if (o66 && !rep) {
    if (op == 0x1a) {
      int_bnd(d, i->reg);
      if (int_isreg(d)) int_bnd(d, i->rm & 7);
      else int_mpx_mem(d);
    } else {
      if (int_isreg(d)) int_bnd(d, i->rm & 7);
      else int_mpx_mem(d);
      int_bnd(d, i->reg);
    }
    return true;
  }
  if (!rep) {
    /* bndldx/bndstx take a SIB-style address: RIP-relative and 16-bit
     * forms are "(bad)" */
    if (op == 0x1a) int_bnd(d, i->reg);
    int_mpx_mem(d);
    if (op == 0x1b) int_bnd(d, i->reg);
    return true;
  }
  int_bnd(d, i->reg);
  if (int_isreg(d)) dis_gpr(d, i->rm, lng ? 8 : 4);
  else int_mpx_mem(d);
  return true;
}

static bool int_0f(struct DisInsn *d) {
  const struct Insn *i = d->i;
  unsigned op = i->op, sz, r = i->reg & 7, rep = int_rep(d);
  bool lng = d->mode == MODE_LONG;
  char t[32];
  switch (op) {
    case 0x00: return int_0f00(d);
    case 0x01: return int_0f01(d);
    case 0x02: case 0x03:
      sz = int_osz(d);
      dis_mnem(d, op == 2 ? "lar" : "lsl", NULL);
      int_g(d, sz);
      if (int_isreg(d)) dis_gpr(d, i->rm, sz);
      else dis_mem(d, 2);
      return true;
    case 0x05:
      dis_mnem(d, "syscall", NULL);
      return true;
    case 0x06: dis_mnem(d, "clts", NULL); return true;
    case 0x07:
      if (!lng) {
        dis_mnem(d, "sysret", NULL);
        return true;
      }
      if (i->rex & 8) {
        d->used_rexw = true;
        dis_mnem(d, "sysretq", NULL);
      } else {
        dis_mnem(d, "sysretl", "sysretd");
      }
      return true;
    case 0x08: dis_mnem(d, "invd", NULL); return true;
    case 0x09:
      if (rep == 0xf2 || (i->opsize_prefix && rep != 0xf3)) {
        if (rep) d->used_rep = true;
        else d->used_66 = true;
        return d->bad = true;
      }
      if (rep == 0xf3) {
        d->used_rep = true;
        dis_mnem(d, "wbnoinvd", NULL);
      } else {
        dis_mnem(d, "wbinvd", NULL);
      }
      return true;
    case 0x0b: dis_mnem(d, "ud2", NULL); return true;
    case 0x0d:
      if (int_isreg(d)) {
        dis_mnem(d, r == 1 ? "prefetchw" : r == 2 ? "prefetchwt1" : "prefetch",
                 NULL);
        dis_text(d, "(bad)");
        dis_first_byte_only(d);
        return true;
      }
      dis_mnem(d, r == 1 ? "prefetchw" : r == 2 ? "prefetchwt1" : "prefetch",
               NULL);
      dis_mem(d, 1);
      return true;
    case 0x1a: case 0x1b:
      if (int_mpx(d)) return true;
      goto hint_nop;
    case 0x1c:
      if (!int_isreg(d) && r == 0 && !rep && !i->opsize_prefix) {
        dis_mnem(d, "cldemote", NULL);
        dis_mem(d, 1);
        return true;
      }
      goto hint_nop;
    case 0x18:
      if (!int_isreg(d) && r >= 6) {
        /* prefetchit0/1 are RIP-relative only; in 64-bit code the other
         * forms are nops that take a F2/F3. */
        if (rep && lng) d->used_rep = true;
        if (i->base == BASE_RIP && !rep && !i->opsize_prefix) {
          dis_mnem(d, r == 7 ? "prefetchit0" : "prefetchit1", NULL);
          dis_mem(d, 1);
          return true;
        }
      }
      if (!int_isreg(d) && r < 4) {
        static const char *const nm[4] = {"prefetchnta", "prefetcht0",
                                          "prefetcht1", "prefetcht2"};
        dis_mnem(d, nm[r], NULL);
        dis_mem(d, 1);
        return true;
      }
      /* fallthrough */
    case 0x19: case 0x1d: case 0x1e: case 0x1f:
    hint_nop:
      if (op == 0x1e && rep == 0xf3 && int_isreg(d)) {
        if (i->modrm == 0xfa) {
          d->used_rep = true;
          dis_mnem(d, "endbr64", NULL);
          return true;
        }
        if (i->modrm == 0xfb) {
          d->used_rep = true;
          dis_mnem(d, "endbr32", NULL);
          return true;
        }
        if (r == 1) {
          d->used_rep = true;
          sz = (i->rex & 8) ? 8 : 4;
          if (sz == 8) d->used_rexw = true;
          dis_mnem(d, sz == 8 ? "rdsspq" : "rdsspd", NULL);
          dis_gpr(d, i->rm, sz);
          return true;
        }
      }
      sz = int_osz(d);
      /* objdump prints the 66 of F3 0F 1E (the endbr64/rdssp row) as
       * data16 although it sizes the nop. */
      if ((op == 0x1e && rep == 0xf3) ||
          ((op == 0x1a || op == 0x1b || op == 0x1c) && rep))
        d->used_66 = false;
      else if ((op == 0x18 || op == 0x1a || op == 0x1b || op == 0x1c ||
                op == 0x1e) &&
               i->opsize_prefix && ((i->rex & 8) || rep))
        d->used_66 = true;
      int_name(d, "nop", sz, !int_isreg(d));
      int_e(d, sz);
      return true;
    case 0x20: case 0x22: {
      char cr[8];
      unsigned n = i->reg;
      /* Outside long mode objdump reads LOCK MOV CR0 as AMD's CR8. */
      if (!lng && i->lock && n == 0) {
        n = 8;
        dis_use_prefix(d, 0xf0);
      }
      snprintf(cr, sizeof(cr), "cr%u", n);
      dis_mnem(d, "mov", NULL);
      if (op == 0x20) {
        dis_gpr(d, i->rm, lng ? 8 : 4);
        dis_reg(d, cr);
      } else {
        dis_reg(d, cr);
        dis_gpr(d, i->rm, lng ? 8 : 4);
      }
      return true;
    }
    case 0x21: case 0x23: {
      char dr[8];
      snprintf(dr, sizeof(dr), d->syntax == DIS_INTEL ? "dr%u" : "db%u",
               i->reg);
      dis_mnem(d, "mov", NULL);
      if (op == 0x21) {
        dis_gpr(d, i->rm, lng ? 8 : 4);
        dis_reg(d, dr);
      } else {
        dis_reg(d, dr);
        dis_gpr(d, i->rm, lng ? 8 : 4);
      }
      return true;
    }
    case 0x78: case 0x79:
      if (rep || i->opsize_prefix) return false; /* SSE4a extrq/insertq */
      sz = lng ? 8 : 4;
      dis_mnem(d, op == 0x78 ? "vmread" : "vmwrite", NULL);
      if (op == 0x78) {
        int_e(d, sz);
        int_g(d, sz);
      } else {
        int_g(d, sz);
        int_e(d, sz);
      }
      return true;
    case 0x24: case 0x26: {
      /* 386/486 test registers, outside long mode */
      char tr[8];
      if (lng) return d->bad = true;
      snprintf(tr, sizeof(tr), "tr%u", i->reg & 7);
      dis_mnem(d, "mov", NULL);
      if (op == 0x24) {
        dis_gpr(d, i->rm, 4);
        dis_reg(d, tr);
      } else {
        dis_reg(d, tr);
        dis_gpr(d, i->rm, 4);
      }
      return true;
    }
    case 0x30: dis_mnem(d, "wrmsr", NULL); return true;
    case 0x31: dis_mnem(d, "rdtsc", NULL); return true;
    case 0x32: dis_mnem(d, "rdmsr", NULL); return true;
    case 0x33: dis_mnem(d, "rdpmc", NULL); return true;
    case 0x34: dis_mnem(d, "sysenter", NULL); return true;
    case 0x35:
      if (!lng) {
        dis_mnem(d, "sysexit", NULL);
        return true;
      }
      if (i->rex & 8) {
        d->used_rexw = true;
        dis_mnem(d, "sysexitq", NULL);
      } else {
        dis_mnem(d, "sysexitl", "sysexitd");
      }
      return true;
    case 0x37: dis_mnem(d, "getsec", NULL); return true;
    case 0x40 ... 0x4f:
      sz = int_osz(d);
      snprintf(t, sizeof(t), "cmov%s", kCc[op & 15]);
      dis_mnem(d, t, NULL);
      int_g(d, sz);
      int_e(d, sz);
      return true;
    case 0x80 ... 0x8f:
      snprintf(t, sizeof(t), "j%s", kCc[op & 15]);
      int_hint(d, t);
      dis_name_prefix(d, 0xf2, "bnd");
      sz = int_d64(d);
      int_branch(d, i->imm, sz);
      return true;
    case 0x90 ... 0x9f:
      snprintf(t, sizeof(t), "set%s", kCc[op & 15]);
      dis_mnem(d, t, NULL);
      int_e(d, 1);
      return true;
    case 0xa0: case 0xa1: case 0xa8: case 0xa9:
      sz = int_d64(d);
      int_namew(d, op & 1 ? "pop" : "push", sz, sz != int_dflt(d));
      dis_reg(d, op < 0xa8 ? "fs" : "gs");
      return true;
    case 0xa2: dis_mnem(d, "cpuid", NULL); return true;
    case 0xa3: case 0xab: case 0xb3: case 0xbb: {
      static const char *const nm[4] = {"bt", "bts", "btr", "btc"};
      sz = int_osz(d);
      dis_mnem(d, nm[(op >> 3) & 3], NULL);
      int_e(d, sz);
      int_g(d, sz);
      return true;
    }
    case 0xa4: case 0xa5: case 0xac: case 0xad:
      sz = int_osz(d);
      dis_mnem(d, op < 0xa8 ? "shld" : "shrd", NULL);
      int_e(d, sz);
      int_g(d, sz);
      if (op & 1) dis_gpr(d, RCX, 1);
      else dis_imm(d, i->imm, 1);
      return true;
    case 0xaa: dis_mnem(d, "rsm", NULL); return true;
    case 0xa6: case 0xa7: {
      /* VIA PadLock, named by ModRM.reg; objdump prints the memory forms
       * as "name (bad)" over one opcode byte. */
      static const char *const a6[8] = {"montmul", "xsha1", "xsha256"};
      static const char *const a7[8] = {"xstore-rng", "xcrypt-ecb",
                                        "xcrypt-cbc", "xcrypt-ctr",
                                        "xcrypt-cfb", "xcrypt-ofb"};
      const char *nm = (op == 0xa6 ? a6 : a7)[r];
      if (!nm) return d->bad = true;
      if (int_isreg(d) && !(i->modrm & 7)) {
        dis_mnem(d, nm, NULL);
        return true;
      }
      dis_mnem(d, nm, NULL);
      dis_text(d, "(bad)");
      dis_first_byte_only(d);
      return true;
    }
    case 0xae:
      /* CET, PT and WAITPKG live in 0F AE with a mandatory prefix; the
       * vector-state and fence forms belong to disasm-sse.c. */
      if (rep == 0xf3 && int_isreg(d) && r == 5) {
        d->used_rep = true;
        sz = (i->rex & 8) ? 8 : 4;
        if (sz == 8) d->used_rexw = true;
        dis_mnem(d, sz == 8 ? "incsspq" : "incsspd", NULL);
        dis_gpr(d, i->rm, sz);
        return true;
      }
      if (rep == 0xf3 && r == 4) {
        d->used_rep = true;
        sz = (i->rex & 8) ? 8 : 4;
        if (sz == 8) d->used_rexw = true;
        int_name(d, "ptwrite", sz, !int_isreg(d));
        int_e(d, sz);
        return true;
      }
      if (rep == 0xf3 && r == 6 && !int_isreg(d)) {
        d->used_rep = true;
        dis_mnem(d, "clrssbsy", NULL);
        dis_mem(d, 8);
        return true;
      }
      if (r == 6 && int_isreg(d) && (rep || i->opsize_prefix)) {
        if (rep) d->used_rep = true;
        else d->used_66 = true;
        if (rep == 0xf3) {
          dis_mnem(d, "umonitor", NULL);
          dis_gpr(d, i->rm, i->asz);
          dis_use_prefix(d, 0x67);
        } else {
          dis_mnem(d, rep == 0xf2 ? "umwait" : "tpause", NULL);
          dis_gpr(d, i->rm, 4);
        }
        return true;
      }
      if (int_isreg(d) && rep == 0xf3 && r < 4 && lng) {
        static const char *const nm[4] = {"rdfsbase", "rdgsbase",
                                          "wrfsbase", "wrgsbase"};
        d->used_rep = true;
        sz = int_osz(d);
        dis_mnem(d, nm[r], NULL);
        dis_gpr(d, i->rm, sz);
        return true;
      }
      return false;
    case 0xaf:
      sz = int_osz(d);
      dis_mnem(d, "imul", NULL);
      int_g(d, sz);
      int_e(d, sz);
      return true;
    case 0xb0: case 0xb1: case 0xc0: case 0xc1:
      sz = op & 1 ? int_osz(d) : 1;
      dis_mnem(d, op < 0xc0 ? "cmpxchg" : "xadd", NULL);
      int_e(d, sz);
      int_g(d, sz);
      return true;
    case 0xb2: case 0xb4: case 0xb5:
      if (int_isreg(d)) return d->bad = true;
      sz = int_osz(d);
      /* 66 picks the 16:16 pointer even under REX.W; objdump counts it
       * as used only where it prints the size (Intel's DWORD PTR). */
      if (i->opsize_prefix && (!(i->rex & 8) || d->syntax == DIS_INTEL))
        d->used_66 = true;
      dis_mnem(d, op == 0xb2 ? "lss" : op == 0xb4 ? "lfs" : "lgs", NULL);
      int_g(d, sz);
      dis_mem(d, sz == 2 || (i->opsize_prefix && d->mode != MODE_REAL) ? 4 : 6);
      return true;
    case 0xb6: case 0xb7: case 0xbe: case 0xbf: {
      unsigned ssz = op & 1 ? 2 : 1;
      sz = int_osz(d);
      snprintf(t, sizeof(t), "mov%c%c%c", op < 0xb8 ? 'z' : 's', int_sfx(ssz),
               int_sfx(sz));
      dis_mnem(d, t, op < 0xb8 ? "movzx" : "movsx");
      int_g(d, sz);
      int_e(d, ssz);
      return true;
    }
    case 0xb8:
      if (rep == 0xf2) d->used_rep = true;
      if (rep != 0xf3 && i->opsize_prefix) d->used_66 = true;
      if (rep != 0xf3) return d->bad = true;
      d->used_rep = true;
      sz = int_osz(d);
      dis_mnem(d, "popcnt", NULL);
      int_g(d, sz);
      int_e(d, sz);
      return true;
    case 0xb9: case 0xff:
      sz = int_osz(d);
      dis_mnem(d, op == 0xb9 ? "ud1" : "ud0", NULL);
      int_g(d, sz);
      int_e(d, sz);
      return true;
    case 0xba: {
      static const char *const nm[8] = {NULL, NULL, NULL, NULL,
                                        "bt", "bts", "btr", "btc"};
      if (r < 4) return d->bad = true;
      sz = int_osz(d);
      int_name(d, nm[r], sz, !int_isreg(d));
      int_e(d, sz);
      dis_imm(d, i->imm, 1);
      return true;
    }
    case 0xbc: case 0xbd:
      if (rep == 0xf2) {
        d->used_rep = true;
        return d->bad = true;
      }
      sz = int_osz(d);
      /* objdump picks bsf/tzcnt by prefix and then counts 66 as used
       * (unless F3 did the picking). */
      if (i->opsize_prefix && rep != 0xf3) d->used_66 = true;
      if (rep == 0xf3) {
        d->used_rep = true;
        dis_mnem(d, op == 0xbc ? "tzcnt" : "lzcnt", NULL);
      } else {
        dis_mnem(d, op == 0xbc ? "bsf" : "bsr", NULL);
      }
      int_g(d, sz);
      int_e(d, sz);
      return true;
    case 0xc3:
      if (int_isreg(d) || i->opsize_prefix || rep) return false;
      sz = int_osz(d);
      dis_mnem(d, "movnti", NULL);
      dis_mem(d, sz);
      int_g(d, sz);
      return true;
    case 0xc7:
      if (int_isreg(d) && r == 1) {
        dis_mnem(d, (i->rex & 8) ? "cmpxchg16b" : "cmpxchg8b", NULL);
        if (i->rex & 8) d->used_rexw = true;
        dis_text(d, "(bad)");
        dis_first_byte_only(d);
        return true;
      }
      if (!int_isreg(d) && (r == 6 || r == 7)) {
        const char *nm = NULL;
        if (r == 7) nm = "vmptrst";
        else if (r == 6 && rep == 0xf3) nm = "vmxon", d->used_rep = true;
        else if (r == 6 && rep == 0) {
          if (i->opsize_prefix) nm = "vmclear", d->used_66 = true;
          else nm = "vmptrld";
        }
        if (!nm) return false;
        dis_mnem(d, nm, NULL);
        dis_mem(d, 8);
        return true;
      }
      if (!int_isreg(d)) {
        if (r == 1) {
          if (i->rex & 8) {
            d->used_rexw = true;
            dis_mnem(d, "cmpxchg16b", NULL);
            dis_mem(d, DIS_OWORD);
          } else {
            dis_mnem(d, "cmpxchg8b", NULL);
            dis_mem(d, 8);
          }
          return true;
        }
        if (r >= 3 && r <= 5) {
          static const char *const nm[3][2] = {{"xrstors", "xrstors64"},
                                               {"xsavec", "xsavec64"},
                                               {"xsaves", "xsaves64"}};
          if (i->rex & 8) d->used_rexw = true;
          dis_mnem(d, nm[r - 3][(i->rex & 8) ? 1 : 0], NULL);
          dis_mem(d, 0);
          return true;
        }
        return false;
      }
      if (rep == 0xf2) {
        if (lng && (r == 6 || r == 7)) d->used_rep = true;
        return d->bad = true;
      }
      if (r == 6 && rep == 0xf3 && lng) {
        d->used_rep = true;
        dis_mnem(d, "senduipi", NULL);
        dis_gpr(d, i->rm, 8);
        return true;
      }
      if (r == 6 || r == 7) {
        if (r == 7 && rep == 0xf3) {
          d->used_rep = true;
          dis_mnem(d, "rdpid", NULL);
          dis_gpr(d, i->rm, lng ? 8 : 4);
          return true;
        }
        sz = int_osz(d);
        dis_mnem(d, r == 6 ? "rdrand" : "rdseed", NULL);
        dis_gpr(d, i->rm, sz);
        return true;
      }
      return d->bad = true;
    case 0xc8 ... 0xcf:
      sz = int_osz(d);
      dis_mnem(d, "bswap", NULL);
      dis_gpr(d, i->rm, sz);
      return true;
    default:
      return false;
  }
}

/* HLE: F2/F3 on a lockable read-modify-write of memory (with LOCK, or
 * xchg which locks anyway) print as xacquire/xrelease, and F3 on a store
 * (mov to memory) as xrelease. */
static void int_hle(struct DisInsn *d) {
  const struct Insn *i = d->i;
  unsigned op = i->op, r = i->reg & 7;
  bool lockable = false, store = false;
  if (i->mod == 3) return;
  if (i->map == MAP_1BYTE) {
    if (op < 0x38 && (op & 7) < 2) lockable = true;
    else if (op >= 0x80 && op <= 0x83) lockable = r != 7;
    else if (op == 0x86 || op == 0x87) lockable = true;
    else if (op == 0xf6 || op == 0xf7) lockable = r == 2 || r == 3;
    else if (op == 0xfe || op == 0xff) lockable = r < 2;
    else if (op == 0x88 || op == 0x89 || op == 0xc6 || op == 0xc7)
      store = true;
  } else if (i->map == MAP_0F) {
    if (op == 0xab || op == 0xb3 || op == 0xbb || op == 0xb0 ||
        op == 0xb1 || op == 0xc0 || op == 0xc1)
      lockable = true;
    else if (op == 0xba) lockable = r >= 5;
    else if (op == 0xc7) lockable = r == 1;
  }
  unsigned rep = int_rep(d);
  if (lockable && (i->lock || (i->map == MAP_1BYTE && (op == 0x86 ||
                                                       op == 0x87)))) {
    dis_name_prefix(d, 0xf2, "xacquire");
    dis_name_prefix(d, 0xf3, "xrelease");
  } else if (store && rep == 0xf3) {
    dis_name_prefix(d, 0xf3, "xrelease");
  }
}

static bool int_0f3a(struct DisInsn *d) {
  unsigned rep = int_rep(d);
  if (d->i->op == 0xf0 && rep) {
    d->used_rep = true;
    return d->bad = true;
  }
  return false;
}

bool dis_int(struct DisInsn *d) {
  const struct Insn *i = d->i;
  bool ok;
  if (d->vex == 2 || d->vex == 3) return int_bmi(d);
  if (d->vex) return false;
  switch (i->map) {
    case MAP_1BYTE: ok = int_1byte(d); break;
    case MAP_0F: ok = int_0f(d); break;
    case MAP_0F38: ok = int_0f38(d); break;
    case MAP_0F3A: ok = int_0f3a(d); break;
    default: return false;
  }
  if (ok && !d->bad && int_rep(d)) int_hle(d);
  return ok;
}
