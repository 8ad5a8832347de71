/* 32-bit paging: a page directory whose first entry is a 4 MiB page
 * (CR4.PSE) mapping 0-4 MiB onto itself, and a page table that maps
 * linear 400000h onto physical 5000h. A byte stored at 400000h is read
 * back at 5000h ('X'); a read of 401000h (not present) is #PF with CR2
 * = 00401000 and error code 0000, a write there 0002; with CR0.WP a
 * write to a read-only page is 0003. (Intel SDM vol. 3, 4.3, 4.7.)
 * Expected: pX f00401000/0000 f00401000/0002 f00402000/0003.
 */
#include "boot.h"
        START
        lgdt    gdtr
        lidt    idtr
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
        mov     $0x1000, %edi           /* IDT 1000h, PD 2000h, PT 3000h */
        xor     %eax, %eax
        mov     $0x3000 / 4, %ecx
        rep stosl
        mov     $pf, %eax
        mov     %ax, 0x1000 + 14 * 8
        movw    $0x08, 0x1002 + 14 * 8
        movw    $0x8e00, 0x1004 + 14 * 8
        shr     $16, %eax
        mov     %ax, 0x1006 + 14 * 8
        movl    $0x00000083, 0x2000     /* 0-4 MiB: one 4 MiB page */
        movl    $0x00003003, 0x2004     /* 4-8 MiB: the page table */
        movl    $0x00005003, 0x3000     /* 400000h -> 5000h */
        movl    $0x00006001, 0x3008     /* 402000h -> 6000h, read-only */
        mov     $0x2000, %eax
        mov     %eax, %cr3
        mov     %cr4, %eax
        or      $0x10, %eax             /* PSE */
        mov     %eax, %cr4
        mov     %cr0, %eax
        or      $0x80000000, %eax
        mov     %eax, %cr0
        movb    $'X', 0x400000
        mov     0x5000, %al
        out     %al, $0xe9
        mov     $1f, %esi               /* where #PF resumes */
        mov     0x401000, %eax
1:      mov     $2f, %esi
        movb    $0, 0x401000
2:      mov     %cr0, %eax
        or      $0x10000, %eax          /* WP */
        mov     %eax, %cr0
        mov     $3f, %esi
        movb    $0, 0x402000
3:      PUTC    '\n'
        EXIT    0

pf:     PUTC    ' '
        PUTC    'f'
        mov     %cr2, %eax
        mov     $8, %cl
        call    hex
        PUTC    '/'
        mov     (%esp), %eax
        shl     $16, %eax
        mov     $4, %cl
        call    hex
        add     $4, %esp                /* the error code */
        mov     %esi, (%esp)            /* resume past the access */
        iret
hex:    rol     $4, %eax                /* CL digits of EAX, high first */
        push    %eax
        and     $15, %al
        add     $'0', %al
        out     %al, $0xe9
        pop     %eax
        dec     %cl
        jnz     hex
        ret

        .p2align 3
gdt:    .quad   0
        .quad   0x00cf9a000000ffff      /* 08 code */
        .quad   0x00cf92000000ffff      /* 10 data */
gdtr:   .word   gdtr - gdt - 1
        .long   gdt
idtr:   .word   0x7ff
        .long   0x1000
        SIGNATURE
