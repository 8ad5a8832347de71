/* die-int1: int1 / icebp (F1) is a debug trap: SIGTRAP (133).
 *@status 133
 */
#include "check.h"
test_main:
  .byte 0xf1
  ret
