/* die-ss-leave: leave with a non-canonical RBP reads through SS at a
 * non-canonical address: #SS, which Linux delivers as SIGBUS (135).
 *@status 135
 */
#include "check.h"
test_main:
  movabs $0x8000000000001000, %rbp
  leave
  ret
