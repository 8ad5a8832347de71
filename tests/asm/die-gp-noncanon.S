/* die-gp-noncanon: a DS operand at a non-canonical address is #GP (not
 * #SS): SIGSEGV (139).
 *@status 139
 */
#include "check.h"
test_main:
  movabs $0x1234567812345678, %rbx
  mov 8(%rbx), %rax
  ret
