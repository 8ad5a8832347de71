/* die-movcr: mov to/from a control register is privileged: #GP, SIGSEGV (139).
 *@status 139
 */
#include "check.h"
test_main:
  mov %cr0, %rax
  ret
