/* A whole script of keys piped in at once is not lost to the BIOS's
 * 15-key buffer: a program that reads slowly (a busy loop between keys)
 * still gets every key, in order, up to the Enter that ends the test;
 * more keys than the keyboard controller queues (capitals are four scan
 * code bytes each). */
#include "boot.h"
        START
        sti
1:      xor     %ah, %ah
        int     $0x16
        out     %al, $0xe9
        cmp     $0x0d, %al
        je      2f
        mov     $30000, %ecx    /* a slow reader */
3:      dec     %ecx
        jnz     3b
        jmp     1b
2:      PUTC    '\n'
        EXIT    0
        SIGNATURE
