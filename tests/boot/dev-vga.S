/* The screen as the VGA shows it (blink -S): characters written straight
 * into B800h, the cursor placed through the CRTC's registers 0Eh/0Fh
 * (index/data at 3D4h/3D5h, one as a word OUT), then the start address
 * (0Ch/0Dh) moved down one row, which scrolls the picture up by a row and
 * the cursor with it.
 * @args -S
 */
#include "boot.h"
        START
        mov     $0xb800, %ax
        mov     %ax, %es
        xor     %di, %di
        mov     $0x0720, %ax
        mov     $80 * 26, %cx
        rep stosw
        mov     $(2 * 80 + 5) * 2, %di
        mov     $0x1f56, %ax    /* "VGA", white on blue */
        stosw
        mov     $'G', %al
        stosw
        mov     $'A', %al
        stosw
        mov     $(3 * 80) * 2, %di
        mov     $'!', %al
        stosw
        mov     $0x3d4, %dx     /* cursor at row 2, column 8 */
        mov     $0x0e, %al
        out     %al, %dx
        inc     %dx
        mov     $(2 * 80 + 8) >> 8, %al
        out     %al, %dx
        dec     %dx
        mov     $((2 * 80 + 8) & 0xff) << 8 | 0x0f, %ax
        out     %ax, %dx
        mov     $0x0c, %al      /* start address: row 1 */
        out     %al, %dx
        inc     %dx
        xor     %al, %al
        out     %al, %dx
        dec     %dx
        mov     $80 << 8 | 0x0d, %ax
        out     %ax, %dx
        EXIT    0
        SIGNATURE
