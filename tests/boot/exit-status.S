/* SYSCALL with EAX=231 (exit_group) ends the run with EDI's low 8 bits
 * as blink's status.
 * @status 42
 */
#include "boot.h"
        START
        PUTC    'a'
        mov     $231, %eax
        mov     $0x12a, %edi    /* 0x12a & 0xff = 42 */
        syscall
        PUTC    'b'             /* not reached */
        EXIT    3
        SIGNATURE
