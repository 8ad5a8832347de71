/* A BIOS service changes only the registers it returns something in
 * (Ralf Brown's Interrupt List gives each call's outputs); the upper
 * halves of the 32-bit registers are the caller's too (gameoflife keeps
 * EDI across INT 13h AH=42h). Each call runs with every register set to
 * a distinct value and a snapshot (pushad) before and after is compared
 * under a mask of the call's outputs: INT 10h AH=0Eh (none: AL and BP
 * kept too), 02h, 03h (CX, DX), INT 13h AH=42h (AH), 08h (AX, BX, CX,
 * DX, ES:DI's DI), INT 16h AH=01h (AX), 02h (AL), INT 1Ah AH=00h (AL,
 * CX, DX), INT 15h AH=86h (AH), INT 11h, 12h (AX). A line of '.' per
 * call that kept the rest, 'X' otherwise.
 */
#include "boot.h"
        START
        LOAD_REST 2        /* LBA 1-2: the rest of the test */

/* call INT n with AX = ax (the rest distinct), compare under masks
 * for EAX, ECX, EDX, EBX (the bits the call may change). */
        .macro  TRY n, ax, max, mcx, mdx, mbx, mdi=0
        movl    $\max, mask+28
        movl    $\mcx, mask+24
        movl    $\mdx, mask+20
        movl    $\mbx, mask+16
        movl    $\mdi, mask+0
        mov     $\ax, %bx
        mov     $\n, %cl
        call    try
        .endm

main:   TRY     0x10, 0x0e2e, 0, 0, 0, 0              /* teletype '.' */
        TRY     0x10, 0x0200, 0, 0, 0, 0              /* set cursor */
        TRY     0x10, 0x0300, 0, 0xffff, 0xffff, 0    /* get cursor */
        TRY     0x13, 0x4200, 0xff00, 0, 0, 0         /* DAP at DS:SI */
        TRY     0x13, 0x0800, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff
        TRY     0x16, 0x0100, 0xffff, 0, 0, 0
        TRY     0x16, 0x0200, 0x00ff, 0, 0, 0
        TRY     0x1a, 0x0000, 0x00ff, 0xffff, 0xffff, 0
        TRY     0x15, 0x8600, 0xff00, 0, 0, 0         /* wait CX:DX us */
        TRY     0x11, 0x0000, 0xffff, 0, 0, 0
        TRY     0x12, 0x0000, 0xffff, 0, 0, 0
        PUTC    '\n'
        EXIT    0

/* The call: INT CL with AX = BX; the other registers get values whose
 * upper halves are all set. DS:SI = the DAP below (INT 13h 42h), DL =
 * 00h (the boot diskette), CX:DX = 1 us for 86h, BH = page 0. */
try:    mov     %cl, 1f+1       /* the INT's operand */
        jmp     2f              /* (flush the prefetch on an 8086) */
2:      mov     %bx, %ax
        or      $0xa5a50000, %eax
        mov     $0xb6b60000, %ebx
        mov     $0xc7c70000, %ecx
        mov     $0xd8d80001, %edx /* CX:DX = 1 us; DL = 01h: B: */
        xor     %dl, %dl        /* no: A: */
        mov     $0xe9e90000 + dap, %esi
        mov     $0xfafa0000, %edi
        mov     $0x9b9b0000, %ebp
        pushal
        mov     %sp, %si        /* snapshot before: 32 bytes */
        push    %di
        mov     $before, %di
        push    %cx
        mov     $16, %cx
3:      mov     %ss:(%si), %ax
        mov     %ax, (%di)
        add     $2, %si
        add     $2, %di
        loop    3b
        pop     %cx
        pop     %di
        popal
1:      int     $0
        pushal                  /* and after */
        mov     %sp, %si
        mov     $before, %di
        mov     $mask, %bx
        mov     $8, %cx
4:      mov     %ss:(%si), %eax
        xor     (%di), %eax     /* changed bits */
        mov     (%bx), %edx
        not     %edx
        and     %edx, %eax      /* outside the outputs */
        jnz     5f
        add     $4, %si
        add     $4, %di
        add     $4, %bx
        loop    4b
        popal
        PUTC    '.'
        ret
5:      popal
        PUTC    'X'
        ret

dap:    .byte   0x10, 0
        .word   1, 0x9000, 0
        .quad   0
        .balign 4
before: .space  32
mask:   .long   0, 0, 0, 0, 0, 0, 0, 0  /* EDI ESI EBP ESP EBX EDX ECX EAX */
        BOOT_LIB
        .org    3 * 512
