/* die-ss-enter: enterw with nesting level 3 reads the enclosing frame
 * pointers through a non-canonical RBP: #SS, SIGBUS (135).
 *@status 135
 */
#include "check.h"
test_main:
  movabs $0x844f39150b9fc5c3, %rbp
  .byte 0x66, 0x44, 0xc8, 0x33, 0x0c, 0xa3   /* enterw $0xc33, $0xa3 */
  ret
