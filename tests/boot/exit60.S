/* SYSCALL with EAX=60 (exit) ends the run too.
 * @status 7
 */
#include "boot.h"
        START
        PUTC    'x'
        mov     $60, %eax
        mov     $7, %edi
        syscall
        PUTC    'y'
        EXIT    3
        SIGNATURE
