/* Ctrl+Alt+Del (1Dh 38h 53h, fed through the 8042's D2h) makes INT 09h
 * restart the machine at the reset vector with 1234h at 40:72 (the warm
 * boot flag, IBM PC/AT BIOS data area): POST runs again, INT 19h loads
 * this sector again, and this time it finds the flag. Ctrl+Break (E0 46
 * with Ctrl) before that: INT 1Bh is called, 40:71 bit 7 is set and the
 * buffer holds the key 0000h.
 * @limit 20
 */
#include "boot.h"
        START
        cmpw    $0x1234, 0x472
        je      warm
        sti
        movw    $brk, 0x1b*4    /* INT 1Bh: count */
        movw    $0, 0x1b*4+2
        mov     $0x1d, %al      /* Ctrl+Break */
        call    scan
        mov     $0xe0, %al
        call    scan
        mov     $0x46, %al
        call    scan
        mov     $0xe0, %al
        call    scan
        mov     $0xc6, %al
        call    scan
        mov     $0x9d, %al
        call    scan
        mov     breaks, %al
        call    hex8_e9         /* 01 */
        mov     0x471, %al
        call    hex8_e9         /* 80 */
        mov     $0x10, %ah
        int     $0x16
        call    hex16_e9        /* 0000 */
        PUTC    '\n'
        mov     $0x1d, %al      /* Ctrl+Alt+Del */
        call    scan
        mov     $0x38, %al
        call    scan
        mov     $0x53, %al
        call    scan
        PUTC    '!'             /* not reached */
        EXIT    1
warm:   PUTC    'w'
        PUTC    '\n'
        EXIT    0

scan:   push    %ax             /* AL "from the keyboard" (8042 D2h) */
1:      in      $0x64, %al
        test    $2, %al
        jnz     1b
        mov     $0xd2, %al
        out     %al, $0x64
2:      in      $0x64, %al
        test    $2, %al
        jnz     2b
        pop     %ax
        out     %al, $0x60
3:      hlt
        in      $0x64, %al
        test    $1, %al
        jnz     3b
        ret
brk:    incb    %cs:breaks
        iret
breaks: .byte   0
        BOOT_LIB
        SIGNATURE
