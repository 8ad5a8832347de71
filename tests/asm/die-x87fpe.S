/* die-x87fpe: with zero-divide unmasked in the x87 control word, fdiv by
 * zero sets a pending exception that the next waiting x87 instruction
 * raises (#MF): SIGFPE (136).
 *@status 136
 */
#include "check.h"
test_main:
  sub $8, %rsp
  fnstcw (%rsp)
  andw $~0x4, (%rsp)              /* clear ZM */
  fldcw (%rsp)
  fld1
  fldz
  fdivrp                          /* 1 / 0 */
  fwait
  add $8, %rsp
  ret
