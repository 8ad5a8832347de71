/* syscall: the SYSCALL instruction's register contract (result in rax,
 * rcx = the next instruction, r11 = rflags, every other register kept)
 * and error returns as -errno: -ENOSYS for unknown numbers, -EBADF,
 * -EFAULT for bad pointers, -ENOENT, -EINVAL. */
#include "check.h"

#define ENOENT 2
#define EBADF 9
#define EFAULT 14
#define EINVAL 22
#define ENOSYS 38

  .section .rodata
nofile: .asciz "/nonexistent/blink-test-file"
hello:  .ascii "syscall test\n"

  .text
test_main:
  push %rbx
  push %rbp
  push %r12
  push %r13

  /* Unknown numbers. */
  mov $1000, %eax
  syscall
  EQ(%rax, -ENOSYS)
  mov $511, %eax
  syscall
  EQ(%rax, -ENOSYS)
  mov $-1, %rax
  syscall
  EQ(%rax, -ENOSYS)

  /* rcx and r11; all other registers survive. */
  mov $0x1111, %ebx
  mov $0x2222, %ebp
  mov $0x3333, %r12d
  mov $0x4444, %r13d
  mov $0x5555, %r8d
  mov $0x6666, %r9d
  mov $0x7777, %r10d
  mov $-1, %rdi            /* getpid ignores its arguments */
  mov $-2, %rsi
  mov $-3, %rdx
  xor %eax, %eax           /* ZF|PF, then CF: r11 must show all three */
  mov $39, %eax            /* getpid */
  stc
  syscall
1:
  lea 1b(%rip), %r14
  EQR(%rcx, %r14)
  and $(ARITH|0x2|0x200), %r11d
  EQ(%r11, CF|PF|ZF|0x2|0x200)
  cmp $0, %rax
  FAIL_IF(jle)
  EQ(%rbx, 0x1111)
  EQ(%rbp, 0x2222)
  EQ(%r12, 0x3333)
  EQ(%r13, 0x4444)
  EQ(%r8, 0x5555)
  EQ(%r9, 0x6666)
  EQ(%r10, 0x7777)
  EQ(%rdi, -1)
  EQ(%rsi, -2)
  EQ(%rdx, -3)

  /* write: good, bad fd, bad buffer. */
  mov $SYS_write, %eax
  mov $1, %edi
  lea hello(%rip), %rsi
  mov $13, %edx
  syscall
  EQ(%rax, 13)
  mov $SYS_write, %eax
  mov $-1, %edi
  lea hello(%rip), %rsi
  mov $13, %edx
  syscall
  EQ(%rax, -EBADF)
  mov $SYS_write, %eax
  mov $1, %edi
  mov $0x1000, %esi        /* never mapped */
  mov $13, %edx
  syscall
  EQ(%rax, -EFAULT)
  /* getcwd into a wild pointer. */
  mov $79, %eax
  mov $0x7ff0000, %edi
  mov $200, %esi
  syscall
  EQ(%rax, -EFAULT)
  /* open of a missing file. */
  mov $2, %eax
  lea nofile(%rip), %rdi
  xor %esi, %esi
  xor %edx, %edx
  syscall
  EQ(%rax, -ENOENT)
  /* lseek with a bad whence. */
  mov $8, %eax
  mov $1, %edi
  xor %esi, %esi
  mov $99, %edx
  syscall
  EQ(%rax, -EINVAL)
  /* close of a bad fd. */
  mov $3, %eax
  mov $12345, %edi
  syscall
  EQ(%rax, -EBADF)
  /* munmap of an unaligned address. */
  mov $11, %eax
  mov $0x1001, %edi
  mov $4096, %esi
  syscall
  EQ(%rax, -EINVAL)

  pop %r13
  pop %r12
  pop %rbp
  pop %rbx
  ret
