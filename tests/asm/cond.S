/* cond: every condition code against every combination of OF, SF, ZF,
 * PF, CF, through jcc, setcc and cmovcc (16-, 32- and 64-bit, register
 * and memory sources), compared with the host by state dumps (dump.h);
 * and loop/loope/loopne/jrcxz with 64- and 32-bit counters (67h). */
#include "check.h"
#include "dump.h"

  .data
  .align 8
memsrc: .quad 0x1122334455667788

  .text
/* All sixteen conditions for the flags in %r12: r8 collects jcc
 * outcomes, r9 setcc bytes, rax/rbx/rcx/rdx cmov results. */
.macro all_cc
  xor %r8d, %r8d
  xor %r9d, %r9d
  .irp cc, o, no, b, ae, e, ne, be, a, s, ns, p, np, l, ge, le, g
  push %r12
  popfq
  j\cc 1f
  shl $1, %r8
  jmp 2f
1:
  shl $1, %r8
  or $1, %r8
2:
  push %r12
  popfq
  mov $-1, %r10
  set\cc %r10b
  shl $1, %r9
  or %r10, %r9
  movabs $0xaaaaaaaaaaaaaaaa, %rax
  movabs $0xbbbbbbbbbbbbbbbb, %rbx
  movabs $0xcccccccccccccccc, %rcx
  movabs $0xdddddddddddddddd, %rdx
  movabs $0x5555555555555555, %rsi
  push %r12
  popfq
  cmov\cc %esi, %eax
  cmov\cc %rsi, %rbx
  cmov\cc %si, %cx
  cmov\cc memsrc(%rip), %edx
  DUMP(0)
  .endr
  DUMP(0)
.endm

test_main:
  push %rbx
  push %r12
  xor %esi, %esi           /* argc and argv differ under blink */
  xor %edi, %edi
  xor %r12d, %r12d
9:
  /* The 32 combinations of OF SF ZF PF CF. */
  mov %r12d, %eax
  xor %ecx, %ecx
  test $1, %eax
  jz 2f
  or $0x001, %ecx
2:
  test $2, %eax
  jz 2f
  or $0x004, %ecx
2:
  test $4, %eax
  jz 2f
  or $0x040, %ecx
2:
  test $8, %eax
  jz 2f
  or $0x080, %ecx
2:
  test $16, %eax
  jz 2f
  or $0x800, %ecx
2:
  or $0x202, %ecx
  push %r12
  mov %rcx, %r12
  all_cc
  pop %r12
  inc %r12d
  cmp $32, %r12d
  jne 9b

  /* loop family: rcx, and ecx with 67h (upper half of rcx left as is
   * or cleared? the host says). */
  xor %eax, %eax
  mov $5, %ecx
1:
  inc %eax
  loop 1b
  DUMP(ARITH)
  xor %eax, %eax
  movabs $0x100000003, %rcx
1:
  inc %eax
  addr32 loop 1b
  DUMP(ARITH)
  xor %eax, %eax
  mov $10, %ecx
  xor %ebx, %ebx
1:
  inc %eax
  cmp $4, %eax
  loopne 1b
  DUMP(ARITH)
  xor %eax, %eax
  mov $10, %ecx
1:
  inc %eax
  cmp $100, %eax
  loope 1b
  DUMP(ARITH)
  movabs $0x100000000, %rcx
  xor %eax, %eax
  jrcxz 1f
  inc %eax
1:
  jecxz 2f
  inc %eax
2:
  DUMP(ARITH)
  /* loop with rcx = 0 runs 2^64 times: not tried; with ecx = 0 and 67h
   * 2^32: not tried either. */
  pop %r12
  pop %rbx
  ret
