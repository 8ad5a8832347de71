/* smc: self-modifying code, which x86 guarantees works without any
 * flush: code copied into an mmap'd RWX page and run, then patched and
 * run again; an instruction patched in the same page (and just ahead of
 * the code doing the store); and code remapped with mprotect. An
 * emulator that caches decoded instructions must notice each write. */
#include "check.h"

#define SYS_mmap 9
#define SYS_mprotect 10
#define PROT_RWX 7
#define PROT_RX 5
#define MAP_PRIVATE_ANON 0x22

  .section .rodata
/* The template: mov $imm32, %eax; ret */
tmpl: .byte 0xb8, 0x01, 0x00, 0x00, 0x00, 0xc3
tmpl_end:

  .text
test_main:
  push %rbx
  push %r12
  mov $SYS_mmap, %eax
  xor %edi, %edi
  mov $8192, %esi
  mov $PROT_RWX, %edx
  mov $MAP_PRIVATE_ANON, %r10d
  mov $-1, %r8
  xor %r9d, %r9d
  syscall
  cmp $-4096, %rax
  FAIL_IF(ja)
  mov %rax, %rbx

  /* Copy the template and call it. */
  lea tmpl(%rip), %rsi
  mov %rbx, %rdi
  mov $(tmpl_end - tmpl), %ecx
  rep movsb
  call *%rbx
  EQ(%rax, 1)
  /* Patch the immediate with a plain store; call again. */
  movl $2, 1(%rbx)
  call *%rbx
  EQ(%rax, 2)
  /* Patch with a string instruction and a byte store. */
  lea 1(%rbx), %rdi
  mov $3, %eax
  stosl
  call *%rbx
  EQ(%rax, 3)
  movb $0x90, 5(%rbx)         /* ret -> nop, then a new ret after it */
  movb $0xc3, 6(%rbx)
  call *%rbx
  EQ(%rax, 3)

  /* A store that patches the very next instruction: the CPU sees the
   * new bytes even though they were already fetched. */
  lea next_tmpl(%rip), %rsi
  lea 128(%rbx), %rdi
  mov $(next_tmpl_end - next_tmpl), %ecx
  rep movsb
  lea 128(%rbx), %rax
  call *%rax
  EQ(%rax, 7)

  /* A loop in the page whose body changes from one iteration to the
   * next: the code patches its own add instruction's immediate. */
  lea loop_tmpl(%rip), %rsi
  lea 64(%rbx), %rdi
  mov $(loop_tmpl_end - loop_tmpl), %ecx
  rep movsb
  lea 64(%rbx), %rax
  call *%rax
  /* Iterations add 1, 2, 3, 4, 5: the immediate is incremented by the
   * loop body itself before the add executes again. */
  EQ(%rax, 15)

  /* The second page: write code, make it read+exec, run it, make it
   * writable again, change it, run again. */
  lea 4096(%rbx), %r12
  lea tmpl(%rip), %rsi
  mov %r12, %rdi
  mov $(tmpl_end - tmpl), %ecx
  rep movsb
  movl $40, 1(%r12)
  mov $SYS_mprotect, %eax
  mov %r12, %rdi
  mov $4096, %esi
  mov $PROT_RX, %edx
  syscall
  EQ(%rax, 0)
  call *%r12
  EQ(%rax, 40)
  mov $SYS_mprotect, %eax
  mov %r12, %rdi
  mov $4096, %esi
  mov $PROT_RWX, %edx
  syscall
  movl $41, 1(%r12)
  call *%r12
  EQ(%rax, 41)
  pop %r12
  pop %rbx
  ret

/* Position-independent: sums the immediates of `add` as it patches it.
 * Label 2 is `add $imm32, %eax` spelt out (05 id), so its immediate is
 * the dword at 2b+1. */
loop_tmpl:
  xor %eax, %eax
  mov $5, %ecx
1:
2:
  .byte 0x05
  .long 1
  incl 2b+1(%rip)
  dec %ecx
  jnz 1b
  ret
loop_tmpl_end:

/* Patches the immediate of the instruction right after the store. */
next_tmpl:
  movb $7, 1f+1(%rip)
1:
  mov $1, %eax
  ret
next_tmpl_end:
