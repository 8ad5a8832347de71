/* die-ac: RFLAGS.AC in user mode turns on alignment checking (Linux sets
 * CR0.AM): aligned accesses of every size, byte accesses anywhere and a
 * byte string copy still run; with AC clear again a misaligned access
 * runs too; with AC set, a misaligned dword load is #AC: SIGBUS (135).
 *@status 135
 */
#include "check.h"
  .data
  .align 16
buf: .quad 0x1122334455667788, 0x99aabbccddeeff00
dst: .skip 32
  .text
test_main:
  pushfq
  orl $0x40000, (%rsp)
  popfq
  mov buf(%rip), %rax
  mov buf+8(%rip), %eax
  mov buf+12(%rip), %ax
  mov buf+3(%rip), %al
  mov %rax, dst(%rip)
  push %rax
  pop %rax
  lea buf+1(%rip), %rsi
  lea dst+3(%rip), %rdi
  mov $7, %ecx
  rep movsb
  pushfq
  andl $~0x40000, (%rsp)
  popfq
  mov buf+1(%rip), %rax       /* AC clear: fine */
  pushfq
  orl $0x40000, (%rsp)
  popfq
  mov buf+2(%rip), %eax       /* #AC */
  ret
