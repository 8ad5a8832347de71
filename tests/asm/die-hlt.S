/* die-hlt: hlt is privileged: #GP in user mode, SIGSEGV (139).
 *@status 139
 */
#include "check.h"
test_main:
  hlt
  ret
