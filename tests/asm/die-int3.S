/* die-int3: int3 in user mode raises SIGTRAP: status 133.
 *@status 133
 */
#include "check.h"
test_main:
  int3
  ret
