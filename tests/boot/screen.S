/* -S prints the text screen at the end: rows of B8000h as text, trailing
 * blanks and blank last rows dropped; CP437 bytes as UTF-8 (DBh is a
 * full block, 01h a smiley).
 * @args -S
 */
#include "boot.h"
        START
        mov     $0xb800, %ax
        mov     %ax, %es
        xor     %di, %di
        mov     $0x0720, %ax    /* blank, grey on black */
        mov     $80*25, %cx
        rep stosw
        mov     $msg1, %si
        xor     %di, %di
        call    put
        mov     $msg2, %si
        mov     $(2*80+3)*2, %di
        call    put
        cli
        hlt
put:    lodsb
        test    %al, %al
        jz      1f
        mov     $0x1e, %ah
        stosw
        jmp     put
1:      ret
msg1:   .asciz  "Hi"
msg2:   .asciz  "there \xdb\x01"
        SIGNATURE
