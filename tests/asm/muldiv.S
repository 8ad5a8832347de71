/* muldiv: mul/imul (one-, two- and three-operand forms) and div/idiv in
 * every size, with CF/OF (the only flags multiplication defines) and the
 * rounding of signed division toward zero. */
#include "check.h"

test_main:
  /* 64x64 -> 128 unsigned. */
  mov $0xffffffffffffffff, %rax
  mov $0xffffffffffffffff, %rcx
  mul %rcx
  FLAGS(CF|OF, CF|OF)
  EQ(%rax, 1)
  EQ(%rdx, 0xfffffffffffffffe)
  mov $0x100000000, %rax
  mov $0x10, %rbx
  mul %rbx
  FLAGS(CF|OF, 0)
  EQ(%rax, 0x1000000000)
  EQ(%rdx, 0)
  /* 32-bit mul writes edx:eax, zeroing the upper halves. */
  mov $0xdeadbeef00000000, %rdx
  mov $0xcafe000080000000, %rax
  mov $4, %ecx
  mul %ecx
  FLAGS(CF|OF, CF|OF)
  EQ(%rax, 0)
  EQ(%rdx, 2)
  /* 16-bit: dx:ax, upper bits kept. */
  mov $0x1111111111111111, %rdx
  mov $0x2222222222220100, %rax
  mov $0x0100, %bx
  mul %bx
  EQ(%rax, 0x2222222222220000)
  EQ(%rdx, 0x1111111111110001)
  /* 8-bit: ax = al * r/m8. */
  mov $0x33333333333333ff, %rax
  mov $0xff, %cl
  mul %cl
  FLAGS(CF|OF, CF|OF)
  EQ(%rax, 0x333333333333fe01)
  movb $3, -40(%rsp)
  mov $0x50, %al
  mulb -40(%rsp)
  FLAGS(CF|OF, 0)
  movzwl %ax, %eax
  EQ(%rax, 0xf0)

  /* Signed one-operand imul. */
  mov $-2, %rax
  mov $3, %rcx
  imul %rcx
  FLAGS(CF|OF, 0)
  EQ(%rax, -6)
  EQ(%rdx, -1)
  mov $0x4000000000000000, %rax
  mov $2, %rcx
  imul %rcx
  FLAGS(CF|OF, CF|OF)
  EQ(%rax, 0x8000000000000000)
  EQ(%rdx, 0)
  mov $-128, %al
  mov $-1, %bl
  imul %bl
  FLAGS(CF|OF, CF|OF)
  movzwl %ax, %eax
  EQ(%rax, 0x0080)
  mov $-0x8000, %ax
  mov $1, %bx
  imul %bx
  FLAGS(CF|OF, 0)
  movzwl %dx, %edx
  EQ(%rdx, 0xffff)

  /* Two- and three-operand imul truncate; CF=OF=overflow. */
  mov $0x7fffffff, %eax
  imul %eax, %eax
  FLAGS(CF|OF, CF|OF)
  EQ(%rax, 1)
  mov $-7, %rbx
  imul $6, %rbx, %rcx
  FLAGS(CF|OF, 0)
  EQ(%rcx, -42)
  movq $1000000, -40(%rsp)
  imul $-1000000, -40(%rsp), %rdx
  EQ(%rdx, -1000000000000)
  mov $300, %ax
  imul $300, %ax, %ax
  FLAGS(CF|OF, CF|OF)
  movzwl %ax, %eax
  EQ(%rax, 0x5f90)
  mov $0x123456789, %rsi
  imul $0x100, %rsi
  EQ(%rsi, 0x12345678900)
  movl $-5, -40(%rsp)
  mov $7, %edi
  imul -40(%rsp), %edi
  EQ(%rdi, 0xffffffdd)

  /* div: quotient and remainder. */
  xor %edx, %edx
  mov $1000, %rax
  mov $7, %rcx
  div %rcx
  EQ(%rax, 142)
  EQ(%rdx, 6)
  /* 128/64 with a high half. */
  mov $1, %rdx
  mov $0, %rax
  mov $3, %rcx
  div %rcx
  EQ(%rax, 0x5555555555555555)
  EQ(%rdx, 1)
  mov $0xfffffffe, %edx
  mov $0xffffffff, %eax
  mov $0xffffffff, %ecx
  div %ecx
  EQ(%rax, 0xffffffff)
  EQ(%rdx, 0xfffffffe)
  mov $0x00aa, %dx
  mov $0x0000, %ax
  mov $0x100, %bx
  div %bx
  movzwl %ax, %eax
  movzwl %dx, %edx
  EQ(%rax, 0xaa00)
  EQ(%rdx, 0)
  mov $0x7777777777770105, %rax
  mov $0x10, %cl
  div %cl
  EQ(%rax, 0x7777777777770510)
  movq $10, -40(%rsp)
  xor %edx, %edx
  mov $99, %eax
  divq -40(%rsp)
  EQ(%rax, 9)
  EQ(%rdx, 9)

  /* idiv rounds toward zero; the remainder has the dividend's sign. */
  mov $-7, %rax
  cqo
  mov $2, %rcx
  idiv %rcx
  EQ(%rax, -3)
  EQ(%rdx, -1)
  mov $7, %rax
  cqo
  mov $-2, %rcx
  idiv %rcx
  EQ(%rax, -3)
  EQ(%rdx, 1)
  mov $-100, %eax
  cltd
  mov $-9, %ecx
  idiv %ecx
  EQ(%rax, 11)
  EQ(%rdx, 0xffffffff)
  mov $-1000, %ax
  cwtd
  mov $3, %bx
  idiv %bx
  movzwl %ax, %eax
  movzwl %dx, %edx
  EQ(%rax, 0xfeb3)
  EQ(%rdx, 0xffff)
  mov $-128, %ax
  mov $-2, %cl
  idiv %cl
  movzwl %ax, %eax
  EQ(%rax, 0x0040)
  /* The most negative quotient that still fits. */
  mov $0x8000000000000000, %rax
  cqo
  mov $1, %rcx
  idiv %rcx
  EQ(%rax, 0x8000000000000000)
  EQ(%rdx, 0)
  ret
