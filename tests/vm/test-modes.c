/* test-modes.c: a bare machine (bare.h) without any BIOS: physical RAM
 * and a ROM mapped by hand, code assembled by the host's assembler (the
 * programs below, .code16/.code32/.code64 in top-level asm, copied to
 * physical 0x7C00), ports E9 (output) and 92h (A20) served by this file,
 * one interrupt line simulated. The expected values come from the
 * Intel SDM (the machine's state after each step is what it specifies),
 * not from running the emulator.
 *
 * Each program ends with the bare-metal exit convention (syscall with
 * EAX=60, EDI=status) or hlt. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bare.h"
#include "machine.h"
#include "memory.h"
#include "vm.h"

#include "check.h"

#if defined(__x86_64__) && defined(__GNUC__)

#define PROG(name) extern const uint8_t name[], name##_end[];
PROG(p_seam)
PROG(p_a20)
PROG(p_reset)
PROG(p_de)
PROG(p_pm)
PROG(p_pg)
PROG(p_lm)
PROG(p_tf)
PROG(p_sys)
PROG(p_sc)
PROG(p_rtf)
PROG(p_ss)
PROG(p_io)
PROG(p_nx)
PROG(p_df)
PROG(p_smc)
PROG(p_pe)
PROG(p_ac)
PROG(p_lim)
PROG(p_ldt)
PROG(p_nm)
PROG(p_task)

/* Programs are position dependent: each is linked at 0x7C00, so
 * addresses are written as (label - start + 0x7C00). */
__asm__(
    ".pushsection .rodata\n"
    /* ---- in/out, the sti shadow, hlt wake-up, slice, syscall exit ---- */
    ".code16\n"
    "p_seam:\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x7000, %sp\n"
    "  movw $(seam_irq - p_seam + 0x7c00), 0x80\n" /* IVT[0x20] */
    "  movw $0, 0x82\n"
    "  mov $'A', %al\n"
    "  out %al, $0xe9\n"
    "  mov $0xe9, %dx\n"
    "  mov $'B', %al\n"
    "  out %al, %dx\n"
    "  in $0x42, %al\n"
    "  out %al, %dx\n"
    "  mov $0x1234, %ax\n"
    "  out %ax, $0x80\n"
    "  in $0x44, %eax\n"
    "  mov %eax, %ebp\n"
    "  mov $'D', %al\n"
    "  sti\n"
    "  out %al, %dx\n" /* in the shadow: before the interrupt */
    "  mov $'E', %al\n"
    "  out %al, %dx\n"
    "  hlt\n"
    "  mov $'F', %al\n"
    "  out %al, %dx\n"
    "  mov $60, %eax\n"
    "  mov $42, %edi\n"
    "  syscall\n"
    "seam_irq:\n"
    "  push %ax\n"
    "  mov $'I', %al\n"
    "  out %al, %dx\n"
    "  pop %ax\n"
    "  iret\n"
    "p_seam_end:\n"

    /* ---- A20 off/on, 64 KiB offset wrap, open bus, ROM ---- */
    "p_a20:\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov $0xffff, %ax\n"
    "  mov %ax, %es\n"
    "  movb $0x11, 0x0000\n"
    "  movb $0x22, %es:0x0010\n" /* linear 100000h */
    "  mov 0x0000, %bl\n"
    "  mov %es:0x0010, %bh\n"
    "  mov $0, %al\n"
    "  out %al, $0x92\n"          /* A20 off */
    "  mov %es:0x0010, %cl\n"     /* wraps to 0 */
    "  movb $0x33, %es:0x0011\n"  /* writes physical 1 */
    "  mov 0x0001, %ch\n"
    "  mov $2, %al\n"
    "  out %al, $0x92\n"          /* A20 on */
    "  mov %es:0x0010, %dl\n"
    "  mov $0x1000, %ax\n"
    "  mov %ax, %ds\n"
    "  movb $0x44, 0x0002\n"
    "  mov $0xfffe, %si\n"
    "  mov 4(%si), %dh\n"         /* offset (FFFE + 4) & FFFF = 2 */
    "  mov $0xa000, %ax\n"
    "  mov %ax, %ds\n"
    "  movb $0x55, 0x0000\n"      /* nothing there: dropped */
    "  mov 0x0000, %bp\n"         /* FFFF */
    "  mov $0xf000, %ax\n"
    "  mov %ax, %ds\n"
    "  mov 0x0000, %al\n"
    "  movb $0x66, 0x0000\n"      /* ROM: dropped */
    "  mov 0x0000, %ah\n"
    "  mov %ax, %si\n"
    "  mov $60, %eax\n"
    "  mov $0, %edi\n"
    "  syscall\n"
    "p_a20_end:\n"

    /* ---- the reset vector reaches 0:7C00 through the ROM ---- */
    "p_reset:\n"
    "  mov %cs, %si\n"
    "  mov %dx, %bx\n"            /* EDX at reset: the signature */
    "  mov $60, %eax\n"
    "  mov $7, %edi\n"
    "  syscall\n"
    "p_reset_end:\n"

    /* ---- #DE through the IVT, the pushed IP is the div's ---- */
    "p_de:\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x7000, %sp\n"
    "  movw $(de_h - p_de + 0x7c00), 0x00\n"
    "  movw $0, 0x02\n"
    "  xor %cx, %cx\n"
    "  mov $5, %ax\n"
    "de_at:\n"
    "  div %cl\n"
    "  mov $60, %eax\n"
    "  mov $1, %edi\n"
    "  syscall\n"
    "de_h:\n"
    "  pop %bx\n"                 /* IP */
    "  pop %cx\n"                 /* CS */
    "  pop %dx\n"                 /* FLAGS */
    "  mov $60, %eax\n"
    "  mov $0xde, %edi\n"
    "  syscall\n"
    "p_de_end:\n"

    /* ---- real -> protected (flat 32-bit): a selector past the GDT
     * limit is #GP(sel) through the IDT; a segment base; the TSS; CPL 3
     * by iret, back to CPL 0 through an interrupt gate (the TSS's
     * stack), #GP at CPL 3 (cli); then 16-bit protected mode and back to
     * real mode. Log of #GP (error code, CS) pairs at 6000h. ---- */
    ".code16\n"
    "p_pm:\n"
    "  cli\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x7000, %sp\n"
    "  lgdt (pm_gdtr - p_pm + 0x7c00)\n"
    "  lidt (pm_idtr - p_pm + 0x7c00)\n"
    "  mov %cr0, %eax\n"
    "  or $1, %eax\n"
    "  mov %eax, %cr0\n"
    "  ljmpl $0x08, $(pm32 - p_pm + 0x7c00)\n"
    ".code32\n"
    "pm32:\n"
    "  mov $0x10, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %es\n"
    "  mov %ax, %ss\n"
    "  mov $0x90000, %esp\n"
    "  movl $0x6000, 0x60fc\n"
    "  mov $13, %eax\n"
    "  mov $(pm_gp - p_pm + 0x7c00), %ebx\n"
    "  mov $0x8e00, %ecx\n"
    "  call pm_setgate\n"
    "  mov $0x30, %eax\n"
    "  mov $(pm_i30 - p_pm + 0x7c00), %ebx\n"
    "  mov $0xee00, %ecx\n"
    "  call pm_setgate\n"
    "  mov $0x31, %eax\n"
    "  mov $(pm_finish - p_pm + 0x7c00), %ebx\n"
    "  mov $0xee00, %ecx\n"
    "  call pm_setgate\n"
    /* a selector past the GDT's limit */
    "  movl $(pm_after_gs - p_pm + 0x7c00), 0x6100\n"
    "  mov $0x80, %ax\n"
    "  mov %ax, %gs\n"
    "  movl $0xbad, 0x6060\n"
    "pm_after_gs:\n"
    /* a data segment based at 20000h */
    "  mov $0x40, %ax\n"
    "  mov %ax, %fs\n"
    "  movl $0x1234, %fs:0x10\n"
    /* the TSS: ring 0 stack 10h:80000h */
    "  movl $0x80000, 0x5004\n"
    "  movl $0x10, 0x5008\n"
    "  mov $0x38, %ax\n"
    "  ltr %ax\n"
    /* to CPL 3 */
    "  push $0x33\n"
    "  push $0x70000\n"
    "  pushf\n"
    "  push $0x2b\n"
    "  push $(pm_user - p_pm + 0x7c00)\n"
    "  iret\n"
    "pm_user:\n"
    "  mov $0x33, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %cs, %eax\n"
    "  mov %eax, 0x6058\n"
    "  int $0x30\n"
    "  mov %esp, 0x605c\n"
    "  movl $(pm_user2 - p_pm + 0x7c00), 0x6100\n"
    "  cli\n"
    "  movl $0xbad, 0x6064\n"
    "pm_user2:\n"
    "  int $0x31\n"
    "pm_i30:\n"
    "  mov %esp, 0x6040\n"
    "  mov 4(%esp), %eax\n"
    "  mov %eax, 0x6044\n"
    "  mov %cs, %eax\n"
    "  mov %eax, 0x6048\n"
    "  iret\n"
    "pm_gp:\n"
    "  pop %eax\n"
    "  mov 0x60fc, %edi\n"
    "  mov %eax, (%edi)\n"
    "  mov 4(%esp), %eax\n"
    "  mov %eax, 4(%edi)\n"
    "  add $8, %edi\n"
    "  mov %edi, 0x60fc\n"
    "  mov 0x6100, %eax\n"
    "  mov %eax, (%esp)\n"
    "  iret\n"
    "pm_finish:\n"
    "  mov %cs, %eax\n"
    "  mov %eax, 0x604c\n"
    "  mov $0x10, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %es\n"
    "  mov %ax, %ss\n"
    "  mov $0x90000, %esp\n"
    "  ljmp $0x18, $(pm16 - p_pm + 0x7c00)\n"
    "pm_setgate:\n"
    "  lea 0x4000(,%eax,8), %edi\n"
    "  mov %ebx, %edx\n"
    "  and $0xffff, %edx\n"
    "  or $0x80000, %edx\n"
    "  mov %edx, (%edi)\n"
    "  mov %ebx, %edx\n"
    "  and $0xffff0000, %edx\n"
    "  or %ecx, %edx\n"
    "  mov %edx, 4(%edi)\n"
    "  ret\n"
    ".code16\n"
    "pm16:\n"
    "  mov $0x20, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x5678, %bx\n"        /* 16-bit decoding: BB 78 56 */
    "  mov %bx, 0x6050\n"
    "  mov %cr0, %eax\n"
    "  and $0xfffffffe, %eax\n"
    "  mov %eax, %cr0\n"
    "  ljmp $0, $(pm_real - p_pm + 0x7c00)\n"
    "pm_real:\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x7000, %sp\n"
    "  movw $0xbeef, 0x6054\n"
    "  mov $60, %eax\n"
    "  mov $0, %edi\n"
    "  syscall\n"
    "pm_gdt:\n"
    "  .quad 0\n"
    "  .quad 0x00cf9a000000ffff\n" /* 08 code, 32-bit, DPL 0 */
    "  .quad 0x00cf92000000ffff\n" /* 10 data, DPL 0 */
    "  .quad 0x00009a000000ffff\n" /* 18 code, 16-bit */
    "  .quad 0x000092000000ffff\n" /* 20 data, 64 KiB */
    "  .quad 0x00cffa000000ffff\n" /* 28 code, 32-bit, DPL 3 */
    "  .quad 0x00cff2000000ffff\n" /* 30 data, DPL 3 */
    "  .quad 0x0000890050000067\n" /* 38 TSS at 5000h */
    "  .quad 0x0000920200000fff\n" /* 40 data at 20000h, 4 KiB */
    "  .quad 0x00af9a000000ffff\n" /* 48 code, 64-bit */
    "pm_gdt_end:\n"
    "pm_gdtr:\n"
    "  .word pm_gdt_end - pm_gdt - 1\n"
    "  .long pm_gdt - p_pm + 0x7c00\n"
    "pm_idtr:\n"
    "  .word 0x7ff\n"
    "  .long 0x4000\n"
    "p_pm_end:\n"

    /* ---- 32-bit paging: a 4 MiB page (CR4.PSE) maps 0-4 MiB, a page
     * table maps 400000h -> 100000h; a read of an absent page and a
     * write to a read-only one with CR0.WP are #PF with CR2 and the
     * error code; accessed and dirty bits. Log (error, CR2) at 6000h. */
    ".code16\n"
    "p_pg:\n"
    "  cli\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x7000, %sp\n"
    "  lgdt 0x3100\n"
    "  lidt 0x3108\n"
    "  mov %cr0, %eax\n"
    "  or $1, %eax\n"
    "  mov %eax, %cr0\n"
    "  ljmpl $0x08, $(pg32 - p_pg + 0x7c00)\n"
    ".code32\n"
    "pg32:\n"
    "  mov $0x10, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %es\n"
    "  mov %ax, %ss\n"
    "  mov $0x90000, %esp\n"
    "  movl $0x6000, 0x60fc\n"
    "  mov $(pg_pf - p_pg + 0x7c00), %ebx\n"
    "  mov %ebx, %edx\n"
    "  and $0xffff, %edx\n"
    "  or $0x80000, %edx\n"
    "  mov %edx, 0x4000 + 14 * 8\n"
    "  and $0xffff0000, %ebx\n"
    "  or $0x8e00, %ebx\n"
    "  mov %ebx, 0x4004 + 14 * 8\n"
    "  movl $0x00000083, 0x20000\n" /* 0-4 MiB: one 4 MiB page */
    "  movl $0x00021003, 0x20004\n" /* 4-8 MiB: page table 21000h */
    "  movl $0x00100003, 0x21000\n" /* 400000h -> 100000h */
    "  movl $0x00101001, 0x21008\n" /* 402000h -> 101000h read-only */
    "  mov $0x20000, %eax\n"
    "  mov %eax, %cr3\n"
    "  mov %cr4, %eax\n"
    "  or $0x10, %eax\n"
    "  mov %eax, %cr4\n"
    "  mov %cr0, %eax\n"
    "  or $0x80000000, %eax\n"
    "  mov %eax, %cr0\n"
    "  movl $0xabcd, 0x400000\n"
    "  mov 0x400000, %esi\n"
    "  movl $(pg_r1 - p_pg + 0x7c00), 0x6100\n"
    "  mov 0x401010, %eax\n"       /* absent */
    "  movl $0xbad, 0x6060\n"
    "pg_r1:\n"
    "  movl $0x77, 0x402000\n"     /* read-only, but WP is clear */
    "  mov %cr0, %eax\n"
    "  or $0x10000, %eax\n"
    "  mov %eax, %cr0\n"
    "  movl $(pg_r2 - p_pg + 0x7c00), 0x6100\n"
    "  movl $0x88, 0x402004\n"     /* WP: #PF */
    "  movl $0xbad, 0x6064\n"
    "pg_r2:\n"
    "  movl $0x99, 0x123450\n"
    "  mov $60, %eax\n"
    "  mov $0, %edi\n"
    "  syscall\n"
    "pg_pf:\n"
    "  pop %eax\n"
    "  mov 0x60fc, %edi\n"
    "  mov %eax, (%edi)\n"
    "  mov %cr2, %eax\n"
    "  mov %eax, 4(%edi)\n"
    "  add $8, %edi\n"
    "  mov %edi, 0x60fc\n"
    "  mov 0x6100, %eax\n"
    "  mov %eax, (%esp)\n"
    "  iret\n"
    "p_pg_end:\n"

    /* ---- long mode as a bootloader enters it: PAE tables (2 MiB
     * pages), EFER.LME, CR0.PG, a far jump to a 64-bit segment; a #PF
     * through a 16-byte gate on IST1; back to compatibility mode,
     * protected mode, 16-bit and real mode. */
    ".code16\n"
    "p_lm:\n"
    "  cli\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x7000, %sp\n"
    "  lgdt 0x3100\n"
    "  mov %cr0, %eax\n"
    "  or $1, %eax\n"
    "  mov %eax, %cr0\n"
    "  ljmpl $0x08, $(lm32 - p_lm + 0x7c00)\n"
    ".code32\n"
    "lm32:\n"
    "  mov $0x10, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %es\n"
    "  mov %ax, %ss\n"
    "  mov $0x90000, %esp\n"
    "  movl $0x31003, 0x30000\n"
    "  movl $0x32003, 0x31000\n"
    "  movl $0x00000083, 0x32000\n"
    "  movl $0x00200083, 0x32008\n"
    "  mov %cr4, %eax\n"
    "  or $0x20, %eax\n"
    "  mov %eax, %cr4\n"
    "  mov $0x30000, %eax\n"
    "  mov %eax, %cr3\n"
    "  mov $0xc0000080, %ecx\n"
    "  rdmsr\n"
    "  or $0x100, %eax\n"
    "  wrmsr\n"
    "  mov %cr0, %eax\n"
    "  or $0x80000000, %eax\n"
    "  mov %eax, %cr0\n"
    "  mov $0xc0000080, %ecx\n"
    "  rdmsr\n"
    "  mov %eax, 0x6090\n"          /* LMA now */
    "  ljmp $0x48, $(lm64 - p_lm + 0x7c00)\n"
    ".code64\n"
    "lm64:\n"
    "  mov $(lm_pf - p_lm + 0x7c00), %eax\n"
    "  mov %ax, 0x4000 + 14 * 16\n"
    "  movw $0x48, 0x4002 + 14 * 16\n"
    "  movw $0x8e01, 0x4004 + 14 * 16\n" /* IST 1, interrupt gate */
    "  shr $16, %eax\n"
    "  mov %ax, 0x4006 + 14 * 16\n"
    "  movl $0, 0x4008 + 14 * 16\n"
    "  lidt 0x3110\n"
    "  movq $0x88000, 0x5024\n"     /* IST1 */
    "  mov $0x50, %ax\n"
    "  ltr %ax\n"
    "  mov $0x123456789, %rax\n"    /* a 64-bit register: 64-bit mode */
    "  mov %rax, 0x6098\n"
    "  movq $(lm_r1 - p_lm + 0x7c00), 0x6100\n"
    "  mov 0x400008, %rax\n"        /* PD[2] absent */
    "  movl $0xbad, 0x6060\n"
    "lm_r1:\n"
    "  pushq $0x08\n"
    "  mov $0x1234567800000000, %rax\n" /* upper half: ignored for */
    "  or $(lm_compat - p_lm + 0x7c00), %rax\n" /* a 32-bit target */
    "  push %rax\n"
    "  lretq\n"
    ".code32\n"
    "lm_compat:\n"
    "  mov %cr0, %eax\n"
    "  and $0x7fffffff, %eax\n"
    "  mov %eax, %cr0\n"
    "  mov $0xc0000080, %ecx\n"
    "  rdmsr\n"
    "  and $0xfffffeff, %eax\n"
    "  wrmsr\n"
    "  rdmsr\n"
    "  mov %eax, 0x6094\n"
    "  ljmp $0x18, $(lm16 - p_lm + 0x7c00)\n"
    ".code16\n"
    "lm16:\n"
    "  mov $0x20, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov %cr0, %eax\n"
    "  and $0xfffffffe, %eax\n"
    "  mov %eax, %cr0\n"
    "  ljmp $0, $(lm_real - p_lm + 0x7c00)\n"
    "lm_real:\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x7000, %sp\n"
    "  movw $0xbeef, 0x6054\n"
    "  mov $60, %eax\n"
    "  mov $0, %edi\n"
    "  syscall\n"
    ".code64\n"
    "lm_pf:\n"
    "  pop %rax\n"
    "  mov %rax, 0x6070\n"
    "  mov %cr2, %rax\n"
    "  mov %rax, 0x6078\n"
    "  mov %rsp, 0x6080\n"
    "  mov 0x6100, %rax\n"
    "  mov %rax, (%rsp)\n"
    "  iretq\n"
    "p_lm_end:\n"

    /* ---- a triple fault: an IDT too small for any vector ---- */
    ".code16\n"
    "p_tf:\n"
    "  cli\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  lgdt 0x3100\n"
    "  lidt 0x3120\n"
    "  mov %cr0, %eax\n"
    "  or $1, %eax\n"
    "  mov %eax, %cr0\n"
    "  ljmpl $0x08, $(tf32 - p_tf + 0x7c00)\n"
    ".code32\n"
    "tf32:\n"
    "  int3\n"
    "  mov $60, %eax\n"
    "  syscall\n"
    "p_tf_end:\n"

    /* ---- system instructions in protected mode: lar/lsl/verr/verw,
     * sgdt, MSRs, an external interrupt through the IDT while halted, a
     * call gate from CPL 3 with a parameter, lret outward. ---- */
    ".code16\n"
    "p_sys:\n"
    "  cli\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x7000, %sp\n"
    "  lgdt 0x3100\n"
    "  lidt 0x3108\n"
    "  mov %cr0, %eax\n"
    "  or $1, %eax\n"
    "  mov %eax, %cr0\n"
    "  ljmpl $0x08, $(sys32 - p_sys + 0x7c00)\n"
    ".code32\n"
    "sys32:\n"
    "  mov $0x10, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %es\n"
    "  mov %ax, %ss\n"
    "  mov $0x90000, %esp\n"
    "  movl $0x6000, 0x60fc\n"
    "  mov $13, %eax\n"
    "  mov $(sys_gp - p_sys + 0x7c00), %ebx\n"
    "  mov $0x8e00, %ecx\n"
    "  call sys_setgate\n"
    "  mov $0x40, %eax\n"
    "  mov $(sys_irq - p_sys + 0x7c00), %ebx\n"
    "  mov $0x8e00, %ecx\n"
    "  call sys_setgate\n"
    "  mov $0x31, %eax\n"
    "  mov $(sys_finish - p_sys + 0x7c00), %ebx\n"
    "  mov $0xee00, %ecx\n"
    "  call sys_setgate\n"
    "  mov $0x2b, %ecx\n"
    "  lar %ecx, %eax\n"
    "  mov %eax, 0x6200\n"
    "  setz 0x6204\n"
    "  mov $0x40, %ecx\n"
    "  lsl %ecx, %eax\n"
    "  mov %eax, 0x6208\n"
    "  mov $0x80, %ecx\n"
    "  mov $0x55, %eax\n"
    "  lar %ecx, %eax\n"
    "  setz 0x620c\n"
    "  mov %eax, 0x6210\n"
    "  mov $0x28, %cx\n"
    "  verr %cx\n"
    "  setz 0x6214\n"
    "  verw %cx\n"
    "  setz 0x6215\n"
    "  mov $0x10, %cx\n"
    "  verw %cx\n"
    "  setz 0x6216\n"
    "  sgdt 0x6218\n"
    "  mov $0x277, %ecx\n"
    "  rdmsr\n"
    "  mov %eax, 0x6220\n"
    "  mov %edx, 0x6224\n"
    "  mov $0x10, %ecx\n"             /* TSC := 1_0000_0000h */
    "  xor %eax, %eax\n"
    "  mov $1, %edx\n"
    "  wrmsr\n"
    "  rdtsc\n"
    "  mov %edx, 0x6260\n"
    "  rdmsr\n"
    "  mov %edx, 0x6264\n"
    "  movl $(sys_r1 - p_sys + 0x7c00), 0x6100\n"
    "  mov $0x12345, %ecx\n"
    "  wrmsr\n"
    "  movl $0xbad, 0x6060\n"
    "sys_r1:\n"
    "  sti\n"
    "  hlt\n"
    "  movl $0x600d, 0x6228\n"
    "  cli\n"
    /* TSS for the call gate's stack switch */
    "  movl $0x80000, 0x5004\n"
    "  movl $0x10, 0x5008\n"
    "  mov $0x38, %ax\n"
    "  ltr %ax\n"
    "  push $0x33\n"
    "  push $0x70000\n"
    "  pushf\n"
    "  push $0x2b\n"
    "  push $(sys_user - p_sys + 0x7c00)\n"
    "  iret\n"
    "sys_user:\n"
    "  mov $0x33, %ax\n"
    "  mov %ax, %ds\n"
    "  push $0x1234\n"
    "  lcall $0x63, $0\n"
    "  mov %esp, 0x6250\n"
    "  mov %cs, %eax\n"
    "  mov %eax, 0x6254\n"
    "  int $0x31\n"
    ".globl sys_gate_target\n"
    "sys_gate_target:\n"
    "  mov (%esp), %eax\n"
    "  mov %eax, 0x6230\n"   /* return EIP */
    "  mov 4(%esp), %eax\n"
    "  mov %eax, 0x6234\n"   /* CS 2Bh */
    "  mov 8(%esp), %eax\n"
    "  mov %eax, 0x6238\n"   /* the parameter */
    "  mov 12(%esp), %eax\n"
    "  mov %eax, 0x623c\n"   /* old ESP */
    "  mov 16(%esp), %eax\n"
    "  mov %eax, 0x6240\n"   /* old SS */
    "  mov %esp, 0x6244\n"
    "  mov %cs, %eax\n"
    "  mov %eax, 0x6248\n"
    "  lret $4\n"
    "sys_irq:\n"
    "  pushf\n"
    "  pop %eax\n"
    "  mov %eax, 0x622c\n"   /* IF clear in an interrupt gate */
    "  iret\n"
    "sys_gp:\n"
    "  pop %eax\n"
    "  mov 0x60fc, %edi\n"
    "  mov %eax, (%edi)\n"
    "  add $4, %edi\n"
    "  mov %edi, 0x60fc\n"
    "  mov 0x6100, %eax\n"
    "  mov %eax, (%esp)\n"
    "  iret\n"
    "sys_finish:\n"
    "  mov $60, %eax\n"
    "  mov $0, %edi\n"
    "  syscall\n"
    "sys_setgate:\n"
    "  lea 0x4000(,%eax,8), %edi\n"
    "  mov %ebx, %edx\n"
    "  and $0xffff, %edx\n"
    "  or $0x80000, %edx\n"
    "  mov %edx, (%edi)\n"
    "  mov %ebx, %edx\n"
    "  and $0xffff0000, %edx\n"
    "  or %ecx, %edx\n"
    "  mov %edx, 4(%edi)\n"
    "  ret\n"
    "p_sys_end:\n"

    /* ---- syscall/sysret with EFER.SCE in long mode, swapgs ---- */
    ".code16\n"
    "p_sc:\n"
    "  cli\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x7000, %sp\n"
    "  lgdt 0x3100\n"
    "  mov %cr0, %eax\n"
    "  or $1, %eax\n"
    "  mov %eax, %cr0\n"
    "  ljmpl $0x08, $(sc32 - p_sc + 0x7c00)\n"
    ".code32\n"
    "sc32:\n"
    "  mov $0x10, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x90000, %esp\n"
    "  movl $0x31007, 0x30000\n"
    "  movl $0x32007, 0x31000\n"
    "  movl $0x00000087, 0x32000\n"  /* user-accessible 2 MiB */
    "  mov %cr4, %eax\n"
    "  or $0x20, %eax\n"
    "  mov %eax, %cr4\n"
    "  mov $0x30000, %eax\n"
    "  mov %eax, %cr3\n"
    "  mov $0xc0000080, %ecx\n"
    "  rdmsr\n"
    "  or $0x101, %eax\n"            /* LME, SCE */
    "  wrmsr\n"
    "  mov %cr0, %eax\n"
    "  or $0x80000000, %eax\n"
    "  mov %eax, %cr0\n"
    "  ljmp $0x48, $(sc64 - p_sc + 0x7c00)\n"
    ".code64\n"
    "sc64:\n"
    /* STAR: kernel CS 48h (SS 50h... we use 48h+8), user base 20h:
     * sysret to 64-bit loads CS 20h+16 | 3 = 33h, SS 20h+8 | 3 = 2Bh */
    "  mov $0xc0000081, %ecx\n"
    "  xor %eax, %eax\n"
    "  mov $0x00200048, %edx\n"
    "  wrmsr\n"
    "  mov $0xc0000082, %ecx\n"
    "  mov $(sc_entry - p_sc + 0x7c00), %eax\n"
    "  xor %edx, %edx\n"
    "  wrmsr\n"
    "  mov $0xc0000084, %ecx\n"
    "  mov $0x200, %eax\n"           /* SFMASK: IF */
    "  wrmsr\n"
    "  mov $0xc0000102, %ecx\n"      /* KERNEL_GS_BASE */
    "  mov $0x4444, %eax\n"
    "  wrmsr\n"
    "  mov $0x70000, %rsp\n"
    "  mov $(sc_user - p_sc + 0x7c00), %ecx\n"
    "  mov $0x202, %r11d\n"
    "  sysretq\n"
    "sc_user:\n"
    "  mov %cs, %eax\n"
    "  mov %eax, 0x6300\n"
    "  mov %ss, %eax\n"
    "  mov %eax, 0x6304\n"
    "  mov $99, %eax\n"
    "  syscall\n"
    "sc_after:\n"
    "  hlt\n"
    "sc_entry:\n"
    "  mov %rcx, 0x6308\n"
    "  mov %r11, 0x6310\n"
    "  pushfq\n"
    "  pop %rax\n"
    "  mov %rax, 0x6318\n"
    "  mov %cs, %eax\n"
    "  mov %eax, 0x6320\n"
    "  swapgs\n"
    "  mov $0xc0000101, %ecx\n"
    "  rdmsr\n"
    "  mov %eax, 0x6324\n"
    "  mov $0xc0000080, %ecx\n"     /* SCE off: the exit convention */
    "  rdmsr\n"
    "  and $0xfffffffe, %eax\n"
    "  wrmsr\n"
    "  mov $231, %eax\n"
    "  mov $5, %edi\n"
    "  syscall\n"
    "p_sc_end:\n"

    /* ---- a real-mode triple fault: lidt with limit 0, then int3 ---- */
    ".code16\n"
    "p_rtf:\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  lidt 0x3120\n"
    "rtf_int:\n"
    "  int3\n"
    "  mov $60, %eax\n"
    "  syscall\n"
    "p_rtf_end:\n"

    /* ---- the mov ss shadow: an interrupt due right after sti is held
     * through mov ss (and the mov sp it protects) ---- */
    ".code16\n"
    "p_ss:\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x6000, %sp\n"
    "  movw $(ss_irq - p_ss + 0x7c00), 0x80\n"
    "  movw $0, 0x82\n"
    "  sti\n"
    "  mov %ax, %ss\n"
    "  mov $0x7000, %sp\n"
    "  mov $60, %eax\n"
    "  mov $0, %edi\n"
    "  syscall\n"
    "ss_irq:\n"
    "  mov %sp, %bx\n"
    "  iret\n"
    "p_ss_end:\n"

    /* ---- I/O permission at CPL 3 with IOPL 0: the TSS's I/O bitmap
     * lets port E9h through and not E8h (#GP(0)) ---- */
    ".code16\n"
    "p_io:\n"
    "  cli\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x7000, %sp\n"
    "  lgdt 0x3100\n"
    "  lidt 0x3108\n"
    "  mov %cr0, %eax\n"
    "  or $1, %eax\n"
    "  mov %eax, %cr0\n"
    "  ljmpl $0x08, $(io32 - p_io + 0x7c00)\n"
    ".code32\n"
    "io32:\n"
    "  mov $0x10, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %es\n"
    "  mov %ax, %ss\n"
    "  mov $0x90000, %esp\n"
    "  mov $(io_gp - p_io + 0x7c00), %ebx\n"
    "  mov %ebx, %edx\n"
    "  and $0xffff, %edx\n"
    "  or $0x80000, %edx\n"
    "  mov %edx, 0x4000 + 13 * 8\n"
    "  and $0xffff0000, %ebx\n"
    "  or $0x8e00, %ebx\n"
    "  mov %ebx, 0x4004 + 13 * 8\n"
    "  movl $0x80000, 0x5004\n"
    "  movl $0x10, 0x5008\n"
    "  movw $0x68, 0x5066\n"       /* the bitmap at TSS+68h */
    "  mov $0x5068, %edi\n"
    "  mov $0xff, %al\n"
    "  mov $0x2000, %ecx\n"
    "  cld\n"
    "  rep stosb\n"
    "  andb $0xfd, 0x5068 + 0xe9 / 8\n" /* port E9h: bit 1 of byte 1Dh */
    "  mov $0x38, %ax\n"
    "  ltr %ax\n"
    "  push $0x33\n"
    "  push $0x70000\n"
    "  pushf\n"
    "  push $0x2b\n"
    "  push $(io_user - p_io + 0x7c00)\n"
    "  iret\n"
    "io_user:\n"
    "  mov $'U', %al\n"
    "  out %al, $0xe9\n"
    "  out %al, $0xe8\n"
    "  mov $60, %eax\n"
    "  mov $1, %edi\n"
    "  syscall\n"
    "io_gp:\n"
    "  mov $0x10, %bx\n"            /* DS was nulled on the way to CPL 3 */
    "  mov %bx, %ds\n"
    "  pop %eax\n"
    "  mov %eax, 0x6000\n"
    "  mov 4(%esp), %eax\n"
    "  mov %eax, 0x6004\n"
    "  mov $60, %eax\n"
    "  mov $0, %edi\n"
    "  syscall\n"
    "p_io_end:\n"

    /* ---- NX: EFER.NXE and a 2 MiB page with XD set: a fetch there is
     * #PF with I/D ---- */
    ".code16\n"
    "p_nx:\n"
    "  cli\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x7000, %sp\n"
    "  lgdt 0x3100\n"
    "  mov %cr0, %eax\n"
    "  or $1, %eax\n"
    "  mov %eax, %cr0\n"
    "  ljmpl $0x08, $(nx32 - p_nx + 0x7c00)\n"
    ".code32\n"
    "nx32:\n"
    "  mov $0x10, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x90000, %esp\n"
    "  movl $0x31003, 0x30000\n"
    "  movl $0x32003, 0x31000\n"
    "  movl $0x00000083, 0x32000\n"
    "  movl $0x00200083, 0x32008\n"
    "  movl $0x80000000, 0x3200c\n"  /* XD */
    "  movb $0xc3, 0x200000\n"       /* ret */
    "  mov %cr4, %eax\n"
    "  or $0x20, %eax\n"
    "  mov %eax, %cr4\n"
    "  mov $0x30000, %eax\n"
    "  mov %eax, %cr3\n"
    "  mov $0xc0000080, %ecx\n"
    "  rdmsr\n"
    "  or $0x900, %eax\n"            /* LME, NXE */
    "  wrmsr\n"
    "  mov %cr0, %eax\n"
    "  or $0x80000000, %eax\n"
    "  mov %eax, %cr0\n"
    "  ljmp $0x48, $(nx64 - p_nx + 0x7c00)\n"
    ".code64\n"
    "nx64:\n"
    "  mov $(nx_pf - p_nx + 0x7c00), %eax\n"
    "  mov %ax, 0x4000 + 14 * 16\n"
    "  movw $0x48, 0x4002 + 14 * 16\n"
    "  movw $0x8e00, 0x4004 + 14 * 16\n"
    "  shr $16, %eax\n"
    "  mov %ax, 0x4006 + 14 * 16\n"
    "  movl $0, 0x4008 + 14 * 16\n"
    "  lidt 0x3110\n"
    "  pushfq\n"                     /* AC at CPL 0 without CR0.AM: */
    "  orl $0x40000, (%rsp)\n"       /* no #AC */
    "  popfq\n"
    "  mov 0x6001, %rdx\n"
    "  mov %rdx, 0x6019\n"
    "  mov 0x200000, %al\n"          /* readable */
    "  mov %al, 0x6010\n"
    "  mov $0x200000, %eax\n"
    "  call *%rax\n"
    "  mov $60, %eax\n"
    "  mov $1, %edi\n"
    "  syscall\n"
    "nx_pf:\n"
    "  pop %rax\n"
    "  mov %rax, 0x6000\n"
    "  mov %cr2, %rax\n"
    "  mov %rax, 0x6008\n"
    "  mov $0xc0000080, %ecx\n"
    "  rdmsr\n"
    "  and $0xfffffffe, %eax\n"
    "  wrmsr\n"
    "  mov $60, %eax\n"
    "  mov $0, %edi\n"
    "  syscall\n"
    "p_nx_end:\n"

    /* ---- #DF: a #GP whose gate is not present (#NP while delivering
     * it, two contributory faults) ---- */
    ".code16\n"
    "p_df:\n"
    "  cli\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x7000, %sp\n"
    "  lgdt 0x3100\n"
    "  lidt 0x3108\n"
    "  mov %cr0, %eax\n"
    "  or $1, %eax\n"
    "  mov %eax, %cr0\n"
    "  ljmpl $0x08, $(df32 - p_df + 0x7c00)\n"
    ".code32\n"
    "df32:\n"
    "  mov $0x10, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x90000, %esp\n"
    "  mov $(df_h - p_df + 0x7c00), %ebx\n"
    "  mov %ebx, %edx\n"
    "  and $0xffff, %edx\n"
    "  or $0x80000, %edx\n"
    "  mov %edx, 0x4000 + 8 * 8\n"
    "  and $0xffff0000, %ebx\n"
    "  or $0x8e00, %ebx\n"
    "  mov %ebx, 0x4004 + 8 * 8\n"
    "  movl $0x00080000, 0x4000 + 13 * 8\n"  /* #GP's gate: not present */
    "  movl $0x00000e00, 0x4004 + 13 * 8\n"
    "df_at:\n"
    "  mov $0xf8, %ax\n"
    "  mov %ax, %gs\n"
    "  mov $60, %eax\n"
    "  mov $1, %edi\n"
    "  syscall\n"
    "df_h:\n"
    "  pop %eax\n"
    "  mov %eax, 0x6000\n"
    "  pop %eax\n"
    "  mov %eax, 0x6004\n"
    "  mov $60, %eax\n"
    "  mov $8, %edi\n"
    "  syscall\n"
    "p_df_end:\n"

    /* ---- self-modifying code through another linear alias: the page
     * at 400000h maps physical 100000h, which is also mapped at itself
     * (a 4 MiB identity page); code run through one alias and changed
     * through the other runs changed ---- */
    ".code16\n"
    "p_smc:\n"
    "  cli\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x7000, %sp\n"
    "  lgdt 0x3100\n"
    "  mov %cr0, %eax\n"
    "  or $1, %eax\n"
    "  mov %eax, %cr0\n"
    "  ljmpl $0x08, $(smc32 - p_smc + 0x7c00)\n"
    ".code32\n"
    "smc32:\n"
    "  mov $0x10, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x90000, %esp\n"
    "  movl $0x00000083, 0x20000\n"
    "  movl $0x00021003, 0x20004\n"
    "  movl $0x00100003, 0x21000\n"
    "  movl $0x000001b8, 0x100000\n"  /* mov $1, %eax; ret */
    "  movl $0x0000c300, 0x100004\n"
    "  mov $0x20000, %eax\n"
    "  mov %eax, %cr3\n"
    "  mov %cr4, %eax\n"
    "  or $0x10, %eax\n"
    "  mov %eax, %cr4\n"
    "  mov %cr0, %eax\n"
    "  or $0x80000000, %eax\n"
    "  mov %eax, %cr0\n"
    "  mov $0x400000, %ebx\n"
    "  call *%ebx\n"                  /* decoded at 400000h */
    "  mov %eax, 0x6000\n"
    "  movb $2, 0x100001\n"          /* changed at 100000h */
    "  call *%ebx\n"
    "  mov %eax, 0x6004\n"
    "  mov $0x100000, %ecx\n"
    "  call *%ecx\n"                  /* decoded at 100000h too */
    "  mov %eax, 0x6008\n"
    "  movb $3, 0x400001\n"          /* changed at 400000h */
    "  call *%ecx\n"
    "  mov %eax, 0x600c\n"
    "  call *%ebx\n"
    "  mov %eax, 0x6010\n"
    "  mov $60, %eax\n"
    "  mov $0, %edi\n"
    "  syscall\n"
    "p_smc_end:\n"

    /* ---- back to real mode straight from 32-bit code: after PE is
     * cleared, code is still 32-bit until the far jump loads CS ---- */
    ".code16\n"
    "p_pe:\n"
    "  cli\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x7000, %sp\n"
    "  lgdt 0x3100\n"
    "  mov %cr0, %eax\n"
    "  or $1, %eax\n"
    "  mov %eax, %cr0\n"
    "  ljmpl $0x08, $(pe32 - p_pe + 0x7c00)\n"
    ".code32\n"
    "pe32:\n"
    "  mov $0x10, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %cr0, %eax\n"
    "  and $0xfffffffe, %eax\n"
    "  mov %eax, %cr0\n"
    "  mov $0x12345678, %esi\n"     /* 32-bit: BE imm32 */
    "  ljmp $0, $(pe_real - p_pe + 0x7c00)\n"
    ".code16\n"
    "pe_real:\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov $0x1234, %di\n"          /* 16-bit again */
    "  mov %di, %bx\n"
    "  mov $60, %eax\n"
    "  mov $0, %edi\n"
    "  syscall\n"
    "p_pe_end:\n"

    /* ---- EFLAGS.AC in real mode (a 486 check) is no #AC ---- */
    ".code16\n"
    "p_ac:\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x7000, %sp\n"
    "  pushfl\n"
    "  popl %eax\n"
    "  or $0x40000, %eax\n"
    "  pushl %eax\n"
    "  popfl\n"
    "  pushfl\n"
    "  popl %ecx\n"
    "  mov 0x7c01, %ebx\n"           /* misaligned */
    "  movl $0x11223344, 0x6003\n"
    "  mov $60, %eax\n"
    "  mov $0, %edi\n"
    "  syscall\n"
    "p_ac_end:\n"

    /* ---- segment limits and rights in protected mode: past a 4 KiB
     * limit, below an expand-down segment's, a write to read-only data,
     * a null selector, a far jump past a code segment's limit: each
     * #GP(0), the access not done ---- */
    ".code16\n"
    "p_lim:\n"
    "  cli\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x7000, %sp\n"
    "  lgdt 0x3100\n"
    "  lidt 0x3108\n"
    "  mov %cr0, %eax\n"
    "  or $1, %eax\n"
    "  mov %eax, %cr0\n"
    "  ljmpl $0x08, $(lim32 - p_lim + 0x7c00)\n"
    ".code32\n"
    "lim32:\n"
    "  mov $0x10, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x90000, %esp\n"
    "  movl $0x6000, 0x60fc\n"
    "  mov $(lim_gp - p_lim + 0x7c00), %ebx\n"
    "  mov %ebx, %edx\n"
    "  and $0xffff, %edx\n"
    "  or $0x80000, %edx\n"
    "  mov %edx, 0x4000 + 13 * 8\n"
    "  and $0xffff0000, %ebx\n"
    "  or $0x8e00, %ebx\n"
    "  mov %ebx, 0x4004 + 13 * 8\n"
    "  mov $0x40, %ax\n"             /* base 20000h, limit FFFh */
    "  mov %ax, %es\n"
    "  movl $0x55, %es:0xffc\n"
    "  movl $(lim_r1 - p_lim + 0x7c00), 0x6100\n"
    "  movl $0x77, %es:0xffe\n"       /* bytes FFEh-1001h */
    "lim_r1:\n"
    "  mov $0x68, %ax\n"             /* expand-down above FFFh */
    "  mov %ax, %es\n"
    "  movl $(lim_r2 - p_lim + 0x7c00), 0x6100\n"
    "  movl $0x77, %es:0x800\n"
    "lim_r2:\n"
    "  movl $0x66, %es:0x2000\n"
    "  mov $0x70, %ax\n"             /* read-only, 4 GiB */
    "  mov %ax, %es\n"
    "  mov %es:0x7c00, %esi\n"
    "  movl $(lim_r3 - p_lim + 0x7c00), 0x6100\n"
    "  movl $0x77, %es:0x6200\n"
    "lim_r3:\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %es\n"
    "  movl $(lim_r4 - p_lim + 0x7c00), 0x6100\n"
    "  mov %es:0x6000, %eax\n"
    "lim_r4:\n"
    "  movl $(lim_r5 - p_lim + 0x7c00), 0x6100\n"
    "  ljmp $0x80, $0x8000\n"       /* past that code segment's limit */
    "lim_r5:\n"
    "  mov $60, %eax\n"
    "  mov $0, %edi\n"
    "  syscall\n"
    "lim_gp:\n"
    "  pop %eax\n"
    "  mov 0x60fc, %edi\n"
    "  mov %eax, (%edi)\n"
    "  movl $0x13, 4(%edi)\n"
    "  add $8, %edi\n"
    "  mov %edi, 0x60fc\n"
    "  mov 0x6100, %eax\n"
    "  mov %eax, (%esp)\n"
    "  iret\n"
    "p_lim_end:\n"

    /* ---- an LDT (lldt, sldt, a data segment in it), #NP(selector), a
     * 16-bit interrupt gate, a far call from CPL 3 to a conforming
     * DPL 0 segment (the CPL stays 3) ---- */
    ".code16\n"
    "p_ldt:\n"
    "  cli\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x7000, %sp\n"
    "  lgdt 0x3100\n"
    "  lidt 0x3108\n"
    "  mov %cr0, %eax\n"
    "  or $1, %eax\n"
    "  mov %eax, %cr0\n"
    "  ljmpl $0x08, $(ldt32 - p_ldt + 0x7c00)\n"
    ".code32\n"
    "ldt32:\n"
    "  mov $0x10, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %es\n"
    "  mov %ax, %ss\n"
    "  mov $0x90000, %esp\n"
    "  mov $11, %eax\n"
    "  mov $(ldt_np - p_ldt + 0x7c00), %ebx\n"
    "  mov $0x8e00, %ecx\n"
    "  call ldt_setgate\n"
    "  mov $0x50, %eax\n"
    "  mov $(ldt_i16 - p_ldt + 0x7c00), %ebx\n"
    "  mov $0x8600, %ecx\n"          /* 16-bit interrupt gate */
    "  call ldt_setgate\n"
    "  mov $0x31, %eax\n"
    "  mov $(ldt_finish - p_ldt + 0x7c00), %ebx\n"
    "  mov $0xee00, %ecx\n"
    "  call ldt_setgate\n"
    "  movl $0x0000ffff, 0x2000\n"   /* LDT 04h: data at 30000h */
    "  movl $0x00cf9203, 0x2004\n"
    "  movl $0x0000ffff, 0x2008\n"   /* LDT 0Ch: conforming code, DPL 0 */
    "  movl $0x00cf9e00, 0x200c\n"
    "  movl $0x0000ffff, 0x2010\n"   /* LDT 14h: not present */
    "  movl $0x00cf1200, 0x2014\n"
    "  mov $0x78, %ax\n"
    "  lldt %ax\n"
    "  sldt %ebx\n"
    "  mov %ebx, 0x6020\n"
    "  mov $0x04, %ax\n"
    "  mov %ax, %fs\n"
    "  movl $0xabc, %fs:0x10\n"
    "  movl $(ldt_r1 - p_ldt + 0x7c00), 0x6100\n"
    "  mov $0x14, %ax\n"
    "  mov %ax, %gs\n"
    "ldt_r1:\n"
    "  int $0x50\n"
    "  mov %esp, 0x6030\n"
    "  movl $0x80000, 0x5004\n"
    "  movl $0x10, 0x5008\n"
    "  mov $0x38, %ax\n"
    "  ltr %ax\n"
    "  push $0x33\n"
    "  push $0x70000\n"
    "  pushf\n"
    "  push $0x2b\n"
    "  push $(ldt_user - p_ldt + 0x7c00)\n"
    "  iret\n"
    "ldt_user:\n"
    "  mov $0x33, %ax\n"
    "  mov %ax, %ds\n"
    "  lcall $0x0f, $(ldt_conf - p_ldt + 0x7c00)\n"
    "  mov %cs, %eax\n"
    "  mov %eax, 0x6034\n"
    "  int $0x31\n"
    "ldt_conf:\n"
    "  mov %cs, %eax\n"
    "  mov %eax, 0x6038\n"           /* 0Fh: CPL 3 kept */
    "  mov 4(%esp), %eax\n"
    "  mov %eax, 0x603c\n"           /* the caller's CS */
    "  lret\n"
    "ldt_i16:\n"
    "  movzwl (%esp), %eax\n"
    "  mov %eax, 0x6024\n"           /* IP, 16 bits */
    "  movzwl 2(%esp), %eax\n"
    "  mov %eax, 0x6028\n"           /* CS */
    "  mov %esp, 0x602c\n"
    "  iretw\n"
    "ldt_np:\n"
    "  pop %eax\n"
    "  mov %eax, 0x6000\n"
    "  mov 0x6100, %eax\n"
    "  mov %eax, (%esp)\n"
    "  iret\n"
    "ldt_finish:\n"
    "  mov $60, %eax\n"
    "  mov $0, %edi\n"
    "  syscall\n"
    "ldt_setgate:\n"
    "  lea 0x4000(,%eax,8), %edi\n"
    "  mov %ebx, %edx\n"
    "  and $0xffff, %edx\n"
    "  or $0x80000, %edx\n"
    "  mov %edx, (%edi)\n"
    "  mov %ebx, %edx\n"
    "  and $0xffff0000, %edx\n"
    "  or %ecx, %edx\n"
    "  mov %edx, 4(%edi)\n"
    "  ret\n"
    "p_ldt_end:\n"

    /* ---- CR0.TS and CR0.EM: fninit with TS is #NM (the handler clears
     * TS and the instruction runs again), an SSE instruction with EM is
     * #UD, an x87 one #NM ---- */
    ".code16\n"
    "p_nm:\n"
    "  cli\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x7000, %sp\n"
    "  lgdt 0x3100\n"
    "  lidt 0x3108\n"
    "  mov %cr0, %eax\n"
    "  or $1, %eax\n"
    "  mov %eax, %cr0\n"
    "  ljmpl $0x08, $(nm32 - p_nm + 0x7c00)\n"
    ".code32\n"
    "nm32:\n"
    "  mov $0x10, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x90000, %esp\n"
    "  movl $0x6300, 0x60fc\n"
    "  mov $(nm_ud - p_nm + 0x7c00), %ebx\n"
    "  mov %bx, 0x4000 + 6 * 8\n"
    "  movw $0x08, 0x4002 + 6 * 8\n"
    "  movw $0x8e00, 0x4004 + 6 * 8\n"
    "  shr $16, %ebx\n"
    "  mov %bx, 0x4006 + 6 * 8\n"
    "  mov $(nm_nm - p_nm + 0x7c00), %ebx\n"
    "  mov %bx, 0x4000 + 7 * 8\n"
    "  movw $0x08, 0x4002 + 7 * 8\n"
    "  movw $0x8e00, 0x4004 + 7 * 8\n"
    "  shr $16, %ebx\n"
    "  mov %bx, 0x4006 + 7 * 8\n"
    "  fninit\n"                     /* TS clear: fine */
    "  mov %cr0, %eax\n"
    "  or $8, %eax\n"                /* TS */
    "  mov %eax, %cr0\n"
    "  fninit\n"                     /* #NM, then again */
    "  fld1\n"
    "  fistpl 0x6310\n"
    "  mov %cr0, %eax\n"
    "  or $4, %eax\n"                /* EM */
    "  mov %eax, %cr0\n"
    "  movl $(nm_r1 - p_nm + 0x7c00), 0x6100\n"
    "  xorps %xmm0, %xmm0\n"         /* #UD */
    "  movl $0xbad, 0x6314\n"
    "nm_r1:\n"
    "  fld1\n"                       /* #NM, EM cleared, again */
    "  fistpl 0x6318\n"
    "  mov $60, %eax\n"
    "  mov $0, %edi\n"
    "  syscall\n"
    "nm_nm:\n"
    "  mov 0x60fc, %edi\n"
    "  movb $'N', (%edi)\n"
    "  incl 0x60fc\n"
    "  mov %cr0, %eax\n"
    "  and $0xfffffffb, %eax\n"      /* EM off */
    "  mov %eax, %cr0\n"
    "  clts\n"
    "  iret\n"
    "nm_ud:\n"
    "  mov 0x60fc, %edi\n"
    "  movb $'U', (%edi)\n"
    "  incl 0x60fc\n"
    "  mov 0x6100, %eax\n"
    "  mov %eax, (%esp)\n"
    "  iret\n"
    "p_nm_end:\n"

    /* ---- hardware task switches: lcall to a TSS (the new task sees NT
     * and its back link), iret back (the caller's registers restored
     * from its TSS), and a double fault through a task gate ---- */
    ".code16\n"
    "p_task:\n"
    "  cli\n"
    "  xor %ax, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %ss\n"
    "  mov $0x7000, %sp\n"
    "  lgdt 0x3100\n"
    "  lidt 0x3108\n"
    "  mov %cr0, %eax\n"
    "  or $1, %eax\n"
    "  mov %eax, %cr0\n"
    "  ljmpl $0x08, $(task32 - p_task + 0x7c00)\n"
    ".code32\n"
    "task32:\n"
    "  mov $0x10, %ax\n"
    "  mov %ax, %ds\n"
    "  mov %ax, %es\n"
    "  mov %ax, %ss\n"
    "  mov $0x90000, %esp\n"
    /* TSS2 at 5100h, TSS3 at 5200h: EIP, EFLAGS, ESP, segments */
    "  movl $(task2 - p_task + 0x7c00), 0x5100 + 0x20\n"
    "  movl $2, 0x5100 + 0x24\n"
    "  movl $0x88000, 0x5100 + 0x38\n"
    "  movl $0x10, 0x5100 + 0x48\n"
    "  movl $0x08, 0x5100 + 0x4c\n"
    "  movl $0x10, 0x5100 + 0x50\n"
    "  movl $0x10, 0x5100 + 0x54\n"
    "  movl $(task3 - p_task + 0x7c00), 0x5200 + 0x20\n"
    "  movl $2, 0x5200 + 0x24\n"
    "  movl $0x87000, 0x5200 + 0x38\n"
    "  movl $0x10, 0x5200 + 0x48\n"
    "  movl $0x08, 0x5200 + 0x4c\n"
    "  movl $0x10, 0x5200 + 0x50\n"
    "  movl $0x10, 0x5200 + 0x54\n"
    "  movl $0x00900000, 0x4000 + 8 * 8\n" /* #DF: task gate to 90h */
    "  movl $0x00008500, 0x4004 + 8 * 8\n"
    "  movl $0x00080000, 0x4000 + 13 * 8\n" /* #GP: not present */
    "  movl $0x00000e00, 0x4004 + 13 * 8\n"
    "  mov $0x38, %ax\n"
    "  ltr %ax\n"
    "  mov $0x1111, %ebx\n"
    "  lcall $0x88, $0\n"
    "  mov %ebx, 0x640c\n"
    "  str %eax\n"
    "  mov %eax, 0x6410\n"
    "  mov $0xf8, %ax\n"
    "  mov %ax, %gs\n"              /* #GP, #NP: #DF */
    "  mov $60, %eax\n"
    "  mov $1, %edi\n"
    "  syscall\n"
    "task2:\n"
    "  str %eax\n"
    "  mov %eax, 0x6400\n"
    "  pushf\n"
    "  pop %eax\n"
    "  mov %eax, 0x6404\n"
    "  movzwl 0x5100, %eax\n"       /* the back link */
    "  mov %eax, 0x6408\n"
    "  mov $0x2222, %ebx\n"
    "  iret\n"
    "task3:\n"
    "  pop %eax\n"
    "  mov %eax, 0x6414\n"
    "  str %eax\n"
    "  mov %eax, 0x6418\n"
    "  mov %esp, 0x641c\n"
    "  mov $60, %eax\n"
    "  mov $0, %edi\n"
    "  syscall\n"
    "p_task_end:\n"
    ".code64\n"
    ".popsection\n");

#define ORG 0x7c00
#define SYM(p, l) (ORG + (uint64_t)((l) - (p)))

static struct Machine *m;
static char e9[256];
static size_t ne9;
static uint16_t last_port;
static unsigned last_size;
static uint32_t last_val;
static int irq_vec = -1;
static int acks;

static uint32_t t_in(void *io, uint16_t port, unsigned size) {
  (void)io;
  if (port == 0x42 && size == 1) return 'C';
  if (port == 0x44 && size == 4) return 0xcafef00d;
  return 0xffffffff;
}

static void t_out(void *io, uint16_t port, unsigned size, uint32_t v) {
  (void)io;
  if (port == 0xe9 && size == 1 && ne9 < sizeof(e9) - 1) e9[ne9++] = (char)v;
  if (port == 0x92) vm_set_a20(m, (v & 2) != 0);
  last_port = port;
  last_size = size;
  last_val = v;
}

static int t_ack(void *io) {
  (void)io;
  int v = irq_vec;
  irq_vec = -1;
  m->irq_pending = 0;
  ++acks;
  return v;
}

static void raise_irq(int vec) {
  irq_vec = vec;
  m->irq_pending = 1;
  m->trap = 1;
}

/* A fresh machine: RAM 0-9FFFF and 100000-3FFFFF, ROM F0000-FFFFF
 * (holding rom[] at its end when given), the program at 0:7C00. */
static void boot(const uint8_t *p, const uint8_t *end, const uint8_t *rom,
                 size_t romlen) {
  if (m) vm_free(m);
  m = vm_new_bare();
  CHECK(m != NULL);
  CHECK(vm_phys_map(m, 0, 0xa0000, 7) == 0);
  CHECK(vm_phys_map(m, 0x100000, 0x300000, 7) == 0);
  CHECK(vm_phys_map(m, 0xf0000, 0x10000, 5) == 0);
  uint8_t *r = vm_phys_host(m, 0xf0000);
  memset(r, 0xf4, 0x10000); /* hlt */
  r[0] = 0x5a;
  if (rom) memcpy(r + 0x10000 - romlen, rom, romlen);
  memcpy(vm_phys_host(m, ORG), p, (size_t)(end - p));
  /* The descriptor tables the protected-mode programs share: a GDT at
   * 3000h (its lgdt operand at 3100h), IDT operands for 4000h at 3108h
   * (8-byte gates), 3110h (16-byte gates), 3120h (limit 0). */
  static const uint64_t gdt[] = {
      0,
      0x00cf9a000000ffff, /* 08 code, 32-bit */
      0x00cf92000000ffff, /* 10 data */
      0x00009a000000ffff, /* 18 code, 16-bit */
      0x000092000000ffff, /* 20 data, 64 KiB */
      0x00cffa000000ffff, /* 28 code, DPL 3 */
      0x00cff2000000ffff, /* 30 data, DPL 3 */
      0x0000890050000067, /* 38 TSS at 5000h */
      0x0000920200000fff, /* 40 data at 20000h */
      0x00af9a000000ffff, /* 48 code, 64-bit */
      0x0000890050000067, /* 50 64-bit TSS at 5000h ... */
      0,                  /* 58 ... its upper half */
      0,                  /* 60 (test_sys: a call gate) */
      0x0040960200000fff, /* 68 data at 20000h, expand-down, limit FFFh */
      0x00cf90000000ffff, /* 70 data, read-only */
      0x0000820020000017, /* 78 LDT at 2000h, 3 entries */
      0x00409a0000007fff, /* 80 code, 32-bit, limit 7FFFh */
      0x0000890051000067, /* 88 TSS at 5100h */
      0x0000890052000067, /* 90 TSS at 5200h */
  };
  memcpy(vm_phys_host(m, 0x3000), gdt, sizeof(gdt));
  uint8_t *d = vm_phys_host(m, 0x3100);
  uint16_t lim = sizeof(gdt) - 1;
  uint32_t base = 0x3000;
  memcpy(d, &lim, 2), memcpy(d + 2, &base, 4);
  lim = 0x7ff, base = 0x4000;
  memcpy(d + 8, &lim, 2), memcpy(d + 10, &base, 4);
  lim = 0xfff;
  uint64_t base64 = 0x4000;
  memcpy(d + 16, &lim, 2), memcpy(d + 18, &base64, 8);
  lim = 0, base = 0x4000;
  memcpy(d + 32, &lim, 2), memcpy(d + 34, &base, 4);
  m->io = NULL;
  m->port_in = t_in;
  m->port_out = t_out;
  m->irq_ack = t_ack;
  ne9 = 0;
  memset(e9, 0, sizeof(e9));
  irq_vec = -1;
  acks = 0;
  if (!rom) {
    /* Start at 0:7C00 as a BIOS leaves a boot sector. */
    m->sreg[SEG_CS] = 0;
    m->seg_base[SEG_CS] = 0;
    m->rip = ORG;
    m->cp = NULL;
  }
}

static int run(void) {
  int s;
  for (int k = 0; k < 100; ++k) {
    s = vm_run(m);
    if (s != STOP_NONE) return s;
  }
  return s;
}

static void test_seam(void) {
  boot(p_seam, p_seam_end, NULL, 0);
  /* A request before sti: IF is clear at reset, so it waits. */
  raise_irq(0x20);
  m->slice = 3;
  uint64_t ic = m->icount;
  CHECK(vm_run(m) == STOP_NONE);
  CHECK(m->icount - ic == 3); /* the slice */
  m->slice = 0;
  CHECK(vm_run(m) == STOP_HALT);
  CHECK(m->halted);
  CHECK(!strcmp(e9, "ABCDIE"));
  CHECK((uint32_t)m->r[RBP] == 0xcafef00d);
  CHECK(acks == 1);
  /* Halted with nothing pending: stays halted. */
  CHECK(vm_run(m) == STOP_HALT);
  /* An interrupt wakes it: the handler runs, then the code after hlt. */
  raise_irq(0x20);
  CHECK(run() == STOP_EXIT);
  CHECK(!m->halted);
  CHECK(m->exit_code == 42);
  CHECK(!strcmp(e9, "ABCDIEIF"));
  if (strcmp(e9, "ABCDIEIF")) fprintf(stderr, "e9: %s\n", e9);
}

static void test_word_port(void) {
  /* out %ax, $0x80 went to port 80h as a 2-byte write of 1234h. */
  static uint16_t port;
  static unsigned size;
  static uint32_t val;
  boot(p_seam, p_seam_end, NULL, 0);
  /* Run up to the out (8 instructions in). */
  m->slice = 15;
  vm_run(m);
  port = last_port, size = last_size, val = last_val;
  CHECK(port == 0x80 && size == 2 && val == 0x1234);
}

static void test_a20(void) {
  boot(p_a20, p_a20_end, NULL, 0);
  CHECK(run() == STOP_EXIT);
  CHECK((m->r[RBX] & 0xff) == 0x11);
  CHECK(((m->r[RBX] >> 8) & 0xff) == 0x22);
  CHECK((m->r[RCX] & 0xff) == 0x11);        /* wrapped */
  CHECK(((m->r[RCX] >> 8) & 0xff) == 0x33);
  CHECK((m->r[RDX] & 0xff) == 0x22);        /* not wrapped again */
  CHECK(((m->r[RDX] >> 8) & 0xff) == 0x44); /* offset wrap */
  CHECK(vm_phys_host(m, 0x100000)[0] == 0x22);
  CHECK(vm_phys_host(m, 1)[0] == 0x33);
  CHECK((m->r[RBP] & 0xffff) == 0xffff);      /* open bus */
  CHECK((m->r[RSI] & 0xff) == 0x5a);         /* ROM byte */
  CHECK(((m->r[RSI] >> 8) & 0xff) == 0x5a);  /* still: write dropped */
  CHECK(vm_phys_host(m, 0xf0000)[0] == 0x5a);
  CHECK(m->a20);
}


static void test_reset(void) {
  /* At the top of the ROM: ljmp $0, $0x7c00, then hlt padding. */
  static const uint8_t rom[16] = {0xea, 0x00, 0x7c, 0x00, 0x00, 0xf4, 0xf4, 0xf4,
                                  0xf4, 0xf4, 0xf4, 0xf4, 0xf4, 0xf4, 0xf4, 0xf4};
  boot(p_reset, p_reset_end, rom, sizeof(rom));
  CHECK(m->sreg[SEG_CS] == 0xf000 && m->seg_base[SEG_CS] == 0xffff0000);
  CHECK(m->rip == 0xfff0);
  CHECK(m->cr0 == 0x60000010);
  CHECK(m->mode == MODE_REAL);
  CHECK(run() == STOP_EXIT);
  CHECK(m->exit_code == 7);
  CHECK((m->r[RSI] & 0xffff) == 0);
  CHECK((m->r[RBX] & 0xffff) == 0x600);
}

static void test_de(void) {
  boot(p_de, p_de_end, NULL, 0);
  CHECK(run() == STOP_EXIT);
  CHECK(m->exit_code == 0xde);
  extern const uint8_t de_at[];
  CHECK((m->r[RBX] & 0xffff) == SYM(p_de, de_at));
  CHECK((m->r[RCX] & 0xffff) == 0);
  CHECK((m->r[RDX] & 0x2) == 2);
}


static uint32_t phys32(uint64_t pa) {
  uint32_t v;
  memcpy(&v, vm_phys_host(m, pa), 4);
  return v;
}

static void test_pm(void) {
  boot(p_pm, p_pm_end, NULL, 0);
  int s = run();
  CHECK(s == STOP_EXIT);
  if (s != STOP_EXIT)
    fprintf(stderr, "pm: stop %d at %04x:%08" PRIx64 " mode %s vector %d\n", s,
            m->sreg[SEG_CS], m->rip, vm_mode_name(m), m->fault_vector);
  CHECK(m->exit_code == 0);
  CHECK(phys32(0x6000) == 0x80);   /* #GP(80h): past the GDT limit */
  CHECK(phys32(0x6004) == 0x08);   /* at CPL 0 */
  CHECK(phys32(0x6060) != 0xbad);  /* the mov did not complete */
  CHECK(phys32(0x20010) == 0x1234); /* FS base 20000h */
  CHECK(phys32(0x6058) == 0x2b);   /* CS at CPL 3 */
  CHECK(phys32(0x6040) == 0x80000 - 20); /* the TSS's ESP0, 5 dwords */
  CHECK(phys32(0x6044) == 0x2b);   /* the interrupted CS */
  CHECK(phys32(0x6048) == 0x08);   /* the handler's */
  CHECK(phys32(0x605c) == 0x70000); /* iret restored the user ESP */
  CHECK(phys32(0x6008) == 0);      /* cli at CPL 3: #GP(0) */
  CHECK(phys32(0x600c) == 0x2b);
  CHECK(phys32(0x6064) != 0xbad);
  CHECK(phys32(0x604c) == 0x08);   /* int 31h's handler ran at CPL 0 */
  CHECK((phys32(0x6050) & 0xffff) == 0x5678); /* 16-bit protected mode */
  CHECK((phys32(0x6054) & 0xffff) == 0xbeef); /* real mode again */
  CHECK(m->mode == MODE_REAL && !(m->cr0 & 1));
  CHECK(!strcmp(vm_mode_name(m), "real"));
  /* The TSS descriptor became busy (type Bh). */
  CHECK(((phys32(SYM(p_pm, p_pm_end) - 2 - 4 - 6 - 8 * 3 + 4) >> 8) & 0xf) == 0xb);
}

static void test_paging(void) {
  boot(p_pg, p_pg_end, NULL, 0);
  int s = run();
  CHECK(s == STOP_EXIT);
  if (s != STOP_EXIT)
    fprintf(stderr, "pg: stop %d at %04x:%08" PRIx64 " mode %s vector %d\n", s,
            m->sreg[SEG_CS], m->rip, vm_mode_name(m), m->fault_vector);
  CHECK(phys32(0x100000) == 0xabcd);   /* through the page table */
  CHECK((uint32_t)m->r[RSI] == 0xabcd);
  CHECK(phys32(0x6000) == 0);          /* absent, read, supervisor */
  CHECK(phys32(0x6004) == 0x401010);   /* CR2 */
  CHECK(phys32(0x6060) != 0xbad);
  CHECK(phys32(0x101000) == 0x77);     /* WP clear: written */
  CHECK(phys32(0x6008) == 3);          /* present, write */
  CHECK(phys32(0x600c) == 0x402004);
  CHECK(phys32(0x101004) == 0);        /* not written */
  CHECK(phys32(0x6064) != 0xbad);
  CHECK(phys32(0x123450) == 0x99);     /* the 4 MiB page, identity */
  CHECK((phys32(0x21000) & 0x60) == 0x60); /* accessed, dirty */
  CHECK((phys32(0x20004) & 0x20) == 0x20); /* the PDE: accessed */
  CHECK((phys32(0x21008) & 0x60) == 0x60); /* written while WP was clear */
  CHECK(phys32(0x21004) == 0);             /* the absent one untouched */
  CHECK((phys32(0x20000) & 0x60) == 0x60); /* the 4 MiB page: A, D */
  CHECK(m->cr2 == 0x402004);
}

static void test_long(void) {
  boot(p_lm, p_lm_end, NULL, 0);
  int s = run();
  CHECK(s == STOP_EXIT);
  if (s != STOP_EXIT)
    fprintf(stderr, "lm: stop %d at %04x:%08" PRIx64 " mode %s vector %d\n", s,
            m->sreg[SEG_CS], m->rip, vm_mode_name(m), m->fault_vector);
  CHECK((phys32(0x6090) & 0x500) == 0x500); /* LME, LMA */
  CHECK(phys32(0x6098) == 0x23456789 && phys32(0x609c) == 1);
  CHECK(phys32(0x6070) == 0);                /* #PF: absent, read */
  CHECK(phys32(0x6078) == 0x400008);         /* CR2 */
  CHECK(phys32(0x6080) == 0x88000 - 40);     /* on IST1, error popped */
  CHECK(phys32(0x6060) != 0xbad);
  CHECK((phys32(0x6094) & 0x500) == 0);      /* LME, LMA clear again */
  CHECK((phys32(0x6054) & 0xffff) == 0xbeef);
  CHECK(m->mode == MODE_REAL && !(m->efer & 0x500) && !(m->cr0 & 0x80000001));
}

static void test_triple(void) {
  boot(p_tf, p_tf_end, NULL, 0);
  int s = run();
  CHECK(s == STOP_TRIPLE);
  char msg[80];
  vm_triple_msg(m, msg, sizeof(msg));
  extern const uint8_t tf32[];
  char want[80];
  snprintf(want, sizeof(want), "triple fault at 0008:%04" PRIx64 " (vector 13)",
           SYM(p_tf, tf32));
  CHECK(!strcmp(msg, want));
  if (strcmp(msg, want)) fprintf(stderr, "%s\n", msg);
  /* vm_reset: the power-on state again, memory kept. */
  vm_reset(m);
  CHECK(m->mode == MODE_REAL && m->rip == 0xfff0 && m->sreg[SEG_CS] == 0xf000);
  CHECK(phys32(0x3000 + 8) == 0x0000ffff);
}

static void test_sys(void) {
  boot(p_sys, p_sys_end, NULL, 0);
  /* A call gate (GDT 60h, DPL 3, 32-bit, one parameter) to 08h:target. */
  extern const uint8_t sys_gate_target[];
  uint32_t t = (uint32_t)SYM(p_sys, sys_gate_target);
  uint64_t gate = (t & 0xffff) | 0x08ull << 16 | 1ull << 32 | 0xecull << 40 |
                  (uint64_t)(t >> 16) << 48;
  memcpy(vm_phys_host(m, 0x3000 + 0x60), &gate, 8);
  uint16_t lim = 0x67;
  memcpy(vm_phys_host(m, 0x3100), &lim, 2);
  int s = run();
  CHECK(s == STOP_HALT);
  CHECK(phys32(0x6228) != 0x600d); /* not past the hlt yet */
  raise_irq(0x40);
  s = run();
  CHECK(s == STOP_EXIT);
  if (s != STOP_EXIT)
    fprintf(stderr, "sys: stop %d at %04x:%08" PRIx64 " mode %s vector %d\n", s,
            m->sreg[SEG_CS], m->rip, vm_mode_name(m), m->fault_vector);
  CHECK(phys32(0x6200) == 0x00c0fa00);   /* lar: DPL 3 code, G, D */
  CHECK((phys32(0x6204) & 0xff) == 1);
  CHECK(phys32(0x6208) == 0xfff);        /* lsl, byte granular */
  CHECK((phys32(0x620c) & 0xff) == 0);   /* lar past the limit: ZF 0 */
  CHECK(phys32(0x6210) == 0x55);         /* ... destination kept */
  CHECK((phys32(0x6214) & 0xffffff) == 0x010001); /* verr code 1, verw code 0, verw data 1 */
  CHECK((phys32(0x6218) & 0xffff) == 0x67 && phys32(0x621a) == 0x3000);
  CHECK(phys32(0x6220) == 0x00070406 && phys32(0x6224) == 0x00070406);
  CHECK(phys32(0x6000) == 0);            /* wrmsr of no such MSR: #GP(0) */
  CHECK(phys32(0x6260) == 1);            /* rdtsc after wrmsr TSC */
  CHECK(phys32(0x6264) == 1);            /* rdmsr TSC */
  CHECK(phys32(0x6060) != 0xbad);
  CHECK(phys32(0x6228) == 0x600d);       /* woken */
  CHECK((phys32(0x622c) & 0x200) == 0);  /* IF clear in the handler */
  CHECK(acks == 1);
  CHECK(phys32(0x6234) == 0x2b);         /* call gate frame: CS */
  CHECK(phys32(0x6238) == 0x1234);       /* the copied parameter */
  CHECK(phys32(0x623c) == 0x70000 - 4);  /* old ESP */
  CHECK(phys32(0x6240) == 0x33);         /* old SS */
  CHECK(phys32(0x6244) == 0x80000 - 20); /* on the TSS's stack */
  CHECK(phys32(0x6248) == 0x08);
  CHECK(phys32(0x6250) == 0x70000);      /* lret $4 released it */
  CHECK(phys32(0x6254) == 0x2b);
}

static void test_syscall(void) {
  boot(p_sc, p_sc_end, NULL, 0);
  int s = run();
  CHECK(s == STOP_EXIT);
  if (s != STOP_EXIT)
    fprintf(stderr, "sc: stop %d at %04x:%08" PRIx64 " mode %s vector %d\n", s,
            m->sreg[SEG_CS], m->rip, vm_mode_name(m), m->fault_vector);
  CHECK(m->exit_code == 5);
  extern const uint8_t sc_after[];
  CHECK(phys32(0x6300) == 0x33);         /* sysret: CS 20h+16 | 3 */
  CHECK(phys32(0x6304) == 0x2b);         /* SS 20h+8 | 3 */
  CHECK(phys32(0x6308) == SYM(p_sc, sc_after)); /* RCX */
  CHECK(phys32(0x6310) == 0x202);        /* R11: RFLAGS */
  CHECK((phys32(0x6318) & 0x200) == 0);  /* SFMASK cleared IF */
  CHECK(phys32(0x6320) == 0x48);         /* STAR's kernel CS */
  CHECK(phys32(0x6324) == 0x4444);       /* swapgs */
}

static void test_real_triple(void) {
  boot(p_rtf, p_rtf_end, NULL, 0);
  int s = run();
  CHECK(s == STOP_TRIPLE);
  char msg[80], want[80];
  vm_triple_msg(m, msg, sizeof(msg));
  extern const uint8_t rtf_int[];
  snprintf(want, sizeof(want), "triple fault at 0000:%04" PRIx64 " (vector 13)",
           SYM(p_rtf, rtf_int));
  CHECK(!strcmp(msg, want));
  if (strcmp(msg, want)) fprintf(stderr, "%s\n", msg);
}

static void test_ss_shadow(void) {
  boot(p_ss, p_ss_end, NULL, 0);
  raise_irq(0x20);
  CHECK(run() == STOP_EXIT);
  CHECK(acks == 1);
  /* Taken after mov sp: the frame is on the new stack. */
  CHECK((m->r[RBX] & 0xffff) == 0x7000 - 6);
}

static void test_iomap(void) {
  boot(p_io, p_io_end, NULL, 0);
  /* The TSS descriptor with room for the whole bitmap (limit 2067h). */
  uint64_t tss = 0x0000890050002067;
  memcpy(vm_phys_host(m, 0x3000 + 0x38), &tss, 8);
  int s = run();
  CHECK(s == STOP_EXIT);
  CHECK(m->exit_code == 0);
  CHECK(!strcmp(e9, "U"));          /* E9h allowed by the bitmap */
  CHECK(phys32(0x6000) == 0);       /* E8h: #GP(0) */
  CHECK(phys32(0x6004) == 0x2b);    /* at CPL 3 */
}

static void test_nx(void) {
  boot(p_nx, p_nx_end, NULL, 0);
  int s = run();
  CHECK(s == STOP_EXIT);
  if (s != STOP_EXIT)
    fprintf(stderr, "nx: stop %d at %04x:%08" PRIx64 " mode %s vector %d\n", s,
            m->sreg[SEG_CS], m->rip, vm_mode_name(m), m->fault_vector);
  CHECK(m->exit_code == 0);
  CHECK((phys32(0x6010) & 0xff) == 0xc3); /* data reads are fine */
  CHECK(phys32(0x601d) == 0);             /* the misaligned copy ran */
  CHECK(phys32(0x6000) == 0x11);          /* present, instruction fetch */
  CHECK(phys32(0x6008) == 0x200000);
}

static void test_double(void) {
  boot(p_df, p_df_end, NULL, 0);
  memset(vm_phys_host(m, 0x6000), 0xee, 8);
  int s = run();
  CHECK(s == STOP_EXIT);
  CHECK(m->exit_code == 8);
  CHECK(phys32(0x6000) == 0);         /* #DF's error code is 0 */
  extern const uint8_t df_at[];
  CHECK(phys32(0x6004) == SYM(p_df, df_at) + 4); /* the faulting mov gs */
}

static void test_smc_alias(void) {
  boot(p_smc, p_smc_end, NULL, 0);
  int s = run();
  CHECK(s == STOP_EXIT);
  CHECK(phys32(0x6000) == 1);
  CHECK(phys32(0x6004) == 2); /* stored through the other alias */
  CHECK(phys32(0x6008) == 2);
  CHECK(phys32(0x600c) == 3);
  CHECK(phys32(0x6010) == 3);
}

static void test_pe_clear32(void) {
  boot(p_pe, p_pe_end, NULL, 0);
  int s = run();
  CHECK(s == STOP_EXIT);
  if (s != STOP_EXIT)
    fprintf(stderr, "pe: stop %d at %04x:%08" PRIx64 " mode %s vector %d\n", s,
            m->sreg[SEG_CS], m->rip, vm_mode_name(m), m->fault_vector);
  CHECK((uint32_t)m->r[RSI] == 0x12345678);
  CHECK((m->r[RBX] & 0xffff) == 0x1234);
  CHECK(m->mode == MODE_REAL && vm_code_bits(m) == 16);
}

static void test_ac_real(void) {
  boot(p_ac, p_ac_end, NULL, 0);
  int s = run();
  CHECK(s == STOP_EXIT);
  CHECK(m->exit_code == 0);
  CHECK(m->r[RCX] & 0x40000);      /* AC is settable: a 486 or later */
  uint32_t v;
  memcpy(&v, p_ac + 1, 4);
  CHECK((uint32_t)m->r[RBX] == v);
  CHECK(phys32(0x6003) == 0x11223344);
}

static void test_limits(void) {
  boot(p_lim, p_lim_end, NULL, 0);
  memset(vm_phys_host(m, 0x6000), 0xee, 0x40);
  memset(vm_phys_host(m, 0x6200), 0, 4);
  int s = run();
  CHECK(s == STOP_EXIT);
  if (s != STOP_EXIT)
    fprintf(stderr, "lim: stop %d at %04x:%08" PRIx64 " mode %s vector %d\n", s,
            m->sreg[SEG_CS], m->rip, vm_mode_name(m), m->fault_vector);
  CHECK(phys32(0x60fc) == 0x6000 + 5 * 8); /* five #GP */
  for (int k = 0; k < 5; ++k) CHECK(phys32(0x6000 + 8 * k) == 0);
  CHECK(m->sreg[SEG_CS] == 0x08);          /* the far jump did not happen */
  CHECK(phys32(0x20ffc) == 0x55);          /* inside the limit */
  CHECK(phys32(0x21000) == 0);             /* not written past it */
  CHECK(phys32(0x20800) == 0);             /* nor below expand-down's */
  CHECK(phys32(0x22000) == 0x66);          /* above it: fine */
  CHECK((uint32_t)m->r[RSI] == phys32(0x7c00)); /* reading read-only */
  CHECK(phys32(0x6200) == 0);              /* writing it: #GP */
}

static void test_ldt(void) {
  boot(p_ldt, p_ldt_end, NULL, 0);
  memset(vm_phys_host(m, 0x6000), 0xee, 0x40);
  int s = run();
  CHECK(s == STOP_EXIT);
  if (s != STOP_EXIT)
    fprintf(stderr, "ldt: stop %d at %04x:%08" PRIx64 " mode %s vector %d\n", s,
            m->sreg[SEG_CS], m->rip, vm_mode_name(m), m->fault_vector);
  CHECK(phys32(0x6020) == 0x78);        /* sldt */
  CHECK(phys32(0x30010) == 0xabc);      /* FS from the LDT, base 30000h */
  CHECK(phys32(0x6000) == 0x14);        /* #NP(14h): not present */
  extern const uint8_t ldt_r1[];
  CHECK(phys32(0x6024) == SYM(p_ldt, ldt_r1) + 2); /* 16-bit frame: IP */
  CHECK(phys32(0x6028) == 0x08);                   /* CS */
  CHECK(phys32(0x602c) == 0x90000 - 6);            /* three words */
  CHECK(phys32(0x6030) == 0x90000);                /* iretw popped them */
  CHECK(phys32(0x6038) == 0x0f);        /* conforming: still CPL 3 */
  CHECK(phys32(0x603c) == 0x2b);
  CHECK(phys32(0x6034) == 0x2b);
}

static void test_fpu_gate(void) {
  boot(p_nm, p_nm_end, NULL, 0);
  memset(vm_phys_host(m, 0x6300), 0, 0x20);
  int s = run();
  CHECK(s == STOP_EXIT);
  if (s != STOP_EXIT)
    fprintf(stderr, "nm: stop %d at %04x:%08" PRIx64 " mode %s vector %d\n", s,
            m->sreg[SEG_CS], m->rip, vm_mode_name(m), m->fault_vector);
  CHECK(!memcmp(vm_phys_host(m, 0x6300), "NUN", 4)); /* #NM, #UD, #NM */
  CHECK(phys32(0x6310) == 1);   /* fld1 after the first #NM */
  CHECK(phys32(0x6314) != 0xbad);
  CHECK(phys32(0x6318) == 1);
  CHECK(!(m->cr0 & 0xc));
}

static void test_task(void) {
  boot(p_task, p_task_end, NULL, 0);
  memset(vm_phys_host(m, 0x6400), 0xee, 0x20);
  int s = run();
  CHECK(s == STOP_EXIT);
  if (s != STOP_EXIT)
    fprintf(stderr, "task: stop %d at %04x:%08" PRIx64 " mode %s vector %d\n", s,
            m->sreg[SEG_CS], m->rip, vm_mode_name(m), m->fault_vector);
  CHECK(m->exit_code == 0);
  CHECK(phys32(0x6400) == 0x88);            /* TR in the called task */
  CHECK(phys32(0x6404) & 0x4000);           /* NT */
  CHECK(phys32(0x6408) == 0x38);            /* back link */
  CHECK(phys32(0x640c) == 0x1111);          /* EBX from the caller's TSS */
  CHECK(phys32(0x6410) == 0x38);
  CHECK(phys32(0x5100 + 0x34) == 0x2222);   /* task 2's EBX saved by iret */
  CHECK(phys32(0x6414) == 0);               /* #DF's error code */
  CHECK(phys32(0x6418) == 0x90);            /* on the double-fault task */
  CHECK(phys32(0x641c) == 0x87000);         /* its stack, code popped */
  CHECK(((phys32(0x3000 + 0x88 + 4) >> 8) & 0xf) == 0x9); /* task 2 free */
  CHECK(((phys32(0x3000 + 0x90 + 4) >> 8) & 0xf) == 0xb); /* task 3 busy */
  CHECK(m->cr0 & 8);                        /* a task switch sets TS */
}

int main(void) {
  test_seam();
  test_word_port();
  test_a20();
  test_reset();
  test_de();
  test_pm();
  test_paging();
  test_long();
  test_triple();
  test_sys();
  test_syscall();
  test_real_triple();
  test_ss_shadow();
  test_iomap();
  test_nx();
  test_double();
  test_smc_alias();
  test_pe_clear32();
  test_ac_real();
  test_limits();
  test_ldt();
  test_fpu_gate();
  test_task();
  if (m) vm_free(m);
  printf("%d checks, %d failures\n", checks, failures);
  return failures != 0;
}

#else

static uint32_t phys32(uint64_t pa) {
  uint32_t v;
  memcpy(&v, vm_phys_host(m, pa), 4);
  return v;
}

static void test_pm(void) {
  boot(p_pm, p_pm_end, NULL, 0);
  int s = run();
  CHECK(s == STOP_EXIT);
  if (s != STOP_EXIT)
    fprintf(stderr, "pm: stop %d at %04x:%08" PRIx64 " mode %s vector %d\n", s,
            m->sreg[SEG_CS], m->rip, vm_mode_name(m), m->fault_vector);
  CHECK(m->exit_code == 0);
  CHECK(phys32(0x6000) == 0x80);   /* #GP(80h): past the GDT limit */
  CHECK(phys32(0x6004) == 0x08);   /* at CPL 0 */
  CHECK(phys32(0x6060) != 0xbad);  /* the mov did not complete */
  CHECK(phys32(0x20010) == 0x1234); /* FS base 20000h */
  CHECK(phys32(0x6058) == 0x2b);   /* CS at CPL 3 */
  CHECK(phys32(0x6040) == 0x80000 - 20); /* the TSS's ESP0, 5 dwords */
  CHECK(phys32(0x6044) == 0x2b);   /* the interrupted CS */
  CHECK(phys32(0x6048) == 0x08);   /* the handler's */
  CHECK(phys32(0x605c) == 0x70000); /* iret restored the user ESP */
  CHECK(phys32(0x6008) == 0);      /* cli at CPL 3: #GP(0) */
  CHECK(phys32(0x600c) == 0x2b);
  CHECK(phys32(0x6064) != 0xbad);
  CHECK(phys32(0x604c) == 0x08);   /* int 31h's handler ran at CPL 0 */
  CHECK((phys32(0x6050) & 0xffff) == 0x5678); /* 16-bit protected mode */
  CHECK((phys32(0x6054) & 0xffff) == 0xbeef); /* real mode again */
  CHECK(m->mode == MODE_REAL && !(m->cr0 & 1));
  CHECK(!strcmp(vm_mode_name(m), "real"));
  /* The TSS descriptor became busy (type Bh). */
  CHECK(((phys32(SYM(p_pm, p_pm_end) - 2 - 4 - 6 - 8 * 3 + 4) >> 8) & 0xf) == 0xb);
}

static void test_paging(void) {
  boot(p_pg, p_pg_end, NULL, 0);
  int s = run();
  CHECK(s == STOP_EXIT);
  if (s != STOP_EXIT)
    fprintf(stderr, "pg: stop %d at %04x:%08" PRIx64 " mode %s vector %d\n", s,
            m->sreg[SEG_CS], m->rip, vm_mode_name(m), m->fault_vector);
  CHECK(phys32(0x100000) == 0xabcd);   /* through the page table */
  CHECK((uint32_t)m->r[RSI] == 0xabcd);
  CHECK(phys32(0x6000) == 0);          /* absent, read, supervisor */
  CHECK(phys32(0x6004) == 0x401010);   /* CR2 */
  CHECK(phys32(0x6060) != 0xbad);
  CHECK(phys32(0x101000) == 0x77);     /* WP clear: written */
  CHECK(phys32(0x6008) == 3);          /* present, write */
  CHECK(phys32(0x600c) == 0x402004);
  CHECK(phys32(0x101004) == 0);        /* not written */
  CHECK(phys32(0x6064) != 0xbad);
  CHECK(phys32(0x123450) == 0x99);     /* the 4 MiB page, identity */
  CHECK((phys32(0x21000) & 0x60) == 0x60); /* accessed, dirty */
  CHECK((phys32(0x20004) & 0x20) == 0x20); /* the PDE: accessed */
  CHECK((phys32(0x21008) & 0x60) == 0x60); /* written while WP was clear */
  CHECK(phys32(0x21004) == 0);             /* the absent one untouched */
  CHECK((phys32(0x20000) & 0x60) == 0x60); /* the 4 MiB page: A, D */
  CHECK(m->cr2 == 0x402004);
}

static void test_long(void) {
  boot(p_lm, p_lm_end, NULL, 0);
  int s = run();
  CHECK(s == STOP_EXIT);
  if (s != STOP_EXIT)
    fprintf(stderr, "lm: stop %d at %04x:%08" PRIx64 " mode %s vector %d\n", s,
            m->sreg[SEG_CS], m->rip, vm_mode_name(m), m->fault_vector);
  CHECK((phys32(0x6090) & 0x500) == 0x500); /* LME, LMA */
  CHECK(phys32(0x6098) == 0x23456789 && phys32(0x609c) == 1);
  CHECK(phys32(0x6070) == 0);                /* #PF: absent, read */
  CHECK(phys32(0x6078) == 0x400008);         /* CR2 */
  CHECK(phys32(0x6080) == 0x88000 - 40);     /* on IST1, error popped */
  CHECK(phys32(0x6060) != 0xbad);
  CHECK((phys32(0x6094) & 0x500) == 0);      /* LME, LMA clear again */
  CHECK((phys32(0x6054) & 0xffff) == 0xbeef);
  CHECK(m->mode == MODE_REAL && !(m->efer & 0x500) && !(m->cr0 & 0x80000001));
}

static void test_triple(void) {
  boot(p_tf, p_tf_end, NULL, 0);
  int s = run();
  CHECK(s == STOP_TRIPLE);
  char msg[80];
  vm_triple_msg(m, msg, sizeof(msg));
  extern const uint8_t tf32[];
  char want[80];
  snprintf(want, sizeof(want), "triple fault at 0008:%04" PRIx64 " (vector 13)",
           SYM(p_tf, tf32));
  CHECK(!strcmp(msg, want));
  if (strcmp(msg, want)) fprintf(stderr, "%s\n", msg);
  /* vm_reset: the power-on state again, memory kept. */
  vm_reset(m);
  CHECK(m->mode == MODE_REAL && m->rip == 0xfff0 && m->sreg[SEG_CS] == 0xf000);
  CHECK(phys32(0x3000 + 8) == 0x0000ffff);
}

static void test_sys(void) {
  boot(p_sys, p_sys_end, NULL, 0);
  /* A call gate (GDT 60h, DPL 3, 32-bit, one parameter) to 08h:target. */
  extern const uint8_t sys_gate_target[];
  uint32_t t = (uint32_t)SYM(p_sys, sys_gate_target);
  uint64_t gate = (t & 0xffff) | 0x08ull << 16 | 1ull << 32 | 0xecull << 40 |
                  (uint64_t)(t >> 16) << 48;
  memcpy(vm_phys_host(m, 0x3000 + 0x60), &gate, 8);
  uint16_t lim = 0x67;
  memcpy(vm_phys_host(m, 0x3100), &lim, 2);
  int s = run();
  CHECK(s == STOP_HALT);
  CHECK(phys32(0x6228) != 0x600d); /* not past the hlt yet */
  raise_irq(0x40);
  s = run();
  CHECK(s == STOP_EXIT);
  if (s != STOP_EXIT)
    fprintf(stderr, "sys: stop %d at %04x:%08" PRIx64 " mode %s vector %d\n", s,
            m->sreg[SEG_CS], m->rip, vm_mode_name(m), m->fault_vector);
  CHECK(phys32(0x6200) == 0x00c0fa00);   /* lar: DPL 3 code, G, D */
  CHECK((phys32(0x6204) & 0xff) == 1);
  CHECK(phys32(0x6208) == 0xfff);        /* lsl, byte granular */
  CHECK((phys32(0x620c) & 0xff) == 0);   /* lar past the limit: ZF 0 */
  CHECK(phys32(0x6210) == 0x55);         /* ... destination kept */
  CHECK((phys32(0x6214) & 0xffffff) == 0x010001); /* verr code 1, verw code 0, verw data 1 */
  CHECK((phys32(0x6218) & 0xffff) == 0x67 && phys32(0x621a) == 0x3000);
  CHECK(phys32(0x6220) == 0x00070406 && phys32(0x6224) == 0x00070406);
  CHECK(phys32(0x6000) == 0);            /* wrmsr of no such MSR: #GP(0) */
  CHECK(phys32(0x6060) != 0xbad);
  CHECK(phys32(0x6228) == 0x600d);       /* woken */
  CHECK((phys32(0x622c) & 0x200) == 0);  /* IF clear in the handler */
  CHECK(acks == 1);
  CHECK(phys32(0x6234) == 0x2b);         /* call gate frame: CS */
  CHECK(phys32(0x6238) == 0x1234);       /* the copied parameter */
  CHECK(phys32(0x623c) == 0x70000 - 4);  /* old ESP */
  CHECK(phys32(0x6240) == 0x33);         /* old SS */
  CHECK(phys32(0x6244) == 0x80000 - 20); /* on the TSS's stack */
  CHECK(phys32(0x6248) == 0x08);
  CHECK(phys32(0x6250) == 0x70000);      /* lret $4 released it */
  CHECK(phys32(0x6254) == 0x2b);
}

static void test_syscall(void) {
  boot(p_sc, p_sc_end, NULL, 0);
  int s = run();
  CHECK(s == STOP_EXIT);
  if (s != STOP_EXIT)
    fprintf(stderr, "sc: stop %d at %04x:%08" PRIx64 " mode %s vector %d\n", s,
            m->sreg[SEG_CS], m->rip, vm_mode_name(m), m->fault_vector);
  CHECK(m->exit_code == 5);
  extern const uint8_t sc_after[];
  CHECK(phys32(0x6300) == 0x33);         /* sysret: CS 20h+16 | 3 */
  CHECK(phys32(0x6304) == 0x2b);         /* SS 20h+8 | 3 */
  CHECK(phys32(0x6308) == SYM(p_sc, sc_after)); /* RCX */
  CHECK(phys32(0x6310) == 0x202);        /* R11: RFLAGS */
  CHECK((phys32(0x6318) & 0x200) == 0);  /* SFMASK cleared IF */
  CHECK(phys32(0x6320) == 0x48);         /* STAR's kernel CS */
  CHECK(phys32(0x6324) == 0x4444);       /* swapgs */
}

static void test_real_triple(void) {
  boot(p_rtf, p_rtf_end, NULL, 0);
  int s = run();
  CHECK(s == STOP_TRIPLE);
  char msg[80], want[80];
  vm_triple_msg(m, msg, sizeof(msg));
  extern const uint8_t rtf_int[];
  snprintf(want, sizeof(want), "triple fault at 0000:%04" PRIx64 " (vector 13)",
           SYM(p_rtf, rtf_int));
  CHECK(!strcmp(msg, want));
  if (strcmp(msg, want)) fprintf(stderr, "%s\n", msg);
}

static void test_ss_shadow(void) {
  boot(p_ss, p_ss_end, NULL, 0);
  raise_irq(0x20);
  CHECK(run() == STOP_EXIT);
  CHECK(acks == 1);
  /* Taken after mov sp: the frame is on the new stack. */
  CHECK((m->r[RBX] & 0xffff) == 0x7000 - 6);
}

static void test_iomap(void) {
  boot(p_io, p_io_end, NULL, 0);
  /* The TSS descriptor with room for the whole bitmap (limit 2067h). */
  uint64_t tss = 0x0000890050002067;
  memcpy(vm_phys_host(m, 0x3000 + 0x38), &tss, 8);
  int s = run();
  CHECK(s == STOP_EXIT);
  CHECK(m->exit_code == 0);
  CHECK(!strcmp(e9, "U"));          /* E9h allowed by the bitmap */
  CHECK(phys32(0x6000) == 0);       /* E8h: #GP(0) */
  CHECK(phys32(0x6004) == 0x2b);    /* at CPL 3 */
}

static void test_nx(void) {
  boot(p_nx, p_nx_end, NULL, 0);
  int s = run();
  CHECK(s == STOP_EXIT);
  if (s != STOP_EXIT)
    fprintf(stderr, "nx: stop %d at %04x:%08" PRIx64 " mode %s vector %d\n", s,
            m->sreg[SEG_CS], m->rip, vm_mode_name(m), m->fault_vector);
  CHECK(m->exit_code == 0);
  CHECK((phys32(0x6010) & 0xff) == 0xc3); /* data reads are fine */
  CHECK(phys32(0x601d) == 0);             /* the misaligned copy ran */
  CHECK(phys32(0x6000) == 0x11);          /* present, instruction fetch */
  CHECK(phys32(0x6008) == 0x200000);
}

static void test_double(void) {
  boot(p_df, p_df_end, NULL, 0);
  memset(vm_phys_host(m, 0x6000), 0xee, 8);
  int s = run();
  CHECK(s == STOP_EXIT);
  CHECK(m->exit_code == 8);
  CHECK(phys32(0x6000) == 0);         /* #DF's error code is 0 */
  extern const uint8_t df_at[];
  CHECK(phys32(0x6004) == SYM(p_df, df_at) + 4); /* the faulting mov gs */
}

static void test_smc_alias(void) {
  boot(p_smc, p_smc_end, NULL, 0);
  int s = run();
  CHECK(s == STOP_EXIT);
  CHECK(phys32(0x6000) == 1);
  CHECK(phys32(0x6004) == 2); /* stored through the other alias */
  CHECK(phys32(0x6008) == 2);
  CHECK(phys32(0x600c) == 3);
  CHECK(phys32(0x6010) == 3);
}

static void test_pe_clear32(void) {
  boot(p_pe, p_pe_end, NULL, 0);
  int s = run();
  CHECK(s == STOP_EXIT);
  if (s != STOP_EXIT)
    fprintf(stderr, "pe: stop %d at %04x:%08" PRIx64 " mode %s vector %d\n", s,
            m->sreg[SEG_CS], m->rip, vm_mode_name(m), m->fault_vector);
  CHECK((uint32_t)m->r[RSI] == 0x12345678);
  CHECK((m->r[RBX] & 0xffff) == 0x1234);
  CHECK(m->mode == MODE_REAL && vm_code_bits(m) == 16);
}

static void test_ac_real(void) {
  boot(p_ac, p_ac_end, NULL, 0);
  int s = run();
  CHECK(s == STOP_EXIT);
  CHECK(m->exit_code == 0);
  CHECK(m->r[RCX] & 0x40000);      /* AC is settable: a 486 or later */
  uint32_t v;
  memcpy(&v, p_ac + 1, 4);
  CHECK((uint32_t)m->r[RBX] == v);
  CHECK(phys32(0x6003) == 0x11223344);
}

static void test_limits(void) {
  boot(p_lim, p_lim_end, NULL, 0);
  memset(vm_phys_host(m, 0x6000), 0xee, 0x40);
  memset(vm_phys_host(m, 0x6200), 0, 4);
  int s = run();
  CHECK(s == STOP_EXIT);
  if (s != STOP_EXIT)
    fprintf(stderr, "lim: stop %d at %04x:%08" PRIx64 " mode %s vector %d\n", s,
            m->sreg[SEG_CS], m->rip, vm_mode_name(m), m->fault_vector);
  CHECK(phys32(0x60fc) == 0x6000 + 5 * 8); /* five #GP */
  for (int k = 0; k < 5; ++k) CHECK(phys32(0x6000 + 8 * k) == 0);
  CHECK(m->sreg[SEG_CS] == 0x08);          /* the far jump did not happen */
  CHECK(phys32(0x20ffc) == 0x55);          /* inside the limit */
  CHECK(phys32(0x21000) == 0);             /* not written past it */
  CHECK(phys32(0x20800) == 0);             /* nor below expand-down's */
  CHECK(phys32(0x22000) == 0x66);          /* above it: fine */
  CHECK((uint32_t)m->r[RSI] == phys32(0x7c00)); /* reading read-only */
  CHECK(phys32(0x6200) == 0);              /* writing it: #GP */
}

static void test_ldt(void) {
  boot(p_ldt, p_ldt_end, NULL, 0);
  memset(vm_phys_host(m, 0x6000), 0xee, 0x40);
  int s = run();
  CHECK(s == STOP_EXIT);
  if (s != STOP_EXIT)
    fprintf(stderr, "ldt: stop %d at %04x:%08" PRIx64 " mode %s vector %d\n", s,
            m->sreg[SEG_CS], m->rip, vm_mode_name(m), m->fault_vector);
  CHECK(phys32(0x6020) == 0x78);        /* sldt */
  CHECK(phys32(0x30010) == 0xabc);      /* FS from the LDT, base 30000h */
  CHECK(phys32(0x6000) == 0x14);        /* #NP(14h): not present */
  extern const uint8_t ldt_r1[];
  CHECK(phys32(0x6024) == SYM(p_ldt, ldt_r1) + 2); /* 16-bit frame: IP */
  CHECK(phys32(0x6028) == 0x08);                   /* CS */
  CHECK(phys32(0x602c) == 0x90000 - 6);            /* three words */
  CHECK(phys32(0x6030) == 0x90000);                /* iretw popped them */
  CHECK(phys32(0x6038) == 0x0f);        /* conforming: still CPL 3 */
  CHECK(phys32(0x603c) == 0x2b);
  CHECK(phys32(0x6034) == 0x2b);
}

static void test_fpu_gate(void) {
  boot(p_nm, p_nm_end, NULL, 0);
  memset(vm_phys_host(m, 0x6300), 0, 0x20);
  int s = run();
  CHECK(s == STOP_EXIT);
  if (s != STOP_EXIT)
    fprintf(stderr, "nm: stop %d at %04x:%08" PRIx64 " mode %s vector %d\n", s,
            m->sreg[SEG_CS], m->rip, vm_mode_name(m), m->fault_vector);
  CHECK(!memcmp(vm_phys_host(m, 0x6300), "NUN", 4)); /* #NM, #UD, #NM */
  CHECK(phys32(0x6310) == 1);   /* fld1 after the first #NM */
  CHECK(phys32(0x6314) != 0xbad);
  CHECK(phys32(0x6318) == 1);
  CHECK(!(m->cr0 & 0xc));
}

static void test_task(void) {
  boot(p_task, p_task_end, NULL, 0);
  memset(vm_phys_host(m, 0x6400), 0xee, 0x20);
  int s = run();
  CHECK(s == STOP_EXIT);
  if (s != STOP_EXIT)
    fprintf(stderr, "task: stop %d at %04x:%08" PRIx64 " mode %s vector %d\n", s,
            m->sreg[SEG_CS], m->rip, vm_mode_name(m), m->fault_vector);
  CHECK(m->exit_code == 0);
  CHECK(phys32(0x6400) == 0x88);            /* TR in the called task */
  CHECK(phys32(0x6404) & 0x4000);           /* NT */
  CHECK(phys32(0x6408) == 0x38);            /* back link */
  CHECK(phys32(0x640c) == 0x1111);          /* EBX from the caller's TSS */
  CHECK(phys32(0x6410) == 0x38);
  CHECK(phys32(0x5100 + 0x34) == 0x2222);   /* task 2's EBX saved by iret */
  CHECK(phys32(0x6414) == 0);               /* #DF's error code */
  CHECK(phys32(0x6418) == 0x90);            /* on the double-fault task */
  CHECK(phys32(0x641c) == 0x87000);         /* its stack, code popped */
  CHECK(((phys32(0x3000 + 0x88 + 4) >> 8) & 0xf) == 0x9); /* task 2 free */
  CHECK(((phys32(0x3000 + 0x90 + 4) >> 8) & 0xf) == 0xb); /* task 3 busy */
  CHECK(m->cr0 & 8);                        /* a task switch sets TS */
}

int main(void) {
  printf("test-modes needs an x86-64 host's assembler\n");
  return 77;
}
#endif
