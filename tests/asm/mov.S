/* mov: mov in each size (8/16-bit writes keep the rest, 32-bit writes
 * zero-extend), movzx/movsx/movsxd, cbw/cwde/cdqe/cwd/cdq/cqo, lea with
 * every addressing form (including 32-bit address size and rip), movabs,
 * xlat, lahf/sahf, cmc, loop/jrcxz and a jump table. */
#include "check.h"

  .section .rodata
  .align 8
table: .byte 10, 11, 12, 13, 14, 15, 16, 17
jtab:  .quad case0, case1, case2
  .data
val:   .quad 0x8877665544332211

  .text
test_main:
  push %rbx
  mov $0xffffffffffffffff, %rax
  mov $0x12, %al
  EQ(%rax, 0xffffffffffffff12)
  mov $0x34, %ah
  EQ(%rax, 0xffffffffffff3412)
  mov $0x5678, %ax
  EQ(%rax, 0xffffffffffff5678)
  mov $0x9abc, %eax
  EQ(%rax, 0x9abc)
  mov $-1, %rax
  EQ(%rax, 0xffffffffffffffff)
  movl $-1, %eax
  EQ(%rax, 0xffffffff)
  movabs $0x123456789abcdef0, %rax
  EQ(%rax, 0x123456789abcdef0)
  mov $0xffffffffffffffff, %r8
  mov $0x77, %r8b
  EQ(%r8, 0xffffffffffffff77)
  mov $0xaa, %sil
  movzbl %sil, %esi
  EQ(%rsi, 0xaa)
  mov val(%rip), %rax
  EQ(%rax, 0x8877665544332211)
  movabs val, %al          /* moffs8 */
  movzbl %al, %eax
  EQ(%rax, 0x11)

  /* zero and sign extension. */
  mov $0x80, %ecx
  movsbl %cl, %edx
  EQ(%rdx, 0xffffff80)
  movsbq %cl, %rdx
  EQ(%rdx, 0xffffffffffffff80)
  movswq val+6(%rip), %rdx
  EQ(%rdx, 0xffffffffffff8877)
  movzwq val+6(%rip), %rdx
  EQ(%rdx, 0x8877)
  movslq val+4(%rip), %rdx
  EQ(%rdx, 0xffffffff88776655)
  movzbw %cl, %dx
  EQ(%rdx, 0xffffffff88770080)
  movsbw %cl, %dx
  EQ(%rdx, 0xffffffff8877ff80)
  mov $0x8000, %eax
  cwtl
  EQ(%rax, 0xffff8000)
  cltq
  EQ(%rax, 0xffffffffffff8000)
  mov $0x7f80, %eax
  cbtw
  EQ(%rax, 0xff80)
  mov $0x8000, %ax
  mov $0x1234, %edx
  cwtd
  EQ(%rdx, 0xffff)
  mov $-5, %eax
  cltd
  EQ(%rdx, 0xffffffff)
  mov $5, %rax
  cqto
  EQ(%rdx, 0)

  /* lea. */
  mov $0x1000, %rbx
  mov $0x10, %rcx
  lea 8(%rbx,%rcx,4), %rax
  EQ(%rax, 0x1048)
  lea -1(%rbx), %rax
  EQ(%rax, 0xfff)
  lea (,%rcx,8), %rax
  EQ(%rax, 0x80)
  lea 0x7fffffff(%rbx,%rbx), %rax
  EQ(%rax, 0x80001fff)
  mov $0xffffffff, %edx
  lea 2(%edx), %eax          /* 32-bit address size wraps */
  EQ(%rax, 1)
  lea 2(%rdx), %eax          /* 32-bit operand truncates */
  EQ(%rax, 1)
  lea 2(%rdx), %rax
  EQ(%rax, 0x100000001)
  lea (%rbx,%rcx), %ax
  EQ(%rax, 0x100001010)
  lea 0(%rip), %rax
1:
  lea 1b(%rip), %rdx
  EQR(%rax, %rdx)
  mov $3, %r13
  lea (%r13,%r13,2), %r12    /* r13 as a base needs a displacement */
  EQ(%r12, 9)

  /* xlat, lahf/sahf, cmc. */
  lea table(%rip), %rbx
  mov $0xffff05, %eax
  xlat
  EQ(%rax, 0xffff0f)
  mov $1, %eax
  add %eax, %eax             /* ZF=0 */
  stc
  mov $0, %eax
  lahf
  and $((CF|ZF|0x2)<<8), %eax
  EQ(%rax, (CF|0x2)<<8)
  mov $((ZF|SF)<<8), %eax
  sahf
  FLAGS(ZF|SF|CF, ZF|SF)
  clc
  cmc
  FLAGS(CF, CF)
  stc
  cmc
  FLAGS(CF, 0)

  /* loop and jrcxz. */
  mov $5, %ecx
  xor %eax, %eax
2:
  add %rcx, %rax
  loop 2b
  EQ(%rax, 15)
  EQ(%rcx, 0)
  xor %ecx, %ecx
  jrcxz 3f
  FAIL()
3:
  mov $10, %ecx
  xor %eax, %eax
4:
  inc %eax
  cmp $3, %eax
  loopne 4b
  EQ(%rax, 3)
  EQ(%rcx, 7)
  mov $0x100000000, %rcx
  jecxz 5f
  FAIL()
5:
  /* jump table. */
  xor %esi, %esi
  lea jtab(%rip), %rbx
  mov $2, %eax
  jmp *(%rbx,%rax,8)
case0:
  FAIL()
case2:
  inc %esi
  mov $1, %eax
  jmp *(%rbx,%rax,8)
case1:
  EQ(%rsi, 1)
  pop %rbx
  ret
