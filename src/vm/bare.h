/* bare.h: a bare x86 CPU for the PC (src/pc): what the PC calls.
 *
 * A bare machine (Machine.bare) starts in real mode at the reset vector
 * and runs at privilege 0: privileged instructions are the guest's own,
 * in/out go to the port hooks, exceptions go through the guest's IVT or
 * IDT, and Machine.mem holds guest-PHYSICAL pages. Linear addresses
 * become physical ones in memory.c's slow path (paging.c: A20, CR0.PG);
 * physical addresses with nothing mapped read as 0xFF and drop writes,
 * pages mapped without MPROT_WRITE (ROM) drop writes, and linear
 * FFFF0000-FFFFFFFF aliases physical F0000-FFFFF (the BIOS ROM at the
 * top of the 4 GiB space, where the reset vector is), so the PC maps its
 * ROM once, at F0000. */
#ifndef BLINK_VM_BARE_H
#define BLINK_VM_BARE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct Machine;

/* A bare machine with no memory mapped, in its power-on state
 * (vm_reset), A20 enabled. Free with vm_free. Map RAM and ROM with
 * vm_phys_map. */
struct Machine *vm_new_bare(void);

/* Map [pa, pa + len) of guest-physical memory with fresh zeroed pages:
 * prot is MPROT_* from memory.h (1 read, 2 write, 4 exec); ROM is 1|4.
 * Returns 0 or -errno. pa and len must be page aligned. */
int vm_phys_map(struct Machine *m, uint64_t pa, uint64_t len, int prot);
/* Host address of guest-physical pa, whatever its protection, for the
 * PC to load the ROM and for DMA: valid to the end of pa's page (pages
 * of one vm_phys_map call are contiguous on the host). NULL when
 * unmapped. A write through it to a page holding decoded code must be
 * followed by vm_phys_written. */
uint8_t *vm_phys_host(struct Machine *m, uint64_t pa);
/* Tell the CPU that [pa, pa + len) was written behind its back (DMA):
 * decoded instructions there are dropped. */
void vm_phys_written(struct Machine *m, uint64_t pa, uint64_t len);

/* Power-on (and reset) state: real mode, CS=F000 with base FFFF0000,
 * IP=FFF0 (linear FFFFFFF0, the top of the ROM), EFLAGS=2,
 * CR0=60000010, EDX=0600 (the CPU signature), everything else 0; no
 * interrupt pending, not halted. RAM is not touched. */
void vm_reset(struct Machine *m);

/* The A20 gate: when off, physical address bit 20 is forced to 0 (the
 * 8086's 1 MiB wrap). */
void vm_set_a20(struct Machine *m, bool on);

/* Deliver a pending external interrupt if it can be taken now (IF set,
 * no interrupt shadow): calls irq_ack and goes through the IVT/IDT.
 * vm_run does this itself at instruction boundaries; exposed for tests
 * and for front ends that step. Returns whether one was delivered. */
bool vm_irq_deliver(struct Machine *m);

/* After STOP_TRIPLE: "triple fault at CS:IP (vector N)" in buf. */
void vm_triple_msg(struct Machine *m, char *buf, size_t len);

/* The decoder's code size in bits (16, 32, 64) and a name for the CPU
 * mode ("real", "protected", "protected 16-bit", "long", "compatibility",
 * "vm86"), for the debugger's disassembly and status line. */
int vm_code_bits(struct Machine *m);
const char *vm_mode_name(struct Machine *m);

#endif
