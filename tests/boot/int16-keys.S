/* INT 16h (Ralf Brown's Interrupt List, INT 16; key words per the IBM
 * PC/AT table: scan code << 8 | character) with keys from
 * int16-keys.keys: "a", "A", Ctrl+A, Enter, the Up arrow twice, Esc,
 * "5". Checks AH=01h (peek: ZF, the key stays), 00h (read), 10h
 * (enhanced read: the grey arrow keeps its E0h character; 00h makes it
 * 00h), 11h, 02h/12h (shift flags: none held after the keys), 05h
 * (store a key: read back), 09h/0Ah (keyboard ID 41ABh: MF2 behind a
 * translating 8042) and that AH=00h waits (the keys arrive
 * while it halts). Each word is printed in hex on port E9h.
 * @limit 20
 */
#include "boot.h"
        START
        mov     $1, %ah         /* peek until a key is there */
1:      int     $0x16
        jz      1b
        call    word            /* 1e61 'a' */
        mov     $1, %ah         /* still there: peek again */
        int     $0x16
        call    word            /* 1e61 */
        mov     $6, %cx         /* a A ^A Enter Up (00h) Up (10h) */
2:      mov     $0, %ah
        cmp     $1, %cx
        jne     3f
        mov     $0x10, %ah
3:      int     $0x16
        call    word
        loop    2b
        mov     $0x11, %ah      /* Esc: peek (enhanced) then read */
4:      int     $0x16
        jz      4b
        call    word            /* 011b */
        mov     $0x10, %ah
        int     $0x16
        call    word            /* 011b */
        mov     $0, %ah
        int     $0x16
        call    word            /* 0635 '5' */
        mov     $1, %ah         /* nothing left: ZF */
        int     $0x16
        jnz     fail
        mov     $2, %ah         /* shift flags: nothing held */
        int     $0x16
        call    byte
        mov     $0x12, %ah
        int     $0x16
        call    word
        mov     $5, %ah         /* store 2c7a ('z') and read it back */
        mov     $0x2c7a, %cx
        int     $0x16
        call    byte            /* AL = 00: stored */
        mov     $0, %ah
        int     $0x16
        call    word
        mov     $0x09, %ah      /* capabilities: 0Ah (bit 4) and 10h-12h */
        int     $0x16           /* (bit 5) are there */
        and     $0x30, %al
        call    byte            /* 30 */
        mov     $0x0a, %ah      /* keyboard ID: MF2, translated */
        int     $0x16
        mov     %bx, %ax
        call    word            /* 41ab */
        EXIT    0
fail:   PUTC    '!'
        EXIT    1
word:   push    %ax
        call    hex16_e9
        PUTC    '\n'
        pop     %ax
        ret
byte:   push    %ax
        call    hex8_e9
        PUTC    '\n'
        pop     %ax
        ret
        BOOT_LIB
        SIGNATURE
