/* shift: shl/shr/sar/rol/ror/rcl/rcr by 1, by imm8 and by %cl in each
 * size, count masking (the count is taken mod 32, or mod 64 with REX.W),
 * a zero count leaving the flags alone, and shld/shrd. Only defined
 * flags are checked: OF only for counts of 1, AF never. */
#include "check.h"

test_main:
  /* shl: CF is the last bit shifted out. */
  mov $0x8000000000000001, %rax
  shl $1, %rax
  FLAGS(CF|ZF|SF|OF|PF, CF|OF)
  EQ(%rax, 2)
  mov $0x40, %al
  shl $1, %al
  FLAGS(CF|ZF|SF|OF|PF, SF|OF)
  mov $0x81, %ebx
  shl $4, %bl
  FLAGS(CF|ZF|SF, 0)
  EQ(%rbx, 0x10)
  mov $0x0000ffff, %edx
  mov $16, %cl
  shl %cl, %edx
  FLAGS(CF|ZF|SF, SF)
  EQ(%rdx, 0xffff0000)
  /* 32-bit count masking: shl by 33 is shl by 1. */
  mov $1, %eax
  mov $33, %cl
  shl %cl, %eax
  EQ(%rax, 2)
  /* 64-bit: by 65 is by 1; by 64 is by 0. */
  mov $1, %rax
  mov $65, %cl
  shl %cl, %rax
  EQ(%rax, 2)
  /* A zero count changes nothing, not even the flags. */
  mov $0x80, %eax
  mov $64, %cl
  stc
  shl %cl, %eax
  FLAGS(CF, CF)
  EQ(%rax, 0x80)
  xor %ecx, %ecx
  mov $0xffffffff, %eax
  cmp %eax, %eax
  shr %cl, %eax
  FLAGS(ZF|CF, ZF)
  /* A 16-bit shift by 16 (count is masked to 5 bits, not to 16). */
  mov $0x12345678, %eax
  mov $16, %cl
  shl %cl, %ax
  EQ(%rax, 0x12340000)
  /* 8-bit by 9 shifts everything out. */
  mov $0xff, %eax
  mov $9, %cl
  shl %cl, %al
  FLAGS(CF|ZF, ZF)
  EQ(%rax, 0)

  /* shr and sar. */
  mov $0x8000000000000003, %rax
  shr $1, %rax
  FLAGS(CF|OF|SF|ZF, CF|OF)
  EQ(%rax, 0x4000000000000001)
  mov $0x8000000000000003, %rax
  sar $1, %rax
  FLAGS(CF|OF|SF|ZF, CF|SF)
  EQ(%rax, 0xc000000000000001)
  mov $-100, %eax
  sar $3, %eax
  EQ(%rax, 0xfffffff3)
  mov $0x80, %dl
  sar $7, %dl
  movzbl %dl, %edx
  EQ(%rdx, 0xff)
  mov $0x8000, %ax
  mov $15, %cl
  shr %cl, %ax
  FLAGS(CF|ZF, 0)
  EQ(%rax, 0xffff0001)
  movl $0x80000000, -40(%rsp)
  sarl $31, -40(%rsp)
  movl -40(%rsp), %eax
  EQ(%rax, 0xffffffff)
  movq $0x100, -40(%rsp)
  shrq -40(%rsp)
  shlq $4, -40(%rsp)
  EQM(-40(%rsp), 0x800)

  /* Rotates: CF gets the bit rotated around; OF for count 1. */
  mov $0x8000000000000001, %rax
  rol $1, %rax
  FLAGS(CF|OF, CF|OF)
  EQ(%rax, 3)
  mov $0x8000000000000001, %rax
  ror $1, %rax
  FLAGS(CF|OF, CF)
  EQ(%rax, 0xc000000000000000)
  mov $0x12345678, %eax
  rol $8, %eax
  EQ(%rax, 0x34567812)
  mov $0x12345678, %eax
  ror $12, %eax
  EQ(%rax, 0x67812345)
  mov $0x1234, %ax
  mov $0xaaaaaaaa00000000, %rdx
  mov $0x81, %dl
  mov $4, %cl
  ror %cl, %dl
  FLAGS(CF, 0)
  EQ(%rdx, 0xaaaaaaaa00000018)
  mov $0xabcd, %bx
  rol $8, %bx
  movzwl %bx, %ebx
  EQ(%rbx, 0xcdab)
  /* rol by the operand width (8 bits, count 8) leaves the value; CF is
   * its bit 0. */
  mov $0x81, %al
  mov $8, %cl
  clc
  rol %cl, %al
  FLAGS(CF, CF)
  movzbl %al, %eax
  EQ(%rax, 0x81)

  /* rcl/rcr rotate through CF. */
  stc
  mov $0, %eax
  rcl $1, %eax
  FLAGS(CF, 0)
  EQ(%rax, 1)
  clc
  mov $0x80000000, %eax
  rcl $1, %eax
  FLAGS(CF|OF, CF|OF)
  EQ(%rax, 0)
  stc
  mov $0, %rax
  rcr $1, %rax
  FLAGS(CF|OF, OF)
  EQ(%rax, 0x8000000000000000)
  /* 8-bit rcl by 9 is the identity (9-bit rotation). */
  clc
  mov $0x5a, %bl
  mov $9, %cl
  rcl %cl, %bl
  FLAGS(CF, 0)
  movzbl %bl, %ebx
  EQ(%rbx, 0x5a)
  stc
  mov $0x01, %bl
  rcr $2, %bl
  FLAGS(CF, 0)
  movzbl %bl, %ebx
  EQ(%rbx, 0xc0)
  /* 16-bit rcl by 17 is the identity too, CF untouched. */
  stc
  mov $0x1, %dx
  mov $17, %cl
  rcl %cl, %dx
  FLAGS(CF, CF)
  movzwl %dx, %edx
  EQ(%rdx, 1)
  /* ... and by 16 is a 1-bit rotate right through CF. */
  stc
  mov $0x8001, %dx
  mov $16, %cl
  rcl %cl, %dx
  FLAGS(CF, CF)
  movzwl %dx, %edx
  EQ(%rdx, 0xc000)

  /* shld / shrd. */
  mov $0x1234567800000000, %rax
  mov $0xabcdef0000000000, %rbx
  shld $8, %rbx, %rax
  FLAGS(CF, 0)
  EQ(%rax, 0x34567800000000ab)
  mov $0x12345678, %eax
  mov $0x9abcdef0, %edx
  mov $12, %cl
  shrd %cl, %edx, %eax
  FLAGS(CF, 0)
  EQ(%rax, 0xef012345)
  mov $0x1234, %ax
  mov $0x5678, %dx
  shld $4, %dx, %ax
  movzwl %ax, %eax
  EQ(%rax, 0x2345)
  movq $0x0f, -40(%rsp)
  mov $0xf000000000000000, %rdx
  shrdq $4, %rdx, -40(%rsp)
  FLAGS(CF, CF)
  EQM(-40(%rsp), 0x0000000000000000)
  ret
