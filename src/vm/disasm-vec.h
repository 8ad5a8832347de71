/* disasm-vec.h: the vector opcode table shared by disasm-sse.c (legacy
 * encodings) and disasm-avx.c (VEX, EVEX), private to those files and
 * disasm-vec.c.
 *
 * One row describes an opcode under one mandatory prefix, for whichever
 * of the three encodings it exists in, with its operands as a short spec
 * string in Intel order (see disasm-vec.c for the letters). Sharing the
 * rows is what keeps "addps", "vaddps" (VEX) and "vaddps" (EVEX) from
 * drifting apart. */
#ifndef BLINK_VM_DISASM_VEC_H
#define BLINK_VM_DISASM_VEC_H

#include <stdint.h>

#include "dis.h"

/* DvEnt.enc: which encodings the row is valid in, and mnemonic quirks. */
#define DV_L   0x01  /* legacy (no VEX/EVEX) */
#define DV_V   0x02  /* VEX */
#define DV_E   0x04  /* EVEX */
#define DV_NOV 0x08  /* VEX/EVEX mnemonic without the leading 'v' (k*) */
#define DV_XY  0x10  /* AT&T: x or y suffix by the vector length when the
                        source is memory, not broadcast (vcvtpd2psx) */
#define DV_LQ  0x20  /* AT&T: l/q suffix by W when the source is memory
                        (cvtsi2sdl) */
#define DV_XYA 0x40  /* the same with z for 512 bits too (vfpclasspsz,
                        vcvtpd2phz) */
#define DV_W   0x80  /* mnemonic from W: name holds "a|b" (W0 a, W1 b) */

/* DvEnt.cond: when the row applies. */
#define DC_VW0 0x0001 /* VEX.W must be 0 */
#define DC_VW1 0x0002
#define DC_EW0 0x0004 /* EVEX.W must be 0 */
#define DC_EW1 0x0008
#define DC_MEM 0x0010 /* ModRM.mod != 3 */
#define DC_REG 0x0020 /* ModRM.mod == 3 */
#define DC_L0  0x0040 /* VEX.L / EVEX.L'L must be 0 */
#define DC_L1  0x0080 /* VEX.L must be 1 (256-bit only) */
#define DC_NL0 0x0100 /* EVEX: not 128-bit */
#define DC_Z   0x0400 /* EVEX: 512-bit only */
#define DC_G(n) ((n) + 1) << 12 /* group: ModRM.reg == n */
#define DC_GMASK 0xf000

/* DvEnt.rnd */
enum { DVR_NONE, DVR_ER, DVR_SAE };

struct DvEnt {
  uint16_t key;  /* map << 8 | opcode: 1 0F, 2 0F38, 3 0F3A, 4/5 XOP 8/9,
                    6/7 EVEX maps 5/6 (AVX512-FP16) */
  uint8_t pfx;   /* 0 none, 1 66, 2 F3, 3 F2 */
  uint8_t enc;   /* DV_* */
  uint8_t bc;    /* EVEX broadcast element size, 0 when none */
  uint8_t rnd;   /* DVR_* (EVEX.b with a register source) */
  uint16_t cond; /* DC_* */
  const char *name; /* AT&T mnemonic without the 'v' */
  const char *ops;  /* operand spec */
};

/* Encodings as passed to dv_find. */
enum { DVK_LEG = DV_L, DVK_VEX = DV_V, DVK_EVEX = DV_E };

/* The row for the instruction in d (prefix pfx) in encoding kind, or
 * NULL. */
const struct DvEnt *dv_find(const struct DisInsn *d, int kind, int pfx);
/* Whether any row of encoding kind has d's opcode (and group member)
 * under prefix pfx (-1: any), whatever its other conditions. */
bool dv_known(const struct DisInsn *d, int kind, int pfx);
/* Fills d's mnemonic and operands from row e. */
void dv_apply(struct DisInsn *d, const struct DvEnt *e, int kind);

#endif
