/* A fault that cannot be delivered (an IVT limit of 0: the #BP, then
 * the #GP, then the #DF do not fit) is a triple fault: the run ends
 * with one line on stderr and status 1.
 * @status 1
 */
#include "boot.h"
        START
        PUTC    't'
        lidt    idt0
        int3
        PUTC    'X'
        EXIT    3
idt0:   .word   0
        .long   0
        SIGNATURE
