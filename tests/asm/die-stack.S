/* die-stack: unbounded recursion runs off the end of the stack: SIGSEGV
 * once the stack limit is reached, not a hang or an emulator crash.
 *@status 139
 */
#include "check.h"
test_main:
recurse:
  sub $4096, %rsp
  movq $1, (%rsp)
  call recurse
  ret
