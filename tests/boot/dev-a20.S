/* The A20 gate from the guest's side: port 92h bit 1 and the 8042's
 * output port (command D1h) both switch it; with A20 off FFFF:0510 is
 * 0000:0500 again (the 8086 wrap), with it on it is 100500h. Prints
 * one letter a check: "w" wrapped, "s" separate. Expected "swswsws":
 * after POST A20 is on, then 92h off/on, then 8042 off/on, then the
 * 8042's DDh/DFh. */
#include "boot.h"
        START
        call    probe           /* on after POST */
        in      $0x92, %al
        and     $~2, %al
        out     %al, $0x92
        call    probe           /* 92h: off */
        in      $0x92, %al
        or      $2, %al
        out     %al, $0x92
        call    probe
        mov     $0xd1, %al      /* 8042 output port: A20 off */
        out     %al, $0x64
        mov     $0xdd, %al      /* (bit 1 clear, reset bit 0 set) */
        out     %al, $0x60
        call    probe
        mov     $0xd1, %al
        out     %al, $0x64
        mov     $0xdf, %al
        out     %al, $0x60
        call    probe
        mov     $0xdd, %al      /* 8042 command DDh: A20 off */
        out     %al, $0x64
        call    probe
        mov     $0xdf, %al      /* DFh: on */
        out     %al, $0x64
        call    probe
        PUTC    '\n'
        EXIT    0

/* "w" if a byte written at 0000:0500 shows at FFFF:0510, else "s". */
probe:  push    %es
        mov     $0xffff, %ax
        mov     %ax, %es
        movb    $0x11, 0x500
        movb    $0x22, %es:0x510
        cmpb    $0x22, 0x500
        pop     %es
        je      1f
        PUTC    's'
        ret
1:      PUTC    'w'
        ret

        SIGNATURE
