/* INT 10h AH=1Bh, functionality and state information (Ralf Brown's
 * Interrupt List, INT 10/AH=1Bh), in mode 3 and in mode 13h: AL = 1Bh;
 * the static table (through the far pointer at 00h) lists modes 00h-03h
 * and 07h (byte 0: 8Fh) and 13h (byte 2: 08h); the state holds the BDA's
 * mode (04h) and columns (05h), the rows (22h), the character height
 * (23h), the display combination (25h: 08h VGA colour), the colours
 * (27h), the pages (29h) and the scan-line code (2Ah: 400 = 2, 200 = 0).
 */
#include "boot.h"
        START
        call    state           /* 1b 8f08 03 0050 19 0010 08 0010 08 02 */
        mov     $0x0013, %ax
        int     $0x10
        call    state           /* 1b 8f08 13 0028 19 0008 08 0100 01 00 */
        EXIT    0

state:  mov     $0x1b00, %ax
        xor     %bx, %bx
        mov     $buf, %di
        int     $0x10
        call    byte
        push    %ds
        lds     buf, %si        /* the static table */
        mov     (%si), %ah
        mov     2(%si), %al
        pop     %ds
        call    word
        mov     buf+4, %al
        call    byte
        mov     buf+5, %ax
        call    word
        mov     buf+0x22, %al
        call    byte
        mov     buf+0x23, %ax
        call    word
        mov     buf+0x25, %al
        call    byte
        mov     buf+0x27, %ax
        call    word
        mov     buf+0x29, %al
        call    byte
        mov     buf+0x2a, %al
        call    hex8_e9
        PUTC    '\n'
        ret
word:   call    hex16_e9
        PUTC    ' '
        ret
byte:   call    hex8_e9
        PUTC    ' '
        ret
buf:    .space  64
        BOOT_LIB
        SIGNATURE
