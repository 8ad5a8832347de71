/* Booting a hard disk image (a partition table, 2064384 bytes: 4
 * cylinders of 16 heads x 63 sectors) and INT 13h on it (Ralf Brown's
 * Interrupt List, INT 13): the boot drive is 80h and the BDA counts one
 * hard disk (40:75) and no diskette (INT 11h bit 0 clear); the rest of
 * the test comes in with 42h (LBA); 08h gives the last cylinder 3, 63
 * sectors, the last head 15, one drive; 15h type 03h with 4032 sectors
 * in CX:DX; 48h the same geometry; a CHS read (cylinder 1, head 0,
 * sector 1) is LBA 1008; INT 41h points at the drive's parameter table
 * (IBM PC/AT layout: cylinders, heads, control byte 08h for more than 8
 * heads, sectors a track); drive 81h is not there (15h: AH = 00h).
 * @size 2064384
 */
#include "boot.h"
        START
        mov     %dl, bootdrv
        mov     $0x42, %ah      /* LBA 1-3: the rest of the test */
        mov     $dap, %si
        int     $0x13
        jc      fail
        jmp     main
fail:   PUTC    '!'
        EXIT    1
dap:    .byte   0x10, 0
        .word   3, 0x7e00, 0
        .quad   1
bootdrv: .byte  0
        .org    0x1be           /* one FAT32 partition, LBA 63-4031 */
        .byte   0x80, 1, 1, 0, 0x0c, 15, 63, 3
        .long   63, 4032 - 63
        .org    510
        .word   0xaa55
main:   mov     bootdrv, %al
        call    byte            /* 80 */
        mov     0x475, %al
        call    byte            /* 01 */
        int     $0x11
        and     $1, %al
        call    byte            /* 00 */
        mov     $0x08, %ah
        mov     $0x80, %dl
        int     $0x13
        jc      fail
        mov     %cx, %ax
        call    word            /* 033f */
        mov     %dx, %ax
        call    word            /* 0f01 */
        mov     $0x15, %ah
        mov     $0x80, %dl
        int     $0x13
        jc      fail
        mov     %ah, %al
        call    byte            /* 03 */
        mov     %cx, %ax
        call    hex16_e9
        mov     %dx, %ax
        call    word            /* 00000fc0 */
        movw    $0x1a, params
        mov     $0x48, %ah
        mov     $0x80, %dl
        mov     $params, %si
        int     $0x13
        jc      fail
        mov     params+4, %ax
        call    hex16_e9
        PUTC    ' '
        mov     params+8, %ax
        call    hex16_e9
        PUTC    ' '
        mov     params+12, %ax
        call    hex16_e9
        PUTC    ' '
        mov     params+16, %ax
        call    word            /* 0004 0010 003f 0fc0 */
        mov     $0x0201, %ax    /* C/H/S 1/0/1 */
        mov     $0x0101, %cx
        mov     $0x80, %dx
        mov     $0x9000, %bx
        int     $0x13
        jc      fail
        mov     $0x9000, %si
        call    puts_e9
        PUTC    '\n'            /* lba 1008 */
        push    %ds             /* INT 41h: its parameter table */
        lds     0x41*4, %si
        lodsw
        call    hex16_e9        /* cylinders */
        PUTC    ' '
        lodsb
        call    hex8_e9         /* heads */
        PUTC    ' '
        mov     5(%si), %al
        call    hex8_e9         /* control: more than 8 heads */
        PUTC    ' '
        mov     11(%si), %al
        call    hex8_e9         /* sectors a track */
        PUTC    '\n'
        pop     %ds
        mov     $0x15, %ah      /* 81h: no such drive */
        mov     $0x81, %dl
        int     $0x13
        mov     %ah, %al
        call    byte            /* 00 */
        EXIT    0
        LINE_LIB
params: .space  0x1a
        BOOT_LIB
        .org    1008 * 512
        .ascii  "lba 1008\0"
        .org    1009 * 512
