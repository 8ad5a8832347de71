/* int80: int $0x80 in a 64-bit program runs the i386 system call table
 * (EAX number, EBX ECX EDX ESI EDI EBP arguments, 32 bits each; result
 * sign-extended into RAX; every other register kept, r8-r11 included).
 * Kernels without IA32 emulation answer int $0x80 with SIGSEGV: the
 * native run then takes the handler installed first and exits 0 without
 * checking anything (blink never needs it). */
#include "check.h"

#define SYS_rt_sigaction 13
#define SYS_getpid 39
#define SA_RESTORER 0x04000000

  .data
msg:  .ascii "int 0x80 write\n"
msg_end:
  .align 8
sa:   .quad skip_all            /* sa_handler */
      .quad SA_RESTORER         /* sa_flags */
      .quad skip_all            /* sa_restorer: never returned to */
      .quad 0                   /* sa_mask */
dot:  .asciz "."
  .bss
pipefd: .skip 8
buf:    .skip 16
cwd1:   .skip 256
cwd2:   .skip 256

  .text
skip_all:
  xor %edi, %edi
  mov $SYS_exit, %eax
  syscall
  hlt

test_main:
  push %rbx
  push %rbp
  push %r12
  push %r13
  mov $SYS_rt_sigaction, %eax
  mov $11, %edi                 /* SIGSEGV */
  lea sa(%rip), %rsi
  xor %edx, %edx
  mov $8, %r10d
  syscall
  EQ(%rax, 0)

  /* write(1, msg, len), upper halves of the argument registers ignored,
   * the rest kept. */
  mov $0x1111111111111111, %r8
  mov $0x2222222222222222, %r9
  mov $0x3333333333333333, %r10
  mov $0x4444444444444444, %r11
  mov $0x5555555555555555, %r12
  mov $0x6666666666666666, %r13
  mov $0xabcdef0100000001, %rbx
  mov $0xffffffff00000000, %rcx
  lea msg, %eax
  or %rax, %rcx
  mov $0x7777777700000000, %rdx
  or $(msg_end - msg), %rdx
  mov $0x9999999999999999, %rsi
  mov $0x8888888888888888, %rdi
  mov $0xaaaaaaaaaaaaaaaa, %rbp
  mov $0xdeadbeef00000004, %rax
  int $0x80
  EQ(%rax, msg_end-msg)
  EQ(%rbx, 0xabcdef0100000001)
  EQ(%rsi, 0x9999999999999999)
  EQ(%rdi, 0x8888888888888888)
  EQ(%rbp, 0xaaaaaaaaaaaaaaaa)
  EQ(%r8, 0x1111111111111111)
  EQ(%r9, 0x2222222222222222)
  EQ(%r10, 0x3333333333333333)
  EQ(%r11, 0x4444444444444444)
  EQ(%r12, 0x5555555555555555)
  EQ(%r13, 0x6666666666666666)
  mov $0x7777777700000000, %r14
  or $(msg_end - msg), %r14
  EQR(%rdx, %r14)
  mov $0xffffffff00000000, %r14
  lea msg, %eax
  or %rax, %r14
  EQR(%rcx, %r14)

  /* getpid (20) agrees with the 64-bit call. */
  mov $20, %eax
  int $0x80
  mov %rax, %r12
  mov $SYS_getpid, %eax
  syscall
  EQR(%rax, %r12)

  /* An unknown number: -ENOSYS, sign-extended. Also number -1 and a
   * number past the i386 table. */
  mov $9999, %eax
  int $0x80
  EQ(%rax, -38)
  mov $-1, %rax
  int $0x80
  EQ(%rax, -38)
  mov $0x0000000100000014, %rax  /* only EAX counts: this is getpid */
  int $0x80
  EQR(%rax, %r12)

  /* pipe (42), write (4), read (3), close (6) with 32-bit pointers. */
  mov $42, %eax
  lea pipefd, %ebx
  int $0x80
  EQ(%rax, 0)
  mov $4, %eax
  mov pipefd+4, %ebx
  lea msg, %ecx
  mov $5, %edx
  int $0x80
  EQ(%rax, 5)
  mov $3, %eax
  mov pipefd, %ebx
  lea buf, %ecx
  mov $16, %edx
  int $0x80
  EQ(%rax, 5)
  mov buf, %rax
  mov msg, %rcx
  shl $24, %rax
  shl $24, %rcx
  EQR(%rax, %rcx)
  mov $6, %eax
  mov pipefd, %ebx
  int $0x80
  EQ(%rax, 0)
  mov $6, %eax
  mov pipefd, %ebx
  int $0x80
  EQ(%rax, -9)                  /* EBADF: closed already */
  /* A bad pointer: -EFAULT, not a crash. */
  mov $4, %eax
  mov $1, %ebx
  mov $16, %ecx
  mov $1, %edx
  int $0x80
  EQ(%rax, -14)

  /* brk(0) (45) and getcwd (183) agree with the 64-bit calls; openat
   * (295) takes AT_FDCWD as a 32-bit -100. */
  mov $45, %eax
  xor %ebx, %ebx
  int $0x80
  mov %rax, %r12
  mov $12, %eax
  xor %edi, %edi
  syscall
  EQR(%rax, %r12)
  mov $183, %eax
  lea cwd1, %ebx
  mov $256, %ecx
  int $0x80
  mov %rax, %r12
  mov $79, %eax
  lea cwd2(%rip), %rdi
  mov $256, %esi
  syscall
  EQR(%rax, %r12)
  mov cwd1, %rax
  mov cwd2, %rcx
  EQR(%rax, %rcx)
  mov $295, %eax
  mov $-100, %ebx
  lea dot, %ecx
  xor %edx, %edx                /* O_RDONLY */
  int $0x80
  test %rax, %rax
  FAIL_IF(js)
  mov %eax, %ebx
  mov $6, %eax
  int $0x80
  EQ(%rax, 0)

  /* Flags survive the call. */
  stc
  mov $20, %eax
  int $0x80
  FLAGS(CF, CF)
  clc
  mov $20, %eax
  int $0x80
  FLAGS(CF, 0)

  pop %r13
  pop %r12
  pop %rbp
  pop %rbx
  /* exit_group(0) through int 0x80 ends the test. */
  mov $252, %eax
  xor %ebx, %ebx
  int $0x80
  FAIL()
