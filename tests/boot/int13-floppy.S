/* INT 13h on a 360K diskette (40 cylinders, 2 heads, 9 sectors a track;
 * Ralf Brown's Interrupt List, INT 13): 08h parameters (BL = type 01h,
 * CX = last cylinder 27h | 9 sectors, DH = last head, DL = 1 drive,
 * ES:DI = the diskette table at F000:EFC7), 02h CHS reads (head 1
 * sector 1 = LBA 9), 03h write + 04h verify + read back, a sector past
 * the track (04h, CF) and 01h reporting it, 00h reset, 15h type,
 * 41h/42h/48h extensions (EDD 1.1: AH=21h, CX bit 0), a 42h read past
 * the disk (04h), 08h on an absent hard disk (CF). The write reaches the
 * image file: afterwards its sector 2 is its sector 0.
 * @size 368640
 * @after cmp -s <(dd if="$IMG" bs=512 skip=2 count=1 status=none) <(dd if="$IMG" bs=512 count=1 status=none)
 */
#include "boot.h"
        START
        LOAD_REST 3        /* LBA 1-3: the rest of the test */
main:   mov     $0x08, %ah
        mov     $0x00, %dl
        int     $0x13
        call    status          /* 00 CF=0 */
        mov     %bx, %ax
        call    word            /* 0001 */
        mov     %cx, %ax
        call    word            /* 2709 */
        mov     %dx, %ax
        call    word            /* 0101 */
        mov     %es, %ax
        call    hex16_e9
        PUTC    ':'
        mov     %di, %ax
        call    word            /* f000:efc7 */
        xor     %ax, %ax
        mov     %ax, %es
        mov     $0x0201, %ax    /* CHS 0/0/6 = LBA 5 */
        mov     $0x0006, %cx
        mov     $0x0000, %dx
        mov     $0x8000, %bx
        int     $0x13
        call    status          /* 00 CF=0 */
        call    sector          /* sector 5 */
        mov     $0x0201, %ax    /* CHS 0/1/1 = LBA 9 */
        mov     $0x0001, %cx
        mov     $0x0100, %dx
        int     $0x13
        call    sector          /* sector 9 */
        mov     $0x0301, %ax    /* write the boot sector to LBA 2 */
        mov     $0x0003, %cx
        xor     %dx, %dx
        mov     $0x7c00, %bx
        int     $0x13
        call    status          /* 00 */
        mov     $0x0401, %ax    /* verify it */
        int     $0x13
        call    status          /* 00 */
        mov     $0x0201, %ax    /* and read it back */
        mov     $0x9000, %bx
        int     $0x13
        mov     $0x7c00, %si
        mov     $0x9000, %di
        mov     $512, %cx
        repe cmpsb
        jne     fail
        mov     $0x0201, %ax    /* sector 10 of a 9-sector track */
        mov     $0x000a, %cx
        xor     %dx, %dx
        mov     $0x8000, %bx
        int     $0x13
        call    status          /* 04 CF=1 */
        mov     $0x01, %ah      /* the last status */
        xor     %dl, %dl
        int     $0x13
        call    status          /* 04 CF=1 */
        mov     $0x00, %ah      /* reset */
        int     $0x13
        call    status          /* 00 */
        mov     $0x15, %ah      /* type: diskette, no change line */
        int     $0x13
        mov     %ah, %al
        call    byte            /* 01 */
        mov     $0x41, %ah      /* extensions? */
        mov     $0x55aa, %bx
        int     $0x13
        call    status          /* 21 CF=0 */
        mov     %bx, %ax
        call    word            /* aa55 */
        mov     %cx, %ax
        and     $1, %ax
        call    word            /* 0001 */
        mov     $0x42, %ah      /* DAP: LBA 9, 1 sector, to 0:8000 */
        mov     $dap, %si
        int     $0x13
        call    status          /* 00 */
        call    sector          /* sector 9 */
        mov     dap+2, %ax
        call    word            /* 0001 done */
        movl    $720, dap+8     /* past the end */
        mov     $0x42, %ah
        mov     $dap, %si
        int     $0x13
        call    status          /* 04 CF=1 */
        mov     dap+2, %ax
        call    word            /* 0000 done */
        movw    $0x1e, params   /* 48h: the drive's parameters */
        mov     $0x48, %ah
        mov     $params, %si
        int     $0x13
        call    status          /* 00 */
        mov     params, %ax     /* size, flags, cylinders, heads, */
        call    hex16_e9        /* sectors a track, sectors, bytes */
        PUTC    ' '             /* a sector (the low words) */
        mov     params+2, %ax
        call    hex16_e9
        PUTC    ' '
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
        call    hex16_e9
        PUTC    ' '
        mov     params+24, %ax
        call    word            /* 001e 0002 0028 0002 0009 02d0 0200 */
        mov     $0x08, %ah      /* no hard disk */
        mov     $0x80, %dl
        int     $0x13
        pushf
        mov     %ah, %al
        call    hex8_e9
        popf
        jnc     fail
        PUTC    '\n'
        EXIT    0

        STATUS_LIB              /* status: AH and CF */
sector: mov     $0x8000, %si    /* the string read to 8000h */
        call    puts_e9
        PUTC    '\n'
        ret
        LINE_LIB
dap:    .byte   0x10, 0
        .word   1, 0x8000, 0
        .quad   9
params: .space  0x1e
        BOOT_LIB
        .org    5 * 512
        .ascii  "sector 5\0"
        .org    9 * 512
        .ascii  "sector 9\0"
        .org    10 * 512
