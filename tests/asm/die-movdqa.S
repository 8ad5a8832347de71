/* die-movdqa: movdqa from an address that is not 16-byte aligned is
 * #GP: SIGSEGV (movdqu there is fine).
 *@status 139
 */
#include "check.h"
test_main:
  sub $64, %rsp
  lea 17(%rsp), %rax
  movdqu (%rax), %xmm0
  movdqa (%rax), %xmm0
  add $64, %rsp
  ret
