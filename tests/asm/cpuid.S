/* cpuid: the baseline features every x86-64 CPU reports (leaf 1: FPU,
 * CMOV, SSE, SSE2; extended leaf 0x80000001: long mode, syscall), and
 * the zeroing of the upper register halves. Run with the argument
 * "--blink" (only under blink) it also checks blink's own leaves:
 * 0x40000000 gives "GenuineBlink" in EBX:ECX:EDX, 0x40031337 the host
 * OS name ("Linux"), and leaf 1 sets the hypervisor bit (ECX bit 31). */
#include "check.h"

  .text
test_main:
  push %rbx
  push %r12
  mov %rdi, %r12           /* argc: 2 means --blink was given */

  mov $-1, %rax
  mov $-1, %rbx
  mov $-1, %rcx
  mov $-1, %rdx
  xor %eax, %eax
  cpuid
  cmp $1, %eax
  FAIL_IF(jb)
  mov %rbx, %rsi
  shr $32, %rsi
  EQ(%rsi, 0)
  mov %rdx, %rsi
  shr $32, %rsi
  EQ(%rsi, 0)
  test %ebx, %ebx
  FAIL_IF(jz)

  mov $1, %eax
  xor %ecx, %ecx
  cpuid
  mov %edx, %esi
  and $((1<<0)|(1<<15)|(1<<23)|(1<<24)|(1<<25)|(1<<26)), %esi
  EQ(%rsi, (1<<0)|(1<<15)|(1<<23)|(1<<24)|(1<<25)|(1<<26))
  mov %ecx, %r8d           /* kept for the hypervisor bit */

  mov $0x80000000, %eax
  cpuid
  cmp $0x80000001, %eax
  FAIL_IF(jb)
  mov $0x80000001, %eax
  cpuid
  mov %edx, %esi
  and $((1<<29)|(1<<11)), %esi
  EQ(%rsi, (1<<29)|(1<<11))

  cmp $2, %r12
  jne 9f
  bt $31, %r8d
  FAIL_IF(jnc)
  mov $0x40000000, %eax
  cpuid
  EQ(%rbx, 0x756e6547)     /* "Genu" */
  EQ(%rcx, 0x42656e69)     /* "ineB" */
  EQ(%rdx, 0x6b6e696c)     /* "link" */
  mov $0x40031337, %eax
  cpuid
  EQ(%rbx, 0x756e694c)     /* "Linu" */
  EQ(%rcx, 0x78)           /* "x\0\0\0" */
  EQ(%rdx, 0)
9:
  pop %r12
  pop %rbx
  ret
