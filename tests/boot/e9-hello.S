/* Output through the debug port E9h reaches stdout; SYSCALL exit_group
 * ends the run with status 0. */
#include "boot.h"
        START
        mov     $msg, %si
        call    puts_e9
        EXIT    0
        BOOT_LIB
msg:    .asciz  "hello from the debug port\n"
        SIGNATURE
