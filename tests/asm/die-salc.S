/* die-salc: salc (D6) does not exist in 64-bit mode: #UD, SIGILL (132).
 *@status 132
 */
#include "check.h"
test_main:
  .byte 0xd6
  ret
