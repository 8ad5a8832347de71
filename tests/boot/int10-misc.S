/* More of INT 10h (Ralf Brown's Interrupt List, INT 10): the DAC
 * (1010h set, 1015h get, 1012h/1017h blocks), the palette registers
 * (1007h: text mode's identity map), font information (1130h: 16-line
 * characters, 25 rows), EGA/VGA information (12h BL=10h: colour, 256K),
 * the display combination (1A00h: VGA colour, AL=1Ah), mode 0's 40
 * columns, pages (05h: page 1 shown, its text at B800:0800 in mode 0;
 * 0Fh reports it), 09h on page 1 leaving page 0 alone, and the cursor
 * shape 01h in the BDA (40:60), and 13h with character/attribute pairs
 * (AL = 3) on page 1; a mode set with AL bit 7 keeps the memory and 0Fh
 * then reports the mode with bit 7 (40:87).
 */
#include "boot.h"
        START
        mov     $0x1010, %ax    /* DAC 05h := 10, 20, 30 */
        mov     $5, %bx
        mov     $10, %dh
        mov     $20, %ch
        mov     $30, %cl
        int     $0x10
        xor     %cx, %cx
        xor     %dh, %dh
        mov     $0x1015, %ax
        mov     $5, %bx
        int     $0x10
        mov     %dh, %al
        call    hex8_e9
        mov     %cx, %ax
        call    word            /* 0a141e */
        mov     $0x1012, %ax    /* DAC 40h-41h from memory, read back */
        mov     $0x40, %bx
        mov     $2, %cx
        mov     $rgb, %dx
        int     $0x10
        mov     $0x1017, %ax
        mov     $0x40, %bx
        mov     $2, %cx
        mov     $back, %dx
        int     $0x10
        mov     $rgb, %si
        mov     $back, %di
        mov     $6, %cx
        repe cmpsb
        jne     fail
        mov     $0x1007, %ax    /* palette register 6 */
        mov     $6, %bl
        int     $0x10
        mov     %bh, %al
        call    byte            /* 06 */
        mov     $0x1130, %ax    /* font info: height, rows - 1 */
        mov     $0, %bh
        int     $0x10
        mov     %cx, %ax
        call    hex16_e9
        PUTC    ' '
        mov     %dl, %al
        call    byte            /* 0010 18 */
        mov     $0x12, %ah      /* EGA info */
        mov     $0x10, %bl
        int     $0x10
        mov     %bx, %ax
        call    word            /* 0003 */
        mov     $0x1a00, %ax    /* display combination */
        int     $0x10
        call    byte            /* 1a */
        mov     %bx, %ax
        call    word            /* 0008 */
        mov     $0x0000, %ax    /* mode 0: 40 x 25 */
        int     $0x10
        mov     0x44a, %ax
        call    word            /* 0028 */
        mov     $0x0501, %ax    /* show page 1 */
        int     $0x10
        mov     $0x0f, %ah
        int     $0x10
        mov     %bh, %al
        call    byte            /* 01 */
        mov     0x44e, %ax
        call    word            /* 0800: page 1 starts there */
        mov     $0x0958, %ax    /* 'X' on page 1 at its cursor (0,0) */
        mov     $0x0107, %bx
        mov     $1, %cx
        int     $0x10
        push    %ds
        push    $0xb800
        pop     %ds
        mov     0x0800, %ax     /* in page 1's memory */
        mov     0x0000, %bx     /* page 0 untouched */
        pop     %ds
        call    hex16_e9
        PUTC    ' '
        mov     %bx, %ax
        call    word            /* 0758 0720 */
        mov     $0x01, %ah      /* cursor shape 0D0Eh -> BDA */
        mov     $0x0d0e, %cx
        int     $0x10
        mov     0x460, %ax
        call    word            /* 0d0e */
        push    %ds             /* (1130h left ES:BP at the font) */
        pop     %es
        mov     $0x1303, %ax    /* string of char, attr pairs on page */
        mov     $0x0100, %bx    /* 1 at row 3, the cursor moved on */
        mov     $2, %cx
        mov     $0x0300, %dx
        mov     $pairs, %bp
        int     $0x10
        push    %ds
        push    $0xb800
        pop     %ds
        mov     0x0800 + 3*80, %ax
        mov     0x0802 + 3*80, %bx
        pop     %ds
        call    hex16_e9
        PUTC    ' '
        mov     %bx, %ax
        call    hex16_e9
        PUTC    ' '
        mov     $3, %ah
        mov     $1, %bh
        int     $0x10
        mov     %dx, %ax
        call    word            /* 1f41 2e42 0302 */
        mov     $0x0083, %ax    /* mode 3 keeping the memory (bit 7): */
        int     $0x10           /* 0Fh reports 83h, page 1's X stays */
        mov     $0x0f, %ah
        int     $0x10
        call    byte            /* 83 */
        push    %ds
        push    $0xb800
        pop     %ds
        mov     0x0800, %ax
        pop     %ds
        call    word            /* 0758 */
        EXIT    0
fail:   PUTC    '!'
        EXIT    1
word:   call    hex16_e9
        PUTC    '\n'
        ret
byte:   call    hex8_e9
        PUTC    '\n'
        ret
rgb:    .byte   1, 2, 3, 61, 62, 63
pairs:  .byte   'A', 0x1f, 'B', 0x2e
back:   .space  6
        BOOT_LIB
        SIGNATURE
