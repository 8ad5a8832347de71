/* die-nx: jumping into data (the stack, which is not executable) is a
 * page fault: SIGSEGV.
 *@status 139
 */
#include "check.h"
test_main:
  sub $16, %rsp
  movl $0xc3c3c3c3, (%rsp)        /* ret; ret; ... */
  call *%rsp
  add $16, %rsp
  ret
