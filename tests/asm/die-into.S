/* die-into: into (CE) does not exist in 64-bit mode: #UD, SIGILL (132), even with OF set.
 *@status 132
 */
#include "check.h"
test_main:
  mov $0x7f, %al
  add $1, %al
  .byte 0xce
  ret
