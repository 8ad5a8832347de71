/* disasm-sse.c: legacy-encoded vector opcodes for the disassembler: MMX,
 * SSE through SSE4.2, AES-NI, PCLMULQDQ, SHA, GFNI, and the vector-state
 * instructions of 0F AE / 0F C7 (fxsave, ldmxcsr, xsave*, fences,
 * clflush, clwb).
 *
 * Most opcodes are rows of the table in disasm-vec.c, which this module
 * shares with the VEX/EVEX one; the few left here have operands the
 * table's letters don't describe. Names and operand sizes follow what
 * objdump 2.40 prints, measured on assembled bytes. */
#include <stdio.h>
#include <string.h>

#include "dis.h"
#include "disasm-vec.h"
#include "machine.h"

/* The mandatory prefix objdump takes: the last of F2/F3 when there is
 * one, else 66. */
static int sse_pfx(const struct Insn *i) {
  if (i->rep == REP_F3) return 2;
  if (i->rep == REP_F2) return 3;
  return i->opsize_prefix ? 1 : 0;
}

/* 0F AE: the state save/restore, MXCSR, fence and cache-line forms. The
 * fsgsbase (F3, register) and other system forms are the integer
 * module's. */
static bool sse_grp15(struct DisInsn *d) {
  const struct Insn *i = d->i;
  unsigned r = i->reg & 7, w = (i->rex >> 3) & 1;
  int pfx = sse_pfx(i);
  static const char *const kMem[8] = {"fxsave",   "fxrstor", "ldmxcsr",
                                      "stmxcsr",  "xsave",   "xrstor",
                                      "xsaveopt", "clflush"};
  /* objdump ignores F2 on all of these and F3 on the forms F3 doesn't
   * turn into something else (rdfsbase.., ptwrite, clrssbsy), and shows
   * the prefix as a word. */
  if (i->mod == 3) {
    /* with 66: sfence keeps it as a word, tpause (/6) is the integer
     * module's, the rest is "(bad)" without the 66 */
    if (pfx == 1 && r != 6 && r != 7) {
      d->bad = true;
      d->used_66 = true;
      return true;
    }
    if (pfx == 1 && r == 7 && !(i->rm & 7)) {
      dis_mnem(d, "sfence", NULL);
      return true;
    }
    if ((pfx != 0 && pfx != 3) || r < 5) return false;
    if (pfx == 3 && (i->rm & 7)) {
      dis_hide_prefixes(d); /* with F2 even lfence needs rm = 0 */
      return true;
    }
    if (r > 5 && (i->rm & 7)) {
      d->bad = true; /* mfence and sfence: objdump knows only rm = 0 */
      return true;
    }
    dis_mnem(d, r == 5 ? "lfence" : r == 6 ? "mfence" : "sfence", NULL);
    return true;
  }
  if (pfx == 1 && (r == 6 || r == 7)) {
    dis_mnem(d, r == 6 ? "clwb" : "clflushopt", NULL);
    dis_mem(d, 1);
    d->used_66 = true;
    return true;
  }
  if (pfx == 2 && r >= 4) return false;
  if (pfx && r >= 4) {
    /* xsave..clflush take no prefix: "(bad)" without the one given */
    d->bad = true;
    if (pfx == 3) d->used_rep = true;
    else d->used_66 = true;
    return true;
  }
  if (w && r != 2 && r != 3 && r != 7) {
    char t[16];
    strcpy(t, kMem[r]);
    strcat(t, "64");
    dis_mnem(d, t, NULL);
    d->used_rexw = true;
  } else {
    dis_mnem(d, kMem[r], NULL);
  }
  dis_mem(d, r == 2 || r == 3 ? 4 : r == 7 ? 1 : 0);
  return true;
}

/* 0F C7 /3 /4 /5 with memory: xrstors, xsavec, xsaves. */
static bool sse_grp9(struct DisInsn *d) {
  const struct Insn *i = d->i;
  unsigned r = i->reg & 7, w = (i->rex >> 3) & 1;
  static const char *const kName[3] = {"xrstors", "xsavec", "xsaves"};
  char t[16];
  if (i->mod == 3 || r < 3 || r > 5) return false;
  strcpy(t, kName[r - 3]);
  if (w) {
    strcat(t, "64");
    d->used_rexw = true;
  }
  dis_mnem(d, t, NULL);
  dis_mem(d, 0);
  return true;
}

/* F2 0F 38 F0/F1: crc32 with objdump's AT&T size suffix. */
static bool sse_crc32(struct DisInsn *d) {
  const struct Insn *i = d->i;
  unsigned src = i->op == 0xf0 ? 1 : i->osz;
  unsigned dst = (i->rex & 8) ? 8 : 4;
  char t[8] = "crc32";
  t[5] = src == 1 ? 'b' : src == 2 ? 'w' : src == 4 ? 'l' : 'q';
  t[6] = 0;
  dis_mnem(d, i->mod == 3 ? "crc32" : t, "crc32");
  dis_gpr(d, i->reg, dst);
  if (i->mod == 3) dis_gpr(d, i->rm, src);
  else dis_mem(d, src);
  d->used_rep = true;
  if (src == 2) d->used_66 = true;
  if (i->rex & 8) d->used_rexw = true;
  return true;
}

/* AMD XOP (8F with a map of 8 or more; the decoder has sized it): the
 * framework reads only VEX and EVEX, so the payload is read here, into
 * the same fields, and the rows are the table's VEX ones. An opcode XOP
 * doesn't define is "(bad)" through its opcode byte, as objdump has it. */
static bool sse_xop(struct DisInsn *d) {
  const uint8_t *p = d->p + d->opc;
  const struct DvEnt *e = NULL;
  unsigned b1 = p[1], b2 = p[2];
  d->vex = 3;
  d->vex_map = (uint8_t)(b1 & 31);
  d->vex_pp = (uint8_t)(b2 & 3);
  d->vex_l = (uint8_t)(b2 >> 2 & 1);
  d->vex_w = (uint8_t)(b2 >> 7);
  d->vex_v = (uint8_t)(~b2 >> 3 & (d->mode == MODE_LONG ? 15 : 7));
  d->evex_rm = d->i->rm;
  d->opc += 3;
  if (!d->vex_pp && (d->vex_map == 8 || d->vex_map == 9))
    e = dv_find(d, DVK_VEX, 0);
  if (!e) {
    /* objdump's "(bad)" covers the XOP prefix and the opcode of maps it
     * knows; any other map is the framework's one-byte "(bad)". */
    if (d->vex_map >= 8 && d->vex_map <= 10) {
      dis_hide_prefixes(d); /* no prefix words, REX included */
      dis_set_len(d, d->opc + 1);
    } else {
      d->bad = true;
    }
    return true;
  }
  dv_apply(d, e, DVK_VEX);
  return true;
}

/* AMD 3DNow! (0F 0F with the operation in the trailing byte) and femms:
 * objdump still knows them, and their bytes turn up in data. With 66,
 * objdump names xmm registers. */
static bool sse_3dnow(struct DisInsn *d) {
  static const struct {
    uint8_t op;
    const char *name;
  } kOps[] = {
      {0x0c, "pi2fw"},    {0x0d, "pi2fd"},    {0x1c, "pf2iw"},
      {0x1d, "pf2id"},    {0x8a, "pfnacc"},   {0x8e, "pfpnacc"},
      {0x90, "pfcmpge"},  {0x94, "pfmin"},    {0x96, "pfrcp"},
      {0x97, "pfrsqrt"},  {0x9a, "pfsub"},    {0x9e, "pfadd"},
      {0xa0, "pfcmpgt"},  {0xa4, "pfmax"},    {0xa6, "pfrcpit1"},
      {0xa7, "pfrsqit1"}, {0xaa, "pfsubr"},   {0xae, "pfacc"},
      {0xb0, "pfcmpeq"},  {0xb4, "pfmul"},    {0xb6, "pfrcpit2"},
      {0xb7, "pmulhrw"},  {0xbb, "pswapd"},   {0xbf, "pavgusb"},
  };
  const struct Insn *i = d->i;
  const char *reg = i->opsize_prefix ? "xmm" : "mm";
  char t[8];
  unsigned k;
  for (k = 0; k < sizeof(kOps) / sizeof(kOps[0]); k++)
    if (kOps[k].op == (uint8_t)i->imm) break;
  if (k == sizeof(kOps) / sizeof(kOps[0])) {
    /* objdump's "(bad)" here is only the prefixes and the 0F byte */
    dis_mnem(d, "(bad)", NULL);
    dis_first_byte_only(d);
    if (i->opsize_prefix) d->used_66 = true;
    return true;
  }
  dis_mnem(d, kOps[k].name, NULL);
  snprintf(t, sizeof(t), "%s%u", reg, i->reg & 7);
  dis_reg(d, t);
  if (i->mod == 3) {
    snprintf(t, sizeof(t), "%s%u", reg, i->rm & 7);
    dis_reg(d, t);
  } else {
    dis_mem(d, 8);
  }
  if (i->opsize_prefix) d->used_66 = true;
  return true;
}

/* "(bad)" for an opcode of the table that has no row for these bytes.
 * objdump doesn't show the mandatory prefix that chose the missing row.
 * When that prefix has no row at all (noprefixrow), it mostly shows no
 * other prefix either, REX included; for the opcodes listed it keeps
 * REX and the segment and lock words (measured with objdump, per opcode
 * and prefix). */
static void sse_bad(struct DisInsn *d, int pfx, bool noprefixrow) {
  static const uint8_t kKeepRex0f[] = {0x16, 0x2e, 0x2f, 0x52, 0x53, 0x5b,
                                       0x60, 0x61, 0x62, 0x6f, 0x78, 0x79,
                                       0x7c, 0x7d, 0x7e, 0x7f, 0xd0, 0xd6,
                                       0xe6, 0xe7, 0xf0, 0xf7};
  const struct Insn *i = d->i;
  bool keep = false;
  d->bad = true;
  if (pfx == 1) d->used_66 = true;
  if (pfx >= 2) d->used_rep = true;
  if (!noprefixrow) return;
  if (i->map == MAP_0F)
    keep = memchr(kKeepRex0f, i->op, sizeof(kKeepRex0f)) != NULL;
  else if (i->map == MAP_0F38)
    keep = i->op >= 0xdc && i->op <= 0xdf;
  if (!keep) dis_hide_prefixes(d);
}

/* 0F C5 (pextrw) with a memory operand: objdump prints the MMX form as
 * "pextrw $0xc5,(bad),%eax" (it takes the opcode byte for the imm8 and
 * stops there) and the others as a bare "(bad)". */
static bool sse_pextrw_mem(struct DisInsn *d, int pfx) {
  const struct Insn *i = d->i;
  if (pfx) {
    dis_hide_prefixes(d);
    return true;
  }
  dis_mnem(d, "pextrw", NULL);
  dis_gpr(d, i->reg, 4);
  dis_text(d, "(bad)");
  dis_imm(d, d->p[d->opc + 1], 1);
  dis_set_len(d, d->opc + 2);
  return true;
}

/* Opcodes objdump splits by ModRM.mod before the mandatory prefix: the
 * form that has no instruction under any prefix is "(bad)" with every
 * prefix shown. */
static bool sse_modfirst_bad(const struct Insn *i) {
  static const struct {
    uint8_t map, op, badreg;
  } kModFirst[] = {
      {MAP_0F, 0x13, 1},   {MAP_0F, 0x17, 1},
      {MAP_0F, 0x50, 0},   {MAP_0F, 0x71, 0},   {MAP_0F, 0x72, 0},
      {MAP_0F, 0x73, 0},   {MAP_0F, 0xc3, 1},   {MAP_0F, 0xd7, 0},
      {MAP_0F38, 0x2a, 1},
  };
  for (unsigned k = 0; k < sizeof(kModFirst) / sizeof(kModFirst[0]); k++)
    if (kModFirst[k].map == i->map && kModFirst[k].op == i->op)
      return (i->mod == 3) == (kModFirst[k].badreg != 0);
  return false;
}

bool dis_sse(struct DisInsn *d) {
  const struct Insn *i = d->i;
  const struct DvEnt *e;
  int pfx;
  if (d->vex || i->map == MAP_1BYTE) return false;
  if (d->p[d->opc] == 0x8f) return sse_xop(d);
  if (i->map == MAP_0F && i->op == 0xae) return sse_grp15(d);
  if (i->map == MAP_0F && i->op == 0x0f) return sse_3dnow(d);
  if (i->map == MAP_0F && (i->op == 0x0e || i->op == 0x77)) {
    /* emms has a mandatory-prefix row (66/F2/F3: (bad)); femms not */
    if (i->op == 0x77 && sse_pfx(i)) {
      sse_bad(d, sse_pfx(i), true);
      return true;
    }
    dis_mnem(d, i->op == 0x0e ? "femms" : "emms", NULL);
    return true;
  }
  if (i->map == MAP_0F && i->op == 0xc7) return sse_grp9(d);
  if (i->map == MAP_0F38 && (i->op == 0xf0 || i->op == 0xf1)) {
    if (i->rep != REP_F2) return false;
    return sse_crc32(d);
  }
  pfx = sse_pfx(i);
  if (i->map == MAP_0F && i->op == 0xc5 && i->mod != 3)
    return sse_pextrw_mem(d, pfx);
  if (sse_modfirst_bad(i)) {
    d->bad = true;
    return true;
  }
  /* objdump takes no other prefix's row when the mandatory one has none
   * ((bad)), except for pmovmskb, which ignores F2/F3. */
  e = dv_find(d, DVK_LEG, pfx);
  if (!e && pfx >= 2 && i->map == MAP_0F && i->op == 0xd7)
    e = dv_find(d, DVK_LEG, i->opsize_prefix ? 1 : 0);
  if (!e) {
    /* The shift groups: a missing member is "(bad)", prefixes shown. */
    if (i->map == MAP_0F && i->op >= 0x71 && i->op <= 0x73 &&
        !dv_known(d, DVK_LEG, -1)) {
      d->bad = true;
      return true;
    }
    /* Not a vector opcode at all, or 0F 78/79 without a prefix
     * (vmread/vmwrite): the integer module's. */
    if (!dv_known(d, DVK_LEG, -1) ||
        (i->map == MAP_0F && (i->op == 0x78 || i->op == 0x79) && !pfx))
      return false;
    sse_bad(d, pfx, !dv_known(d, DVK_LEG, pfx));
    return true;
  }
  dv_apply(d, e, DVK_LEG);
  return true;
}
