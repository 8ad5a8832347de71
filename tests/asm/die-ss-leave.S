/* die-ss-leave: leave with a non-canonical RBP reads through SS at a
 * non-canonical address: #SS, which Linux delivers as SIGBUS (135).
 *@status 135
 */
#include "check.h"
test_main:
  movabs $0x844f39150b9fc5c3, %rbp
  .byte 0x66, 0x48, 0xc9       /* leave with 66 and REX.W: 64-bit */
  ret
