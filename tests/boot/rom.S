/* The ROM where PC software looks for it (IBM PC/AT Technical
 * Reference): its 64 KiB at F000:0000 sum to 0 mod 256 (the ROM
 * checksum), F000:FFF0 is a far jump (EAh) to F000:E05B (POST), the date
 * at F000:FFF5 has the MM/DD/YY shape, the model byte at F000:FFFE is
 * FCh (PC/AT), and INT 15h AH=C0h's table (F000:E6F5) says the same
 * and, in its second feature byte, that INT 16h AH=09h exists.
 */
#include "boot.h"
        START
        push    $0xf000
        pop     %ds
        xor     %si, %si        /* the sum */
        xor     %bl, %bl
        mov     $0x8000, %cx
1:      lodsw
        add     %al, %bl
        add     %ah, %bl
        loop    1b
        test    %bl, %bl
        jnz     fail
        PUTC    'a'
        cmpb    $0xea, 0xfff0   /* jmp far F000:E05B */
        jne     fail
        cmpw    $0xe05b, 0xfff1
        jne     fail
        cmpw    $0xf000, 0xfff3
        jne     fail
        PUTC    'b'
        cmpb    $'/', 0xfff7    /* MM/DD/YY */
        jne     fail
        cmpb    $'/', 0xfffa
        jne     fail
        PUTC    'c'
        cmpb    $0xfc, 0xfffe
        jne     fail
        PUTC    'd'
        mov     $0xc0, %ah
        int     $0x15
        jc      fail
        mov     %es:2(%bx), %al
        cmp     $0xfc, %al
        jne     fail
        cmp     $0xe6f5, %bx
        jne     fail
        testb   $0x40, %es:6(%bx) /* feature byte 2: INT 16h 09h exists */
        jz      fail
        PUTC    'e'
        PUTC    '\n'
        EXIT    0
fail:   PUTC    '!'
        EXIT    1
        SIGNATURE
