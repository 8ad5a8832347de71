/* alu: add/sub/adc/sbb/and/or/xor/cmp/test/inc/dec/neg/not in each
 * operand size, with the flags each one defines (AF is left out after
 * logic ops, where it is undefined). */
#include "check.h"

test_main:
  /* add: carry, overflow, zero, parity, aux carry. */
  mov $0xffffffffffffffff, %rax
  add $1, %rax
  FLAGS(ARITH, CF|ZF|PF|AF)
  EQ(%rax, 0)
  mov $0x7fffffffffffffff, %rax
  add $1, %rax
  FLAGS(ARITH, OF|SF|AF|PF)
  EQ(%rax, 0x8000000000000000)
  mov $0x7f, %al
  add $1, %al
  FLAGS(ARITH, OF|SF|AF)
  EQ(%rax, 0x8000000000000080)
  mov $0xffff, %cx
  mov $0x1234567800000000, %rcx
  movw $0xfff0, %cx
  add $0x20, %cx
  FLAGS(ARITH, CF)
  EQ(%rcx, 0x1234567800000010)
  /* 32-bit ops zero the upper half; 8/16-bit ones do not. */
  mov $0xaaaaaaaaffffffff, %rdx
  add $2, %edx
  FLAGS(ARITH, CF|AF)
  EQ(%rdx, 1)
  mov $0x1122334455667788, %rbx
  add %bh, %bl
  FLAGS(ARITH, SF|PF)
  EQ(%rbx, 0x11223344556677ff)

  /* sub / cmp: borrow and signed overflow. */
  mov $0, %eax
  sub $1, %eax
  FLAGS(ARITH, CF|SF|AF|PF)
  EQ(%rax, 0xffffffff)
  mov $0x80000000, %eax
  sub $1, %eax
  FLAGS(ARITH, OF|AF|PF)
  EQ(%rax, 0x7fffffff)
  mov $5, %rax
  cmp $5, %rax
  FLAGS(ARITH, ZF|PF)
  cmp $6, %rax
  FLAGS(ARITH, CF|SF|AF|PF)
  mov $-3, %rsi
  cmp $2, %rsi
  FLAGS(CF|ZF|SF|OF, SF)
  movb $0x80, %dl
  cmpb $1, %dl
  FLAGS(CF|ZF|SF|OF, OF)

  /* adc / sbb chains: a 192-bit add and subtract. */
  mov $0xffffffffffffffff, %rax
  mov $0xffffffffffffffff, %rbx
  mov $0x0000000000000001, %rcx
  add $1, %rax
  adc $0, %rbx
  adc $0, %rcx
  EQ(%rax, 0)
  EQ(%rbx, 0)
  EQ(%rcx, 2)
  sub $1, %rax
  sbb $0, %rbx
  sbb $0, %rcx
  EQ(%rax, 0xffffffffffffffff)
  EQ(%rbx, 0xffffffffffffffff)
  EQ(%rcx, 1)
  /* adc with carry in and a result of zero: ZF set, CF set. */
  stc
  mov $0xffffffff, %eax
  adc $0, %eax
  FLAGS(ARITH, CF|ZF|PF|AF)
  /* adc carry in with OF: 0x7f + 0 + 1. */
  stc
  mov $0x7f, %al
  adc $0, %al
  FLAGS(ARITH, OF|SF|AF)
  /* sbb with borrow in: 0 - 0 - 1. */
  mov $0, %edx
  stc
  sbb $0, %edx
  FLAGS(ARITH, CF|SF|AF|PF)
  EQ(%rdx, 0xffffffff)
  /* sbb reg,reg: the classic mask from CF. */
  stc
  sbb %rax, %rax
  EQ(%rax, -1)
  clc
  sbb %rax, %rax
  EQ(%rax, 0)
  /* adc/sbb on memory, 16-bit. */
  movw $0xffff, -40(%rsp)
  stc
  adcw $0, -40(%rsp)
  FLAGS(CF|ZF, CF|ZF)
  movzwl -40(%rsp), %eax
  EQ(%rax, 0)

  /* logic ops clear CF and OF. */
  mov $0xf0f0f0f0f0f0f0f0, %rax
  stc
  and $0x0f, %rax
  FLAGS(CF|OF|ZF|SF|PF, ZF|PF)
  mov $0x8000000000000000, %rax
  or $1, %rax
  FLAGS(CF|OF|ZF|SF|PF, SF)
  EQ(%rax, 0x8000000000000001)
  xor %rax, %rax
  FLAGS(CF|OF|ZF|SF|PF, ZF|PF)
  mov $0x0101, %ax
  xor $0x0103, %ax
  FLAGS(CF|OF|ZF|SF|PF, 0)
  EQ(%rax, 2)
  mov $0xff, %ecx
  test $0x80, %cl
  FLAGS(CF|OF|ZF|SF|PF, SF)
  test %ecx, %ecx
  FLAGS(CF|OF|ZF|SF|PF, PF)
  not %cl
  EQ(%rcx, 0)

  /* inc/dec keep CF. */
  stc
  mov $0xffffffffffffffff, %rax
  inc %rax
  FLAGS(ARITH, CF|ZF|PF|AF)
  clc
  mov $0x7fff, %ax
  inc %ax
  FLAGS(ARITH, OF|SF|AF|PF)
  stc
  mov $0, %eax
  dec %eax
  FLAGS(ARITH, CF|SF|AF|PF)
  mov $0x80, %bl
  decb %bl
  FLAGS(OF|SF|ZF, OF)
  movq $10, -48(%rsp)
  incq -48(%rsp)
  decl -48(%rsp)
  decl -48(%rsp)
  EQM(-48(%rsp), 9)

  /* neg: CF = source != 0, OF for the most negative value. */
  xor %eax, %eax
  neg %eax
  FLAGS(CF|ZF|OF, ZF)
  mov $5, %rax
  neg %rax
  FLAGS(CF|ZF|OF|SF, CF|SF)
  EQ(%rax, -5)
  mov $0x80000000, %eax
  neg %eax
  FLAGS(CF|OF, CF|OF)
  EQ(%rax, 0x80000000)
  movw $1, -40(%rsp)
  negw -40(%rsp)
  movzwl -40(%rsp), %eax
  EQ(%rax, 0xffff)

  /* Memory destinations and the 8-bit high registers. */
  movq $0x100, -56(%rsp)
  addq $0x23, -56(%rsp)
  subl $3, -56(%rsp)
  orb $0x80, -55(%rsp)
  xorw $0x8000, -56(%rsp)
  EQM(-56(%rsp), 0x0120)
  mov $0x1234, %eax
  mov %ah, %cl
  add %al, %ah
  EQ(%rax, 0x4634)
  movzbl %cl, %ecx
  EQ(%rcx, 0x12)
  /* sign-extended imm8 and imm32 forms */
  mov $0x100000000, %rax
  add $-1, %rax
  EQ(%rax, 0xffffffff)
  and $-0x100, %rax
  EQ(%rax, 0xffffff00)
  mov $1, %eax
  sub $-0x80000000, %rax
  EQ(%rax, 0x80000001)
  ret
