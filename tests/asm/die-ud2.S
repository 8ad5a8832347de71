/* die-ud2: ud2 raises #UD: SIGILL (132).
 *@status 132
 */
#include "check.h"
test_main:
  ud2
  ret
