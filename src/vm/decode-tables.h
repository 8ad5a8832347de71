/* decode-tables.h: per-opcode shape of the x86 instruction set, private to
 * decode.c.
 *
 * One 16-bit attribute per opcode and map says how long the instruction is
 * (ModRM or not, which immediate) and which mode rules apply to it. The
 * meaning of the opcodes comes from the Intel SDM volume 2 and the AMD APM
 * volume 3 opcode maps. */
#ifndef BLINK_VM_DECODE_TABLES_H
#define BLINK_VM_DECODE_TABLES_H

#include <stdint.h>

/* Immediate kinds (low 4 bits of an attribute). */
enum {
  IMM_NONE = 0,
  IMM_B,      /* Ib, zero-extended */
  IMM_BS,     /* Ib, sign-extended (83, 6B, 6A) */
  IMM_W,      /* Iw, zero-extended (ret n) */
  IMM_Z,      /* Iz: 16 or 32 bits; sign-extended when osz is 8 */
  IMM_V,      /* Iv: 16, 32 or 64 bits (mov r, imm) */
  IMM_MOFFS,  /* address-size offset (A0-A3) */
  IMM_JB,     /* rel8 */
  IMM_JZ,     /* rel16/rel32, sign-extended */
  IMM_AP,     /* ptr16:16 / ptr16:32 */
  IMM_ENTER,  /* Iw, Ib */
  IMM_GRP3,   /* F6/F7: Ib/Iz for /0 and /1 only */
  IMM_SSE4A,  /* 0F 78: Ib, Ib with 66 or F2 (AMD extrq/insertq) */
  IMM_D,      /* Id, zero-extended (AMD XOP map 0Ah) */
};

#define A_IMM    0x000f
#define A_MODRM  0x0010 /* has a ModRM byte */
#define A_INV64  0x0020 /* #UD in 64-bit mode */
#define A_D64    0x0040 /* operand size defaults to 64 bits in long mode */
#define A_UD     0x0080 /* always undefined (UD0/UD1/UD2, holes) */
#define A_MOD3   0x0100 /* ModRM.mod is ignored: always a register form */

#define M A_MODRM

static const uint16_t dec_1byte[256] = {
    /* ALU rows: Eb,Gb Ev,Gv Gb,Eb Gv,Ev AL,Ib rAX,Iz */
    [0x00 ... 0x03] = M, [0x04] = IMM_B, [0x05] = IMM_Z,
    [0x08 ... 0x0b] = M, [0x0c] = IMM_B, [0x0d] = IMM_Z,
    [0x10 ... 0x13] = M, [0x14] = IMM_B, [0x15] = IMM_Z,
    [0x18 ... 0x1b] = M, [0x1c] = IMM_B, [0x1d] = IMM_Z,
    [0x20 ... 0x23] = M, [0x24] = IMM_B, [0x25] = IMM_Z,
    [0x28 ... 0x2b] = M, [0x2c] = IMM_B, [0x2d] = IMM_Z,
    [0x30 ... 0x33] = M, [0x34] = IMM_B, [0x35] = IMM_Z,
    [0x38 ... 0x3b] = M, [0x3c] = IMM_B, [0x3d] = IMM_Z,
    /* push/pop es, cs, ss, ds; daa das aaa aas */
    [0x06] = A_INV64, [0x07] = A_INV64, [0x0e] = A_INV64,
    [0x16] = A_INV64, [0x17] = A_INV64, [0x1e] = A_INV64, [0x1f] = A_INV64,
    [0x27] = A_INV64, [0x2f] = A_INV64, [0x37] = A_INV64, [0x3f] = A_INV64,
    /* 40-4f: inc/dec r outside long mode, REX inside (never reached) */
    [0x50 ... 0x5f] = A_D64,
    [0x60] = A_INV64, [0x61] = A_INV64, [0x62] = M | A_INV64, [0x63] = M,
    [0x68] = IMM_Z | A_D64, [0x69] = M | IMM_Z,
    [0x6a] = IMM_BS | A_D64, [0x6b] = M | IMM_BS,
    [0x70 ... 0x7f] = IMM_JB | A_D64,
    [0x80] = M | IMM_B, [0x81] = M | IMM_Z, [0x82] = M | IMM_B | A_INV64,
    [0x83] = M | IMM_BS,
    [0x84 ... 0x8e] = M, [0x8f] = M | A_D64,
    [0x9a] = IMM_AP | A_INV64, [0x9c] = A_D64, [0x9d] = A_D64,
    [0xa0 ... 0xa3] = IMM_MOFFS, [0xa8] = IMM_B, [0xa9] = IMM_Z,
    [0xb0 ... 0xb7] = IMM_B, [0xb8 ... 0xbf] = IMM_V,
    [0xc0] = M | IMM_B, [0xc1] = M | IMM_B,
    [0xc2] = IMM_W | A_D64, [0xc3] = A_D64,
    [0xc4] = M | A_INV64, [0xc5] = M | A_INV64, /* les/lds (VEX elsewhere) */
    [0xc6] = M | IMM_B, [0xc7] = M | IMM_Z,
    [0xc8] = IMM_ENTER | A_D64, [0xc9] = A_D64, [0xca] = IMM_W,
    [0xcd] = IMM_B, [0xce] = A_INV64,
    [0xd0 ... 0xd3] = M, [0xd4] = IMM_B | A_INV64, [0xd5] = IMM_B | A_INV64,
    [0xd6] = A_INV64, [0xd8 ... 0xdf] = M,
    [0xe0 ... 0xe3] = IMM_JB | A_D64, [0xe4 ... 0xe7] = IMM_B,
    [0xe8] = IMM_JZ | A_D64, [0xe9] = IMM_JZ | A_D64,
    [0xea] = IMM_AP | A_INV64, [0xeb] = IMM_JB | A_D64,
    [0xf6] = M | IMM_GRP3, [0xf7] = M | IMM_GRP3,
    [0xfe] = M, [0xff] = M, /* FF's D64 depends on ModRM.reg */
};

static const uint16_t dec_0f[256] = {
    [0x00 ... 0x03] = M, [0x04] = A_UD, [0x0a] = A_UD, [0x0b] = A_UD,
    [0x0c] = A_UD, [0x0d] = M, [0x0e] = A_UD,
    [0x0f] = M | IMM_B | A_UD, /* 3DNow!: the Ib is the real opcode */
    [0x10 ... 0x1f] = M,
    [0x20 ... 0x23] = M | A_MOD3 | A_D64,
    [0x24] = M | A_MOD3 | A_UD, [0x26] = M | A_MOD3 | A_UD, /* mov TRn (386) */
    [0x25] = A_UD, [0x27] = A_UD,
    [0x28 ... 0x2f] = M,
    [0x36] = A_UD, [0x39] = A_UD, [0x3b ... 0x3f] = A_UD,
    [0x40 ... 0x6f] = M, [0x70 ... 0x73] = M | IMM_B, [0x74 ... 0x76] = M,
    [0x78] = M | IMM_SSE4A, [0x79] = M, [0x7a] = A_UD, [0x7b] = A_UD, [0x7c ... 0x7f] = M,
    [0x80 ... 0x8f] = IMM_JZ | A_D64,
    [0x90 ... 0x9f] = M,
    [0xa0] = A_D64, [0xa1] = A_D64, [0xa3] = M, [0xa4] = M | IMM_B,
    [0xa5] = M, [0xa6] = M | A_UD, [0xa7] = M | A_UD, /* VIA PadLock */ [0xa8] = A_D64, [0xa9] = A_D64,
    [0xab] = M, [0xac] = M | IMM_B, [0xad ... 0xaf] = M,
    [0xb0 ... 0xb8] = M, [0xb9] = M | A_UD, [0xba] = M | IMM_B,
    [0xbb ... 0xc1] = M, [0xc2] = M | IMM_B, [0xc3] = M,
    [0xc4 ... 0xc6] = M | IMM_B, [0xc7] = M,
    [0xd0 ... 0xfe] = M, [0xff] = M | A_UD,
};

#undef M

/* Prefix bytes, by kind: the prefix loop only looks closer at these. */
enum { PFX_NONE = 0, PFX_REX, PFX_SEG, PFX_FS, PFX_GS, PFX_66, PFX_67,
       PFX_LOCK, PFX_F2, PFX_F3 };
static const uint8_t dec_prefix[256] = {
    [0x26] = PFX_SEG, [0x2e] = PFX_SEG, [0x36] = PFX_SEG, [0x3e] = PFX_SEG,
    [0x40 ... 0x4f] = PFX_REX, [0x64] = PFX_FS, [0x65] = PFX_GS,
    [0x66] = PFX_66, [0x67] = PFX_67, [0xf0] = PFX_LOCK, [0xf2] = PFX_F2,
    [0xf3] = PFX_F3,
};

/* LOCK is allowed only on these read-modify-write instructions with a
 * memory destination; the mask has bit r set when ModRM.reg == r is one. */
static const uint8_t dec_lock_1byte[256] = {
    [0x00] = 0xff, [0x01] = 0xff, [0x08] = 0xff, [0x09] = 0xff,
    [0x10] = 0xff, [0x11] = 0xff, [0x18] = 0xff, [0x19] = 0xff,
    [0x20] = 0xff, [0x21] = 0xff, [0x28] = 0xff, [0x29] = 0xff,
    [0x30] = 0xff, [0x31] = 0xff,
    [0x80 ... 0x83] = 0x7f,     /* all but cmp */
    [0x86] = 0xff, [0x87] = 0xff, /* xchg */
    [0xf6] = 0x0c, [0xf7] = 0x0c, /* not, neg */
    [0xfe] = 0x03, [0xff] = 0x03, /* inc, dec */
};

static const uint8_t dec_lock_0f[256] = {
    [0xab] = 0xff, [0xb3] = 0xff, [0xbb] = 0xff, /* bts btr btc */
    [0xba] = 0xe0,                               /* bts btr btc Ib */
    [0xb0] = 0xff, [0xb1] = 0xff,                /* cmpxchg */
    [0xc0] = 0xff, [0xc1] = 0xff,                /* xadd */
    [0xc7] = 0x02,                               /* cmpxchg8b/16b */
};

#endif
