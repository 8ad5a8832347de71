/* machine.h: the state of one guest CPU and what it hangs off.
 *
 * Private to src/vm and src/sys. Front ends include vm.h only. */
#ifndef BLINK_VM_MACHINE_H
#define BLINK_VM_MACHINE_H

#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

/* General register numbers, in encoding order. */
enum {
  RAX, RCX, RDX, RBX, RSP, RBP, RSI, RDI,
  R8, R9, R10, R11, R12, R13, R14, R15
};

/* Segment registers, in encoding order (ModRM reg field of mov Sreg). */
enum { SEG_ES, SEG_CS, SEG_SS, SEG_DS, SEG_FS, SEG_GS, SEG_COUNT };

/* Code size the decoder works in. */
enum { MODE_REAL = 0, MODE_PROT32 = 1, MODE_LONG = 2 };

/* RFLAGS bits. */
#define FLAG_CF   0x0001u
#define FLAG_PF   0x0004u
#define FLAG_AF   0x0010u
#define FLAG_ZF   0x0040u
#define FLAG_SF   0x0080u
#define FLAG_TF   0x0100u
#define FLAG_IF   0x0200u
#define FLAG_DF   0x0400u
#define FLAG_OF   0x0800u
#define FLAG_IOPL 0x3000u
#define FLAG_NT   0x4000u
#define FLAG_RF   0x10000u
#define FLAG_VM   0x20000u
#define FLAG_AC   0x40000u
#define FLAG_VIF  0x80000u
#define FLAG_VIP  0x100000u
#define FLAG_ID   0x200000u
/* The six status flags that lazy evaluation owns. */
#define FLAGS_ARITH (FLAG_CF | FLAG_PF | FLAG_AF | FLAG_ZF | FLAG_SF | FLAG_OF)

/* Why the dispatch loop stopped (Machine.stop). */
enum {
  STOP_NONE = 0,
  STOP_EXIT,      /* exit_group / exit of the last thread: exit_code is set */
  STOP_SIGNAL,    /* killed by an unhandled signal: stop_signal is set */
  STOP_HALT,      /* hlt with nothing to wake it (bare metal) */
  STOP_BREAK,     /* breakpoint / watchpoint / single-step (debugger) */
  STOP_INTERRUPT, /* asked from outside (ctrl-C in the debugger) */
  STOP_WATCH,     /* a watchpoint saw an access (watch.c) */
  STOP_SIGNAL_RECEIVED, /* a fault the guest has a handler for, stopped
                           before delivery (vm_signal_stop): stop_signal */
  STOP_TRIPLE,    /* bare metal: a fault while delivering a double fault
                     (fault_vector: the last one); the PC may reset */
};

/* Debugger limits (debug.h: vm_break_set, vm_watch_set). */
#define BREAK_MAX 256
#define WATCH_MAX 32

/* CPU exception vectors. */
enum {
  EXC_DE = 0, EXC_DB = 1, EXC_BP = 3, EXC_OF = 4, EXC_BR = 5, EXC_UD = 6,
  EXC_NM = 7, EXC_DF = 8, EXC_TS = 10, EXC_NP = 11, EXC_SS = 12, EXC_GP = 13,
  EXC_PF = 14, EXC_MF = 16, EXC_AC = 17, EXC_XM = 19,
};

struct Mem;
struct Sys;
struct CodePage;
struct History;

/* One 128-bit XMM register, viewed as lanes. */
typedef union Xmm {
  uint8_t b[16];
  uint16_t w[8];
  uint32_t d[4];
  uint64_t q[2];
  int8_t sb[16];
  int16_t sw[8];
  int32_t sd[4];
  int64_t sq[2];
  float f[4];
  double f64[2];
} Xmm;

/* One TLB entry: a guest page number and the host address of its first
 * byte. Separate read and write tags let a page be readable through the
 * fast path while its writes take the slow path (code pages, watchpoints,
 * history recording). A tag of ~0 never matches. */
struct TlbEntry {
  uint64_t rtag;
  uint64_t wtag;
  uint8_t *host;
};
#define TLB_SIZE 256

struct Machine {
  uint64_t r[16];     /* general registers, RAX..R15 */
  uint64_t rip;       /* during an instruction: address of the next one */
  uint64_t ip;        /* address of the instruction being executed */

  /* RFLAGS. The FLAGS_ARITH bits are stale while lf_op != LF_NONE; use
   * flags.h to read or write them. Every other bit is authoritative. */
  uint64_t rflags;
  uint8_t lf_op;      /* enum LazyOp in flags.h */
  uint8_t lf_size;    /* operand size in bytes: 1, 2, 4, 8 */
  uint8_t lf_cf;      /* carry in (adc/sbb) or preserved CF (inc/dec) */
  uint64_t lf_res, lf_a, lf_b;

  uint16_t sreg[SEG_COUNT];      /* selectors */
  uint64_t seg_base[SEG_COUNT + 1]; /* bases; [SEG_COUNT] is always 0 */
  int mode;                      /* MODE_* */

  /* SSE */
  Xmm xmm[16];
  uint32_t mxcsr;

  /* x87 / MMX (issue 3 fills this in) */
  uint16_t fpu_cw, fpu_sw, fpu_tw;
  uint8_t fpu_top;
  long double fpu_st[8];
  uint64_t mmx[8];
  /* The last non-control x87 instruction (x87.h): its address (FIP), the
   * offset of its memory operand (FDP), their selectors (FCS, FDS) and
   * its opcode (FOP, 11 bits), as FNSTENV/FNSAVE/FXSAVE report them. */
  uint64_t fpu_ip, fpu_dp;
  uint16_t fpu_cs, fpu_ds, fpu_op;

  /* Memory */
  struct Mem *mem;
  struct TlbEntry tlb[TLB_SIZE];
  bool nowrite_fast;  /* when set, no write tag is ever filled */
  bool align_check;   /* RFLAGS.AC in user mode (Linux sets CR0.AM):
                         misaligned data accesses raise #AC; no TLB tag
                         is filled meanwhile, so that every access takes
                         the slow path, which checks (flags_set) */

  /* Decoded-instruction cache: the page the dispatch loop is in, and a
   * small direct-mapped cache of recently run pages (entries are only
   * filled after an execute-permission check; mem_tlb_flush empties it). */
  struct CodePage *cp;
  struct CodePage *ctlb[16];

  /* Dispatch loop control: any non-zero trap makes the loop stop before
   * the next instruction and look at why. */
  volatile int trap;
  int stop;            /* STOP_* */
  int exit_code;
  int stop_signal;
  jmp_buf onfault;     /* longjmp target for faults inside an instruction */

  /* Last fault, for the logs and for siginfo. */
  int fault_vector;
  uint64_t fault_addr;
  uint64_t fault_err;

  /* Counters for -Z and the status line. None is on the hot path but
   * icount; the others count slow-path events. */
  uint64_t icount;      /* instructions retired */
  struct MachineStats {
    uint64_t decoded;     /* instructions decoded into the icache */
    uint64_t smc_flushes; /* code pages dropped because a store hit code */
    uint64_t tlb_fills;   /* slow-path translations */
    uint64_t syscalls;    /* SYSCALL instructions handled */
    uint64_t signals;     /* guest signal handlers entered */
    uint64_t faults;      /* CPU exceptions (page faults...) made signals */
    uint64_t icount;      /* only in sums (mem_stats): instructions */
  } stats;

  /* Reverse-execution recording (history.h), NULL when off. */
  struct History *hist;
  uint64_t hist_threads; /* icount where a guest thread's creation ended
                            the recording (history_threads), 0: never */

  /* The Linux ABI layer's process state (src/sys). */
  struct Sys *sys;
  int tid;
  /* This thread's (src/sys/syscall-thread.c): set_tid_address and
   * CLONE_CHILD_CLEARTID's word, set_robust_list's head, and its host
   * thread's record (NULL for the first thread). */
  uint64_t clear_child_tid;
  uint64_t robust_list, robust_len;
  struct Thread *thread;
  /* Its signal state (src/sys/sys.h struct SigThread); NULL for the
   * first thread, whose state is in struct Sys. */
  struct SigThread *sigt;
  /* Set by another thread: empty the TLB before the next instruction (a
   * mapping changed; memory.c), or end as exit_group said (exec.c
   * start() turns it into STOP_EXIT). Each comes with trap. */
  volatile int tlb_stale;
  volatile int group_exit;
  /* Set by icache.c: acknowledge (icache_sync_ack) in start(), where no
   * decoded record is in use, so that retired ones can be freed. */
  volatile int icache_sync;
  /* Inside a system call's handler (syscall.c): the record of its
   * SYSCALL instruction is not read again, so the machine counts as
   * past an instruction boundary for icache_sync. */
  volatile int in_syscall;

  /* Bare metal (issue 6: a PC, src/pc). All zero for a Linux process.
   * port_in/port_out serve in, out, ins and outs (NULL: #GP as for a
   * Linux process). The PC sets irq_pending (and trap) when its
   * interrupt controller has a request; at an instruction boundary with
   * IF set and no interrupt shadow, the VM calls irq_ack, which returns
   * the vector to deliver (-1: none after all). hlt in a bare machine
   * sets halted and stops with STOP_HALT; delivering an interrupt clears
   * it. A non-zero slice makes vm_run return STOP_NONE after at most
   * that many instructions, so that the front end services devices. */
  bool bare;
  bool halted;
  bool step_irq;      /* the last exec_step delivered an external
                         interrupt instead of running an instruction */
  void *io;
  uint32_t (*port_in)(void *io, uint16_t port, unsigned size);
  void (*port_out)(void *io, uint16_t port, unsigned size, uint32_t v);
  volatile int irq_pending;
  int (*irq_ack)(void *io);
  uint64_t slice;
  /* The rest of the bare-metal CPU state (src/vm/bare.c, seg.c,
   * paging.c, ops-sys.c). A Linux process never reads it: its code runs
   * in long mode at CPL 3 with flat segments, and Mem holds its virtual
   * pages; a bare machine's Mem holds guest-physical pages and linear
   * addresses are translated in memory.c's slow path (A20, paging). */
  uint64_t cr0, cr2, cr3, cr4, cr8, efer;
  uint64_t dr[8];
  /* Hidden parts of the segment registers: limit (bytes - 1, granularity
   * applied) and the descriptor's attribute bits 8-15 and 20-23 (type,
   * S, DPL, P, AVL, L, D/B, G) as (desc_hi >> 8) & 0xf0ff. */
  uint32_t seg_limit[SEG_COUNT];
  uint16_t seg_attr[SEG_COUNT];
  /* Segment limits and rights in protected mode cost the interpreter's
   * hot path nothing: a data segment that is not flat and writable gets
   * a tagged base in seg_base (cpu.h SEG_TAG: bit 63 set), so that every
   * address formed with it misses the TLB and the slow path checks the
   * offset and rights (seg.c seg_linear) before using the real base,
   * kept here. */
  uint64_t seg_real[SEG_COUNT];
  uint64_t gdt_base, idt_base;
  uint16_t gdt_limit, idt_limit;
  /* LDTR and TR: selector and hidden base/limit/attributes. */
  uint16_t ldt_sel, tr_sel;
  uint64_t ldt_base, tr_base;
  uint32_t ldt_limit, tr_limit;
  uint16_t ldt_attr, tr_attr;
  int cpl;
  /* Reading or writing descriptor tables, the TSS or an interrupt's
   * frame: supervisor accesses whatever the CPL (paging.c), which fill
   * no TLB tags. */
  bool sys_acc;
  /* SS.B differs from the code size (mode): stack_width() flips 2 <-> 4.
   * Only a bare machine in 16/32-bit code ever sets it. */
  bool stack_other;
  bool a20;             /* A20 gate open (vm_set_a20) */
  /* The interrupt shadow of sti and mov ss / pop ss: no external
   * interrupt at the boundary where icount == shadow. */
  uint64_t shadow;
  /* A CPU exception being delivered (-1: none): a fault meanwhile is a
   * double fault, and one while delivering #DF a triple fault. */
  int delivering;
  /* MSRs a bare machine keeps (ops-sys.c). */
  uint64_t msr_star, msr_lstar, msr_cstar, msr_sfmask, msr_kgs_base;
  uint64_t msr_pat, msr_tsc_adj, msr_misc[16];
  uint32_t msr_misc_idx[16];
  unsigned msr_nmisc;

  /* Called for a CPU exception in place of IDT delivery. Linux mode turns
   * it into a signal; bare-metal mode (later) uses the guest's IDT. */
  void (*on_exception)(struct Machine *m, int vector, uint64_t err,
                       uint64_t addr);
  /* Asynchronous events for the Linux layer (src/sys/signal.c): vm_run
   * calls it with deliver 0 before running (is anything waiting? then it
   * stops at once) and with deliver 1 when the loop stopped with nothing
   * else to report: signals that arrived meanwhile get their handler
   * frames. */
  int (*on_trap)(struct Machine *m, int deliver);

  /* The debugger's breakpoints, watchpoints and access recording
   * (breakpoint.c, watch.c). Kept after everything the history checkpoints
   * (its copies are prefixes of the struct), so going back in time never
   * changes what the debugger asked for. None of it is on the hot path:
   * breakpoints are special decoded records (icache_decode), watchpoints
   * and access recording work by keeping TLB tags away from the pages
   * concerned so that translate() sees the accesses. */
  int nbreak;                 /* used entries of brk */
  volatile int dbg_parked;    /* another thread paused by the debugger
                                 (thread-stop.c PARK_*), 0 running */
  uint64_t brk[BREAK_MAX];    /* linear addresses, unordered */
  /* The first instruction of a vm_run/vm_step call runs even at a
   * breakpoint: the one at resume_ip while icount is resume_icount. */
  uint64_t resume_ip, resume_icount;
  int nwatch;                 /* watchpoints in use (0: none, fast) */
  struct Watch {
    uint64_t addr, len;       /* [addr, addr+len) */
    int kind;                 /* WATCH_* bits; 0 = free slot */
  } watch[WATCH_MAX];
  struct WatchHit {
    int valid, id, kind;
    uint64_t addr, len, pc;
  } whit;                     /* the last hit, cleared by vm_run/vm_step */
  /* vm_step records the first data read and write of its instruction
   * (rec_access set while it runs; no TLB tags are filled meanwhile). */
  bool rec_access;
  bool tlb_bare;              /* no TLB entry has a tag since the last
                                 flush (steps in a row skip the flush) */
  volatile int intr;          /* vm_interrupt, for loops outside vm_run */
  volatile int in_replay;     /* history_run replaying: vm_interrupt
                                 ends the run by run_limit, not trap */
  volatile uint64_t run_limit; /* exec_run_until's end */
  uint64_t acc_raddr, acc_rlen, acc_waddr, acc_wlen;
  /* memory.c, under the address space's lock: the mapping generation
   * this machine's TLB is known to be clean of (host ranges unmapped at
   * or before it may be given back to the host). */
  uint64_t tlb_gen;
  /* memory.c: the last few slow-path translations (guest page, host
   * page), so that the host fault handler (hostfault.c) can name the
   * guest address of a host page an instruction touched even when no
   * TLB tag was filled for it. Written by this thread only. */
  struct {
    uint64_t vpn;
    uint8_t *host;
  } xlat[4];
  unsigned xlat_next;
};

/* Watch kinds (the same bits as debug.h's VM_WATCH_*). */
#define WATCH_WRITE 1
#define WATCH_READ 2

/* Raise a CPU exception from inside an instruction: restores RIP to the
 * faulting instruction, reports through on_exception and unwinds to the
 * dispatch loop. Never returns. */
_Noreturn void exec_fault(struct Machine *m, int vector, uint64_t err,
                          uint64_t addr);
_Noreturn void exec_ud(struct Machine *m);  /* #UD, logging the bytes */
_Noreturn void exec_gp(struct Machine *m);  /* #GP(0) */
/* vm_step; rec says whether to record its data accesses for
 * vm_last_access (the history's replay does not: it costs a TLB flush). */
int exec_step(struct Machine *m, int rec);
/* vm_run that also returns once icount reaches limit (for replaying
 * the history fast; not with RFLAGS.TF set: returns at once). A replayed
 * watchpoint hit lowers run_limit so that the instruction completes and
 * the run ends (watch.c). */
int exec_run_until(struct Machine *m, uint64_t limit);

#endif
