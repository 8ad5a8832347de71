/* INT 13h AH=05h formats a track of a 360K diskette (Ralf Brown's
 * Interrupt List, INT 13/05): cylinder 1, head 0 with nine address
 * fields (C, H, R = 1-9, N = 2) fills its sectors with F6h, the
 * diskette table's format fill byte; a field naming sector 10 of a
 * 9-sector track fails with 04h. Afterwards the image's sectors 18-26
 * are F6h and sector 27 (head 1) is untouched.
 * @size 368640
 * @after [ "$(dd if="$IMG" bs=512 skip=18 count=9 status=none | tr -d '\366' | wc -c)" = 0 ] && [ "$(dd if="$IMG" bs=512 skip=27 count=1 status=none | tr -d '\0' | wc -c)" = 0 ]
 */
#include "boot.h"
        START
        mov     $fields, %di    /* C=1 H=0 R=1..9 N=2 */
        mov     $1, %al
1:      movb    $1, (%di)
        movb    $0, 1(%di)
        mov     %al, 2(%di)
        movb    $2, 3(%di)
        add     $4, %di
        inc     %al
        cmp     $10, %al
        jb      1b
        mov     $0x0509, %ax    /* format cylinder 1 head 0 */
        mov     $0x0100, %cx
        xor     %dx, %dx
        mov     $fields, %bx
        int     $0x13
        call    status          /* 00 0 */
        mov     $0x0201, %ax    /* read 1/0/5: F6h */
        mov     $0x0105, %cx
        xor     %dx, %dx
        mov     $0x8000, %bx
        int     $0x13
        jc      fail
        mov     0x8000, %al
        call    hex8_e9
        mov     0x81ff, %al
        call    hex8_e9
        PUTC    '\n'            /* f6f6 */
        movb    $10, fields+2   /* sector 10: not on the track */
        mov     $0x0501, %ax
        mov     $0x0100, %cx
        xor     %dx, %dx
        mov     $fields, %bx
        int     $0x13
        call    status          /* 04 1 */
        EXIT    0
fail:   PUTC    '!'
        EXIT    1
        STATUS_LIB
fields: .space  36
        BOOT_LIB
        SIGNATURE
