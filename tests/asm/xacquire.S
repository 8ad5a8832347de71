/* xacquire: xacquire/xrelease (F2/F3) on lock cmpxchg8b are hints
 * that change nothing: the instruction runs (exit 0). Also rep-prefixed
 * cmpxchg8b. */
#include "check.h"
  .data
  .align 16
q: .quad 5
  .text
test_main:
  push %rbx
  mov $5, %eax
  xor %edx, %edx
  mov $7, %ebx
  xor %ecx, %ecx
  .byte 0xf2, 0xf0, 0x0f, 0xc7, 0x0d   /* xacquire lock cmpxchg8b q(%rip) */
  .long q - (. + 4)
  FLAGS(ZF, ZF)
  EQM(q(%rip), 7)
  .byte 0xf3, 0x0f, 0xc7, 0x0d          /* rep cmpxchg8b q(%rip) */
  .long q - (. + 4)
  FLAGS(ZF, 0)
  EQ(%rax, 7)
  pop %rbx
  ret
