/* The BIOS teletype (INT 10h AH=0Eh) reaches stdout through the echo
 * port E8h, byte for byte (CR and LF as the guest wrote them); INT 10h
 * keeps every register but those it returns in (AL too: SectorLISP
 * relies on it). */
#include "boot.h"
        START
        mov     $msg, %si
        mov     $0x1234, %bp
        mov     $0x0007, %bx
1:      lodsb
        test    %al, %al
        jz      2f
        mov     $0x0e, %ah
        mov     %al, %cl
        int     $0x10
        cmp     %al, %cl        /* AL kept */
        jne     bad
        cmp     $0x1234, %bp
        jne     bad
        cmp     $0x0007, %bx
        jne     bad
        jmp     1b
2:      EXIT    0
bad:    PUTC    '!'
        EXIT    1
msg:    .asciz  "Hello, teletype!\r\nsecond line\r\n"
        SIGNATURE
