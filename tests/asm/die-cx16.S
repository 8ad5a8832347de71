/* die-cx16: cmpxchg16b needs a 16-byte aligned operand: #GP, SIGSEGV (139).
 *@status 139
 */
#include "check.h"
test_main:
  sub $40, %rsp
  lea 8(%rsp), %rdi
  or $8, %rdi              /* 8 bytes off a 16-byte boundary */
  xor %eax, %eax
  xor %edx, %edx
  cmpxchg16b (%rdi)
  ret
