/* INT 09h's translation of scan code set 1 (the IBM PC/AT key code
 * table, Ralf Brown's Interrupt List, INT 16h and the BDA's shift
 * flags at 40:17, 40:18, 40:96). The keys are fed through the 8042's
 * command D2h (the byte appears as if the keyboard sent it, with IRQ1):
 * Caps Lock reverses Shift on letters; Alt + keypad 6, 5 gives 'A' (the
 * code 65) with scan code 0; Alt+X, Ctrl+C; the grey Up arrow (E0 48)
 * keeps E0h for AH=10h; the right Ctrl (E0 1D) shows in AH=12h's AH
 * bit 2 while held; Num Lock turns keypad 8 into '8'; F1, Shift+F1, F11.
 * @limit 20
 */
#include "boot.h"
        START
        LOAD_REST 3        /* LBA 1-3: the rest of the test */

        .macro  KEYS bytes:vararg
        .irp    b, \bytes
        mov     $\b, %al
        call    scan
        .endr
        .endm

main:   sti
        KEYS    0x3a, 0xba      /* Caps Lock */
        call    flags           /* 40 */
        KEYS    0x1e, 0x9e      /* a: A */
        call    key             /* 1e41 */
        KEYS    0x2a, 0x1e, 0x9e, 0xaa /* Shift+a with Caps: a */
        call    key             /* 1e61 */
        KEYS    0x3a, 0xba      /* Caps Lock off */
        call    flags           /* 00 */
        KEYS    0x38, 0x4d, 0xcd, 0x4c, 0xcc, 0xb8 /* Alt 6 5: A */
        call    key             /* 0041 */
        KEYS    0x38, 0x2d, 0xad, 0xb8 /* Alt+X */
        call    key             /* 2d00 */
        KEYS    0x1d, 0x2e, 0xae, 0x9d /* Ctrl+C */
        call    key             /* 2e03 */
        KEYS    0xe0, 0x48, 0xe0, 0xc8 /* grey Up */
        call    key             /* 48e0 */
        KEYS    0xe0, 0x1d      /* right Ctrl down */
        mov     $0x12, %ah
        int     $0x16
        call    word            /* 0404 */
        KEYS    0xe0, 0x9d      /* and up */
        mov     $0x12, %ah
        int     $0x16
        call    word            /* 0000 */
        KEYS    0x45, 0xc5      /* Num Lock: keypad 8 is '8' */
        KEYS    0x48, 0xc8
        call    key             /* 4838 */
        call    flags           /* 20 */
        KEYS    0x45, 0xc5
        KEYS    0x48, 0xc8      /* and Up again */
        call    key             /* 4800 */
        KEYS    0x3b, 0xbb      /* F1 */
        call    key             /* 3b00 */
        KEYS    0x2a, 0x3b, 0xbb, 0xaa /* Shift+F1 */
        call    key             /* 5400 */
        KEYS    0x57, 0xd7      /* F11 */
        call    key             /* 8500 */
        EXIT    0

        SCAN_LIB
key:    mov     $0x10, %ah      /* the next key, as it is */
        int     $0x16
word:   call    hex16_e9
        PUTC    '\n'
        ret
flags:  mov     $2, %ah
        int     $0x16
        call    hex8_e9
        PUTC    '\n'
        ret
        BOOT_LIB
        .org    4 * 512
