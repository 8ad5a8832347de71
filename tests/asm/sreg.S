/* sreg: segment registers as a 64-bit Linux program sees them, against
 * the host by state dumps (dump.h): the selector values, mov from a
 * segment register into 16/32/64-bit registers and memory (what happens
 * to the upper bits), push/pop of fs/gs in 64- and 16-bit operand size,
 * mov to ds/es/ss/fs/gs with the selectors user code may load, and
 * lar/lsl/verr/verw on them and on every selector 0..255. */
#include "check.h"
#include "dump.h"

  .data
  .align 8
slot: .quad 0xffffffffffffffff

  .text
test_main:
  push %rbx
  push %rbp
  xor %esi, %esi
  xor %edi, %edi
  mov $-1, %rax
  mov $-1, %rbx
  mov $-1, %rcx
  mov $-1, %rdx
  mov $-1, %rbp
  mov %cs, %eax
  mov %ss, %bx
  mov %ds, %rcx
  mov %es, %edx
  mov %fs, %bp
  DUMP(0)
  mov $-1, %rax
  mov $-1, %rbx
  mov %gs, %eax
  mov %ss, %rbx
  movq $-1, slot(%rip)
  mov %cs, slot(%rip)          /* a 16-bit store */
  mov slot(%rip), %rcx
  DUMP(0)

  /* push/pop fs and gs: 8 bytes, or 2 with 66. */
  mov %rsp, %rbp
  movq $-1, -8(%rsp)
  movq $-1, -16(%rsp)
  push %fs
  pushw %gs
  mov %rbp, %rax
  sub %rsp, %rax
  mov 2(%rsp), %rbx
  mov (%rsp), %cx
  popw %gs
  pop %fs
  sub %rsp, %rbp
  DUMP(0)

  /* Loads of the selectors user code can use: null (0) into ds/es/fs/
   * gs, the user data selector into ds/es/ss. */
  mov %ss, %eax
  mov %eax, %ds
  mov %eax, %es
  mov %eax, %ss
  xor %ecx, %ecx
  mov %ecx, %ds
  mov %ecx, %es
  mov %ecx, %fs
  mov %ecx, %gs
  mov %ds, %ebx
  mov %ss, %edx
  DUMP(0)

  /* lar/lsl/verr/verw on our own code and data selectors and on null:
   * ZF and, when ZF is set, the access rights and limit. */
  mov $-1, %rax
  mov $-1, %rbx
  mov $-1, %rcx
  mov $-1, %rdx
  /* (Bits 19:16 of lar's 32-bit result are "undefined" in the SDM:
   * masked, so that Intel and AMD hosts agree.) */
  mov %cs, %esi
  lar %esi, %eax
  setz %r8b
  lsl %esi, %ebx
  setz %r9b
  and $0xfff0ffff, %eax
  DUMP(0)
  mov %ss, %esi
  lar %esi, %ecx
  setz %r8b
  lsl %esi, %edx
  setz %r9b
  and $0xfff0ffff, %ecx
  DUMP(0)
  xor %esi, %esi
  mov $-1, %rax
  lar %esi, %eax
  DUMP(ZF)
  mov %cs, %esi
  verr %si
  DUMP(ZF)
  verw %si
  DUMP(ZF)
  mov %ss, %esi
  verr %si
  DUMP(ZF)
  verw %si
  DUMP(ZF)
  /* Every selector 0..255 (GDT and LDT, every RPL): lar, lsl (32- and
   * 16-bit), verr, verw; ZF of each into r8..r11. The per-CPU segment's
   * limit is the host CPU's number: masked. */
  xor %esi, %esi
1:
  mov $-1, %rax
  mov $-1, %rbx
  mov $-1, %rcx
  xor %r8d, %r8d
  xor %r9d, %r9d
  xor %r10d, %r10d
  xor %r11d, %r11d
  lar %esi, %eax
  setz %r8b
  and $0xfff0ffff, %eax
  lsl %esi, %ebx
  setz %r9b
  lar %si, %cx
  verr %si
  setz %r10b
  verw %si
  setz %r11b
  mov %esi, %edx
  shr $3, %edx
  cmp $15, %edx
  jne 2f
  xor %ebx, %ebx
2:
  xor %edx, %edx
  DUMP(0)
  inc %esi
  cmp $256, %esi
  jne 1b
  xor %esi, %esi
  pop %rbp
  pop %rbx
  ret
