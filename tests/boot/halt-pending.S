/* hlt with interrupts off ends the run even when an interrupt request
 * is waiting (IRQ0 from the 8254 in mode 0, whose output stays high
 * after the count: with IF clear the request cannot be taken, and
 * nothing else can wake the CPU).
 * @limit 20
 */
#include "boot.h"
        START
        PUTC    'p'
        mov     $0x30, %al      /* channel 0, low then high byte, mode 0 */
        out     %al, $0x43
        mov     $0x10, %al      /* 16 counts: 13 us */
        out     %al, $0x40
        xor     %al, %al
        out     %al, $0x40
        mov     $3000000, %ecx  /* a few ms: the count runs out */
1:      dec     %ecx
        jnz     1b
        mov     $0x0a, %al      /* OCW3: read the IRR */
        out     %al, $0x20
        in      $0x20, %al      /* bit 0: IRQ0 waiting */
        and     $1, %al
        add     $'0', %al
        out     %al, $0xe9
        PUTC    '\n'
        hlt
        PUTC    'X'
        EXIT    3
        SIGNATURE
