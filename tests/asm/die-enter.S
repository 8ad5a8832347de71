/* die-enter: enter probes a write at its final stack pointer: with the
 * locals area reaching into an inaccessible page, enter itself faults
 * (SIGSEGV, 139), though it writes nothing there.
 *@status 139
 */
#include "check.h"
#define SYS_mmap 9
test_main:
  mov $SYS_mmap, %eax
  xor %edi, %edi
  mov $0x3000, %esi
  xor %edx, %edx           /* PROT_NONE */
  mov $0x22, %r10d         /* MAP_PRIVATE | MAP_ANONYMOUS */
  mov $-1, %r8
  xor %r9d, %r9d
  syscall
  mov %rax, %rbx
  mov $10, %eax            /* mprotect(base + 0x1000, 0x2000, RW) */
  lea 0x1000(%rbx), %rdi
  mov $0x2000, %esi
  mov $3, %edx
  syscall
  EQ(%rax, 0)
  mov %rsp, %r12
  lea 0x1800(%rbx), %rsp   /* 2 KiB above the inaccessible page */
  enter $0x1000, $0        /* final rsp 0x808 bytes into it */
  leave                    /* (without the probe: back, and exit 0) */
  mov %r12, %rsp
  ret
