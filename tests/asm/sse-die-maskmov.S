/* sse-die-maskmov: maskmovdqu whose mask selects a byte on an unmapped
 * page faults: SIGSEGV (139). The same store with the selected bytes on
 * the mapped page succeeds first (rdi 8 bytes before the end, low 8
 * bytes selected).
 *@status 139
 */
#include "check.h"
#define SYS_mmap 9
#define SYS_munmap 11
test_main:
  push %rbx
  mov $SYS_mmap, %eax
  xor %edi, %edi
  mov $8192, %esi
  mov $3, %edx                    /* PROT_READ | PROT_WRITE */
  mov $0x22, %r10d                /* MAP_PRIVATE | MAP_ANONYMOUS */
  mov $-1, %r8
  xor %r9d, %r9d
  syscall
  mov %rax, %rbx
  lea 4096(%rbx), %rdi
  mov $4096, %esi
  mov $SYS_munmap, %eax
  syscall
  pcmpeqb %xmm1, %xmm1            /* mask: all bytes */
  psrldq $8, %xmm1                /* low 8 bytes only */
  mov $0x1122334455667788, %rax
  movq %rax, %xmm0
  lea 4088(%rbx), %rdi
  maskmovdqu %xmm1, %xmm0
  mov 4088(%rbx), %rcx
  EQR(%rcx, %rax)
  pcmpeqb %xmm1, %xmm1            /* now byte 8 too: on the unmapped page */
  lea 4088(%rbx), %rdi
  maskmovdqu %xmm1, %xmm0
  pop %rbx
  ret
