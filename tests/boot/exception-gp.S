/* Vectors 0Ah-0Fh are IRQ 2-7 and CPU exceptions at once: the BIOS asks
 * the 8259 which. COM1's transmitter interrupt (IRQ4, vector 0Ch) is a
 * hardware one: requested, taken, acknowledged (IRR and ISR bit 4:
 * 1, 0, 0) and the program goes on; then a #GP
 * (wrmsr to an MSR that does not exist: vector 0Dh, no IRQ5 in service)
 * is reported as an exception with where it happened, and the machine
 * halts.
 */
#include "boot.h"
        START
        mov     $0x3f9, %dx     /* COM1: interrupt when THR empty */
        mov     $0x02, %al
        out     %al, %dx
        mov     $0x3fc, %dx     /* MCR: OUT2 lets the IRQ out */
        mov     $0x08, %al
        out     %al, %dx
        in      $0x20, %al      /* IRQ4 requested (IRR bit 4) */
        call    bit4
        in      $0x21, %al      /* IRQ4 unmasked */
        and     $0xef, %al
        out     %al, $0x21
        sti
        mov     $5, %cx
1:      hlt
        loop    1b
        in      $0x20, %al      /* taken: no longer requested */
        call    bit4
        mov     $0x0b, %al      /* nor in service: the EOI came */
        out     %al, $0x20
        in      $0x20, %al
        call    bit4
        mov     $0x0a, %al
        out     %al, $0x20
        mov     $0x3f9, %dx     /* quiet again */
        xor     %al, %al
        out     %al, %dx
        PUTC    'i'
        PUTC    '\n'
        mov     $0xdeadbeef, %ecx
        xor     %eax, %eax
        xor     %edx, %edx
        wrmsr
        EXIT    3
bit4:   shr     $4, %al
        and     $1, %al
        add     $'0', %al
        out     %al, $0xe9
        ret
        SIGNATURE
