/* die-movcr5: CR5 does not exist: mov from it is #UD (SIGILL, 132)
 * before the privilege check that mov from CR0 fails with #GP.
 *@status 132
 */
#include "check.h"
test_main:
  .byte 0x0f, 0x20, 0xe8      /* mov %cr5, %rax */
  ret
