/* The "blink disk controller" at 510h-51Fh, programmed directly (no
 * BIOS): identify, read, write through to the image file, reads past a
 * short file's end (zeros), sectors past the floppy's end (04h), a drive
 * that is not there (80h), a bad command (01h). The image is 3 sectors:
 * a 160K floppy (40/1/8, 320 sectors) whose sectors 3-319 read as zeros
 * and cannot be written.
 * After the run the image's sector 2 is its sector 0 (the write went
 * through to the file):
 *
 * @after cmp -s <(dd if="$IMG" bs=512 skip=2 count=1 status=none) <(dd if="$IMG" bs=512 count=1 status=none)
 */
#include "boot.h"
        START
        /* identify drive 00h */
        mov     $0, %al
        call    drive
        mov     $4, %al
        call    cmd
        mov     $0x514, %dx
        in      %dx, %ax
        call    hex16_e9        /* sectors */
        PUTC    ' '
        mov     $0x51c, %dx
        in      %dx, %ax
        call    hex16_e9        /* cylinders */
        PUTC    ' '
        mov     $0x51e, %dx
        in      %dx, %al
        call    hex8_e9         /* heads */
        PUTC    ' '
        mov     $0x51f, %dx
        in      %dx, %al
        call    hex8_e9         /* sectors per track */
        PUTC    ' '
        mov     $0x512, %dx
        in      %dx, %ax
        call    hex16_e9        /* sector size */
        PUTC    '\n'
        /* read sector 1 (a string) to 8000h */
        mov     $1, %ax
        mov     $1, %bx
        mov     $0x8000, %cx
        mov     $1, %si
        call    xfer
        mov     $0x8000, %si
        call    puts_e9
        /* write this boot sector to sector 2, read it back to 9000h */
        mov     $2, %ax
        mov     $2, %bx
        mov     $0x7c00, %cx
        mov     $1, %si
        call    xfer
        mov     $1, %ax
        mov     $2, %bx
        mov     $0x9000, %cx
        mov     $1, %si
        call    xfer
        SAME_SECTOR 0x7c00, 0x9000
        /* write sector 5: past the file's end, 04h, nothing done */
        mov     $2, %ax
        mov     $5, %bx
        mov     $0x7c00, %cx
        mov     $1, %si
        call    xfer
        /* read sector 5 over ones: zeros */
        mov     $0x9000, %di
        mov     $0xff, %al
        mov     $512, %cx
        rep stosb
        mov     $1, %ax
        mov     $5, %bx
        mov     $0x9000, %cx
        mov     $1, %si
        call    xfer
        mov     $0x9000, %di
        xor     %al, %al
        mov     $512, %cx
        repe scasb
        mov     $zeros, %si
        je      1f
        mov     $nonzero, %si
1:      call    puts_e9
        /* two sectors from 319: one done, then 04h */
        mov     $1, %ax
        mov     $319, %bx
        mov     $0x9000, %cx
        mov     $2, %si
        call    xfer
        /* verify sector 320: not there */
        mov     $3, %ax
        mov     $320, %bx
        mov     $0x9000, %cx
        mov     $1, %si
        call    xfer
        /* a bad command */
        mov     $9, %al
        call    cmd
        /* drive 80h is not there */
        mov     $0x80, %al
        call    drive
        mov     $4, %al
        call    cmd
        EXIT    0

/* drive AL */
drive:  mov     $0x510, %dx
        out     %al, %dx
        ret
/* command AL, then "st=SS " */
cmd:    mov     $0x511, %dx
        out     %al, %dx
        mov     $st, %si
        call    puts_e9
        in      %dx, %al
        call    hex8_e9
        PUTC    ' '
        ret
/* command AX on drive 0: LBA BX, buffer CX, count SI; "st=SS n=NNNN" */
xfer:   push    %si
        push    %ax
        xor     %al, %al
        call    drive
        mov     $0x512, %dx
        mov     %si, %ax
        out     %ax, %dx
        mov     $0x514, %dx
        movzwl  %bx, %eax
        out     %eax, %dx
        mov     $0x518, %dx
        xor     %eax, %eax
        out     %eax, %dx
        mov     $0x51c, %dx
        movzwl  %cx, %eax
        out     %eax, %dx
        pop     %ax
        call    cmd
        pop     %si
        PUTC    'n'
        PUTC    '='
        mov     $0x512, %dx
        in      %dx, %ax
        call    hex16_e9
        PUTC    '\n'
        ret
        BOOT_LIB
same:   .asciz  "same\n"
differ: .asciz  "differ\n"
zeros:  .asciz  "zeros\n"
nonzero: .asciz "nonzero\n"
st:     .asciz  "st="
        SIGNATURE
        /* sector 1 */
        .asciz  "this is sector one\n"
        .org    1024
        /* sector 2: written by the test */
        .fill   512, 1, 0x5a
