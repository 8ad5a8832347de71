/* INT 10h text in mode 13h (Ralf Brown's Interrupt List, INT 10): 09h
 * draws a glyph in colour BL, 08h reads the character back (the cell's
 * set pixels matched against the font: a cell of colour 0 is 00h, one
 * filled with another colour the full block DBh); scroll up (06h) and
 * down (07h, the new rows in colour BH) move whole 8-line text rows;
 * 09h with BL bit 7 XORs: the same glyph again erases it.
 */
#include "boot.h"
        START
        mov     $0x0013, %ax
        int     $0x10
        mov     $0x0100, %dx    /* 'A' in 0Ch at row 1 */
        call    goto
        mov     $0x0941, %ax
        mov     $0x000c, %bx
        mov     $1, %cx
        int     $0x10
        mov     $0x0601, %ax    /* up 1: now at row 0 */
        xor     %bh, %bh
        xor     %cx, %cx
        mov     $0x1827, %dx
        int     $0x10
        mov     $0x0000, %dx
        call    readat          /* 0041 */
        mov     $0x0100, %dx
        call    readat          /* 0000 */
        mov     $0x0d00, %ax    /* its top row ..###... in colour 0Ch */
        mov     $2, %cx
        xor     %dx, %dx
        int     $0x10
        call    byte            /* 0c */
        mov     $0x0702, %ax    /* down 2, the new rows in colour 1 */
        mov     $0x01, %bh
        xor     %cx, %cx
        mov     $0x1827, %dx
        int     $0x10
        mov     $0x0200, %dx
        call    readat          /* 0041 */
        mov     $0x0000, %dx
        call    readat          /* 00db */
        mov     $0x0200, %dx    /* 'A' XOR 'A': gone */
        call    goto
        mov     $0x0941, %ax
        mov     $0x008c, %bx
        mov     $1, %cx
        int     $0x10
        mov     $0x0200, %dx
        call    readat          /* 0000 */
        EXIT    0

goto:   mov     $2, %ah
        xor     %bh, %bh
        int     $0x10
        ret
readat: call    goto
        mov     $8, %ah
        int     $0x10
        call    hex16_e9
        PUTC    '\n'
        ret
byte:   call    hex8_e9
        PUTC    '\n'
        ret
        BOOT_LIB
        SIGNATURE
