/* What the guest sends through COM1 (the 16550A at 3F8h) reaches
 * stdout, byte for byte, like the teletype's and the debug port's. */
#include "boot.h"
        START
        mov     $msg, %si
1:      lodsb
        test    %al, %al
        jz      3f
        mov     %al, %ah
        mov     $0x3fd, %dx     /* line status: wait for THR empty */
2:      in      %dx, %al
        test    $0x20, %al
        jz      2b
        mov     $0x3f8, %dx
        mov     %ah, %al
        out     %al, %dx
        jmp     1b
3:      PUTC    '|'
        PUTC    '\n'
        EXIT    0
msg:    .asciz  "through COM1\r\n"
        SIGNATURE
