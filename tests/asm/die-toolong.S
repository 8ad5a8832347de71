/* die-toolong: an instruction longer than 15 bytes (here 16: five
 * prefixes and an 11-byte add) is #GP: SIGSEGV (139).
 *@status 139
 */
#include "check.h"
test_main:
  .byte 0x26, 0x2e, 0x3e, 0x66, 0x48                /* 5 prefixes */
  .byte 0x81, 0x84, 0x24, 0, 0, 0, 0                /* add $imm32, 0(%rsp) */
  .long 0
  ret
