/* mmx-die-mf: an unmasked x87 exception left pending (1/0 with ZM
 * clear) is delivered by the next MMX instruction, as by a waiting x87
 * one: #MF, SIGFPE (136), before paddb changes anything.
 *@status 136
 */
#include "check.h"
test_main:
  sub $8, %rsp
  fninit
  fnstcw (%rsp)
  andw $~0x4, (%rsp)              /* clear ZM */
  fldcw (%rsp)
  fldz
  fld1
  fdiv %st(1), %st                /* ZE, pending: no trap yet */
  paddb %mm1, %mm0                /* #MF here */
  add $8, %rsp
  ret
