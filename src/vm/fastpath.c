/* fastpath.c: specialized handlers for the commonest instruction forms.
 *
 * The general handlers decide operand size, operand kind (register or
 * memory), ALU kind and prefixes every time they run. Compiled code spends
 * most of its time in a few shapes: 32/64-bit register-register ALU ops,
 * ALU ops with an immediate, register moves, loads and stores. For those,
 * the decoder's choice is replaced once, at decode time, by a handler with
 * all of that fixed, so the run-time work is just the operation. The
 * general handlers stay the reference: every case here must behave exactly
 * as they do (tests/vm/test-alu and the program tests run both). */
#include "fastpath.h"

#include "flags.h"
#include "machine.h"
#include "memory.h"
#include "operand.h"
#include "ops-sse.h"

#include <emmintrin.h>

/* Memory operands by address shape, decided at decode time: a base
 * register plus displacement, base plus scaled index plus displacement,
 * or anything else (insn_ea). The first two need 64-bit addressing and a
 * segment whose base long mode ignores (not FS or GS). */
#define EA_B(m, i) ((m)->r[(i)->base] + (uint64_t)(i)->disp)
#define EA_BI(m, i) \
  ((m)->r[(i)->base] + ((m)->r[(i)->index] << (i)->scale) + (uint64_t)(i)->disp)
static int ea_shape(const struct Insn *i) {
  if (i->asz != 8 || i->seg == SEG_FS || i->seg == SEG_GS ||
      i->base == REG_NONE || i->base == BASE_RIP)
    return 0;
  return i->index == REG_NONE ? 1 : 2;
}

/* ALU kinds by ModRM.reg / opcode bits 3-5. adc and sbb are left to the
 * general handler (they read CF). */
enum { K_ADD = 0, K_OR = 1, K_AND = 4, K_SUB = 5, K_XOR = 6, K_CMP = 7 };

/* One handler per (kind, size, direction): D is the destination register
 * field, S the source. 32-bit results zero-extend, as x86-64 does. */
#define ALU_RR(NAME, T, SZ, D, S, OPEXPR, LF, STORE)          \
  static void NAME(struct Machine *m, const struct Insn *i) { \
    T a = (T)m->r[i->D], b = (T)m->r[i->S];                   \
    T r = (T)(OPEXPR);                                        \
    if (STORE) m->r[i->D] = r;                                \
    flags_lazy(m, LF, SZ, r, a, b);                           \
  }

#define ALU_RI(NAME, T, SZ, OPEXPR, LF, STORE)                \
  static void NAME(struct Machine *m, const struct Insn *i) { \
    T a = (T)m->r[i->rm], b = (T)i->imm;                      \
    T r = (T)(OPEXPR);                                        \
    if (STORE) m->r[i->rm] = r;                               \
    flags_lazy(m, LF, SZ, r, a, b);                           \
  }

#define ALU_FAMILY(KNAME, OPEXPR, LF, STORE)                                 \
  ALU_RR(fast_##KNAME##_ed_64, uint64_t, 8, rm, reg, OPEXPR, LF, STORE)      \
  ALU_RR(fast_##KNAME##_ed_32, uint32_t, 4, rm, reg, OPEXPR, LF, STORE)      \
  ALU_RR(fast_##KNAME##_gd_64, uint64_t, 8, reg, rm, OPEXPR, LF, STORE)      \
  ALU_RR(fast_##KNAME##_gd_32, uint32_t, 4, reg, rm, OPEXPR, LF, STORE)      \
  ALU_RI(fast_##KNAME##_ri_64, uint64_t, 8, OPEXPR, LF, STORE)               \
  ALU_RI(fast_##KNAME##_ri_32, uint32_t, 4, OPEXPR, LF, STORE)

ALU_FAMILY(add, a + b, LF_ADD, 1)
ALU_FAMILY(or, a | b, LF_LOGIC, 1)
ALU_FAMILY(and, a & b, LF_LOGIC, 1)
ALU_FAMILY(sub, a - b, LF_SUB, 1)
ALU_FAMILY(xor, a ^ b, LF_LOGIC, 1)
ALU_FAMILY(cmp, a - b, LF_SUB, 0)
ALU_RR(fast_test_64, uint64_t, 8, rm, reg, a & b, LF_LOGIC, 0)
ALU_RR(fast_test_32, uint32_t, 4, rm, reg, a & b, LF_LOGIC, 0)

/* Handlers by [kind][direction/immediate][size is 64]. */
static const OpFn alu_fast[8][3][2] = {
    [K_ADD] = {{fast_add_ed_32, fast_add_ed_64}, {fast_add_gd_32, fast_add_gd_64}, {fast_add_ri_32, fast_add_ri_64}},
    [K_OR] = {{fast_or_ed_32, fast_or_ed_64}, {fast_or_gd_32, fast_or_gd_64}, {fast_or_ri_32, fast_or_ri_64}},
    [K_AND] = {{fast_and_ed_32, fast_and_ed_64}, {fast_and_gd_32, fast_and_gd_64}, {fast_and_ri_32, fast_and_ri_64}},
    [K_SUB] = {{fast_sub_ed_32, fast_sub_ed_64}, {fast_sub_gd_32, fast_sub_gd_64}, {fast_sub_ri_32, fast_sub_ri_64}},
    [K_XOR] = {{fast_xor_ed_32, fast_xor_ed_64}, {fast_xor_gd_32, fast_xor_gd_64}, {fast_xor_ri_32, fast_xor_ri_64}},
    [K_CMP] = {{fast_cmp_ed_32, fast_cmp_ed_64}, {fast_cmp_gd_32, fast_cmp_gd_64}, {fast_cmp_ri_32, fast_cmp_ri_64}},
};

/* Moves. */
static void fast_mov_rr_64(struct Machine *m, const struct Insn *i) {
  m->r[i->rm] = m->r[i->reg];
}
static void fast_mov_rr_32(struct Machine *m, const struct Insn *i) {
  m->r[i->rm] = (uint32_t)m->r[i->reg];
}
static void fast_load_64_g(struct Machine *m, const struct Insn *i) {
  m->r[i->reg] = mem_load(m, insn_ea(m, i), 8);
}
static void fast_load_64_b(struct Machine *m, const struct Insn *i) {
  m->r[i->reg] = mem_load(m, EA_B(m, i), 8);
}
static void fast_load_64_bi(struct Machine *m, const struct Insn *i) {
  m->r[i->reg] = mem_load(m, EA_BI(m, i), 8);
}
static const OpFn fast_load_64_tab[3] = {fast_load_64_g, fast_load_64_b, fast_load_64_bi};
static void fast_load_32_g(struct Machine *m, const struct Insn *i) {
  m->r[i->reg] = mem_load(m, insn_ea(m, i), 4);
}
static void fast_load_32_b(struct Machine *m, const struct Insn *i) {
  m->r[i->reg] = mem_load(m, EA_B(m, i), 4);
}
static void fast_load_32_bi(struct Machine *m, const struct Insn *i) {
  m->r[i->reg] = mem_load(m, EA_BI(m, i), 4);
}
static const OpFn fast_load_32_tab[3] = {fast_load_32_g, fast_load_32_b, fast_load_32_bi};
static void fast_store_64_g(struct Machine *m, const struct Insn *i) {
  mem_store(m, insn_ea(m, i), 8, m->r[i->reg]);
}
static void fast_store_64_b(struct Machine *m, const struct Insn *i) {
  mem_store(m, EA_B(m, i), 8, m->r[i->reg]);
}
static void fast_store_64_bi(struct Machine *m, const struct Insn *i) {
  mem_store(m, EA_BI(m, i), 8, m->r[i->reg]);
}
static const OpFn fast_store_64_tab[3] = {fast_store_64_g, fast_store_64_b, fast_store_64_bi};
static void fast_store_32_g(struct Machine *m, const struct Insn *i) {
  mem_store(m, insn_ea(m, i), 4, m->r[i->reg]);
}
static void fast_store_32_b(struct Machine *m, const struct Insn *i) {
  mem_store(m, EA_B(m, i), 4, m->r[i->reg]);
}
static void fast_store_32_bi(struct Machine *m, const struct Insn *i) {
  mem_store(m, EA_BI(m, i), 4, m->r[i->reg]);
}
static const OpFn fast_store_32_tab[3] = {fast_store_32_g, fast_store_32_b, fast_store_32_bi};
static void fast_mov_ri_64(struct Machine *m, const struct Insn *i) {
  m->r[i->rm] = i->imm;
}
static void fast_mov_ri_32(struct Machine *m, const struct Insn *i) {
  m->r[i->rm] = (uint32_t)i->imm;
}
static void fast_push_64(struct Machine *m, const struct Insn *i) {
  uint64_t sp = m->r[RSP] - 8;
  mem_store(m, sp, 8, m->r[i->rm]);
  m->r[RSP] = sp;
}
static void fast_pop_64(struct Machine *m, const struct Insn *i) {
  uint64_t v = mem_load(m, m->r[RSP], 8);
  m->r[RSP] += 8; /* before the write: pop rsp loads the popped value */
  m->r[i->rm] = v;
}

/* shl/shr/sar of a register by an immediate, one or CL: the count is
 * masked as the CPU does; a zero count writes the register unchanged
 * (a 32-bit one still loses its upper half) and leaves the flags. */
#define SHIFT(NAME, T, SZ, COUNT, EXPR, LF)                       \
  static void NAME(struct Machine *m, const struct Insn *i) {     \
    unsigned c = (unsigned)(COUNT) & (SZ == 8 ? 63 : 31);         \
    T a = (T)m->r[i->rm], r = c ? (T)(EXPR) : a;                  \
    m->r[i->rm] = r;                                              \
    if (c) flags_lazy(m, LF, SZ, r, a, c);                        \
  }
#define SHIFTS(COUNTNAME, COUNT)                                                 \
  SHIFT(fast_shl_##COUNTNAME##_64, uint64_t, 8, COUNT, a << c, LF_SHL)           \
  SHIFT(fast_shl_##COUNTNAME##_32, uint32_t, 4, COUNT, a << c, LF_SHL)           \
  SHIFT(fast_shr_##COUNTNAME##_64, uint64_t, 8, COUNT, a >> c, LF_SHR)           \
  SHIFT(fast_shr_##COUNTNAME##_32, uint32_t, 4, COUNT, a >> c, LF_SHR)           \
  SHIFT(fast_sar_##COUNTNAME##_64, uint64_t, 8, COUNT, (int64_t)a >> c, LF_SAR)  \
  SHIFT(fast_sar_##COUNTNAME##_32, uint32_t, 4, COUNT, (int32_t)a >> c, LF_SAR)
SHIFTS(imm, i->imm)
SHIFTS(cl, m->r[RCX])

/* By [ModRM.reg - 4] (shl, shr, sal = shl, sar), [count from CL], [64]. */
static const OpFn shift_fast[4][2][2] = {
    {{fast_shl_imm_32, fast_shl_imm_64}, {fast_shl_cl_32, fast_shl_cl_64}},
    {{fast_shr_imm_32, fast_shr_imm_64}, {fast_shr_cl_32, fast_shr_cl_64}},
    {{fast_shl_imm_32, fast_shl_imm_64}, {fast_shl_cl_32, fast_shl_cl_64}},
    {{fast_sar_imm_32, fast_sar_imm_64}, {fast_sar_cl_32, fast_sar_cl_64}},
};

/* test Ev, Iz (F7 /0) with a register. */
static void fast_test_ri_64(struct Machine *m, const struct Insn *i) {
  uint64_t r = m->r[i->rm] & i->imm;
  flags_lazy(m, LF_LOGIC, 8, r, 0, 0);
}
static void fast_test_ri_32(struct Machine *m, const struct Insn *i) {
  uint32_t r = (uint32_t)m->r[i->rm] & (uint32_t)i->imm;
  flags_lazy(m, LF_LOGIC, 4, r, 0, 0);
}

/* movzx/movsx from memory into a 32/64-bit register (both write all 64
 * bits: a 32-bit write zero-extends). */
static void fast_movzx_b_mem_g(struct Machine *m, const struct Insn *i) {
  m->r[i->reg] = mem_load(m, insn_ea(m, i), 1);
}
static void fast_movzx_b_mem_b(struct Machine *m, const struct Insn *i) {
  m->r[i->reg] = mem_load(m, EA_B(m, i), 1);
}
static void fast_movzx_b_mem_bi(struct Machine *m, const struct Insn *i) {
  m->r[i->reg] = mem_load(m, EA_BI(m, i), 1);
}
static const OpFn fast_movzx_b_mem_tab[3] = {fast_movzx_b_mem_g, fast_movzx_b_mem_b, fast_movzx_b_mem_bi};
static void fast_movzx_w_mem_g(struct Machine *m, const struct Insn *i) {
  m->r[i->reg] = mem_load(m, insn_ea(m, i), 2);
}
static void fast_movzx_w_mem_b(struct Machine *m, const struct Insn *i) {
  m->r[i->reg] = mem_load(m, EA_B(m, i), 2);
}
static void fast_movzx_w_mem_bi(struct Machine *m, const struct Insn *i) {
  m->r[i->reg] = mem_load(m, EA_BI(m, i), 2);
}
static const OpFn fast_movzx_w_mem_tab[3] = {fast_movzx_w_mem_g, fast_movzx_w_mem_b, fast_movzx_w_mem_bi};
static void fast_movsx_b_mem_64_g(struct Machine *m, const struct Insn *i) {
  m->r[i->reg] = (uint64_t)(int64_t)(int8_t)mem_load(m, insn_ea(m, i), 1);
}
static void fast_movsx_b_mem_64_b(struct Machine *m, const struct Insn *i) {
  m->r[i->reg] = (uint64_t)(int64_t)(int8_t)mem_load(m, EA_B(m, i), 1);
}
static void fast_movsx_b_mem_64_bi(struct Machine *m, const struct Insn *i) {
  m->r[i->reg] = (uint64_t)(int64_t)(int8_t)mem_load(m, EA_BI(m, i), 1);
}
static const OpFn fast_movsx_b_mem_64_tab[3] = {fast_movsx_b_mem_64_g, fast_movsx_b_mem_64_b, fast_movsx_b_mem_64_bi};
static void fast_movsx_b_mem_32_g(struct Machine *m, const struct Insn *i) {
  m->r[i->reg] = (uint32_t)(int32_t)(int8_t)mem_load(m, insn_ea(m, i), 1);
}
static void fast_movsx_b_mem_32_b(struct Machine *m, const struct Insn *i) {
  m->r[i->reg] = (uint32_t)(int32_t)(int8_t)mem_load(m, EA_B(m, i), 1);
}
static void fast_movsx_b_mem_32_bi(struct Machine *m, const struct Insn *i) {
  m->r[i->reg] = (uint32_t)(int32_t)(int8_t)mem_load(m, EA_BI(m, i), 1);
}
static const OpFn fast_movsx_b_mem_32_tab[3] = {fast_movsx_b_mem_32_g, fast_movsx_b_mem_32_b, fast_movsx_b_mem_32_bi};
static void fast_movzx_w_reg(struct Machine *m, const struct Insn *i) {
  m->r[i->reg] = (uint16_t)m->r[i->rm];
}

/* Byte compares and tests, the heart of C string loops. */
static void fast_cmp_b_mem_imm_g(struct Machine *m, const struct Insn *i) {
  uint8_t a = (uint8_t)mem_load(m, insn_ea(m, i), 1), b = (uint8_t)i->imm;
  flags_lazy(m, LF_SUB, 1, (uint8_t)(a - b), a, b);
}
static void fast_cmp_b_mem_imm_b(struct Machine *m, const struct Insn *i) {
  uint8_t a = (uint8_t)mem_load(m, EA_B(m, i), 1), b = (uint8_t)i->imm;
  flags_lazy(m, LF_SUB, 1, (uint8_t)(a - b), a, b);
}
static void fast_cmp_b_mem_imm_bi(struct Machine *m, const struct Insn *i) {
  uint8_t a = (uint8_t)mem_load(m, EA_BI(m, i), 1), b = (uint8_t)i->imm;
  flags_lazy(m, LF_SUB, 1, (uint8_t)(a - b), a, b);
}
static const OpFn fast_cmp_b_mem_imm_tab[3] = {fast_cmp_b_mem_imm_g, fast_cmp_b_mem_imm_b, fast_cmp_b_mem_imm_bi};
static void fast_test_b_rr(struct Machine *m, const struct Insn *i) {
  uint8_t r = (uint8_t)(reg_get(m, i, i->rm, 1) & reg_get(m, i, i->reg, 1));
  flags_lazy(m, LF_LOGIC, 1, r, 0, 0);
}
static void fast_cmp_b_rm_g(struct Machine *m, const struct Insn *i) {
  /* 3A: cmp Gb, Eb with a memory Eb. */
  uint8_t b = (uint8_t)mem_load(m, insn_ea(m, i), 1);
  uint8_t a = (uint8_t)reg_get(m, i, i->reg, 1);
  flags_lazy(m, LF_SUB, 1, (uint8_t)(a - b), a, b);
}
static void fast_cmp_b_rm_b(struct Machine *m, const struct Insn *i) {
  /* 3A: cmp Gb, Eb with a memory Eb. */
  uint8_t b = (uint8_t)mem_load(m, EA_B(m, i), 1);
  uint8_t a = (uint8_t)reg_get(m, i, i->reg, 1);
  flags_lazy(m, LF_SUB, 1, (uint8_t)(a - b), a, b);
}
static void fast_cmp_b_rm_bi(struct Machine *m, const struct Insn *i) {
  /* 3A: cmp Gb, Eb with a memory Eb. */
  uint8_t b = (uint8_t)mem_load(m, EA_BI(m, i), 1);
  uint8_t a = (uint8_t)reg_get(m, i, i->reg, 1);
  flags_lazy(m, LF_SUB, 1, (uint8_t)(a - b), a, b);
}
static const OpFn fast_cmp_b_rm_tab[3] = {fast_cmp_b_rm_g, fast_cmp_b_rm_b, fast_cmp_b_rm_bi};

/* jcc with the condition read straight off a recorded cmp or test. */
/* The same with the condition fixed at decode time, so that the compiler
 * folds flags_cond_inline's switch to the one case. */
#define JCC(CC)                                                      \
  static void fast_jcc_##CC(struct Machine *m, const struct Insn *i) { \
    if (flags_cond_inline(m, 0x##CC)) m->rip += i->imm;              \
  }
JCC(0) JCC(1) JCC(2) JCC(3) JCC(4) JCC(5) JCC(6) JCC(7)
JCC(8) JCC(9) JCC(a) JCC(b) JCC(c) JCC(d) JCC(e) JCC(f)
static const OpFn jcc_fast[16] = {
    fast_jcc_0, fast_jcc_1, fast_jcc_2, fast_jcc_3, fast_jcc_4, fast_jcc_5,
    fast_jcc_6, fast_jcc_7, fast_jcc_8, fast_jcc_9, fast_jcc_a, fast_jcc_b,
    fast_jcc_c, fast_jcc_d, fast_jcc_e, fast_jcc_f,
};


/* movsxd Gq, Ed (63 with REX.W), the jump-table load of switch code. */
static void fast_movsxd_mem_g(struct Machine *m, const struct Insn *i) {
  m->r[i->reg] = (uint64_t)(int64_t)(int32_t)mem_load(m, insn_ea(m, i), 4);
}
static void fast_movsxd_mem_b(struct Machine *m, const struct Insn *i) {
  m->r[i->reg] = (uint64_t)(int64_t)(int32_t)mem_load(m, EA_B(m, i), 4);
}
static void fast_movsxd_mem_bi(struct Machine *m, const struct Insn *i) {
  m->r[i->reg] = (uint64_t)(int64_t)(int32_t)mem_load(m, EA_BI(m, i), 4);
}
static const OpFn fast_movsxd_mem_tab[3] = {fast_movsxd_mem_g, fast_movsxd_mem_b, fast_movsxd_mem_bi};
static void fast_movsxd_reg(struct Machine *m, const struct Insn *i) {
  m->r[i->reg] = (uint64_t)(int64_t)(int32_t)m->r[i->rm];
}

/* lea with 64-bit addressing, by which address parts are present. A
 * 32-bit destination keeps the low half, zero-extended. */
#define LEA(NAME, EXPR)                                            \
  static void NAME##_64(struct Machine *m, const struct Insn *i) { \
    m->r[i->reg] = (uint64_t)(EXPR);                               \
  }                                                                \
  static void NAME##_32(struct Machine *m, const struct Insn *i) { \
    m->r[i->reg] = (uint32_t)(EXPR);                               \
  }
LEA(fast_lea_b, m->r[i->base] + (uint64_t)i->disp)
LEA(fast_lea_bi, m->r[i->base] + (m->r[i->index] << i->scale) + (uint64_t)i->disp)
LEA(fast_lea_i, (m->r[i->index] << i->scale) + (uint64_t)i->disp)
LEA(fast_lea_rip, m->rip + (uint64_t)i->disp)

/* Near branches with 64-bit operand size. Long mode's SS base is 0. */
static void fast_jmp(struct Machine *m, const struct Insn *i) {
  m->rip += i->imm;
}
static void fast_call(struct Machine *m, const struct Insn *i) {
  uint64_t sp = m->r[RSP] - 8;
  mem_store(m, sp, 8, m->rip);
  m->r[RSP] = sp;
  m->rip += i->imm;
}
static void fast_ret(struct Machine *m, const struct Insn *i) {
  (void)i;
  uint64_t t = mem_load(m, m->r[RSP], 8);
  m->r[RSP] += 8;
  m->rip = t;
}
static void fast_jmp_reg(struct Machine *m, const struct Insn *i) {
  m->rip = m->r[i->rm];
}
static void fast_jmp_mem(struct Machine *m, const struct Insn *i) {
  m->rip = mem_load(m, insn_ea(m, i), 8);
}
static void fast_call_reg(struct Machine *m, const struct Insn *i) {
  uint64_t t = m->r[i->rm], sp = m->r[RSP] - 8;
  mem_store(m, sp, 8, m->rip);
  m->r[RSP] = sp;
  m->rip = t;
}
static void fast_call_mem(struct Machine *m, const struct Insn *i) {
  uint64_t t = mem_load(m, insn_ea(m, i), 8); /* before the push: it may use RSP */
  uint64_t sp = m->r[RSP] - 8;
  mem_store(m, sp, 8, m->rip);
  m->r[RSP] = sp;
  m->rip = t;
}

/* inc/dec of a 32/64-bit register (FF /0, FF /1): CF is kept. */
#define INCDEC(NAME, T, SZ, D, LF)                                \
  static void NAME(struct Machine *m, const struct Insn *i) {     \
    int cf = flags_cf(m);                                         \
    T a = (T)m->r[i->rm], r = (T)(a + (T)(D));                    \
    m->r[i->rm] = r;                                              \
    m->lf_cf = (uint8_t)cf;                                       \
    flags_lazy(m, LF, SZ, r, a, 1);                               \
  }
INCDEC(fast_inc_64, uint64_t, 8, 1, LF_INC)
INCDEC(fast_inc_32, uint32_t, 4, 1, LF_INC)
INCDEC(fast_dec_64, uint64_t, 8, -1, LF_DEC)
INCDEC(fast_dec_32, uint32_t, 4, -1, LF_DEC)

/* cmovcc: a 32-bit form zero-extends the destination either way; the
 * memory operand is read whether or not the move happens. */
static void fast_cmov_rr_64(struct Machine *m, const struct Insn *i) {
  if (flags_cond_inline(m, i->op & 15)) m->r[i->reg] = m->r[i->rm];
}
static void fast_cmov_rr_32(struct Machine *m, const struct Insn *i) {
  uint64_t v = flags_cond_inline(m, i->op & 15) ? m->r[i->rm] : m->r[i->reg];
  m->r[i->reg] = (uint32_t)v;
}
static void fast_cmov_rm_64(struct Machine *m, const struct Insn *i) {
  uint64_t v = mem_load(m, insn_ea(m, i), 8);
  if (flags_cond_inline(m, i->op & 15)) m->r[i->reg] = v;
}
static void fast_cmov_rm_32(struct Machine *m, const struct Insn *i) {
  uint64_t v = mem_load(m, insn_ea(m, i), 4);
  if (!flags_cond_inline(m, i->op & 15)) v = m->r[i->reg];
  m->r[i->reg] = (uint32_t)v;
}

/* setcc of a register byte. */
static void fast_setcc_reg(struct Machine *m, const struct Insn *i) {
  reg_put(m, i, i->rm, 1, (uint64_t)flags_cond_inline(m, i->op & 15));
}

/* movzx Gv, Eb with a register source (AH..BH without REX). */
static void fast_movzx_b_reg(struct Machine *m, const struct Insn *i) {
  m->r[i->reg] = reg_get(m, i, i->rm, 1);
}

/* imul Gv, Ev (0F AF) with a register source. CF = OF = overflow; the
 * other four flags are left as they were (as Zen does, see ops-alu.c). */
static inline void fast_mul_flags(struct Machine *m, int ovf) {
  uint64_t f = flags_get(m) & ~(uint64_t)(FLAG_CF | FLAG_OF);
  if (ovf) f |= FLAG_CF | FLAG_OF;
  flags_put_arith(m, f);
}
static void fast_imul_rr_64(struct Machine *m, const struct Insn *i) {
  int64_t p;
  int ovf = __builtin_mul_overflow((int64_t)m->r[i->reg], (int64_t)m->r[i->rm], &p);
  m->r[i->reg] = (uint64_t)p;
  fast_mul_flags(m, ovf);
}
static void fast_imul_rr_32(struct Machine *m, const struct Insn *i) {
  int64_t p = (int64_t)(int32_t)m->r[i->reg] * (int32_t)m->r[i->rm];
  m->r[i->reg] = (uint32_t)p;
  fast_mul_flags(m, p != (int32_t)p);
}

/* rol/ror of a register by an immediate: only CF and OF change. */
#define ROT(NAME, T, SZ, LEFT)                                              \
  static void NAME(struct Machine *m, const struct Insn *i) {               \
    unsigned c = (unsigned)i->imm & (SZ == 8 ? 63 : 31);                    \
    T a = (T)m->r[i->rm], r;                                                \
    unsigned k = c & (SZ * 8 - 1);                                          \
    if (!c) { m->r[i->rm] = a; return; }                                    \
    r = k ? (LEFT ? (T)((a << k) | (a >> (SZ * 8 - k)))                     \
                  : (T)((a >> k) | (a << (SZ * 8 - k)))) : a;               \
    m->r[i->rm] = r;                                                        \
    int top = (int)(r >> (SZ * 8 - 1)) & 1;                                 \
    int cf = LEFT ? (int)(r & 1) : top;                                     \
    int of = LEFT ? top ^ cf : top ^ ((int)(r >> (SZ * 8 - 2)) & 1);        \
    uint64_t f = flags_get(m) & ~(uint64_t)(FLAG_CF | FLAG_OF);             \
    if (cf) f |= FLAG_CF;                                                   \
    if (of) f |= FLAG_OF;                                                   \
    flags_put_arith(m, f);                                                  \
  }
ROT(fast_rol_imm_64, uint64_t, 8, 1)
ROT(fast_rol_imm_32, uint32_t, 4, 1)
ROT(fast_ror_imm_64, uint64_t, 8, 0)
ROT(fast_ror_imm_32, uint32_t, 4, 0)

/* The same ALU kinds with a memory operand: Gv op= [mem] (03, 0B, ...),
 * [mem] op= Gv (01, 09, ...) and [mem] op= imm (81, 83). The flags are
 * recorded after the store, which is what may fault. */
#define ALU_GM(NAME, T, SZ, OPEXPR, LF, STORE)                   \
  static void NAME(struct Machine *m, const struct Insn *i) {    \
    T b = (T)mem_load(m, insn_ea(m, i), SZ), a = (T)m->r[i->reg]; \
    T r = (T)(OPEXPR);                                           \
    if (STORE) m->r[i->reg] = r;                                 \
    flags_lazy(m, LF, SZ, r, a, b);                              \
  }
#define ALU_EM(NAME, T, SZ, SRC, OPEXPR, LF, STORE)              \
  static void NAME(struct Machine *m, const struct Insn *i) {    \
    uint64_t ea = insn_ea(m, i);                                 \
    T a = (T)mem_load(m, ea, SZ), b = (T)(SRC);                  \
    T r = (T)(OPEXPR);                                           \
    if (STORE) mem_store(m, ea, SZ, r);                          \
    flags_lazy(m, LF, SZ, r, a, b);                              \
  }
#define ALU_MFAMILY(KNAME, OPEXPR, LF, STORE)                                      \
  ALU_GM(fast_##KNAME##_gm_64, uint64_t, 8, OPEXPR, LF, STORE)                     \
  ALU_GM(fast_##KNAME##_gm_32, uint32_t, 4, OPEXPR, LF, STORE)                     \
  ALU_EM(fast_##KNAME##_em_64, uint64_t, 8, m->r[i->reg], OPEXPR, LF, STORE)       \
  ALU_EM(fast_##KNAME##_em_32, uint32_t, 4, m->r[i->reg], OPEXPR, LF, STORE)       \
  ALU_EM(fast_##KNAME##_mi_64, uint64_t, 8, i->imm, OPEXPR, LF, STORE)             \
  ALU_EM(fast_##KNAME##_mi_32, uint32_t, 4, i->imm, OPEXPR, LF, STORE)
ALU_MFAMILY(add, a + b, LF_ADD, 1)
ALU_MFAMILY(or, a | b, LF_LOGIC, 1)
ALU_MFAMILY(and, a & b, LF_LOGIC, 1)
ALU_MFAMILY(sub, a - b, LF_SUB, 1)
ALU_MFAMILY(xor, a ^ b, LF_LOGIC, 1)
ALU_MFAMILY(cmp, a - b, LF_SUB, 0)

/* By [kind][Ev,Gv / Gv,Ev / Ev,imm][size is 64], memory forms. */
static const OpFn alu_fast_mem[8][3][2] = {
    [K_ADD] = {{fast_add_em_32, fast_add_em_64}, {fast_add_gm_32, fast_add_gm_64}, {fast_add_mi_32, fast_add_mi_64}},
    [K_OR] = {{fast_or_em_32, fast_or_em_64}, {fast_or_gm_32, fast_or_gm_64}, {fast_or_mi_32, fast_or_mi_64}},
    [K_AND] = {{fast_and_em_32, fast_and_em_64}, {fast_and_gm_32, fast_and_gm_64}, {fast_and_mi_32, fast_and_mi_64}},
    [K_SUB] = {{fast_sub_em_32, fast_sub_em_64}, {fast_sub_gm_32, fast_sub_gm_64}, {fast_sub_mi_32, fast_sub_mi_64}},
    [K_XOR] = {{fast_xor_em_32, fast_xor_em_64}, {fast_xor_gm_32, fast_xor_gm_64}, {fast_xor_mi_32, fast_xor_mi_64}},
    [K_CMP] = {{fast_cmp_em_32, fast_cmp_em_64}, {fast_cmp_gm_32, fast_cmp_gm_64}, {fast_cmp_mi_32, fast_cmp_mi_64}},
};

/* imul Gv, Ev, imm (69, 6B) with a register source. */
static void fast_imul_ri_64(struct Machine *m, const struct Insn *i) {
  int64_t p;
  int ovf = __builtin_mul_overflow((int64_t)m->r[i->rm], (int64_t)i->imm, &p);
  m->r[i->reg] = (uint64_t)p;
  fast_mul_flags(m, ovf);
}
static void fast_imul_ri_32(struct Machine *m, const struct Insn *i) {
  int64_t p = (int64_t)(int32_t)m->r[i->rm] * (int32_t)i->imm;
  m->r[i->reg] = (uint32_t)p;
  fast_mul_flags(m, p != (int32_t)p);
}
/* mul r64 (F7 /4): RDX:RAX = RAX * r. */
static void fast_mul_r_64(struct Machine *m, const struct Insn *i) {
  unsigned __int128 p = (unsigned __int128)m->r[RAX] * m->r[i->rm];
  m->r[RAX] = (uint64_t)p;
  m->r[RDX] = (uint64_t)(p >> 64);
  fast_mul_flags(m, (uint64_t)(p >> 64) != 0);
}

/* Byte ALU ops (00/02, 08/0A, ... 38/3A) between registers, the AH..BH
 * rule included: C string loops compare and combine characters. */
#define ALU_B_RR(NAME, D, S, OPEXPR, LF, STORE)                     \
  static void NAME(struct Machine *m, const struct Insn *i) {       \
    uint8_t a = (uint8_t)reg_get(m, i, i->D, 1);                    \
    uint8_t b = (uint8_t)reg_get(m, i, i->S, 1);                    \
    uint8_t r = (uint8_t)(OPEXPR);                                  \
    if (STORE) reg_put(m, i, i->D, 1, r);                           \
    flags_lazy(m, LF, 1, r, a, b);                                  \
  }
#define ALU_B_FAMILY(KNAME, OPEXPR, LF, STORE)                      \
  ALU_B_RR(fast_##KNAME##_b_ed, rm, reg, OPEXPR, LF, STORE)         \
  ALU_B_RR(fast_##KNAME##_b_gd, reg, rm, OPEXPR, LF, STORE)
ALU_B_FAMILY(add, a + b, LF_ADD, 1)
ALU_B_FAMILY(or, a | b, LF_LOGIC, 1)
ALU_B_FAMILY(and, a & b, LF_LOGIC, 1)
ALU_B_FAMILY(sub, a - b, LF_SUB, 1)
ALU_B_FAMILY(xor, a ^ b, LF_LOGIC, 1)
ALU_B_FAMILY(cmp, a - b, LF_SUB, 0)
static const OpFn alu_fast_b[8][2] = {
    [K_ADD] = {fast_add_b_ed, fast_add_b_gd},
    [K_OR] = {fast_or_b_ed, fast_or_b_gd},
    [K_AND] = {fast_and_b_ed, fast_and_b_gd},
    [K_SUB] = {fast_sub_b_ed, fast_sub_b_gd},
    [K_XOR] = {fast_xor_b_ed, fast_xor_b_gd},
    [K_CMP] = {fast_cmp_b_ed, fast_cmp_b_gd},
};
/* cmp al, imm8 (3C) and test al, imm8 (A8). */
static void fast_cmp_al_imm(struct Machine *m, const struct Insn *i) {
  uint8_t a = (uint8_t)m->r[RAX], b = (uint8_t)i->imm;
  flags_lazy(m, LF_SUB, 1, (uint8_t)(a - b), a, b);
}
static void fast_test_al_imm(struct Machine *m, const struct Insn *i) {
  flags_lazy(m, LF_LOGIC, 1, (uint8_t)(m->r[RAX] & i->imm), 0, 0);
}
/* 80 /7 with a register: cmp r8, imm8. */
static void fast_cmp_b_reg_imm(struct Machine *m, const struct Insn *i) {
  uint8_t a = (uint8_t)reg_get(m, i, i->rm, 1), b = (uint8_t)i->imm;
  flags_lazy(m, LF_SUB, 1, (uint8_t)(a - b), a, b);
}

/* The accumulator forms with an immediate (05, 0D, 25, 2D, 35, 3D). */
#define ALU_AI(NAME, T, SZ, OPEXPR, LF, STORE)                  \
  static void NAME(struct Machine *m, const struct Insn *i) {   \
    T a = (T)m->r[RAX], b = (T)i->imm;                          \
    T r = (T)(OPEXPR);                                          \
    if (STORE) m->r[RAX] = r;                                   \
    flags_lazy(m, LF, SZ, r, a, b);                             \
  }
#define ALU_AFAMILY(KNAME, OPEXPR, LF, STORE)                   \
  ALU_AI(fast_##KNAME##_ai_64, uint64_t, 8, OPEXPR, LF, STORE)  \
  ALU_AI(fast_##KNAME##_ai_32, uint32_t, 4, OPEXPR, LF, STORE)
ALU_AFAMILY(add, a + b, LF_ADD, 1)
ALU_AFAMILY(or, a | b, LF_LOGIC, 1)
ALU_AFAMILY(and, a & b, LF_LOGIC, 1)
ALU_AFAMILY(sub, a - b, LF_SUB, 1)
ALU_AFAMILY(xor, a ^ b, LF_LOGIC, 1)
ALU_AFAMILY(cmp, a - b, LF_SUB, 0)
static const OpFn alu_fast_acc[8][2] = {
    [K_ADD] = {fast_add_ai_32, fast_add_ai_64},
    [K_OR] = {fast_or_ai_32, fast_or_ai_64},
    [K_AND] = {fast_and_ai_32, fast_and_ai_64},
    [K_SUB] = {fast_sub_ai_32, fast_sub_ai_64},
    [K_XOR] = {fast_xor_ai_32, fast_xor_ai_64},
    [K_CMP] = {fast_cmp_ai_32, fast_cmp_ai_64},
};

static OpFn lea_select(const struct Insn *i, int w) {
  if (i->asz != 8 || i->mod == 3) return 0;
  if (i->base == BASE_RIP) return w ? fast_lea_rip_64 : fast_lea_rip_32;
  if (i->base == REG_NONE) {
    if (i->index == REG_NONE) return 0;
    return w ? fast_lea_i_64 : fast_lea_i_32;
  }
  if (i->index == REG_NONE) return w ? fast_lea_b_64 : fast_lea_b_32;
  return w ? fast_lea_bi_64 : fast_lea_bi_32;
}

/* SSE moves and the integer ops of string loops (66 or F3 forms). The
 * 16-byte load goes into a temporary first: its slow path loads two
 * halves, and the second may fault. */
static void fast_movdqu_load_g(struct Machine *m, const struct Insn *i) {
  Xmm t;
  sse_load16(m, insn_ea(m, i), &t, 0);
  m->xmm[i->reg] = t;
}
static void fast_movdqu_load_b(struct Machine *m, const struct Insn *i) {
  Xmm t;
  sse_load16(m, EA_B(m, i), &t, 0);
  m->xmm[i->reg] = t;
}
static void fast_movdqu_load_bi(struct Machine *m, const struct Insn *i) {
  Xmm t;
  sse_load16(m, EA_BI(m, i), &t, 0);
  m->xmm[i->reg] = t;
}
static const OpFn fast_movdqu_load_tab[3] = {fast_movdqu_load_g, fast_movdqu_load_b, fast_movdqu_load_bi};
static void fast_movdqa_load_g(struct Machine *m, const struct Insn *i) {
  Xmm t;
  sse_load16(m, insn_ea(m, i), &t, 1);
  m->xmm[i->reg] = t;
}
static void fast_movdqa_load_b(struct Machine *m, const struct Insn *i) {
  Xmm t;
  sse_load16(m, EA_B(m, i), &t, 1);
  m->xmm[i->reg] = t;
}
static void fast_movdqa_load_bi(struct Machine *m, const struct Insn *i) {
  Xmm t;
  sse_load16(m, EA_BI(m, i), &t, 1);
  m->xmm[i->reg] = t;
}
static const OpFn fast_movdqa_load_tab[3] = {fast_movdqa_load_g, fast_movdqa_load_b, fast_movdqa_load_bi};
static void fast_movdq_rr(struct Machine *m, const struct Insn *i) {
  m->xmm[i->reg] = m->xmm[i->rm];
}
static void fast_movdqu_store_g(struct Machine *m, const struct Insn *i) {
  sse_store16(m, insn_ea(m, i), &m->xmm[i->reg], 0);
}
static void fast_movdqu_store_b(struct Machine *m, const struct Insn *i) {
  sse_store16(m, EA_B(m, i), &m->xmm[i->reg], 0);
}
static void fast_movdqu_store_bi(struct Machine *m, const struct Insn *i) {
  sse_store16(m, EA_BI(m, i), &m->xmm[i->reg], 0);
}
static const OpFn fast_movdqu_store_tab[3] = {fast_movdqu_store_g, fast_movdqu_store_b, fast_movdqu_store_bi};
static void fast_movdqa_store_g(struct Machine *m, const struct Insn *i) {
  sse_store16(m, insn_ea(m, i), &m->xmm[i->reg], 1);
}
static void fast_movdqa_store_b(struct Machine *m, const struct Insn *i) {
  sse_store16(m, EA_B(m, i), &m->xmm[i->reg], 1);
}
static void fast_movdqa_store_bi(struct Machine *m, const struct Insn *i) {
  sse_store16(m, EA_BI(m, i), &m->xmm[i->reg], 1);
}
static const OpFn fast_movdqa_store_tab[3] = {fast_movdqa_store_g, fast_movdqa_store_b, fast_movdqa_store_bi};
static void fast_movu_load_g(struct Machine *m, const struct Insn *i) {
  Xmm t;
  sse_load16(m, insn_ea(m, i), &t, 0);
  m->xmm[i->reg] = t;
}
static void fast_movu_load_b(struct Machine *m, const struct Insn *i) {
  Xmm t;
  sse_load16(m, EA_B(m, i), &t, 0);
  m->xmm[i->reg] = t;
}
static void fast_movu_load_bi(struct Machine *m, const struct Insn *i) {
  Xmm t;
  sse_load16(m, EA_BI(m, i), &t, 0);
  m->xmm[i->reg] = t;
}
static const OpFn fast_movu_load_tab[3] = {fast_movu_load_g, fast_movu_load_b, fast_movu_load_bi};
static void fast_unpcklpd(struct Machine *m, const struct Insn *i) {
  Xmm s;
  sse_get_ex(m, i, &s, 1);
  m->xmm[i->reg].q[1] = s.q[0];
}
static void fast_unpckhpd(struct Machine *m, const struct Insn *i) {
  Xmm s;
  sse_get_ex(m, i, &s, 1);
  m->xmm[i->reg].q[0] = m->xmm[i->reg].q[1];
  m->xmm[i->reg].q[1] = s.q[1];
}
static void fast_movsd_load_g(struct Machine *m, const struct Insn *i) {
  uint64_t v = mem_load(m, insn_ea(m, i), 8);
  m->xmm[i->reg].q[0] = v;
  m->xmm[i->reg].q[1] = 0;
}
static void fast_movsd_load_b(struct Machine *m, const struct Insn *i) {
  uint64_t v = mem_load(m, EA_B(m, i), 8);
  m->xmm[i->reg].q[0] = v;
  m->xmm[i->reg].q[1] = 0;
}
static void fast_movsd_load_bi(struct Machine *m, const struct Insn *i) {
  uint64_t v = mem_load(m, EA_BI(m, i), 8);
  m->xmm[i->reg].q[0] = v;
  m->xmm[i->reg].q[1] = 0;
}
static const OpFn fast_movsd_load_tab[3] = {fast_movsd_load_g, fast_movsd_load_b, fast_movsd_load_bi};
static void fast_movsd_rr(struct Machine *m, const struct Insn *i) {
  m->xmm[i->reg].q[0] = m->xmm[i->rm].q[0];
}
static void fast_movsd_store_g(struct Machine *m, const struct Insn *i) {
  mem_store(m, insn_ea(m, i), 8, m->xmm[i->reg].q[0]);
}
static void fast_movsd_store_b(struct Machine *m, const struct Insn *i) {
  mem_store(m, EA_B(m, i), 8, m->xmm[i->reg].q[0]);
}
static void fast_movsd_store_bi(struct Machine *m, const struct Insn *i) {
  mem_store(m, EA_BI(m, i), 8, m->xmm[i->reg].q[0]);
}
static const OpFn fast_movsd_store_tab[3] = {fast_movsd_store_g, fast_movsd_store_b, fast_movsd_store_bi};
#define XMM_OP(NAME, EXPR)                                          \
  static void NAME(struct Machine *m, const struct Insn *i) {       \
    __m128i a, b;                                                   \
    Xmm s;                                                          \
    sse_get_ex(m, i, &s, 1);                                        \
    memcpy(&a, &m->xmm[i->reg], 16);                                \
    memcpy(&b, &s, 16);                                             \
    a = EXPR;                                                       \
    memcpy(&m->xmm[i->reg], &a, 16);                                \
  }
XMM_OP(fast_pcmpeqb, _mm_cmpeq_epi8(a, b))
XMM_OP(fast_pcmpeqd, _mm_cmpeq_epi32(a, b))
XMM_OP(fast_pxor, _mm_xor_si128(a, b))
XMM_OP(fast_pand, _mm_and_si128(a, b))
XMM_OP(fast_por, _mm_or_si128(a, b))
XMM_OP(fast_pminub, _mm_min_epu8(a, b))
XMM_OP(fast_psubb, _mm_sub_epi8(a, b))
static void fast_pmovmskb(struct Machine *m, const struct Insn *i) {
  __m128i a;
  memcpy(&a, &m->xmm[i->rm], 16);
  m->r[i->reg] = (uint32_t)_mm_movemask_epi8(a);
}

/* palignr xmm, xmm/m128, imm8 (66 0F3A 0F): bytes imm8.. of src:dst
 * (src low), zeros past the end. */
static void fast_palignr(struct Machine *m, const struct Insn *i) {
  uint8_t cat[64];
  Xmm s;
  unsigned c = (uint8_t)i->imm;
  sse_get_ex(m, i, &s, 1);
  memcpy(cat, &s, 16);
  memcpy(cat + 16, &m->xmm[i->reg], 16);
  memset(cat + 32, 0, 32);
  if (c > 32) c = 32;
  memcpy(&m->xmm[i->reg], cat + c, 16);
}

OpFn fast_select_sse(const struct Insn *i, int mode) {
  if (mode != MODE_LONG || i->lock || i->vex) return 0;
  if (i->map == MAP_0F3A) {
    if (i->op == 0x0f && i->opsize_prefix && !i->rep) return fast_palignr;
    return sse42_fast(i);
  }
  if (i->map != MAP_0F) return 0;
  if (!i->rep) {
    /* movups/movupd, movaps/movapd (the 66 form moves the same bits). */
    int mem = i->mod != 3;
    switch (i->op) {
      case 0x10: return mem ? fast_movu_load_tab[ea_shape(i)] : fast_movdq_rr;
      case 0x28: return mem ? fast_movdqa_load_tab[ea_shape(i)] : fast_movdq_rr;
      case 0x11: return mem ? fast_movdqu_store_tab[ea_shape(i)] : 0;
      case 0x29: return mem ? fast_movdqa_store_tab[ea_shape(i)] : 0;
      case 0x14: return i->opsize_prefix ? fast_unpcklpd : 0;
      case 0x15: return i->opsize_prefix ? fast_unpckhpd : 0;
      default: break;
    }
  }
  if (!i->rep && !i->opsize_prefix) return 0;
  OpFn f = sse_fp_fast(i);
  if (f) return f;
  unsigned pfx = i->rep ? i->rep : (i->opsize_prefix ? 1 : 0);
  int mem = i->mod != 3;
  switch (i->op) {
    case 0x6f:
      if (pfx == REP_F3) return mem ? fast_movdqu_load_tab[ea_shape(i)] : fast_movdq_rr;
      if (pfx == 1) return mem ? fast_movdqa_load_tab[ea_shape(i)] : fast_movdq_rr;
      return 0;
    case 0x7f:
      if (!mem) return 0;
      if (pfx == REP_F3) return fast_movdqu_store_tab[ea_shape(i)];
      if (pfx == 1) return fast_movdqa_store_tab[ea_shape(i)];
      return 0;
    case 0x10:
      if (pfx != REP_F2) return 0;
      return mem ? fast_movsd_load_tab[ea_shape(i)] : fast_movsd_rr;
    case 0x11:
      if (pfx != REP_F2) return 0;
      return mem ? fast_movsd_store_tab[ea_shape(i)] : 0;
    case 0xd7:
      return pfx == 1 && !mem ? fast_pmovmskb : 0;
  }
  if (pfx != 1) return 0;
  switch (i->op) {
    case 0x74: return fast_pcmpeqb;
    case 0x76: return fast_pcmpeqd;
    case 0xef: return fast_pxor;
    case 0xdb: return fast_pand;
    case 0xeb: return fast_por;
    case 0xda: return fast_pminub;
    case 0xf8: return fast_psubb;
    default: return 0;
  }
}

OpFn fast_select(const struct Insn *i, int mode) {
  /* Only plain long-mode encodings: no LOCK, 32/64-bit operands. Loads
   * and stores go through insn_ea, which adds an FS/GS base; push and pop
   * assume SS's base is 0, as it always is in long mode. */
  if (mode != MODE_LONG || i->lock || i->vex) return 0;
  if (i->osz != 4 && i->osz != 8) return 0;
  int w = i->osz == 8;
  uint8_t op = i->op;
  if (i->map == MAP_0F) {
    if (op >= 0x80 && op <= 0x8f) return jcc_fast[op & 15];
    if (op >= 0x40 && op <= 0x4f) {
      if (i->mod == 3) return w ? fast_cmov_rr_64 : fast_cmov_rr_32;
      return w ? fast_cmov_rm_64 : fast_cmov_rm_32;
    }
    if (op >= 0x90 && op <= 0x9f) return i->mod == 3 ? fast_setcc_reg : 0;
    if (op == 0xaf && i->mod == 3) return w ? fast_imul_rr_64 : fast_imul_rr_32;
    if (op == 0xb6) return i->mod != 3 ? fast_movzx_b_mem_tab[ea_shape(i)] : fast_movzx_b_reg;
    if (op == 0xb7) return i->mod != 3 ? fast_movzx_w_mem_tab[ea_shape(i)] : fast_movzx_w_reg;
    if (op == 0xbe && i->mod != 3) return w ? fast_movsx_b_mem_64_tab[ea_shape(i)] : fast_movsx_b_mem_32_tab[ea_shape(i)];
    return 0;
  }
  if (i->map != MAP_1BYTE) return 0;
  if (op >= 0x70 && op <= 0x7f) return jcc_fast[op & 15];
  if (op == 0x80 && (i->reg & 7) == 7 && i->mod != 3) return fast_cmp_b_mem_imm_tab[ea_shape(i)];
  if (op == 0x84 && i->mod == 3) return fast_test_b_rr;
  if (op == 0x3a && i->mod != 3) return fast_cmp_b_rm_tab[ea_shape(i)];
  if (op < 0x40 && (op & 7) <= 2 && !(op & 1) && i->mod == 3) {
    /* 00/02 ... 38/3A with registers. */
    unsigned kind = (op >> 3) & 7;
    if (alu_fast_b[kind][0]) return alu_fast_b[kind][(op & 2) ? 1 : 0];
  }
  if (op < 0x40 && (op & 7) == 5 && alu_fast_acc[(op >> 3) & 7][0])
    return alu_fast_acc[(op >> 3) & 7][w];
  if (op == 0x3c) return fast_cmp_al_imm;
  if (op == 0xa8) return fast_test_al_imm;
  if (op == 0x80 && (i->reg & 7) == 7 && i->mod == 3) return fast_cmp_b_reg_imm;
  if (op < 0x40 && (op & 7) <= 3 && (op & 1)) {
    /* 01/03, 09/0B, ... 39/3B: Ev,Gv and Gv,Ev. */
    unsigned kind = (op >> 3) & 7;
    if (!alu_fast[kind][0][0]) return 0;
    if (i->mod != 3) return alu_fast_mem[kind][(op & 2) ? 1 : 0][w];
    return alu_fast[kind][(op & 2) ? 1 : 0][w];
  }
  switch (op) {
    case 0x63:
      if (!w) return 0;
      return i->mod == 3 ? fast_movsxd_reg : fast_movsxd_mem_tab[ea_shape(i)];
    case 0x8d:
      return lea_select(i, w);
    case 0xe8:
      return i->osz == 8 ? fast_call : 0;
    case 0xe9:
    case 0xeb:
      return i->osz == 8 ? fast_jmp : 0;
    case 0xc3:
      return i->osz == 8 ? fast_ret : 0;
    case 0xff:
      switch (i->reg & 7) {
        case 0: return i->mod == 3 ? (w ? fast_inc_64 : fast_inc_32) : 0;
        case 1: return i->mod == 3 ? (w ? fast_dec_64 : fast_dec_32) : 0;
        case 2:
          if (i->osz != 8) return 0;
          return i->mod == 3 ? fast_call_reg : fast_call_mem;
        case 4:
          if (i->osz != 8) return 0;
          return i->mod == 3 ? fast_jmp_reg : fast_jmp_mem;
        default: return 0;
      }
    case 0x81:
    case 0x83: {
      unsigned kind = i->reg & 7;
      if (!alu_fast[kind][2][0]) return 0;
      if (i->mod != 3) return alu_fast_mem[kind][2][w];
      return alu_fast[kind][2][w];
    }
    case 0x69:
    case 0x6b:
      if (i->mod != 3) return 0;
      return w ? fast_imul_ri_64 : fast_imul_ri_32;
    case 0xf7: {
      if (i->mod == 3 && (i->reg & 7) == 4 && w) return fast_mul_r_64;
      if (i->mod != 3 || (i->reg & 7)) return 0;
      return w ? fast_test_ri_64 : fast_test_ri_32;
    }
    case 0x85:
      return i->mod == 3 ? (w ? fast_test_64 : fast_test_32) : 0;
    case 0xc1:
    case 0xd3:
      if (op == 0xc1 && i->mod == 3 && (i->reg & 7) < 2) {
        if (i->reg & 7) return w ? fast_ror_imm_64 : fast_ror_imm_32;
        return w ? fast_rol_imm_64 : fast_rol_imm_32;
      }
      if (i->mod != 3 || (i->reg & 7) < 4) return 0;
      return shift_fast[(i->reg & 7) - 4][op == 0xd3][w];
    case 0x89:
      if (i->mod == 3) return w ? fast_mov_rr_64 : fast_mov_rr_32;
      return w ? fast_store_64_tab[ea_shape(i)] : fast_store_32_tab[ea_shape(i)];
    case 0x8b:
      if (i->mod == 3) return 0; /* rm is the source: see 89 */
      return w ? fast_load_64_tab[ea_shape(i)] : fast_load_32_tab[ea_shape(i)];
    case 0xc7:
      if (i->mod != 3 || (i->reg & 7)) return 0;
      return w ? fast_mov_ri_64 : fast_mov_ri_32;
    case 0xb8: case 0xb9: case 0xba: case 0xbb:
    case 0xbc: case 0xbd: case 0xbe: case 0xbf:
      return w ? fast_mov_ri_64 : fast_mov_ri_32;
    case 0x50: case 0x51: case 0x52: case 0x53:
    case 0x54: case 0x55: case 0x56: case 0x57:
      return w ? fast_push_64 : 0;
    case 0x58: case 0x59: case 0x5a: case 0x5b:
    case 0x5c: case 0x5d: case 0x5e: case 0x5f:
      return w ? fast_pop_64 : 0;
    default:
      return 0;
  }
}
