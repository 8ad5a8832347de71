/* A 1 MiB image with a partition table is hard disk 80h: booted with
 * DL=80h, INT 13h AH=08h gives 16 heads (DH=0Fh), 63 sectors a track and
 * one hard disk; the EDD calls see 2048 sectors (AH=48h) and read the
 * last one (AH=42h), which holds a marker.
 * @size 1048576
 */
#include "boot.h"
        START
        mov     %dl, %al
        call    hex8_e9         /* the boot drive */
        PUTC    ' '
        push    %es             /* AH=08h points ES:DI at a table */
        mov     $0x08, %ah
        mov     $0x80, %dl
        int     $0x13
        pop     %es
        mov     %dh, %al
        call    hex8_e9         /* max head */
        PUTC    ' '
        mov     %cl, %al
        and     $0x3f, %al
        call    hex8_e9         /* sectors per track */
        PUTC    ' '
        mov     %dl, %al
        call    hex8_e9         /* hard disks */
        PUTC    '\n'
        mov     $0x41, %ah
        mov     $0x55aa, %bx
        mov     $0x80, %dl
        int     $0x13
        mov     %bx, %ax
        call    hex16_e9        /* AA55h: the extensions are there */
        PUTC    ' '
        movw    $0x1e, params
        mov     $0x48, %ah
        mov     $0x80, %dl
        mov     $params, %si
        int     $0x13
        mov     params+16, %ax
        call    hex16_e9        /* sectors (low word) */
        PUTC    '\n'
        mov     $0x42, %ah
        mov     $0x80, %dl
        mov     $dap, %si
        int     $0x13
        mov     $0x8000, %si
        call    puts_e9
        EXIT    0
        BOOT_LIB
dap:    .byte   16, 0
        .word   1               /* one sector */
        .word   0x8000, 0       /* to 0000:8000 */
        .quad   2047            /* the last one */
        /* the partition table: one Linux partition, sectors 1-2047 */
        .org    446
        .byte   0x80, 0, 2, 0, 0x83, 15, 63, 1
        .long   1, 2047
        SIGNATURE
params: /* after the sector: the buffer for AH=48h (zero at boot) */
        .org    1048064
        .asciz  "the last sector\n"
        .org    1048576
