/* die-ud1: ud1 (0F B9 /r) raises #UD: SIGILL (132).
 *@status 132
 */
#include "check.h"
test_main:
  .byte 0x0f, 0xb9, 0x04, 0x24
  ret
