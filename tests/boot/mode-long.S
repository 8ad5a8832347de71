/* CPU mode transitions as a bootloader does them, and back: real mode
 * -> 32-bit protected mode (flat GDT) -> long mode (PAE tables with a
 * 2 MiB identity page, EFER.LME, CR0.PG, a far jump to a 64-bit
 * segment) -> compatibility mode (lretq to a 32-bit segment) ->
 * protected mode (CR0.PG and EFER.LME off) -> 16-bit protected mode ->
 * real mode. Each stage prints a letter through port E9h; the 64-bit
 * stage also checks that it computes in 64 bits ('6'), protected mode
 * that 32-bit code is 32-bit ('3'), 16-bit protected mode that it is 16
 * ('1'). Expected: r p 3 l 6 c p 1 r. (Intel SDM vol. 3, 9.8 and 10.8.)
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
        PUTC    'p'
        mov     $0x80000000, %eax       /* 32-bit: a 4-byte immediate */
        shr     $31, %eax
        add     $'2', %al
        out     %al, $0xe9
        /* PML4 1000h -> PDPT 2000h -> PD 3000h: 0-2 MiB identity */
        mov     $0x1000, %edi
        xor     %eax, %eax
        mov     $3 * 1024, %ecx
        rep stosl
        movl    $0x2003, 0x1000
        movl    $0x3003, 0x2000
        movl    $0x83, 0x3000
        mov     %cr4, %eax
        or      $0x20, %eax             /* PAE */
        mov     %eax, %cr4
        mov     $0x1000, %eax
        mov     %eax, %cr3
        mov     $0xc0000080, %ecx       /* EFER.LME */
        rdmsr
        or      $0x100, %eax
        wrmsr
        mov     %cr0, %eax
        or      $0x80000000, %eax       /* PG: long mode active */
        mov     %eax, %cr0
        ljmp    $0x18, $lm64

        .code64
lm64:   PUTC    'l'
        mov     $0x0000000180000000, %rax
        add     %rax, %rax              /* 3 << 32 */
        shr     $32, %rax
        add     $'3', %al               /* '6' */
        out     %al, $0xe9
        pushq   $0x08
        mov     $compat, %eax           /* (a 32-bit relocation) */
        push    %rax
        lretq

        .code32
compat: PUTC    'c'
        mov     %cr0, %eax
        and     $0x7fffffff, %eax       /* paging off: LMA clears */
        mov     %eax, %cr0
        mov     $0xc0000080, %ecx
        rdmsr
        and     $0xfffffeff, %eax
        wrmsr
        PUTC    'p'
        ljmp    $0x20, $pm16

        .code16
pm16:   mov     $0x28, %ax
        mov     %ax, %ds
        mov     %ax, %ss
        mov     $0x1234, %ax            /* 16-bit: B8 34 12 */
        sub     $0x1233 - '0', %ax      /* '1' */
        out     %al, $0xe9
        mov     %cr0, %eax
        and     $0xfffffffe, %eax
        mov     %eax, %cr0
        ljmp    $0, $real
real:   xor     %ax, %ax
        mov     %ax, %ds
        mov     %ax, %ss
        PUTC    'r'
        PUTC    '\n'
        EXIT    0

        .p2align 3
gdt:    .quad   0
        .quad   0x00cf9a000000ffff      /* 08 code, 32-bit */
        .quad   0x00cf92000000ffff      /* 10 data, 4 GiB */
        .quad   0x00af9a000000ffff      /* 18 code, 64-bit */
        .quad   0x00009a000000ffff      /* 20 code, 16-bit */
        .quad   0x000092000000ffff      /* 28 data, 64 KiB */
gdtr:   .word   gdtr - gdt - 1
        .long   gdt
        SIGNATURE
