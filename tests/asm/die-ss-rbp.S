/* die-ss-rbp: an RBP-based operand at a non-canonical address goes
 * through SS: #SS, SIGBUS (135).
 *@status 135
 */
#include "check.h"
test_main:
  movabs $0x1234567812345678, %rbp
  mov 8(%rbp), %rax
  ret
