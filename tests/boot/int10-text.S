/* INT 10h in text mode 3 and mode 13h (Ralf Brown's Interrupt List,
 * INT 10): video state (0Fh), cursor position and shape (01h-03h),
 * teletype (0Eh: CR/LF move the cursor; its characters are echoed to
 * stdout), write char/attr (09h) and char only (0Ah) without moving the
 * cursor, read char/attr (08h), write string (13h, attribute in BL,
 * cursor updated), scrolling up (06h) and down (07h) with the blank
 * attribute in BH, the blank cells of a fresh mode (0720h: space on
 * light grey), and mode 13h's state and pixels (0Ch/0Dh, XOR with bit
 * 7), with the pixel in A000h memory, and text there: the teletype
 * draws a glyph in colour BL that 08h reads back as the character.
 * Results go to port E9h in hex.
 */
#include "boot.h"
        START
        mov     $0x0003, %ax
        int     $0x10
        mov     $0x0f, %ah      /* AH=50h columns, AL=03h, BH=00h */
        int     $0x10
        call    word
        mov     %bh, %al
        call    byte
        mov     $2, %ah         /* cursor to row 5, column 10 */
        xor     %bh, %bh
        mov     $0x050a, %dx
        int     $0x10
        call    cursor          /* 050a 0607 */
        mov     $1, %ah         /* shape: invisible (CH bit 5) */
        mov     $0x2000, %cx
        int     $0x10
        call    cursor          /* 050a 2000 */
        mov     $0x0e41, %ax    /* "AB\r\n": row 6, column 0 */
        int     $0x10
        cmp     $0x41, %al      /* AL is preserved */
        jne     fail
        mov     $0x0e42, %ax
        int     $0x10
        mov     $0x0e0d, %ax
        int     $0x10
        mov     $0x0e0a, %ax
        int     $0x10
        call    cursor          /* 0600 2000 */
        mov     $0x0958, %ax    /* 'X' x3 in 1Eh: cursor stays */
        mov     $0x001e, %bx
        mov     $3, %cx
        int     $0x10
        call    cursor          /* 0600 2000 */
        call    readc           /* 1e58 */
        mov     $0x0a79, %ax    /* 'y', attribute kept */
        mov     $1, %cx
        int     $0x10
        call    readc           /* 1e79 */
        mov     $0x0602, %dx    /* the third X */
        call    readat          /* 1e58 */
        mov     $0x0603, %dx    /* past them: blank */
        call    readat          /* 0720 */
        mov     $0x1301, %ax    /* "hello" at row 10 in 4Fh */
        mov     $0x004f, %bx
        mov     $5, %cx
        mov     $0x0a00, %dx
        mov     $hello, %bp
        int     $0x10
        call    cursor          /* 0a05 2000 */
        mov     $0x0a04, %dx
        call    readat          /* 4f6f 'o' */
        mov     $0x0601, %ax    /* whole screen up 1, blank in 17h */
        mov     $0x17, %bh
        xor     %cx, %cx
        mov     $0x184f, %dx
        int     $0x10
        mov     $0x0900, %dx    /* "hello" is on row 9 now */
        call    readat          /* 4f68 'h' */
        mov     $0x184f, %dx    /* the new bottom row */
        call    readat          /* 1720 */
        mov     $0x0702, %ax    /* rows 0-24, columns 0-39 down 2 */
        mov     $0x70, %bh
        xor     %cx, %cx
        mov     $0x1827, %dx
        int     $0x10
        mov     $0x0b01, %dx    /* 'e' moved from row 9 to 11 */
        call    readat          /* 4f65 */
        mov     $0x0b28, %dx    /* column 40 was outside: nothing */
        call    readat          /* 0720 */
        mov     $0x0028, %dx    /* row 0 column 40: not blanked */
        call    readat          /* 0720 */
        mov     $0x0000, %dx    /* row 0 column 0: blanked, 70h */
        call    readat          /* 7020 */
        PUTC    '\n'
        mov     $0x0013, %ax    /* mode 13h: 40 columns */
        int     $0x10
        mov     $0x0f, %ah
        int     $0x10
        call    word            /* 2813 */
        mov     $0x0c05, %ax    /* pixel (10, 20) := 5 */
        mov     $10, %cx
        mov     $20, %dx
        int     $0x10
        mov     $0x0c83, %ax    /* XOR 3: 6 */
        int     $0x10
        mov     $0x0d00, %ax
        int     $0x10
        call    byte            /* 06 */
        push    %ds
        push    $0xa000
        pop     %ds
        mov     20*320+10, %al  /* in video memory */
        pop     %ds
        call    byte            /* 06 */
        mov     $0x0e41, %ax    /* teletype 'A' in colour 0Fh */
        mov     $0x000f, %bx
        int     $0x10
        call    cursor          /* 0001 2000: one cell on */
        xor     %dx, %dx        /* and read back: 'A' (no attribute) */
        call    readat          /* 0041 */
        mov     $0x0d00, %ax    /* the glyph is drawn in colour 0Fh */
        xor     %cx, %cx        /* somewhere in the cell's 8 x 8, */
        xor     %bx, %bx        /* on colour 0 */
1:      mov     %bx, %dx
        and     $7, %dx
        mov     %bx, %cx
        shr     $3, %cx
        mov     $0x0d00, %ax
        int     $0x10
        or      %al, %bh        /* (BH: the colours seen, ORed) */
        inc     %bl
        cmp     $64, %bl
        jb      1b
        mov     %bh, %al
        call    byte            /* 0f */
        EXIT    0
fail:   PUTC    '!'
        EXIT    1

cursor: mov     $3, %ah         /* page 0's cursor and the shape */
        xor     %bh, %bh
        int     $0x10
        mov     %dx, %ax
        call    hex16_e9
        PUTC    ' '
        mov     %cx, %ax
        jmp     word
readat: mov     $2, %ah
        xor     %bh, %bh
        int     $0x10
readc:  mov     $8, %ah
        xor     %bh, %bh
        int     $0x10
        LINE_LIB
hello:  .ascii  "hello"
        BOOT_LIB
        SIGNATURE
