/* die-ins: insb needs I/O privilege: #GP, SIGSEGV (139).
 *@status 139
 */
#include "check.h"
test_main:
  lea -64(%rsp), %rdi
  mov $0x80, %edx
  insb
  ret
