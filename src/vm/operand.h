/* operand.h: reading and writing an instruction's operands.
 *
 * The helpers every handler uses: the effective address of the ModRM
 * memory operand, registers by size (with the AH/CH/DH/BH rule), and the
 * E (ModRM r/m) and G (ModRM reg) operands. Sizes are in bytes. */
#ifndef BLINK_VM_OPERAND_H
#define BLINK_VM_OPERAND_H

#include "insn.h"
#include "machine.h"
#include "memory.h"

/* Truncate x to size bytes. */
static inline uint64_t trunc_sz(uint64_t x, unsigned size) {
  return size >= 8 ? x : x & ((1ull << (size * 8)) - 1);
}

/* Sign-extend the low size bytes of x. */
static inline int64_t sext_sz(uint64_t x, unsigned size) {
  switch (size) {
    case 1: return (int8_t)x;
    case 2: return (int16_t)x;
    case 4: return (int32_t)x;
    default: return (int64_t)x;
  }
}

/* The sign bit of a size-byte value. */
static inline uint64_t sign_bit(unsigned size) {
  return 1ull << (size * 8 - 1);
}

/* Operand size of a byte/word form pair: opcodes whose bit 0 is clear are
 * the byte forms (00/01, 88/89, f6/f7 ...). */
static inline unsigned osz_bw(const struct Insn *i) {
  return (i->op & 1) ? i->osz : 1;
}

/* Effective address of the memory operand, segment base included.
 * m->rip is the next instruction's address, which is what RIP-relative
 * addressing adds. */
static inline uint64_t insn_ea(struct Machine *m, const struct Insn *i) {
  uint64_t a = (uint64_t)i->disp;
  if (i->base != REG_NONE) a += i->base == BASE_RIP ? m->rip : m->r[i->base];
  if (i->index != REG_NONE) a += m->r[i->index] << i->scale;
  if (i->asz == 4) a = (uint32_t)a;
  else if (i->asz == 2) a = (uint16_t)a;
  return a + m->seg_base[i->seg];
}

/* Registers by size. Byte registers 4..7 are AH, CH, DH, BH unless the
 * instruction has a REX prefix, in which case they are SPL..DIL. */
static inline uint64_t reg_get(struct Machine *m, const struct Insn *i,
                               unsigned r, unsigned size) {
  switch (size) {
    case 1:
      if (r >= 4 && r < 8 && !i->rex) return (m->r[r - 4] >> 8) & 0xff;
      return m->r[r] & 0xff;
    case 2: return m->r[r] & 0xffff;
    case 4: return m->r[r] & 0xffffffff;
    default: return m->r[r];
  }
}

/* Writes follow x86-64 rules: 8- and 16-bit writes keep the other bits,
 * 32-bit writes zero the upper half, 64-bit writes replace. */
static inline void reg_put(struct Machine *m, const struct Insn *i, unsigned r,
                           unsigned size, uint64_t v) {
  switch (size) {
    case 1:
      if (r >= 4 && r < 8 && !i->rex)
        m->r[r - 4] = (m->r[r - 4] & ~0xff00ull) | ((v & 0xff) << 8);
      else
        m->r[r] = (m->r[r] & ~0xffull) | (v & 0xff);
      break;
    case 2: m->r[r] = (m->r[r] & ~0xffffull) | (v & 0xffff); break;
    case 4: m->r[r] = (uint32_t)v; break;
    default: m->r[r] = v; break;
  }
}

/* The E operand (ModRM r/m): a register when mod == 3, else memory. */
static inline uint64_t op_get_e(struct Machine *m, const struct Insn *i,
                                unsigned size) {
  if (i->mod == 3) return reg_get(m, i, i->rm, size);
  return mem_load(m, insn_ea(m, i), size);
}

static inline void op_put_e(struct Machine *m, const struct Insn *i,
                            unsigned size, uint64_t v) {
  if (i->mod == 3) reg_put(m, i, i->rm, size, v);
  else mem_store(m, insn_ea(m, i), size, v);
}

/* The G operand (ModRM reg). */
static inline uint64_t op_get_g(struct Machine *m, const struct Insn *i,
                                unsigned size) {
  return reg_get(m, i, i->reg, size);
}

static inline void op_put_g(struct Machine *m, const struct Insn *i,
                            unsigned size, uint64_t v) {
  reg_put(m, i, i->reg, size, v);
}

/* mem_host_rw for a naturally aligned operand (xchg, cmpxchg, xadd,
 * locked inc/dec), else NULL. */
static inline void *host_rw(struct Machine *m, uint64_t va, unsigned size) {
  return (va & (size - 1)) ? NULL : mem_host_rw(m, va, size);
}

/* Stack: the stack pointer's width follows the mode (64-bit in long mode),
 * else the code size unless SS's B bit says otherwise (stack_other: a
 * bare machine's 16-bit code on a 32-bit stack, or the reverse). */
static inline unsigned stack_width(struct Machine *m) {
  return m->mode == MODE_LONG ? 8
         : (m->mode == MODE_PROT32) != m->stack_other ? 4 : 2;
}

static inline void stack_push(struct Machine *m, unsigned size, uint64_t v) {
  unsigned w = stack_width(m);
  uint64_t sp = trunc_sz(m->r[RSP] - size, w);
  mem_store(m, sp + m->seg_base[SEG_SS], size, v);
  m->r[RSP] = w == 8 ? sp : (m->r[RSP] & ~((1ull << (w * 8)) - 1)) | sp;
}

static inline uint64_t stack_pop(struct Machine *m, unsigned size) {
  unsigned w = stack_width(m);
  uint64_t sp = trunc_sz(m->r[RSP], w);
  uint64_t v = mem_load(m, sp + m->seg_base[SEG_SS], size);
  sp = trunc_sz(sp + size, w);
  m->r[RSP] = w == 8 ? sp : (m->r[RSP] & ~((1ull << (w * 8)) - 1)) | sp;
  return v;
}

#endif
