/* die-idiv32: idiv of a 32-bit INT_MIN by -1, #DE, SIGFPE (136).
 *@status 136
 */
#include "check.h"
test_main:
  mov $0x80000000, %eax
  cdq
  mov $-1, %ecx
  idiv %ecx
  ret
