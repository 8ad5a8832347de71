/* INT 14h on COM1 (Ralf Brown's Interrupt List, INT 14) and INT 17h:
 * 00h initialises it (AL = E3h: 9600 baud, no parity, 1 stop bit, 8
 * bits; the divisor 12 is in the UART's latch afterwards) and answers
 * the line status in AH (transmitter empty: bits 5 and 6); 01h sends
 * (the characters come out of blink's stdout, the serial console);
 * 02h with nothing received times out (AH bit 7) after its 1 second;
 * COM2 is not there (AH bit 7). INT 17h: no printer, AH = 01h
 * (time-out), and 40:08 has no printer port.
 */
#include "boot.h"
        START
        sti
        mov     $0x00e3, %ax
        xor     %dx, %dx
        int     $0x14
        mov     %ah, %al
        and     $0x60, %al
        call    byte            /* 60 */
        mov     $0x3fb, %dx     /* the divisor latch: 000c */
        in      %dx, %al
        or      $0x80, %al
        out     %al, %dx
        mov     $0x3f9, %dx
        in      %dx, %al
        mov     %al, %ah
        dec     %dx
        in      %dx, %al
        call    word            /* 000c */
        mov     $0x3fb, %dx
        in      %dx, %al
        and     $0x7f, %al
        out     %al, %dx
        call    byte            /* 03: 8N1 */
        mov     $msg, %si
1:      lodsb
        test    %al, %al
        jz      2f
        mov     $1, %ah
        xor     %dx, %dx
        int     $0x14
        test    $0x80, %ah
        jnz     fail
        jmp     1b
2:      mov     $2, %ah         /* nothing to receive */
        xor     %dx, %dx
        int     $0x14
        mov     %ah, %al
        and     $0x80, %al
        call    byte            /* 80 */
        mov     $3, %ah         /* COM2: absent */
        mov     $1, %dx
        int     $0x14
        mov     %ah, %al
        and     $0x80, %al
        call    byte            /* 80 */
        mov     $2, %ah         /* LPT1 */
        xor     %dx, %dx
        int     $0x17
        mov     %ah, %al
        call    byte            /* 01 */
        mov     0x408, %ax
        call    word            /* 0000 */
        EXIT    0
fail:   PUTC    '!'
        EXIT    1
        LINE_LIB
msg:    .asciz  "serial: hello\r\n"
        BOOT_LIB
        SIGNATURE
