/* die-int80x: int with a vector that has no user gate (int 0x81): #GP, SIGSEGV (139).
 *@status 139
 */
#include "check.h"
test_main:
  int $0x81
  ret
