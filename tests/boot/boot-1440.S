/* A 1.44 MB image is floppy 00h: booted with DL=00h; INT 13h AH=08h
 * says drive type 04h, 80 cylinders (CH=4Fh), 18 sectors a track, 2
 * heads (DH=01h), one floppy drive; CHS 79/1/18 is the last sector,
 * which holds a marker.
 * @size 1474560
 */
#include "boot.h"
        START
        mov     %dl, %al
        call    hex8_e9
        PUTC    ' '
        push    %es             /* AH=08h points ES:DI at a table */
        mov     $0x08, %ah
        xor     %dl, %dl
        int     $0x13
        pop     %es
        mov     %bl, %al
        call    hex8_e9
        PUTC    ' '
        mov     %ch, %al
        call    hex8_e9
        PUTC    ' '
        mov     %cl, %al
        call    hex8_e9
        PUTC    ' '
        mov     %dh, %al
        call    hex8_e9
        PUTC    ' '
        mov     %dl, %al
        call    hex8_e9
        PUTC    '\n'
        mov     $0x0201, %ax
        mov     $0x4f12, %cx    /* cylinder 79, sector 18 */
        mov     $0x0100, %dx    /* head 1, drive 0 */
        mov     $0x8000, %bx
        int     $0x13
        mov     $0x8000, %si
        call    puts_e9
        EXIT    0
        BOOT_LIB
        SIGNATURE
        .org    1474560 - 512
        .asciz  "the last sector\n"
        .org    1474560
