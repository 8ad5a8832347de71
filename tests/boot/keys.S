/* Keys from stdin (keys.keys) reach INT 16h AH=00h through the 8042 and
 * the BIOS's IRQ1 handler, with the scan code and ASCII values of the IBM
 * PC/AT keyboard (Ralf Brown's list, INT 16h; scan code set 1): letters
 * with and without shift, Enter, Backspace, and terminal escape
 * sequences for Up (ESC [ A), F5 (ESC [ 15 ~) and F1 (ESC O P); a lone
 * ESC at the end of input is the Esc key, which ends the test. */
#include "boot.h"
        START
        sti
1:      xor     %ah, %ah
        int     $0x16
        call    hex16_e9
        mov     %al, %bl
        PUTC    ' '
        cmp     $0x1b, %bl
        jne     1b
        PUTC    '\n'
        EXIT    0
        BOOT_LIB
        SIGNATURE
