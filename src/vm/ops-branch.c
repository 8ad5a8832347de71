/* ops-branch.c: jumps, calls, returns, loops, and the FE/FF groups.
 *
 * During a handler m->rip already points at the next instruction, so a
 * relative branch adds its displacement to m->rip. The new IP is cut to
 * the operand size, and calls and returns move operand-size slots. In
 * long mode a 66 prefix makes a near branch 16-bit as on AMD (Intel
 * ignores it): the decoder already sizes 66 E8/E9/0F 8x with a rel16 as
 * AMD and objdump do, and the host we check against is AMD. */
#include "cpu.h"
#include "flags.h"
#include "machine.h"
#include "memory.h"
#include "operand.h"
#include "ops.h"

void mov_load_seg(struct Machine *m, int s, uint16_t sel); /* ops-mov.c */

/* The user code selector Linux gives 64-bit programs. */
#define USER_CS64 0x33

static inline unsigned near_osz(struct Machine *m, const struct Insn *i) {
  (void)m;
  return i->osz;
}

static inline void jump_to(struct Machine *m, const struct Insn *i,
                           uint64_t target) {
  m->rip = trunc_sz(target, near_osz(m, i));
}

/* 70-7F, 0F 80-8F: jcc rel8/rel32. */
void op_jcc(struct Machine *m, const struct Insn *i) {
  if (flags_cond(m, i->op & 15)) jump_to(m, i, m->rip + i->imm);
}

/* E9/EB: jmp rel32/rel8. */
void op_jmp(struct Machine *m, const struct Insn *i) {
  jump_to(m, i, m->rip + i->imm);
}

/* E8: call rel32. */
void op_call(struct Machine *m, const struct Insn *i) {
  stack_push(m, near_osz(m, i), m->rip);
  jump_to(m, i, m->rip + i->imm);
}

/* C3: ret; C2: ret Iw, which also releases Iw bytes of arguments. */
void op_ret(struct Machine *m, const struct Insn *i) {
  unsigned osz = near_osz(m, i);
  uint64_t t = stack_pop(m, osz);
  if (i->op == 0xc2) {
    unsigned w = stack_width(m);
    uint64_t sp = trunc_sz(m->r[RSP] + (i->imm & 0xffff), w);
    m->r[RSP] = w == 8 ? sp : (m->r[RSP] & ~((1ull << (w * 8)) - 1)) | sp;
  }
  m->rip = trunc_sz(t, osz);
}

/* A far transfer to sel:off. Real mode: CS base = sel * 16. Long mode:
 * only the 64-bit user code segment is possible (compatibility mode is
 * not emulated), anything else is #GP as a bad selector would be.
 * Protected mode needs descriptor tables (bare metal, later). */
static void far_jump(struct Machine *m, unsigned osz, uint16_t sel,
                     uint64_t off) {
  if (cpu_prot(m)) {
    seg_far_transfer(m, sel, off, osz, false);
  } else if (cpu_real(m)) {
    mov_load_seg(m, SEG_CS, sel);
    m->rip = trunc_sz(off, osz);
  } else if (m->mode == MODE_LONG &&
             (sel == m->sreg[SEG_CS] || sel == USER_CS64)) {
    m->sreg[SEG_CS] = sel;
    m->rip = trunc_sz(off, osz);
  } else {
    exec_gp(m);
  }
}

/* CA/CB: retf [Iw]. */
void op_retf(struct Machine *m, const struct Insn *i) {
  if (cpu_prot(m)) {
    seg_far_return(m, i->osz, i->op == 0xca ? (unsigned)(i->imm & 0xffff) : 0);
    return;
  }
  unsigned osz = i->osz, w = stack_width(m);
  uint64_t sp = trunc_sz(m->r[RSP], w);
  uint64_t off = mem_load(m, sp + m->seg_base[SEG_SS], osz);
  uint64_t sel = mem_load(m, trunc_sz(sp + osz, w) + m->seg_base[SEG_SS], osz);
  uint64_t oldsp = m->r[RSP];
  far_jump(m, osz, (uint16_t)sel, off);
  sp = trunc_sz(sp + 2 * osz + (i->op == 0xca ? (i->imm & 0xffff) : 0), w);
  m->r[RSP] = w == 8 ? sp : (oldsp & ~((1ull << (w * 8)) - 1)) | sp;
}

/* EA: jmp ptr16:16/32 (not in long mode: the decoder rejects it). */
void op_jmpf(struct Machine *m, const struct Insn *i) {
  if (m->mode == MODE_LONG) exec_ud(m);
  far_jump(m, i->osz, i->imm2, i->imm);
}

/* 9A: call ptr16:16/32. */
void op_callf(struct Machine *m, const struct Insn *i) {
  if (m->mode == MODE_LONG) exec_ud(m);
  if (cpu_prot(m)) {
    seg_far_transfer(m, (uint16_t)i->imm2, i->imm, i->osz, true);
    return;
  }
  if (!cpu_real(m)) exec_gp(m);
  seg_push_far_return(m, i->osz);
  far_jump(m, i->osz, i->imm2, i->imm);
}

/* E0 loopne, E1 loope, E2 loop: the counter is CX/ECX/RCX by address
 * size. */
void op_loop(struct Machine *m, const struct Insn *i) {
  uint64_t c = trunc_sz(m->r[RCX] - 1, i->asz);
  reg_put(m, i, RCX, i->asz, c);
  if (!c) return;
  if (i->op == 0xe0 && flags_zf(m)) return;
  if (i->op == 0xe1 && !flags_zf(m)) return;
  jump_to(m, i, m->rip + i->imm);
}

/* E3: jcxz / jecxz / jrcxz. */
void op_jrcxz(struct Machine *m, const struct Insn *i) {
  if (!trunc_sz(m->r[RCX], i->asz)) jump_to(m, i, m->rip + i->imm);
}

/* inc/dec Ev: CF is preserved, which the lazy kinds LF_INC/LF_DEC carry
 * in lf_cf. Locked memory forms are atomic on the host. */
static void incdec(struct Machine *m, const struct Insn *i, unsigned size,
                   int dec) {
  uint64_t d = dec ? (uint64_t)-1 : 1, v;
  int cf = flags_cf(m);
  if (i->mod == 3) {
    v = reg_get(m, i, i->rm, size);
    reg_put(m, i, i->rm, size, v + d);
  } else {
    uint64_t va = insn_ea(m, i);
    void *p = i->lock ? host_rw(m, va, size) : NULL;
    if (p) {
      switch (size) {
        case 1: v = __atomic_fetch_add((uint8_t *)p, (uint8_t)d, __ATOMIC_SEQ_CST); break;
        case 2: v = __atomic_fetch_add((uint16_t *)p, (uint16_t)d, __ATOMIC_SEQ_CST); break;
        case 4: v = __atomic_fetch_add((uint32_t *)p, (uint32_t)d, __ATOMIC_SEQ_CST); break;
        default: v = __atomic_fetch_add((uint64_t *)p, d, __ATOMIC_SEQ_CST); break;
      }
    } else if (__builtin_expect(i->lock, 0)) {
      mem_rmw_begin(m); /* a split lock (memory.h) */
      v = mem_load(m, va, size);
      mem_store(m, va, size, trunc_sz(v + d, size));
      mem_rmw_end(m);
    } else {
      v = mem_load(m, va, size);
      mem_store(m, va, size, trunc_sz(v + d, size));
    }
  }
  m->lf_cf = (uint8_t)cf;
  flags_lazy(m, dec ? LF_DEC : LF_INC, (int)size, trunc_sz(v + d, size), v, 1);
}

/* FE: inc/dec Eb. */
void op_grp4(struct Machine *m, const struct Insn *i) {
  unsigned r = i->reg & 7;
  if (r > 1) exec_ud(m);
  incdec(m, i, 1, r);
}

/* Far pointer in memory for FF /3 and /5: offset, then selector. */
static void far_pointer(struct Machine *m, const struct Insn *i,
                        uint16_t *sel, uint64_t *off) {
  if (i->mod == 3) exec_ud(m);
  uint64_t va = insn_ea(m, i);
  *off = mem_load(m, va, i->osz);
  *sel = (uint16_t)mem_load(m, va + i->osz, 2);
}

/* FF: inc, dec, call Ev, callf Mp, jmp Ev, jmpf Mp, push Ev. */
void op_grp5(struct Machine *m, const struct Insn *i) {
  uint64_t t;
  uint16_t sel;
  switch (i->reg & 7) {
    case 0:
    case 1:
      incdec(m, i, i->osz, i->reg & 1);
      return;
    case 2: {
      unsigned osz = near_osz(m, i);
      t = op_get_e(m, i, osz); /* before the push: it may use RSP */
      stack_push(m, osz, m->rip);
      m->rip = t;
      return;
    }
    case 3:
      far_pointer(m, i, &sel, &t);
      if (cpu_prot(m)) {
        seg_far_transfer(m, sel, t, i->osz, true);
        return;
      }
      if (!cpu_real(m) && m->mode != MODE_LONG) exec_gp(m);
      if (m->mode == MODE_LONG && sel != m->sreg[SEG_CS] && sel != USER_CS64)
        exec_gp(m);
      seg_push_far_return(m, i->osz);
      far_jump(m, i->osz, sel, t);
      return;
    case 4:
      m->rip = op_get_e(m, i, near_osz(m, i));
      return;
    case 5:
      far_pointer(m, i, &sel, &t);
      far_jump(m, i->osz, sel, t);
      return;
    case 6:
      t = op_get_e(m, i, i->osz);
      stack_push(m, i->osz, t);
      return;
    default:
      exec_ud(m);
  }
}
