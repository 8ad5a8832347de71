/* disasm-vec.c: the vector opcode table and the interpreter of its
 * operand specs, shared by the legacy SSE module (disasm-sse.c) and the
 * VEX/EVEX module (disasm-avx.c).
 *
 * Operand spec letters (Intel order, comma separated):
 *   V  vector register from ModRM.reg     H  from VEX/EVEX.vvvv (dropped
 *   W  vector register or memory (rm)        in the legacy encoding)
 *   U  vector register from rm only       M  memory only
 *   P  MMX register from ModRM.reg        Q  MMX register or memory (rm)
 *   N  MMX register from rm only          G  general register from reg
 *   E  general register or memory (rm)    R  general register from rm only
 *   K  opmask from reg   k opmask (or memory) from rm   J opmask from vvvv
 *   I  imm8              0  xmm0           L  register from imm8[7:4]
 *   i  imm8[3:0] (vpermil2ps)
 *   S= VSIB memory with dword indexes (vgatherdps: the index register is
 *      VL wide, VL/2 with W1); S: with qword indexes (index VL wide, and
 *      with W0 the V/H registers are half width); the element size,
 *      printed as the operand's size, comes from W
 * followed by a size: none = the vector length VL, x 16, y 32, z 64,
 * h VL/2, q VL/4, o VL/8, m movddup's (8 for 128-bit, else VL), n VL/2
 * with W1 else VL, w VL with W1 else VL/2, a number = that many bytes;
 * for G/E/R: d = 8 with W else 4, and "E4/2" = a 32-bit register or a
 * 2-byte memory operand. A register's width is the size rounded up to 16
 * bytes. More letters after the size: b the operand takes an EVEX
 * broadcast; e the EVEX disp8 scales by the element size (Tuple1 scalar:
 * expand/compress) rather than the operand size; ! a register-only (or
 * memory-only) operand of the wrong kind prints as "(bad)" in place
 * instead of the whole instruction being "(bad)" (objdump's way for
 * movq2dq, maskmovq and a few more).
 *
 * EVEX's compressed disp8 is scaled by N, which for every row here is the
 * size printed for the memory operand (the element size when it is
 * broadcast), except the 'e' rows. */
#include "disasm-vec.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "machine.h"

static const char *const kCmpPred[32] = {
    "eq",     "lt",     "le",     "unord",  "neq",     "nlt",    "nle",
    "ord",    "eq_uq",  "nge",    "ngt",    "false",   "neq_oq", "ge",
    "gt",     "true",   "eq_os",  "lt_oq",  "le_oq",   "unord_s", "neq_us",
    "nlt_uq", "nle_uq", "ord_s",  "eq_us",  "nge_uq",  "ngt_uq", "false_os",
    "neq_os", "ge_oq",  "gt_oq",  "true_us"};

static const char *const kPcmpPred[8] = {"eq", "lt", "le", NULL,
                                         "neq", "nlt", "nle", NULL};

static const char *const kXopPred[8] = {"lt", "le",  "gt",    "ge",
                                        "eq", "neq", "false", "true"};

static void dv_vreg(struct DisInsn *d, unsigned width, unsigned n) {
  char t[8];
  snprintf(t, sizeof(t), "%cmm%u",
           width >= 64 ? 'z' : width == 32 ? 'y' : 'x', n & 31);
  dis_reg(d, t);
}

static void dv_named(struct DisInsn *d, const char *pfx, unsigned n) {
  char t[8];
  snprintf(t, sizeof(t), "%s%u", pfx, n);
  dis_reg(d, t);
}

/* Encoding sets of a row: legacy, VEX, EVEX. */
#define LG DV_L
#define LV (DV_L | DV_V)
#define LVE (DV_L | DV_V | DV_E)
#define VX DV_V
#define VE (DV_V | DV_E)
#define EX DV_E
#define R(k, p, enc, cond, bc, rnd, name, ops) \
  {k, p, enc, bc, rnd, cond, name, ops}
/* The four FP arithmetic forms: ps, pd (66), ss (F3), sd (F2). */
#define FP4(op, n, rnd, rs)                                          \
  R(0x100 | op, 0, LVE, DC_EW0, 4, rnd, n "ps", "V,H,Wb"),           \
  R(0x100 | op, 1, LVE, DC_EW1, 8, rnd, n "pd", "V,H,Wb"),           \
  R(0x100 | op, 2, LVE, DC_EW0, 0, rs, n "ss", "Vx,Hx,W4"),          \
  R(0x100 | op, 3, LVE, DC_EW1, 0, rs, n "sd", "Vx,Hx,W8")
/* ps/pd logic ops: AVX-512DQ in EVEX. */
#define FPL(op, n)                                  \
  R(0x100 | op, 0, LVE, DC_EW0, 4, 0, n "ps", "V,H,Wb"), \
  R(0x100 | op, 1, LVE, DC_EW1, 8, 0, n "pd", "V,H,Wb")
/* An integer op on MMX (no prefix) and XMM (66). */
#define MX(key, n, mm, ops, enc, cond, bc)        \
  R(key, 0, LG, 0, 0, 0, n, mm),                  \
  R(key, 1, enc, cond, bc, 0, n, ops)
/* An integer op in every encoding, MMX too. */
#define I3(key, n) MX(key, n, "P,Q", "V,H,W", LVE, 0, 0)
#define I3D(key, n) MX(key, n, "P,Q", "V,H,Wb", LVE, DC_EW0, 4)
#define I3Q(key, n) MX(key, n, "P,Q", "V,H,Wb", LVE, DC_EW1, 8)
/* Shift by a count in an xmm register or memory: always 16 bytes. */
#define SH(key, n, cond) MX(key, n, "P,Q", "V,H,W16", LVE, cond, 0)
/* Shift groups 71-73. */
#define SG(key, g, n, enc, cond, bc)                            \
  R(key, 0, LG, DC_G(g) | DC_REG, 0, 0, n, "N,I"),              \
  R(key, 1, (enc) & (DV_L | DV_V), DC_G(g) | DC_REG, 0, 0, n, "H,U,I"), \
  R(key, 1, (enc) & DV_E, DC_G(g) | (cond), bc, 0, n, "H,Wb,I")
/* The rows. R(key, mandatory prefix, encodings, conditions, EVEX
 * broadcast element size, EVEX rounding, name, operands); the first row
 * that matches the bytes wins, so specific rows come before general
 * ones. Where a name is "a|b", W picks (W0 a, W1 b). */
static const struct DvEnt kDv[] = {
    /* 0F 10-17: moves */
    R(0x110, 0, LVE, DC_EW0, 0, 0, "movups", "V,W"),
    R(0x110, 1, LVE, DC_EW1, 0, 0, "movupd", "V,W"),
    R(0x110, 2, LVE, DC_EW0 | DC_REG, 0, 0, "movss", "Vx,Hx,Ux"),
    R(0x110, 2, LVE, DC_EW0 | DC_MEM, 0, 0, "movss", "Vx,M4"),
    R(0x110, 3, LVE, DC_EW1 | DC_REG, 0, 0, "movsd", "Vx,Hx,Ux"),
    R(0x110, 3, LVE, DC_EW1 | DC_MEM, 0, 0, "movsd", "Vx,M8"),
    R(0x111, 0, LVE, DC_EW0, 0, 0, "movups", "W,V"),
    R(0x111, 1, LVE, DC_EW1, 0, 0, "movupd", "W,V"),
    R(0x111, 2, LVE, DC_EW0 | DC_REG, 0, 0, "movss", "U,Hx,Vx"),
    R(0x111, 2, LVE, DC_EW0 | DC_MEM, 0, 0, "movss", "M4,Vx"),
    R(0x111, 3, LVE, DC_EW1 | DC_REG, 0, 0, "movsd", "U,Hx,Vx"),
    R(0x111, 3, LVE, DC_EW1 | DC_MEM, 0, 0, "movsd", "M8,Vx"),
    R(0x112, 0, LVE, DC_EW0 | DC_REG | DC_L0, 0, 0, "movhlps", "Vx,Hx,Ux"),
    R(0x112, 0, LVE, DC_EW0 | DC_MEM | DC_L0, 0, 0, "movlps", "Vx,Hx,M8"),
    R(0x112, 1, LVE, DC_EW1 | DC_MEM | DC_L0, 0, 0, "movlpd", "Vx,Hx,M8"),
    R(0x112, 2, LVE, DC_EW0, 0, 0, "movsldup", "V,W"),
    R(0x112, 3, LVE, DC_EW1, 0, 0, "movddup", "V,Wm"),
    R(0x113, 0, LVE, DC_EW0 | DC_MEM | DC_L0, 0, 0, "movlps", "M8,Vx"),
    R(0x113, 1, LVE, DC_EW1 | DC_MEM | DC_L0, 0, 0, "movlpd", "M8,Vx"),
    R(0x114, 0, LVE, DC_EW0, 4, 0, "unpcklps", "V,H,Wb"),
    R(0x114, 1, LVE, DC_EW1, 8, 0, "unpcklpd", "V,H,Wb"),
    R(0x115, 0, LVE, DC_EW0, 4, 0, "unpckhps", "V,H,Wb"),
    R(0x115, 1, LVE, DC_EW1, 8, 0, "unpckhpd", "V,H,Wb"),
    R(0x116, 0, LVE, DC_EW0 | DC_REG | DC_L0, 0, 0, "movlhps", "Vx,Hx,Ux"),
    R(0x116, 0, LVE, DC_EW0 | DC_MEM | DC_L0, 0, 0, "movhps", "Vx,Hx,M8"),
    R(0x116, 1, LVE, DC_EW1 | DC_MEM | DC_L0, 0, 0, "movhpd", "Vx,Hx,M8"),
    R(0x116, 2, LVE, DC_EW0, 0, 0, "movshdup", "V,W"),
    R(0x117, 0, LVE, DC_EW0 | DC_MEM | DC_L0, 0, 0, "movhps", "M8,Vx"),
    R(0x117, 1, LVE, DC_EW1 | DC_MEM | DC_L0, 0, 0, "movhpd", "M8,Vx"),
    /* 0F 28-2F */
    R(0x128, 0, LVE, DC_EW0, 0, 0, "movaps", "V,W"),
    R(0x128, 1, LVE, DC_EW1, 0, 0, "movapd", "V,W"),
    R(0x129, 0, LVE, DC_EW0, 0, 0, "movaps", "W,V"),
    R(0x129, 1, LVE, DC_EW1, 0, 0, "movapd", "W,V"),
    R(0x12a, 0, LG, 0, 0, 0, "cvtpi2ps", "V,Q"),
    R(0x12a, 1, LG, 0, 0, 0, "cvtpi2pd", "V,Q"),
    R(0x12a, 2, LVE | DV_LQ, 0, 0, DVR_ER, "cvtsi2ss", "Vx,Hx,Ed"),
    R(0x12a, 3, LVE | DV_LQ, 0, 0, DVR_ER, "cvtsi2sd", "Vx,Hx,Ed"),
    R(0x12b, 0, LVE, DC_EW0 | DC_MEM, 0, 0, "movntps", "M,V"),
    R(0x12b, 1, LVE, DC_EW1 | DC_MEM, 0, 0, "movntpd", "M,V"),
    R(0x12b, 2, LG, DC_MEM, 0, 0, "movntss", "M4,V"),
    R(0x12b, 3, LG, DC_MEM, 0, 0, "movntsd", "M8,V"),
    R(0x12c, 0, LG, 0, 0, 0, "cvttps2pi", "P,W8"),
    R(0x12c, 1, LG, 0, 0, 0, "cvttpd2pi", "P,W16"),
    R(0x12c, 2, LVE, 0, 0, DVR_SAE, "cvttss2si", "Gd,W4"),
    R(0x12c, 3, LVE, 0, 0, DVR_SAE, "cvttsd2si", "Gd,W8"),
    R(0x12d, 0, LG, 0, 0, 0, "cvtps2pi", "P,W8"),
    R(0x12d, 1, LG, 0, 0, 0, "cvtpd2pi", "P,W16"),
    R(0x12d, 2, LVE, 0, 0, DVR_ER, "cvtss2si", "Gd,W4"),
    R(0x12d, 3, LVE, 0, 0, DVR_ER, "cvtsd2si", "Gd,W8"),
    R(0x12e, 0, LVE, DC_EW0, 0, DVR_SAE, "ucomiss", "Vx,W4"),
    R(0x12e, 1, LVE, DC_EW1, 0, DVR_SAE, "ucomisd", "Vx,W8"),
    R(0x12f, 0, LVE, DC_EW0, 0, DVR_SAE, "comiss", "Vx,W4"),
    R(0x12f, 1, LVE, DC_EW1, 0, DVR_SAE, "comisd", "Vx,W8"),
    /* 0F 50-5F */
    R(0x150, 0, LV, DC_REG, 0, 0, "movmskps", "Gd,U"),
    R(0x150, 1, LV, DC_REG, 0, 0, "movmskpd", "Gd,U"),
    R(0x151, 0, LVE, DC_EW0, 4, DVR_ER, "sqrtps", "V,Wb"),
    R(0x151, 1, LVE, DC_EW1, 8, DVR_ER, "sqrtpd", "V,Wb"),
    R(0x151, 2, LVE, DC_EW0, 0, DVR_ER, "sqrtss", "Vx,Hx,W4"),
    R(0x151, 3, LVE, DC_EW1, 0, DVR_ER, "sqrtsd", "Vx,Hx,W8"),
    R(0x152, 0, LV, 0, 0, 0, "rsqrtps", "V,W"),
    R(0x152, 2, LV, 0, 0, 0, "rsqrtss", "Vx,Hx,W4"),
    R(0x153, 0, LV, 0, 0, 0, "rcpps", "V,W"),
    R(0x153, 2, LV, 0, 0, 0, "rcpss", "Vx,Hx,W4"),
    FPL(0x54, "and"), FPL(0x55, "andn"), FPL(0x56, "or"), FPL(0x57, "xor"),
    FP4(0x58, "add", DVR_ER, DVR_ER),
    FP4(0x59, "mul", DVR_ER, DVR_ER),
    R(0x15a, 0, LVE, DC_EW0, 4, DVR_SAE, "cvtps2pd", "V,Whb"),
    R(0x15a, 1, LVE | DV_XY, DC_EW1, 8, DVR_ER, "cvtpd2ps", "Vh,Wb"),
    R(0x15a, 2, LVE, DC_EW0, 0, DVR_SAE, "cvtss2sd", "Vx,Hx,W4"),
    R(0x15a, 3, LVE, DC_EW1, 0, DVR_ER, "cvtsd2ss", "Vx,Hx,W8"),
    R(0x15b, 0, LVE, DC_EW0, 4, DVR_ER, "cvtdq2ps", "V,Wb"),
    R(0x15b, 0, EX | DV_XY, DC_EW1, 8, DVR_ER, "cvtqq2ps", "Vh,Wb"),
    R(0x15b, 1, LVE, DC_EW0, 4, DVR_ER, "cvtps2dq", "V,Wb"),
    R(0x15b, 2, LVE, DC_EW0, 4, DVR_SAE, "cvttps2dq", "V,Wb"),
    FP4(0x5c, "sub", DVR_ER, DVR_ER),
    FP4(0x5d, "min", DVR_SAE, DVR_SAE),
    FP4(0x5e, "div", DVR_ER, DVR_ER),
    FP4(0x5f, "max", DVR_SAE, DVR_SAE),
    /* 0F 60-6F */
    MX(0x160, "punpcklbw", "P,Q4", "V,H,W", LVE, 0, 0),
    MX(0x161, "punpcklwd", "P,Q4", "V,H,W", LVE, 0, 0),
    MX(0x162, "punpckldq", "P,Q4", "V,H,Wb", LVE, DC_EW0, 4),
    I3(0x163, "packsswb"),
    MX(0x164, "pcmpgtb", "P,Q", "V,H,W", LV, 0, 0),
    MX(0x165, "pcmpgtw", "P,Q", "V,H,W", LV, 0, 0),
    MX(0x166, "pcmpgtd", "P,Q", "V,H,W", LV, 0, 0),
    R(0x164, 1, EX, 0, 0, 0, "pcmpgtb", "K,H,W"),
    R(0x165, 1, EX, 0, 0, 0, "pcmpgtw", "K,H,W"),
    R(0x166, 1, EX, DC_EW0, 4, 0, "pcmpgtd", "K,H,Wb"),
    I3(0x167, "packuswb"),
    I3(0x168, "punpckhbw"), I3(0x169, "punpckhwd"), I3D(0x16a, "punpckhdq"),
    I3D(0x16b, "packssdw"),
    R(0x16c, 1, LVE, DC_EW1, 8, 0, "punpcklqdq", "V,H,Wb"),
    R(0x16d, 1, LVE, DC_EW1, 8, 0, "punpckhqdq", "V,H,Wb"),
    R(0x16e, 0, LG | DV_W, 0, 0, 0, "movd|movq", "P,Ed"),
    R(0x16e, 1, LVE | DV_W, DC_L0, 0, 0, "movd|movq", "Vx,Ed"),
    R(0x16f, 0, LG, 0, 0, 0, "movq", "P,Q"),
    R(0x16f, 1, LV, 0, 0, 0, "movdqa", "V,W"),
    R(0x16f, 2, LV, 0, 0, 0, "movdqu", "V,W"),
    R(0x16f, 1, EX | DV_W, 0, 0, 0, "movdqa32|movdqa64", "V,W"),
    R(0x16f, 2, EX | DV_W, 0, 0, 0, "movdqu32|movdqu64", "V,W"),
    R(0x16f, 3, EX | DV_W, 0, 0, 0, "movdqu8|movdqu16", "V,W"),
    /* 0F 70-7F */
    R(0x170, 0, LG, 0, 0, 0, "pshufw", "P,Q,I"),
    R(0x170, 1, LVE, DC_EW0, 4, 0, "pshufd", "V,Wb,I"),
    R(0x170, 2, LVE, 0, 0, 0, "pshufhw", "V,W,I"),
    R(0x170, 3, LVE, 0, 0, 0, "pshuflw", "V,W,I"),
    SG(0x171, 2, "psrlw", LVE, 0, 0), SG(0x171, 4, "psraw", LVE, 0, 0),
    SG(0x171, 6, "psllw", LVE, 0, 0),
    SG(0x172, 2, "psrld", LVE, DC_EW0, 4), SG(0x172, 4, "psrad", LVE, DC_EW0, 4),
    SG(0x172, 6, "pslld", LVE, DC_EW0, 4),
    R(0x172, 1, EX, DC_G(4) | DC_EW1, 8, 0, "psraq", "H,Wb,I"),
    R(0x172, 1, EX | DV_W, DC_G(0), 4, 0, "prord|prorq", "H,Wb,I"),
    R(0x172, 1, EX | DV_W, DC_G(1), 4, 0, "prold|prolq", "H,Wb,I"),
    SG(0x173, 2, "psrlq", LVE, DC_EW1, 8), SG(0x173, 6, "psllq", LVE, DC_EW1, 8),
    R(0x173, 1, LV, DC_G(3) | DC_REG, 0, 0, "psrldq", "H,U,I"),
    R(0x173, 1, LV, DC_G(7) | DC_REG, 0, 0, "pslldq", "H,U,I"),
    R(0x173, 1, EX, DC_G(3), 0, 0, "psrldq", "H,W,I"),
    R(0x173, 1, EX, DC_G(7), 0, 0, "pslldq", "H,W,I"),
    MX(0x174, "pcmpeqb", "P,Q", "V,H,W", LV, 0, 0),
    MX(0x175, "pcmpeqw", "P,Q", "V,H,W", LV, 0, 0),
    MX(0x176, "pcmpeqd", "P,Q", "V,H,W", LV, 0, 0),
    R(0x174, 1, EX, 0, 0, 0, "pcmpeqb", "K,H,W"),
    R(0x175, 1, EX, 0, 0, 0, "pcmpeqw", "K,H,W"),
    R(0x176, 1, EX, DC_EW0, 4, 0, "pcmpeqd", "K,H,Wb"),
    R(0x178, 1, LG, DC_REG, 0, 0, "extrq", "U,I,I"),
    R(0x178, 3, LG, DC_REG, 0, 0, "insertq", "V,U,I,I"),
    R(0x179, 1, LG, 0, 0, 0, "extrq", "V,U!"),
    R(0x179, 3, LG, DC_REG, 0, 0, "insertq", "V,U"),
    R(0x178, 0, EX | DV_W | DV_XY, 0, 4, DVR_SAE, "cvttps2udq|cvttpd2udq", "Vn,Wb"),
    R(0x178, 1, EX | DV_W, 0, 4, DVR_SAE, "cvttps2uqq|cvttpd2uqq", "V,Wwb"),
    R(0x178, 2, EX, 0, 0, DVR_SAE, "cvttss2usi", "Gd,W4"),
    R(0x178, 3, EX, 0, 0, DVR_SAE, "cvttsd2usi", "Gd,W8"),
    R(0x179, 0, EX | DV_W | DV_XY, 0, 4, DVR_ER, "cvtps2udq|cvtpd2udq", "Vn,Wb"),
    R(0x179, 1, EX | DV_W, 0, 4, DVR_ER, "cvtps2uqq|cvtpd2uqq", "V,Wwb"),
    R(0x179, 2, EX, 0, 0, DVR_ER, "cvtss2usi", "Gd,W4"),
    R(0x179, 3, EX, 0, 0, DVR_ER, "cvtsd2usi", "Gd,W8"),
    R(0x17a, 1, EX | DV_W, 0, 4, DVR_SAE, "cvttps2qq|cvttpd2qq", "V,Wwb"),
    R(0x17a, 2, EX | DV_W, 0, 4, DVR_ER, "cvtudq2pd|cvtuqq2pd", "V,Wwb"),
    R(0x17a, 3, EX | DV_W | DV_XY, 0, 4, DVR_ER, "cvtudq2ps|cvtuqq2ps", "Vn,Wb"),
    R(0x17b, 1, EX | DV_W, 0, 4, DVR_ER, "cvtps2qq|cvtpd2qq", "V,Wwb"),
    R(0x17b, 2, EX | DV_LQ, 0, 0, DVR_ER, "cvtusi2ss", "Vx,Hx,Ed"),
    R(0x17b, 3, EX | DV_LQ, 0, 0, DVR_ER, "cvtusi2sd", "Vx,Hx,Ed"),
    R(0x17c, 1, LV, 0, 0, 0, "haddpd", "V,H,W"),
    R(0x17c, 3, LV, 0, 0, 0, "haddps", "V,H,W"),
    R(0x17d, 1, LV, 0, 0, 0, "hsubpd", "V,H,W"),
    R(0x17d, 3, LV, 0, 0, 0, "hsubps", "V,H,W"),
    R(0x17e, 0, LG | DV_W, 0, 0, 0, "movd|movq", "Ed,P"),
    R(0x17e, 1, LVE | DV_W, DC_L0, 0, 0, "movd|movq", "Ed,Vx"),
    R(0x17e, 2, LVE, DC_L0 | DC_EW1, 0, 0, "movq", "Vx,W8"),
    R(0x17f, 0, LG, 0, 0, 0, "movq", "Q,P"),
    R(0x17f, 1, LV, 0, 0, 0, "movdqa", "W,V"),
    R(0x17f, 2, LV, 0, 0, 0, "movdqu", "W,V"),
    R(0x17f, 1, EX | DV_W, 0, 0, 0, "movdqa32|movdqa64", "W,V"),
    R(0x17f, 2, EX | DV_W, 0, 0, 0, "movdqu32|movdqu64", "W,V"),
    R(0x17f, 3, EX | DV_W, 0, 0, 0, "movdqu8|movdqu16", "W,V"),
    /* 0F C2-C6 */
    R(0x1c2, 0, LV, 0, 0, 0, "cmp%ps", "V,H,W,I"),
    R(0x1c2, 1, LV, 0, 0, 0, "cmp%pd", "V,H,W,I"),
    R(0x1c2, 2, LV, 0, 0, 0, "cmp%ss", "Vx,Hx,W4,I"),
    R(0x1c2, 3, LV, 0, 0, 0, "cmp%sd", "Vx,Hx,W8,I"),
    R(0x1c2, 0, EX, DC_EW0, 4, DVR_SAE, "cmp%ps", "K,H,Wb,I"),
    R(0x1c2, 1, EX, DC_EW1, 8, DVR_SAE, "cmp%pd", "K,H,Wb,I"),
    R(0x1c2, 2, EX, DC_EW0, 0, DVR_SAE, "cmp%ss", "K,Hx,W4,I"),
    R(0x1c2, 3, EX, DC_EW1, 0, DVR_SAE, "cmp%sd", "K,Hx,W8,I"),
    R(0x1c3, 0, LG, DC_MEM, 0, 0, "movnti", "Md,Gd"),
    R(0x1c4, 0, LG, 0, 0, 0, "pinsrw", "P,E4/2,I"),
    R(0x1c4, 1, LVE, DC_L0, 0, 0, "pinsrw", "Vx,Hx,E4/2,I"),
    R(0x1c5, 0, LG, DC_REG, 0, 0, "pextrw", "G4,N,I"),
    R(0x1c5, 1, LVE, DC_REG | DC_L0, 0, 0, "pextrw", "G4,Ux,I"),
    R(0x1c6, 0, LVE, DC_EW0, 4, 0, "shufps", "V,H,Wb,I"),
    R(0x1c6, 1, LVE, DC_EW1, 8, 0, "shufpd", "V,H,Wb,I"),
    /* 0F D0-FF */
    R(0x1d0, 1, LV, 0, 0, 0, "addsubpd", "V,H,W"),
    R(0x1d0, 3, LV, 0, 0, 0, "addsubps", "V,H,W"),
    SH(0x1d1, "psrlw", 0), SH(0x1d2, "psrld", DC_EW0), SH(0x1d3, "psrlq", DC_EW1),
    I3Q(0x1d4, "paddq"), I3(0x1d5, "pmullw"),
    R(0x1d6, 1, LVE, DC_L0 | DC_EW1, 0, 0, "movq", "W8,Vx"),
    R(0x1d6, 2, LG, 0, 0, 0, "movq2dq", "V,N!"),
    R(0x1d6, 3, LG, 0, 0, 0, "movdq2q", "P,U!"),
    R(0x1d7, 0, LG, DC_REG, 0, 0, "pmovmskb", "Gd,N"),
    R(0x1d7, 1, LV, DC_REG, 0, 0, "pmovmskb", "Gd,U"),
    I3(0x1d8, "psubusb"), I3(0x1d9, "psubusw"), I3(0x1da, "pminub"),
    MX(0x1db, "pand", "P,Q", "V,H,W", LV, 0, 0),
    R(0x1db, 1, EX | DV_W, 0, 4, 0, "pandd|pandq", "V,H,Wb"),
    I3(0x1dc, "paddusb"), I3(0x1dd, "paddusw"), I3(0x1de, "pmaxub"),
    MX(0x1df, "pandn", "P,Q", "V,H,W", LV, 0, 0),
    R(0x1df, 1, EX | DV_W, 0, 4, 0, "pandnd|pandnq", "V,H,Wb"),
    I3(0x1e0, "pavgb"), SH(0x1e1, "psraw", 0), MX(0x1e2, "psrad", "P,Q", "V,H,W16", LV, 0, 0),
    R(0x1e2, 1, EX | DV_W, 0, 0, 0, "psrad|psraq", "V,H,W16"),
    I3(0x1e3, "pavgw"), I3(0x1e4, "pmulhuw"), I3(0x1e5, "pmulhw"),
    R(0x1e6, 1, LVE | DV_XY, DC_EW1, 8, DVR_SAE, "cvttpd2dq", "Vh,Wb"),
    R(0x1e6, 2, LVE, DC_EW0, 4, 0, "cvtdq2pd", "V,Whb"),
    R(0x1e6, 2, EX, DC_EW1, 8, DVR_ER, "cvtqq2pd", "V,Wb"),
    R(0x1e6, 3, LVE | DV_XY, DC_EW1, 8, DVR_ER, "cvtpd2dq", "Vh,Wb"),
    R(0x1e7, 0, LG, 0, 0, 0, "movntq", "M8!,P"),
    R(0x1e7, 1, LVE, DC_MEM | DC_EW0, 0, 0, "movntdq", "M,V"),
    I3(0x1e8, "psubsb"), I3(0x1e9, "psubsw"), I3(0x1ea, "pminsw"),
    MX(0x1eb, "por", "P,Q", "V,H,W", LV, 0, 0),
    R(0x1eb, 1, EX | DV_W, 0, 4, 0, "pord|porq", "V,H,Wb"),
    I3(0x1ec, "paddsb"), I3(0x1ed, "paddsw"), I3(0x1ee, "pmaxsw"),
    MX(0x1ef, "pxor", "P,Q", "V,H,W", LV, 0, 0),
    R(0x1ef, 1, EX | DV_W, 0, 4, 0, "pxord|pxorq", "V,H,Wb"),
    R(0x1f0, 3, LV, DC_MEM, 0, 0, "lddqu", "V,M0"),
    SH(0x1f1, "psllw", 0), SH(0x1f2, "pslld", DC_EW0), SH(0x1f3, "psllq", DC_EW1),
    I3Q(0x1f4, "pmuludq"), I3(0x1f5, "pmaddwd"), I3(0x1f6, "psadbw"),
    R(0x1f7, 0, LG, 0, 0, 0, "maskmovq", "P,N!"),
    R(0x1f7, 1, LG, 0, 0, 0, "maskmovdqu", "V,U!"),
    R(0x1f7, 1, VX, DC_REG | DC_L0, 0, 0, "maskmovdqu", "V,U"),
    I3(0x1f8, "psubb"), I3(0x1f9, "psubw"), I3D(0x1fa, "psubd"),
    I3Q(0x1fb, "psubq"), I3(0x1fc, "paddb"), I3(0x1fd, "paddw"),
    I3D(0x1fe, "paddd"),
    /* 0F38: SSSE3 (MMX and xmm) */
    I3(0x200, "pshufb"), MX(0x201, "phaddw", "P,Q", "V,H,W", LV, 0, 0),
    MX(0x202, "phaddd", "P,Q", "V,H,W", LV, 0, 0),
    MX(0x203, "phaddsw", "P,Q", "V,H,W", LV, 0, 0),
    I3(0x204, "pmaddubsw"), MX(0x205, "phsubw", "P,Q", "V,H,W", LV, 0, 0),
    MX(0x206, "phsubd", "P,Q", "V,H,W", LV, 0, 0),
    MX(0x207, "phsubsw", "P,Q", "V,H,W", LV, 0, 0),
    MX(0x208, "psignb", "P,Q", "V,H,W", LV, 0, 0),
    MX(0x209, "psignw", "P,Q", "V,H,W", LV, 0, 0),
    MX(0x20a, "psignd", "P,Q", "V,H,W", LV, 0, 0),
    I3(0x20b, "pmulhrsw"),
    R(0x20c, 1, VX, DC_VW0, 0, 0, "permilps", "V,H,W"),
    R(0x20c, 1, EX, DC_EW0, 4, 0, "permilps", "V,H,Wb"),
    R(0x20d, 1, VX, DC_VW0, 0, 0, "permilpd", "V,H,W"),
    R(0x20d, 1, EX, DC_EW1, 8, 0, "permilpd", "V,H,Wb"),
    R(0x20e, 1, VX, DC_VW0, 0, 0, "testps", "V,W"),
    R(0x20f, 1, VX, DC_VW0, 0, 0, "testpd", "V,W"),
    R(0x210, 1, LG, 0, 0, 0, "pblendvb", "V,W,0"),
    R(0x210, 1, EX, DC_EW1, 0, 0, "psrlvw", "V,H,W"),
    R(0x211, 1, EX, DC_EW1, 0, 0, "psravw", "V,H,W"),
    R(0x212, 1, EX, DC_EW1, 0, 0, "psllvw", "V,H,W"),
    R(0x210, 2, EX, DC_EW0, 0, 0, "pmovuswb", "Wh,V"),
    R(0x211, 2, EX, DC_EW0, 0, 0, "pmovusdb", "Wq,V"),
    R(0x212, 2, EX, DC_EW0, 0, 0, "pmovusqb", "Wo,V"),
    R(0x213, 2, EX, DC_EW0, 0, 0, "pmovusdw", "Wh,V"),
    R(0x214, 2, EX, DC_EW0, 0, 0, "pmovusqw", "Wq,V"),
    R(0x215, 2, EX, DC_EW0, 0, 0, "pmovusqd", "Wh,V"),
    R(0x213, 1, VE, DC_VW0 | DC_EW0, 0, DVR_SAE, "cvtph2ps", "V,Wh"),
    R(0x214, 1, LG, 0, 0, 0, "blendvps", "V,W,0"),
    R(0x215, 1, LG, 0, 0, 0, "blendvpd", "V,W,0"),
    R(0x214, 1, EX | DV_W, 0, 4, 0, "prorvd|prorvq", "V,H,Wb"),
    R(0x215, 1, EX | DV_W, 0, 4, 0, "prolvd|prolvq", "V,H,Wb"),
    R(0x216, 1, VX, DC_VW0 | DC_L1, 0, 0, "permps", "V,H,W"),
    R(0x216, 1, EX | DV_W, DC_NL0, 4, 0, "permps|permpd", "V,H,Wb"),
    R(0x217, 1, LV, 0, 0, 0, "ptest", "V,W"),
    R(0x218, 1, VX, DC_VW0, 0, 0, "broadcastss", "V,W4"),
    R(0x218, 1, EX, DC_EW0, 0, 0, "broadcastss", "V,W4"),
    R(0x219, 1, VX, DC_VW0 | DC_L1, 0, 0, "broadcastsd", "V,W8"),
    R(0x219, 1, EX | DV_W, DC_NL0, 0, 0, "broadcastf32x2|broadcastsd", "V,W8"),
    R(0x21a, 1, VX, DC_VW0 | DC_L1 | DC_MEM, 0, 0, "broadcastf128", "V,M16"),
    R(0x21a, 1, EX | DV_W, DC_NL0 | DC_MEM, 0, 0, "broadcastf32x4|broadcastf64x2", "V,M16"),
    R(0x21b, 1, EX | DV_W, DC_Z | DC_MEM, 0, 0, "broadcastf32x8|broadcastf64x4", "V,M32"),
    MX(0x21c, "pabsb", "P,Q", "V,W", LVE, 0, 0),
    MX(0x21d, "pabsw", "P,Q", "V,W", LVE, 0, 0),
    MX(0x21e, "pabsd", "P,Q", "V,Wb", LVE, DC_EW0, 4),
    R(0x21f, 1, EX, DC_EW1, 8, 0, "pabsq", "V,Wb"),
    R(0x220, 1, LVE, 0, 0, 0, "pmovsxbw", "V,Wh"),
    R(0x221, 1, LVE, 0, 0, 0, "pmovsxbd", "V,Wq"),
    R(0x222, 1, LVE, 0, 0, 0, "pmovsxbq", "V,Wo"),
    R(0x223, 1, LVE, 0, 0, 0, "pmovsxwd", "V,Wh"),
    R(0x224, 1, LVE, 0, 0, 0, "pmovsxwq", "V,Wq"),
    R(0x225, 1, LVE, DC_EW0, 0, 0, "pmovsxdq", "V,Wh"),
    R(0x220, 2, EX, DC_EW0, 0, 0, "pmovswb", "Wh,V"),
    R(0x221, 2, EX, DC_EW0, 0, 0, "pmovsdb", "Wq,V"),
    R(0x222, 2, EX, DC_EW0, 0, 0, "pmovsqb", "Wo,V"),
    R(0x223, 2, EX, DC_EW0, 0, 0, "pmovsdw", "Wh,V"),
    R(0x224, 2, EX, DC_EW0, 0, 0, "pmovsqw", "Wq,V"),
    R(0x225, 2, EX, DC_EW0, 0, 0, "pmovsqd", "Wh,V"),
    R(0x226, 1, EX | DV_W, 0, 0, 0, "ptestmb|ptestmw", "K,H,W"),
    R(0x226, 2, EX | DV_W, 0, 0, 0, "ptestnmb|ptestnmw", "K,H,W"),
    R(0x227, 1, EX | DV_W, 0, 4, 0, "ptestmd|ptestmq", "K,H,Wb"),
    R(0x227, 2, EX | DV_W, 0, 4, 0, "ptestnmd|ptestnmq", "K,H,Wb"),
    R(0x228, 1, LVE, DC_EW1, 8, 0, "pmuldq", "V,H,Wb"),
    R(0x228, 2, EX | DV_W, DC_REG, 0, 0, "pmovm2b|pmovm2w", "V,k"),
    R(0x229, 1, LV, 0, 0, 0, "pcmpeqq", "V,H,W"),
    R(0x229, 1, EX, DC_EW1, 8, 0, "pcmpeqq", "K,H,Wb"),
    R(0x229, 2, EX | DV_W, DC_REG, 0, 0, "pmovb2m|pmovw2m", "K,U"),
    R(0x22a, 1, LVE, DC_MEM | DC_EW0, 0, 0, "movntdqa", "V,M"),
    R(0x22a, 2, EX, DC_EW1 | DC_REG, 0, 0, "pbroadcastmb2q", "V,k"),
    R(0x22b, 1, LVE, DC_EW0, 4, 0, "packusdw", "V,H,Wb"),
    R(0x22c, 1, VX, DC_VW0 | DC_MEM, 0, 0, "maskmovps", "V,H,M"),
    R(0x22d, 1, VX, DC_VW0 | DC_MEM, 0, 0, "maskmovpd", "V,H,M"),
    R(0x22e, 1, VX, DC_VW0 | DC_MEM, 0, 0, "maskmovps", "M,H,V"),
    R(0x22f, 1, VX, DC_VW0 | DC_MEM, 0, 0, "maskmovpd", "M,H,V"),
    R(0x22c, 1, EX | DV_W, 0, 4, DVR_ER, "scalefps|scalefpd", "V,H,Wb"),
    R(0x22d, 1, EX, DC_EW0, 0, DVR_ER, "scalefss", "Vx,Hx,W4"),
    R(0x22d, 1, EX, DC_EW1, 0, DVR_ER, "scalefsd", "Vx,Hx,W8"),
    R(0x230, 1, LVE, 0, 0, 0, "pmovzxbw", "V,Wh"),
    R(0x231, 1, LVE, 0, 0, 0, "pmovzxbd", "V,Wq"),
    R(0x232, 1, LVE, 0, 0, 0, "pmovzxbq", "V,Wo"),
    R(0x233, 1, LVE, 0, 0, 0, "pmovzxwd", "V,Wh"),
    R(0x234, 1, LVE, 0, 0, 0, "pmovzxwq", "V,Wq"),
    R(0x235, 1, LVE, DC_EW0, 0, 0, "pmovzxdq", "V,Wh"),
    R(0x230, 2, EX, DC_EW0, 0, 0, "pmovwb", "Wh,V"),
    R(0x231, 2, EX, DC_EW0, 0, 0, "pmovdb", "Wq,V"),
    R(0x232, 2, EX, DC_EW0, 0, 0, "pmovqb", "Wo,V"),
    R(0x233, 2, EX, DC_EW0, 0, 0, "pmovdw", "Wh,V"),
    R(0x234, 2, EX, DC_EW0, 0, 0, "pmovqw", "Wq,V"),
    R(0x235, 2, EX, DC_EW0, 0, 0, "pmovqd", "Wh,V"),
    R(0x236, 1, VX, DC_VW0 | DC_L1, 0, 0, "permd", "V,H,W"),
    R(0x236, 1, EX | DV_W, DC_NL0, 4, 0, "permd|permq", "V,H,Wb"),
    R(0x237, 1, LV, 0, 0, 0, "pcmpgtq", "V,H,W"),
    R(0x237, 1, EX, DC_EW1, 8, 0, "pcmpgtq", "K,H,Wb"),
    R(0x238, 1, LVE, 0, 0, 0, "pminsb", "V,H,W"),
    R(0x238, 2, EX | DV_W, DC_REG, 0, 0, "pmovm2d|pmovm2q", "V,k"),
    R(0x239, 1, LV, 0, 0, 0, "pminsd", "V,H,W"),
    R(0x239, 1, EX | DV_W, 0, 4, 0, "pminsd|pminsq", "V,H,Wb"),
    R(0x239, 2, EX | DV_W, DC_REG, 0, 0, "pmovd2m|pmovq2m", "K,U"),
    R(0x23a, 1, LVE, 0, 0, 0, "pminuw", "V,H,W"),
    R(0x23a, 2, EX, DC_EW0 | DC_REG, 0, 0, "pbroadcastmw2d", "V,k"),
    R(0x23b, 1, LV, 0, 0, 0, "pminud", "V,H,W"),
    R(0x23b, 1, EX | DV_W, 0, 4, 0, "pminud|pminuq", "V,H,Wb"),
    R(0x23c, 1, LVE, 0, 0, 0, "pmaxsb", "V,H,W"),
    R(0x23d, 1, LV, 0, 0, 0, "pmaxsd", "V,H,W"),
    R(0x23d, 1, EX | DV_W, 0, 4, 0, "pmaxsd|pmaxsq", "V,H,Wb"),
    R(0x23e, 1, LVE, 0, 0, 0, "pmaxuw", "V,H,W"),
    R(0x23f, 1, LV, 0, 0, 0, "pmaxud", "V,H,W"),
    R(0x23f, 1, EX | DV_W, 0, 4, 0, "pmaxud|pmaxuq", "V,H,Wb"),
    R(0x240, 1, LV, 0, 0, 0, "pmulld", "V,H,W"),
    R(0x240, 1, EX | DV_W, 0, 4, 0, "pmulld|pmullq", "V,H,Wb"),
    R(0x241, 1, LV, DC_L0, 0, 0, "phminposuw", "V,W"),
    R(0x242, 1, EX | DV_W, 0, 4, DVR_SAE, "getexpps|getexppd", "V,Wb"),
    R(0x243, 1, EX, DC_EW0, 0, DVR_SAE, "getexpss", "Vx,Hx,W4"),
    R(0x243, 1, EX, DC_EW1, 0, DVR_SAE, "getexpsd", "Vx,Hx,W8"),
    R(0x244, 1, EX | DV_W, 0, 4, 0, "plzcntd|plzcntq", "V,Wb"),
    R(0x245, 1, VX | DV_W, 0, 0, 0, "psrlvd|psrlvq", "V,H,W"),
    R(0x245, 1, EX | DV_W, 0, 4, 0, "psrlvd|psrlvq", "V,H,Wb"),
    R(0x246, 1, VX, DC_VW0, 0, 0, "psravd", "V,H,W"),
    R(0x246, 1, EX | DV_W, 0, 4, 0, "psravd|psravq", "V,H,Wb"),
    R(0x247, 1, VX | DV_W, 0, 0, 0, "psllvd|psllvq", "V,H,W"),
    R(0x247, 1, EX | DV_W, 0, 4, 0, "psllvd|psllvq", "V,H,Wb"),
    R(0x24c, 1, EX | DV_W, 0, 4, 0, "rcp14ps|rcp14pd", "V,Wb"),
    R(0x24d, 1, EX, DC_EW0, 0, 0, "rcp14ss", "Vx,Hx,W4"),
    R(0x24d, 1, EX, DC_EW1, 0, 0, "rcp14sd", "Vx,Hx,W8"),
    R(0x24e, 1, EX | DV_W, 0, 4, 0, "rsqrt14ps|rsqrt14pd", "V,Wb"),
    R(0x24f, 1, EX, DC_EW0, 0, 0, "rsqrt14ss", "Vx,Hx,W4"),
    R(0x24f, 1, EX, DC_EW1, 0, 0, "rsqrt14sd", "Vx,Hx,W8"),
    R(0x250, 1, EX, DC_EW0, 4, 0, "pdpbusd", "V,H,Wb"),
    R(0x251, 1, EX, DC_EW0, 4, 0, "pdpbusds", "V,H,Wb"),
    R(0x252, 1, EX, DC_EW0, 4, 0, "pdpwssd", "V,H,Wb"),
    R(0x253, 1, EX, DC_EW0, 4, 0, "pdpwssds", "V,H,Wb"),
    R(0x254, 1, EX | DV_W, 0, 0, 0, "popcntb|popcntw", "V,W"),
    R(0x255, 1, EX | DV_W, 0, 4, 0, "popcntd|popcntq", "V,Wb"),
    R(0x258, 1, VX, DC_VW0, 0, 0, "pbroadcastd", "V,W4"),
    R(0x258, 1, EX, DC_EW0, 0, 0, "pbroadcastd", "V,W4"),
    R(0x259, 1, VX, DC_VW0, 0, 0, "pbroadcastq", "V,W8"),
    R(0x259, 1, EX | DV_W, 0, 0, 0, "broadcasti32x2|pbroadcastq", "V,W8"),
    R(0x25a, 1, VX, DC_VW0 | DC_L1 | DC_MEM, 0, 0, "broadcasti128", "V,M16"),
    R(0x25a, 1, EX | DV_W, DC_NL0 | DC_MEM, 0, 0, "broadcasti32x4|broadcasti64x2", "V,M16"),
    R(0x25b, 1, EX | DV_W, DC_Z | DC_MEM, 0, 0, "broadcasti32x8|broadcasti64x4", "V,M32"),
    R(0x262, 1, EX | DV_W, 0, 0, 0, "pexpandb|pexpandw", "V,We"),
    R(0x263, 1, EX | DV_W, 0, 0, 0, "pcompressb|pcompressw", "We,V"),
    R(0x264, 1, EX | DV_W, 0, 4, 0, "pblendmd|pblendmq", "V,H,Wb"),
    R(0x265, 1, EX | DV_W, 0, 4, 0, "blendmps|blendmpd", "V,H,Wb"),
    R(0x266, 1, EX | DV_W, 0, 0, 0, "pblendmb|pblendmw", "V,H,W"),
    R(0x270, 1, EX, DC_EW1, 0, 0, "pshldvw", "V,H,W"),
    R(0x271, 1, EX | DV_W, 0, 4, 0, "pshldvd|pshldvq", "V,H,Wb"),
    R(0x272, 1, EX, DC_EW1, 0, 0, "pshrdvw", "V,H,W"),
    R(0x273, 1, EX | DV_W, 0, 4, 0, "pshrdvd|pshrdvq", "V,H,Wb"),
    R(0x275, 1, EX | DV_W, 0, 0, 0, "permi2b|permi2w", "V,H,W"),
    R(0x276, 1, EX | DV_W, 0, 4, 0, "permi2d|permi2q", "V,H,Wb"),
    R(0x277, 1, EX | DV_W, 0, 4, 0, "permi2ps|permi2pd", "V,H,Wb"),
    R(0x278, 1, VE, DC_VW0 | DC_EW0, 0, 0, "pbroadcastb", "V,W1"),
    R(0x279, 1, VE, DC_VW0 | DC_EW0, 0, 0, "pbroadcastw", "V,W2"),
    R(0x27a, 1, EX, DC_EW0 | DC_REG, 0, 0, "pbroadcastb", "V,R4"),
    R(0x27b, 1, EX, DC_EW0 | DC_REG, 0, 0, "pbroadcastw", "V,R4"),
    R(0x27c, 1, EX | DV_W, DC_REG, 0, 0, "pbroadcastd|pbroadcastq", "V,Rd"),
    R(0x27d, 1, EX | DV_W, 0, 0, 0, "permt2b|permt2w", "V,H,W"),
    R(0x27e, 1, EX | DV_W, 0, 4, 0, "permt2d|permt2q", "V,H,Wb"),
    R(0x27f, 1, EX | DV_W, 0, 4, 0, "permt2ps|permt2pd", "V,H,Wb"),
    R(0x283, 1, EX, DC_EW1, 8, 0, "pmultishiftqb", "V,H,Wb"),
    R(0x288, 1, EX | DV_W, 0, 0, 0, "expandps|expandpd", "V,We"),
    R(0x289, 1, EX | DV_W, 0, 0, 0, "pexpandd|pexpandq", "V,We"),
    R(0x28a, 1, EX | DV_W, 0, 0, 0, "compressps|compresspd", "We,V"),
    R(0x28b, 1, EX | DV_W, 0, 0, 0, "pcompressd|pcompressq", "We,V"),
    R(0x28c, 1, VX | DV_W, DC_MEM, 0, 0, "pmaskmovd|pmaskmovq", "V,H,M"),
    R(0x28d, 1, EX | DV_W, 0, 0, 0, "permb|permw", "V,H,W"),
    R(0x28e, 1, VX | DV_W, DC_MEM, 0, 0, "pmaskmovd|pmaskmovq", "M,H,V"),
    R(0x28f, 1, EX, DC_EW0, 0, 0, "pshufbitqmb", "K,H,W"),
    /* gathers: S<element size>, index VL (no letter), half (h), double (w) */
    R(0x290, 1, VX | DV_W, DC_MEM, 0, 0, "pgatherdd|pgatherdq", "V,S=,H"),
    R(0x291, 1, VX | DV_W, DC_MEM, 0, 0, "pgatherqd|pgatherqq", "V,S:,H"),
    R(0x292, 1, VX | DV_W, DC_MEM, 0, 0, "gatherdps|gatherdpd", "V,S=,H"),
    R(0x293, 1, VX | DV_W, DC_MEM, 0, 0, "gatherqps|gatherqpd", "V,S:,H"),
    R(0x290, 1, EX | DV_W, DC_MEM, 0, 0, "pgatherdd|pgatherdq", "V,S="),
    R(0x291, 1, EX | DV_W, DC_MEM, 0, 0, "pgatherqd|pgatherqq", "V,S:"),
    R(0x292, 1, EX | DV_W, DC_MEM, 0, 0, "gatherdps|gatherdpd", "V,S="),
    R(0x293, 1, EX | DV_W, DC_MEM, 0, 0, "gatherqps|gatherqpd", "V,S:"),
    R(0x2a0, 1, EX | DV_W, DC_MEM, 0, 0, "pscatterdd|pscatterdq", "S=,V"),
    R(0x2a1, 1, EX | DV_W, DC_MEM, 0, 0, "pscatterqd|pscatterqq", "S:,V"),
    R(0x2a2, 1, EX | DV_W, DC_MEM, 0, 0, "scatterdps|scatterdpd", "S=,V"),
    R(0x2a3, 1, EX | DV_W, DC_MEM, 0, 0, "scatterqps|scatterqpd", "S:,V"),
    /* FMA */
    R(0x296, 1, VE | DV_W, 0, 4, DVR_ER, "fmaddsub132ps|fmaddsub132pd", "V,H,Wb"),
    R(0x297, 1, VE | DV_W, 0, 4, DVR_ER, "fmsubadd132ps|fmsubadd132pd", "V,H,Wb"),
    R(0x298, 1, VE | DV_W, 0, 4, DVR_ER, "fmadd132ps|fmadd132pd", "V,H,Wb"),
    R(0x299, 1, VE, DC_VW0 | DC_EW0, 0, DVR_ER, "fmadd132ss", "Vx,Hx,W4"),
    R(0x299, 1, VE, DC_VW1 | DC_EW1, 0, DVR_ER, "fmadd132sd", "Vx,Hx,W8"),
    R(0x29a, 1, VE | DV_W, 0, 4, DVR_ER, "fmsub132ps|fmsub132pd", "V,H,Wb"),
    R(0x29b, 1, VE, DC_VW0 | DC_EW0, 0, DVR_ER, "fmsub132ss", "Vx,Hx,W4"),
    R(0x29b, 1, VE, DC_VW1 | DC_EW1, 0, DVR_ER, "fmsub132sd", "Vx,Hx,W8"),
    R(0x29c, 1, VE | DV_W, 0, 4, DVR_ER, "fnmadd132ps|fnmadd132pd", "V,H,Wb"),
    R(0x29d, 1, VE, DC_VW0 | DC_EW0, 0, DVR_ER, "fnmadd132ss", "Vx,Hx,W4"),
    R(0x29d, 1, VE, DC_VW1 | DC_EW1, 0, DVR_ER, "fnmadd132sd", "Vx,Hx,W8"),
    R(0x29e, 1, VE | DV_W, 0, 4, DVR_ER, "fnmsub132ps|fnmsub132pd", "V,H,Wb"),
    R(0x29f, 1, VE, DC_VW0 | DC_EW0, 0, DVR_ER, "fnmsub132ss", "Vx,Hx,W4"),
    R(0x29f, 1, VE, DC_VW1 | DC_EW1, 0, DVR_ER, "fnmsub132sd", "Vx,Hx,W8"),
    R(0x2a6, 1, VE | DV_W, 0, 4, DVR_ER, "fmaddsub213ps|fmaddsub213pd", "V,H,Wb"),
    R(0x2a7, 1, VE | DV_W, 0, 4, DVR_ER, "fmsubadd213ps|fmsubadd213pd", "V,H,Wb"),
    R(0x2a8, 1, VE | DV_W, 0, 4, DVR_ER, "fmadd213ps|fmadd213pd", "V,H,Wb"),
    R(0x2a9, 1, VE, DC_VW0 | DC_EW0, 0, DVR_ER, "fmadd213ss", "Vx,Hx,W4"),
    R(0x2a9, 1, VE, DC_VW1 | DC_EW1, 0, DVR_ER, "fmadd213sd", "Vx,Hx,W8"),
    R(0x2aa, 1, VE | DV_W, 0, 4, DVR_ER, "fmsub213ps|fmsub213pd", "V,H,Wb"),
    R(0x2ab, 1, VE, DC_VW0 | DC_EW0, 0, DVR_ER, "fmsub213ss", "Vx,Hx,W4"),
    R(0x2ab, 1, VE, DC_VW1 | DC_EW1, 0, DVR_ER, "fmsub213sd", "Vx,Hx,W8"),
    R(0x2ac, 1, VE | DV_W, 0, 4, DVR_ER, "fnmadd213ps|fnmadd213pd", "V,H,Wb"),
    R(0x2ad, 1, VE, DC_VW0 | DC_EW0, 0, DVR_ER, "fnmadd213ss", "Vx,Hx,W4"),
    R(0x2ad, 1, VE, DC_VW1 | DC_EW1, 0, DVR_ER, "fnmadd213sd", "Vx,Hx,W8"),
    R(0x2ae, 1, VE | DV_W, 0, 4, DVR_ER, "fnmsub213ps|fnmsub213pd", "V,H,Wb"),
    R(0x2af, 1, VE, DC_VW0 | DC_EW0, 0, DVR_ER, "fnmsub213ss", "Vx,Hx,W4"),
    R(0x2af, 1, VE, DC_VW1 | DC_EW1, 0, DVR_ER, "fnmsub213sd", "Vx,Hx,W8"),
    R(0x2b6, 1, VE | DV_W, 0, 4, DVR_ER, "fmaddsub231ps|fmaddsub231pd", "V,H,Wb"),
    R(0x2b7, 1, VE | DV_W, 0, 4, DVR_ER, "fmsubadd231ps|fmsubadd231pd", "V,H,Wb"),
    R(0x2b8, 1, VE | DV_W, 0, 4, DVR_ER, "fmadd231ps|fmadd231pd", "V,H,Wb"),
    R(0x2b9, 1, VE, DC_VW0 | DC_EW0, 0, DVR_ER, "fmadd231ss", "Vx,Hx,W4"),
    R(0x2b9, 1, VE, DC_VW1 | DC_EW1, 0, DVR_ER, "fmadd231sd", "Vx,Hx,W8"),
    R(0x2ba, 1, VE | DV_W, 0, 4, DVR_ER, "fmsub231ps|fmsub231pd", "V,H,Wb"),
    R(0x2bb, 1, VE, DC_VW0 | DC_EW0, 0, DVR_ER, "fmsub231ss", "Vx,Hx,W4"),
    R(0x2bb, 1, VE, DC_VW1 | DC_EW1, 0, DVR_ER, "fmsub231sd", "Vx,Hx,W8"),
    R(0x2bc, 1, VE | DV_W, 0, 4, DVR_ER, "fnmadd231ps|fnmadd231pd", "V,H,Wb"),
    R(0x2bd, 1, VE, DC_VW0 | DC_EW0, 0, DVR_ER, "fnmadd231ss", "Vx,Hx,W4"),
    R(0x2bd, 1, VE, DC_VW1 | DC_EW1, 0, DVR_ER, "fnmadd231sd", "Vx,Hx,W8"),
    R(0x2be, 1, VE | DV_W, 0, 4, DVR_ER, "fnmsub231ps|fnmsub231pd", "V,H,Wb"),
    R(0x2bf, 1, VE, DC_VW0 | DC_EW0, 0, DVR_ER, "fnmsub231ss", "Vx,Hx,W4"),
    R(0x2bf, 1, VE, DC_VW1 | DC_EW1, 0, DVR_ER, "fnmsub231sd", "Vx,Hx,W8"),
    R(0x2b4, 1, EX, DC_EW1, 8, 0, "pmadd52luq", "V,H,Wb"),
    R(0x2b5, 1, EX, DC_EW1, 8, 0, "pmadd52huq", "V,H,Wb"),
    R(0x2c4, 1, EX | DV_W, 0, 4, 0, "pconflictd|pconflictq", "V,Wb"),
    R(0x2c8, 0, LG, 0, 0, 0, "sha1nexte", "V,W"),
    R(0x2c9, 0, LG, 0, 0, 0, "sha1msg1", "V,W"),
    R(0x2ca, 0, LG, 0, 0, 0, "sha1msg2", "V,W"),
    R(0x2cb, 0, LG, 0, 0, 0, "sha256rnds2", "V,W,0"),
    R(0x2cc, 0, LG, 0, 0, 0, "sha256msg1", "V,W"),
    R(0x2cd, 0, LG, 0, 0, 0, "sha256msg2", "V,W"),
    R(0x2cf, 1, LVE, DC_VW0 | DC_EW0, 0, 0, "gf2p8mulb", "V,H,W"),
    R(0x2dc, 2, LG, DC_MEM, 0, 0, "aesenc128kl", "V,M0"),
    R(0x2dc, 2, LG, DC_REG, 0, 0, "loadiwkey", "V,U"),
    R(0x2dd, 2, LG, DC_MEM, 0, 0, "aesdec128kl", "V,M0"),
    R(0x2de, 2, LG, DC_MEM, 0, 0, "aesenc256kl", "V,M0"),
    R(0x2df, 2, LG, DC_MEM, 0, 0, "aesdec256kl", "V,M0"),
    R(0x2db, 1, LV, DC_L0, 0, 0, "aesimc", "V,W"),
    R(0x2dc, 1, LVE, 0, 0, 0, "aesenc", "V,H,W"),
    R(0x2dd, 1, LVE, 0, 0, 0, "aesenclast", "V,H,W"),
    R(0x2de, 1, LVE, 0, 0, 0, "aesdec", "V,H,W"),
    R(0x2df, 1, LVE, 0, 0, 0, "aesdeclast", "V,H,W"),
    /* 0F3A */
    R(0x300, 1, VX, DC_VW1 | DC_L1, 0, 0, "permq", "V,W,I"),
    R(0x300, 1, EX, DC_EW1 | DC_NL0, 8, 0, "permq", "V,Wb,I"),
    R(0x301, 1, VX, DC_VW1 | DC_L1, 0, 0, "permpd", "V,W,I"),
    R(0x301, 1, EX, DC_EW1 | DC_NL0, 8, 0, "permpd", "V,Wb,I"),
    R(0x302, 1, VX, DC_VW0, 0, 0, "pblendd", "V,H,W,I"),
    R(0x303, 1, EX | DV_W, 0, 4, 0, "alignd|alignq", "V,H,Wb,I"),
    R(0x304, 1, VX, DC_VW0, 0, 0, "permilps", "V,W,I"),
    R(0x304, 1, EX, DC_EW0, 4, 0, "permilps", "V,Wb,I"),
    R(0x305, 1, VX, DC_VW0, 0, 0, "permilpd", "V,W,I"),
    R(0x305, 1, EX, DC_EW1, 8, 0, "permilpd", "V,Wb,I"),
    R(0x306, 1, VX, DC_VW0 | DC_L1, 0, 0, "perm2f128", "V,H,W,I"),
    R(0x308, 1, LV, 0, 0, 0, "roundps", "V,W,I"),
    R(0x309, 1, LV, 0, 0, 0, "roundpd", "V,W,I"),
    R(0x30a, 1, LV, 0, 0, 0, "roundss", "Vx,Hx,W4,I"),
    R(0x30b, 1, LV, 0, 0, 0, "roundsd", "Vx,Hx,W8,I"),
    R(0x308, 1, EX, DC_EW0, 4, DVR_SAE, "rndscaleps", "V,Wb,I"),
    R(0x309, 1, EX, DC_EW1, 8, DVR_SAE, "rndscalepd", "V,Wb,I"),
    R(0x30a, 1, EX, DC_EW0, 0, DVR_SAE, "rndscaless", "Vx,Hx,W4,I"),
    R(0x30b, 1, EX, DC_EW1, 0, DVR_SAE, "rndscalesd", "Vx,Hx,W8,I"),
    R(0x30c, 1, LV, 0, 0, 0, "blendps", "V,H,W,I"),
    R(0x30d, 1, LV, 0, 0, 0, "blendpd", "V,H,W,I"),
    R(0x30e, 1, LV, 0, 0, 0, "pblendw", "V,H,W,I"),
    MX(0x30f, "palignr", "P,Q,I", "V,H,W,I", LVE, 0, 0),
    R(0x314, 1, LVE, DC_L0, 0, 0, "pextrb", "E4/1,Vx,I"),
    R(0x315, 1, LVE, DC_L0, 0, 0, "pextrw", "E4/2,Vx,I"),
    R(0x316, 1, LVE | DV_W, DC_L0, 0, 0, "pextrd|pextrq", "Ed,Vx,I"),
    R(0x317, 1, LVE, DC_L0, 0, 0, "extractps", "E4,Vx,I"),
    R(0x318, 1, VX, DC_VW0 | DC_L1, 0, 0, "insertf128", "V,H,W16,I"),
    R(0x318, 1, EX | DV_W, DC_NL0, 0, 0, "insertf32x4|insertf64x2", "V,H,W16,I"),
    R(0x319, 1, VX, DC_VW0 | DC_L1, 0, 0, "extractf128", "W16,V,I"),
    R(0x319, 1, EX | DV_W, DC_NL0, 0, 0, "extractf32x4|extractf64x2", "W16,V,I"),
    R(0x31a, 1, EX | DV_W, DC_Z, 0, 0, "insertf32x8|insertf64x4", "V,H,W32,I"),
    R(0x31b, 1, EX | DV_W, DC_Z, 0, 0, "extractf32x8|extractf64x4", "W32,V,I"),
    R(0x31d, 1, VE, DC_VW0 | DC_EW0, 0, DVR_SAE, "cvtps2ph", "Wh,V,I"),
    R(0x31e, 1, EX | DV_W, 0, 4, 0, "pcmp%ud|pcmp%uq", "K,H,Wb,I"),
    R(0x31f, 1, EX | DV_W, 0, 4, 0, "pcmp%d|pcmp%q", "K,H,Wb,I"),
    R(0x320, 1, LVE, DC_L0, 0, 0, "pinsrb", "Vx,Hx,E4/1,I"),
    R(0x321, 1, LVE, DC_L0 | DC_EW0, 0, 0, "insertps", "Vx,Hx,W4,I"),
    R(0x322, 1, LVE | DV_W, DC_L0, 0, 0, "pinsrd|pinsrq", "Vx,Hx,Ed,I"),
    R(0x323, 1, EX | DV_W, DC_NL0, 4, 0, "shuff32x4|shuff64x2", "V,H,Wb,I"),
    R(0x325, 1, EX | DV_W, 0, 4, 0, "pternlogd|pternlogq", "V,H,Wb,I"),
    R(0x326, 1, EX | DV_W, 0, 4, DVR_SAE, "getmantps|getmantpd", "V,Wb,I"),
    R(0x327, 1, EX, DC_EW0, 0, DVR_SAE, "getmantss", "Vx,Hx,W4,I"),
    R(0x327, 1, EX, DC_EW1, 0, DVR_SAE, "getmantsd", "Vx,Hx,W8,I"),
    R(0x330, 1, VX | DV_W | DV_NOV, DC_REG | DC_L0, 0, 0, "kshiftrb|kshiftrw", "K,k,I"),
    R(0x331, 1, VX | DV_W | DV_NOV, DC_REG | DC_L0, 0, 0, "kshiftrd|kshiftrq", "K,k,I"),
    R(0x332, 1, VX | DV_W | DV_NOV, DC_REG | DC_L0, 0, 0, "kshiftlb|kshiftlw", "K,k,I"),
    R(0x333, 1, VX | DV_W | DV_NOV, DC_REG | DC_L0, 0, 0, "kshiftld|kshiftlq", "K,k,I"),
    R(0x338, 1, VX, DC_VW0 | DC_L1, 0, 0, "inserti128", "V,H,W16,I"),
    R(0x338, 1, EX | DV_W, DC_NL0, 0, 0, "inserti32x4|inserti64x2", "V,H,W16,I"),
    R(0x339, 1, VX, DC_VW0 | DC_L1, 0, 0, "extracti128", "W16,V,I"),
    R(0x339, 1, EX | DV_W, DC_NL0, 0, 0, "extracti32x4|extracti64x2", "W16,V,I"),
    R(0x33a, 1, EX | DV_W, DC_Z, 0, 0, "inserti32x8|inserti64x4", "V,H,W32,I"),
    R(0x33b, 1, EX | DV_W, DC_Z, 0, 0, "extracti32x8|extracti64x4", "W32,V,I"),
    R(0x33e, 1, EX | DV_W, 0, 0, 0, "pcmp%ub|pcmp%uw", "K,H,W,I"),
    R(0x33f, 1, EX | DV_W, 0, 0, 0, "pcmp%b|pcmp%w", "K,H,W,I"),
    R(0x340, 1, LV, 0, 0, 0, "dpps", "V,H,W,I"),
    R(0x341, 1, LV, DC_L0, 0, 0, "dppd", "V,H,W,I"),
    R(0x342, 1, LV, 0, 0, 0, "mpsadbw", "V,H,W,I"),
    R(0x342, 1, EX, DC_EW0, 0, 0, "dbpsadbw", "V,H,W,I"),
    R(0x343, 1, EX | DV_W, DC_NL0, 4, 0, "shufi32x4|shufi64x2", "V,H,Wb,I"),
    R(0x344, 1, LVE, 0, 0, 0, "pclmul%dq", "V,H,W,I"),
    R(0x346, 1, VX, DC_VW0 | DC_L1, 0, 0, "perm2i128", "V,H,W,I"),
    /* AMD's vpermil2ps/pd: imm8[7:4] a register, imm8[3:0] shown */
    R(0x348, 1, VX, DC_VW0, 0, 0, "permil2ps", "V,H,W,L,i"),
    R(0x348, 1, VX, DC_VW1, 0, 0, "permil2ps", "V,H,L,W,i"),
    R(0x349, 1, VX, DC_VW0, 0, 0, "permil2pd", "V,H,W,L,i"),
    R(0x349, 1, VX, DC_VW1, 0, 0, "permil2pd", "V,H,L,W,i"),
    R(0x34a, 1, VX, DC_VW0, 0, 0, "blendvps", "V,H,W,L"),
    R(0x34b, 1, VX, DC_VW0, 0, 0, "blendvpd", "V,H,W,L"),
    R(0x34c, 1, VX, DC_VW0, 0, 0, "pblendvb", "V,H,W,L"),
    R(0x350, 1, EX | DV_W, 0, 4, DVR_SAE, "rangeps|rangepd", "V,H,Wb,I"),
    R(0x351, 1, EX, DC_EW0, 0, DVR_SAE, "rangess", "Vx,Hx,W4,I"),
    R(0x351, 1, EX, DC_EW1, 0, DVR_SAE, "rangesd", "Vx,Hx,W8,I"),
    R(0x354, 1, EX | DV_W, 0, 4, DVR_SAE, "fixupimmps|fixupimmpd", "V,H,Wb,I"),
    R(0x355, 1, EX, DC_EW0, 0, DVR_SAE, "fixupimmss", "Vx,Hx,W4,I"),
    R(0x355, 1, EX, DC_EW1, 0, DVR_SAE, "fixupimmsd", "Vx,Hx,W8,I"),
    R(0x356, 1, EX | DV_W, 0, 4, DVR_SAE, "reduceps|reducepd", "V,Wb,I"),
    R(0x357, 1, EX, DC_EW0, 0, DVR_SAE, "reducess", "Vx,Hx,W4,I"),
    R(0x357, 1, EX, DC_EW1, 0, DVR_SAE, "reducesd", "Vx,Hx,W8,I"),
    R(0x360, 1, LV | DV_W, DC_L0, 0, 0, "pcmpestrm|pcmpestrmq", "V,W,I"),
    R(0x361, 1, LV | DV_W, DC_L0, 0, 0, "pcmpestri|pcmpestriq", "V,W,I"),
    R(0x362, 1, LV, DC_L0, 0, 0, "pcmpistrm", "V,W,I"),
    R(0x363, 1, LV, DC_L0, 0, 0, "pcmpistri", "V,W,I"),
    R(0x366, 1, EX | DV_W | DV_XYA, 0, 4, 0, "fpclassps|fpclasspd", "K,Wb,I"),
    R(0x367, 1, EX, DC_EW0, 0, 0, "fpclassss", "K,W4,I"),
    R(0x367, 1, EX, DC_EW1, 0, 0, "fpclasssd", "K,W8,I"),
    R(0x370, 1, EX, DC_EW1, 0, 0, "pshldw", "V,H,W,I"),
    R(0x371, 1, EX | DV_W, 0, 4, 0, "pshldd|pshldq", "V,H,Wb,I"),
    R(0x372, 1, EX, DC_EW1, 0, 0, "pshrdw", "V,H,W,I"),
    R(0x373, 1, EX | DV_W, 0, 4, 0, "pshrdd|pshrdq", "V,H,Wb,I"),
    R(0x3cc, 0, LG, 0, 0, 0, "sha1rnds4", "V,W,I"),
    R(0x3ce, 1, LVE, DC_VW1 | DC_EW1, 8, 0, "gf2p8affineqb", "V,H,Wb,I"),
    R(0x3cf, 1, LVE, DC_VW1 | DC_EW1, 8, 0, "gf2p8affineinvqb", "V,H,Wb,I"),
    R(0x3df, 1, LV, DC_L0, 0, 0, "aeskeygenassist", "V,W,I"),
    /* AMD FMA4: the fourth operand in imm8[7:4]; W swaps it with rm */
    R(0x35c, 1, VX, DC_VW0, 0, 0, "fmaddsubps", "V,H,W,L"),
    R(0x35c, 1, VX, DC_VW1, 0, 0, "fmaddsubps", "V,H,L,W"),
    R(0x35d, 1, VX, DC_VW0, 0, 0, "fmaddsubpd", "V,H,W,L"),
    R(0x35d, 1, VX, DC_VW1, 0, 0, "fmaddsubpd", "V,H,L,W"),
    R(0x35e, 1, VX, DC_VW0, 0, 0, "fmsubaddps", "V,H,W,L"),
    R(0x35e, 1, VX, DC_VW1, 0, 0, "fmsubaddps", "V,H,L,W"),
    R(0x35f, 1, VX, DC_VW0, 0, 0, "fmsubaddpd", "V,H,W,L"),
    R(0x35f, 1, VX, DC_VW1, 0, 0, "fmsubaddpd", "V,H,L,W"),
    R(0x368, 1, VX, DC_VW0, 0, 0, "fmaddps", "V,H,W,L"),
    R(0x368, 1, VX, DC_VW1, 0, 0, "fmaddps", "V,H,L,W"),
    R(0x369, 1, VX, DC_VW0, 0, 0, "fmaddpd", "V,H,W,L"),
    R(0x369, 1, VX, DC_VW1, 0, 0, "fmaddpd", "V,H,L,W"),
    R(0x36a, 1, VX, DC_VW0, 0, 0, "fmaddss", "Vx,Hx,W4,Lx"),
    R(0x36a, 1, VX, DC_VW1, 0, 0, "fmaddss", "Vx,Hx,Lx,W4"),
    R(0x36b, 1, VX, DC_VW0, 0, 0, "fmaddsd", "Vx,Hx,W8,Lx"),
    R(0x36b, 1, VX, DC_VW1, 0, 0, "fmaddsd", "Vx,Hx,Lx,W8"),
    R(0x36c, 1, VX, DC_VW0, 0, 0, "fmsubps", "V,H,W,L"),
    R(0x36c, 1, VX, DC_VW1, 0, 0, "fmsubps", "V,H,L,W"),
    R(0x36d, 1, VX, DC_VW0, 0, 0, "fmsubpd", "V,H,W,L"),
    R(0x36d, 1, VX, DC_VW1, 0, 0, "fmsubpd", "V,H,L,W"),
    R(0x36e, 1, VX, DC_VW0, 0, 0, "fmsubss", "Vx,Hx,W4,Lx"),
    R(0x36e, 1, VX, DC_VW1, 0, 0, "fmsubss", "Vx,Hx,Lx,W4"),
    R(0x36f, 1, VX, DC_VW0, 0, 0, "fmsubsd", "Vx,Hx,W8,Lx"),
    R(0x36f, 1, VX, DC_VW1, 0, 0, "fmsubsd", "Vx,Hx,Lx,W8"),
    R(0x378, 1, VX, DC_VW0, 0, 0, "fnmaddps", "V,H,W,L"),
    R(0x378, 1, VX, DC_VW1, 0, 0, "fnmaddps", "V,H,L,W"),
    R(0x379, 1, VX, DC_VW0, 0, 0, "fnmaddpd", "V,H,W,L"),
    R(0x379, 1, VX, DC_VW1, 0, 0, "fnmaddpd", "V,H,L,W"),
    R(0x37a, 1, VX, DC_VW0, 0, 0, "fnmaddss", "Vx,Hx,W4,Lx"),
    R(0x37a, 1, VX, DC_VW1, 0, 0, "fnmaddss", "Vx,Hx,Lx,W4"),
    R(0x37b, 1, VX, DC_VW0, 0, 0, "fnmaddsd", "Vx,Hx,W8,Lx"),
    R(0x37b, 1, VX, DC_VW1, 0, 0, "fnmaddsd", "Vx,Hx,Lx,W8"),
    R(0x37c, 1, VX, DC_VW0, 0, 0, "fnmsubps", "V,H,W,L"),
    R(0x37c, 1, VX, DC_VW1, 0, 0, "fnmsubps", "V,H,L,W"),
    R(0x37d, 1, VX, DC_VW0, 0, 0, "fnmsubpd", "V,H,W,L"),
    R(0x37d, 1, VX, DC_VW1, 0, 0, "fnmsubpd", "V,H,L,W"),
    R(0x37e, 1, VX, DC_VW0, 0, 0, "fnmsubss", "Vx,Hx,W4,Lx"),
    R(0x37e, 1, VX, DC_VW1, 0, 0, "fnmsubss", "Vx,Hx,Lx,W4"),
    R(0x37f, 1, VX, DC_VW0, 0, 0, "fnmsubsd", "Vx,Hx,W8,Lx"),
    R(0x37f, 1, VX, DC_VW1, 0, 0, "fnmsubsd", "Vx,Hx,Lx,W8"),
    /* VEX 0F AE */
    R(0x1ae, 0, VX, DC_G(2) | DC_MEM | DC_L0, 0, 0, "ldmxcsr", "M4"),
    R(0x1ae, 0, VX, DC_G(3) | DC_MEM | DC_L0, 0, 0, "stmxcsr", "M4"),
    /* AVX-512ER */
    R(0x2c8, 1, EX | DV_W, DC_Z, 4, DVR_SAE, "exp2ps|exp2pd", "V,Wb"),
    R(0x2ca, 1, EX | DV_W, DC_Z, 4, DVR_SAE, "rcp28ps|rcp28pd", "V,Wb"),
    R(0x2cb, 1, EX, DC_EW0, 0, DVR_SAE, "rcp28ss", "Vx,Hx,W4"),
    R(0x2cb, 1, EX, DC_EW1, 0, DVR_SAE, "rcp28sd", "Vx,Hx,W8"),
    R(0x2cc, 1, EX | DV_W, DC_Z, 4, DVR_SAE, "rsqrt28ps|rsqrt28pd", "V,Wb"),
    R(0x2cd, 1, EX, DC_EW0, 0, DVR_SAE, "rsqrt28ss", "Vx,Hx,W4"),
    R(0x2cd, 1, EX, DC_EW1, 0, DVR_SAE, "rsqrt28sd", "Vx,Hx,W8"),
    /* AMD XOP (maps 8 and 9 keyed as 4 and 5) */
    R(0x4c0, 0, VX, DC_VW0, 0, 0, "protb", "Vx,Wx,I"),
    R(0x4c1, 0, VX, DC_VW0, 0, 0, "protw", "Vx,Wx,I"),
    R(0x4c2, 0, VX, DC_VW0, 0, 0, "protd", "Vx,Wx,I"),
    R(0x4c3, 0, VX, DC_VW0, 0, 0, "protq", "Vx,Wx,I"),
    R(0x590, 0, VX, DC_VW0 | DC_L0, 0, 0, "protb", "Vx,Wx,Hx"),
    R(0x590, 0, VX, DC_VW1 | DC_L0, 0, 0, "protb", "Vx,Hx,Wx"),
    R(0x591, 0, VX, DC_VW0 | DC_L0, 0, 0, "protw", "Vx,Wx,Hx"),
    R(0x591, 0, VX, DC_VW1 | DC_L0, 0, 0, "protw", "Vx,Hx,Wx"),
    R(0x592, 0, VX, DC_VW0 | DC_L0, 0, 0, "protd", "Vx,Wx,Hx"),
    R(0x592, 0, VX, DC_VW1 | DC_L0, 0, 0, "protd", "Vx,Hx,Wx"),
    R(0x593, 0, VX, DC_VW0 | DC_L0, 0, 0, "protq", "Vx,Wx,Hx"),
    R(0x593, 0, VX, DC_VW1 | DC_L0, 0, 0, "protq", "Vx,Hx,Wx"),
    R(0x594, 0, VX, DC_VW0 | DC_L0, 0, 0, "pshlb", "Vx,Wx,Hx"),
    R(0x594, 0, VX, DC_VW1 | DC_L0, 0, 0, "pshlb", "Vx,Hx,Wx"),
    R(0x595, 0, VX, DC_VW0 | DC_L0, 0, 0, "pshlw", "Vx,Wx,Hx"),
    R(0x595, 0, VX, DC_VW1 | DC_L0, 0, 0, "pshlw", "Vx,Hx,Wx"),
    R(0x596, 0, VX, DC_VW0 | DC_L0, 0, 0, "pshld", "Vx,Wx,Hx"),
    R(0x596, 0, VX, DC_VW1 | DC_L0, 0, 0, "pshld", "Vx,Hx,Wx"),
    R(0x597, 0, VX, DC_VW0 | DC_L0, 0, 0, "pshlq", "Vx,Wx,Hx"),
    R(0x597, 0, VX, DC_VW1 | DC_L0, 0, 0, "pshlq", "Vx,Hx,Wx"),
    R(0x598, 0, VX, DC_VW0 | DC_L0, 0, 0, "pshab", "Vx,Wx,Hx"),
    R(0x598, 0, VX, DC_VW1 | DC_L0, 0, 0, "pshab", "Vx,Hx,Wx"),
    R(0x599, 0, VX, DC_VW0 | DC_L0, 0, 0, "pshaw", "Vx,Wx,Hx"),
    R(0x599, 0, VX, DC_VW1 | DC_L0, 0, 0, "pshaw", "Vx,Hx,Wx"),
    R(0x59a, 0, VX, DC_VW0 | DC_L0, 0, 0, "pshad", "Vx,Wx,Hx"),
    R(0x59a, 0, VX, DC_VW1 | DC_L0, 0, 0, "pshad", "Vx,Hx,Wx"),
    R(0x59b, 0, VX, DC_VW0 | DC_L0, 0, 0, "pshaq", "Vx,Wx,Hx"),
    R(0x59b, 0, VX, DC_VW1 | DC_L0, 0, 0, "pshaq", "Vx,Hx,Wx"),
    R(0x4a2, 0, VX, DC_VW0, 0, 0, "pcmov", "V,H,W,L"),
    R(0x4a2, 0, VX, DC_VW1, 0, 0, "pcmov", "V,H,L,W"),
    R(0x4a3, 0, VX, DC_VW0, 0, 0, "pperm", "Vx,Hx,Wx,Lx"),
    R(0x4a3, 0, VX, DC_VW1, 0, 0, "pperm", "Vx,Hx,Lx,Wx"),
    R(0x485, 0, VX, DC_VW0 | DC_L0, 0, 0, "pmacssww", "Vx,Hx,Wx,Lx"),
    R(0x486, 0, VX, DC_VW0 | DC_L0, 0, 0, "pmacsswd", "Vx,Hx,Wx,Lx"),
    R(0x487, 0, VX, DC_VW0 | DC_L0, 0, 0, "pmacssdql", "Vx,Hx,Wx,Lx"),
    R(0x48e, 0, VX, DC_VW0 | DC_L0, 0, 0, "pmacssdd", "Vx,Hx,Wx,Lx"),
    R(0x48f, 0, VX, DC_VW0 | DC_L0, 0, 0, "pmacssdqh", "Vx,Hx,Wx,Lx"),
    R(0x495, 0, VX, DC_VW0 | DC_L0, 0, 0, "pmacsww", "Vx,Hx,Wx,Lx"),
    R(0x496, 0, VX, DC_VW0 | DC_L0, 0, 0, "pmacswd", "Vx,Hx,Wx,Lx"),
    R(0x497, 0, VX, DC_VW0 | DC_L0, 0, 0, "pmacsdql", "Vx,Hx,Wx,Lx"),
    R(0x49e, 0, VX, DC_VW0 | DC_L0, 0, 0, "pmacsdd", "Vx,Hx,Wx,Lx"),
    R(0x49f, 0, VX, DC_VW0 | DC_L0, 0, 0, "pmacsdqh", "Vx,Hx,Wx,Lx"),
    R(0x4a6, 0, VX, DC_VW0 | DC_L0, 0, 0, "pmadcsswd", "Vx,Hx,Wx,Lx"),
    R(0x4b6, 0, VX, DC_VW0 | DC_L0, 0, 0, "pmadcswd", "Vx,Hx,Wx,Lx"),
    R(0x4cc, 0, VX, DC_VW0 | DC_L0, 0, 0, "pcom%b", "Vx,Hx,Wx,I"),
    R(0x4cd, 0, VX, DC_VW0 | DC_L0, 0, 0, "pcom%w", "Vx,Hx,Wx,I"),
    R(0x4ce, 0, VX, DC_VW0 | DC_L0, 0, 0, "pcom%d", "Vx,Hx,Wx,I"),
    R(0x4cf, 0, VX, DC_VW0 | DC_L0, 0, 0, "pcom%q", "Vx,Hx,Wx,I"),
    R(0x4ec, 0, VX, DC_VW0 | DC_L0, 0, 0, "pcom%ub", "Vx,Hx,Wx,I"),
    R(0x4ed, 0, VX, DC_VW0 | DC_L0, 0, 0, "pcom%uw", "Vx,Hx,Wx,I"),
    R(0x4ee, 0, VX, DC_VW0 | DC_L0, 0, 0, "pcom%ud", "Vx,Hx,Wx,I"),
    R(0x4ef, 0, VX, DC_VW0 | DC_L0, 0, 0, "pcom%uq", "Vx,Hx,Wx,I"),
    R(0x580, 0, VX, DC_VW0, 0, 0, "frczps", "V,W"),
    R(0x581, 0, VX, DC_VW0, 0, 0, "frczpd", "V,W"),
    R(0x582, 0, VX, DC_VW0, 0, 0, "frczss", "Vx,W4"),
    R(0x583, 0, VX, DC_VW0, 0, 0, "frczsd", "Vx,W8"),
    R(0x5c1, 0, VX, DC_VW0 | DC_L0, 0, 0, "phaddbw", "Vx,Wx"),
    R(0x5c2, 0, VX, DC_VW0 | DC_L0, 0, 0, "phaddbd", "Vx,Wx"),
    R(0x5c3, 0, VX, DC_VW0 | DC_L0, 0, 0, "phaddbq", "Vx,Wx"),
    R(0x5c6, 0, VX, DC_VW0 | DC_L0, 0, 0, "phaddwd", "Vx,Wx"),
    R(0x5c7, 0, VX, DC_VW0 | DC_L0, 0, 0, "phaddwq", "Vx,Wx"),
    R(0x5cb, 0, VX, DC_VW0 | DC_L0, 0, 0, "phadddq", "Vx,Wx"),
    R(0x5d1, 0, VX, DC_VW0 | DC_L0, 0, 0, "phaddubw", "Vx,Wx"),
    R(0x5d2, 0, VX, DC_VW0 | DC_L0, 0, 0, "phaddubd", "Vx,Wx"),
    R(0x5d3, 0, VX, DC_VW0 | DC_L0, 0, 0, "phaddubq", "Vx,Wx"),
    R(0x5d6, 0, VX, DC_VW0 | DC_L0, 0, 0, "phadduwd", "Vx,Wx"),
    R(0x5d7, 0, VX, DC_VW0 | DC_L0, 0, 0, "phadduwq", "Vx,Wx"),
    R(0x5db, 0, VX, DC_VW0 | DC_L0, 0, 0, "phaddudq", "Vx,Wx"),
    R(0x5e1, 0, VX, DC_VW0 | DC_L0, 0, 0, "phsubbw", "Vx,Wx"),
    R(0x5e2, 0, VX, DC_VW0 | DC_L0, 0, 0, "phsubwd", "Vx,Wx"),
    R(0x5e3, 0, VX, DC_VW0 | DC_L0, 0, 0, "phsubdq", "Vx,Wx"),
    /* AVX-VNNI, AVX-IFMA (VEX forms objdump marks "{vex}"), AVX-VNNI-INT8 */
    R(0x250, 1, VX | DV_NOV, DC_VW0, 0, 0, "{vex} vpdpbusd", "V,H,W"),
    R(0x251, 1, VX | DV_NOV, DC_VW0, 0, 0, "{vex} vpdpbusds", "V,H,W"),
    R(0x252, 1, VX | DV_NOV, DC_VW0, 0, 0, "{vex} vpdpwssd", "V,H,W"),
    R(0x253, 1, VX | DV_NOV, DC_VW0, 0, 0, "{vex} vpdpwssds", "V,H,W"),
    R(0x2b4, 1, VX | DV_NOV, DC_VW1, 0, 0, "{vex} vpmadd52luq", "V,H,W"),
    R(0x2b5, 1, VX | DV_NOV, DC_VW1, 0, 0, "{vex} vpmadd52huq", "V,H,W"),
    R(0x250, 0, VX, DC_VW0, 0, 0, "pdpbuud", "V,H,W"),
    R(0x250, 2, VX, DC_VW0, 0, 0, "pdpbsud", "V,H,W"),
    R(0x250, 3, VX, DC_VW0, 0, 0, "pdpbssd", "V,H,W"),
    R(0x251, 0, VX, DC_VW0, 0, 0, "pdpbuuds", "V,H,W"),
    R(0x251, 2, VX, DC_VW0, 0, 0, "pdpbsuds", "V,H,W"),
    R(0x251, 3, VX, DC_VW0, 0, 0, "pdpbssds", "V,H,W"),
    /* AVX-NE-CONVERT */
    R(0x2b0, 0, VX, DC_VW0 | DC_MEM, 0, 0, "cvtneoph2ps", "V,M"),
    R(0x2b0, 1, VX, DC_VW0 | DC_MEM, 0, 0, "cvtneeph2ps", "V,M"),
    R(0x2b0, 2, VX, DC_VW0 | DC_MEM, 0, 0, "cvtneebf162ps", "V,M"),
    R(0x2b0, 3, VX, DC_VW0 | DC_MEM, 0, 0, "cvtneobf162ps", "V,M"),
    R(0x2b1, 1, VX, DC_VW0 | DC_MEM, 0, 0, "bcstnesh2ps", "V,M2"),
    R(0x2b1, 2, VX, DC_VW0 | DC_MEM, 0, 0, "bcstnebf162ps", "V,M2"),
    R(0x272, 2, VX | DV_NOV | DV_XY, DC_VW0, 0, 0, "{vex} vcvtneps2bf16", "Vh,W"),
    /* AVX512-BF16, VP2INTERSECT */
    R(0x272, 3, EX, DC_EW0, 4, 0, "cvtne2ps2bf16", "V,H,Wb"),
    R(0x272, 2, EX | DV_XY, DC_EW0, 4, 0, "cvtneps2bf16", "Vh,Wb"),
    R(0x252, 2, EX, DC_EW0, 4, 0, "dpbf16ps", "V,H,Wb"),
    R(0x268, 3, EX | DV_W, 0, 4, DVR_SAE, "p2intersectd|p2intersectq", "K,H,Wb"),
    /* AVX512-FP16: EVEX maps 5 and 6 (keyed as 6 and 7) and 0F3A */
    R(0x610, 2, EX, DC_REG, 0, 0, "movsh", "Vx,Hx,Ux"),
    R(0x610, 2, EX, DC_MEM, 0, 0, "movsh", "Vx,M2"),
    R(0x611, 2, EX, DC_REG, 0, 0, "movsh", "Ux,Hx,Vx"),
    R(0x611, 2, EX, DC_MEM, 0, 0, "movsh", "M2,Vx"),
    R(0x61d, 0, EX, DC_EW0, 0, DVR_ER, "cvtss2sh", "Vx,Hx,W4"),
    R(0x61d, 1, EX | DV_XY, DC_EW0, 4, DVR_ER, "cvtps2phx", "Vh,Wb"),
    R(0x62a, 2, EX | DV_LQ, 0, 0, DVR_ER, "cvtsi2sh", "Vx,Hx,Ed"),
    R(0x62c, 2, EX, 0, 0, DVR_SAE, "cvttsh2si", "Gd,W2"),
    R(0x62d, 2, EX, 0, 0, DVR_ER, "cvtsh2si", "Gd,W2"),
    R(0x62e, 0, EX, DC_EW0, 0, DVR_SAE, "ucomish", "Vx,W2"),
    R(0x62f, 0, EX, DC_EW0, 0, DVR_SAE, "comish", "Vx,W2"),
    R(0x651, 0, EX, DC_EW0, 2, DVR_ER, "sqrtph", "V,Wb"),
    R(0x651, 2, EX, DC_EW0, 0, DVR_ER, "sqrtsh", "Vx,Hx,W2"),
    R(0x658, 0, EX, DC_EW0, 2, DVR_ER, "addph", "V,H,Wb"),
    R(0x658, 2, EX, DC_EW0, 0, DVR_ER, "addsh", "Vx,Hx,W2"),
    R(0x659, 0, EX, DC_EW0, 2, DVR_ER, "mulph", "V,H,Wb"),
    R(0x659, 2, EX, DC_EW0, 0, DVR_ER, "mulsh", "Vx,Hx,W2"),
    R(0x65c, 0, EX, DC_EW0, 2, DVR_ER, "subph", "V,H,Wb"),
    R(0x65c, 2, EX, DC_EW0, 0, DVR_ER, "subsh", "Vx,Hx,W2"),
    R(0x65d, 0, EX, DC_EW0, 2, DVR_SAE, "minph", "V,H,Wb"),
    R(0x65d, 2, EX, DC_EW0, 0, DVR_SAE, "minsh", "Vx,Hx,W2"),
    R(0x65e, 0, EX, DC_EW0, 2, DVR_ER, "divph", "V,H,Wb"),
    R(0x65e, 2, EX, DC_EW0, 0, DVR_ER, "divsh", "Vx,Hx,W2"),
    R(0x65f, 0, EX, DC_EW0, 2, DVR_SAE, "maxph", "V,H,Wb"),
    R(0x65f, 2, EX, DC_EW0, 0, DVR_SAE, "maxsh", "Vx,Hx,W2"),
    R(0x65a, 0, EX, DC_EW0, 2, DVR_SAE, "cvtph2pd", "V,Wqb"),
    R(0x65a, 1, EX | DV_XYA, DC_EW1, 8, DVR_ER, "cvtpd2ph", "Vq,Wb"),
    R(0x65a, 2, EX, DC_EW0, 0, DVR_SAE, "cvtsh2sd", "Vx,Hx,W2"),
    R(0x65a, 3, EX, DC_EW1, 0, DVR_ER, "cvtsd2sh", "Vx,Hx,W8"),
    R(0x65b, 0, EX | DV_XY, DC_EW0, 4, DVR_ER, "cvtdq2ph", "Vh,Wb"),
    R(0x65b, 0, EX | DV_XYA, DC_EW1, 8, DVR_ER, "cvtqq2ph", "Vq,Wb"),
    R(0x65b, 1, EX, DC_EW0, 2, DVR_ER, "cvtph2dq", "V,Whb"),
    R(0x65b, 2, EX, DC_EW0, 2, DVR_SAE, "cvttph2dq", "V,Whb"),
    R(0x66e, 1, EX, DC_L0, 0, 0, "movw", "Vx,E4/2"),
    R(0x67e, 1, EX, DC_L0, 0, 0, "movw", "E4/2,Vx"),
    R(0x678, 0, EX, DC_EW0, 2, DVR_SAE, "cvttph2udq", "V,Whb"),
    R(0x678, 1, EX, DC_EW0, 2, DVR_SAE, "cvttph2uqq", "V,Wqb"),
    R(0x678, 2, EX, 0, 0, DVR_SAE, "cvttsh2usi", "Gd,W2"),
    R(0x679, 0, EX, DC_EW0, 2, DVR_ER, "cvtph2udq", "V,Whb"),
    R(0x679, 1, EX, DC_EW0, 2, DVR_ER, "cvtph2uqq", "V,Wqb"),
    R(0x679, 2, EX, 0, 0, DVR_ER, "cvtsh2usi", "Gd,W2"),
    R(0x67a, 1, EX, DC_EW0, 2, DVR_SAE, "cvttph2qq", "V,Wqb"),
    R(0x67a, 3, EX | DV_XY, DC_EW0, 4, DVR_ER, "cvtudq2ph", "Vh,Wb"),
    R(0x67a, 3, EX | DV_XYA, DC_EW1, 8, DVR_ER, "cvtuqq2ph", "Vq,Wb"),
    R(0x67b, 1, EX, DC_EW0, 2, DVR_ER, "cvtph2qq", "V,Wqb"),
    R(0x67b, 2, EX | DV_LQ, 0, 0, DVR_ER, "cvtusi2sh", "Vx,Hx,Ed"),
    R(0x67c, 0, EX, DC_EW0, 2, DVR_SAE, "cvttph2uw", "V,Wb"),
    R(0x67c, 1, EX, DC_EW0, 2, DVR_SAE, "cvttph2w", "V,Wb"),
    R(0x67d, 0, EX, DC_EW0, 2, DVR_ER, "cvtph2uw", "V,Wb"),
    R(0x67d, 1, EX, DC_EW0, 2, DVR_ER, "cvtph2w", "V,Wb"),
    R(0x67d, 2, EX, DC_EW0, 2, DVR_ER, "cvtw2ph", "V,Wb"),
    R(0x67d, 3, EX, DC_EW0, 2, DVR_ER, "cvtuw2ph", "V,Wb"),
    R(0x713, 0, EX, DC_EW0, 0, DVR_SAE, "cvtsh2ss", "Vx,Hx,W2"),
    R(0x713, 1, EX, DC_EW0, 2, DVR_SAE, "cvtph2psx", "V,Whb"),
    R(0x72c, 1, EX, DC_EW0, 2, DVR_ER, "scalefph", "V,H,Wb"),
    R(0x72d, 1, EX, DC_EW0, 0, DVR_ER, "scalefsh", "Vx,Hx,W2"),
    R(0x742, 1, EX, DC_EW0, 2, DVR_SAE, "getexpph", "V,Wb"),
    R(0x743, 1, EX, DC_EW0, 0, DVR_SAE, "getexpsh", "Vx,Hx,W2"),
    R(0x74c, 1, EX, DC_EW0, 2, 0, "rcpph", "V,Wb"),
    R(0x74d, 1, EX, DC_EW0, 0, 0, "rcpsh", "Vx,Hx,W2"),
    R(0x74e, 1, EX, DC_EW0, 2, 0, "rsqrtph", "V,Wb"),
    R(0x74f, 1, EX, DC_EW0, 0, 0, "rsqrtsh", "Vx,Hx,W2"),
    R(0x756, 2, EX, DC_EW0, 4, DVR_ER, "fmaddcph", "V,H,Wb"),
    R(0x756, 3, EX, DC_EW0, 4, DVR_ER, "fcmaddcph", "V,H,Wb"),
    R(0x757, 2, EX, DC_EW0, 0, DVR_ER, "fmaddcsh", "Vx,Hx,W4"),
    R(0x757, 3, EX, DC_EW0, 0, DVR_ER, "fcmaddcsh", "Vx,Hx,W4"),
    R(0x7d6, 2, EX, DC_EW0, 4, DVR_ER, "fmulcph", "V,H,Wb"),
    R(0x7d6, 3, EX, DC_EW0, 4, DVR_ER, "fcmulcph", "V,H,Wb"),
    R(0x7d7, 2, EX, DC_EW0, 0, DVR_ER, "fmulcsh", "Vx,Hx,W4"),
    R(0x7d7, 3, EX, DC_EW0, 0, DVR_ER, "fcmulcsh", "Vx,Hx,W4"),
    R(0x796, 1, EX, DC_EW0, 2, DVR_ER, "fmaddsub132ph", "V,H,Wb"),
    R(0x797, 1, EX, DC_EW0, 2, DVR_ER, "fmsubadd132ph", "V,H,Wb"),
    R(0x798, 1, EX, DC_EW0, 2, DVR_ER, "fmadd132ph", "V,H,Wb"),
    R(0x799, 1, EX, DC_EW0, 0, DVR_ER, "fmadd132sh", "Vx,Hx,W2"),
    R(0x79a, 1, EX, DC_EW0, 2, DVR_ER, "fmsub132ph", "V,H,Wb"),
    R(0x79b, 1, EX, DC_EW0, 0, DVR_ER, "fmsub132sh", "Vx,Hx,W2"),
    R(0x79c, 1, EX, DC_EW0, 2, DVR_ER, "fnmadd132ph", "V,H,Wb"),
    R(0x79d, 1, EX, DC_EW0, 0, DVR_ER, "fnmadd132sh", "Vx,Hx,W2"),
    R(0x79e, 1, EX, DC_EW0, 2, DVR_ER, "fnmsub132ph", "V,H,Wb"),
    R(0x79f, 1, EX, DC_EW0, 0, DVR_ER, "fnmsub132sh", "Vx,Hx,W2"),
    R(0x7a6, 1, EX, DC_EW0, 2, DVR_ER, "fmaddsub213ph", "V,H,Wb"),
    R(0x7a7, 1, EX, DC_EW0, 2, DVR_ER, "fmsubadd213ph", "V,H,Wb"),
    R(0x7a8, 1, EX, DC_EW0, 2, DVR_ER, "fmadd213ph", "V,H,Wb"),
    R(0x7a9, 1, EX, DC_EW0, 0, DVR_ER, "fmadd213sh", "Vx,Hx,W2"),
    R(0x7aa, 1, EX, DC_EW0, 2, DVR_ER, "fmsub213ph", "V,H,Wb"),
    R(0x7ab, 1, EX, DC_EW0, 0, DVR_ER, "fmsub213sh", "Vx,Hx,W2"),
    R(0x7ac, 1, EX, DC_EW0, 2, DVR_ER, "fnmadd213ph", "V,H,Wb"),
    R(0x7ad, 1, EX, DC_EW0, 0, DVR_ER, "fnmadd213sh", "Vx,Hx,W2"),
    R(0x7ae, 1, EX, DC_EW0, 2, DVR_ER, "fnmsub213ph", "V,H,Wb"),
    R(0x7af, 1, EX, DC_EW0, 0, DVR_ER, "fnmsub213sh", "Vx,Hx,W2"),
    R(0x7b6, 1, EX, DC_EW0, 2, DVR_ER, "fmaddsub231ph", "V,H,Wb"),
    R(0x7b7, 1, EX, DC_EW0, 2, DVR_ER, "fmsubadd231ph", "V,H,Wb"),
    R(0x7b8, 1, EX, DC_EW0, 2, DVR_ER, "fmadd231ph", "V,H,Wb"),
    R(0x7b9, 1, EX, DC_EW0, 0, DVR_ER, "fmadd231sh", "Vx,Hx,W2"),
    R(0x7ba, 1, EX, DC_EW0, 2, DVR_ER, "fmsub231ph", "V,H,Wb"),
    R(0x7bb, 1, EX, DC_EW0, 0, DVR_ER, "fmsub231sh", "Vx,Hx,W2"),
    R(0x7bc, 1, EX, DC_EW0, 2, DVR_ER, "fnmadd231ph", "V,H,Wb"),
    R(0x7bd, 1, EX, DC_EW0, 0, DVR_ER, "fnmadd231sh", "Vx,Hx,W2"),
    R(0x7be, 1, EX, DC_EW0, 2, DVR_ER, "fnmsub231ph", "V,H,Wb"),
    R(0x7bf, 1, EX, DC_EW0, 0, DVR_ER, "fnmsub231sh", "Vx,Hx,W2"),
    R(0x308, 0, EX, DC_EW0, 2, DVR_SAE, "rndscaleph", "V,Wb,I"),
    R(0x30a, 0, EX, DC_EW0, 0, DVR_SAE, "rndscalesh", "Vx,Hx,W2,I"),
    R(0x326, 0, EX, DC_EW0, 2, DVR_SAE, "getmantph", "V,Wb,I"),
    R(0x327, 0, EX, DC_EW0, 0, DVR_SAE, "getmantsh", "Vx,Hx,W2,I"),
    R(0x356, 0, EX, DC_EW0, 2, DVR_SAE, "reduceph", "V,Wb,I"),
    R(0x357, 0, EX, DC_EW0, 0, DVR_SAE, "reducesh", "Vx,Hx,W2,I"),
    R(0x366, 0, EX | DV_XYA, DC_EW0, 2, 0, "fpclassph", "K,Wb,I"),
    R(0x367, 0, EX, DC_EW0, 0, 0, "fpclasssh", "K,W2,I"),
    R(0x3c2, 0, EX, DC_EW0, 2, DVR_SAE, "cmp%ph", "K,H,Wb,I"),
    R(0x3c2, 2, EX, DC_EW0, 0, DVR_SAE, "cmp%sh", "K,Hx,W2,I"),
    /* VEX opmask instructions (map 0F) */
    R(0x141, 0, VX | DV_W | DV_NOV, DC_REG | DC_L1, 0, 0, "kandw|kandq", "K,J,k"),
    R(0x141, 1, VX | DV_W | DV_NOV, DC_REG | DC_L1, 0, 0, "kandb|kandd", "K,J,k"),
    R(0x142, 0, VX | DV_W | DV_NOV, DC_REG | DC_L1, 0, 0, "kandnw|kandnq", "K,J,k"),
    R(0x142, 1, VX | DV_W | DV_NOV, DC_REG | DC_L1, 0, 0, "kandnb|kandnd", "K,J,k"),
    R(0x144, 0, VX | DV_W | DV_NOV, DC_REG | DC_L0, 0, 0, "knotw|knotq", "K,k"),
    R(0x144, 1, VX | DV_W | DV_NOV, DC_REG | DC_L0, 0, 0, "knotb|knotd", "K,k"),
    R(0x145, 0, VX | DV_W | DV_NOV, DC_REG | DC_L1, 0, 0, "korw|korq", "K,J,k"),
    R(0x145, 1, VX | DV_W | DV_NOV, DC_REG | DC_L1, 0, 0, "korb|kord", "K,J,k"),
    R(0x146, 0, VX | DV_W | DV_NOV, DC_REG | DC_L1, 0, 0, "kxnorw|kxnorq", "K,J,k"),
    R(0x146, 1, VX | DV_W | DV_NOV, DC_REG | DC_L1, 0, 0, "kxnorb|kxnord", "K,J,k"),
    R(0x147, 0, VX | DV_W | DV_NOV, DC_REG | DC_L1, 0, 0, "kxorw|kxorq", "K,J,k"),
    R(0x147, 1, VX | DV_W | DV_NOV, DC_REG | DC_L1, 0, 0, "kxorb|kxord", "K,J,k"),
    R(0x14a, 0, VX | DV_W | DV_NOV, DC_REG | DC_L1, 0, 0, "kaddw|kaddq", "K,J,k"),
    R(0x14a, 1, VX | DV_W | DV_NOV, DC_REG | DC_L1, 0, 0, "kaddb|kaddd", "K,J,k"),
    R(0x14b, 0, VX | DV_W | DV_NOV, DC_REG | DC_L1, 0, 0, "kunpckwd|kunpckdq", "K,J,k"),
    R(0x14b, 1, VX | DV_NOV, DC_REG | DC_L1 | DC_VW0, 0, 0, "kunpckbw", "K,J,k"),
    R(0x190, 0, VX | DV_W | DV_NOV, DC_L0 | DC_REG, 0, 0, "kmovw|kmovq", "K,k"),
    R(0x190, 1, VX | DV_W | DV_NOV, DC_L0 | DC_REG, 0, 0, "kmovb|kmovd", "K,k"),
    R(0x190, 0, VX | DV_NOV, DC_L0 | DC_MEM | DC_VW0, 0, 0, "kmovw", "K,M2"),
    R(0x190, 0, VX | DV_NOV, DC_L0 | DC_MEM | DC_VW1, 0, 0, "kmovq", "K,M8"),
    R(0x190, 1, VX | DV_NOV, DC_L0 | DC_MEM | DC_VW0, 0, 0, "kmovb", "K,M1"),
    R(0x190, 1, VX | DV_NOV, DC_L0 | DC_MEM | DC_VW1, 0, 0, "kmovd", "K,M4"),
    R(0x191, 0, VX | DV_NOV, DC_L0 | DC_MEM | DC_VW0, 0, 0, "kmovw", "M2,K"),
    R(0x191, 0, VX | DV_NOV, DC_L0 | DC_MEM | DC_VW1, 0, 0, "kmovq", "M8,K"),
    R(0x191, 1, VX | DV_NOV, DC_L0 | DC_MEM | DC_VW0, 0, 0, "kmovb", "M1,K"),
    R(0x191, 1, VX | DV_NOV, DC_L0 | DC_MEM | DC_VW1, 0, 0, "kmovd", "M4,K"),
    R(0x192, 0, VX | DV_NOV, DC_L0 | DC_REG | DC_VW0, 0, 0, "kmovw", "K,R4"),
    R(0x192, 1, VX | DV_NOV, DC_L0 | DC_REG | DC_VW0, 0, 0, "kmovb", "K,R4"),
    R(0x192, 3, VX | DV_W | DV_NOV, DC_L0 | DC_REG, 0, 0, "kmovd|kmovq", "K,Rd"),
    R(0x193, 0, VX | DV_NOV, DC_L0 | DC_REG | DC_VW0, 0, 0, "kmovw", "G4,k"),
    R(0x193, 1, VX | DV_NOV, DC_L0 | DC_REG | DC_VW0, 0, 0, "kmovb", "G4,k"),
    R(0x193, 3, VX | DV_W | DV_NOV, DC_L0 | DC_REG, 0, 0, "kmovd|kmovq", "Gd,k"),
    R(0x198, 0, VX | DV_W | DV_NOV, DC_L0 | DC_REG, 0, 0, "kortestw|kortestq", "K,k"),
    R(0x198, 1, VX | DV_W | DV_NOV, DC_L0 | DC_REG, 0, 0, "kortestb|kortestd", "K,k"),
    R(0x199, 0, VX | DV_W | DV_NOV, DC_L0 | DC_REG, 0, 0, "ktestw|ktestq", "K,k"),
    R(0x199, 1, VX | DV_W | DV_NOV, DC_L0 | DC_REG, 0, 0, "ktestb|ktestd", "K,k"),
};

#define DV_N (sizeof(kDv) / sizeof(kDv[0]))

/* Rows chained by key, built on first use: the table is small, but the
 * disassembler runs once per line a debugger draws. One thread builds
 * (state 0 -> 1 -> 2); any other arriving meanwhile waits the few
 * microseconds that takes. */
static int16_t dv_head[0x800];
static int16_t dv_next[DV_N];
static int dv_state;

static void dv_index(void) {
  int expect = 0;
  if (__atomic_load_n(&dv_state, __ATOMIC_ACQUIRE) == 2) return;
  if (!__atomic_compare_exchange_n(&dv_state, &expect, 1, false,
                                   __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
    while (__atomic_load_n(&dv_state, __ATOMIC_ACQUIRE) != 2) {
    }
    return;
  }
  for (int k = 0; k < 0x800; k++) dv_head[k] = -1;
  for (int k = (int)DV_N - 1; k >= 0; k--) {
    dv_next[k] = dv_head[kDv[k].key];
    dv_head[kDv[k].key] = (int16_t)k;
  }
  __atomic_store_n(&dv_state, 2, __ATOMIC_RELEASE);
}

static unsigned dv_w(const struct DisInsn *d) {
  return d->vex ? d->vex_w : (d->i->rex >> 3) & 1;
}

const struct DvEnt *dv_find(const struct DisInsn *d, int kind, int pfx) {
  const struct Insn *i = d->i;
  unsigned map = d->vex ? d->vex_map : i->map;
  unsigned w = dv_w(d);
  dv_index();
  if (kind == DVK_EVEX && (map == 5 || map == 6)) map += 1; /* FP16 */
  else if (map >= 8 && map <= 9) map -= 4;                  /* XOP */
  else if (map > 3) return NULL;
  if (map < 1) return NULL;
  for (int k = dv_head[map << 8 | i->op]; k >= 0; k = dv_next[k]) {
    const struct DvEnt *e = &kDv[k];
    unsigned c = e->cond;
    if (!(e->enc & kind) || e->pfx != pfx) continue;
    if ((c & DC_GMASK) && ((c >> 12) - 1) != (i->reg & 7u)) continue;
    if ((c & DC_MEM) && i->mod == 3) continue;
    if ((c & DC_REG) && i->mod != 3) continue;
    if (kind == DVK_VEX) {
      if ((c & DC_VW0) && w) continue;
      if ((c & DC_VW1) && !w) continue;
      if ((c & DC_L0) && d->vex_l) continue;
      if ((c & DC_L1) && !d->vex_l) continue;
    } else if (kind == DVK_EVEX) {
      bool rc = d->evex_b && i->mod == 3;
      if ((c & DC_EW0) && w) continue;
      if ((c & DC_EW1) && !w) continue;
      if ((c & DC_L0) && d->vex_l && !rc) continue;
      if ((c & DC_NL0) && !d->vex_l && !(rc && e->rnd)) continue;
      if ((c & DC_Z) && d->vex_l != 2 && !(rc && e->rnd)) continue;
    }
    return e;
  }
  return NULL;
}

bool dv_known(const struct DisInsn *d, int kind, int pfx) {
  const struct Insn *i = d->i;
  unsigned map = d->vex ? d->vex_map : i->map;
  dv_index();
  if (map < 1 || map > 3) return false;
  for (int k = dv_head[map << 8 | i->op]; k >= 0; k = dv_next[k]) {
    unsigned g = kDv[k].cond & DC_GMASK;
    if ((kDv[k].enc & kind) && (pfx < 0 || kDv[k].pfx == pfx) &&
        (!g || (g >> 12) - 1 == (i->reg & 7u)))
      return true;
  }
  return false;
}

static unsigned dv_size(int m, unsigned vl, unsigned w, unsigned dflt) {
  switch (m) {
    case 0: return dflt;
    case 'x': return 16;
    case 'y': return 32;
    case 'z': return 64;
    case 'h': return vl / 2;
    case 'q': return vl / 4;
    case 'o': return vl / 8;
    case 'm': return vl == 16 ? 8 : vl;
    case 'n': return w ? vl / 2 : vl;
    case 'w': return w ? vl : vl / 2;
    case 'd': return w ? 8 : 4; /* w: W, and 64-bit code */
    default: return dflt;
  }
}

static void dv_memop(struct DisInsn *d, unsigned size, unsigned bc,
                     bool ebcst, bool eelem, bool show) {
  struct DisOp *o = dis_mem(d, size);
  if (d->vex == 4) {
    unsigned n = size;
    if (ebcst && bc) {
      o->bcst = (uint8_t)(size / bc);
      o->bcst_show = show;
      o->size = (uint8_t)bc;
      n = bc;
    }
    if (eelem) n = bc ? bc : dv_w(d) ? 8 : 4;
    if (d->i->mod == 1 && n) o->disp = d->i->disp * (int64_t)n;
  }
}

static void dv_kreg(struct DisInsn *d, unsigned n) {
  if (n > 7) dis_text(d, "(bad)");
  else dv_named(d, "k", n);
}

/* EVEX.b with a register source: rounding control or suppress-all-
 * exceptions. objdump shows it after the last register source: in
 * AT&T as an operand of its own ("{rn-sae},%zmm1,..."; the integer
 * source of vcvtsi2ss comes first), in Intel glued to that register
 * ("zmm1{rn-sae}"). Rows without either print objdump's "{rn-bad}". */
static void dv_round(struct DisInsn *d, const struct DvEnt *e) {
  static const char *const kRc[4] = {"{rn-sae}", "{rd-sae}", "{ru-sae}",
                                     "{rz-sae}"};
  static const char *const kRcBad[4] = {"{rn-bad}", "{rd-bad}",
                                        "{ru-bad}", "{rz-bad}"};
  const char *t = e->rnd == DVR_ER    ? kRc[d->vex_l]
                  : e->rnd == DVR_SAE ? "{sae}"
                                      : kRcBad[d->vex_l];
  int at = d->nops;
  if (at && d->op[at - 1].kind == DO_IMM) at--;
  if (e->rnd && d->syntax == DIS_INTEL) {
    if (at) {
      struct DisOp *o = &d->op[at - 1];
      size_t k = strlen(o->text);
      snprintf(o->text + k, sizeof(o->text) - k, "%s", t);
    }
    return;
  }
  if (!e->rnd) at = d->nops;
  else if ((e->enc & DV_LQ) && at) at--;
  if (d->nops >= 5) return;
  for (int k = d->nops; k > at; k--) d->op[k] = d->op[k - 1];
  d->nops++;
  memset(&d->op[at], 0, sizeof(d->op[at]));
  d->op[at].kind = DO_TEXT;
  snprintf(d->op[at].text, sizeof(d->op[at].text), "%s", t);
}

/* objdump marks an EVEX instruction "{evex}" when VEX could have encoded
 * it: a row VEX has too, no masking, broadcast or rounding, at most 256
 * bits and no register above 15. */
/* The mnemonic row e gives for W = w, without the 'v' and predicates. */
static void dv_rowname(const struct DvEnt *e, unsigned w, char *buf,
                       size_t n) {
  const char *s = e->name, *bar = strchr(s, '|');
  if ((e->enc & DV_W) && bar) {
    if (w) snprintf(buf, n, "%s", bar + 1);
    else snprintf(buf, n, "%.*s", (int)(bar - s), s);
  } else {
    snprintf(buf, n, "%s", s);
  }
}

/* Whether VEX has the instruction of EVEX row e: a VEX row for the same
 * opcode and prefix with the same name (objdump doesn't hold VEX's W
 * rule against it). */
static bool dv_invex(const struct DvEnt *e, unsigned w) {
  char a[32], b[32];
  if (e->enc & DV_V) return true;
  dv_rowname(e, w, a, sizeof(a));
  for (int k = dv_head[e->key]; k >= 0; k = dv_next[k]) {
    const struct DvEnt *v = &kDv[k];
    if (!(v->enc & DV_V) || v->pfx != e->pfx) continue;
    if (!(v->enc & DV_W)) {
      if (!strcmp(v->name, a)) return true;
    } else {
      dv_rowname(v, 0, b, sizeof(b));
      if (!strcmp(b, a)) return true;
      dv_rowname(v, 1, b, sizeof(b));
      if (!strcmp(b, a)) return true;
    }
  }
  return false;
}

static bool dv_vexable(const struct DisInsn *d, const struct DvEnt *e) {
  /* Measured exceptions: compares (a mask destination in EVEX) and the
   * AVX2 variable shifts never get the mark. */
  if (e->ops[0] == 'K' || !strncmp(e->name, "psrlv", 5) ||
      !strncmp(e->name, "psllv", 5) || !strncmp(e->name, "psrav", 5))
    return false;
  if (!dv_invex(e, d->vex_w) || d->evex_aaa || d->evex_z || d->evex_b ||
      d->vex_l > 1 || d->evex_r >= 16 || d->vex_v >= 16 ||
      (d->i->mod == 3 && d->evex_rm >= 16))
    return false;
  for (int k = 0; k < d->nops; k++) {
    const struct DisOp *o = &d->op[k];
    if (o->kind == DO_REG && strchr("xyz", o->text[0]) && o->text[1] == 'm' &&
        atoi(o->text + 3) >= 16)
      return false;
    if (o->kind == DO_MEM && o->vsib && o->vsib_reg >= 16) return false;
  }
  return true;
}

static void dv_prefix_evex(char *s, size_t n) {
  size_t k = strlen(s);
  if (k + 8 > n) return;
  memmove(s + 7, s, k + 1);
  memcpy(s, "{evex} ", 7);
}

void dv_apply(struct DisInsn *d, const struct DvEnt *e, int kind) {
  const struct Insn *i = d->i;
  unsigned w = dv_w(d), vl, bc = e->bc;
  bool evex = kind == DVK_EVEX, mem = i->mod != 3;
  bool rc = evex && d->evex_b && !mem;
  bool halfdest = false, used_w = false, drop_imm = false;
  int nimm = 0;
  uint8_t imm = (uint8_t)i->imm;
  char name[32], att[40];
  const char *s;

  /* Outside 64-bit code the VEX/EVEX register extensions (R, R', X, B,
   * vvvv's top bit) don't exist; an EVEX.V' naming a register above 15
   * stays, for objdump's "(bad)" operand. */
  if (d->mode != MODE_LONG) {
    d->vex_v &= evex ? 0x17 : 7;
    d->evex_r &= 7;
    d->evex_rm &= 7;
  }
  /* Zeroing without a mask is not an encoding objdump accepts. */
  if (evex && d->evex_z && !d->evex_aaa) {
    d->bad = true;
    return;
  }
  /* Rounding on a 128-bit-only instruction is not an encoding. */
  if (rc && (e->cond & DC_L0)) {
    d->bad = true;
    return;
  }
  if (kind == DVK_LEG) vl = 16;
  else if (kind == DVK_VEX) vl = d->vex_l ? 32 : 16;
  else if (rc) vl = 64;
  else vl = 16u << d->vex_l;
  if (vl > 64) {
    d->bad = true;
    return;
  }
  if ((e->enc & DV_W) && bc) bc = w ? 8 : 4;

  /* The mnemonic: W picks one of "a|b"; '%' takes a predicate from the
   * immediate (cmpps, pclmulqdq, vpcmpd) when it names one. */
  s = e->name;
  if (e->enc & DV_W) {
    const char *bar = strchr(s, '|');
    used_w = true;
    if (w) s = bar + 1;
    snprintf(name, sizeof(name), "%.*s", (int)(w ? strlen(s) : (size_t)(bar - s)), s);
  } else {
    snprintf(name, sizeof(name), "%s", s);
  }
  char *pct = strchr(name, '%');
  if (pct) {
    const char *pred = NULL, *none = ""; /* none: the text without one */
    char rest[16];
    snprintf(rest, sizeof(rest), "%s", pct + 1);
    if (!strncmp(name, "cmp", 3)) {
      if (imm < (kind == DVK_LEG ? 8 : 32)) pred = kCmpPred[imm];
    } else if (!strncmp(name, "pclmul", 6)) {
      pred = imm == 0x00 ? "lqlq" : imm == 0x01 ? "hqlq"
           : imm == 0x10 ? "lqhq" : imm == 0x11 ? "hqhq" : NULL;
      none = "q"; /* pclmul%dq: pclmulqdq */
    } else if (!strncmp(name, "pcom", 4)) {
      if (imm < 8) pred = kXopPred[imm];
    } else if (imm < 8) {
      pred = kPcmpPred[imm];
    }
    if (pred) drop_imm = true;
    snprintf(pct, name + sizeof(name) - pct, "%s%s", pred ? pred : none,
             rest);
  }
  snprintf(att, sizeof(att), "%s%s",
           kind != DVK_LEG && !(e->enc & DV_NOV) ? "v" : "", name);
  {
    char intel[40];
    snprintf(intel, sizeof(intel), "%s", att);
    if (mem && kind != DVK_LEG && (e->enc & (DV_XY | DV_XYA)) &&
        !(evex && d->evex_b && bc) &&
        (!(e->enc & DV_W) || w || (e->enc & DV_XYA))) {
      if (vl == 16) strcat(att, "x");
      else if (vl == 32) strcat(att, "y");
      else if (e->enc & DV_XYA) strcat(att, "z");
    }
    /* cvtsi2sd's memory size: only 64-bit code has a choice to show */
    if (mem && (e->enc & DV_LQ) && d->mode == MODE_LONG) {
      strcat(att, w ? "q" : "l");
      used_w = true;
    }
    dis_mnem(d, att, intel);
  }

  /* An encoding without a vvvv operand must leave it all ones. */
  if (kind != DVK_LEG && !strchr(e->ops, 'H') && !strchr(e->ops, 'J') &&
      (d->vex_v & 15)) {
    d->bad = true;
    return;
  }
  if (strstr(e->ops, "S:") && !w) halfdest = true;
  d->nops = 0;
  for (s = e->ops; *s;) {
    int c = *s++, m = 0;
    unsigned n1 = 0, n2 = 0;
    bool eb = false, ee = false, opbad = false;
    char vs = 0;
    while (*s && *s != ',') {
      int x = *s++;
      if (x >= '0' && x <= '9') {
        n1 = n1 * 10 + (unsigned)(x - '0');
        while (*s >= '0' && *s <= '9') n1 = n1 * 10 + (unsigned)(*s++ - '0');
        if (*s == '/') {
          s++;
          while (*s >= '0' && *s <= '9') n2 = n2 * 10 + (unsigned)(*s++ - '0');
        }
        m = '#';
      } else if (x == 'b') {
        eb = true;
      } else if (x == 'e') {
        ee = true;
      } else if (x == '!') {
        opbad = true;
      } else if (x == '=' || x == ':') {
        vs = (char)x;
      } else {
        m = x;
        if (x == 'd' || x == 'n' || x == 'w') used_w = true;
      }
    }
    if (*s == ',') s++;
    unsigned dflt = (c == 'P' || c == 'Q' || c == 'N') ? 8
                  : (c == 'G' || c == 'E' || c == 'R') ? 4
                  : (halfdest && (c == 'V' || c == 'H')) ? vl / 2 : vl;
    unsigned size = m == '#' ? n1
                  : dv_size(m, vl, m == 'd' ? w && d->mode == MODE_LONG : w,
                            dflt);
    unsigned rw = size < 16 ? 16 : size;
    /* objdump prints a register-only (or memory-only) operand of the
     * wrong kind as "(bad)" for these rows, keeps the mnemonic, and
     * counts only the prefixes and the 0F byte. */
    if (opbad && (mem ? strchr("UNR", c) != NULL : c == 'M')) {
      dis_text(d, "(bad)");
      dis_first_byte_only(d);
      continue;
    }
    switch (c) {
      case 'V':
        dv_vreg(d, rw, evex ? d->evex_r : i->reg);
        break;
      case 'H':
        if (kind == DVK_LEG) break;
        if (d->mode != MODE_LONG && d->vex_v >= 16) dis_text(d, "(bad)");
        else dv_vreg(d, rw, d->vex_v);
        break;
      case 'U':
      case 'W':
        if (!mem) {
          dv_vreg(d, rw, evex ? d->evex_rm : i->rm);
        } else if (c == 'U') {
          d->bad = true;
        } else {
          /* objdump broadcasts any full-width source under EVEX.b,
           * by W's element size when the row names none. */
          if (!eb && !m && evex && d->evex_b) {
            eb = true;
            if (!bc) bc = w ? 8 : 4;
          }
          dv_memop(d, size, bc, eb && evex && d->evex_b, ee,
                   (e->enc & (DV_XY | DV_XYA)) != 0);
        }
        break;
      case 'M':
        if (!mem) d->bad = true;
        else dv_memop(d, size, bc, false, false, false);
        break;
      case 'P':
        dv_named(d, "mm", i->reg & 7);
        break;
      case 'Q':
      case 'N':
        if (!mem) dv_named(d, "mm", i->rm & 7);
        else if (c == 'N') d->bad = true;
        else dv_memop(d, size, 0, false, false, false);
        break;
      case 'G':
        if (evex && d->evex_r >= 16) dis_text(d, "(bad)");
        else dis_gpr(d, i->reg, size);
        break;
      case 'E':
      case 'R':
        if (!mem) dis_gpr(d, i->rm, size);
        else if (c == 'R') d->bad = true;
        else dv_memop(d, n2 ? n2 : size, 0, false, false, false);
        break;
      /* Opmask numbers past 7 print as "(bad)" operands. */
      case 'K':
        dv_kreg(d, evex ? d->evex_r : i->reg);
        break;
      case 'k':
        if (mem) d->bad = true;
        else dv_kreg(d, i->rm);
        break;
      case 'J':
        dv_kreg(d, d->vex_v);
        break;
      case 'I':
        if (!drop_imm) dis_imm(d, nimm++ ? i->imm2 : imm, 1);
        break;
      case '0':
        dis_reg(d, "xmm0");
        break;
      case 'i':
        dis_imm(d, imm & 15, 1);
        break;
      case 'L':
        dv_vreg(d, rw, (imm >> 4) & (d->mode == MODE_LONG ? 15 : 7));
        break;
      case 'S': {
        unsigned elem = w ? 8 : 4, iw = vl, ix;
        uint8_t sib;
        struct DisOp *o;
        if (vs == '=' && w) iw = vl / 2 < 16 ? 16 : vl / 2;
        if (!mem || (i->modrm & 7) != 4 || i->asz == 2) {
          d->bad = true;
          break;
        }
        sib = d->p[d->opc + 2];
        ix = (sib >> 3 & 7) |
             (i->index == REG_NONE ? 0u : (i->index >> 3 & 1u)) << 3;
        if (evex) ix |= (d->vex_v >> 4 & 1u) << 4;
        o = dis_mem(d, elem);
        o->vsib = (uint8_t)iw;
        o->vsib_reg = (uint8_t)ix;
        if (evex && i->mod == 1) o->disp = i->disp * (int64_t)elem;
        break;
      }
      default:
        break;
    }
  }
  if (evex) {
    /* The complex FP16 multiplies can't write a source register: objdump
     * shows such a destination as "(bad)". */
    if ((strstr(e->name, "mulc") || strstr(e->name, "maddc")) &&
        d->nops >= 3 && d->op[0].kind == DO_REG &&
        (!strcmp(d->op[0].text, d->op[1].text) ||
         (d->op[2].kind == DO_REG &&
          !strcmp(d->op[0].text, d->op[2].text)))) {
      d->op[0].kind = DO_TEXT;
      strcpy(d->op[0].text, "(bad)");
    }
    if (d->evex_aaa || d->evex_z) {
      d->op[0].mask = d->evex_aaa;
      d->op[0].zero = d->evex_z;
    }
    if (rc) dv_round(d, e);
    if (dv_vexable(d, e)) {
      dv_prefix_evex(d->mnem, sizeof(d->mnem));
      if (d->imnem[0]) dv_prefix_evex(d->imnem, sizeof(d->imnem));
    }
  }
  if (kind == DVK_LEG) {
    /* Also when the ModRM form doesn't fit ("(bad)"): objdump doesn't
     * show the mandatory prefix that chose the row. */
    if (e->pfx == 1) d->used_66 = true;
    if (e->pfx >= 2) d->used_rep = true;
    if (used_w && !d->bad) d->used_rexw = true;
  }
}
