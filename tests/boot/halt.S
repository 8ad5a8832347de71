/* hlt with interrupts off ends the run: status 0 (and one line on
 * stderr naming CS:IP). */
#include "boot.h"
        START
        PUTC    'h'
        PUTC    '\n'
        cli
        hlt
        PUTC    'X'             /* never: nothing wakes the CPU */
        EXIT    3
        SIGNATURE
