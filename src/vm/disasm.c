/* disasm.c: the disassembler's framework.
 *
 * Decodes with the VM's decoder, records the prefixes from the raw bytes,
 * lets the opcode modules (dis.h) describe the instruction, then prints
 * that description the way GNU objdump 2.40 does, in AT&T or Intel
 * syntax. Everything objdump says about prefixes lives here: a prefix the
 * instruction did not consume is printed as a word before the mnemonic
 * (data16, addr32, rex.WB, repz, cs, ...), as objdump does, so the rules
 * for "consumed" follow what objdump prints, measured with objdump -d on
 * assembled bytes.
 *
 * No allocation: the state is one struct on the caller's stack. */
#include "dis.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "decode.h"
#include "machine.h"

/* The per-call state; DisInsn comes first so the builders, which get a
 * DisInsn pointer, can reach the rest. */
struct DisCtx {
  struct DisInsn d;
  int npfx;
  int rexpos;        /* index of the REX byte in pfx[], or -1 */
  uint8_t rex_used;  /* REX bits (WRXB) some operand needed */
  bool byte_hi;      /* printed spl/bpl/sil/dil: a bare REX counts */
  bool keep_order;
  bool first_byte_only;
  int set_len;       /* dis_set_len, 0 for none */
  bool seg_used;     /* a memory operand consumed the segment prefix */
  bool asz_used;     /* a memory operand consumed 67 */
  int seg_shown;     /* the segment a memory operand should show, -1 */
  int modrm_pos;     /* offset of the ModRM byte in raw[], or -1 */
  bool areg64;       /* printing an addr64 operand */
  uint8_t regs[5];   /* numbers of the register operands >= 8 */
  int nregs;
  const uint8_t *raw;
  int n;
  /* Not zeroed: the prefix scan fills [0, npfx). */
  uint8_t pfx[15];
  uint8_t pused[15];
  const char *pname[15];
  struct Insn insn;  /* decode_insn fills it */
};

#define CTX(d) ((struct DisCtx *)(void *)(d))

static const char *const kReg64[16] = {
    "rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
    "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};
static const char *const kReg32[16] = {
    "eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
    "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
static const char *const kReg16[16] = {
    "ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
    "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
static const char *const kReg8[16] = {
    "al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
    "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};
static const char *const kReg8Legacy[8] = {"al", "cl", "dl", "bl",
                                           "ah", "ch", "dh", "bh"};
static const char *const kSeg[6] = {"es", "cs", "ss", "ds", "fs", "gs"};

/* Appending to a bounded buffer. */
struct Buf {
  char *p;
  size_t n, k;
};

static void b_putc(struct Buf *b, char c) {
  if (b->k + 1 < b->n) b->p[b->k] = c;
  b->k++;
}

static void b_puts(struct Buf *b, const char *s) {
  while (*s) b_putc(b, *s++);
}

static void b_hex(struct Buf *b, uint64_t x) {
  char t[20];
  int k = 0;
  b_puts(b, "0x");
  do {
    t[k++] = "0123456789abcdef"[x & 15];
    x >>= 4;
  } while (x);
  while (k) b_putc(b, t[--k]);
}

static void b_hexbare(struct Buf *b, uint64_t x) {
  char t[20];
  int k = 0;
  do {
    t[k++] = "0123456789abcdef"[x & 15];
    x >>= 4;
  } while (x);
  while (k) b_putc(b, t[--k]);
}

static void b_end(struct Buf *b) {
  if (!b->n) return;
  b->p[b->k < b->n ? b->k : b->n - 1] = 0;
}

/* strlcpy: the builders copy names without printf. */
static void dis_copy(char *dst, size_t n, const char *src) {
  size_t k = 0;
  while (k + 1 < n && src[k]) {
    dst[k] = src[k];
    k++;
  }
  dst[k] = 0;
}

static uint64_t trunc_to(uint64_t x, unsigned size) {
  return size && size < 8 ? x & ((1ull << (size * 8)) - 1) : x;
}

/* ------------------------------------------------------------ builders */

static struct DisOp *dis_newop(struct DisInsn *d, int kind) {
  struct DisOp *o;
  if (d->nops >= 5) return &d->op[4];
  o = &d->op[d->nops++];
  memset(o, 0, sizeof(*o));
  o->kind = (uint8_t)kind;
  return o;
}

/* The register number a name ends in ("r9d" 9, "xmm12" 12, "cr8" 8):
 * how a register operand tells which REX bit it took. */
static int dis_regnum(const char *s) {
  int n = -1;
  for (; *s; s++) {
    if (*s >= '0' && *s <= '9') {
      n = 0;
      while (*s >= '0' && *s <= '9') n = n * 10 + (*s++ - '0');
      return n;
    }
  }
  return n;
}

/* Opcodes whose ModRM.reg is part of the opcode, not a register: a
 * register operand that happens to have the same number didn't use
 * REX.R. */
static bool dis_reg_is_ext(const struct Insn *i) {
  unsigned op = i->op;
  if (i->vex) return false;
  if (i->map == MAP_1BYTE)
    return (op >= 0x80 && op <= 0x83) || op == 0x8f || op == 0xc0 ||
           op == 0xc1 || op == 0xc6 || op == 0xc7 ||
           (op >= 0xd0 && op <= 0xd3) || (op >= 0xd8 && op <= 0xdf) ||
           op == 0xf6 || op == 0xf7 || op == 0xfe || op == 0xff;
  if (i->map == MAP_0F)
    return op == 0x00 || op == 0x01 || op == 0x0d || op == 0x18 ||
           (op >= 0x71 && op <= 0x73) || (op >= 0x90 && op <= 0x9f) ||
           op == 0xae || op == 0xba || op == 0xc7;
  return false;
}

void dis_reg(struct DisInsn *d, const char *name) {
  struct DisCtx *c = CTX(d);
  struct DisOp *o = dis_newop(d, DO_REG);
  int n;
  dis_copy(o->text, sizeof(o->text), name);
  n = dis_regnum(name);
  if (n >= 8 && n < 16 && !strchr(name, '(') && c->nregs < 5)
    c->regs[c->nregs++] = (uint8_t)n;
}

/* Which of REX.R and REX.B the register operands took: a register whose
 * number matches ModRM.reg took R, one matching rm took B; one register
 * matching both counts for reg unless reg is an opcode extension or
 * another register already accounts for it. */
static void dis_rex_regs(struct DisCtx *c) {
  const struct Insn *i = &c->insn;
  bool ext = !i->has_modrm || dis_reg_is_ext(i);
  int both = 0;
  bool r = false, b = false;
  for (int k = 0; k < c->nregs; k++) {
    unsigned n = c->regs[k];
    bool mr = !ext && n == i->reg;
    bool mb = (!i->has_modrm || i->mod == 3) && n == i->rm;
    if (mr && mb) both++;
    else if (mr) r = true;
    else if (mb) b = true;
  }
  while (both--) {
    if (!ext && !r) r = true;
    else b = true;
  }
  if (r) c->rex_used |= 4;
  if (b) c->rex_used |= 1;
}

const char *dis_gpr_name(const struct DisInsn *d, unsigned r, unsigned size) {
  r &= 15;
  switch (size) {
    case 1:
      if (r < 8 && !d->i->rex) return kReg8Legacy[r];
      return kReg8[r];
    case 2: return kReg16[r];
    case 4: return kReg32[r];
    default: return kReg64[r];
  }
}

void dis_gpr(struct DisInsn *d, unsigned r, unsigned size) {
  if (size == 1 && r >= 4 && r < 8 && d->i->rex) CTX(d)->byte_hi = true;
  dis_reg(d, dis_gpr_name(d, r, size));
}

struct DisOp *dis_mem(struct DisInsn *d, unsigned size) {
  struct DisOp *o = dis_newop(d, DO_MEM);
  o->size = (uint8_t)size;
  o->disp = d->i->disp;
  return o;
}

struct DisOp *dis_mem_at(struct DisInsn *d, unsigned size, unsigned base,
                         unsigned seg) {
  struct DisOp *o = dis_newop(d, DO_MEM);
  o->size = (uint8_t)size;
  o->implicit = 1;
  o->ibase = (uint8_t)base;
  o->iseg = (uint8_t)seg;
  return o;
}

void dis_imm(struct DisInsn *d, uint64_t val, unsigned size) {
  struct DisOp *o = dis_newop(d, DO_IMM);
  o->val = val;
  o->size = (uint8_t)size;
}

void dis_rel(struct DisInsn *d, uint64_t target) {
  struct DisOp *o = dis_newop(d, DO_REL);
  o->val = target;
}

void dis_text(struct DisInsn *d, const char *text) {
  struct DisOp *o = dis_newop(d, DO_TEXT);
  dis_copy(o->text, sizeof(o->text), text);
}

void dis_mnem(struct DisInsn *d, const char *att, const char *intel) {
  dis_copy(d->mnem, sizeof(d->mnem), att);
  if (intel && strcmp(att, intel))
    dis_copy(d->imnem, sizeof(d->imnem), intel);
  else
    d->imnem[0] = 0;
}

void dis_first_byte_only(struct DisInsn *d) {
  CTX(d)->first_byte_only = true;
}

void dis_quiet_bad(struct DisInsn *d) {
  struct DisCtx *c = CTX(d);
  for (int k = 0; k < c->npfx; k++) c->pused[k] = 1;
  d->used_rexw = true;
  d->bad = true;
}

void dis_hide_prefixes(struct DisInsn *d) {
  dis_quiet_bad(d);
}

void dis_set_len(struct DisInsn *d, int len) {
  CTX(d)->set_len = len;
}

void dis_keep_order(struct DisInsn *d) {
  CTX(d)->keep_order = true;
}

static int dis_lastpfx(struct DisCtx *c, unsigned b) {
  for (int k = c->npfx - 1; k >= 0; k--)
    if (c->pfx[k] == b) return k;
  return -1;
}

void dis_use_prefix(struct DisInsn *d, unsigned b) {
  struct DisCtx *c = CTX(d);
  int k = dis_lastpfx(c, b);
  if (k >= 0) c->pused[k] = 1;
}

void dis_name_prefix(struct DisInsn *d, unsigned b, const char *name) {
  struct DisCtx *c = CTX(d);
  int k = dis_lastpfx(c, b);
  if (k >= 0) c->pname[k] = name;
}

/* ------------------------------------------------------------- printing */

/* A prefix byte as objdump prints it unused; 66/67 are named for the
 * size they would switch to. */
static const char *dis_prefix_name(unsigned b, int mode) {
  switch (b) {
    case 0x26: return "es";
    case 0x2e: return "cs";
    case 0x36: return "ss";
    case 0x3e: return "ds";
    case 0x64: return "fs";
    case 0x65: return "gs";
    case 0x66: return mode == MODE_REAL ? "data32" : "data16";
    case 0x67: return mode == MODE_PROT32 ? "addr16" : "addr32";
    case 0xf0: return "lock";
    case 0xf2: return "repnz";
    case 0xf3: return "repz";
    default: return "?";
  }
}

/* The active segment override as the operand shows it: in long mode only
 * FS and GS apply (the last of them); elsewhere the last override. */
static int dis_active_seg(const struct DisCtx *c) {
  int seg = -1;
  for (int k = 0; k < c->npfx; k++) {
    unsigned b = c->pfx[k];
    int s = b == 0x26 ? 0 : b == 0x2e ? 1 : b == 0x36 ? 2 : b == 0x3e ? 3
          : b == 0x64 ? 4 : b == 0x65 ? 5 : -1;
    if (s < 0) continue;
    if (c->d.mode == MODE_LONG && s < 4) continue;
    seg = s;
  }
  return seg;
}

static bool dis_any_seg(const struct DisCtx *c) {
  for (int k = 0; k < c->npfx; k++) {
    unsigned b = c->pfx[k];
    if (b == 0x26 || b == 0x2e || b == 0x36 || b == 0x3e || b == 0x64 ||
        b == 0x65)
      return true;
  }
  return false;
}

static void dis_mark_seg(struct DisCtx *c) {
  for (int k = c->npfx - 1; k >= 0; k--) {
    unsigned b = c->pfx[k];
    if (b == 0x26 || b == 0x2e || b == 0x36 || b == 0x3e || b == 0x64 ||
        b == 0x65) {
      c->pused[k] = 1;
      return;
    }
  }
}

static const char *dis_areg(const struct DisCtx *c, unsigned r) {
  unsigned asz = c->areg64 ? 8 : c->insn.asz;
  return asz == 8 ? kReg64[r & 15] : asz == 4 ? kReg32[r & 15]
                                              : kReg16[r & 15];
}

static const char *dis_size_name(unsigned size) {
  switch (size) {
    case 1: return "BYTE PTR ";
    case 2: return "WORD PTR ";
    case 4: return "DWORD PTR ";
    case 6: return "FWORD PTR ";
    case 8: return "QWORD PTR ";
    case 10: return "TBYTE PTR ";
    case 16: return "XMMWORD PTR ";
    case 32: return "YMMWORD PTR ";
    case 64: return "ZMMWORD PTR ";
    case DIS_OWORD: return "OWORD PTR ";
    default: return "";
  }
}

static void dis_target(struct Buf *b, const struct DisOptions *o,
                       uint64_t addr) {
  uint64_t off = 0;
  const char *s = o->sym ? o->sym(o->sym_ctx, addr, &off) : NULL;
  if (!s) {
    b_hex(b, addr);
    return;
  }
  b_hexbare(b, addr);
  b_puts(b, " <");
  b_puts(b, s);
  /* Negative only when the symbol lies above the address (objdump's
   * <_init-0x401000>); a wrapped address far above is +0xffff.... */
  if (addr - off > addr) {
    b_putc(b, '-');
    b_hex(b, -off);
  } else if (off) {
    b_putc(b, '+');
    b_hex(b, off);
  }
  b_putc(b, '>');
}

static void dis_signed(struct Buf *b, int64_t v) {
  if (v < 0) {
    b_putc(b, '-');
    b_hex(b, -(uint64_t)v);
  } else {
    b_hex(b, (uint64_t)v);
  }
}

/* One memory operand. *rip gets the RIP-relative target when there is
 * one (for objdump's "# target" comment). */
static void dis_print_mem(struct DisCtx *c, struct Buf *b,
                          const struct DisOp *op, bool intel, bool *has_rip,
                          uint64_t *rip) {
  const struct Insn *i = &c->insn;
  int seg = -1;
  bool disp_enc, sib;
  unsigned base, index, scale;
  int64_t disp;
  bool abs_only;

  if (op->implicit) {
    /* String operands always show their segment. */
    if (op->iseg == 0xff) {
      seg = c->seg_shown >= 0 ? c->seg_shown : SEG_DS;
      if (dis_any_seg(c)) dis_mark_seg(c);
    } else {
      seg = op->iseg;
    }
    c->asz_used = true;
    if (intel) {
      b_puts(b, dis_size_name(op->size));
      b_puts(b, kSeg[seg]);
      b_puts(b, ":[");
      b_puts(b, dis_areg(c, op->ibase));
      b_putc(b, ']');
    } else {
      b_putc(b, '%');
      b_puts(b, kSeg[seg]);
      b_puts(b, ":(");
      b_putc(b, '%');
      b_puts(b, dis_areg(c, op->ibase));
      b_putc(b, ')');
    }
    return;
  }

  if (op->addr64) c->areg64 = true;
  /* objdump still prints addr32 for a 16-bit mode's 32-bit absolute
   * address (67 with mod 0, rm 5). */
  else if (!(c->d.mode == MODE_REAL && i->asz == 4 && i->base == REG_NONE &&
             i->index == REG_NONE))
    c->asz_used = true;
  if (c->seg_shown >= 0) {
    seg = c->seg_shown;
    c->seg_used = true;
  }
  base = i->base;
  index = i->index;
  scale = i->scale;
  disp = op->disp;
  sib = i->asz != 2 && (i->modrm & 7) == 4;
  /* The decoder drops the scale of "no index"; objdump shows it. */
  if (sib && c->modrm_pos >= 0 && c->modrm_pos + 1 < c->n)
    scale = c->raw[c->modrm_pos + 1] >> 6;
  /* objdump counts REX.B as used by any ModRM memory operand, and REX.X
   * by any SIB. */
  if (i->asz != 2) {
    c->rex_used |= 1;
    if (sib) c->rex_used |= 2;
  }
  disp_enc = i->mod == 1 || i->mod == 2 || base == REG_NONE ||
             base == BASE_RIP;
  /* objdump shows the SIB's "no index" as riz/eiz unless the SIB only
   * said "base rsp/r12" (or, with 64-bit addresses, "no base"). */
  bool riz = sib && index == REG_NONE && !op->vsib &&
             !(scale == 0 && ((base != REG_NONE && (base & 7) == RSP) ||
                              (base == REG_NONE && i->asz == 8)));
  abs_only = base == REG_NONE && index == REG_NONE && !riz && !op->vsib;

  if (base == BASE_RIP) {
    *has_rip = true;
    *rip = c->d.addr + i->len + (uint64_t)disp;
  }

  if (intel) {
    if (op->bcst) {
      b_puts(b, dis_size_name(op->size));
      /* "DWORD PTR" -> "DWORD BCST" */
      b->k -= 4;
      b_puts(b, "BCST ");
    } else {
      b_puts(b, dis_size_name(op->size));
    }
    if (seg >= 0) {
      b_puts(b, kSeg[seg]);
      b_putc(b, ':');
    } else if (abs_only) {
      b_puts(b, "ds:");
    }
    if (abs_only && i->asz == 2) {
      b_hex(b, (uint16_t)disp); /* Intel: ds:0x8be8 (AT&T signs it) */
      return;
    }
    if (abs_only) {
      b_hex(b, trunc_to((uint64_t)disp, i->asz));
      return;
    }
    b_putc(b, '[');
    bool any = false;
    if (base == BASE_RIP) {
      b_puts(b, i->asz == 4 ? "eip" : "rip");
      any = true;
    } else if (base != REG_NONE) {
      b_puts(b, dis_areg(c, base));
      any = true;
    }
    if (index != REG_NONE || riz || op->vsib) {
      if (any) b_putc(b, '+');
      if (op->vsib) {
        char t[8];
        snprintf(t, sizeof(t), "%cmm%d",
                 op->vsib == 64 ? 'z' : op->vsib == 32 ? 'y' : 'x',
                 op->vsib_reg);
        b_puts(b, t);
      } else if (riz) {
        b_puts(b, i->asz == 4 ? "eiz" : "riz");
      } else {
        b_puts(b, dis_areg(c, index));
      }
      if (i->asz != 2) {  /* 16-bit forms have no scale: [bx+si] */
        b_putc(b, '*');
        b_putc(b, (char)('0' + (1 << scale)));
      }
      any = true;
    }
    if (disp_enc) {
      if (base == BASE_RIP) {
        b_putc(b, '+');
        b_hex(b, (uint64_t)disp);
      } else if (base == REG_NONE && index == REG_NONE && i->asz == 4 &&
                 c->d.mode == MODE_LONG && !op->vsib) {
        if (any) b_putc(b, '+');
        b_hex(b, trunc_to((uint64_t)disp, i->asz));
      } else if (disp < 0) {
        b_putc(b, '-');
        b_hex(b, -(uint64_t)disp);
      } else {
        if (any) b_putc(b, '+');
        b_hex(b, (uint64_t)disp);
      }
    }
    b_putc(b, ']');
    if (op->bcst && op->bcst_show) {
      char t[12];
      snprintf(t, sizeof(t), "{1to%d}", op->bcst);
      b_puts(b, t);
    }
    return;
  }

  if (seg >= 0) {
    b_putc(b, '%');
    b_puts(b, kSeg[seg]);
    b_putc(b, ':');
  }
  if (abs_only && i->asz == 2) {
    dis_signed(b, disp);  /* objdump: %ss:-0x3d6e */
  } else if (abs_only) {
    b_hex(b, trunc_to((uint64_t)disp, i->asz));
  } else {
    if (disp_enc) {
      /* (,%eiz,1) under 67 in 64-bit code: unsigned; in 32-bit code
       * objdump signs it like any displacement. */
      if (base == REG_NONE && index == REG_NONE && i->asz == 4 &&
          c->d.mode == MODE_LONG && !op->vsib)
        b_hex(b, trunc_to((uint64_t)disp, i->asz));
      else
        dis_signed(b, disp);
    }
    b_putc(b, '(');
    if (base == BASE_RIP) {
      b_puts(b, i->asz == 4 ? "%eip" : "%rip");
    } else if (base != REG_NONE) {
      b_putc(b, '%');
      b_puts(b, dis_areg(c, base));
    }
    if (index != REG_NONE || riz || op->vsib) {
      b_puts(b, ",%");
      if (op->vsib) {
        char t[8];
        snprintf(t, sizeof(t), "%cmm%d",
                 op->vsib == 64 ? 'z' : op->vsib == 32 ? 'y' : 'x',
                 op->vsib_reg);
        b_puts(b, t);
      } else if (riz) {
        b_puts(b, i->asz == 4 ? "eiz" : "riz");
      } else {
        b_puts(b, dis_areg(c, index));
      }
      if (i->asz != 2) {  /* (%bx,%si) */
        b_putc(b, ',');
        b_putc(b, (char)('0' + (1 << scale)));
      }
    }
    b_putc(b, ')');
  }
  if (op->bcst) {
    char t[12];
    snprintf(t, sizeof(t), "{1to%d}", op->bcst);
    b_puts(b, t);
  }
}

static void dis_print_op(struct DisCtx *c, struct Buf *b,
                         const struct DisOp *op, const struct DisOptions *o,
                         bool *has_rip, uint64_t *rip) {
  bool intel = o->syntax == DIS_INTEL;
  if (!intel && op->indirect) b_putc(b, '*');
  switch (op->kind) {
    case DO_REG:
      if (!intel) b_putc(b, '%');
      b_puts(b, op->text);
      break;
    case DO_MEM:
      dis_print_mem(c, b, op, intel, has_rip, rip);
      c->areg64 = false;
      break;
    case DO_IMM:
      if (!intel) b_putc(b, '$');
      b_hex(b, trunc_to(op->val, op->size));
      break;
    case DO_REL:
      dis_target(b, o, op->val);
      break;
    case DO_ABS: {
      int seg = c->seg_shown;
      if (seg >= 0) c->seg_used = true;
      if (intel) {
        b_puts(b, kSeg[seg >= 0 ? seg : SEG_DS]);
        b_putc(b, ':');
      } else if (seg >= 0) {
        b_putc(b, '%');
        b_puts(b, kSeg[seg]);
        b_putc(b, ':');
      }
      b_hex(b, op->val);
      break;
    }
    case DO_FAR:
      if (intel) {
        b_hex(b, op->sel);
        b_putc(b, ':');
        b_hex(b, op->val);
      } else {
        b_putc(b, '$');
        b_hex(b, op->sel);
        b_puts(b, ",$");
        b_hex(b, op->val);
      }
      break;
    case DO_TEXT:
      b_puts(b, op->text);
      break;
    default:
      break;
  }
  if (op->mask) {
    b_puts(b, intel ? "{k" : "{%k");
    b_putc(b, (char)('0' + op->mask));
    b_putc(b, '}');
  }
  if (op->zero) b_puts(b, "{z}");
}

/* The raw prefix bytes before the opcode (or VEX/EVEX), as the decoder
 * takes them: legacy prefixes in any order, then at most one REX that
 * counts only when the opcode (or VEX escape) follows it. */
static void dis_scan_prefixes(struct DisCtx *c, const uint8_t *p, size_t n) {
  size_t k;
  size_t lim = n < 15 ? n : 15;
  c->npfx = 0;
  c->rexpos = -1;
  for (k = 0; k < lim; k++) {
    unsigned b = p[k];
    bool rex = c->d.mode == MODE_LONG && (b & 0xf0) == 0x40;
    if (!(b == 0x26 || b == 0x2e || b == 0x36 || b == 0x3e || b == 0x64 ||
          b == 0x65 || b == 0x66 || b == 0x67 || b == 0xf0 || b == 0xf2 ||
          b == 0xf3 || rex))
      break;
    c->pfx[c->npfx] = (uint8_t)b;
    c->pused[c->npfx] = 0;
    c->pname[c->npfx] = NULL;
    c->npfx++;
  }
  /* Only a REX right before the opcode is a REX; earlier ones are
   * ignored, and objdump prints them as rex words like any other unused
   * prefix. */
  if (c->npfx && c->d.mode == MODE_LONG && (c->pfx[c->npfx - 1] & 0xf0) == 0x40)
    c->rexpos = c->npfx - 1;
  c->d.opc = c->npfx;
}

static void dis_rex_name(char *t, unsigned rex) {
  strcpy(t, "rex");
  if (rex & 15) {
    strcat(t, ".");
    if (rex & 8) strcat(t, "W");
    if (rex & 4) strcat(t, "R");
    if (rex & 2) strcat(t, "X");
    if (rex & 1) strcat(t, "B");
  }
}

/* VEX/EVEX payload into DisInsn. */
static void dis_scan_vex(struct DisCtx *c, const uint8_t *p, size_t n) {
  struct DisInsn *d = &c->d;
  size_t k = (size_t)d->opc;
  unsigned op, b1, b2, b3;
  if (k + 1 >= n) return;
  op = p[k];
  b1 = p[k + 1];
  if (op != 0xc4 && op != 0xc5 && op != 0x62) return;
  if (d->mode != MODE_LONG && (b1 & 0xc0) != 0xc0) return;
  if (op == 0xc5) {
    if (k + 2 >= n) return;
    d->vex = 2;
    d->vex_map = 1;
    d->vex_pp = b1 & 3;
    d->vex_l = b1 >> 2 & 1;
    d->vex_v = ~b1 >> 3 & 15;
    d->vex_w = 0;
    d->opc = (int)k + 2;
    d->evex_rm = (uint8_t)(c->insn.rm);
  } else if (op == 0xc4) {
    if (k + 3 >= n) return;
    b2 = p[k + 2];
    d->vex = 3;
    d->vex_map = b1 & 31;
    d->vex_pp = b2 & 3;
    d->vex_l = b2 >> 2 & 1;
    d->vex_v = ~b2 >> 3 & 15;
    d->vex_w = b2 >> 7;
    d->opc = (int)k + 3;
    d->evex_rm = (uint8_t)(c->insn.rm);
  } else {
    unsigned m;
    if (k + 4 >= n) return;
    b2 = p[k + 2];
    b3 = p[k + 3];
    d->vex = 4;
    d->vex_map = b1 & 7;
    d->vex_pp = b2 & 3;
    d->vex_w = b2 >> 7;
    d->vex_l = b3 >> 5 & 3;
    d->vex_v = (uint8_t)((~b2 >> 3 & 15) | (~b3 >> 3 & 1) << 4);
    d->evex_aaa = b3 & 7;
    d->evex_z = b3 >> 7;
    d->evex_b = b3 >> 4 & 1;
    d->opc = (int)k + 4;
    if (k + 5 < n) {
      m = p[k + 5];
      d->evex_r = (uint8_t)((m >> 3 & 7) | (~b1 >> 7 & 1) << 3 |
                            (~b1 >> 4 & 1) << 4);
      d->evex_rm = (uint8_t)((m & 7) | (~b1 >> 5 & 1) << 3 |
                             (~b1 >> 6 & 1) << 4);
    }
  }
}

/* objdump's length for an opcode it doesn't know: prefixes and opcode
 * bytes, without ModRM and the rest. */
static int dis_bad_len(const struct DisCtx *c) {
  const struct Insn *i = &c->insn;
  int k = c->d.opc;
  if (c->d.vex) return k + 1;
  if (i->map == MAP_1BYTE) return k + 1;
  if (i->map == MAP_0F) return k + 2;
  return k + 3;
}

/* objdump takes FWAIT for a prefix. Followed by one of the no-wait x87
 * control instructions it is the waiting form (9B DD /7 fstsw, 9B DB E3
 * finit, ...), printed as one instruction without the "n" (the prefixes
 * before the 9B count for it); otherwise the prefixes before it and the
 * FWAIT make one "instruction", or, at the end of the bytes, the
 * prefixes alone do. */
static int dis_fwait(char *buf, size_t size, const uint8_t *p, size_t n,
                     int npfx, uint64_t addr, const struct DisOptions *o) {
  static const char *const nw[] = {"fnstcw", "fnstsw", "fnclex", "fninit",
                                   "fnstenv", "fnsave", "fnstenvs",
                                   "fnsaves", "fnstenvw", "fnsavew"};
  char t[256];
  uint8_t q[16];
  struct Buf b = {buf, size, 0};
  int len, waits = 0;
  size_t lim = n < 15 ? n : 15;
  while ((size_t)(npfx + waits) < lim && p[npfx + waits] == 0x9b) waits++;
  /* objdump's own off-by-one: prefixes after the FWAIT that end in a REX
   * followed by yet another prefix print as those prefixes' names, over
   * as many bytes as come before the REX (9b 3e 42 66: "ds rex.X", two
   * bytes). */
  if (o->mode == MODE_LONG) {
    for (size_t k = (size_t)(npfx + waits); k + 1 < lim; k++) {
      unsigned x = p[k], y = p[k + 1];
      bool xp = x == 0x26 || x == 0x2e || x == 0x36 || x == 0x3e ||
                x == 0x64 || x == 0x65 || x == 0x66 || x == 0x67 ||
                x == 0xf0 || x == 0xf2 || x == 0xf3;
      bool yp = y == 0x26 || y == 0x2e || y == 0x36 || y == 0x3e ||
                y == 0x64 || y == 0x65 || y == 0x66 || y == 0x67 ||
                y == 0xf0 || y == 0xf2 || y == 0xf3 || y == 0x9b ||
                (y & 0xf0) == 0x40;
      if ((x & 0xf0) == 0x40 && yp) {
        char rn[12];
        for (size_t j = (size_t)(npfx + waits); j <= k; j++) {
          if (j > (size_t)(npfx + waits)) b_putc(&b, ' ');
          if ((p[j] & 0xf0) == 0x40) {
            dis_rex_name(rn, p[j]);
            b_puts(&b, rn);
          } else {
            b_puts(&b, dis_prefix_name(p[j], o->mode));
          }
        }
        b_end(&b);
        return (int)k;
      }
      if (!xp) break;
    }
  }
  if ((size_t)(npfx + waits) < lim) {
    struct Insn i;
    size_t m = lim - (size_t)waits;
    memcpy(q, p, (size_t)npfx);
    memcpy(q + npfx, p + npfx + waits, m - (size_t)npfx);
    /* Any x87 instruction takes the waits in, unless prefixes come
     * before the FWAIT and a REX after it (objdump then prints them and
     * the FWAIT alone: 3e 9b 43 dc ...). */
    if (decode_insn(&i, q, m, o->mode) != DECODE_SHORT && i.map == MAP_1BYTE &&
        i.op >= 0xd8 && i.op <= 0xdf && !i.vex &&
        !(o->mode == MODE_LONG && i.rex && npfx)) {
      len = dis_insn(t, sizeof(t), q, m, addr + (uint64_t)waits, o);
      for (char *w = t; *w; w++) {
        size_t k = strcspn(w, " ");
        if (w != t && w[-1] != ' ') continue;
        for (size_t j = 0; j < sizeof(nw) / sizeof(nw[0]); j++) {
          if (strlen(nw[j]) == k && !strncmp(w, nw[j], k)) {
            memmove(w + 1, w + 2, strlen(w + 2) + 1); /* drop the n */
            w = t + strlen(t) - 1;
            break;
          }
        }
      }
      b_puts(&b, t);
      b_end(&b);
      return len + waits;
    }
  }
  for (int j = 0; j < npfx; j++) {
    if (j) b_putc(&b, ' ');
    b_puts(&b, dis_prefix_name(p[j], o->mode));
  }
  if ((size_t)npfx + 1 < n || !npfx) {
    if (npfx) b_putc(&b, ' ');
    b_puts(&b, "fwait");
    b_end(&b);
    return npfx + 1;
  }
  b_end(&b);
  return npfx;
}

int dis_insn(char *buf, size_t size, const uint8_t *p, size_t n,
             uint64_t addr, const struct DisOptions *o) {
  struct DisCtx c;
  struct DisInsn *d = &c.d;
  struct Buf b = {buf, size, 0};
  int rc, len;
  bool intel = o->syntax == DIS_INTEL;
  bool rip_comment = false;
  uint64_t rip = 0;
  char rexname[12];

  /* Zero what the modules and printing read; the operand slots are
   * cleared as they are taken. */
  memset(d, 0, offsetof(struct DisInsn, mnem));
  d->mnem[0] = d->imnem[0] = 0;
  d->nops = 0;
  d->used_66 = d->used_rep = d->used_rexw = d->used_lock = d->bad = false;
  memset(&c.npfx, 0, offsetof(struct DisCtx, pfx) - offsetof(struct DisCtx, npfx));
  c.seg_shown = -1;
  d->i = &c.insn;
  d->p = p;
  d->addr = addr;
  d->mode = o->mode;
  d->syntax = o->syntax;
  if (!n) {
    b_puts(&b, "(bad)");
    b_end(&b);
    return 0;
  }
  rc = decode_insn(&c.insn, p, n, o->mode);
  if (rc == DECODE_SHORT) {
    /* XOP (8F, map 8-10): objdump knows no opcode of it and stops after
     * the opcode byte, whatever the ModRM and immediate would need. */
    size_t k = 0;
    while (k < n && k < 14 &&
           (p[k] == 0x26 || p[k] == 0x2e || p[k] == 0x36 || p[k] == 0x3e ||
            p[k] == 0x64 || p[k] == 0x65 || p[k] == 0x66 || p[k] == 0x67 ||
            p[k] == 0xf0 || p[k] == 0xf2 || p[k] == 0xf3 ||
            (o->mode == MODE_LONG && (p[k] & 0xf0) == 0x40)))
      k++;
    if (k + 3 < n && p[k] == 0x8f && (p[k + 1] & 31) >= 8 &&
        (p[k + 1] & 31) <= 10) {
      b_puts(&b, "(bad)");
      b_end(&b);
      return (int)k + 4;
    }
    /* The bytes end inside the instruction: objdump shows the first one
     * as data and goes on from the next. */
    b_puts(&b, ".byte ");
    b_hex(&b, p[0]);
    b_end(&b);
    return 1;
  }
  if (rc == DECODE_TOOLONG) {
    b_puts(&b, "(bad)");
    b_end(&b);
    return 1;
  }
  len = c.insn.len;
  dis_scan_prefixes(&c, p, n);
  /* A REX followed by another prefix is not part of the instruction:
   * objdump ends the "instruction" there and prints the prefixes seen so
   * far as words. */
  for (int k = 0; k < c.npfx; k++) {
    if (k + 1 == c.npfx && !(k + 1 < (int)n && p[k + 1] == 0x9b)) break;
    if (o->mode == MODE_LONG && (c.pfx[k] & 0xf0) == 0x40) {
      for (int j = 0; j <= k; j++) {
        if (j) b_putc(&b, ' ');
        if ((c.pfx[j] & 0xf0) == 0x40) {
          dis_rex_name(rexname, c.pfx[j]);
          b_puts(&b, rexname);
        } else {
          b_puts(&b, dis_prefix_name(c.pfx[j], o->mode));
        }
      }
      b_end(&b);
      return k + 1;
    }
  }
  if (c.npfx < (int)n && p[c.npfx] == 0x9b)
    return dis_fwait(buf, size, p, n, c.npfx, addr, o);
  dis_scan_vex(&c, p, n);
  c.seg_shown = dis_active_seg(&c);
  c.raw = p;
  c.n = n < 15 ? (int)n : 15;
  c.modrm_pos = -1;
  if (c.insn.has_modrm) {
    if (d->vex) c.modrm_pos = d->opc + 1;
    else
      c.modrm_pos = d->opc + (c.insn.map == MAP_1BYTE ? 1
                              : c.insn.map == MAP_0F  ? 2
                                                      : 3);
  }

  bool ok = false;
  if (!d->vex && c.insn.map == MAP_1BYTE && c.insn.op >= 0xd8 &&
      c.insn.op <= 0xdf)
    ok = dis_x87(d);
  if (!ok && d->vex) ok = dis_avx(d);
  if (!ok && !d->vex) ok = dis_sse(d);
  if (!ok) ok = dis_int(d);
  /* AMD XOP (8F with map >= 8): objdump knows none of it. */
  if (!d->vex && p[d->opc] == 0x8f && c.insn.map != MAP_1BYTE) {
    d->vex = 1;
    ok = false;
  }
  if (!ok || d->bad) {
    /* objdump prints the unused prefixes, then "(bad)", over the opcode
     * bytes of an undefined encoding. One we just can't name (a valid
     * encoding of a module not linked in) keeps its decoded length. */
    len = dis_bad_len(&c);
    if (!d->vex && c.insn.map == MAP_0F && c.insn.op == 0x0f)
      len = d->opc + 1; /* 3DNow! with an unknown suffix: just the 0F */
    /* A VEX/EVEX map objdump doesn't know ends the "instruction" at the
     * escape byte. */
    bool quiet = false; /* objdump prints no prefix words */
    if (d->vex == 2 || d->vex == 3) {
      if (d->vex_map < 1 || d->vex_map > 3) len = c.npfx + 1;
      else quiet = !ok; /* a module's own d->bad shows the prefixes */
    }
    if (d->vex == 1 && c.npfx + 3 < (int)n) {
      /* XOP: maps 8-10 are sized like VEX (and print quietly). */
      unsigned map = p[c.npfx + 1] & 31;
      if (map >= 8 && map <= 10) {
        len = c.npfx + 4;
        quiet = true;
      } else {
        len = c.npfx + 1;
      }
    }
    if (d->vex == 4) {
      /* EVEX: objdump stops at the first payload byte that breaks a
       * fixed bit (P0 bit 3 must be 0, P1 bit 2 must be 1). */
      if ((p[c.npfx + 1] & 0x08) || d->vex_map < 1 || d->vex_map == 4 ||
          d->vex_map > 6)
        len = c.npfx + 1;
      else if (!(p[c.npfx + 2] & 0x04))
        len = c.npfx + 2;
    }
    if (c.set_len > 0) len = c.set_len; /* the module knows best */
    if (len > (int)n) len = (int)n;
    /* The prefixes the opcode didn't consume (select its table with). */
    int last66 = dis_lastpfx(&c, 0x66), lastrep = -1;
    for (int k = 0; k < c.npfx; k++)
      if (c.pfx[k] == 0xf2 || c.pfx[k] == 0xf3) lastrep = k;
    for (int k = 0; k < c.npfx && k < len && !quiet; k++) {
      if ((k == last66 && d->used_66) || (k == lastrep && d->used_rep) ||
          (k == c.rexpos && d->used_rexw) || c.pused[k])
        continue;
      if (k == c.rexpos) {
        dis_rex_name(rexname, c.pfx[k]);
        b_puts(&b, rexname);
      } else {
        b_puts(&b, dis_prefix_name(c.pfx[k], o->mode));
      }
      b_putc(&b, ' ');
    }
    b_puts(&b, "(bad)");
    b_end(&b);
    return len;
  }

  /* A segment prefix named notrack is no segment override. */
  for (int k = c.npfx - 1; k >= 0; k--) {
    unsigned b = c.pfx[k];
    if (b == 0x26 || b == 0x2e || b == 0x36 || b == 0x3e || b == 0x64 ||
        b == 0x65) {
      if (c.pname[k] && !strcmp(c.pname[k], "notrack")) c.seg_shown = -1;
      break;
    }
  }

  /* Print the operands into a side buffer first: printing them decides
   * which prefixes the operands consumed. */
  char obuf[2048]; /* branch targets carry symbol names */
  struct Buf ob = {obuf, sizeof(obuf), 0};
  for (int k = 0; k < d->nops; k++) {
    int idx = intel || c.keep_order ? k : d->nops - 1 - k;
    if (k) b_putc(&ob, ',');
    dis_print_op(&c, &ob, &d->op[idx], o, &rip_comment, &rip);
  }
  b_end(&ob);
  if (c.seg_used) dis_mark_seg(&c);
  dis_rex_regs(&c);

  /* Which prefixes the instruction consumed. */
  int last66 = dis_lastpfx(&c, 0x66), last67 = dis_lastpfx(&c, 0x67);
  int lastrep = -1, lastlock = dis_lastpfx(&c, 0xf0);
  for (int k = 0; k < c.npfx; k++)
    if (c.pfx[k] == 0xf2 || c.pfx[k] == 0xf3) lastrep = k;
  if (last66 >= 0 && d->used_66) c.pused[last66] = 1;
  if (last67 >= 0 && c.asz_used) c.pused[last67] = 1;
  if (lastrep >= 0 && d->used_rep) c.pused[lastrep] = 1;
  if (lastlock >= 0 && d->used_lock) c.pused[lastlock] = 1;
  if (c.rexpos >= 0) {
    unsigned rex = c.pfx[c.rexpos];
    if (d->used_rexw) c.rex_used |= 8;
    if ((rex & 15) & ~c.rex_used) {
      c.pused[c.rexpos] = 0;
    } else if ((rex & 15) == 0 && !c.byte_hi) {
      c.pused[c.rexpos] = 0;
    } else {
      c.pused[c.rexpos] = 1;
    }
  }

  for (int k = 0; k < c.npfx; k++) {
    if (c.pused[k]) continue;
    if (c.pname[k]) {
      b_puts(&b, c.pname[k]);
    } else if ((c.pfx[k] & 0xf0) == 0x40 && d->mode == MODE_LONG) {
      dis_rex_name(rexname, c.pfx[k]);
      b_puts(&b, rexname);
    } else {
      b_puts(&b, dis_prefix_name(c.pfx[k], o->mode));
    }
    b_putc(&b, ' ');
  }
  b_puts(&b, intel && d->imnem[0] ? d->imnem : d->mnem);
  if (d->nops) {
    while (b.k < 6) b_putc(&b, ' ');
    b_putc(&b, ' ');
    b_puts(&b, obuf);
  }
  if (rip_comment) {
    b_puts(&b, "        # ");
    dis_target(&b, o, rip);
  }
  b_end(&b);
  if (c.first_byte_only) len = d->opc + 1;
  if (c.set_len > 0 && c.set_len <= (int)n) len = c.set_len;
  return len;
}
