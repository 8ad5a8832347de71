/* die-ssefpe: with divide-by-zero unmasked in MXCSR, divsd by zero is a
 * SIMD floating point exception (#XM): SIGFPE (136).
 *@status 136
 */
#include "check.h"
test_main:
  sub $8, %rsp
  stmxcsr (%rsp)
  andl $~0x200, (%rsp)            /* clear ZM, the zero-divide mask */
  ldmxcsr (%rsp)
  add $8, %rsp
  mov $1, %eax
  cvtsi2sd %eax, %xmm0
  xorpd %xmm1, %xmm1
  divsd %xmm1, %xmm0
  ret
