/* dis.h: the disassembler's inside, shared by its modules.
 *
 * disasm.c decodes (decode_insn, for the length, ModRM, SIB,
 * displacement and immediate), reads the prefixes and the VEX/EVEX
 * payload from the raw bytes into struct DisInsn, then asks the opcode
 * modules to describe the instruction: a mnemonic and operands in Intel
 * order (destination first). disasm.c alone turns that description into
 * AT&T or Intel text, so every module prints operands the same way.
 *
 *   disasm.c       framework: prefixes, operand printing, AT&T/Intel,
 *                  symbols, "(bad)"
 *   disasm-int.c   one-byte and 0F integer/system opcodes, BMI/ADX
 *   disasm-x87.c   D8-DF
 *   disasm-sse.c   MMX, SSE..SSE4.2 and the other 0F/0F38/0F3A vector
 *                  opcodes, legacy-encoded
 *   disasm-avx.c   VEX (AVX, AVX2, FMA, F16C) and EVEX (AVX-512) forms
 */
#ifndef BLINK_VM_DIS_H
#define BLINK_VM_DIS_H

#include <stdbool.h>
#include <stdint.h>

#include "disasm.h"
#include "insn.h"

enum {
  DO_NONE = 0,
  DO_REG,  /* a register: text is its name without '%' ("eax", "xmm3",
              "st(1)", "k2", "cr0") */
  DO_MEM,  /* a memory operand: base/index/scale/seg from the Insn,
              disp below (EVEX's compressed disp8 already scaled) */
  DO_IMM,  /* an immediate: val, printed as size bytes wide */
  DO_REL,  /* a branch target: val is the absolute address */
  DO_ABS,  /* an absolute moffs address (A0-A3): val */
  DO_FAR,  /* ljmp/lcall ptr16:32: val offset, sel selector */
  DO_TEXT, /* verbatim text, the same in both syntaxes ("{rn-sae}") */
};

struct DisOp {
  uint8_t kind;   /* DO_* */
  uint8_t size;   /* DO_MEM: the operand's size in bytes for Intel's
                     "SIZE PTR" (1 BYTE, 2 WORD, 4 DWORD, 6 FWORD,
                     8 QWORD, 10 TBYTE, 16 XMMWORD, 32 YMMWORD,
                     64 ZMMWORD; 0 prints no size, as for lea);
                     DO_IMM: width in bytes the value is printed at */
  uint8_t bcst;   /* DO_MEM: EVEX broadcast element count (AT&T
                     "{1to8}", Intel "DWORD BCST"), size is then the
                     element size; 0 = none */
  uint8_t mask;   /* EVEX opmask k1..k7 decorating this operand, 0 none */
  uint8_t zero;   /* with mask: "{z}" */
  uint8_t vsib;   /* DO_MEM: vector index (VSIB): 16/32/64 = xmm/ymm/zmm */
  uint8_t vsib_reg; /* with vsib: the index register number, 0..31 */
  uint16_t sel;   /* DO_FAR selector */
  uint64_t val;   /* DO_IMM, DO_REL, DO_ABS, DO_FAR */
  int64_t disp;   /* DO_MEM */
  char text[24];  /* DO_REG, DO_TEXT */
  /* Added by the framework (additive): */
  uint8_t indirect; /* AT&T "*" before a call/jmp target operand */
  uint8_t implicit; /* DO_MEM not from ModRM (string ops, xlat):
                       base register ibase, segment iseg (0xff: DS,
                       overridable by a prefix) */
  uint8_t ibase, iseg;
  /* Added by the vector modules (additive): with bcst, Intel syntax also
   * prints "{1toN}" (objdump does where the width is otherwise
   * ambiguous: vcvtpd2ps, vfpclassps); AT&T always prints it. */
  uint8_t bcst_show;
  /* Added by the framework (additive): DO_MEM with 64-bit register names
   * whatever 67 says, 67 left unconsumed (MPX in long mode). */
  uint8_t addr64;
};

/* DisOp.size for Intel's "OWORD PTR" (cmpxchg16b), not XMMWORD. */
#define DIS_OWORD 0xf0

struct DisInsn {
  /* Filled by disasm.c before any module runs. */
  const struct Insn *i; /* the decoded record (valid even when the VM
                           would #UD it: fields, len, ModRM, SIB) */
  const uint8_t *p;     /* the raw bytes, i->len of them */
  uint64_t addr;        /* the instruction's address */
  int mode;             /* MODE_* */
  int syntax;           /* DIS_ATT or DIS_INTEL: modules rarely need it
                           (only where the two name things differently) */
  int opc;              /* offset of the opcode byte in p (after the
                           legacy, REX, VEX or EVEX prefixes) */
  uint8_t vex;          /* 0, 2 (C5), 3 (C4) or 4 (62 EVEX) */
  uint8_t vex_map;      /* VEX/EVEX map: 1 0F, 2 0F38, 3 0F3A */
  uint8_t vex_pp;       /* implied prefix: 0 none, 1 66, 2 F3, 3 F2 */
  uint8_t vex_w, vex_l; /* W; L (EVEX: L'L, 0..3) */
  uint8_t vex_v;        /* vvvv (EVEX with V'), already inverted: 0..31 */
  uint8_t evex_r;       /* EVEX: ModRM.reg with R and R', 0..31 */
  uint8_t evex_rm;      /* EVEX: ModRM.rm with B and X (register form),
                           0..31; VEX: ModRM.rm with B */
  uint8_t evex_aaa;     /* EVEX opmask, 0..7 */
  uint8_t evex_z;       /* EVEX zeroing */
  uint8_t evex_b;       /* EVEX.b: broadcast / rounding / SAE */

  /* Filled by the module that recognizes the instruction. */
  char mnem[32];        /* AT&T mnemonic, with its suffix when objdump
                           prints one ("movl", "cvtsi2sdl", "vcvtpd2psx") */
  char imnem[32];       /* Intel mnemonic when different, else "" */
  int nops;             /* operands, in Intel order: destination first */
  struct DisOp op[5];
  /* Prefixes the instruction consumed (mandatory SSE prefixes, REX.W
   * that chose a size): disasm.c doesn't print them as prefixes. */
  bool used_66, used_rep, used_rexw, used_lock;
  /* Set when the opcode module decides the bytes are not a valid
   * instruction: the framework prints "(bad)". */
  bool bad;
};

/* Operand builders (disasm.c). */
void dis_reg(struct DisInsn *d, const char *name);
/* General register number r (0..15) of size 1, 2, 4 or 8 bytes, with
 * the REX rule for spl/bpl/sil/dil versus ah/ch/dh/bh. */
void dis_gpr(struct DisInsn *d, unsigned r, unsigned size);
const char *dis_gpr_name(const struct DisInsn *d, unsigned r,
                         unsigned size);
/* The ModRM memory operand with Intel size `size` (bytes, 0 for none). */
struct DisOp *dis_mem(struct DisInsn *d, unsigned size);
void dis_imm(struct DisInsn *d, uint64_t val, unsigned size);
void dis_rel(struct DisInsn *d, uint64_t target);
void dis_text(struct DisInsn *d, const char *text);
/* Sets the mnemonic: AT&T text, and Intel text or NULL when the same. */
void dis_mnem(struct DisInsn *d, const char *att, const char *intel);
/* Added (additive), mostly for the integer module: */
/* An implicit memory operand [base] (string ops, xlat, maskmov):
 * seg 0xff is DS unless a segment prefix overrides it. */
struct DisOp *dis_mem_at(struct DisInsn *d, unsigned size, unsigned base,
                         unsigned seg);
/* AT&T keeps Intel's operand order (enter, ljmp ptr16:32). */
void dis_keep_order(struct DisInsn *d);
/* Marks the last prefix byte b as consumed (not printed), or names it
 * (printed as name instead of its default: "rep", "bnd", "notrack"). */
void dis_use_prefix(struct DisInsn *d, unsigned b);
void dis_name_prefix(struct DisInsn *d, unsigned b, const char *name);
/* objdump's length for some register forms of memory-only opcodes that
 * it prints as "mnemonic (bad)": the prefixes and one opcode byte. */
void dis_first_byte_only(struct DisInsn *d);
/* "(bad)" with no prefix words at all, as objdump prints an opcode whose
 * mandatory-prefix table has no entry for the prefix given (66/F2/F3
 * 0F xx that exists only with another prefix). Sets d->bad. */
void dis_quiet_bad(struct DisInsn *d);
/* The same, under the name disasm-sse.c asked for. */
void dis_hide_prefixes(struct DisInsn *d);
/* An explicit length (prefixes included) for objdump's odd operand-level
 * "(bad)" forms (0f c5 /mem: prefixes + 0F + C5). */
void dis_set_len(struct DisInsn *d, int len);

/* The opcode modules: each returns true when it recognized the
 * instruction and filled d (possibly setting d->bad), false when the
 * opcode is not one of its own. disasm.c tries them in this order. */
bool dis_x87(struct DisInsn *d);
bool dis_avx(struct DisInsn *d);  /* d->vex != 0 only */
bool dis_sse(struct DisInsn *d);
bool dis_int(struct DisInsn *d);

#endif
