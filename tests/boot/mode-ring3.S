/* Privilege levels in protected mode: an IDT with a #GP handler and an
 * interrupt gate open to CPL 3 (int 30h), a TSS whose SS0:ESP0 the CPU
 * switches to, iret to CPL 3 ('u', printed there with IOPL 3), int 30h
 * back to CPL 0 on the TSS's stack ('k', then the interrupted CS's RPL
 * '3' and the stack 'S' when ESP is ESP0 - 20), iret out again ('u'),
 * a segment load past the GDT's limit at CPL 3: #GP with the selector
 * as error code ("g" + 0080), then the handler's CS ('0'). (Intel SDM
 * vol. 3, 6.12, 7.7.) Expected: puk3Sug00800.
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
        /* IDT at 1000h: #GP (0Dh) and 30h (DPL 3), interrupt gates */
        mov     $0x1000, %edi
        xor     %eax, %eax
        mov     $0x800 / 4, %ecx
        rep stosl
        mov     $gp, %eax
        mov     %ax, 0x1000 + 13 * 8
        movw    $0x08, 0x1002 + 13 * 8
        movw    $0x8e00, 0x1004 + 13 * 8
        shr     $16, %eax
        mov     %ax, 0x1006 + 13 * 8
        mov     $i30, %eax
        mov     %ax, 0x1000 + 0x30 * 8
        movw    $0x08, 0x1002 + 0x30 * 8
        movw    $0xee00, 0x1004 + 0x30 * 8
        shr     $16, %eax
        mov     %ax, 0x1006 + 0x30 * 8
        /* TSS at 2000h: SS0:ESP0 = 10h:6000h */
        movl    $0x6000, 0x2004
        movl    $0x10, 0x2008
        mov     $0x30, %ax
        ltr     %ax
        /* to CPL 3 with IOPL 3 (so that out works there) */
        push    $0x23                   /* SS: data, DPL 3 */
        push    $0x5000
        push    $0x3002                 /* EFLAGS: IOPL 3 */
        push    $0x1b                   /* CS: code, DPL 3 */
        push    $user
        iret

user:   mov     $0x23, %ax
        mov     %ax, %ds
        PUTC    'u'
        int     $0x30
        PUTC    'u'
        mov     $0x80, %ax              /* past the GDT's limit */
        mov     %ax, %fs
        PUTC    'x'
        EXIT    1

i30:    PUTC    'k'
        mov     4(%esp), %eax           /* the interrupted CS */
        and     $3, %al
        add     $'0', %al
        out     %al, $0xe9
        cmp     $0x6000 - 20, %esp      /* EIP CS EFLAGS ESP SS */
        jne     1f
        PUTC    'S'
1:      iret

gp:     PUTC    'g'
        pop     %eax                    /* the error code */
        mov     $4, %cl
2:      rol     $4, %ax
        push    %eax
        and     $15, %al
        add     $'0', %al
        out     %al, $0xe9
        pop     %eax
        dec     %cl
        jnz     2b
        mov     %cs, %ax
        add     $'0' - 8, %al           /* 08h: '0' (CPL 0) */
        out     %al, $0xe9
        PUTC    '\n'
        EXIT    0

        .p2align 3
gdt:    .quad   0
        .quad   0x00cf9a000000ffff      /* 08 code, DPL 0 */
        .quad   0x00cf92000000ffff      /* 10 data, DPL 0 */
        .quad   0x00cffa000000ffff      /* 18 code, DPL 3 */
        .quad   0x00cff2000000ffff      /* 20 data, DPL 3 */
        .quad   0x0000892000000067      /* 28 (unused) */
        .quad   0x0000890020000067      /* 30 TSS at 2000h */
gdtr:   .word   gdtr - gdt - 1
        .long   gdt
idtr:   .word   0x7ff
        .long   0x1000
        SIGNATURE
