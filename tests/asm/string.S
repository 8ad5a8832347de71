/* string: movs/stos/lods/cmps/scas in each size, with rep/repe/repne,
 * DF=1 (backwards), a zero count (no iteration, flags untouched), and the
 * final values of rsi/rdi/rcx. */
#include "check.h"

  .bss
  .align 64
src: .skip 4096
dst: .skip 4096
big: .skip 131072

  .text
test_main:
  cld
  /* Fill src with bytes 0,1,2,... via stosb one at a time. */
  lea src(%rip), %rdi
  xor %eax, %eax
1:
  stosb
  inc %al
  lea src+256(%rip), %rdx
  cmp %rdx, %rdi
  jne 1b

  /* rep movsb forward: 200 bytes. */
  lea src(%rip), %rsi
  lea dst(%rip), %rdi
  mov $200, %ecx
  rep movsb
  EQ(%rcx, 0)
  lea src+200(%rip), %rdx
  EQR(%rsi, %rdx)
  lea dst+200(%rip), %rdx
  EQR(%rdi, %rdx)
  movzbl dst+199(%rip), %eax
  EQ(%rax, 199)
  movzbl dst+200(%rip), %eax
  EQ(%rax, 0)

  /* rep movsq and movsd; movsw once. */
  lea src(%rip), %rsi
  lea dst+1024(%rip), %rdi
  mov $8, %ecx
  rep movsq
  EQM(dst+1024+56(%rip), 0x3f3e3d3c3b3a3938)
  lea src+4(%rip), %rsi
  lea dst+2048(%rip), %rdi
  mov $3, %ecx
  rep movsl
  EQM(dst+2048(%rip), 0x0b0a090807060504)
  movl dst+2056(%rip), %eax
  EQ(%rax, 0x0f0e0d0c)
  movsw
  movzwl dst+2060(%rip), %eax
  EQ(%rax, 0x1110)

  /* Backwards with DF=1: an overlapping move to a higher address. */
  lea src+1000(%rip), %rdi
  mov $0x0807060504030201, %rax
  mov %rax, (%rdi)
  mov $0x100f0e0d0c0b0a09, %rax
  mov %rax, 8(%rdi)
  std
  lea src+1015(%rip), %rsi
  lea src+1019(%rip), %rdi
  mov $16, %ecx
  rep movsb
  cld
  lea src+999(%rip), %rdx
  EQR(%rsi, %rdx)
  EQM(src+1004(%rip), 0x0807060504030201)
  EQM(src+1012(%rip), 0x100f0e0d0c0b0a09)
  std
  lea dst+3000(%rip), %rdi
  mov $0x1122334455667788, %rax
  mov $4, %ecx
  rep stosq
  cld
  lea dst+2968(%rip), %rdx
  EQR(%rdi, %rdx)
  EQM(dst+2976(%rip), 0x1122334455667788)
  EQM(dst+3000(%rip), 0x1122334455667788)
  EQM(dst+2968(%rip), 0)

  /* rep stos with a zero count does nothing. */
  lea dst+3500(%rip), %rdi
  mov $0xff, %al
  xor %ecx, %ecx
  rep stosb
  lea dst+3500(%rip), %rdx
  EQR(%rdi, %rdx)
  movzbl dst+3500(%rip), %eax
  EQ(%rax, 0)
  /* rep stosw / stosl. */
  mov $0xbeef, %ax
  mov $5, %ecx
  rep stosw
  movzwl dst+3508(%rip), %eax
  EQ(%rax, 0xbeef)
  movzwl dst+3510(%rip), %eax
  EQ(%rax, 0)

  /* lods. */
  lea src+16(%rip), %rsi
  mov $0xffffffffffffffff, %rax
  lodsb
  EQ(%rax, 0xffffffffffffff10)
  lodsw
  EQ(%rax, 0xffffffffffff1211)
  lodsl
  EQ(%rax, 0x16151413)
  lodsq
  EQ(%rax, 0x1e1d1c1b1a191817)
  std
  lodsb
  cld
  EQ(%rax, 0x1e1d1c1b1a19181f)
  lea src+30(%rip), %rdx
  EQR(%rsi, %rdx)

  /* repe cmpsb: stops at the first difference. */
  lea src(%rip), %rsi
  lea dst(%rip), %rdi
  movb $0x99, dst+77(%rip)
  mov $200, %ecx
  repe cmpsb
  FLAGS(ZF|CF, CF)
  EQ(%rcx, 122)
  lea src+78(%rip), %rdx
  EQR(%rsi, %rdx)
  /* equal ranges: runs out with ZF=1. */
  lea src(%rip), %rsi
  lea dst(%rip), %rdi
  mov $77, %ecx
  repe cmpsb
  FLAGS(ZF, ZF)
  EQ(%rcx, 0)
  /* cmpsq backwards. */
  std
  lea src+8(%rip), %rsi
  lea dst+8(%rip), %rdi
  mov $2, %ecx
  repe cmpsq
  cld
  FLAGS(ZF, ZF)
  lea src-8(%rip), %rdx
  EQR(%rsi, %rdx)
  /* Zero count: flags are not changed. */
  xor %ecx, %ecx
  stc
  repe cmpsb
  FLAGS(CF, CF)

  /* repne scasb: strlen. */
  lea msg(%rip), %rdi
  xor %eax, %eax
  mov $-1, %rcx
  repne scasb
  not %rcx
  dec %rcx
  EQ(%rcx, 13)
  /* repe scasl: skip equal words. */
  lea dst+3504(%rip), %rdi
  mov $0xbeefbeef, %eax
  mov $10, %ecx
  repe scasl
  FLAGS(ZF, 0)
  EQ(%rcx, 8)
  /* rep movsb is defined byte by byte: with the target one byte above
   * the source, the first byte repeats (a memmove would not). */
  lea dst+512(%rip), %rsi
  movb $0x5a, (%rsi)
  movq $0, 1(%rsi)
  lea 1(%rsi), %rdi
  mov $8, %ecx
  rep movsb
  EQM(dst+513(%rip), 0x5a5a5a5a5a5a5a5a)
  /* The same with rep movsq, 8 bytes apart. */
  lea dst+1536(%rip), %rsi
  mov $0x0123456789abcdef, %rax
  mov %rax, (%rsi)
  lea 8(%rsi), %rdi
  mov $4, %ecx
  rep movsq
  EQM(dst+1536+32(%rip), 0x0123456789abcdef)
  /* A large rep stosq across many pages, then rep movsq of it. */
  lea big(%rip), %rdi
  mov $0x1111111111111111, %rax
  mov $(65536 / 8), %ecx
  rep stosq
  lea big(%rip), %rsi
  lea big+65536(%rip), %rdi
  mov $(65536 / 8), %ecx
  rep movsq
  EQM(big+65536+65528(%rip), 0x1111111111111111)
  lea big+131072(%rip), %rdx
  EQR(%rdi, %rdx)

  /* scasw that matches: ZF=1, no carry. */
  lea msg(%rip), %rdi
  mov $0x6548, %ax
  scasw
  FLAGS(ZF|CF, ZF)
  ret

  .section .rodata
msg: .asciz "Hello, world!"
