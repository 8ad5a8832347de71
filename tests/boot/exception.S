/* A CPU exception nobody handles in real mode (a division by zero:
 * vector 00h) lands in the BIOS's default handler, which names the
 * vector and where it happened (the divide at 0000:7C14: since the
 * 80286, #DE points at the faulting instruction) and halts with
 * interrupts off: the run ends there (status 0, as for any hlt).
 */
#include "boot.h"
        START
        xor     %bl, %bl
        div     %bl
        EXIT    3
        SIGNATURE
