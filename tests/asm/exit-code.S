/* exit-code: exit_group(298) exits with status 298 & 255 = 42.
 *@status 42
 */
#include "check.h"
test_main:
  mov $231, %eax
  mov $298, %edi
  syscall
  hlt
