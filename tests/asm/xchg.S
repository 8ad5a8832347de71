/* xchg: xchg (registers, memory, the 90+r short forms and their 32-bit
 * zero extension), cmpxchg on success and failure in each size,
 * cmpxchg8b/16b, xadd, and lock-prefixed read-modify-write forms. */
#include "check.h"

  .data
  .align 16
mem:   .quad 0x1111111111111111
mem2:  .quad 0x2222222222222222
pair:  .quad 0x0123456789abcdef, 0xfedcba9876543210
  .text
test_main:
  push %rbx
  mov $1, %rax
  mov $2, %rcx
  xchg %rax, %rcx
  EQ(%rax, 2)
  EQ(%rcx, 1)
  mov $0xffffffff00000005, %rax
  mov $0xffffffff00000007, %rdx
  xchg %eax, %edx
  EQ(%rax, 7)
  EQ(%rdx, 5)
  mov $0x1234, %ax
  mov $0xaaaa, %bx
  xchg %al, %bh
  EQ(%rax, 0x12aa)
  movzwl %bx, %ebx
  EQ(%rbx, 0x34aa)
  mov $0x5555555555555555, %rax
  xchg %rax, mem(%rip)
  EQ(%rax, 0x1111111111111111)
  EQM(mem(%rip), 0x5555555555555555)
  mov $0x99, %r8d
  xchg %r8w, mem2(%rip)
  EQ(%r8, 0x2222)
  EQM(mem2(%rip), 0x2222222222220099)
  /* 87 c0 (xchg %eax,%eax) zero-extends like any 32-bit write, while
   * 90 is a true nop in 64-bit mode. */
  mov $0xffffffffffffffff, %rax
  .byte 0x87, 0xc0            /* xchg %eax, %eax: clears bits 63..32 */
  EQ(%rax, 0xffffffff)
  mov $0xffffffffffffffff, %rax
  nop                          /* 0x90 leaves rax alone */
  EQ(%rax, 0xffffffffffffffff)

  /* cmpxchg success: ZF=1, destination replaced. */
  movq $10, mem(%rip)
  mov $10, %eax
  mov $20, %ecx
  cmpxchg %rcx, mem(%rip)
  FLAGS(ZF, ZF)
  EQM(mem(%rip), 20)
  EQ(%rax, 10)
  /* failure: ZF=0, rax gets the destination, flags as cmp. */
  mov $11, %eax
  mov $30, %ecx
  lock cmpxchg %rcx, mem(%rip)
  FLAGS(ZF|CF|SF, CF|SF)
  EQM(mem(%rip), 20)
  EQ(%rax, 20)
  /* 32-bit register form: failure writes eax (zero-extended). */
  mov $0xffffffff00000001, %rax
  mov $2, %edx
  mov $3, %ecx
  cmpxchg %ecx, %edx
  FLAGS(ZF, 0)
  EQ(%rax, 2)
  EQ(%rdx, 2)
  /* 8-bit success. */
  mov $0x44, %al
  mov $0x44, %bl
  mov $0x66, %cl
  cmpxchg %cl, %bl
  FLAGS(ZF, ZF)
  movzbl %bl, %ebx
  EQ(%rbx, 0x66)
  /* 16-bit on memory. */
  movw $0x1234, mem2(%rip)
  mov $0x1234, %ax
  mov $0xbeef, %cx
  lock cmpxchgw %cx, mem2(%rip)
  FLAGS(ZF, ZF)
  movzwl mem2(%rip), %eax
  EQ(%rax, 0xbeef)

  /* cmpxchg8b / cmpxchg16b. */
  mov $0x0000000200000001, %rax
  mov %rax, mem(%rip)
  mov $1, %eax
  mov $2, %edx
  mov $3, %ebx
  mov $4, %ecx
  cmpxchg8b mem(%rip)
  FLAGS(ZF, ZF)
  EQM(mem(%rip), 0x0000000400000003)
  mov $1, %eax
  mov $2, %edx
  lock cmpxchg8b mem(%rip)
  FLAGS(ZF, 0)
  EQ(%rax, 3)
  EQ(%rdx, 4)
  mov $0x0123456789abcdef, %rax
  mov $0xfedcba9876543210, %rdx
  mov $0xaaaaaaaaaaaaaaaa, %rbx
  mov $0xbbbbbbbbbbbbbbbb, %rcx
  lock cmpxchg16b pair(%rip)
  FLAGS(ZF, ZF)
  EQM(pair(%rip), 0xaaaaaaaaaaaaaaaa)
  EQM(pair+8(%rip), 0xbbbbbbbbbbbbbbbb)
  xor %eax, %eax
  xor %edx, %edx
  cmpxchg16b pair(%rip)
  FLAGS(ZF, 0)
  EQ(%rax, 0xaaaaaaaaaaaaaaaa)
  EQ(%rdx, 0xbbbbbbbbbbbbbbbb)

  /* xadd: exchange and add, flags of the add. */
  mov $5, %eax
  mov $7, %ecx
  xadd %ecx, %eax
  FLAGS(ZF|CF, 0)
  EQ(%rax, 12)
  EQ(%rcx, 5)
  movq $0xffffffffffffffff, mem(%rip)
  mov $1, %edx
  lock xadd %rdx, mem(%rip)
  FLAGS(ZF|CF, ZF|CF)
  EQ(%rdx, 0xffffffffffffffff)
  EQM(mem(%rip), 0)
  mov $0x80, %bl
  mov $0x80, %cl
  xadd %cl, %bl
  FLAGS(ZF|CF|OF, ZF|CF|OF)
  movzbl %cl, %ecx
  EQ(%rcx, 0x80)

  /* lock forms of other read-modify-write instructions. */
  movq $100, mem(%rip)
  lock incq mem(%rip)
  lock addq $10, mem(%rip)
  lock subl $1, mem(%rip)
  lock orq $0x1000, mem(%rip)
  lock andq $0xfff0, mem(%rip)
  lock xorb $0x01, mem(%rip)
  lock notw mem(%rip)
  lock negq mem(%rip)
  /* 100+1+10-1 = 110, |0x1000 = 0x106e, &0xfff0 = 0x1060, ^1 = 0x1061,
   * ~ (16-bit) = 0xef9e, negated. */
  EQM(mem(%rip), -0xef9e)
  mov $7, %ecx
  lock btsq %rcx, mem2(%rip)
  FLAGS(CF, CF)
  lock decl mem2(%rip)
  EQM(mem2(%rip), 0x222222222222beee)
  pop %rbx
  ret
