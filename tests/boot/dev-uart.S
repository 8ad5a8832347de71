/* COM1 (16550A at 3F8h) from a boot sector: bytes written to THR come
 * out on stdout; in loopback (MCR bit 4) they come back through RBR
 * with LSR's data-ready bit; the THR-empty interrupt reaches the CPU as
 * IRQ4 (vector 0Ch) only while MCR's OUT2 is on, and reading IIR
 * acknowledges it. Prints "serial ok" through the UART and "loop ok",
 * "irq ok" through E9h. */
#include "boot.h"
#define COM1 0x3f8
        START
        movw    $irq4, 0x0c * 4
        movw    $0, 0x0c * 4 + 2
        mov     $COM1 + 3, %dx  /* 115200 8N1 */
        mov     $0x80, %al
        out     %al, %dx
        mov     $COM1, %dx
        mov     $1, %al
        out     %al, %dx
        inc     %dx
        xor     %al, %al
        out     %al, %dx
        mov     $COM1 + 3, %dx
        mov     $0x03, %al
        out     %al, %dx
        mov     $COM1 + 2, %dx  /* FIFOs on, cleared */
        mov     $0x07, %al
        out     %al, %dx
        mov     $COM1 + 4, %dx  /* DTR, RTS, OUT2 */
        mov     $0x0b, %al
        out     %al, %dx

        mov     $msg, %si
1:      lodsb
        test    %al, %al
        jz      2f
        call    putc_com1
        jmp     1b

2:      mov     $COM1 + 4, %dx  /* loopback */
        mov     $0x1b, %al
        out     %al, %dx
        mov     $'x', %al
        call    putc_com1
        mov     $COM1 + 5, %dx
        in      %dx, %al
        test    $1, %al
        jz      bad
        mov     $COM1, %dx
        in      %dx, %al
        cmp     $'x', %al
        jne     bad
        mov     $loop, %si
        call    puts_e9

        mov     $COM1 + 4, %dx  /* OUT2 again, no loopback */
        mov     $0x0b, %al
        out     %al, %dx
        in      $0x21, %al      /* unmask IRQ4 */
        and     $~0x10, %al
        out     %al, $0x21
        sti
        mov     $COM1 + 1, %dx  /* THR empty interrupt on: at once */
        mov     $0x02, %al
        out     %al, %dx
        mov     $1000, %cx
3:      cmpb    $0, fired
        jne     4f
        loop    3b
        jmp     bad
4:      cmpb    $0x02, iir      /* it was THRE's */
        jne     bad
        mov     $irq, %si
        call    puts_e9
        EXIT    0
bad:    mov     $fail, %si
        call    puts_e9
        EXIT    1

putc_com1:
        push    %ax
        mov     $COM1 + 5, %dx
5:      in      %dx, %al
        test    $0x20, %al
        jz      5b
        pop     %ax
        mov     $COM1, %dx
        out     %al, %dx
        ret

irq4:   push    %ax
        push    %dx
        mov     $COM1 + 2, %dx
        in      %dx, %al
        and     $0x0f, %al
        mov     %al, %cs:iir
        movb    $1, %cs:fired
        mov     $COM1 + 1, %dx  /* no more of them */
        xor     %al, %al
        out     %al, %dx
        mov     $0x20, %al
        out     %al, $0x20
        pop     %dx
        pop     %ax
        iret

        BOOT_LIB
msg:    .asciz  "serial ok\n"
loop:   .asciz  "loop ok\n"
irq:    .asciz  "irq ok\n"
fail:   .asciz  "failed\n"
fired:  .byte   0
iir:    .byte   0
        SIGNATURE
