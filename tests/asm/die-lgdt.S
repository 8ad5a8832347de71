/* die-lgdt: lgdt is privileged: #GP, SIGSEGV (139).
 *@status 139
 */
#include "check.h"
test_main:
  lgdt (%rsp)
  ret
