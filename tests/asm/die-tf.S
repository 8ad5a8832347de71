/* die-tf: popf with TF set: a single-step trap after the next instruction, SIGTRAP (133).
 *@status 133
 */
#include "check.h"
test_main:
  pushfq
  orq $0x100, (%rsp)
  popfq
  nop
  nop
  ret
