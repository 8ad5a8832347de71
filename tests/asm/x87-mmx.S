/* x87-mmx: the x87 register file shared with MMX, through the real
 * decoder. An MMX instruction sets TOP to 0 and tags every register in
 * use (FXSAVE's abridged tag byte 0xff); an MMX write puts the value in
 * the significand of the physical register and all ones in its sign and
 * exponent; EMMS empties every tag; x87 loads show through MMX reads
 * (register i of MMX is physical x87 register i, not st(i)); an x87 push
 * after MMX code without EMMS overflows the stack (IE, SF, C1). Also
 * FRSTOR of an image that tags a register empty still sets the MMX
 * register it aliases. */
#include "check.h"

  .section .rodata
  .align 16
one80:  .quad 0x8000000000000000
        .short 0x3fff
  .data
  .align 16
fx:     .skip 512
env:    .skip 108

  .text
test_main:
  push %rbx
  fninit
  fld1
  fldpi                         /* TOP = 6, phys 7 = 1.0, phys 6 = pi */
  movq %mm1, %rax               /* an MMX read: TOP 0, all tags in use */
  fxsave fx(%rip)
  movzwl fx+2(%rip), %eax
  and $0x3800, %eax
  EQ(%rax, 0)
  movzbl fx+4(%rip), %eax
  EQ(%rax, 0xff)
  /* phys 7 still holds 1.0 (x87 registers are not moved) and MMX 7 is
   * its significand */
  movq %mm7, %rax
  EQ(%rax, 0x8000000000000000)
  /* an MMX write: significand = value, sign and exponent all ones */
  mov $0x1122334455667788, %rax
  movq %rax, %mm3
  fxsave fx(%rip)
  EQM(fx+32+3*16(%rip), 0x1122334455667788)
  movzwl fx+32+3*16+8(%rip), %eax
  EQ(%rax, 0xffff)
  /* the full tag word FNSTENV computes: mm3 special (10), 1.0 in phys 7
   * valid (00) */
  fnstenv env(%rip)
  movzwl env+8(%rip), %eax
  mov %eax, %ecx
  shr $6, %ecx
  and $3, %ecx
  EQ(%rcx, 2)
  shr $14, %eax
  EQ(%rax, 0)
  fldcw env(%rip)               /* fnstenv masked everything: undo */
  /* an x87 push now finds st(7) in use: stack overflow, masked */
  fld1
  fnstsw %ax
  and $0x3a41, %eax             /* TOP, C1, SF, IE */
  EQ(%rax, 0x3a41)              /* TOP 7, C1 (overflow), SF, IE */
  fxam                          /* the indefinite: a NaN, sign set */
  fnstsw %ax
  and $0x4700, %eax
  EQ(%rax, 0x0300)              /* C1 (negative) C0 (NaN) */
  /* EMMS: every register empty */
  emms
  fxsave fx(%rip)
  movzbl fx+4(%rip), %eax
  EQ(%rax, 0)
  fninit
  fld1                          /* now fine */
  fnstsw %ax
  EQ(%rax, 0x3800)
  fstp %st(0)
  /* FRSTOR with every register tagged empty: MMX still sees the values */
  fninit
  fnsave env(%rip)              /* empty image, then put a value in */
  mov one80(%rip), %rax
  mov %rax, env+28+0*10(%rip)   /* st0 = phys 0 (TOP 0) */
  movw $0x3fff, env+28+8(%rip)
  mov $0xabcdef, %rax
  mov %rax, env+28+5*10(%rip)
  frstor env(%rip)
  movq %mm0, %rax
  EQ(%rax, 0x8000000000000000)
  movq %mm5, %rax
  EQ(%rax, 0xabcdef)
  emms
  /* x87 after EMMS sees what MMX left: mm2 written, then fld from it is
   * st(0) only when TOP allows; here read it back through fxsave. */
  mov $0x8000000000000001, %rax
  movq %rax, %mm2
  emms
  fxsave fx(%rip)
  EQM(fx+32+2*16(%rip), 0x8000000000000001)
  fninit
  pop %rbx
  xor %eax, %eax
  ret
