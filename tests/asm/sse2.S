/* sse2: data movement between general registers, memory and xmm
 * registers (movd/movq/movdqa/movdqu/movaps/movups/movsd/movlpd/movhpd),
 * and the SSE2 integer operations: add/sub (wrapping, saturating),
 * logic, compares, pmovmskb, shuffles, unpacks, shifts (by immediate,
 * by register, whole-register byte shifts), multiplies, packs, min/max,
 * average, sad, pextrw/pinsrw. */
#include "check.h"

  .section .rodata
  .align 16
v_bytes: .byte 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
v_ff:    .quad -1, -1
v_words: .short 1, -2, 3, -4, 0x7fff, -0x8000, 100, -100
v_dw:    .long 1, 2, 3, 4
v_mixed: .quad 0x8000000000000001, 0x7fffffffffffffff
v_sat:   .byte 250, 5, 128, 127, 0, 255, 1, 200, 10, 20, 30, 40, 50, 60, 70, 80
  .data
  .align 16
buf:     .skip 64

  .text
test_main:
  /* movd / movq between gprs and xmm; the upper bits are zeroed. */
  movdqa v_ff(%rip), %xmm0
  mov $0x12345678, %eax
  movd %eax, %xmm0
  XEQ(%xmm0, 0x12345678, 0)
  mov $0x1122334455667788, %rax
  movq %rax, %xmm1
  XEQ(%xmm1, 0x1122334455667788, 0)
  movd %xmm1, %ecx
  EQ(%rcx, 0x55667788)
  movq %xmm1, %rdx
  EQ(%rdx, 0x1122334455667788)
  movdqa v_ff(%rip), %xmm2
  movq %xmm1, %xmm2
  XEQ(%xmm2, 0x1122334455667788, 0)
  movdqa v_ff(%rip), %xmm3
  movq v_dw(%rip), %xmm3
  XEQ(%xmm3, 0x0000000200000001, 0)

  /* Loads and stores, aligned and not. */
  movdqa v_bytes(%rip), %xmm4
  XEQ(%xmm4, 0x0706050403020100, 0x0f0e0d0c0b0a0908)
  movdqu %xmm4, buf+3(%rip)
  movdqu buf+3(%rip), %xmm5
  XEQ(%xmm5, 0x0706050403020100, 0x0f0e0d0c0b0a0908)
  movdqu buf+1(%rip), %xmm5
  XEQ(%xmm5, 0x0504030201000000, 0x0d0c0b0a09080706)
  movaps %xmm4, buf+16(%rip)
  movups buf+17(%rip), %xmm6
  XEQ(%xmm6, 0x0807060504030201, 0x000f0e0d0c0b0a09)
  movdqa %xmm4, %xmm7
  XEQ(%xmm7, 0x0706050403020100, 0x0f0e0d0c0b0a0908)
  /* movsd: a load zeroes the upper half, a register move merges. */
  movdqa v_ff(%rip), %xmm0
  movsd v_dw(%rip), %xmm0
  XEQ(%xmm0, 0x0000000200000001, 0)
  movdqa v_ff(%rip), %xmm0
  movsd %xmm4, %xmm0
  XEQ(%xmm0, 0x0706050403020100, 0xffffffffffffffff)
  movdqa v_ff(%rip), %xmm0
  movhpd v_dw(%rip), %xmm0
  XEQ(%xmm0, 0xffffffffffffffff, 0x0000000200000001)
  movlpd v_bytes+8(%rip), %xmm0
  XEQ(%xmm0, 0x0f0e0d0c0b0a0908, 0x0000000200000001)
  movhpd %xmm0, buf(%rip)
  EQM(buf(%rip), 0x0000000200000001)
  movss v_dw+4(%rip), %xmm0
  XEQ(%xmm0, 2, 0)

  /* Wrapping adds and subtracts. */
  movdqa v_bytes(%rip), %xmm0
  paddb v_ff(%rip), %xmm0        /* each byte minus 1 */
  XEQ(%xmm0, 0x06050403020100ff, 0x0e0d0c0b0a090807)
  movdqa v_words(%rip), %xmm0
  paddw %xmm0, %xmm0
  XEQ(%xmm0, 0xfff80006fffc0002, 0xff3800c80000fffe)
  movdqa v_dw(%rip), %xmm0
  psubd v_ff(%rip), %xmm0
  XEQ(%xmm0, 0x0000000300000002, 0x0000000500000004)
  movdqa v_mixed(%rip), %xmm0
  paddq %xmm0, %xmm0
  XEQ(%xmm0, 2, 0xfffffffffffffffe)
  psubq v_mixed(%rip), %xmm0
  XEQ(%xmm0, 0x8000000000000001, 0x7fffffffffffffff)
  /* Saturating. */
  movdqa v_sat(%rip), %xmm0
  paddusb v_sat(%rip), %xmm0
  XEQ(%xmm0, 0xff02ff00feff0aff, 0xa08c7864503c2814)
  movdqa v_sat(%rip), %xmm0
  psubusb v_bytes(%rip), %xmm0
  XEQ(%xmm0, 0xc100fa007c7e04fa, 0x41382f261d140b02)
  movdqa v_words(%rip), %xmm0
  paddsw %xmm0, %xmm0
  XEQ(%xmm0, 0xfff80006fffc0002, 0xff3800c880007fff)
  movdqa v_words(%rip), %xmm0
  psubsw v_ff(%rip), %xmm0
  XEQ(%xmm0, 0xfffd0004ffff0002, 0xff9d006580017fff)

  /* Logic. */
  movdqa v_bytes(%rip), %xmm0
  pand v_mixed(%rip), %xmm0
  XEQ(%xmm0, 0x0000000000000000, 0x0f0e0d0c0b0a0908)
  movdqa v_bytes(%rip), %xmm0
  por v_mixed(%rip), %xmm0
  XEQ(%xmm0, 0x8706050403020101, 0x7fffffffffffffff)
  movdqa v_bytes(%rip), %xmm0
  pxor %xmm0, %xmm0
  XEQ(%xmm0, 0, 0)
  movdqa v_bytes(%rip), %xmm0
  pandn v_ff(%rip), %xmm0
  XEQ(%xmm0, 0xf8f9fafbfcfdfeff, 0xf0f1f2f3f4f5f6f7)

  /* Compares and pmovmskb. */
  movdqa v_bytes(%rip), %xmm0
  movdqa v_sat(%rip), %xmm1
  pcmpgtb %xmm1, %xmm0           /* signed bytes */
  pmovmskb %xmm0, %eax
  EQ(%rax, 0x00f5)
  movdqa v_bytes(%rip), %xmm0
  pcmpeqb %xmm0, %xmm0
  pmovmskb %xmm0, %eax
  EQ(%rax, 0xffff)
  movdqa v_dw(%rip), %xmm0
  pcmpeqd v_ff(%rip), %xmm0
  XEQ(%xmm0, 0, 0)
  movdqa v_words(%rip), %xmm0
  pxor %xmm1, %xmm1
  pcmpgtw %xmm1, %xmm0
  XEQ(%xmm0, 0x0000ffff0000ffff, 0x0000ffff0000ffff)

  /* Shuffles and unpacks. */
  movdqa v_dw(%rip), %xmm0
  pshufd $0x1b, %xmm0, %xmm1
  XEQ(%xmm1, 0x0000000300000004, 0x0000000100000002)
  pshufd $0x00, %xmm0, %xmm1
  XEQ(%xmm1, 0x0000000100000001, 0x0000000100000001)
  movdqa v_words(%rip), %xmm0
  pshuflw $0x1b, %xmm0, %xmm1
  XEQ(%xmm1, 0x0001fffe0003fffc, 0xff9c006480007fff)
  pshufhw $0xe4, %xmm0, %xmm1
  XEQ(%xmm1, 0xfffc0003fffe0001, 0xff9c006480007fff)
  movdqa v_bytes(%rip), %xmm0
  movdqa v_ff(%rip), %xmm1
  punpcklbw %xmm1, %xmm0
  XEQ(%xmm0, 0xff03ff02ff01ff00, 0xff07ff06ff05ff04)
  movdqa v_bytes(%rip), %xmm0
  pxor %xmm1, %xmm1
  punpckhbw %xmm1, %xmm0
  XEQ(%xmm0, 0x000b000a00090008, 0x000f000e000d000c)
  movdqa v_dw(%rip), %xmm0
  punpckldq v_mixed(%rip), %xmm0
  XEQ(%xmm0, 0x0000000100000001, 0x8000000000000002)
  movdqa v_dw(%rip), %xmm0
  punpckhqdq v_mixed(%rip), %xmm0
  XEQ(%xmm0, 0x0000000400000003, 0x7fffffffffffffff)
  movdqa v_dw(%rip), %xmm0
  shufps $0x4e, %xmm0, %xmm0
  XEQ(%xmm0, 0x0000000400000003, 0x0000000200000001)

  /* Shifts. */
  movdqa v_words(%rip), %xmm0
  psllw $4, %xmm0
  XEQ(%xmm0, 0xffc00030ffe00010, 0xf9c006400000fff0)
  movdqa v_words(%rip), %xmm0
  psraw $15, %xmm0
  XEQ(%xmm0, 0xffff0000ffff0000, 0xffff0000ffff0000)
  movdqa v_dw(%rip), %xmm0
  mov $33, %eax
  movd %eax, %xmm1
  pslld %xmm1, %xmm0             /* counts >= 32 clear */
  XEQ(%xmm0, 0, 0)
  movdqa v_mixed(%rip), %xmm0
  psrlq $63, %xmm0
  XEQ(%xmm0, 1, 0)
  movdqa v_bytes(%rip), %xmm0
  pslldq $3, %xmm0
  XEQ(%xmm0, 0x0403020100000000, 0x0c0b0a0908070605)
  movdqa v_bytes(%rip), %xmm0
  psrldq $9, %xmm0
  XEQ(%xmm0, 0x000f0e0d0c0b0a09, 0)
  movdqa v_dw(%rip), %xmm0
  psrad $1, %xmm0
  XEQ(%xmm0, 0x0000000100000000, 0x0000000200000001)

  /* Multiplies. */
  movdqa v_words(%rip), %xmm0
  pmullw %xmm0, %xmm0
  XEQ(%xmm0, 0x0010000900040001, 0x2710271000000001)
  movdqa v_words(%rip), %xmm0
  pmulhw %xmm0, %xmm0
  XEQ(%xmm0, 0, 0x0000000040003fff)
  movdqa v_mixed(%rip), %xmm0
  pmuludq v_ff(%rip), %xmm0
  XEQ(%xmm0, 0x00000000ffffffff, 0xfffffffe00000001)
  movdqa v_words(%rip), %xmm0
  pmaddwd %xmm0, %xmm0
  XEQ(%xmm0, 0x0000001900000005, 0x00004e207fff0001)

  /* Packs, min/max, average, sad, extract/insert. */
  movdqa v_words(%rip), %xmm0
  packsswb %xmm0, %xmm0
  XEQ(%xmm0, 0x9c64807ffc03fe01, 0x9c64807ffc03fe01)
  movdqa v_words(%rip), %xmm0
  packuswb %xmm0, %xmm0
  XEQ(%xmm0, 0x006400ff00030001, 0x006400ff00030001)
  movdqa v_sat(%rip), %xmm0
  pminub v_bytes(%rip), %xmm0
  XEQ(%xmm0, 0x0701050003020100, 0x0f0e0d0c0b0a0908)
  movdqa v_words(%rip), %xmm0
  pmaxsw v_ff(%rip), %xmm0
  XEQ(%xmm0, 0xffff0003ffff0001, 0xffff0064ffff7fff)
  movdqa v_sat(%rip), %xmm0
  pavgb v_bytes(%rip), %xmm0
  XEQ(%xmm0, 0x680482024141037d, 0x302a251f1a140f09)
  movdqa v_sat(%rip), %xmm0
  psadbw v_bytes(%rip), %xmm0
  XEQ(%xmm0, 956, 268)
  movdqa v_words(%rip), %xmm0
  pextrw $5, %xmm0, %eax
  EQ(%rax, 0x8000)
  mov $0xabcd, %ecx
  pinsrw $2, %ecx, %xmm0
  XEQ(%xmm0, 0xfffcabcdfffe0001, 0xff9c006480007fff)
  movdqa v_mixed(%rip), %xmm0
  movmskpd %xmm0, %eax
  EQ(%rax, 1)
  movmskps %xmm0, %eax
  EQ(%rax, 0x6)
  ret
