/* stack: push/pop of registers, memory and immediates (16- and 64-bit),
 * pushfq/popfq, call/ret (direct, indirect through a register and
 * memory), ret imm16, enter/leave (nesting level 0 and 1 and more), and
 * push %rsp / pop %rsp semantics. */
#include "check.h"

  .data
  .align 8
fnptr: .quad add_one
slot:  .quad 0x1122334455667788

  .text
add_one:
  lea 1(%rdi), %rax
  ret

callee_pop16:          /* returns, popping two 8-byte arguments */
  mov 8(%rsp), %rax
  add 16(%rsp), %rax
  ret $16

recurse:               /* rax = sum 1..rdi, recursively */
  test %rdi, %rdi
  jz 1f
  push %rdi
  dec %rdi
  call recurse
  pop %rdi
  add %rdi, %rax
  ret
1:
  xor %eax, %eax
  ret

test_main:
  push %rbx
  push %rbp
  mov %rsp, %rbx

  /* push/pop registers and immediates. */
  mov $0xdeadbeefcafebabe, %rax
  push %rax
  pop %rcx
  EQ(%rcx, 0xdeadbeefcafebabe)
  push $-2
  pop %rdx
  EQ(%rdx, -2)
  push $0x12345678
  pop %rdx
  EQ(%rdx, 0x12345678)
  lea -8(%rbx), %rsi
  push $0
  EQR(%rsp, %rsi)
  pop %rax
  EQR(%rsp, %rbx)
  /* 16-bit push/pop move rsp by 2. */
  mov $0x7777, %ax
  pushw %ax
  lea -2(%rbx), %rsi
  EQR(%rsp, %rsi)
  pushw $0x1234
  popw %dx
  popw %cx
  movzwl %dx, %edx
  movzwl %cx, %ecx
  EQ(%rdx, 0x1234)
  EQ(%rcx, 0x7777)
  EQR(%rsp, %rbx)
  /* push/pop memory. */
  pushq slot(%rip)
  popq %rax
  EQ(%rax, 0x1122334455667788)
  push $99
  popq slot(%rip)
  EQM(slot(%rip), 99)
  /* push %rsp pushes the value before the push. */
  push %rsp
  pop %rax
  EQR(%rax, %rbx)
  /* pop %rsp loads the popped value. */
  lea -64(%rbx), %rax
  push %rax
  pop %rsp
  EQR(%rsp, %rax)
  mov %rbx, %rsp
  /* pop into memory addressed by rsp uses the incremented rsp. */
  sub $16, %rsp
  movq $0, 8(%rsp)
  push $0x4242
  popq (%rsp)
  EQM((%rsp), 0x4242)
  mov %rbx, %rsp

  /* pushfq / popfq round trip of the arithmetic flags and DF. */
  push $(CF|ZF|OF|DF|0x2)
  popfq
  FLAGS(ARITH|DF, CF|ZF|OF|DF)
  push $0x2
  popfq
  FLAGS(ARITH|DF, 0)
  pushfq
  pop %rax
  and $0x2, %eax
  EQ(%rax, 2)

  /* calls and returns. */
  mov $41, %edi
  call add_one
  EQ(%rax, 42)
  lea add_one(%rip), %rcx
  mov $9, %edi
  call *%rcx
  EQ(%rax, 10)
  mov $-1, %rdi
  call *fnptr(%rip)
  EQ(%rax, 0)
  push $30
  push $12
  call callee_pop16
  EQ(%rax, 42)
  EQR(%rsp, %rbx)
  mov $100, %edi
  call recurse
  EQ(%rax, 5050)
  EQR(%rsp, %rbx)
  /* call pushes the return address: the next instruction. */
  call 1f
2:
  jmp 3f
1:
  pop %rax
  lea 2b(%rip), %rdx
  EQR(%rax, %rdx)
3:

  /* enter/leave. */
  mov %rsp, %rbp
  mov %rbp, %r8
  enter $32, $0
  lea -8(%r8), %rax
  EQR(%rbp, %rax)
  lea -40(%r8), %rax
  EQR(%rsp, %rax)
  EQMR((%rbp), %r8)
  leave
  EQR(%rsp, %r8)
  EQR(%rbp, %r8)
  /* Nesting level 1: pushes the new frame pointer as well. */
  enter $16, $1
  lea -8(%r8), %rax
  EQR(%rbp, %rax)
  lea -32(%r8), %rax
  EQR(%rsp, %rax)
  EQMR(-8(%rbp), %rbp)
  /* Level 2 inside it copies one outer frame pointer. */
  mov %rbp, %r9
  enter $0, $2
  lea -8(%rax), %rdx     /* old rsp - 8 */
  EQR(%rbp, %rdx)
  EQMR((%rbp), %r9)
  mov -8(%r9), %rcx
  EQMR(-8(%rbp), %rcx)
  EQMR(-16(%rbp), %rbp)
  leave
  EQR(%rbp, %r9)
  leave
  EQR(%rsp, %r8)
  EQR(%rbp, %r8)

  mov %rbx, %rsp
  pop %rbp
  pop %rbx
  ret
