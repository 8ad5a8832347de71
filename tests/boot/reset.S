/* A reset (port 92h bit 0, then the 8042's pulse FEh) restarts the CPU
 * at the reset vector and the BIOS boots again; RAM is kept, which is
 * how the second boot knows it is the second. */
#include "boot.h"
        START
        cmpl    $0x31746f6f, 0x7000     /* "oot1" left by the first boot */
        je      second
        movl    $0x31746f6f, 0x7000
        PUTC    '1'
        in      $0x92, %al
        or      $1, %al
        out     %al, $0x92
        PUTC    'X'             /* the reset comes before this */
        EXIT    3
second: cmpl    $0x32746f6f, 0x7004
        je      third
        movl    $0x32746f6f, 0x7004
        PUTC    '2'
        mov     $0xfe, %al      /* 8042: pulse the reset line */
        out     %al, $0x64
        PUTC    'Y'
        EXIT    3
third:  PUTC    '3'
        PUTC    '\n'
        EXIT    0
        SIGNATURE
