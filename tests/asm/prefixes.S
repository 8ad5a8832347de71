/* prefixes: how prefix combinations decode, against the host by state
 * dumps (dump.h): a REX byte that is not last before the opcode is
 * ignored, REX.W beats 66, repeated and redundant prefixes, the order of
 * FS/GS and the null segment prefixes (ES CS SS DS) in 64-bit mode, 67h
 * on memory operands and RIP-relative ones, F2/F3 on instructions that
 * ignore them, and the longest legal instruction (15 bytes). */
#include "check.h"
#include "dump.h"

#define SYS_arch_prctl 158
#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002

  .bss
  .align 64
buf: .skip 4096
tlsf: .skip 256
tlsg: .skip 256

  .text
/* rax..rdx, rsi, rdi = patterns; flags cleared. */
regs:
  movabs $0x1111111111111111, %rax
  movabs $0x2222222222222222, %rcx
  movabs $0x3333333333333333, %rdx
  movabs $0x4444444444444444, %rbp
  movabs $0x5555555555555555, %rsi
  movabs $0x6666666666666666, %rdi
  movabs $0x7777777777777777, %r8
  push $0x202
  popfq
  ret

test_main:
  push %rbx
  push %rbp
  /* buf, tlsf, tlsg: bytes 0, 1, 2, ... plus 0x00, 0x40, 0x80. */
  lea buf(%rip), %rdi
  xor %ecx, %ecx
1:
  mov %cl, (%rdi,%rcx)
  inc %ecx
  cmp $4096, %ecx
  jne 1b
  lea tlsf(%rip), %rdi
  xor %ecx, %ecx
1:
  lea 0x40(%rcx), %eax
  mov %al, (%rdi,%rcx)
  lea 0x80(%rcx), %eax
  mov %al, 256(%rdi,%rcx)
  inc %ecx
  cmp $256, %ecx
  jne 1b
  mov $SYS_arch_prctl, %eax
  mov $ARCH_SET_FS, %edi
  lea tlsf(%rip), %rsi
  syscall
  mov $SYS_arch_prctl, %eax
  mov $ARCH_SET_GS, %edi
  lea tlsg(%rip), %rsi
  syscall

  /* REX placement and REX.W against 66. */
  call regs
  .byte 0x48, 0x66, 0x89, 0xc8       /* REX then 66: REX ignored: mov %cx,%ax */
  .byte 0x66, 0x48, 0x89, 0xca       /* 66 then REX.W: mov %rcx,%rdx */
  .byte 0x41, 0x40, 0x89, 0xce       /* two REX: only the last: mov %ecx,%esi */
  .byte 0x4c, 0xf3, 0x89, 0xc7       /* REX.WR then F3: mov %eax,%edi */
  DUMP(ARITH)
  call regs
  .byte 0x66, 0x66, 0x66, 0x01, 0xc8 /* repeated 66: add %cx,%ax */
  .byte 0xf2, 0xf3, 0x01, 0xca       /* F2 F3 on add: ignored */
  .byte 0x2e, 0x3e, 0x26, 0x36, 0x01, 0xd6 /* null segment prefixes */
  .byte 0x2e, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0 /* cs nopw */
  DUMP(ARITH)

  /* Segment prefix order with memory operands: rbx is an offset into
   * buf (ds) or into the fs/gs areas. */
  lea buf+16(%rip), %rbx
  call regs
  movzbl (%rbx), %eax
  movzbl %fs:0x10, %ecx
  movzbl %gs:0x10, %edx
  .byte 0x64, 0x3e, 0x0f, 0xb6, 0x34, 0x25, 0x10, 0, 0, 0  /* fs ds movzbl 0x10 */
  .byte 0x3e, 0x64, 0x0f, 0xb6, 0x3c, 0x25, 0x10, 0, 0, 0  /* ds fs movzbl 0x10 */
  .byte 0x64, 0x65, 0x44, 0x0f, 0xb6, 0x04, 0x25, 0x10, 0, 0, 0 /* fs gs */
  DUMP(0)
  call regs
  .byte 0x65, 0x26, 0x0f, 0xb6, 0x04, 0x25, 0x11, 0, 0, 0  /* gs es */
  .byte 0x36, 0x65, 0x0f, 0xb6, 0x0c, 0x25, 0x11, 0, 0, 0  /* ss gs */
  .byte 0x65, 0x2e, 0x36, 0x0f, 0xb6, 0x14, 0x25, 0x11, 0, 0, 0 /* gs cs ss */
  DUMP(0)

  /* 67h: 32-bit effective addresses (upper halves dropped), including
   * with fs, and RIP-relative (EIP-relative: the same here, since the
   * code is below 4 GiB). */
  call regs
  lea buf+32(%rip), %rbx
  movabs $0xffffffff00000000, %rcx
  or %rcx, %rbx
  addr32 movzbl (%ebx), %eax
  mov $0x20, %esi
  or %rcx, %rsi
  addr32 movzbl %fs:(%esi), %edx
  addr32 movzbl buf+7(%eip), %edi
  mov $0xffffffff, %ecx
  addr32 lea 5(%ecx), %r8
  DUMP(0)

  /* A 15-byte instruction runs; 16 bytes is #GP (die-toolong.S). */
  call regs
  .byte 0x26, 0x2e, 0x66, 0x48                      /* 4 prefixes */
  .byte 0x81, 0x84, 0x24, 0, 0, 0, 0                /* add $imm32, 0(%rsp) */
  .long 0                                           /* ... 15 bytes */
  DUMP(ARITH)

  mov $SYS_arch_prctl, %eax
  mov $ARCH_SET_FS, %edi
  xor %esi, %esi
  syscall
  mov $SYS_arch_prctl, %eax
  mov $ARCH_SET_GS, %edi
  xor %esi, %esi
  syscall
  xor %esi, %esi
  xor %edi, %edi
  pop %rbp
  pop %rbx
  ret
