/* INT 1Ah and the timer tick (Ralf Brown's Interrupt List, INT 1A, INT
 * 15/86): a one-second INT 15h AH=86h wait lets 16-20 ticks pass (18.2
 * a second); AH=00h reads the count at 40:6C; AH=01h sets it; past
 * 1800AFh (24 hours) it wraps to 0 and AH=00h reports the midnight
 * once (AL = 1, then 0). The RTC (AH=02h time, 04h date) is valid BCD;
 * the test writes it to the image's sector 1 and the host checks it
 * against its own local time: the same within a minute.
 * @after t=$(od -An -tx1 -j512 -N7 "$IMG" | tr -d ' \n'); g=$(date -d "${t:6:4}-${t:10:2}-${t:12:2} ${t:0:2}:${t:2:2}:${t:4:2}" +%s) && d=$(( $(date +%s) - g )) && [ "$d" -ge -5 ] && [ "$d" -le 60 ]
 */
#include "boot.h"
        START
        sti
        LOAD_REST 3        /* LBA 1-3: the rest of the test */
main:   xor     %ah, %ah        /* ticks before and after 1 s */
        int     $0x1a
        mov     %dx, %si
        mov     $0x86, %ah
        mov     $0x000f, %cx
        mov     $0x4240, %dx    /* 1000000 us */
        int     $0x15
        jc      fail
        xor     %ah, %ah
        int     $0x1a
        cmp     0x46c, %dx      /* what 40:6C says */
        jne     fail
        sub     %si, %dx
        cmp     $16, %dx
        jb      fail
        cmp     $20, %dx
        ja      fail
        PUTC    'a'
        mov     $1, %ah         /* set the count; read it back */
        mov     $0x0012, %cx
        mov     $0x3456, %dx
        int     $0x1a
        xor     %ah, %ah
        int     $0x1a
        cmp     $0x0012, %cx
        jne     fail
        sub     $0x3456, %dx
        cmp     $2, %dx
        ja      fail
        PUTC    'b'
        mov     $1, %ah         /* one tick before midnight */
        mov     $0x0018, %cx
        mov     $0x00af, %dx
        int     $0x1a
        mov     0x46c, %bx      /* two ticks pass */
1:      hlt
        cmp     0x46c, %bx
        je      1b
        mov     0x46c, %bx
2:      hlt
        cmp     0x46c, %bx
        je      2b
        xor     %ah, %ah
        int     $0x1a
        call    byte            /* 01: midnight */
        test    %cx, %cx
        jnz     fail
        cmp     $3, %dx
        ja      fail
        xor     %ah, %ah
        int     $0x1a
        call    byte            /* 00: reported once */
        mov     $2, %ah         /* time: CH:CL:DH to 8000h */
        int     $0x1a
        jc      fail
        mov     %ch, 0x8000
        mov     %cl, 0x8001
        mov     %dh, 0x8002
        mov     $4, %ah         /* date: CH CL DH DL */
        int     $0x1a
        jc      fail
        mov     %ch, 0x8003
        mov     %cl, 0x8004
        mov     %dh, 0x8005
        mov     %dl, 0x8006
        mov     $0x8000, %si    /* every nibble a decimal digit */
        mov     $7, %cx
3:      lodsb
        mov     %al, %ah
        and     $0x0f, %al
        cmp     $9, %al
        ja      fail
        shr     $4, %ah
        cmp     $9, %ah
        ja      fail
        loop    3b
        cmpb    $0x23, 0x8000   /* hours 00-23, minutes/seconds < 60 */
        ja      fail
        cmpb    $0x59, 0x8001
        ja      fail
        cmpb    $0x59, 0x8002
        ja      fail
        PUTC    'c'
        mov     $0x0301, %ax    /* to sector 1 for the host to check */
        mov     $0x0002, %cx
        xor     %dx, %dx
        mov     $0x8000, %bx
        int     $0x13
        jc      fail
        PUTC    '\n'
        EXIT    0
byte:   call    hex8_e9
        PUTC    '\n'
        ret
        BOOT_LIB
        .org    4 * 512
