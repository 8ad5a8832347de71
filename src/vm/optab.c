/* optab.c: the opcode tables. ORDER OPTAB: ops.h declares every name.
 *
 * One table per opcode map, indexed by the opcode byte. Group opcodes
 * (80-83, F6/F7, FE/FF, 0F 01, 0F AE, 0F BA, 0F C7, ...) name one handler
 * that switches on ModRM.reg; SSE opcodes name one handler per opcode that
 * switches on the mandatory prefix (none, 66, F3, F2). */
#include "optab.h"

#include "machine.h"
#include "ops.h"

/* Undefined or not-yet-implemented encodings: #UD, SIGILL in the guest. */
void op_ud(struct Machine *m, const struct Insn *i) {
  (void)i;
  exec_ud(m);
}

/* Until an ops-*.c file defines a handler, the name is a weak alias of
 * op_ud so that the instruction raises #UD. */
#define WEAK_UD(name) \
  void name(struct Machine *, const struct Insn *) \
      __attribute__((weak, alias("op_ud")));
WEAK_UD(op_aad)
WEAK_UD(op_aam)
WEAK_UD(op_alu)
WEAK_UD(op_alu_grp1)
WEAK_UD(op_andn)
WEAK_UD(op_bcd)
WEAK_UD(op_bextr_shx)
WEAK_UD(op_bmi_grp17)
WEAK_UD(op_bound)
WEAK_UD(op_bsf)
WEAK_UD(op_bsr)
WEAK_UD(op_bswap)
WEAK_UD(op_bt)
WEAK_UD(op_bt_grp8)
WEAK_UD(op_bzhi_pdep_pext)
WEAK_UD(op_call)
WEAK_UD(op_callf)
WEAK_UD(op_cbw)
WEAK_UD(op_clc)
WEAK_UD(op_cld)
WEAK_UD(op_cli)
WEAK_UD(op_clts)
WEAK_UD(op_cmc)
WEAK_UD(op_cmov)
WEAK_UD(op_cmps)
WEAK_UD(op_cmpxchg)
WEAK_UD(op_cpuid)
WEAK_UD(op_cwd)
WEAK_UD(op_enter)
WEAK_UD(op_fpu_d8)
WEAK_UD(op_fpu_d9)
WEAK_UD(op_fpu_da)
WEAK_UD(op_fpu_db)
WEAK_UD(op_fpu_dc)
WEAK_UD(op_fpu_dd)
WEAK_UD(op_fpu_de)
WEAK_UD(op_fpu_df)
WEAK_UD(op_fwait)
WEAK_UD(op_grp15)
WEAK_UD(op_grp2)
WEAK_UD(op_grp3)
WEAK_UD(op_grp4)
WEAK_UD(op_grp5)
WEAK_UD(op_grp6)
WEAK_UD(op_grp7)
WEAK_UD(op_grp9)
WEAK_UD(op_hlt)
WEAK_UD(op_imul_gv_ev)
WEAK_UD(op_imul_imm)
WEAK_UD(op_in_out)
WEAK_UD(op_incdec_r)
WEAK_UD(op_ins)
WEAK_UD(op_int)
WEAK_UD(op_int1)
WEAK_UD(op_int3)
WEAK_UD(op_into)
WEAK_UD(op_invd)
WEAK_UD(op_iret)
WEAK_UD(op_jcc)
WEAK_UD(op_jmp)
WEAK_UD(op_jmpf)
WEAK_UD(op_jrcxz)
WEAK_UD(op_lahf)
WEAK_UD(op_lar)
WEAK_UD(op_lds)
WEAK_UD(op_lea)
WEAK_UD(op_leave)
WEAK_UD(op_les)
WEAK_UD(op_lfs)
WEAK_UD(op_lgs)
WEAK_UD(op_lods)
WEAK_UD(op_loop)
WEAK_UD(op_lsl)
WEAK_UD(op_lss)
WEAK_UD(op_mov)
WEAK_UD(op_mov_cr)
WEAK_UD(op_mov_dr)
WEAK_UD(op_mov_e_imm)
WEAK_UD(op_mov_from_sreg)
WEAK_UD(op_mov_moffs)
WEAK_UD(op_mov_r_imm)
WEAK_UD(op_mov_to_sreg)
WEAK_UD(op_movbe)
WEAK_UD(op_movnti)
WEAK_UD(op_movs)
WEAK_UD(op_movsx)
WEAK_UD(op_movsxd)
WEAK_UD(op_movzx)
WEAK_UD(op_mulx_adx)
WEAK_UD(op_nop_e)
WEAK_UD(op_outs)
WEAK_UD(op_pop_e)
WEAK_UD(op_pop_r)
WEAK_UD(op_pop_seg)
WEAK_UD(op_popa)
WEAK_UD(op_popcnt)
WEAK_UD(op_popf)
WEAK_UD(op_push_imm)
WEAK_UD(op_push_r)
WEAK_UD(op_push_seg)
WEAK_UD(op_pusha)
WEAK_UD(op_pushf)
WEAK_UD(op_rdmsr)
WEAK_UD(op_rdpmc)
WEAK_UD(op_rdtsc)
WEAK_UD(op_ret)
WEAK_UD(op_retf)
WEAK_UD(op_rorx)
WEAK_UD(op_rsm)
WEAK_UD(op_sahf)
WEAK_UD(op_salc)
WEAK_UD(op_scas)
WEAK_UD(op_setcc)
WEAK_UD(op_shld)
WEAK_UD(op_shrd)
WEAK_UD(op_sse38_00)
WEAK_UD(op_sse38_01)
WEAK_UD(op_sse38_02)
WEAK_UD(op_sse38_03)
WEAK_UD(op_sse38_04)
WEAK_UD(op_sse38_05)
WEAK_UD(op_sse38_06)
WEAK_UD(op_sse38_07)
WEAK_UD(op_sse38_08)
WEAK_UD(op_sse38_09)
WEAK_UD(op_sse38_0a)
WEAK_UD(op_sse38_0b)
WEAK_UD(op_sse38_10)
WEAK_UD(op_sse38_14)
WEAK_UD(op_sse38_15)
WEAK_UD(op_sse38_17)
WEAK_UD(op_sse38_1c)
WEAK_UD(op_sse38_1d)
WEAK_UD(op_sse38_1e)
WEAK_UD(op_sse38_20)
WEAK_UD(op_sse38_21)
WEAK_UD(op_sse38_22)
WEAK_UD(op_sse38_23)
WEAK_UD(op_sse38_24)
WEAK_UD(op_sse38_25)
WEAK_UD(op_sse38_28)
WEAK_UD(op_sse38_29)
WEAK_UD(op_sse38_2a)
WEAK_UD(op_sse38_2b)
WEAK_UD(op_sse38_30)
WEAK_UD(op_sse38_31)
WEAK_UD(op_sse38_32)
WEAK_UD(op_sse38_33)
WEAK_UD(op_sse38_34)
WEAK_UD(op_sse38_35)
WEAK_UD(op_sse38_37)
WEAK_UD(op_sse38_38)
WEAK_UD(op_sse38_39)
WEAK_UD(op_sse38_3a)
WEAK_UD(op_sse38_3b)
WEAK_UD(op_sse38_3c)
WEAK_UD(op_sse38_3d)
WEAK_UD(op_sse38_3e)
WEAK_UD(op_sse38_3f)
WEAK_UD(op_sse38_40)
WEAK_UD(op_sse38_41)
WEAK_UD(op_sse3a_08)
WEAK_UD(op_sse3a_09)
WEAK_UD(op_sse3a_0a)
WEAK_UD(op_sse3a_0b)
WEAK_UD(op_sse3a_0c)
WEAK_UD(op_sse3a_0d)
WEAK_UD(op_sse3a_0e)
WEAK_UD(op_sse3a_0f)
WEAK_UD(op_sse3a_14)
WEAK_UD(op_sse3a_15)
WEAK_UD(op_sse3a_16)
WEAK_UD(op_sse3a_17)
WEAK_UD(op_sse3a_20)
WEAK_UD(op_sse3a_21)
WEAK_UD(op_sse3a_22)
WEAK_UD(op_sse3a_40)
WEAK_UD(op_sse3a_41)
WEAK_UD(op_sse3a_42)
WEAK_UD(op_sse3a_44)
WEAK_UD(op_sse3a_60)
WEAK_UD(op_sse3a_61)
WEAK_UD(op_sse3a_62)
WEAK_UD(op_sse3a_63)
WEAK_UD(op_sse_10)
WEAK_UD(op_sse_11)
WEAK_UD(op_sse_12)
WEAK_UD(op_sse_13)
WEAK_UD(op_sse_14)
WEAK_UD(op_sse_15)
WEAK_UD(op_sse_16)
WEAK_UD(op_sse_17)
WEAK_UD(op_sse_28)
WEAK_UD(op_sse_29)
WEAK_UD(op_sse_2a)
WEAK_UD(op_sse_2b)
WEAK_UD(op_sse_2c)
WEAK_UD(op_sse_2d)
WEAK_UD(op_sse_2e)
WEAK_UD(op_sse_2f)
WEAK_UD(op_sse_50)
WEAK_UD(op_sse_51)
WEAK_UD(op_sse_52)
WEAK_UD(op_sse_53)
WEAK_UD(op_sse_54)
WEAK_UD(op_sse_55)
WEAK_UD(op_sse_56)
WEAK_UD(op_sse_57)
WEAK_UD(op_sse_58)
WEAK_UD(op_sse_59)
WEAK_UD(op_sse_5a)
WEAK_UD(op_sse_5b)
WEAK_UD(op_sse_5c)
WEAK_UD(op_sse_5d)
WEAK_UD(op_sse_5e)
WEAK_UD(op_sse_5f)
WEAK_UD(op_sse_60)
WEAK_UD(op_sse_61)
WEAK_UD(op_sse_62)
WEAK_UD(op_sse_63)
WEAK_UD(op_sse_64)
WEAK_UD(op_sse_65)
WEAK_UD(op_sse_66)
WEAK_UD(op_sse_67)
WEAK_UD(op_sse_68)
WEAK_UD(op_sse_69)
WEAK_UD(op_sse_6a)
WEAK_UD(op_sse_6b)
WEAK_UD(op_sse_6c)
WEAK_UD(op_sse_6d)
WEAK_UD(op_sse_6e)
WEAK_UD(op_sse_6f)
WEAK_UD(op_sse_70)
WEAK_UD(op_sse_71)
WEAK_UD(op_sse_72)
WEAK_UD(op_sse_73)
WEAK_UD(op_sse_74)
WEAK_UD(op_sse_75)
WEAK_UD(op_sse_76)
WEAK_UD(op_sse_77)
WEAK_UD(op_sse_78)
WEAK_UD(op_sse_79)
WEAK_UD(op_sse_7a)
WEAK_UD(op_sse_7b)
WEAK_UD(op_sse_7c)
WEAK_UD(op_sse_7d)
WEAK_UD(op_sse_7e)
WEAK_UD(op_sse_7f)
WEAK_UD(op_sse_c2)
WEAK_UD(op_sse_c4)
WEAK_UD(op_sse_c5)
WEAK_UD(op_sse_c6)
WEAK_UD(op_sse_d0)
WEAK_UD(op_sse_d1)
WEAK_UD(op_sse_d2)
WEAK_UD(op_sse_d3)
WEAK_UD(op_sse_d4)
WEAK_UD(op_sse_d5)
WEAK_UD(op_sse_d6)
WEAK_UD(op_sse_d7)
WEAK_UD(op_sse_d8)
WEAK_UD(op_sse_d9)
WEAK_UD(op_sse_da)
WEAK_UD(op_sse_db)
WEAK_UD(op_sse_dc)
WEAK_UD(op_sse_dd)
WEAK_UD(op_sse_de)
WEAK_UD(op_sse_df)
WEAK_UD(op_sse_e0)
WEAK_UD(op_sse_e1)
WEAK_UD(op_sse_e2)
WEAK_UD(op_sse_e3)
WEAK_UD(op_sse_e4)
WEAK_UD(op_sse_e5)
WEAK_UD(op_sse_e6)
WEAK_UD(op_sse_e7)
WEAK_UD(op_sse_e8)
WEAK_UD(op_sse_e9)
WEAK_UD(op_sse_ea)
WEAK_UD(op_sse_eb)
WEAK_UD(op_sse_ec)
WEAK_UD(op_sse_ed)
WEAK_UD(op_sse_ee)
WEAK_UD(op_sse_ef)
WEAK_UD(op_sse_f0)
WEAK_UD(op_sse_f1)
WEAK_UD(op_sse_f2)
WEAK_UD(op_sse_f3)
WEAK_UD(op_sse_f4)
WEAK_UD(op_sse_f5)
WEAK_UD(op_sse_f6)
WEAK_UD(op_sse_f7)
WEAK_UD(op_sse_f8)
WEAK_UD(op_sse_f9)
WEAK_UD(op_sse_fa)
WEAK_UD(op_sse_fb)
WEAK_UD(op_sse_fc)
WEAK_UD(op_sse_fd)
WEAK_UD(op_sse_fe)
WEAK_UD(op_stc)
WEAK_UD(op_std)
WEAK_UD(op_sti)
WEAK_UD(op_stos)
WEAK_UD(op_syscall)
WEAK_UD(op_sysenter)
WEAK_UD(op_sysexit)
WEAK_UD(op_sysret)
WEAK_UD(op_test)
WEAK_UD(op_wbinvd)
WEAK_UD(op_wrmsr)
WEAK_UD(op_xadd)
WEAK_UD(op_xchg)
WEAK_UD(op_xchg_ax)
WEAK_UD(op_xlat)

const OpFn optab_1byte[256] = {
    [0x00] = op_alu,
    [0x01] = op_alu,
    [0x02] = op_alu,
    [0x03] = op_alu,
    [0x04] = op_alu,
    [0x05] = op_alu,
    [0x06] = op_push_seg,
    [0x07] = op_pop_seg,
    [0x08] = op_alu,
    [0x09] = op_alu,
    [0x0a] = op_alu,
    [0x0b] = op_alu,
    [0x0c] = op_alu,
    [0x0d] = op_alu,
    [0x0e] = op_push_seg,
    [0x0f] = op_ud,
    [0x10] = op_alu,
    [0x11] = op_alu,
    [0x12] = op_alu,
    [0x13] = op_alu,
    [0x14] = op_alu,
    [0x15] = op_alu,
    [0x16] = op_push_seg,
    [0x17] = op_pop_seg,
    [0x18] = op_alu,
    [0x19] = op_alu,
    [0x1a] = op_alu,
    [0x1b] = op_alu,
    [0x1c] = op_alu,
    [0x1d] = op_alu,
    [0x1e] = op_push_seg,
    [0x1f] = op_pop_seg,
    [0x20] = op_alu,
    [0x21] = op_alu,
    [0x22] = op_alu,
    [0x23] = op_alu,
    [0x24] = op_alu,
    [0x25] = op_alu,
    [0x26] = op_ud,
    [0x27] = op_bcd,
    [0x28] = op_alu,
    [0x29] = op_alu,
    [0x2a] = op_alu,
    [0x2b] = op_alu,
    [0x2c] = op_alu,
    [0x2d] = op_alu,
    [0x2e] = op_ud,
    [0x2f] = op_bcd,
    [0x30] = op_alu,
    [0x31] = op_alu,
    [0x32] = op_alu,
    [0x33] = op_alu,
    [0x34] = op_alu,
    [0x35] = op_alu,
    [0x36] = op_ud,
    [0x37] = op_bcd,
    [0x38] = op_alu,
    [0x39] = op_alu,
    [0x3a] = op_alu,
    [0x3b] = op_alu,
    [0x3c] = op_alu,
    [0x3d] = op_alu,
    [0x3e] = op_ud,
    [0x3f] = op_bcd,
    [0x40] = op_incdec_r,
    [0x41] = op_incdec_r,
    [0x42] = op_incdec_r,
    [0x43] = op_incdec_r,
    [0x44] = op_incdec_r,
    [0x45] = op_incdec_r,
    [0x46] = op_incdec_r,
    [0x47] = op_incdec_r,
    [0x48] = op_incdec_r,
    [0x49] = op_incdec_r,
    [0x4a] = op_incdec_r,
    [0x4b] = op_incdec_r,
    [0x4c] = op_incdec_r,
    [0x4d] = op_incdec_r,
    [0x4e] = op_incdec_r,
    [0x4f] = op_incdec_r,
    [0x50] = op_push_r,
    [0x51] = op_push_r,
    [0x52] = op_push_r,
    [0x53] = op_push_r,
    [0x54] = op_push_r,
    [0x55] = op_push_r,
    [0x56] = op_push_r,
    [0x57] = op_push_r,
    [0x58] = op_pop_r,
    [0x59] = op_pop_r,
    [0x5a] = op_pop_r,
    [0x5b] = op_pop_r,
    [0x5c] = op_pop_r,
    [0x5d] = op_pop_r,
    [0x5e] = op_pop_r,
    [0x5f] = op_pop_r,
    [0x60] = op_pusha,
    [0x61] = op_popa,
    [0x62] = op_bound,
    [0x63] = op_movsxd,
    [0x64] = op_ud,
    [0x65] = op_ud,
    [0x66] = op_ud,
    [0x67] = op_ud,
    [0x68] = op_push_imm,
    [0x69] = op_imul_imm,
    [0x6a] = op_push_imm,
    [0x6b] = op_imul_imm,
    [0x6c] = op_ins,
    [0x6d] = op_ins,
    [0x6e] = op_outs,
    [0x6f] = op_outs,
    [0x70] = op_jcc,
    [0x71] = op_jcc,
    [0x72] = op_jcc,
    [0x73] = op_jcc,
    [0x74] = op_jcc,
    [0x75] = op_jcc,
    [0x76] = op_jcc,
    [0x77] = op_jcc,
    [0x78] = op_jcc,
    [0x79] = op_jcc,
    [0x7a] = op_jcc,
    [0x7b] = op_jcc,
    [0x7c] = op_jcc,
    [0x7d] = op_jcc,
    [0x7e] = op_jcc,
    [0x7f] = op_jcc,
    [0x80] = op_alu_grp1,
    [0x81] = op_alu_grp1,
    [0x82] = op_alu_grp1,
    [0x83] = op_alu_grp1,
    [0x84] = op_test,
    [0x85] = op_test,
    [0x86] = op_xchg,
    [0x87] = op_xchg,
    [0x88] = op_mov,
    [0x89] = op_mov,
    [0x8a] = op_mov,
    [0x8b] = op_mov,
    [0x8c] = op_mov_from_sreg,
    [0x8d] = op_lea,
    [0x8e] = op_mov_to_sreg,
    [0x8f] = op_pop_e,
    [0x90] = op_xchg_ax,
    [0x91] = op_xchg_ax,
    [0x92] = op_xchg_ax,
    [0x93] = op_xchg_ax,
    [0x94] = op_xchg_ax,
    [0x95] = op_xchg_ax,
    [0x96] = op_xchg_ax,
    [0x97] = op_xchg_ax,
    [0x98] = op_cbw,
    [0x99] = op_cwd,
    [0x9a] = op_callf,
    [0x9b] = op_fwait,
    [0x9c] = op_pushf,
    [0x9d] = op_popf,
    [0x9e] = op_sahf,
    [0x9f] = op_lahf,
    [0xa0] = op_mov_moffs,
    [0xa1] = op_mov_moffs,
    [0xa2] = op_mov_moffs,
    [0xa3] = op_mov_moffs,
    [0xa4] = op_movs,
    [0xa5] = op_movs,
    [0xa6] = op_cmps,
    [0xa7] = op_cmps,
    [0xa8] = op_test,
    [0xa9] = op_test,
    [0xaa] = op_stos,
    [0xab] = op_stos,
    [0xac] = op_lods,
    [0xad] = op_lods,
    [0xae] = op_scas,
    [0xaf] = op_scas,
    [0xb0] = op_mov_r_imm,
    [0xb1] = op_mov_r_imm,
    [0xb2] = op_mov_r_imm,
    [0xb3] = op_mov_r_imm,
    [0xb4] = op_mov_r_imm,
    [0xb5] = op_mov_r_imm,
    [0xb6] = op_mov_r_imm,
    [0xb7] = op_mov_r_imm,
    [0xb8] = op_mov_r_imm,
    [0xb9] = op_mov_r_imm,
    [0xba] = op_mov_r_imm,
    [0xbb] = op_mov_r_imm,
    [0xbc] = op_mov_r_imm,
    [0xbd] = op_mov_r_imm,
    [0xbe] = op_mov_r_imm,
    [0xbf] = op_mov_r_imm,
    [0xc0] = op_grp2,
    [0xc1] = op_grp2,
    [0xc2] = op_ret,
    [0xc3] = op_ret,
    [0xc4] = op_les,
    [0xc5] = op_lds,
    [0xc6] = op_mov_e_imm,
    [0xc7] = op_mov_e_imm,
    [0xc8] = op_enter,
    [0xc9] = op_leave,
    [0xca] = op_retf,
    [0xcb] = op_retf,
    [0xcc] = op_int3,
    [0xcd] = op_int,
    [0xce] = op_into,
    [0xcf] = op_iret,
    [0xd0] = op_grp2,
    [0xd1] = op_grp2,
    [0xd2] = op_grp2,
    [0xd3] = op_grp2,
    [0xd4] = op_aam,
    [0xd5] = op_aad,
    [0xd6] = op_salc,
    [0xd7] = op_xlat,
    [0xd8] = op_fpu_d8,
    [0xd9] = op_fpu_d9,
    [0xda] = op_fpu_da,
    [0xdb] = op_fpu_db,
    [0xdc] = op_fpu_dc,
    [0xdd] = op_fpu_dd,
    [0xde] = op_fpu_de,
    [0xdf] = op_fpu_df,
    [0xe0] = op_loop,
    [0xe1] = op_loop,
    [0xe2] = op_loop,
    [0xe3] = op_jrcxz,
    [0xe4] = op_in_out,
    [0xe5] = op_in_out,
    [0xe6] = op_in_out,
    [0xe7] = op_in_out,
    [0xe8] = op_call,
    [0xe9] = op_jmp,
    [0xea] = op_jmpf,
    [0xeb] = op_jmp,
    [0xec] = op_in_out,
    [0xed] = op_in_out,
    [0xee] = op_in_out,
    [0xef] = op_in_out,
    [0xf0] = op_ud,
    [0xf1] = op_int1,
    [0xf2] = op_ud,
    [0xf3] = op_ud,
    [0xf4] = op_hlt,
    [0xf5] = op_cmc,
    [0xf6] = op_grp3,
    [0xf7] = op_grp3,
    [0xf8] = op_clc,
    [0xf9] = op_stc,
    [0xfa] = op_cli,
    [0xfb] = op_sti,
    [0xfc] = op_cld,
    [0xfd] = op_std,
    [0xfe] = op_grp4,
    [0xff] = op_grp5,
};

const OpFn optab_0f[256] = {
    [0x00] = op_grp6,
    [0x01] = op_grp7,
    [0x02] = op_lar,
    [0x03] = op_lsl,
    [0x04] = op_ud,
    [0x05] = op_syscall,
    [0x06] = op_clts,
    [0x07] = op_sysret,
    [0x08] = op_invd,
    [0x09] = op_wbinvd,
    [0x0a] = op_ud,
    [0x0b] = op_ud,
    [0x0c] = op_ud,
    [0x0d] = op_nop_e,
    [0x0e] = op_ud,
    [0x0f] = op_ud,
    [0x10] = op_sse_10,
    [0x11] = op_sse_11,
    [0x12] = op_sse_12,
    [0x13] = op_sse_13,
    [0x14] = op_sse_14,
    [0x15] = op_sse_15,
    [0x16] = op_sse_16,
    [0x17] = op_sse_17,
    [0x18] = op_nop_e,
    [0x19] = op_nop_e,
    [0x1a] = op_nop_e,
    [0x1b] = op_nop_e,
    [0x1c] = op_nop_e,
    [0x1d] = op_nop_e,
    [0x1e] = op_nop_e,
    [0x1f] = op_nop_e,
    [0x20] = op_mov_cr,
    [0x21] = op_mov_dr,
    [0x22] = op_mov_cr,
    [0x23] = op_mov_dr,
    [0x24] = op_ud,
    [0x25] = op_ud,
    [0x26] = op_ud,
    [0x27] = op_ud,
    [0x28] = op_sse_28,
    [0x29] = op_sse_29,
    [0x2a] = op_sse_2a,
    [0x2b] = op_sse_2b,
    [0x2c] = op_sse_2c,
    [0x2d] = op_sse_2d,
    [0x2e] = op_sse_2e,
    [0x2f] = op_sse_2f,
    [0x30] = op_wrmsr,
    [0x31] = op_rdtsc,
    [0x32] = op_rdmsr,
    [0x33] = op_rdpmc,
    [0x34] = op_sysenter,
    [0x35] = op_sysexit,
    [0x36] = op_ud,
    [0x37] = op_ud,
    [0x38] = op_ud,
    [0x39] = op_ud,
    [0x3a] = op_ud,
    [0x3b] = op_ud,
    [0x3c] = op_ud,
    [0x3d] = op_ud,
    [0x3e] = op_ud,
    [0x3f] = op_ud,
    [0x40] = op_cmov,
    [0x41] = op_cmov,
    [0x42] = op_cmov,
    [0x43] = op_cmov,
    [0x44] = op_cmov,
    [0x45] = op_cmov,
    [0x46] = op_cmov,
    [0x47] = op_cmov,
    [0x48] = op_cmov,
    [0x49] = op_cmov,
    [0x4a] = op_cmov,
    [0x4b] = op_cmov,
    [0x4c] = op_cmov,
    [0x4d] = op_cmov,
    [0x4e] = op_cmov,
    [0x4f] = op_cmov,
    [0x50] = op_sse_50,
    [0x51] = op_sse_51,
    [0x52] = op_sse_52,
    [0x53] = op_sse_53,
    [0x54] = op_sse_54,
    [0x55] = op_sse_55,
    [0x56] = op_sse_56,
    [0x57] = op_sse_57,
    [0x58] = op_sse_58,
    [0x59] = op_sse_59,
    [0x5a] = op_sse_5a,
    [0x5b] = op_sse_5b,
    [0x5c] = op_sse_5c,
    [0x5d] = op_sse_5d,
    [0x5e] = op_sse_5e,
    [0x5f] = op_sse_5f,
    [0x60] = op_sse_60,
    [0x61] = op_sse_61,
    [0x62] = op_sse_62,
    [0x63] = op_sse_63,
    [0x64] = op_sse_64,
    [0x65] = op_sse_65,
    [0x66] = op_sse_66,
    [0x67] = op_sse_67,
    [0x68] = op_sse_68,
    [0x69] = op_sse_69,
    [0x6a] = op_sse_6a,
    [0x6b] = op_sse_6b,
    [0x6c] = op_sse_6c,
    [0x6d] = op_sse_6d,
    [0x6e] = op_sse_6e,
    [0x6f] = op_sse_6f,
    [0x70] = op_sse_70,
    [0x71] = op_sse_71,
    [0x72] = op_sse_72,
    [0x73] = op_sse_73,
    [0x74] = op_sse_74,
    [0x75] = op_sse_75,
    [0x76] = op_sse_76,
    [0x77] = op_sse_77,
    [0x78] = op_sse_78,
    [0x79] = op_sse_79,
    [0x7a] = op_sse_7a,
    [0x7b] = op_sse_7b,
    [0x7c] = op_sse_7c,
    [0x7d] = op_sse_7d,
    [0x7e] = op_sse_7e,
    [0x7f] = op_sse_7f,
    [0x80] = op_jcc,
    [0x81] = op_jcc,
    [0x82] = op_jcc,
    [0x83] = op_jcc,
    [0x84] = op_jcc,
    [0x85] = op_jcc,
    [0x86] = op_jcc,
    [0x87] = op_jcc,
    [0x88] = op_jcc,
    [0x89] = op_jcc,
    [0x8a] = op_jcc,
    [0x8b] = op_jcc,
    [0x8c] = op_jcc,
    [0x8d] = op_jcc,
    [0x8e] = op_jcc,
    [0x8f] = op_jcc,
    [0x90] = op_setcc,
    [0x91] = op_setcc,
    [0x92] = op_setcc,
    [0x93] = op_setcc,
    [0x94] = op_setcc,
    [0x95] = op_setcc,
    [0x96] = op_setcc,
    [0x97] = op_setcc,
    [0x98] = op_setcc,
    [0x99] = op_setcc,
    [0x9a] = op_setcc,
    [0x9b] = op_setcc,
    [0x9c] = op_setcc,
    [0x9d] = op_setcc,
    [0x9e] = op_setcc,
    [0x9f] = op_setcc,
    [0xa0] = op_push_seg,
    [0xa1] = op_pop_seg,
    [0xa2] = op_cpuid,
    [0xa3] = op_bt,
    [0xa4] = op_shld,
    [0xa5] = op_shld,
    [0xa6] = op_ud,
    [0xa7] = op_ud,
    [0xa8] = op_push_seg,
    [0xa9] = op_pop_seg,
    [0xaa] = op_rsm,
    [0xab] = op_bt,
    [0xac] = op_shrd,
    [0xad] = op_shrd,
    [0xae] = op_grp15,
    [0xaf] = op_imul_gv_ev,
    [0xb0] = op_cmpxchg,
    [0xb1] = op_cmpxchg,
    [0xb2] = op_lss,
    [0xb3] = op_bt,
    [0xb4] = op_lfs,
    [0xb5] = op_lgs,
    [0xb6] = op_movzx,
    [0xb7] = op_movzx,
    [0xb8] = op_popcnt,
    [0xb9] = op_ud,
    [0xba] = op_bt_grp8,
    [0xbb] = op_bt,
    [0xbc] = op_bsf,
    [0xbd] = op_bsr,
    [0xbe] = op_movsx,
    [0xbf] = op_movsx,
    [0xc0] = op_xadd,
    [0xc1] = op_xadd,
    [0xc2] = op_sse_c2,
    [0xc3] = op_movnti,
    [0xc4] = op_sse_c4,
    [0xc5] = op_sse_c5,
    [0xc6] = op_sse_c6,
    [0xc7] = op_grp9,
    [0xc8] = op_bswap,
    [0xc9] = op_bswap,
    [0xca] = op_bswap,
    [0xcb] = op_bswap,
    [0xcc] = op_bswap,
    [0xcd] = op_bswap,
    [0xce] = op_bswap,
    [0xcf] = op_bswap,
    [0xd0] = op_sse_d0,
    [0xd1] = op_sse_d1,
    [0xd2] = op_sse_d2,
    [0xd3] = op_sse_d3,
    [0xd4] = op_sse_d4,
    [0xd5] = op_sse_d5,
    [0xd6] = op_sse_d6,
    [0xd7] = op_sse_d7,
    [0xd8] = op_sse_d8,
    [0xd9] = op_sse_d9,
    [0xda] = op_sse_da,
    [0xdb] = op_sse_db,
    [0xdc] = op_sse_dc,
    [0xdd] = op_sse_dd,
    [0xde] = op_sse_de,
    [0xdf] = op_sse_df,
    [0xe0] = op_sse_e0,
    [0xe1] = op_sse_e1,
    [0xe2] = op_sse_e2,
    [0xe3] = op_sse_e3,
    [0xe4] = op_sse_e4,
    [0xe5] = op_sse_e5,
    [0xe6] = op_sse_e6,
    [0xe7] = op_sse_e7,
    [0xe8] = op_sse_e8,
    [0xe9] = op_sse_e9,
    [0xea] = op_sse_ea,
    [0xeb] = op_sse_eb,
    [0xec] = op_sse_ec,
    [0xed] = op_sse_ed,
    [0xee] = op_sse_ee,
    [0xef] = op_sse_ef,
    [0xf0] = op_sse_f0,
    [0xf1] = op_sse_f1,
    [0xf2] = op_sse_f2,
    [0xf3] = op_sse_f3,
    [0xf4] = op_sse_f4,
    [0xf5] = op_sse_f5,
    [0xf6] = op_sse_f6,
    [0xf7] = op_sse_f7,
    [0xf8] = op_sse_f8,
    [0xf9] = op_sse_f9,
    [0xfa] = op_sse_fa,
    [0xfb] = op_sse_fb,
    [0xfc] = op_sse_fc,
    [0xfd] = op_sse_fd,
    [0xfe] = op_sse_fe,
    [0xff] = op_ud,
};

const OpFn optab_0f38[256] = {
    [0x00] = op_sse38_00,
    [0x01] = op_sse38_01,
    [0x02] = op_sse38_02,
    [0x03] = op_sse38_03,
    [0x04] = op_sse38_04,
    [0x05] = op_sse38_05,
    [0x06] = op_sse38_06,
    [0x07] = op_sse38_07,
    [0x08] = op_sse38_08,
    [0x09] = op_sse38_09,
    [0x0a] = op_sse38_0a,
    [0x0b] = op_sse38_0b,
    [0x0c] = op_ud,
    [0x0d] = op_ud,
    [0x0e] = op_ud,
    [0x0f] = op_ud,
    [0x10] = op_sse38_10,
    [0x11] = op_ud,
    [0x12] = op_ud,
    [0x13] = op_ud,
    [0x14] = op_sse38_14,
    [0x15] = op_sse38_15,
    [0x16] = op_ud,
    [0x17] = op_sse38_17,
    [0x18] = op_ud,
    [0x19] = op_ud,
    [0x1a] = op_ud,
    [0x1b] = op_ud,
    [0x1c] = op_sse38_1c,
    [0x1d] = op_sse38_1d,
    [0x1e] = op_sse38_1e,
    [0x1f] = op_ud,
    [0x20] = op_sse38_20,
    [0x21] = op_sse38_21,
    [0x22] = op_sse38_22,
    [0x23] = op_sse38_23,
    [0x24] = op_sse38_24,
    [0x25] = op_sse38_25,
    [0x26] = op_ud,
    [0x27] = op_ud,
    [0x28] = op_sse38_28,
    [0x29] = op_sse38_29,
    [0x2a] = op_sse38_2a,
    [0x2b] = op_sse38_2b,
    [0x2c] = op_ud,
    [0x2d] = op_ud,
    [0x2e] = op_ud,
    [0x2f] = op_ud,
    [0x30] = op_sse38_30,
    [0x31] = op_sse38_31,
    [0x32] = op_sse38_32,
    [0x33] = op_sse38_33,
    [0x34] = op_sse38_34,
    [0x35] = op_sse38_35,
    [0x36] = op_ud,
    [0x37] = op_sse38_37,
    [0x38] = op_sse38_38,
    [0x39] = op_sse38_39,
    [0x3a] = op_sse38_3a,
    [0x3b] = op_sse38_3b,
    [0x3c] = op_sse38_3c,
    [0x3d] = op_sse38_3d,
    [0x3e] = op_sse38_3e,
    [0x3f] = op_sse38_3f,
    [0x40] = op_sse38_40,
    [0x41] = op_sse38_41,
    [0x42] = op_ud,
    [0x43] = op_ud,
    [0x44] = op_ud,
    [0x45] = op_ud,
    [0x46] = op_ud,
    [0x47] = op_ud,
    [0x48] = op_ud,
    [0x49] = op_ud,
    [0x4a] = op_ud,
    [0x4b] = op_ud,
    [0x4c] = op_ud,
    [0x4d] = op_ud,
    [0x4e] = op_ud,
    [0x4f] = op_ud,
    [0x50] = op_ud,
    [0x51] = op_ud,
    [0x52] = op_ud,
    [0x53] = op_ud,
    [0x54] = op_ud,
    [0x55] = op_ud,
    [0x56] = op_ud,
    [0x57] = op_ud,
    [0x58] = op_ud,
    [0x59] = op_ud,
    [0x5a] = op_ud,
    [0x5b] = op_ud,
    [0x5c] = op_ud,
    [0x5d] = op_ud,
    [0x5e] = op_ud,
    [0x5f] = op_ud,
    [0x60] = op_ud,
    [0x61] = op_ud,
    [0x62] = op_ud,
    [0x63] = op_ud,
    [0x64] = op_ud,
    [0x65] = op_ud,
    [0x66] = op_ud,
    [0x67] = op_ud,
    [0x68] = op_ud,
    [0x69] = op_ud,
    [0x6a] = op_ud,
    [0x6b] = op_ud,
    [0x6c] = op_ud,
    [0x6d] = op_ud,
    [0x6e] = op_ud,
    [0x6f] = op_ud,
    [0x70] = op_ud,
    [0x71] = op_ud,
    [0x72] = op_ud,
    [0x73] = op_ud,
    [0x74] = op_ud,
    [0x75] = op_ud,
    [0x76] = op_ud,
    [0x77] = op_ud,
    [0x78] = op_ud,
    [0x79] = op_ud,
    [0x7a] = op_ud,
    [0x7b] = op_ud,
    [0x7c] = op_ud,
    [0x7d] = op_ud,
    [0x7e] = op_ud,
    [0x7f] = op_ud,
    [0x80] = op_ud,
    [0x81] = op_ud,
    [0x82] = op_ud,
    [0x83] = op_ud,
    [0x84] = op_ud,
    [0x85] = op_ud,
    [0x86] = op_ud,
    [0x87] = op_ud,
    [0x88] = op_ud,
    [0x89] = op_ud,
    [0x8a] = op_ud,
    [0x8b] = op_ud,
    [0x8c] = op_ud,
    [0x8d] = op_ud,
    [0x8e] = op_ud,
    [0x8f] = op_ud,
    [0x90] = op_ud,
    [0x91] = op_ud,
    [0x92] = op_ud,
    [0x93] = op_ud,
    [0x94] = op_ud,
    [0x95] = op_ud,
    [0x96] = op_ud,
    [0x97] = op_ud,
    [0x98] = op_ud,
    [0x99] = op_ud,
    [0x9a] = op_ud,
    [0x9b] = op_ud,
    [0x9c] = op_ud,
    [0x9d] = op_ud,
    [0x9e] = op_ud,
    [0x9f] = op_ud,
    [0xa0] = op_ud,
    [0xa1] = op_ud,
    [0xa2] = op_ud,
    [0xa3] = op_ud,
    [0xa4] = op_ud,
    [0xa5] = op_ud,
    [0xa6] = op_ud,
    [0xa7] = op_ud,
    [0xa8] = op_ud,
    [0xa9] = op_ud,
    [0xaa] = op_ud,
    [0xab] = op_ud,
    [0xac] = op_ud,
    [0xad] = op_ud,
    [0xae] = op_ud,
    [0xaf] = op_ud,
    [0xb0] = op_ud,
    [0xb1] = op_ud,
    [0xb2] = op_ud,
    [0xb3] = op_ud,
    [0xb4] = op_ud,
    [0xb5] = op_ud,
    [0xb6] = op_ud,
    [0xb7] = op_ud,
    [0xb8] = op_ud,
    [0xb9] = op_ud,
    [0xba] = op_ud,
    [0xbb] = op_ud,
    [0xbc] = op_ud,
    [0xbd] = op_ud,
    [0xbe] = op_ud,
    [0xbf] = op_ud,
    [0xc0] = op_ud,
    [0xc1] = op_ud,
    [0xc2] = op_ud,
    [0xc3] = op_ud,
    [0xc4] = op_ud,
    [0xc5] = op_ud,
    [0xc6] = op_ud,
    [0xc7] = op_ud,
    [0xc8] = op_ud,
    [0xc9] = op_ud,
    [0xca] = op_ud,
    [0xcb] = op_ud,
    [0xcc] = op_ud,
    [0xcd] = op_ud,
    [0xce] = op_ud,
    [0xcf] = op_ud,
    [0xd0] = op_ud,
    [0xd1] = op_ud,
    [0xd2] = op_ud,
    [0xd3] = op_ud,
    [0xd4] = op_ud,
    [0xd5] = op_ud,
    [0xd6] = op_ud,
    [0xd7] = op_ud,
    [0xd8] = op_ud,
    [0xd9] = op_ud,
    [0xda] = op_ud,
    [0xdb] = op_ud,
    [0xdc] = op_ud,
    [0xdd] = op_ud,
    [0xde] = op_ud,
    [0xdf] = op_ud,
    [0xe0] = op_ud,
    [0xe1] = op_ud,
    [0xe2] = op_ud,
    [0xe3] = op_ud,
    [0xe4] = op_ud,
    [0xe5] = op_ud,
    [0xe6] = op_ud,
    [0xe7] = op_ud,
    [0xe8] = op_ud,
    [0xe9] = op_ud,
    [0xea] = op_ud,
    [0xeb] = op_ud,
    [0xec] = op_ud,
    [0xed] = op_ud,
    [0xee] = op_ud,
    [0xef] = op_ud,
    [0xf0] = op_movbe,
    [0xf1] = op_movbe,
    [0xf2] = op_andn,
    [0xf3] = op_bmi_grp17,
    [0xf4] = op_ud,
    [0xf5] = op_bzhi_pdep_pext,
    [0xf6] = op_mulx_adx,
    [0xf7] = op_bextr_shx,
    [0xf8] = op_ud,
    [0xf9] = op_ud,
    [0xfa] = op_ud,
    [0xfb] = op_ud,
    [0xfc] = op_ud,
    [0xfd] = op_ud,
    [0xfe] = op_ud,
    [0xff] = op_ud,
};

const OpFn optab_0f3a[256] = {
    [0x00] = op_ud,
    [0x01] = op_ud,
    [0x02] = op_ud,
    [0x03] = op_ud,
    [0x04] = op_ud,
    [0x05] = op_ud,
    [0x06] = op_ud,
    [0x07] = op_ud,
    [0x08] = op_sse3a_08,
    [0x09] = op_sse3a_09,
    [0x0a] = op_sse3a_0a,
    [0x0b] = op_sse3a_0b,
    [0x0c] = op_sse3a_0c,
    [0x0d] = op_sse3a_0d,
    [0x0e] = op_sse3a_0e,
    [0x0f] = op_sse3a_0f,
    [0x10] = op_ud,
    [0x11] = op_ud,
    [0x12] = op_ud,
    [0x13] = op_ud,
    [0x14] = op_sse3a_14,
    [0x15] = op_sse3a_15,
    [0x16] = op_sse3a_16,
    [0x17] = op_sse3a_17,
    [0x18] = op_ud,
    [0x19] = op_ud,
    [0x1a] = op_ud,
    [0x1b] = op_ud,
    [0x1c] = op_ud,
    [0x1d] = op_ud,
    [0x1e] = op_ud,
    [0x1f] = op_ud,
    [0x20] = op_sse3a_20,
    [0x21] = op_sse3a_21,
    [0x22] = op_sse3a_22,
    [0x23] = op_ud,
    [0x24] = op_ud,
    [0x25] = op_ud,
    [0x26] = op_ud,
    [0x27] = op_ud,
    [0x28] = op_ud,
    [0x29] = op_ud,
    [0x2a] = op_ud,
    [0x2b] = op_ud,
    [0x2c] = op_ud,
    [0x2d] = op_ud,
    [0x2e] = op_ud,
    [0x2f] = op_ud,
    [0x30] = op_ud,
    [0x31] = op_ud,
    [0x32] = op_ud,
    [0x33] = op_ud,
    [0x34] = op_ud,
    [0x35] = op_ud,
    [0x36] = op_ud,
    [0x37] = op_ud,
    [0x38] = op_ud,
    [0x39] = op_ud,
    [0x3a] = op_ud,
    [0x3b] = op_ud,
    [0x3c] = op_ud,
    [0x3d] = op_ud,
    [0x3e] = op_ud,
    [0x3f] = op_ud,
    [0x40] = op_sse3a_40,
    [0x41] = op_sse3a_41,
    [0x42] = op_sse3a_42,
    [0x43] = op_ud,
    [0x44] = op_sse3a_44,
    [0x45] = op_ud,
    [0x46] = op_ud,
    [0x47] = op_ud,
    [0x48] = op_ud,
    [0x49] = op_ud,
    [0x4a] = op_ud,
    [0x4b] = op_ud,
    [0x4c] = op_ud,
    [0x4d] = op_ud,
    [0x4e] = op_ud,
    [0x4f] = op_ud,
    [0x50] = op_ud,
    [0x51] = op_ud,
    [0x52] = op_ud,
    [0x53] = op_ud,
    [0x54] = op_ud,
    [0x55] = op_ud,
    [0x56] = op_ud,
    [0x57] = op_ud,
    [0x58] = op_ud,
    [0x59] = op_ud,
    [0x5a] = op_ud,
    [0x5b] = op_ud,
    [0x5c] = op_ud,
    [0x5d] = op_ud,
    [0x5e] = op_ud,
    [0x5f] = op_ud,
    [0x60] = op_sse3a_60,
    [0x61] = op_sse3a_61,
    [0x62] = op_sse3a_62,
    [0x63] = op_sse3a_63,
    [0x64] = op_ud,
    [0x65] = op_ud,
    [0x66] = op_ud,
    [0x67] = op_ud,
    [0x68] = op_ud,
    [0x69] = op_ud,
    [0x6a] = op_ud,
    [0x6b] = op_ud,
    [0x6c] = op_ud,
    [0x6d] = op_ud,
    [0x6e] = op_ud,
    [0x6f] = op_ud,
    [0x70] = op_ud,
    [0x71] = op_ud,
    [0x72] = op_ud,
    [0x73] = op_ud,
    [0x74] = op_ud,
    [0x75] = op_ud,
    [0x76] = op_ud,
    [0x77] = op_ud,
    [0x78] = op_ud,
    [0x79] = op_ud,
    [0x7a] = op_ud,
    [0x7b] = op_ud,
    [0x7c] = op_ud,
    [0x7d] = op_ud,
    [0x7e] = op_ud,
    [0x7f] = op_ud,
    [0x80] = op_ud,
    [0x81] = op_ud,
    [0x82] = op_ud,
    [0x83] = op_ud,
    [0x84] = op_ud,
    [0x85] = op_ud,
    [0x86] = op_ud,
    [0x87] = op_ud,
    [0x88] = op_ud,
    [0x89] = op_ud,
    [0x8a] = op_ud,
    [0x8b] = op_ud,
    [0x8c] = op_ud,
    [0x8d] = op_ud,
    [0x8e] = op_ud,
    [0x8f] = op_ud,
    [0x90] = op_ud,
    [0x91] = op_ud,
    [0x92] = op_ud,
    [0x93] = op_ud,
    [0x94] = op_ud,
    [0x95] = op_ud,
    [0x96] = op_ud,
    [0x97] = op_ud,
    [0x98] = op_ud,
    [0x99] = op_ud,
    [0x9a] = op_ud,
    [0x9b] = op_ud,
    [0x9c] = op_ud,
    [0x9d] = op_ud,
    [0x9e] = op_ud,
    [0x9f] = op_ud,
    [0xa0] = op_ud,
    [0xa1] = op_ud,
    [0xa2] = op_ud,
    [0xa3] = op_ud,
    [0xa4] = op_ud,
    [0xa5] = op_ud,
    [0xa6] = op_ud,
    [0xa7] = op_ud,
    [0xa8] = op_ud,
    [0xa9] = op_ud,
    [0xaa] = op_ud,
    [0xab] = op_ud,
    [0xac] = op_ud,
    [0xad] = op_ud,
    [0xae] = op_ud,
    [0xaf] = op_ud,
    [0xb0] = op_ud,
    [0xb1] = op_ud,
    [0xb2] = op_ud,
    [0xb3] = op_ud,
    [0xb4] = op_ud,
    [0xb5] = op_ud,
    [0xb6] = op_ud,
    [0xb7] = op_ud,
    [0xb8] = op_ud,
    [0xb9] = op_ud,
    [0xba] = op_ud,
    [0xbb] = op_ud,
    [0xbc] = op_ud,
    [0xbd] = op_ud,
    [0xbe] = op_ud,
    [0xbf] = op_ud,
    [0xc0] = op_ud,
    [0xc1] = op_ud,
    [0xc2] = op_ud,
    [0xc3] = op_ud,
    [0xc4] = op_ud,
    [0xc5] = op_ud,
    [0xc6] = op_ud,
    [0xc7] = op_ud,
    [0xc8] = op_ud,
    [0xc9] = op_ud,
    [0xca] = op_ud,
    [0xcb] = op_ud,
    [0xcc] = op_ud,
    [0xcd] = op_ud,
    [0xce] = op_ud,
    [0xcf] = op_ud,
    [0xd0] = op_ud,
    [0xd1] = op_ud,
    [0xd2] = op_ud,
    [0xd3] = op_ud,
    [0xd4] = op_ud,
    [0xd5] = op_ud,
    [0xd6] = op_ud,
    [0xd7] = op_ud,
    [0xd8] = op_ud,
    [0xd9] = op_ud,
    [0xda] = op_ud,
    [0xdb] = op_ud,
    [0xdc] = op_ud,
    [0xdd] = op_ud,
    [0xde] = op_ud,
    [0xdf] = op_ud,
    [0xe0] = op_ud,
    [0xe1] = op_ud,
    [0xe2] = op_ud,
    [0xe3] = op_ud,
    [0xe4] = op_ud,
    [0xe5] = op_ud,
    [0xe6] = op_ud,
    [0xe7] = op_ud,
    [0xe8] = op_ud,
    [0xe9] = op_ud,
    [0xea] = op_ud,
    [0xeb] = op_ud,
    [0xec] = op_ud,
    [0xed] = op_ud,
    [0xee] = op_ud,
    [0xef] = op_ud,
    [0xf0] = op_rorx,
    [0xf1] = op_ud,
    [0xf2] = op_ud,
    [0xf3] = op_ud,
    [0xf4] = op_ud,
    [0xf5] = op_ud,
    [0xf6] = op_ud,
    [0xf7] = op_ud,
    [0xf8] = op_ud,
    [0xf9] = op_ud,
    [0xfa] = op_ud,
    [0xfb] = op_ud,
    [0xfc] = op_ud,
    [0xfd] = op_ud,
    [0xfe] = op_ud,
    [0xff] = op_ud,
};

const OpFn *const optab[4] = {optab_1byte, optab_0f, optab_0f38,
                               optab_0f3a};
