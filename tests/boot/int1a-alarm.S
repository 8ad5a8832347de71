/* INT 1Ah AH=06h/07h, the RTC alarm (Ralf Brown's Interrupt List, INT
 * 1A/06): an alarm two seconds ahead is set (CF clear), a second one is
 * refused while it is set (CF), and within a few seconds the RTC's IRQ8
 * reaches the program's INT 4Ah; after AH=07h cancels a new alarm,
 * nothing comes.
 * @limit 20
 */
#include "boot.h"
        START
        sti
        movw    $ring, 0x4a*4   /* INT 4Ah: count the alarms */
        movw    $0, 0x4a*4+2
        call    alarm2          /* in 2 s */
        jc      fail
        PUTC    'a'
        call    alarm2          /* again: refused */
        jnc     fail
        PUTC    'b'
        mov     $100, %cx       /* up to 5.5 s for it */
1:      hlt
        cmpb    $0, rang
        jne     2f
        loop    1b
        jmp     fail
2:      PUTC    'c'
        mov     $7, %ah         /* cancel it; set one and cancel it */
        int     $0x1a
        movb    $0, rang
        call    alarm2
        jc      fail
        mov     $7, %ah
        int     $0x1a
        mov     $64, %cx        /* 3.5 s: nothing */
3:      hlt
        loop    3b
        cmpb    $0, rang
        jne     fail
        PUTC    'd'
        PUTC    '\n'
        EXIT    0
fail:   PUTC    '!'
        EXIT    1

/* An alarm 2 s from now (waiting out seconds 57-59 first so that the
 * minute does not change in between); CF as AH=06h returns it. */
alarm2: mov     $2, %ah
        int     $0x1a
        jc      alarm2
        cmp     $0x57, %dh
        jb      1f
        hlt
        jmp     alarm2
1:      mov     %dh, %al
        add     $2, %al
        daa
        mov     %al, %dh
        mov     $6, %ah
        int     $0x1a
        ret

ring:   incb    %cs:rang
        iret
rang:   .byte   0
        BOOT_LIB
        SIGNATURE
