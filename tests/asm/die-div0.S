/* die-div0: div by zero (8-bit): #DE, SIGFPE (136).
 *@status 136
 */
#include "check.h"
test_main:
  mov $100, %eax
  xor %ecx, %ecx
  div %cl
  ret
