/* die-sti: sti needs IOPL 3: #GP, SIGSEGV (139).
 *@status 139
 */
#include "check.h"
test_main:
  sti
  ret
