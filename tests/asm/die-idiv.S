/* die-idiv: INT64_MIN / -1 overflows the quotient: #DE, SIGFPE (136),
 * like division by zero.
 *@status 136
 */
#include "check.h"
test_main:
  mov $0x8000000000000000, %rax
  cqo
  mov $-1, %rcx
  idiv %rcx
  ret
