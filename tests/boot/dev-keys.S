/* Keys typed on stdin reach a program's own IRQ1 handler as scan code
 * set 1 bytes through the 8042, the 8259 and the CPU's interrupt
 * delivery: 'a' is 1Eh/9Eh, 'A' the same inside left shift (2Ah/AAh),
 * Enter 1Ch/9Ch, an arrow (ESC [ A) E0h 48h E0h C8h. The handler reads
 * port 60h, prints each byte in hex to E9h and sends the EOI; the run
 * ends after Enter's break code. */
#include "boot.h"
        START
        movw    $irq1, 9 * 4
        movw    $0, 9 * 4 + 2
        mov     $0xfd, %al      /* IRQ1 only */
        out     %al, $0x21
        sti
1:      hlt
        jmp     1b

irq1:   push    %ax
        in      $0x60, %al
        call    hex8_e9
        push    %ax
        PUTC    ' '
        pop     %ax
        cmp     $0x9c, %al
        je      2f
        mov     $0x20, %al
        out     %al, $0x20
        pop     %ax
        iret
2:      PUTC    '\n'
        EXIT    0

        BOOT_LIB
        SIGNATURE
