/* bits: bt/bts/btr/btc with register and immediate offsets, on registers
 * (offset taken mod the size) and on memory (a register offset addresses
 * a bit string beyond the operand, negative ones before it); bsf/bsr;
 * bswap; popcnt. */
#include "check.h"

  .data
  .align 16
  .quad 0x8000000000000000     /* bits -64..-1 of bitstr */
bitstr:
  .quad 0x0000000000000005
  .quad 0x0000000000000000
  .quad 0xffffffffffffffff

  .text
test_main:
  /* Register forms. */
  mov $0x10, %eax
  bt $4, %eax
  FLAGS(CF, CF)
  bt $3, %eax
  FLAGS(CF, 0)
  mov $36, %ecx
  bt %ecx, %eax            /* 36 mod 32 = 4 */
  FLAGS(CF, CF)
  mov $0x8000000000000000, %rdx
  mov $127, %rcx
  bt %rcx, %rdx            /* 127 mod 64 = 63 */
  FLAGS(CF, CF)
  mov $0, %rbx
  bts $63, %rbx
  FLAGS(CF, 0)
  EQ(%rbx, 0x8000000000000000)
  bts $63, %rbx
  FLAGS(CF, CF)
  btr $63, %rbx
  FLAGS(CF, CF)
  EQ(%rbx, 0)
  mov $0xffff, %ax
  btc $15, %ax
  FLAGS(CF, CF)
  movzwl %ax, %eax
  EQ(%rax, 0x7fff)
  mov $5, %ecx
  btc %ecx, %eax
  FLAGS(CF, CF)
  EQ(%rax, 0x7fdf)

  /* Memory with an immediate: offset within the operand only. */
  btq $2, bitstr(%rip)
  FLAGS(CF, CF)
  btsq $40, bitstr(%rip)
  FLAGS(CF, 0)
  EQM(bitstr(%rip), 0x0000010000000005)
  btrl $0, bitstr(%rip)
  FLAGS(CF, CF)
  EQM(bitstr(%rip), 0x0000010000000004)

  /* Memory with a register: the bit string extends past the operand. */
  mov $130, %rcx
  bt %rcx, bitstr(%rip)    /* bit 2 of the third quad */
  FLAGS(CF, CF)
  mov $70, %rcx
  bts %rcx, bitstr(%rip)   /* bit 6 of the second quad */
  FLAGS(CF, 0)
  EQM(bitstr+8(%rip), 0x40)
  mov $-1, %rcx
  bt %rcx, bitstr(%rip)    /* bit 63 of the quad before */
  FLAGS(CF, CF)
  mov $-2, %rcx
  btc %rcx, bitstr(%rip)
  FLAGS(CF, 0)
  EQM(bitstr-8(%rip), 0xc000000000000000)
  mov $77, %ecx
  btrl %ecx, bitstr(%rip)  /* 32-bit: dword 2, bit 13 */
  FLAGS(CF, 0)
  mov $191, %ecx
  btrl %ecx, bitstr(%rip)  /* dword 5, bit 31 */
  FLAGS(CF, CF)
  EQM(bitstr+16(%rip), 0x7fffffffffffffff)
  mov $-9, %cx
  btsw %cx, bitstr(%rip)   /* 16-bit: the word before, bit 7 */
  FLAGS(CF, 0)
  EQM(bitstr-8(%rip), 0xc080000000000000)

  /* bsf / bsr: ZF=1 for a zero source. */
  mov $0x00f0, %eax
  bsf %eax, %ecx
  FLAGS(ZF, 0)
  EQ(%rcx, 4)
  bsr %eax, %ecx
  EQ(%rcx, 7)
  mov $0x8000000000000001, %rax
  bsr %rax, %rdx
  EQ(%rdx, 63)
  bsf %rax, %rdx
  EQ(%rdx, 0)
  xor %eax, %eax
  mov $5, %ecx
  bsf %eax, %ecx
  FLAGS(ZF, ZF)
  movl $0x10000, -40(%rsp)
  bsfl -40(%rsp), %esi
  EQ(%rsi, 16)
  mov $0x0100, %ax
  bsr %ax, %di
  movzwl %di, %edi
  EQ(%rdi, 8)

  /* bswap. */
  mov $0x1122334455667788, %rax
  bswap %rax
  EQ(%rax, 0x8877665544332211)
  mov $0xffffffff12345678, %rbx
  bswap %ebx
  EQ(%rbx, 0x78563412)
  mov $0x0102030405060708, %r9
  bswap %r9
  EQ(%r9, 0x0807060504030201)

  /* popcnt. */
  mov $0xf0f0f0f0f0f0f0f1, %rax
  popcnt %rax, %rcx
  FLAGS(ZF|CF, 0)
  EQ(%rcx, 33)
  xor %eax, %eax
  popcnt %eax, %ecx
  FLAGS(ZF, ZF)
  EQ(%rcx, 0)
  mov $0xffff, %ax
  popcnt %ax, %dx
  movzwl %dx, %edx
  EQ(%rdx, 16)
  ret
