/* die-lockbad: lock on an instruction that cannot take it (lock mov): #UD, SIGILL (132).
 *@status 132
 */
#include "check.h"
test_main:
  .byte 0xf0, 0x89, 0x04, 0x24
  ret
