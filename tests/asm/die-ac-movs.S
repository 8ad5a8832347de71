/* die-ac-movs: with RFLAGS.AC set, rep movsw from an odd address is #AC
 * at the first element: SIGBUS (135).
 *@status 135
 */
#include "check.h"
  .data
  .align 16
buf: .skip 64
dst: .skip 64
  .text
test_main:
  pushfq
  orl $0x40000, (%rsp)
  popfq
  lea buf+1(%rip), %rsi
  lea dst(%rip), %rdi
  mov $8, %ecx
  rep movsw
  pushfq
  andl $~0x40000, (%rsp)
  popfq
  ret
