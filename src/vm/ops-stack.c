/* ops-stack.c: push, pop and the stack frame instructions.
 *
 * The stack pointer's width follows the mode (stack_width); the operand
 * size decides how many bytes move. Instructions that touch the stack
 * more than once (enter, pusha, popa) work on a local copy of the stack
 * pointer and write RSP last, so a page fault half-way leaves RSP as it
 * was, as the CPU does. */
#include "decode.h"
#include "flags.h"
#include "machine.h"
#include "memory.h"
#include "operand.h"
#include "ops.h"

void mov_load_seg(struct Machine *m, int s, uint16_t sel); /* ops-mov.c */

/* The stack pointer truncated to the stack width, and its write-back
 * keeping the bits above that width (SP in a 16-bit stack). */
static inline uint64_t sp_get(struct Machine *m) {
  return trunc_sz(m->r[RSP], stack_width(m));
}

static inline void sp_put(struct Machine *m, uint64_t sp) {
  unsigned w = stack_width(m);
  m->r[RSP] = w == 8 ? sp : (m->r[RSP] & ~((1ull << (w * 8)) - 1)) | trunc_sz(sp, w);
}

static inline uint64_t ss_addr(struct Machine *m, uint64_t sp) {
  return trunc_sz(sp, stack_width(m)) + m->seg_base[SEG_SS];
}

/* 50-57: push r (REX.B reaches r8-r15). push rsp pushes the old value. */
void op_push_r(struct Machine *m, const struct Insn *i) {
  unsigned r = (i->op & 7) | ((i->rex & 1) << 3);
  stack_push(m, i->osz, m->r[r]);
}

/* 58-5F: pop r. pop rsp leaves RSP holding the popped value. */
void op_pop_r(struct Machine *m, const struct Insn *i) {
  unsigned r = (i->op & 7) | ((i->rex & 1) << 3);
  uint64_t v = stack_pop(m, i->osz);
  reg_put(m, i, r, i->osz, v);
}

/* 68/6A: push Iz / Ib (sign-extended to the operand size). */
void op_push_imm(struct Machine *m, const struct Insn *i) {
  stack_push(m, i->osz, i->imm);
}

/* 8F /0: pop Ev. An address based on RSP is computed with RSP already
 * incremented, as the manual specifies; RSP only changes once the store
 * has succeeded. */
void op_pop_e(struct Machine *m, const struct Insn *i) {
  if ((i->reg & 7) != 0) exec_ud(m);
  uint64_t sp = sp_get(m);
  uint64_t v = mem_load(m, ss_addr(m, sp), i->osz);
  uint64_t old = m->r[RSP];
  sp_put(m, sp + i->osz);
  uint64_t after = m->r[RSP];
  if (i->mod == 3) {
    reg_put(m, i, i->rm, i->osz, v);
    return;
  }
  uint64_t va = insn_ea(m, i);
  m->r[RSP] = old;
  mem_store(m, va, i->osz, v);
  m->r[RSP] = after;
}

/* 9C: pushf. VM and RF read as zero in the pushed image. */
void op_pushf(struct Machine *m, const struct Insn *i) {
  uint64_t f = flags_get(m) & ~(uint64_t)(FLAG_VM | FLAG_RF);
  stack_push(m, i->osz, f);
}

/* The RFLAGS bits a popf/iret may change: user mode (CPL 3, IOPL 0, as
 * Linux runs programs in long mode) cannot touch IF, IOPL, VM, VIF, VIP;
 * real and protected mode only run bare-metal code, at privilege 0,
 * which can change IF and IOPL too. */
static uint64_t popf_mask(struct Machine *m, unsigned osz) {
  uint64_t mask = FLAGS_ARITH | FLAG_TF | FLAG_DF | FLAG_NT | FLAG_AC | FLAG_ID;
  if (m->bare) {
    /* IOPL at CPL 0, IF at CPL <= IOPL (real mode: CPL 0). */
    if (!m->cpl) mask |= FLAG_IOPL;
    if ((unsigned)m->cpl <= ((m->rflags & FLAG_IOPL) >> 12)) mask |= FLAG_IF;
  } else if (m->mode != MODE_LONG) {
    mask |= FLAG_IF | FLAG_IOPL;
  }
  if (osz == 2) mask &= 0xffff;
  return mask;
}

/* Shared with iret (ops-misc.c). */
void stack_set_flags(struct Machine *m, uint64_t v, unsigned osz);
void stack_set_flags(struct Machine *m, uint64_t v, unsigned osz) {
  uint64_t mask = popf_mask(m, osz);
  uint64_t f = (flags_get(m) & ~mask) | (v & mask);
  f = (f | 2) & ~(uint64_t)(FLAG_RF | 0x8028 | 0xffffffffffc00000ull);
  flags_set(m, f);
  /* TF: leave the dispatch loop, whose fast path does not single-step;
   * vm_run steps while TF is set (a #DB trap after each instruction). */
  if (f & FLAG_TF) m->trap = 1;
  /* popf that enables interrupts: a pending one is taken right after. */
  if (m->bare && (f & FLAG_IF) && m->irq_pending) m->trap = 1;
}

/* 9D: popf. */
void op_popf(struct Machine *m, const struct Insn *i) {
  uint64_t v = stack_pop(m, i->osz);
  stack_set_flags(m, v, i->osz);
}

/* C8: enter Iw, Ib. Level (mod 32) > 0 copies level-1 frame pointers from
 * the enclosing frame and pushes the new one, for nested procedures. */
void op_enter(struct Machine *m, const struct Insn *i) {
  unsigned osz = i->osz, w = stack_width(m);
  unsigned level = i->imm2 & 31;
  uint64_t size = i->imm & 0xffff;
  uint64_t sp = sp_get(m), bp = trunc_sz(m->r[RBP], w);
  sp -= osz;
  mem_store(m, ss_addr(m, sp), osz, m->r[RBP]);
  uint64_t frame = trunc_sz(sp, w);
  if (level) {
    for (unsigned k = 1; k < level; ++k) {
      bp -= osz;
      uint64_t v = mem_load(m, ss_addr(m, bp), osz);
      sp -= osz;
      mem_store(m, ss_addr(m, sp), osz, v);
    }
    sp -= osz;
    mem_store(m, ss_addr(m, sp), osz, frame);
  }
  /* The CPU then probes a write at the final stack pointer (SDM: #PF "if
   * a write using the final value of the stack pointer ... would cause a
   * page fault"): a large locals area below a guard page faults here, not
   * at its first use. The pushes above have landed by then (the host
   * shows them after the fault); RSP and RBP have not changed. The
   * locals area itself is not written: the probe stores back what it
   * read. */
  sp -= size;
  uint64_t fin = ss_addr(m, sp);
  mem_store(m, fin, osz, mem_load(m, fin, osz));
  reg_put(m, i, RBP, osz == 2 ? 2 : w, frame);
  sp_put(m, sp);
}

/* C9: leave: RSP = RBP, then pop RBP. */
void op_leave(struct Machine *m, const struct Insn *i) {
  unsigned w = stack_width(m);
  uint64_t sp = trunc_sz(m->r[RBP], w);
  uint64_t v = mem_load(m, ss_addr(m, sp), i->osz);
  sp_put(m, sp + i->osz);
  reg_put(m, i, RBP, i->osz, v);
}

/* 60: pusha/pushad (16/32-bit modes): AX CX DX BX SP(original) BP SI DI. */
void op_pusha(struct Machine *m, const struct Insn *i) {
  unsigned osz = i->osz;
  uint64_t sp = sp_get(m), orig = m->r[RSP];
  for (unsigned r = RAX; r <= RDI; ++r) {
    sp -= osz;
    mem_store(m, ss_addr(m, sp), osz, r == RSP ? orig : m->r[r]);
  }
  sp_put(m, sp);
}

/* 61: popa/popad: the reverse, skipping the saved SP. */
void op_popa(struct Machine *m, const struct Insn *i) {
  unsigned osz = i->osz;
  uint64_t sp = sp_get(m), v[8];
  for (int r = RDI; r >= RAX; --r) {
    v[r] = mem_load(m, ss_addr(m, sp), osz);
    sp += osz;
  }
  for (unsigned r = RAX; r <= RDI; ++r)
    if (r != RSP) reg_put(m, i, r, osz, v[r]);
  sp_put(m, sp);
}

/* Which segment register a push/pop seg opcode names: 06/07 ES, 0E CS,
 * 16/17 SS, 1E/1F DS; 0F A0/A1 FS, 0F A8/A9 GS. */
static int seg_of(const struct Insn *i) {
  if (i->map == MAP_0F) return i->op < 0xa8 ? SEG_FS : SEG_GS;
  return i->op >> 3;
}

/* push Sreg. With a 32/64-bit operand size the selector is pushed
 * zero-extended (AMD, and our host; recent Intel cores write only 16
 * bits, leaving the rest of the slot as it was). */
void op_push_seg(struct Machine *m, const struct Insn *i) {
  stack_push(m, i->osz, m->sreg[seg_of(i)]);
}

/* pop Sreg (never CS). */
void op_pop_seg(struct Machine *m, const struct Insn *i) {
  int s = seg_of(i);
  if (s == SEG_CS) exec_ud(m);
  uint64_t sp = sp_get(m);
  uint16_t sel = (uint16_t)mem_load(m, ss_addr(m, sp), i->osz);
  mov_load_seg(m, s, sel);
  sp_put(m, sp + i->osz);
}

/* Instructions that address the stack implicitly through RSP (or RBP,
 * for leave). */
static int implicit_stack(const struct Insn *i) {
  if (i->map == MAP_0F)
    return i->op == 0xa0 || i->op == 0xa1 || i->op == 0xa8 || i->op == 0xa9;
  if (i->map != MAP_1BYTE) return 0;
  switch (i->op) {
    case 0x06: case 0x07: case 0x0e: case 0x16: case 0x17: case 0x1e:
    case 0x1f: case 0x60: case 0x61: case 0x68: case 0x6a: case 0x8f:
    case 0x9a: case 0x9c: case 0x9d: case 0xc2: case 0xc3: case 0xc8:
    case 0xc9: case 0xca: case 0xcb: case 0xcf: case 0xe8:
      return 1;
    case 0xff: {
      unsigned r = i->reg & 7;
      return r == 2 || r == 3 || r == 6;
    }
    default:
      return i->op >= 0x50 && i->op <= 0x5f;
  }
}

/* A non-canonical address is not a page fault: the CPU raises #SS when
 * the reference is through SS (implicit stack accesses, RSP/RBP-based
 * operands), which Linux delivers as SIGBUS, and #GP otherwise. The
 * memory layer only knows the address, so exec_fault asks here, off the
 * hot path: the instruction at m->ip is decoded again and the faulting
 * address is matched against its explicit memory operand. */
int stack_noncanonical_vector(struct Machine *m, uint64_t addr) {
  uint8_t b[15];
  size_t n = 0;
  struct Insn i;
  while (n < sizeof(b) &&
         !mem_peek(m, b + n, m->ip + m->seg_base[SEG_CS] + n, 1))
    ++n;
  if (decode_insn(&i, b, n, m->mode) != DECODE_OK) return EXC_GP;
  if (i.has_modrm && i.mod != 3 && i.fn != op_lea && i.fn != op_nop_e) {
    /* RIP-relative operands: m->rip is still the next instruction. */
    uint64_t ea = insn_ea(m, &i);
    if (addr - ea < 64) return i.seg == SEG_SS ? EXC_SS : EXC_GP;
  }
  return implicit_stack(&i) ? EXC_SS : EXC_GP;
}
