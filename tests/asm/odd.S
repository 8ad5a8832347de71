/* odd: corner cases of ordinary instructions against the host by state
 * dumps (dump.h): pop into an RSP-based operand (the address uses RSP
 * after the pop), push of an RSP-based operand (before), 16-bit push and
 * pop forms, movsxd and bswap with a 16-bit operand, lea with 16/32-bit
 * address and operand sizes, xchg/cmpxchg/xadd of a register with itself,
 * movzx/movsx into 16-bit registers, and high-byte registers. */
#include "check.h"
#include "dump.h"

  .bss
  .align 16
stk: .skip 256
stk_end:
saved: .quad 0

  .text
test_main:
  push %rbx
  push %rbp
  xor %esi, %esi
  xor %edi, %edi
  mov %rsp, saved(%rip)

  /* pop 8(%rsp): the value comes from the old top, the address is
   * computed from the incremented RSP. */
  lea stk_end-64(%rip), %rsp
  movabs $0x1111111111111111, %rax
  mov %rax, (%rsp)
  movabs $0x2222222222222222, %rax
  mov %rax, 8(%rsp)
  movabs $0x3333333333333333, %rax
  mov %rax, 16(%rsp)
  pop 8(%rsp)
  lea stk_end(%rip), %rcx
  sub %rsp, %rcx
  mov saved(%rip), %rsp
  DUMPMEM(stk_end-64, 32)
  DUMP(0)
  /* push 8(%rsp): the address uses RSP before the push. */
  lea stk_end-64(%rip), %rsp
  push 8(%rsp)
  pushw 2(%rsp)
  popw %ax
  pop %rbx
  lea stk_end(%rip), %rcx
  sub %rsp, %rcx
  mov saved(%rip), %rsp
  DUMP(0)
  /* pushw/popw of immediates, registers and memory; 16-bit pop into
   * an RSP-based operand. */
  lea stk_end-64(%rip), %rsp
  pushw $0x1234
  pushw $-2
  mov $0x5678, %eax
  push %ax
  popw (%rsp)
  popw %bx
  popw %dx
  lea stk_end(%rip), %rcx
  sub %rsp, %rcx
  mov saved(%rip), %rsp
  DUMP(0)
  DUMPMEM(stk_end-80, 32)

  /* movsxd with 16- and 32-bit operand sizes, bswap r16. */
  mov $-1, %rax
  mov $-1, %rbx
  mov $0x80008000, %ecx
  .byte 0x66, 0x63, 0xc1        /* movsxd %cx, %ax (66 63 /r) */
  .byte 0x63, 0xd9              /* movsxd %ecx, %ebx (no REX.W) */
  movabs $0x1122334455667788, %rdx
  .byte 0x66, 0x0f, 0xca        /* bswap %dx */
  DUMP(0)

  /* lea in each operand and address size. */
  mov $-1, %rax
  mov $-1, %rbx
  mov $-1, %rcx
  movabs $0xfffffff0fffffff0, %rsi
  movabs $0x0000000100000020, %rdi
  lea 0x30(%rsi,%rdi,2), %ax
  lea 0x30(%esi,%edi,2), %ebx
  lea 0x30(%esi,%edi,2), %rcx
  lea 0x30(%rsi,%rdi,2), %edx
  DUMP(0)
  xor %esi, %esi
  xor %edi, %edi

  /* A register with itself. */
  movabs $0x8000000180000001, %rax
  mov %rax, %rbx
  mov %rax, %rcx
  mov %rax, %rdx
  xadd %ebx, %ebx
  xchg %ecx, %ecx
  cmpxchg %edx, %edx
  DUMP(ARITH)
  movabs $0x8000000180000001, %rax
  mov %rax, %rbx
  cmpxchg %eax, %eax
  xadd %bl, %bl
  DUMP(ARITH)

  /* movzx/movsx into 16 bits; high-byte registers as sources and
   * destinations. */
  mov $-1, %rax
  mov $-1, %rbx
  mov $0x8081, %ecx
  movzbw %cl, %ax
  movsbw %ch, %bx
  mov $0x1234, %edx
  xchg %dh, %dl
  mov %ch, %ah
  DUMP(0)
  mov $-1, %rax
  mov $0x80, %ecx
  movsbl %cl, %eax
  movswq %cx, %rbx
  movzwl %cx, %edx
  DUMP(0)

  mov saved(%rip), %rsp
  pop %rbp
  pop %rbx
  ret
