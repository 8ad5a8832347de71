/* die-in: port input without I/O permission is #GP: SIGSEGV.
 *@status 139
 */
#include "check.h"
test_main:
  mov $0x60, %dx
  in %dx, %al
  ret
