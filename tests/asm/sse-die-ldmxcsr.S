/* sse-die-ldmxcsr: ldmxcsr with a reserved bit (31) set is #GP:
 * SIGSEGV (139); the same value without it loads fine.
 *@status 139
 */
#include "check.h"
test_main:
  sub $8, %rsp
  movl $0x00001f80, (%rsp)
  ldmxcsr (%rsp)
  movl $0x80001f80, (%rsp)
  ldmxcsr (%rsp)
  add $8, %rsp
  ret
