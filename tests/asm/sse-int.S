/* sse-int: the integer SIMD instructions in their MMX and XMM forms
 * (SSE2, SSSE3, SSE4.1, SSE4.2, PCLMULQDQ) and the bitwise/shuffle
 * floating-point forms, each with a register and a memory source,
 * through the real decoder, instruction cache and fast paths, on operand
 * triples full of edge values (saturation bounds, sign bits, shift
 * counts past the element size, zero bytes for the string compares).
 * Every result is stored and dumped; run-tests compares the dump with the
 * native run's, so the host CPU is the only reference. */
#include "check.h"
#include "dump.h"

  .section .rodata
  .align 16
/* Triples: destination, register source, memory source (16 bytes each). */
triples:
  .quad 0x7fff80007f80ff01, 0x8000ffff00010080
  .quad 0x0102030405060708, 0xfffefdfcfbfaf9f8
  .quad 0x000000000000000f, 0x0000000000000000
  .quad 0x8080808080808080, 0x7f7f7f7f7f7f7f7f
  .quad 0x7fffffff80000000, 0xffffffff00000001
  .quad 0x0000000000000021, 0xffffffffffffffff
  .quad 0x6162630064656667, 0x0061626364000000
  .quad 0x6364006162636465, 0x7a61610000000000
  .quad 0x0f0e0d0c0b0a0908, 0x8706050403020100
  .quad 0xffffffffffffffff, 0x0000000000000000
  .quad 0x8000000000000000, 0x7fffffffffffffff
  .quad 0x0000000000000040, 0x0000000000000000
  .quad 0x1234567887654321, 0xdeadbeefcafef00d
  .quad 0x00ff00ff7f007f00, 0x8001800180018001
  .quad 0x0000000000000007, 0x0000000100000000
triples_end:
#define NTRIPLES ((triples_end - triples) / 48)

  .data
  .align 16
out:  .skip 8192
outp: .quad 0

  .text
/* Register form then memory form of "op src, dst" on XMM: 32 bytes out. */
.macro X2 op
  movdqu 0(%r12), %xmm0
  movdqu 16(%r12), %xmm1
  \op %xmm1, %xmm0
  movdqu %xmm0, (%rdi)
  movdqu 0(%r12), %xmm0
  \op 32(%r12), %xmm0
  movdqu %xmm0, 16(%rdi)
  add $32, %rdi
.endm
/* The same with an immediate. */
.macro X2I op, imm
  movdqu 0(%r12), %xmm0
  movdqu 16(%r12), %xmm1
  \op $\imm, %xmm1, %xmm0
  movdqu %xmm0, (%rdi)
  movdqu 0(%r12), %xmm0
  \op $\imm, 32(%r12), %xmm0
  movdqu %xmm0, 16(%rdi)
  add $32, %rdi
.endm
/* MMX: "op mm1, mm0" and "op m64, mm0": 16 bytes out. */
.macro M2 op
  movq 0(%r12), %mm0
  movq 16(%r12), %mm1
  \op %mm1, %mm0
  movq %mm0, (%rdi)
  movq 0(%r12), %mm0
  \op 32(%r12), %mm0
  movq %mm0, 8(%rdi)
  add $16, %rdi
.endm
.macro M2I op, imm
  movq 0(%r12), %mm0
  movq 16(%r12), %mm1
  \op $\imm, %mm1, %mm0
  movq %mm0, (%rdi)
  movq 0(%r12), %mm0
  \op $\imm, 32(%r12), %mm0
  movq %mm0, 8(%rdi)
  add $16, %rdi
.endm
/* Shift by immediate (register only). */
.macro XS op, imm
  movdqu 0(%r12), %xmm0
  \op $\imm, %xmm0
  movdqu %xmm0, (%rdi)
  add $16, %rdi
.endm
.macro MS op, imm
  movq 0(%r12), %mm0
  \op $\imm, %mm0
  movq %mm0, (%rdi)
  add $8, %rdi
.endm
/* The arithmetic flags, stored as a qword. */
.macro FLAGS
  pushfq
  pop %rax
  and $0x8d5, %eax
  mov %rax, (%rdi)
  add $8, %rdi
.endm

test_main:
  push %rbx
  push %r12
  lea triples(%rip), %r12
  mov $NTRIPLES, %ebx
.Ltriple:
  lea out(%rip), %rdi

  .irp op, paddb, paddw, paddd, paddq, psubb, psubw, psubd, psubq, paddsb, paddsw, psubsb, psubsw, paddusb, paddusw, psubusb, psubusw, pand, pandn, por, pxor, pcmpeqb, pcmpeqw, pcmpeqd, pcmpgtb, pcmpgtw, pcmpgtd, pminub, pmaxub, pminsw, pmaxsw, pavgb, pavgw, pmullw, pmulhw, pmulhuw, pmuludq, pmaddwd, psadbw, packsswb, packuswb, packssdw, punpcklbw, punpcklwd, punpckldq, punpckhbw, punpckhwd, punpckhdq, psrlw, psrld, psrlq, psllw, pslld, psllq, psraw, psrad
  M2 \op
  X2 \op
  .endr
  .irp op, pshufb, phaddw, phaddd, phaddsw, pmaddubsw, phsubw, phsubd, phsubsw, psignb, psignw, psignd, pmulhrsw, pabsb, pabsw, pabsd
  M2 \op
  X2 \op
  .endr
  .irp op, punpcklqdq, punpckhqdq, pminsb, pmaxsb, pminuw, pmaxuw, pminsd, pmaxsd, pminud, pmaxud, pmulld, pmuldq, pcmpeqq, pcmpgtq, packusdw, phminposuw, pmovsxbw, pmovsxbd, pmovsxbq, pmovsxwd, pmovsxwq, pmovsxdq, pmovzxbw, pmovzxbd, pmovzxbq, pmovzxwd, pmovzxwq, pmovzxdq
  X2 \op
  .endr
  .irp op, unpcklps, unpckhps, unpcklpd, unpckhpd, andps, andnps, orps, xorps, andpd, andnpd, orpd, xorpd, movsldup, movshdup, movddup
  X2 \op
  .endr
  .irp imm, 0x00, 0x1b, 0xe4, 0x93
  M2I pshufw, \imm
  X2I pshufd, \imm
  X2I pshufhw, \imm
  X2I pshuflw, \imm
  X2I shufps, \imm
  X2I shufpd, \imm
  X2I pblendw, \imm
  X2I blendps, \imm
  X2I blendpd, \imm
  X2I insertps, \imm
  .endr
  .irp imm, 0, 3, 7, 8, 13, 15, 16, 17, 31, 32, 200
  M2I palignr, \imm
  X2I palignr, \imm
  .endr
  .irp imm, 0, 1, 2, 5, 7
  X2I mpsadbw, \imm
  .endr
  .irp imm, 0x00, 0x01, 0x10, 0x11
  X2I pclmulqdq, \imm
  .endr
  .irp imm, 0, 1, 7, 15, 16, 17, 31, 32, 63, 64, 255
  MS psrlw, \imm
  MS psraw, \imm
  MS psllw, \imm
  MS psrld, \imm
  MS psrad, \imm
  MS pslld, \imm
  MS psrlq, \imm
  MS psllq, \imm
  XS psrlw, \imm
  XS psraw, \imm
  XS psllw, \imm
  XS psrld, \imm
  XS psrad, \imm
  XS pslld, \imm
  XS psrlq, \imm
  XS psllq, \imm
  XS psrldq, \imm
  XS pslldq, \imm
  .endr
  /* pinsr/pextr, movmsk, pmovmskb, ptest and the blends by XMM0 */
  .irp imm, 0, 1, 2, 3, 5, 7, 9, 15
  movdqu 0(%r12), %xmm0
  movq %mm0, %mm0
  mov 16(%r12), %rax
  pinsrw $\imm, %eax, %xmm0
  pinsrb $\imm, 32(%r12), %xmm0
  movdqu %xmm0, (%rdi)
  movq 0(%r12), %mm0
  pinsrw $\imm, 34(%r12), %mm0
  movq %mm0, 16(%rdi)
  movdqu 16(%r12), %xmm1
  mov $-1, %rax
  pextrw $\imm, %xmm1, %eax
  mov %rax, 24(%rdi)
  mov $-1, %rax
  pextrb $\imm, %xmm1, %eax
  mov %rax, 32(%rdi)
  mov $-1, %rax
  pextrd $(\imm & 3), %xmm1, %eax
  mov %rax, 40(%rdi)
  pextrq $(\imm & 1), %xmm1, %rax
  mov %rax, 48(%rdi)
  extractps $(\imm & 3), %xmm1, %eax
  mov %rax, 56(%rdi)
  movq 16(%r12), %mm1
  mov $-1, %rax
  pextrw $\imm, %mm1, %eax
  mov %rax, 64(%rdi)
  add $72, %rdi
  .endr
  movdqu 16(%r12), %xmm1
  movq 16(%r12), %mm1
  pmovmskb %xmm1, %eax
  pmovmskb %mm1, %ecx
  movmskps %xmm1, %edx
  movmskpd %xmm1, %esi
  mov %eax, (%rdi)
  mov %ecx, 4(%rdi)
  mov %edx, 8(%rdi)
  mov %esi, 12(%rdi)
  add $16, %rdi
  movdqu 0(%r12), %xmm0
  ptest 16(%r12), %xmm0
  FLAGS
  movdqu 16(%r12), %xmm1
  ptest %xmm1, %xmm0
  FLAGS
  .irp op, pblendvb, blendvps, blendvpd
  movdqu 0(%r12), %xmm2
  movdqu 16(%r12), %xmm1
  movdqu 32(%r12), %xmm0          /* the selector */
  \op %xmm1, %xmm2
  movdqu %xmm2, (%rdi)
  movdqu 0(%r12), %xmm2
  \op 16(%r12), %xmm2
  movdqu %xmm2, 16(%rdi)
  add $32, %rdi
  .endr
  /* SSE4.2 string compares: explicit lengths 5 and 7, implicit ends */
  .irp imm, 0x00, 0x01, 0x04, 0x08, 0x0c, 0x0d, 0x18, 0x1a, 0x3a, 0x44, 0x46, 0x70, 0x7c
  movdqu 0(%r12), %xmm1
  movdqu 16(%r12), %xmm2
  mov $5, %eax
  mov $-7, %edx
  pcmpestri $\imm, %xmm2, %xmm1
  mov %rcx, (%rdi)
  add $8, %rdi
  FLAGS
  pcmpistri $\imm, 32(%r12), %xmm1
  mov %rcx, (%rdi)
  add $8, %rdi
  FLAGS
  pcmpistrm $\imm, %xmm2, %xmm1
  movdqu %xmm0, (%rdi)
  add $16, %rdi
  FLAGS
  mov $17, %eax
  mov $3, %edx
  pcmpestrm $\imm, 32(%r12), %xmm1
  movdqu %xmm0, (%rdi)
  add $16, %rdi
  FLAGS
  .endr
  /* maskmovq / maskmovdqu to the output buffer */
  movq 0(%r12), %mm0
  movq 16(%r12), %mm1
  movq %rdi, %rax
  movq $0, (%rdi)
  maskmovq %mm1, %mm0
  add $8, %rdi
  movdqu 0(%r12), %xmm0
  movdqu 16(%r12), %xmm1
  movq $0, (%rdi)
  movq $0, 8(%rdi)
  maskmovdqu %xmm1, %xmm0
  add $16, %rdi
  emms

  mov %rdi, outp(%rip)
  .set chunk, 0
  .rept 32
  lea out+chunk(%rip), %rax
  cmp outp(%rip), %rax
  jae 1f
  DUMPMEM(out+chunk, 256)
1:
  .set chunk, chunk + 256
  .endr
  add $48, %r12
  dec %ebx
  jnz .Ltriple
  pop %r12
  pop %rbx
  ret
