/* ops-misc.c: flag instructions, cpuid, time stamps, software
 * interrupts, syscall, hints, and the system instructions a user-mode
 * program may not run.
 *
 * Linux runs programs at CPL 3 with IOPL 0, so privileged instructions
 * raise #GP, which Linux delivers as SIGSEGV. Real mode (the BIOS, later
 * bare-metal support) runs at privilege 0, where the few things it needs
 * here (cli/sti, int n, iret) work through the interrupt vector table. */
#include <string.h>
#include <time.h>

#include "../sys/syscall.h"
#include "cpu.h"
#include "cpuid.h"
#include "flags.h"
#include "history.h"
#include "machine.h"
#include "memory.h"
#include "operand.h"
#include "ops.h"

void mov_load_seg(struct Machine *m, int s, uint16_t sel);       /* ops-mov.c */
void stack_set_flags(struct Machine *m, uint64_t v, unsigned osz); /* ops-stack.c */

/* The user code selector Linux gives 64-bit programs. */
#define USER_CS64 0x33

/* Report a trap (the saved RIP is after the instruction, as Linux shows
 * it to signal handlers) for vectors exec_fault would otherwise treat as
 * faults. */
static _Noreturn void trap_after(struct Machine *m, int vector) {
  m->ip = m->rip;
  exec_fault(m, vector, 0, 0);
}

/* 0F 1F (nop Ev), 0F 18-1E (prefetch and hint space), 0F 0D (prefetchw):
 * no effect, and no memory access, so they never fault. The one
 * exception: 0F 0D needs a memory operand (a register form is #UD on
 * the host). */
void op_nop_e(struct Machine *m, const struct Insn *i) {
  if (i->op == 0x0d && i->mod == 3) exec_ud(m);
}

/* 0F A2: cpuid. */
void op_cpuid(struct Machine *m, const struct Insn *i) {
  uint32_t r[4];
  (void)i;
  cpuid_query((uint32_t)m->r[RAX], (uint32_t)m->r[RCX], r);
  m->r[RAX] = r[CPUID_EAX];
  m->r[RBX] = r[CPUID_EBX];
  m->r[RCX] = r[CPUID_ECX];
  m->r[RDX] = r[CPUID_EDX];
}

/* The time stamp counter: the host's on x86-64 (invariant and monotonic
 * on anything recent), else monotonic nanoseconds, a 1 GHz TSC. */
static uint64_t tsc(void) {
#if defined(__x86_64__)
  return __builtin_ia32_rdtsc();
#else
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
#endif
}

/* The counter rdtsc, rdtscp and a bare machine's TSC MSR read (ops-sys.c). */
uint64_t cpu_tsc(void);
uint64_t cpu_tsc(void) { return tsc(); }

/* 0F 31: rdtsc (a bare machine's guest may have moved it with wrmsr). */
void op_rdtsc(struct Machine *m, const struct Insn *i) {
  (void)i;
  uint64_t t = tsc() + m->msr_tsc_adj;
  m->r[RAX] = (uint32_t)t;
  m->r[RDX] = t >> 32;
}

/* Linux sets CR4.UMIP and then spoofs sgdt, sidt and smsw for user
 * programs with these fixed values (arch/x86/kernel/umip.c), so that
 * old software keeps running without learning kernel addresses. */
#define UMIP_GDT_BASE 0xfffffffffffe0000ull
#define UMIP_IDT_BASE 0xffffffffffff0000ull
#define UMIP_CR0 0x80050033u /* PE MP ET NE WP AM PG */

/* 0F 01: group 7. User mode may run rdtscp here, and sgdt, sidt and
 * smsw as Linux emulates them; lgdt, lidt, lmsw, invlpg, swapgs are #GP;
 * the rest are #UD because the features behind them (XSAVE, RTM,
 * MONITOR, PKU, VMX, SMAP) are not advertised. */
void op_grp7(struct Machine *m, const struct Insn *i) {
  if (m->bare) {
    sys_grp7(m, i);
    return;
  }
  unsigned r = i->reg & 7;
  if (m->mode == MODE_LONG && r == 4) { /* smsw */
    if (i->mod == 3) reg_put(m, i, i->rm, i->osz, UMIP_CR0);
    else mem_store(m, insn_ea(m, i), 2, UMIP_CR0 & 0xffff);
    return;
  }
  if (m->mode == MODE_LONG && i->mod != 3 && r <= 1) { /* sgdt, sidt */
    uint8_t b[10] = {0, 0};
    uint64_t base = r ? UMIP_IDT_BASE : UMIP_GDT_BASE;
    memcpy(b + 2, &base, 8);
    mem_write_bytes(m, insn_ea(m, i), b, 10);
    return;
  }
  if (i->mod == 3) {
    switch (i->modrm) {
      case 0xf9: { /* rdtscp: ECX = IA32_TSC_AUX, CPU 0 (rdpid agrees) */
        if (!CPUID_HAS_RDTSCP) exec_ud(m);
        uint64_t t = tsc();
        m->r[RAX] = (uint32_t)t;
        m->r[RDX] = t >> 32;
        m->r[RCX] = 0;
        return;
      }
      case 0xf8: /* swapgs */
        if (m->mode == MODE_LONG) exec_gp(m);
        exec_ud(m);
      default:
        if ((i->reg & 7) == 4 || (i->reg & 7) == 6) exec_gp(m); /* smsw, lmsw */
        exec_ud(m);
    }
  }
  if ((i->reg & 7) == 5) exec_ud(m);
  exec_gp(m); /* sgdt sidt lgdt lidt smsw lmsw invlpg */
}

/* F4: hlt is privileged in a Linux process. Only bare-metal code runs in
 * real or protected mode, at privilege 0: there the machine stops until
 * an interrupt, and with no device model yet nothing can wake it. */
void op_hlt(struct Machine *m, const struct Insn *i) {
  (void)i;
  if (m->bare) {
    sys_hlt(m);
    return;
  }
  if (m->mode == MODE_LONG) exec_gp(m);
  m->stop = STOP_HALT;
  m->trap = 1;
}

/* Flip, clear or set CF, keeping the other arithmetic flags. */
static void put_cf(struct Machine *m, int how) {
  uint64_t f = flags_get(m) & FLAGS_ARITH;
  if (how < 0) f ^= FLAG_CF;
  else if (how) f |= FLAG_CF;
  else f &= ~(uint64_t)FLAG_CF;
  flags_put_arith(m, f);
}

void op_cmc(struct Machine *m, const struct Insn *i) { (void)i; put_cf(m, -1); }
void op_clc(struct Machine *m, const struct Insn *i) { (void)i; put_cf(m, 0); }
void op_stc(struct Machine *m, const struct Insn *i) { (void)i; put_cf(m, 1); }

/* DF is not a lazy flag: rflags holds it directly. */
void op_cld(struct Machine *m, const struct Insn *i) {
  (void)i;
  m->rflags &= ~(uint64_t)FLAG_DF;
}

void op_std(struct Machine *m, const struct Insn *i) {
  (void)i;
  m->rflags |= FLAG_DF;
}

/* FA/FB: cli/sti need IOPL >= CPL: a Linux process (long mode, CPL 3,
 * IOPL 0) gets #GP; bare-metal code (real or protected mode) runs at
 * privilege 0. */
/* A bare machine: CPL <= IOPL (real mode: always). */
static void bare_iopl(struct Machine *m) {
  if ((m->cr0 & CR0_PE) && (unsigned)m->cpl > ((m->rflags & FLAG_IOPL) >> 12))
    exec_gp(m);
}

void op_cli(struct Machine *m, const struct Insn *i) {
  (void)i;
  if (m->bare) bare_iopl(m);
  else if (m->mode == MODE_LONG) exec_gp(m);
  m->rflags &= ~(uint64_t)FLAG_IF;
}

/* sti: interrupts are recognized after the next instruction (the
 * interrupt shadow), so that sti; hlt cannot miss the wake-up. */
void op_sti(struct Machine *m, const struct Insn *i) {
  (void)i;
  if (m->bare) {
    bare_iopl(m);
    if (!(m->rflags & FLAG_IF)) {
      m->shadow = m->icount + 1;
      if (m->irq_pending) m->trap = 1;
    }
  } else if (m->mode == MODE_LONG) {
    exec_gp(m);
  }
  m->rflags |= FLAG_IF;
}

/* 9E: sahf: SF ZF AF PF CF from AH; OF stays. Valid in long mode because
 * CPUID 80000001:ECX.0 (LAHF-SAHF) is advertised. */
void op_sahf(struct Machine *m, const struct Insn *i) {
  (void)i;
  if (m->mode == MODE_LONG && !CPUID_HAS_LAHF_LM) exec_ud(m);
  uint64_t ah = (m->r[RAX] >> 8) & 0xff;
  uint64_t keep = flags_of(m) ? FLAG_OF : 0;
  flags_put_arith(m, (ah & (FLAG_SF | FLAG_ZF | FLAG_AF | FLAG_PF | FLAG_CF)) | keep);
}

/* 9F: lahf: AH = SF ZF 0 AF 0 PF 1 CF. */
void op_lahf(struct Machine *m, const struct Insn *i) {
  (void)i;
  if (m->mode == MODE_LONG && !CPUID_HAS_LAHF_LM) exec_ud(m);
  uint64_t f = flags_get(m) & (FLAG_SF | FLAG_ZF | FLAG_AF | FLAG_PF | FLAG_CF);
  m->r[RAX] = (m->r[RAX] & ~0xff00ull) | ((f | 2) << 8);
}

/* Real-mode interrupt (and any interrupt of a bare machine): through
 * the IVT or the IDT (intr.c). */
static void real_interrupt(struct Machine *m, unsigned vector) {
  cpu_interrupt(m, (int)vector, INTR_SOFT, -1);
}

/* CC: int3, a trap: Linux reports RIP after it with SIGTRAP. */
void op_int3(struct Machine *m, const struct Insn *i) {
  (void)i;
  if (m->bare || m->mode == MODE_REAL) {
    real_interrupt(m, EXC_BP);
    return;
  }
  exec_fault(m, EXC_BP, 0, 0);
}

/* CD: int Ib. A 64-bit Linux process only has gates open to it for 3
 * (SIGTRAP), 4 (overflow: SIGSEGV) and 0x80, the i386 system call entry
 * (syscall_dispatch_int80). Every other vector is #GP with the IDT error
 * code (vector * 8 + 2). */
void op_int(struct Machine *m, const struct Insn *i) {
  unsigned n = (unsigned)(i->imm & 0xff);
  if (m->bare || m->mode == MODE_REAL) {
    real_interrupt(m, n);
    return;
  }
  if (n == 0x80 && m->mode == MODE_LONG) {
    syscall_dispatch_int80(m);
    return;
  }
  if (n == EXC_BP) exec_fault(m, EXC_BP, 0, 0);
  if (n == EXC_OF) exec_fault(m, EXC_OF, 0, 0);
  exec_fault(m, EXC_GP, n * 8 + 2, 0);
}

/* CE: into (not in long mode). */
void op_into(struct Machine *m, const struct Insn *i) {
  (void)i;
  if (!flags_of(m)) return;
  if (m->bare || m->mode == MODE_REAL) {
    real_interrupt(m, EXC_OF);
    return;
  }
  exec_fault(m, EXC_OF, 0, 0);
}

/* F1: int1 / icebp: a #DB trap (SIGTRAP after the instruction). */
void op_int1(struct Machine *m, const struct Insn *i) {
  (void)i;
  if (m->bare) {
    cpu_interrupt(m, EXC_DB, INTR_EXT, -1); /* icebp: no gate DPL check */
    return;
  }
  if (m->mode == MODE_REAL) {
    real_interrupt(m, EXC_DB);
    return;
  }
  trap_after(m, EXC_DB);
}

/* CF: iret. Real mode pops IP, CS, FLAGS. Long mode (iretq to the same
 * privilege level, which user code may do) also pops RSP and SS; only the
 * 64-bit user code segment is a possible target. Protected mode needs
 * descriptor tables (later). */
void op_iret(struct Machine *m, const struct Insn *i) {
  unsigned osz = i->osz;
  if (cpu_prot(m)) {
    cpu_iret(m, osz);
    return;
  }
  if (cpu_real(m)) {
    uint64_t sp = m->r[RSP] & 0xffff, ss = m->seg_base[SEG_SS];
    uint64_t ip = mem_load(m, ss + sp, osz);
    uint64_t cs = mem_load(m, ss + ((sp + osz) & 0xffff), osz);
    uint64_t fl = mem_load(m, ss + ((sp + 2 * osz) & 0xffff), osz);
    m->r[RSP] = (m->r[RSP] & ~0xffffull) | ((sp + 3 * osz) & 0xffff);
    mov_load_seg(m, SEG_CS, (uint16_t)cs);
    m->rip = trunc_sz(ip, osz);
    stack_set_flags(m, fl, osz);
    if (m->bare && (m->rflags & FLAG_IF) && m->irq_pending) m->trap = 1;
    return;
  }
  if (m->mode != MODE_LONG) exec_gp(m);
  uint64_t sp = m->r[RSP], v[5];
  for (int k = 0; k < 5; ++k) v[k] = mem_load(m, sp + k * osz, osz);
  uint16_t cs = (uint16_t)v[1];
  if (cs != m->sreg[SEG_CS] && cs != USER_CS64) exec_gp(m);
  m->sreg[SEG_CS] = cs;
  m->sreg[SEG_SS] = (uint16_t)v[4];
  m->rip = v[0];
  m->r[RSP] = v[3];
  stack_set_flags(m, v[2], osz);
}

/* 0F 05: syscall (long mode): RCX = return address, R11 = RFLAGS, then
 * the Linux system call layer. */
void op_syscall(struct Machine *m, const struct Insn *i) {
  (void)i;
  if (m->bare) {
    sys_syscall(m);
    return;
  }
  if (m->mode != MODE_LONG) exec_ud(m);
  /* A call that would block may be waited through the front end's hook,
   * which may stop the machine instead (debug.h: vm_set_wait_hook): then
   * rip goes back on this instruction and it does not count as retired,
   * so running on executes it anew. Replay never blocks. */
  if (!history_replaying(m) && syscall_wait(m)) {
    m->rip = m->ip;
    m->icount--; /* the dispatch loop adds it back */
    return;
  }
  m->r[RCX] = m->rip;
  m->r[R11] = flags_get(m) & ~(uint64_t)FLAG_RF;
  if (m->hist) {
    uint64_t nr = m->r[RAX];
    if (history_syscall_begin(m)) return; /* replayed from the log */
    syscall_dispatch(m);
    if (m->hist) history_syscall_end(m, nr); /* execve ends the history */
    return;
  }
  syscall_dispatch(m);
}

/* 9B: fwait lives in ops-x87.c with the rest of the x87 state. */

/* E4-E7, EC-EF: in/out need I/O privilege (devices come with bare
 * metal). */
void op_in_out(struct Machine *m, const struct Insn *i) {
  if (m->bare) {
    sys_in_out(m, i);
    return;
  }
  exec_gp(m);
}

/* 62: bound Gv, Ma (16/32-bit modes; the decoder rejects it in long
 * mode): #BR when the signed index is outside [lower, upper]. */
void op_bound(struct Machine *m, const struct Insn *i) {
  if (i->mod == 3) exec_ud(m);
  uint64_t va = insn_ea(m, i);
  int64_t lo = sext_sz(mem_load(m, va, i->osz), i->osz);
  int64_t hi = sext_sz(mem_load(m, va + i->osz, i->osz), i->osz);
  int64_t x = sext_sz(op_get_g(m, i, i->osz), i->osz);
  if (x < lo || x > hi) exec_fault(m, EXC_BR, 0, 0);
}

/* The descriptors a 64-bit Linux process can see from CPL 3, as lar,
 * lsl, verr and verw find them in Linux's GDT (arch/x86/include/asm/
 * segment.h; the values are what the host reports): the 32-bit user code
 * segment (0x23), user data (0x2b), 64-bit user code (0x33), and the
 * per-CPU segment (0x7b) whose limit is (node << 12) | cpu, 0 here, as
 * rdtscp and rdpid say. Kernel segments, the TSS (DPL 0) and the LDT
 * (none) are out of reach: ZF = 0. */
struct UserDesc {
  uint8_t index;    /* selector >> 3 */
  uint32_t rights;  /* what lar loads with a 32-bit operand */
  uint32_t limit;   /* what lsl loads (granularity applied) */
  uint8_t readable, writable;
};

static const struct UserDesc user_descs[] = {
    {4, 0x00cffb00, 0xffffffff, 1, 0},  /* 0x23 __USER32_CS */
    {5, 0x00cff300, 0xffffffff, 1, 1},  /* 0x2b __USER_DS */
    {6, 0x00affb00, 0xffffffff, 1, 0},  /* 0x33 __USER_CS */
    {15, 0x0040f500, 0, 1, 0},          /* 0x7b per-CPU: node 0, cpu 0 */
};

static const struct UserDesc *user_desc(struct Machine *m, uint16_t sel) {
  if (m->mode != MODE_LONG || (sel & 4)) return NULL; /* no LDT */
  for (size_t k = 0; k < sizeof(user_descs) / sizeof(user_descs[0]); ++k)
    if (user_descs[k].index == sel >> 3) return &user_descs[k];
  return NULL;
}

/* Whether CPL-3 long-mode code may load sel into segment register s
 * (mov, pop, lds/les/lfs/lgs/lss; ops-mov.c): DS, ES, FS and GS take
 * null or a readable segment, SS only the writable user data segment
 * with RPL 3. Anything else is #GP (or #NP): SIGSEGV either way. */
int user_seg_loadable(struct Machine *m, int s, uint16_t sel);
int user_seg_loadable(struct Machine *m, int s, uint16_t sel) {
  if (sel < 4) return s != SEG_SS;
  const struct UserDesc *d = user_desc(m, sel);
  if (!d) return 0;
  if (s == SEG_SS) return d->writable && (sel & 3) == 3;
  return d->readable;
}

/* ZF = ok, the other arithmetic flags kept. */
static void put_zf(struct Machine *m, int ok) {
  uint64_t f = flags_get(m) & FLAGS_ARITH & ~(uint64_t)FLAG_ZF;
  flags_put_arith(m, f | (ok ? FLAG_ZF : 0));
}

/* 0F 02/03: lar/lsl never fault for a readable operand; a selector with
 * no accessible descriptor clears ZF and leaves the destination alone. */
static void lar_lsl(struct Machine *m, const struct Insn *i, int lsl) {
  const struct UserDesc *d = user_desc(m, (uint16_t)op_get_e(m, i, 2));
  if (d) op_put_g(m, i, i->osz, lsl ? d->limit : d->rights);
  put_zf(m, d != NULL);
}

void op_lar(struct Machine *m, const struct Insn *i) {
  if (m->bare) {
    sys_lar_lsl(m, i, 0);
    return;
  }
  if (m->mode == MODE_REAL) exec_ud(m);
  lar_lsl(m, i, 0);
}

void op_lsl(struct Machine *m, const struct Insn *i) {
  if (m->bare) {
    sys_lar_lsl(m, i, 1);
    return;
  }
  if (m->mode == MODE_REAL) exec_ud(m);
  lar_lsl(m, i, 1);
}

/* 0F 00: group 6. sldt/str are #GP under UMIP, lldt/ltr are privileged;
 * verr/verw: ZF when the segment is readable / writable from CPL 3. */
void op_grp6(struct Machine *m, const struct Insn *i) {
  if (m->bare) {
    sys_grp6(m, i);
    return;
  }
  if (m->mode == MODE_REAL) exec_ud(m);
  switch (i->reg & 7) {
    case 4:
    case 5: {
      const struct UserDesc *d = user_desc(m, (uint16_t)op_get_e(m, i, 2));
      put_zf(m, d && ((i->reg & 7) == 4 ? d->readable : d->writable));
      return;
    }
    case 6:
    case 7:
      exec_ud(m);
    default:
      exec_gp(m);
  }
}

/* Privileged system instructions: #GP at CPL 3. */
#define PRIVILEGED(name)                                 \
  void name(struct Machine *m, const struct Insn *i) {   \
    (void)i;                                             \
    exec_gp(m);                                          \
  }
/* 0F 20/22: mov from/to a control register: #GP at CPL 3, but CR1,
 * CR5-CR7 and CR9-CR15 do not exist: #UD first (the host agrees). */
void op_mov_cr(struct Machine *m, const struct Insn *i) {
  if (m->bare) {
    sys_mov_cr(m, i);
    return;
  }
  unsigned cr = i->reg;
  if (cr == 1 || (cr >= 5 && cr <= 7) || cr >= 9) exec_ud(m);
  exec_gp(m);
}

/* The same, with a bare machine's own version. */
#define BARE_OR_PRIVILEGED(name, call)                   \
  void name(struct Machine *m, const struct Insn *i) {   \
    (void)i;                                             \
    if (m->bare) {                                       \
      call;                                              \
      return;                                            \
    }                                                    \
    exec_gp(m);                                          \
  }
BARE_OR_PRIVILEGED(op_mov_dr, sys_mov_dr(m, i))
BARE_OR_PRIVILEGED(op_wrmsr, sys_wrmsr(m))
BARE_OR_PRIVILEGED(op_rdmsr, sys_rdmsr(m))
BARE_OR_PRIVILEGED(op_clts, sys_clts(m))
BARE_OR_PRIVILEGED(op_invd, sys_cache(m))
BARE_OR_PRIVILEGED(op_wbinvd, sys_cache(m))
BARE_OR_PRIVILEGED(op_sysret, sys_sysret(m, i))
PRIVILEGED(op_rdpmc)
PRIVILEGED(op_sysenter)
PRIVILEGED(op_sysexit)
