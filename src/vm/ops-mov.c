/* ops-mov.c: data movement: mov and its relatives, exchanges, compare-
 * and-exchange, sign/zero extension, segment register loads, and the
 * odd ones of 0F C7 (cmpxchg8b/16b, rdrand, rdseed, rdpid).
 *
 * Handlers read every memory operand before writing anything, so that a
 * fault (which unwinds through longjmp) leaves the machine as the CPU
 * would: with the instruction not executed. */
#include <errno.h>
#include <sys/random.h>

#include "cpu.h"
#include "cpuid.h"
#include "flags.h"
#include "machine.h"
#include "memory.h"
#include "operand.h"
#include "ops.h"

/* Called from ops-stack.c, ops-branch.c and ops-misc.c too. */
void mov_load_seg(struct Machine *m, int s, uint16_t sel);

/* Segment register load. Real mode: the base is selector * 16. Long mode:
 * the bases of CS/DS/ES/SS are zero and those of FS/GS belong to
 * arch_prctl and wrfsbase, so only the selector changes. Protected mode
 * needs descriptor tables, which come with bare-metal support. */
int user_seg_loadable(struct Machine *m, int s, uint16_t sel); /* ops-misc.c */

void mov_load_seg(struct Machine *m, int s, uint16_t sel) {
  if (m->bare) {
    /* mov ss / pop ss: no interrupt before the next instruction, which
     * sets the stack pointer that goes with the new SS. */
    if (s == SEG_SS) m->shadow = m->icount + 1;
    if (cpu_real(m) || s == SEG_CS || (m->rflags & FLAG_VM)) seg_load_real(m, s, sel);
    else seg_load_data(m, s, sel);
    return;
  }
  /* CS changes (far transfers, iret) check their own targets. */
  if (m->mode == MODE_LONG && s != SEG_CS && !user_seg_loadable(m, s, sel))
    exec_fault(m, EXC_GP, sel & 0xfffc, 0);
  m->sreg[s] = sel;
  if (m->mode == MODE_REAL) {
    m->seg_base[s] = (uint64_t)sel << 4;
    if (s == SEG_CS) m->cp = NULL; /* the code page moved */
  }
}

/* Change ZF alone, keeping the other arithmetic flags. */
static void set_zf(struct Machine *m, int zf) {
  uint64_t f = flags_get(m) & FLAGS_ARITH;
  flags_put_arith(m, zf ? f | FLAG_ZF : f & ~(uint64_t)FLAG_ZF);
}

/* The segment of an instruction whose memory operand has no ModRM (moffs,
 * xlat): DS unless overridden. */
static inline int data_seg(const struct Insn *i) {
  return i->segovr ? i->segovr - 1 : SEG_DS;
}

/* A 16/32/64-bit register write (no AH..BH case to consider). */
static inline void wide_put(struct Machine *m, unsigned r, unsigned size,
                            uint64_t v) {
  if (size == 8) m->r[r] = v;
  else if (size == 4) m->r[r] = (uint32_t)v;
  else m->r[r] = (m->r[r] & ~0xffffull) | (v & 0xffff);
}

/* 88-8B: mov Eb,Gb / Ev,Gv / Gb,Eb / Gv,Ev. The most frequent
 * instruction of all, so the word forms take a short path. */
void op_mov(struct Machine *m, const struct Insn *i) {
  if (__builtin_expect(i->op & 1, 1)) {
    unsigned size = i->osz;
    if (i->op & 2) {
      uint64_t v = i->mod == 3 ? m->r[i->rm] : mem_load(m, insn_ea(m, i), size);
      wide_put(m, i->reg, size, v);
    } else if (i->mod == 3) {
      wide_put(m, i->rm, size, m->r[i->reg]);
    } else {
      mem_store(m, insn_ea(m, i), size, m->r[i->reg]);
    }
    return;
  }
  if (i->op & 2) op_put_g(m, i, 1, op_get_e(m, i, 1));
  else op_put_e(m, i, 1, op_get_g(m, i, 1));
}

/* 8D: lea. The address is computed at the address size without any
 * segment base, then cut or zero-extended to the operand size. */
void op_lea(struct Machine *m, const struct Insn *i) {
  if (i->mod == 3) exec_ud(m);
  uint64_t a = (uint64_t)i->disp;
  if (i->base != REG_NONE) a += i->base == BASE_RIP ? m->rip : m->r[i->base];
  if (i->index != REG_NONE) a += m->r[i->index] << i->scale;
  a = trunc_sz(a, i->asz);
  op_put_g(m, i, i->osz, a);
}

/* A0-A3: mov AL/rAX <-> moffs. */
void op_mov_moffs(struct Machine *m, const struct Insn *i) {
  unsigned size = osz_bw(i);
  uint64_t va = trunc_sz(i->imm, i->asz) + m->seg_base[data_seg(i)];
  if (i->op & 2) mem_store(m, va, size, reg_get(m, i, RAX, size));
  else reg_put(m, i, RAX, size, mem_load(m, va, size));
}

/* B0-BF: mov r, imm (B8+ with REX.W takes a full 64-bit immediate). */
void op_mov_r_imm(struct Machine *m, const struct Insn *i) {
  unsigned r = (i->op & 7) | ((i->rex & 1) << 3);
  reg_put(m, i, r, (i->op & 8) ? i->osz : 1, i->imm);
}

/* C6/C7 /0: mov Eb,Ib / Ev,Iz. The other /r are xabort/xbegin (RTM,
 * not advertised). */
void op_mov_e_imm(struct Machine *m, const struct Insn *i) {
  if ((i->reg & 7) != 0) exec_ud(m);
  op_put_e(m, i, osz_bw(i), i->imm);
}

/* 0F B6/B7: movzx Gv, Eb/Ew. */
void op_movzx(struct Machine *m, const struct Insn *i) {
  unsigned from = (i->op & 1) ? 2 : 1;
  op_put_g(m, i, i->osz, op_get_e(m, i, from));
}

/* 0F BE/BF: movsx Gv, Eb/Ew. */
void op_movsx(struct Machine *m, const struct Insn *i) {
  unsigned from = (i->op & 1) ? 2 : 1;
  op_put_g(m, i, i->osz, (uint64_t)sext_sz(op_get_e(m, i, from), from));
}

/* 63: movsxd Gv, Ed in long mode (without REX.W a plain 32- or 16-bit
 * move); arpl Ew, Gw in the other modes. */
void op_movsxd(struct Machine *m, const struct Insn *i) {
  if (m->mode == MODE_LONG) {
    if (i->osz == 8)
      op_put_g(m, i, 8, (uint64_t)(int64_t)(int32_t)op_get_e(m, i, 4));
    else
      op_put_g(m, i, i->osz, op_get_e(m, i, i->osz));
    return;
  }
  if (m->mode == MODE_REAL) exec_ud(m); /* arpl is protected mode only */
  uint64_t dst = op_get_e(m, i, 2);
  uint64_t src = op_get_g(m, i, 2);
  if ((dst & 3) < (src & 3)) {
    op_put_e(m, i, 2, (dst & ~3ull) | (src & 3));
    set_zf(m, 1);
  } else {
    set_zf(m, 0);
  }
}

/* 0F 40-4F: cmovcc Gv, Ev. The source is read (and may fault) whatever
 * the condition, and a 32-bit form writes (zero-extends) the destination
 * even when the condition is false. */
void op_cmov(struct Machine *m, const struct Insn *i) {
  uint64_t v = op_get_e(m, i, i->osz);
  if (flags_cond(m, i->op & 15)) op_put_g(m, i, i->osz, v);
  else if (i->osz == 4) op_put_g(m, i, 4, op_get_g(m, i, 4));
}

/* 0F 90-9F: setcc Eb. */
void op_setcc(struct Machine *m, const struct Insn *i) {
  op_put_e(m, i, 1, (uint64_t)flags_cond(m, i->op & 15));
}

/* 86/87: xchg Eb,Gb / Ev,Gv. With memory it is always locked. */
void op_xchg(struct Machine *m, const struct Insn *i) {
  unsigned size = osz_bw(i);
  uint64_t g = op_get_g(m, i, size);
  if (i->mod == 3) {
    uint64_t e = reg_get(m, i, i->rm, size);
    reg_put(m, i, i->rm, size, g);
    reg_put(m, i, i->reg, size, e);
    return;
  }
  uint64_t va = insn_ea(m, i), old;
  void *p = host_rw(m, va, size);
  if (p) {
    switch (size) {
      case 1: old = __atomic_exchange_n((uint8_t *)p, (uint8_t)g, __ATOMIC_SEQ_CST); break;
      case 2: old = __atomic_exchange_n((uint16_t *)p, (uint16_t)g, __ATOMIC_SEQ_CST); break;
      case 4: old = __atomic_exchange_n((uint32_t *)p, (uint32_t)g, __ATOMIC_SEQ_CST); break;
      default: old = __atomic_exchange_n((uint64_t *)p, g, __ATOMIC_SEQ_CST); break;
    }
  } else {
    mem_rmw_begin(m); /* a split lock: xchg always locks (memory.h) */
    old = mem_load(m, va, size);
    mem_store(m, va, size, g);
    mem_rmw_end(m);
  }
  op_put_g(m, i, size, old);
}

/* 90-97: xchg rAX, r. 90 itself (without REX.B) is nop, F3 90 is pause;
 * neither touches RAX, even with a 32-bit operand size. */
void op_xchg_ax(struct Machine *m, const struct Insn *i) {
  unsigned r = (i->op & 7) | ((i->rex & 1) << 3);
  if (r == RAX) return;
  uint64_t a = reg_get(m, i, RAX, i->osz);
  uint64_t b = reg_get(m, i, r, i->osz);
  reg_put(m, i, RAX, i->osz, b);
  reg_put(m, i, r, i->osz, a);
}

/* Atomic compare-and-exchange on host memory; returns the old value. */
static uint64_t host_cas(void *p, unsigned size, uint64_t expect,
                         uint64_t desire) {
  switch (size) {
    case 1: {
      uint8_t e = (uint8_t)expect;
      __atomic_compare_exchange_n((uint8_t *)p, &e, (uint8_t)desire, 0,
                                  __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
      return e;
    }
    case 2: {
      uint16_t e = (uint16_t)expect;
      __atomic_compare_exchange_n((uint16_t *)p, &e, (uint16_t)desire, 0,
                                  __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
      return e;
    }
    case 4: {
      uint32_t e = (uint32_t)expect;
      __atomic_compare_exchange_n((uint32_t *)p, &e, (uint32_t)desire, 0,
                                  __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
      return e;
    }
    default: {
      uint64_t e = expect;
      __atomic_compare_exchange_n((uint64_t *)p, &e, desire, 0,
                                  __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
      return e;
    }
  }
}

/* 0F B0/B1: cmpxchg Eb,Gb / Ev,Gv. Flags as cmp acc, dest. On success
 * dest = src; on failure acc = dest, and a memory dest is written back
 * with its own value (so a read-only page faults), while a register dest
 * is left alone: a 32-bit one is not zero-extended (as the host CPU
 * does; the accumulator, written only on failure, is). */
void op_cmpxchg(struct Machine *m, const struct Insn *i) {
  unsigned size = osz_bw(i);
  uint64_t acc = reg_get(m, i, RAX, size);
  uint64_t src = op_get_g(m, i, size);
  uint64_t dst;
  if (i->mod == 3) {
    dst = reg_get(m, i, i->rm, size);
    if (dst == acc) reg_put(m, i, i->rm, size, src);
  } else {
    uint64_t va = insn_ea(m, i);
    void *p = host_rw(m, va, size);
    if (p) {
      dst = host_cas(p, size, acc, src);
    } else {
      mem_rmw_begin(m); /* a split lock when locked (memory.h) */
      dst = mem_load(m, va, size);
      mem_store(m, va, size, dst == acc ? src : dst);
      mem_rmw_end(m);
    }
  }
  if (dst != acc) reg_put(m, i, RAX, size, dst);
  flags_lazy(m, LF_SUB, (int)size, trunc_sz(acc - dst, size), acc, dst);
}

/* 0F C0/C1: xadd Eb,Gb / Ev,Gv: src = dest, dest = dest + src. */
void op_xadd(struct Machine *m, const struct Insn *i) {
  unsigned size = osz_bw(i);
  uint64_t src = op_get_g(m, i, size);
  uint64_t dst, sum;
  if (i->mod == 3) {
    dst = reg_get(m, i, i->rm, size);
    sum = trunc_sz(dst + src, size);
    /* Source first: with the same register twice, the sum wins. */
    reg_put(m, i, i->reg, size, dst);
    reg_put(m, i, i->rm, size, sum);
  } else {
    uint64_t va = insn_ea(m, i);
    void *p = host_rw(m, va, size);
    if (p) {
      switch (size) {
        case 1: dst = __atomic_fetch_add((uint8_t *)p, (uint8_t)src, __ATOMIC_SEQ_CST); break;
        case 2: dst = __atomic_fetch_add((uint16_t *)p, (uint16_t)src, __ATOMIC_SEQ_CST); break;
        case 4: dst = __atomic_fetch_add((uint32_t *)p, (uint32_t)src, __ATOMIC_SEQ_CST); break;
        default: dst = __atomic_fetch_add((uint64_t *)p, src, __ATOMIC_SEQ_CST); break;
      }
    } else {
      mem_rmw_begin(m); /* a split lock when locked (memory.h) */
      dst = mem_load(m, va, size);
      mem_store(m, va, size, trunc_sz(dst + src, size));
      mem_rmw_end(m);
    }
    sum = trunc_sz(dst + src, size);
    reg_put(m, i, i->reg, size, dst);
  }
  flags_lazy(m, LF_ADD, (int)size, sum, dst, src);
}

/* Random bits for rdrand/rdseed; false when the host has none to give
 * right now (the guest then sees CF=0 and retries, as on hardware). */
static int random_u64(uint64_t *x) {
  ssize_t n;
  do n = getrandom(x, sizeof(*x), GRND_NONBLOCK);
  while (n < 0 && errno == EINTR);
  return n == (ssize_t)sizeof(*x);
}

#if defined(__x86_64__)
/* lock cmpxchg16b on the host: the one 16-byte atomic x86 has, which
 * the compiler only emits with -mcx16 (or through libatomic). */
static int host_cas16(void *p, uint64_t *lo, uint64_t *hi, uint64_t nlo,
                      uint64_t nhi) {
  _Bool ok;
  __asm__ volatile("lock cmpxchg16b %1"
                   : "=@ccz"(ok), "+m"(*(volatile unsigned __int128 *)p),
                     "+a"(*lo), "+d"(*hi)
                   : "b"(nlo), "c"(nhi)
                   : "memory");
  return ok;
}
#endif

/* cmpxchg8b m64 / cmpxchg16b m128: compare EDX:EAX (RDX:RAX) with the
 * operand; equal: store ECX:EBX (RCX:RBX); else load the operand into
 * EDX:EAX (RDX:RAX). Only ZF changes. Atomic on the host when the TLB
 * maps the page writable (another guest thread may race with us). */
static void cmpxchg8b(struct Machine *m, const struct Insn *i) {
  uint64_t va = insn_ea(m, i);
  if (i->rex & 8) {
    /* cmpxchg16b: the operand must be 16-byte aligned. */
    if (!CPUID_HAS_CX16) exec_ud(m);
    if (va & 15) exec_gp(m);
    uint64_t old[2] = {m->r[RAX], m->r[RDX]};
    int eq;
#if defined(__x86_64__)
    void *p = host_rw(m, va, 16);
    if (p) {
      eq = host_cas16(p, &old[0], &old[1], m->r[RBX], m->r[RCX]);
    } else
#endif
    {
      uint64_t neu[2];
      mem_rmw_begin(m); /* (memory.h) */
      mem_read_bytes(m, va, old, 16);
      eq = old[0] == m->r[RAX] && old[1] == m->r[RDX];
      neu[0] = eq ? m->r[RBX] : old[0];
      neu[1] = eq ? m->r[RCX] : old[1];
      mem_write_bytes(m, va, neu, 16);
      mem_rmw_end(m);
    }
    if (!eq) {
      m->r[RAX] = old[0];
      m->r[RDX] = old[1];
    }
    set_zf(m, eq);
  } else {
    uint64_t cmp = (m->r[RDX] << 32) | (uint32_t)m->r[RAX];
    uint64_t neu = (m->r[RCX] << 32) | (uint32_t)m->r[RBX];
    uint64_t old;
    void *p = host_rw(m, va, 8);
    if (p) {
      old = host_cas(p, 8, cmp, neu);
    } else {
      mem_rmw_begin(m); /* a split lock when locked (memory.h) */
      old = mem_load(m, va, 8);
      mem_store(m, va, 8, old == cmp ? neu : old);
      mem_rmw_end(m);
    }
    int eq = old == cmp;
    if (!eq) {
      reg_put(m, i, RAX, 4, (uint32_t)old);
      reg_put(m, i, RDX, 4, old >> 32);
    }
    set_zf(m, eq);
  }
}

/* 0F C7: group 9. */
void op_grp9(struct Machine *m, const struct Insn *i) {
  switch (i->reg & 7) {
    case 1:
      /* F2/F3 are ignored here (they are the xacquire/xrelease hints
       * with lock), as the host does. */
      if (i->mod == 3) exec_ud(m);
      cmpxchg8b(m, i);
      return;
    case 6:
    case 7: {
      if (i->mod != 3) exec_ud(m); /* vmptrld/vmptrst: not in user mode */
      if ((i->reg & 7) == 7 && i->rep == REP_F3 && CPUID_HAS_RDPID) {
        /* rdpid: IA32_TSC_AUX, which Linux sets to the CPU number; we
         * are CPU 0 (rdtscp agrees). */
        reg_put(m, i, i->rm, m->mode == MODE_LONG ? 8 : 4, 0);
        return;
      }
      if (i->rep) exec_ud(m);
      if (!((i->reg & 7) == 6 ? CPUID_HAS_RDRAND : CPUID_HAS_RDSEED)) exec_ud(m);
      uint64_t x = 0;
      int ok = random_u64(&x);
      reg_put(m, i, i->rm, i->osz, ok ? x : 0);
      flags_put_arith(m, ok ? FLAG_CF : 0);
      return;
    }
    default:
      exec_ud(m);
  }
}

/* 98: cbw / cwde / cdqe. */
void op_cbw(struct Machine *m, const struct Insn *i) {
  unsigned half = i->osz / 2;
  reg_put(m, i, RAX, i->osz, (uint64_t)sext_sz(m->r[RAX], half));
}

/* 99: cwd / cdq / cqo. */
void op_cwd(struct Machine *m, const struct Insn *i) {
  uint64_t a = reg_get(m, i, RAX, i->osz);
  reg_put(m, i, RDX, i->osz, (a & sign_bit(i->osz)) ? ~0ull : 0);
}

/* D7: xlat: AL = [seg:rBX + AL]. */
void op_xlat(struct Machine *m, const struct Insn *i) {
  uint64_t a = trunc_sz(m->r[RBX] + (m->r[RAX] & 0xff), i->asz);
  reg_put(m, i, RAX, 1, mem_load(m, a + m->seg_base[data_seg(i)], 1));
}

static uint64_t bswap_sz(uint64_t x, unsigned size) {
  switch (size) {
    case 2: return __builtin_bswap16((uint16_t)x);
    case 4: return __builtin_bswap32((uint32_t)x);
    default: return __builtin_bswap64(x);
  }
}

/* CRC-32C (Castagnoli, reflected polynomial 0x82F63B78) of the low size
 * bytes of x, as the SSE4.2 crc32 instruction computes it. */
static uint32_t crc32c(uint32_t crc, uint64_t x, unsigned size) {
  for (unsigned k = 0; k < size; ++k) {
    crc ^= (uint8_t)(x >> (k * 8));
    for (int b = 0; b < 8; ++b) crc = (crc >> 1) ^ (0x82f63b78u & -(crc & 1));
  }
  return crc;
}

/* 0F38 F0/F1: movbe Gv,Mv / Mv,Gv; with F2, crc32 Gd,Eb / Gd,Ev. */
void op_movbe(struct Machine *m, const struct Insn *i) {
  if (i->rep == REP_F2) {
    unsigned size = (i->op & 1) ? i->osz : 1;
    uint64_t v = op_get_e(m, i, size);
    unsigned dsz = (i->rex & 8) ? 8 : 4;
    op_put_g(m, i, dsz, crc32c((uint32_t)op_get_g(m, i, 4), v, size));
    return;
  }
  if (i->mod == 3 || i->rep || !CPUID_HAS_MOVBE) exec_ud(m);
  uint64_t va = insn_ea(m, i);
  if (i->op & 1) mem_store(m, va, i->osz, bswap_sz(op_get_g(m, i, i->osz), i->osz));
  else op_put_g(m, i, i->osz, bswap_sz(mem_load(m, va, i->osz), i->osz));
}

/* 0F C3: movnti Md, Gd / Mq, Gq (a non-temporal hint we can ignore). */
void op_movnti(struct Machine *m, const struct Insn *i) {
  if (i->mod == 3 || i->osz == 2 || i->rep) exec_ud(m);
  mem_store(m, insn_ea(m, i), i->osz, op_get_g(m, i, i->osz));
}

/* 8C: mov Ev, Sreg. A register destination wider than 16 bits gets the
 * selector zero-extended; memory always gets 16 bits. */
void op_mov_from_sreg(struct Machine *m, const struct Insn *i) {
  unsigned s = i->reg & 7;
  if (s >= SEG_COUNT || (i->rex & 4)) exec_ud(m);
  uint16_t sel = m->sreg[s];
  if (i->mod == 3) reg_put(m, i, i->rm, i->osz, sel);
  else mem_store(m, insn_ea(m, i), 2, sel);
}

/* 8E: mov Sreg, Ew (never CS). */
void op_mov_to_sreg(struct Machine *m, const struct Insn *i) {
  unsigned s = i->reg & 7;
  if (s >= SEG_COUNT || s == SEG_CS || (i->rex & 4)) exec_ud(m);
  mov_load_seg(m, (int)s, (uint16_t)op_get_e(m, i, 2));
}

/* Far pointer loads: offset (operand size) then selector. */
static void load_far(struct Machine *m, const struct Insn *i, int s) {
  if (i->mod == 3) exec_ud(m);
  uint64_t va = insn_ea(m, i);
  uint64_t off = mem_load(m, va, i->osz);
  uint16_t sel = (uint16_t)mem_load(m, va + i->osz, 2);
  mov_load_seg(m, s, sel);
  op_put_g(m, i, i->osz, off);
}

void op_les(struct Machine *m, const struct Insn *i) { load_far(m, i, SEG_ES); }
void op_lds(struct Machine *m, const struct Insn *i) { load_far(m, i, SEG_DS); }
void op_lss(struct Machine *m, const struct Insn *i) { load_far(m, i, SEG_SS); }
void op_lfs(struct Machine *m, const struct Insn *i) { load_far(m, i, SEG_FS); }
void op_lgs(struct Machine *m, const struct Insn *i) { load_far(m, i, SEG_GS); }
