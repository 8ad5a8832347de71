/* die-cli: cli with IOPL 0 (as Linux runs user code) is #GP: SIGSEGV.
 *@status 139
 */
#include "check.h"
test_main:
  cli
  ret
