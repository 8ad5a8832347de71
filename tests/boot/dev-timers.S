/* The PC's clocks agree with the host's: over one RTC second (CMOS
 * register 0, the host's wall clock) the 8254's channel 0 programmed
 * for 100 Hz (mode 2, divisor 11932) interrupts about 100 times through
 * IRQ0, and the RTC's periodic interrupt at rate 10 (64 Hz) about 64
 * times through IRQ8 and the slave 8259 (its handler reads status
 * C, as it must for the next one). Prints "pit ok" and "rtc ok", or the
 * count in hex (20% either way is ok: the host may be busy; missed
 * periods are replayed, two at most). Takes about two seconds. */
#include "boot.h"
        START
        movw    $irq0, 8 * 4
        movw    $0, 8 * 4 + 2
        movw    $irq8, 0x70 * 4
        movw    $0, 0x70 * 4 + 2
        mov     $0x34, %al      /* channel 0, both bytes, mode 2 */
        out     %al, $0x43
        mov     $11932 & 0xff, %al
        out     %al, $0x40
        mov     $11932 >> 8, %al
        out     %al, $0x40
        mov     $0x0a, %al      /* RTC: 32.768 kHz, rate 10 */
        out     %al, $0x70
        mov     $0x2a, %al
        out     %al, $0x71
        mov     $0x0b, %al      /* periodic interrupts on */
        out     %al, $0x70
        in      $0x71, %al
        or      $0x40, %al
        mov     %al, %ah
        mov     $0x0b, %al
        out     %al, $0x70
        mov     %ah, %al
        out     %al, $0x71
        mov     $0x0c, %al
        out     %al, $0x70
        in      $0x71, %al
        mov     $0xfa, %al      /* IRQ0 and the cascade */
        out     %al, $0x21
        mov     $0xfe, %al      /* IRQ8 */
        out     %al, $0xa1
        sti
        call    next_second
        cli
        movw    $0, ticks
        movw    $0, rtcs
        sti
        call    next_second
        cli
        mov     ticks, %ax
        mov     $pit, %si
        mov     $80, %bx
        mov     $120, %cx
        call    verdict
        mov     rtcs, %ax
        mov     $rtc, %si
        mov     $52, %bx
        mov     $76, %cx
        call    verdict
        EXIT    0

/* "NAME ok" when BX <= AX <= CX, else "NAME " and AX in hex. */
verdict:
        call    puts_e9
        push    %ax
        PUTC    ' '
        pop     %ax
        cmp     %bx, %ax
        jb      1f
        cmp     %cx, %ax
        ja      1f
        PUTC    'o'
        PUTC    'k'
        PUTC    '\n'
        ret
1:      call    hex16_e9
        PUTC    '\n'
        ret

/* Waits (hlt) until the RTC's seconds register changes. */
next_second:
        call    seconds
        mov     %al, %dl
1:      hlt
        call    seconds
        cmp     %al, %dl
        je      1b
        ret

seconds:
        cli                     /* the IRQ8 handler moves the index */
        mov     $0x00, %al
        out     %al, $0x70
        in      $0x71, %al
        sti
        ret

irq0:   incw    %cs:ticks
        push    %ax
        mov     $0x20, %al
        out     %al, $0x20
        pop     %ax
        iret

irq8:   incw    %cs:rtcs
        push    %ax
        mov     $0x0c, %al
        out     %al, $0x70
        in      $0x71, %al
        mov     $0x20, %al
        out     %al, $0xa0
        out     %al, $0x20
        pop     %ax
        iret

        BOOT_LIB
pit:    .asciz  "pit"
rtc:    .asciz  "rtc"
ticks:  .word   0
rtcs:   .word   0
        SIGNATURE
