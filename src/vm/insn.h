/* insn.h: one decoded instruction, the record the decoder fills once and
 * the dispatch loop runs many times. */
#ifndef BLINK_VM_INSN_H
#define BLINK_VM_INSN_H

#include <stdint.h>

struct Machine;
struct Insn;

/* An instruction handler. On entry m->ip is the instruction's address and
 * m->rip the address of the next one (so relative branches and RIP-relative
 * operands use m->rip). A handler that faults calls exec_fault() and never
 * returns; registers it already wrote stay written, so handlers read all
 * their memory operands before they write anything. */
typedef void (*OpFn)(struct Machine *m, const struct Insn *i);

/* Opcode maps. */
enum { MAP_1BYTE = 0, MAP_0F = 1, MAP_0F38 = 2, MAP_0F3A = 3 };

/* Values of Insn.base / Insn.index that are not a register. */
#define REG_NONE 0xff
#define BASE_RIP  0xfe  /* base only: RIP-relative (EIP-relative with 67h) */

/* Mandatory/repeat prefix, the last of F2/F3 seen (Insn.rep). */
enum { REP_NONE = 0, REP_F2 = 2, REP_F3 = 3 };

struct Insn {
  OpFn fn;          /* the handler, chosen at decode time */
  int64_t disp;     /* displacement, sign-extended */
  uint64_t imm;     /* first immediate, sign-extended to 64 bits when the
                       opcode's immediate is sign-extended (Ib of 83, 6B,
                       6A, jcc rel8, Iz of 64-bit ops, rel32) and zero-
                       extended otherwise; the moffs of A0-A3; the
                       ptr16:16/32 offset of far jumps and calls */
  uint16_t imm2;    /* second immediate: enter's Ib, far pointer's selector */
  uint8_t len;      /* total length, 1..15 */
  uint8_t map;      /* MAP_* */
  uint8_t op;       /* opcode byte within its map */
  uint8_t osz;      /* operand size in bytes: 2, 4 or 8 (byte forms are
                       told apart by the opcode, not by osz) */
  uint8_t asz;      /* address size in bytes: 2, 4 or 8 */
  uint8_t has_modrm;
  uint8_t modrm;    /* raw ModRM byte */
  uint8_t mod;      /* ModRM.mod, 0..3 */
  uint8_t reg;      /* ModRM.reg with REX.R, 0..15 */
  uint8_t rm;       /* ModRM.rm with REX.B, 0..15 (a register when mod == 3) */
  uint8_t base;     /* memory operand: base register 0..15, BASE_RIP or REG_NONE */
  uint8_t index;    /* memory operand: index register 0..15 or REG_NONE */
  uint8_t scale;    /* memory operand: index shift, 0..3 */
  uint8_t seg;      /* memory operand: segment SEG_* (override or default) */
  uint8_t rex;      /* REX byte (0x40..0x4f) or 0 */
  uint8_t rep;      /* REP_* */
  uint8_t lock;     /* F0 seen */
  uint8_t opsize_prefix; /* 66 seen (SSE uses it as a mandatory prefix) */
  uint8_t segovr;   /* segment override prefix seen: SEG_* + 1, or 0 */
  uint8_t vex;      /* 1 when VEX-encoded (BMI), else 0 */
  uint8_t vex_l;    /* VEX.L */
  uint8_t vex_w;    /* VEX.W */
  uint8_t vex_v;    /* VEX.vvvv, already inverted: a register 0..15 */
  /* Filled by the icache, not the decoder: the record of the instruction
   * that follows this one on the same page, once the dispatch loop has
   * walked from one to the other; NULL until then. Valid only while the
   * page's generation (CodePage.gen) is the one it was linked under. */
  const struct Insn *next;
  /* Likewise for the last other successor seen on the same page (a taken
   * branch, a call or return target): its record's host address with
   * the target's offset in the page in bits 48-63, 0 when none. One word,
   * so that threads relinking the record unlocked can never leave the
   * address of one link with the offset of another (they did as two
   * fields, and a thread ran the wrong record). */
  uint64_t alt;
};

#endif
