/* sse-mxcsr: SSE/SSE2/SSE3/SSE4.1 floating point under every MXCSR
 * control setting (4 rounding modes x FTZ x DAZ), through the real
 * decoder, the instruction cache and the decode-time fast paths: the same
 * code block runs sixteen times with only MXCSR changed in between, on
 * edge operands (ties, overflow, tiny results, denormal inputs, NaNs,
 * out-of-range conversions). Each round stores every result, the flags
 * of comisd/ucomiss and MXCSR's exception flags (cleared before each
 * group) and dumps them; run-tests compares the dump with the native
 * run's, so the host CPU is the only reference. */
#include "check.h"
#include "dump.h"

  .section .rodata
  .align 16
/* doubles */
d_a:    .quad 0x3ff0000000000000, 0x4008000000000000   /* 1.0, 3.0 */
d_b:    .quad 0x4008000000000000, 0x401c000000000000   /* 3.0, 7.0 */
d_big:  .quad 0x7fefffffffffffff, 0xffefffffffffffff   /* +-max */
d_tiny: .quad 0x0010000000000001, 0x8000000000000003   /* min normal+, -denormal */
d_half: .quad 0x3fe0000000000000, 0x3fd5555555555555   /* 0.5, 1/3 */
d_tie:  .quad 0x4004000000000000, 0xc00c000000000000   /* 2.5, -3.5 */
d_huge: .quad 0x43e0000000000000, 0xc1e0000000200000   /* 2^63, -2^31-0.5ish */
d_nan:  .quad 0x7ff8000000000001, 0x7ff0000000000001   /* qNaN, sNaN */
d_den:  .quad 0x000fffffffffffff, 0x0000000000000001   /* denormals */
d_two:  .quad 0x4000000000000000, 0x4000000000000000   /* 2.0, 2.0 */
/* floats */
f_a:    .long 0x3f800000, 0x40400000, 0x7f7fffff, 0x00000001  /* 1 3 max den */
f_b:    .long 0x40400000, 0x3eaaaaab, 0x40000000, 0x00800000  /* 3 1/3 2 min */
f_c:    .long 0x40200000, 0xc0600000, 0x4f000000, 0xcf000001  /* 2.5 -3.5 2^31 */
f_d:    .long 0x7fc00000, 0x80000000, 0x007fffff, 0xff800000  /* nan -0 den -inf */

  .data
  .align 16
out:    .skip 320
csr:    .long 0

#define O(n) out+16*(n)(%rip)
#define OB(n, b) out+16*(n)+(b)(%rip)
/* Clear MXCSR's flags, keeping the round's control bits. */
#define CLR ldmxcsr csr(%rip)
/* Store MXCSR (with this group's flags) into out slot n. */
#define FL(n) stmxcsr O(n)
/* Slots 16-17 hold the flags of each group, slot 14 comi's RFLAGS. */

  .text
test_main:
  push %rbx
  xor %ebx, %ebx              /* round: RC = bits 0-1, FTZ = 2, DAZ = 3 */
.Lround:
  mov %ebx, %eax
  and $3, %eax
  shl $13, %eax
  or $0x1f80, %eax
  test $4, %ebx
  jz 1f
  or $0x8000, %eax
1:
  test $8, %ebx
  jz 2f
  or $0x40, %eax
2:
  mov %eax, csr(%rip)
  lea out(%rip), %rdi
  mov $320, %ecx
  xor %eax, %eax
  rep stosb

  /* packed double arithmetic: rounding of 1/3, 3/7 */
  CLR
  movapd d_a(%rip), %xmm0
  divpd d_b(%rip), %xmm0
  movapd %xmm0, O(0)
  /* overflow both ways */
  movapd d_big(%rip), %xmm1
  addpd d_big(%rip), %xmm1
  movapd %xmm1, O(1)
  FL(16)
  /* tiny products (FTZ), denormal inputs (DAZ) */
  CLR
  movapd d_tiny(%rip), %xmm2
  mulpd d_half(%rip), %xmm2
  movapd %xmm2, O(2)
  movapd d_den(%rip), %xmm3
  addpd d_den(%rip), %xmm3
  movapd %xmm3, O(3)
  stmxcsr OB(16, 4)
  /* scalar double: the fast-path forms */
  CLR
  movsd d_a(%rip), %xmm4
  addsd d_half+8(%rip), %xmm4
  mulsd d_b+8(%rip), %xmm4
  subsd d_half+8(%rip), %xmm4
  divsd d_b(%rip), %xmm4
  sqrtsd %xmm4, %xmm5
  unpcklpd %xmm5, %xmm4
  movapd %xmm4, O(4)
  stmxcsr OB(16, 8)
  /* conversions: ties and out-of-range (indefinite integer) */
  CLR
  cvtsd2si d_tie(%rip), %eax
  cvtsd2si d_tie+8(%rip), %ecx
  cvtsd2si d_huge(%rip), %rdx
  cvttsd2si d_huge+8(%rip), %esi
  mov %eax, O(5)
  mov %ecx, OB(5, 4)
  mov %rdx, OB(5, 8)
  cvtps2dq f_c(%rip), %xmm6
  movdqa %xmm6, O(6)
  cvtpd2ps d_a(%rip), %xmm7
  cvtsd2ss d_big(%rip), %xmm8
  unpcklps %xmm8, %xmm7
  movaps %xmm7, O(7)
  mov %esi, OB(17, 12)
  stmxcsr OB(16, 12)
  /* single precision, NaNs, min/max operand order, compares */
  CLR
  movaps f_a(%rip), %xmm9
  mulps f_b(%rip), %xmm9
  movaps %xmm9, O(8)
  movaps f_d(%rip), %xmm10
  minps f_a(%rip), %xmm10
  movaps f_a(%rip), %xmm11
  maxps f_d(%rip), %xmm11
  xorps %xmm10, %xmm11
  movaps %xmm11, O(9)
  movaps f_d(%rip), %xmm12
  cmpltps f_b(%rip), %xmm12
  movaps %xmm12, O(10)
  stmxcsr O(17)
  /* SSE3/SSE4.1: horizontal, dot product, round by MXCSR */
  CLR
  movapd d_tie(%rip), %xmm13
  haddpd d_half(%rip), %xmm13
  movapd %xmm13, O(11)
  movaps f_a(%rip), %xmm14
  dpps $0xf3, f_b(%rip), %xmm14
  movaps %xmm14, O(12)
  roundpd $4, d_tie(%rip), %xmm15
  movapd %xmm15, O(13)
  stmxcsr OB(17, 4)
  /* comisd / ucomiss flags and the invalid flag of an sNaN */
  CLR
  movsd d_nan+8(%rip), %xmm0
  ucomisd d_a(%rip), %xmm0
  pushfq
  pop %rax
  movss f_d+4(%rip), %xmm1
  comiss f_a+8(%rip), %xmm1
  pushfq
  pop %rcx
  and $0x8d5, %eax
  and $0x8d5, %ecx
  mov %eax, O(14)
  mov %ecx, OB(14, 4)
  stmxcsr OB(17, 8)

  DUMPMEM(out, 256)
  DUMPMEM(out+256, 64)
  inc %ebx
  cmp $16, %ebx
  jb .Lround
  mov $0x1f80, %eax
  mov %eax, csr(%rip)
  ldmxcsr csr(%rip)
  pop %rbx
  ret
