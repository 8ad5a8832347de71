/* A guest that never ends is stopped by -T with status 124; hlt with
 * interrupts on sleeps in between (no spinning).
 * @limit 0.5
 *
 * @status 124
 */
#include "boot.h"
        START
        PUTC    's'
        sti
1:      hlt
        jmp     1b
        SIGNATURE
