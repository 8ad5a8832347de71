/* die-ud0: ud0 (0F FF /r) raises #UD: SIGILL (132).
 *@status 132
 */
#include "check.h"
test_main:
  .byte 0x0f, 0xff, 0xc0
  ret
