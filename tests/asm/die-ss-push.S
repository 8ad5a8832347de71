/* die-ss-push: a push with a non-canonical RSP: #SS, SIGBUS (135).
 *@status 135
 */
#include "check.h"
test_main:
  movabs $0x0000800000000010, %rsp
  push %rax
  ret
