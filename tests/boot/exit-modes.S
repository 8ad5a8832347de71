/* The SYSCALL exit convention works in every CPU mode: this sector goes
 * from real mode to 32-bit protected mode (printing '3' there) and on to
 * long mode with identity-mapped 2 MiB pages (printing '6'), and ends the
 * run there with EAX=231, EDI=77.
 * @status 77
 */
#include "boot.h"
        START
        PUTC    'r'
        lgdt    gdtr
        mov     %cr0, %eax
        or      $1, %eax
        mov     %eax, %cr0
        ljmp    $0x08, $pm32

        .code32
pm32:   mov     $0x10, %ax
        mov     %ax, %ds
        mov     %ax, %es
        mov     %ax, %ss
        mov     $0x7c00, %esp
        mov     $'3', %al
        out     %al, $0xe9
        /* page tables at 1000h (PML4), 2000h (PDPT), 3000h (PD) */
        mov     $0x1000, %edi
        xor     %eax, %eax
        mov     $3 * 4096 / 4, %ecx
        rep stosl
        movl    $0x2003, 0x1000
        movl    $0x3003, 0x2000
        movl    $0x0083, 0x3000         /* 0-2 MiB, present, writable, 2M */
        mov     $0x1000, %eax
        mov     %eax, %cr3
        mov     %cr4, %eax
        or      $0x20, %eax             /* PAE */
        mov     %eax, %cr4
        mov     $0xc0000080, %ecx       /* EFER */
        rdmsr
        or      $0x100, %eax            /* LME */
        wrmsr
        mov     %cr0, %eax
        or      $0x80000000, %eax       /* PG */
        mov     %eax, %cr0
        ljmp    $0x18, $lm64

        .code64
lm64:   mov     $'6', %al
        out     %al, $0xe9
        mov     $'\n', %al
        out     %al, $0xe9
        mov     $231, %eax
        mov     $77, %edi
        syscall
        mov     $'X', %al               /* not reached */
        out     %al, $0xe9
        hlt

        .p2align 3
gdt:    .quad   0
        .quad   0x00cf9a000000ffff      /* 08h: 32-bit code, 4 GiB */
        .quad   0x00cf92000000ffff      /* 10h: data, 4 GiB */
        .quad   0x00209a0000000000      /* 18h: 64-bit code (L=1) */
gdtr:   .word   gdtr - gdt - 1
        .long   gdt
        .code16
        SIGNATURE
