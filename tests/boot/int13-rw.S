/* INT 13h AH=03h writes a sector (CHS 0/0/3 = LBA 2 of a 160K floppy)
 * and AH=02h reads it back; the write reaches the image file.
 * @after cmp -s <(dd if="$IMG" bs=512 skip=2 count=1 status=none) <(dd if="$IMG" bs=512 count=1 status=none)
 */
#include "boot.h"
        START
        mov     %dl, drv
        /* write this sector to LBA 2 */
        mov     $0x0301, %ax
        mov     $0x0003, %cx
        mov     drv, %dl
        xor     %dh, %dh
        mov     $0x7c00, %bx
        int     $0x13
        mov     $w, %si
        call    report
        /* read it back to 8000h */
        mov     $0x0201, %ax
        mov     $0x0003, %cx
        mov     drv, %dl
        xor     %dh, %dh
        mov     $0x8000, %bx
        int     $0x13
        mov     $r, %si
        call    report
        SAME_SECTOR 0x7c00, 0x8000
        EXIT    0
/* "<SI>ah=XX cf=N\n" from AH and CF */
report: pushf
        call    puts_e9
        mov     %ah, %al
        call    hex8_e9
        PUTC    ' '
        PUTC    'c'
        PUTC    'f'
        PUTC    '='
        popf
        mov     $'0', %al
        adc     $0, %al
        out     %al, $0xe9
        PUTC    '\n'
        ret
        BOOT_LIB
drv:    .byte   0
w:      .asciz  "write ah="
r:      .asciz  "read ah="
same:   .asciz  "same\n"
differ: .asciz  "differ\n"
        SIGNATURE
        .fill   1024, 1, 0x5a
