/* INT 15h AH=87h (Ralf Brown's Interrupt List, INT 15/87): copy 32
 * words from 0000:9000 to 1 MiB + 64K (110000h, past real mode's reach)
 * and back to A000h through the caller's GDT (source descriptor at 10h,
 * destination at 18h, access 93h); AH = 00h and CF clear each time,
 * the copy is the original, and the real-mode alias of 110000h
 * (10000h, what the 8086 wrap would reach) was not written.
 */
#include "boot.h"
        START
        mov     $0x9000, %di    /* a pattern: 0, 3, 6, ... */
        xor     %ax, %ax
        mov     $64, %cx
1:      stosb
        add     $3, %al
        loop    1b
        push    $0x1000         /* a marker at 10000h, where a wrap */
        pop     %es             /* would go */
        movl    $0x11001100, %es:0
        push    %ds
        pop     %es
        mov     $0x009000, %eax
        mov     $0x110000, %ebx
        call    move
        mov     $0x110000, %eax
        mov     $0x00a000, %ebx
        call    move
        mov     $0x9000, %si
        mov     $0xa000, %di
        mov     $64, %cx
        repe cmpsb
        jne     fail
        push    $0x1000
        pop     %es
        cmpl    $0x11001100, %es:0
        jne     fail
        PUTC    'o'
        PUTC    'k'
        PUTC    '\n'
        EXIT    0
fail:   PUTC    '!'
        EXIT    1

/* 32 words from linear EAX to EBX. */
move:   mov     $gdt + 0x10, %di
        call    desc
        mov     %ebx, %eax
        mov     $gdt + 0x18, %di
        call    desc
        mov     $gdt, %si
        mov     $32, %cx
        mov     $0x87, %ah
        int     $0x15
        jc      fail
        test    %ah, %ah
        jnz     fail
        ret
/* At DI: a data descriptor (access 93h) for base EAX, limit FFFFh. */
desc:   movw    $0xffff, (%di)
        mov     %ax, 2(%di)
        shr     $16, %eax
        mov     %al, 4(%di)
        movb    $0x93, 5(%di)
        movb    $0, 6(%di)
        mov     %ah, 7(%di)
        ret
        .balign 8
gdt:    .space  48
        SIGNATURE
