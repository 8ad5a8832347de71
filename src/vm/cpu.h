/* cpu.h: the bare-metal CPU's internals shared inside src/vm (bare.c,
 * intr.c, seg.c, paging.c, ops-sys.c and the handlers that branch to
 * them). A Linux process never gets here: every entry is behind
 * Machine.bare or a mode a Linux process cannot be in. */
#ifndef BLINK_VM_CPU_H
#define BLINK_VM_CPU_H

#include <stdbool.h>
#include <stdint.h>

#include "machine.h"

/* Control register and EFER bits. */
#define CR0_PE 0x1u
#define CR0_MP 0x2u
#define CR0_EM 0x4u
#define CR0_TS 0x8u
#define CR0_ET 0x10u
#define CR0_NE 0x20u
#define CR0_WP 0x10000u
#define CR0_AM 0x40000u
#define CR0_NW 0x20000000u
#define CR0_CD 0x40000000u
#define CR0_PG 0x80000000u
#define CR4_PSE 0x10u
#define CR4_PAE 0x20u
#define CR4_PGE 0x80u
#define EFER_SCE 0x1u
#define EFER_LME 0x100u
#define EFER_LMA 0x400u
#define EFER_NXE 0x800u

/* Segment attribute bits as kept in Machine.seg_attr: descriptor bits
 * 40-47 and 52-55 as (hi >> 8) & 0xf0ff. */
#define ATTR_TYPE 0x0f  /* type; for code/data bit 0 = accessed */
#define ATTR_S 0x10     /* code or data (not system) */
#define ATTR_DPL(a) (((a) >> 5) & 3)
#define ATTR_P 0x80
#define ATTR_L 0x2000   /* 64-bit code */
#define ATTR_DB 0x4000  /* 32-bit code / big stack */
#define ATTR_G 0x8000
#define ATTR_CODE 0x08  /* in type, with S */
#define ATTR_CONFORMING 0x04 /* code */
#define ATTR_READABLE 0x02   /* code */
#define ATTR_WRITABLE 0x02   /* data */
#define ATTR_EXPDOWN 0x04    /* data */

/* Real-address mode semantics for segments and interrupts: real mode
 * proper (a bare machine with CR0.PE clear, whatever its code size: right
 * after clearing PE in a 32-bit segment, code is still 32-bit until CS
 * is loaded), or a test driving 16-bit code on a plain machine. */
static inline bool cpu_real(const struct Machine *m) {
  return m->bare ? !(m->cr0 & CR0_PE) : m->mode == MODE_REAL;
}
/* Protected or compatibility/long mode of a bare machine (descriptor
 * tables in force). */
static inline bool cpu_prot(const struct Machine *m) {
  return m->bare && (m->cr0 & CR0_PE);
}
static inline bool cpu_long(const struct Machine *m) {
  return (m->efer & EFER_LMA) != 0;
}

/* Interrupt kinds for cpu_interrupt. */
enum {
  INTR_SOFT,  /* int n, int3, into: DPL checked, return after the insn */
  INTR_EXC,   /* CPU exception: return at the faulting insn (m->rip) */
  INTR_EXT,   /* external interrupt */
};
/* Deliver vector through the IVT (real mode) or the IDT; err < 0: none.
 * Faults inside go through exec_fault. The return address is m->rip. */
void cpu_interrupt(struct Machine *m, int vector, int kind, int64_t err);
/* The bare machine's on_exception: IVT/IDT delivery with #DF and triple
 * fault. */
void cpu_exception(struct Machine *m, int vector, uint64_t err,
                   uint64_t addr);
/* iret in protected and long mode (intr.c). */
void cpu_iret(struct Machine *m, unsigned osz);

/* Recompute the decoder mode from CR0/EFER/CS and the stack width from
 * SS; drops decoded code when the mode changes. */
void cpu_update_mode(struct Machine *m);
/* Empty the TLB and the decoded code (CR0/CR3/CR4/EFER, A20, mode). */
void cpu_flush(struct Machine *m);

/* Segments (seg.c). */
/* A tagged base (Machine.seg_real): an address base + offset formed
 * with it has bit 63 set, the segment in bits 40-42, the offset below. */
#define SEG_TAG(s) ((1ull << 63) | ((uint64_t)((s) + 1) << 40))
#define SEG_TAG_OFF ((1ull << 40) - 1)
/* The linear address of a tagged address for an access of size bytes
 * (acc: 0 read, 1 write), checked against the segment's limit and
 * rights (#GP(0), #SS(0) for SS). */
uint64_t seg_linear(struct Machine *m, uint64_t va, uint64_t size, int acc);
/* Whether protected mode checks accesses through s (not flat), and
 * seg_base[s] set tagged or real accordingly; seg_sync does every data
 * segment (after a mode change). */
void seg_sync(struct Machine *m, int s);
/* The real base of s, tagged or not (the debugger, the logs). */
static inline uint64_t seg_base_of(const struct Machine *m, int s) {
  return (m->seg_base[s] >> 63) ? m->seg_real[s] : m->seg_base[s];
}
/* The 8-byte descriptor sel names (GDT or LDT), 0 with *d set, or -1 when
 * it lies outside its table. */
int seg_desc(struct Machine *m, uint16_t sel, uint64_t *d);
/* Set the hidden part of s from descriptor d (no checks). */
void seg_cache(struct Machine *m, int s, uint16_t sel, uint64_t d);
/* mov/pop/lds.. of a data or stack segment in protected mode, checked
 * (#GP/#SS/#NP with the selector as error code). */
void seg_load_data(struct Machine *m, int s, uint16_t sel);
/* Far jmp/call in protected mode: CS:IP = sel:off (through a call gate
 * when sel names one; call pushes the return address). */
void seg_far_transfer(struct Machine *m, uint16_t sel, uint64_t off,
                      unsigned osz, bool call);
/* Far ret in protected mode, with the return address at SS:SP and n
 * bytes of arguments to release. */
void seg_far_return(struct Machine *m, unsigned osz, unsigned n);
/* Real-mode segment load: base = sel << 4 (CS: drops the code page). */
void seg_load_real(struct Machine *m, int s, uint16_t sel);
/* Descriptor fields. */
static inline uint64_t desc_base(uint64_t d) {
  return ((d >> 16) & 0xffffff) | ((d >> 32) & 0xff000000);
}
static inline uint32_t desc_limit(uint64_t d) {
  uint32_t l = (uint32_t)((d & 0xffff) | ((d >> 32) & 0xf0000));
  return (d & (1ull << 55)) ? (l << 12) | 0xfff : l;
}
static inline uint16_t desc_attr(uint64_t d) {
  return (uint16_t)((d >> 40) & 0xf0ff);
}

/* Hardware task switches (task.c) to the 32-bit TSS sel names, for a jmp,
 * a call, an interrupt or exception through a task gate (err: its error
 * code or -1), or an iret with NT set. */
enum { TASK_JMP, TASK_CALL, TASK_INT, TASK_IRET };
void cpu_task_switch(struct Machine *m, uint16_t sel, int why, int64_t err);

/* A far transfer's new instruction pointer must lie within the target
 * code segment's limit (#GP(0)), except in 64-bit code. Checked before
 * anything changes; near jumps are not checked. */
void cpu_ip_check(struct Machine *m, uint64_t desc, uint64_t ip);

/* Paging (paging.c): the physical address of linear va for an access
 * (ACC_* of memory.c: 0 read, 1 write, 2 fetch), raising #PF as the
 * CPU does; *perm gets which of MPROT_READ/WRITE/EXEC further accesses
 * to the page may take without asking again (for the TLB's tags). */
uint64_t paging_translate(struct Machine *m, uint64_t va, int acc, int *perm);
/* The same without faulting or setting accessed/dirty bits (debugger,
 * logs): -1 when not mapped. */
int64_t paging_peek(struct Machine *m, uint64_t va);

/* System instructions of a bare machine (ops-sys.c). */
struct Insn;
void sys_in_out(struct Machine *m, const struct Insn *i);
void sys_ins_outs(struct Machine *m, const struct Insn *i);
void sys_hlt(struct Machine *m);
void sys_grp6(struct Machine *m, const struct Insn *i);
void sys_grp7(struct Machine *m, const struct Insn *i);
void sys_lar_lsl(struct Machine *m, const struct Insn *i, int lsl);
void sys_mov_cr(struct Machine *m, const struct Insn *i);
void sys_mov_dr(struct Machine *m, const struct Insn *i);
void sys_rdmsr(struct Machine *m);
void sys_wrmsr(struct Machine *m);
void sys_clts(struct Machine *m);
void sys_cache(struct Machine *m);
void sys_syscall(struct Machine *m);
void sys_sysret(struct Machine *m, const struct Insn *i);

/* The slow path's physical lookup for a bare machine: A20 and the ROM
 * alias applied to a physical address. */
static inline uint64_t cpu_phys(const struct Machine *m, uint64_t pa) {
  if (!m->a20) pa &= ~(1ull << 20);
  if (pa >= 0xffff0000ull && pa < 0x100000000ull) pa -= 0xfff00000ull;
  return pa;
}

#endif
