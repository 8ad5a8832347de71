/* x87-ptrs: the last-instruction pointers (FIP, FOP, FDP) that FNSTENV,
 * FNSAVE and FXSAVE report, checked while an exception is pending: then
 * every vendor stores them (AMD's FXSAVE stores them only then, some
 * Intel CPUs keep FDP only for an instruction that raised an unmasked
 * exception). FCS/FDS are not checked (Intel may store zeros). Also
 * that control instructions (fnstenv, fldcw, fnstsw) leave them alone
 * and that fninit clears them. */
#include "check.h"

  .section .rodata
  .align 16
zero:   .double 0.0
  .data
  .align 16
fx:     .skip 512
env:    .skip 108
cw:     .short 0

  .text
test_main:
  fninit
  fnstcw cw(%rip)
  andw $~0x4, cw(%rip)          /* unmask ZE */
  fldcw cw(%rip)
  fld1
.Ldiv:
  fdivl zero(%rip)              /* dc 35: ZE pending, no trap yet */
  fnstsw %ax
  fnstcw env(%rip)              /* control: keeps the pointers */
  fnstenv env(%rip)             /* 32-bit layout */
  mov env+12(%rip), %eax        /* FIP (low 32 bits) */
  lea .Ldiv(%rip), %rcx
  mov %ecx, %ecx
  EQR(%rax, %rcx)
  movzwl env+18(%rip), %eax     /* FOP */
  and $0x7ff, %eax
  EQ(%rax, 0x435)
  mov env+20(%rip), %eax        /* FDP */
  lea zero(%rip), %rcx
  mov %ecx, %ecx
  EQR(%rax, %rcx)
  fldcw cw(%rip)                /* fnstenv masked all: unmask again */
  /* 16-bit layout: FIP and FDP as 16 bits at 6 and 10 */
  data16 fnstenv env(%rip)
  movzwl env+6(%rip), %eax
  lea .Ldiv(%rip), %rcx
  movzwl %cx, %ecx
  EQR(%rax, %rcx)
  movzwl env+10(%rip), %eax
  lea zero(%rip), %rcx
  movzwl %cx, %ecx
  EQR(%rax, %rcx)
  fldcw cw(%rip)
  /* fxsave64: FOP at 6, FIP and FDP 64 bits at 8 and 16 */
  fxsave64 fx(%rip)
  movzwl fx+6(%rip), %eax
  EQ(%rax, 0x435)
  lea .Ldiv(%rip), %rcx
  EQMR(fx+8(%rip), %rcx)
  lea zero(%rip), %rcx
  EQMR(fx+16(%rip), %rcx)
  /* fxsave (no REX.W): 32-bit FIP at 8, 32-bit FDP at 16 */
  fxsave fx(%rip)
  mov fx+8(%rip), %eax
  lea .Ldiv(%rip), %rcx
  mov %ecx, %ecx
  EQR(%rax, %rcx)
  mov fx+16(%rip), %eax
  lea zero(%rip), %rcx
  mov %ecx, %ecx
  EQR(%rax, %rcx)
  /* a register-form instruction with an exception moves FIP and FOP */
  fnclex
  fldz
  fld1
.Ldiv2:
  fdiv %st(1), %st              /* d8 f1: 1 / 0, ZE pending again */
  fnstenv env(%rip)
  mov env+12(%rip), %eax
  lea .Ldiv2(%rip), %rcx
  mov %ecx, %ecx
  EQR(%rax, %rcx)
  movzwl env+18(%rip), %eax
  and $0x7ff, %eax
  mov %eax, %edx
  movzbl .Ldiv2+1(%rip), %ecx   /* the ModRM byte as assembled */
  movzbl .Ldiv2(%rip), %eax
  and $7, %eax
  shl $8, %eax
  or %ecx, %eax
  EQR(%rdx, %rax)
  /* fninit clears them */
  fninit
  fnstenv env(%rip)
  mov env+12(%rip), %eax
  EQ(%rax, 0)
  movzwl env+18(%rip), %eax
  and $0x7ff, %eax
  EQ(%rax, 0)
  fninit
  xor %eax, %eax
  ret
