/* The memory services on the default 16 MiB PC (Ralf Brown's Interrupt
 * List, INT 15/E820, E801, 88, 24xx, C0; INT 11, INT 12): the E820 map
 * (base, length, type; EBX continues, 0 after the last; EAX = 'SMAP'),
 * E801h (KiB 1M-16M, 64K blocks above), 88h (KiB above 1M), INT 12h
 * (639 KiB: a 1 KiB EBDA, whose segment 40:0E holds), INT 11h (one
 * diskette drive, maths coprocessor, 80x25 colour, one serial port),
 * the A20 gate (2402h state, 2403h support; off, FFFF:0010 is 0000:0000
 * again; back on, it is not), C0h (the configuration table's model
 * byte FCh, PC/AT) and an unsupported function (CF, AH = 86h).
 */
#include "boot.h"
        START
        LOAD_REST 3        /* LBA 1-3: the rest of the test */
main:   xor     %ebx, %ebx      /* E820 */
1:      mov     $0xe820, %eax
        mov     $0x534d4150, %edx
        mov     $20, %ecx
        mov     $0x9000, %di
        int     $0x15
        jc      fail
        cmp     $0x534d4150, %eax
        jne     fail
        cmp     $20, %ecx
        jne     fail
        mov     $0x9000, %si
        call    qword           /* base */
        PUTC    ' '
        call    qword           /* length */
        PUTC    ' '
        lodsw
        call    hex8_e9         /* type */
        PUTC    '\n'
        test    %ebx, %ebx
        jnz     1b
        mov     $0xe801, %ax
        int     $0x15
        jc      fail
        call    word            /* 3c00 */
        mov     %bx, %ax
        call    word            /* 0000 */
        mov     $0x88, %ah
        int     $0x15
        call    word            /* 3c00 */
        int     $0x12
        call    word            /* 027f */
        mov     0x40e, %ax
        call    word            /* 9fc0 */
        int     $0x11
        call    word            /* 0223 */
        mov     $0x2402, %ax
        int     $0x15
        jc      fail
        call    byte            /* 01 */
        mov     $0x2403, %ax
        int     $0x15
        mov     %bx, %ax
        call    word            /* 0003 */
        mov     $0x2400, %ax    /* A20 off: a wrap */
        int     $0x15
        call    wrap            /* wraps */
        mov     $0x2402, %ax
        int     $0x15
        call    byte            /* 00 */
        mov     $0x2401, %ax
        int     $0x15
        call    wrap            /* does not wrap */
        mov     $0xc0, %ah
        int     $0x15
        jc      fail
        mov     %es:2(%bx), %al
        call    byte            /* fc */
        mov     $0x53, %ah      /* APM: not here */
        mov     $0x00, %al
        xor     %bx, %bx
        int     $0x15
        jnc     fail
        mov     %ah, %al
        call    byte            /* 86 */
        EXIT    0

/* Print "wraps" if a byte written at FFFF:0010 shows at 0000:0000. */
wrap:   push    %ds
        mov     $0xffff, %ax
        mov     %ax, %es
        mov     %ds:0, %bl      /* (the IVT's first byte: put back) */
        movb    $0x5a, %es:0x10
        movb    $0xa5, %ds:0
        mov     %es:0x10, %al
        mov     %bl, %ds:0
        mov     $wraps, %si
        cmp     $0xa5, %al
        je      1f
        mov     $nowrap, %si
1:      call    puts_e9
        xor     %ax, %ax
        mov     %ax, %es
        pop     %ds
        ret
qword:  mov     6(%si), %ax
        call    hex16_e9
        mov     4(%si), %ax
        call    hex16_e9
        mov     2(%si), %ax
        call    hex16_e9
        mov     (%si), %ax
        call    hex16_e9
        add     $8, %si
        ret
        LINE_LIB
wraps:  .asciz  "wraps\n"
nowrap: .asciz  "does not wrap\n"
        BOOT_LIB
        .org    4 * 512
