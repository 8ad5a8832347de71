/* misc: state dumps (dump.h) compared with the host for enter/leave
 * (nesting levels 0, 1, 2, 5, 33 and the 16-bit forms), pushf/popf
 * (which RFLAGS bits user code can change), lahf/sahf over every AH,
 * cmc/clc/stc, movbe, cmpxchg8b/16b, the nop and hint forms (memory
 * operands never accessed), far jumps, calls and returns through memory
 * and iretq to the same privilege level; plus checks on rdtscp/rdpid
 * (TSC_AUX agrees) and rdrand/rdseed (CF=1, values change). */
#include "check.h"
#include "dump.h"

  .data
  .align 16
frame: .quad 0x1111111111111111, 0x2222222222222222, 0x3333333333333333
       .quad 0x4444444444444444, 0x5555555555555555, 0x6666666666666666
       .quad 0x7777777777777777, 0x8888888888888888
pair:  .quad 0x0123456789abcdef, 0xfedcba9876543210
       .quad 0, 0
farp32: .long 0
        .word 0
farp64: .quad 0
        .word 0
  .bss
  .align 16
stk: .skip 4096
stk_end:
saved_rsp: .quad 0

  .text
/* enter with level \lvl and size \size, in 64- and 16-bit operand size:
 * rbp points into frame (the enclosing frames' pointers), rsp into stk. */
.macro enter_case size, lvl
  mov %rsp, saved_rsp(%rip)
  lea stk_end(%rip), %rsp
  lea frame+32(%rip), %rbp
  enter $\size, $\lvl
  mov %rsp, %r13
  mov %rbp, %r14
  lea stk_end(%rip), %rax
  sub %rax, %r13
  sub %rax, %r14
  leave
  mov %rsp, %rbx
  sub %rax, %rbx
  mov %rbp, %rcx
  mov saved_rsp(%rip), %rsp
  DUMP(ARITH)
  DUMPMEM(stk_end-256, 256)
  mov %rsp, saved_rsp(%rip)
  lea stk_end(%rip), %rsp
  lea frame+32(%rip), %rbp
  .byte 0x66
  enter $\size, $\lvl
  mov %rsp, %r13
  mov %rbp, %r14
  lea stk_end(%rip), %rax
  sub %rax, %r13
  sub %rax, %r14
  .byte 0x66
  leave
  mov %rsp, %rbx
  sub %rax, %rbx
  mov %rbp, %rcx
  mov saved_rsp(%rip), %rsp
  DUMP(ARITH)
  DUMPMEM(stk_end-256, 256)
.endm

/* popfq \v, then what pushfq reads back (TF left out: it would trap). */
.macro popf_case v
  movabs $\v, %rax
  push %rax
  popfq
  pushfq
  pop %rbx
  push $0x202
  popfq
  mov %rbx, %rax
  DUMP(0)
  movabs $\v, %rax
  push %ax
  popfw
  pushfq
  pop %rbx
  push $0x202
  popfq
  mov %rbx, %rax
  DUMP(0)
.endm

far_target32:
  mov $32, %eax
  lretl
far_target64:
  mov $64, %eax
  lretq
far_target64_imm:
  mov $65, %eax
  lretq $16

test_main:
  push %rbx
  push %rbp
  push %r12
  push %r13
  push %r14
  push %r15
  xor %esi, %esi
  xor %edi, %edi
  xor %r12d, %r12d

  enter_case 0, 0
  enter_case 0, 1
  enter_case 16, 1
  enter_case 24, 2
  enter_case 8, 5
  enter_case 0x1234, 3
  enter_case 8, 33          /* the level is taken mod 32 */

  popf_case 0
  popf_case 0xfffffffffffffeff
  popf_case 0x40000           /* AC */
  popf_case 0x200000          /* ID */
  popf_case 0x400             /* DF */
  popf_case 0x4000            /* NT */
  popf_case 0x3000            /* IOPL: ignored at CPL 3 */
  popf_case 0x10000           /* RF */
  popf_case 0x20000           /* VM */
  popf_case 0x80000           /* VIF */
  popf_case 0x100000          /* VIP */
  popf_case 0x8d5             /* the arithmetic ones */
  popf_case 0x0               /* IF clear: ignored */
  popf_case 0xffffffff00000000

  /* sahf with every AH, read back with pushf; lahf after each. */
  xor %ebx, %ebx
1:
  mov %ebx, %eax
  shl $8, %eax
  stc
  sahf
  pushfq
  pop %rcx
  and $0xfff, %ecx
  mov $0, %ah
  lahf
  DUMP(ARITH)
  inc %ebx
  cmp $256, %ebx
  jne 1b
  /* OF is kept by sahf; lahf's bit 1 is set, bits 3 and 5 clear. */
  mov $0x7f, %al
  add $1, %al
  mov $0xff, %ah
  sahf
  DUMP(ARITH)
  mov $0, %eax
  lahf
  DUMP(ARITH)
  stc
  cmc
  DUMP(ARITH)
  cmc
  DUMP(ARITH)
  clc
  DUMP(ARITH)
  mov $-1, %al
  add $1, %al
  stc
  DUMP(ARITH)

  /* movbe, loads and stores in each size. */
  movabs $0x0102030405060708, %rax
  mov $-1, %rbx
  mov $-1, %rcx
  mov $-1, %rdx
  movbe pair(%rip), %bx
  movbe pair(%rip), %ecx
  movbe pair(%rip), %rdx
  movbe %ax, frame(%rip)
  movbe %eax, frame+8(%rip)
  movbe %rax, frame+16(%rip)
  DUMP(ARITH)
  DUMPMEM(frame, 24)

  /* cmpxchg8b/16b: a match stores rcx:rbx, a mismatch loads rdx:rax. */
  mov pair(%rip), %rax
  mov pair+8(%rip), %rdx
  mov $0xaaaaaaaa, %ebx
  mov $0xbbbbbbbb, %ecx
  cmpxchg8b pair(%rip)
  DUMP(ZF)
  cmpxchg8b pair(%rip)
  DUMP(ZF)
  lock cmpxchg8b pair(%rip)
  DUMP(ZF)
  mov $-1, %rax
  mov $-1, %rdx
  lock cmpxchg16b pair(%rip)
  DUMP(ZF)
  mov $0x1111, %ebx
  mov $0x2222, %ecx
  cmpxchg16b pair(%rip)
  DUMP(ZF)
  DUMPMEM(pair, 16)
  /* The upper halves of rdx/rax are zeroed by a failing cmpxchg8b. */
  movabs $0x5555555555555555, %rax
  movabs $0x6666666666666666, %rdx
  cmpxchg8b pair(%rip)
  DUMP(ZF)

  /* Nops and hints with memory operands that point nowhere: no access. */
  mov $0x10, %eax
  stc
  nopl 0x12345678(%rax)
  nopw 0x12345678(%rax,%rax,4)
  .byte 0x0f, 0x1f, 0x00                     /* nopl (%rax) */
  .byte 0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00   /* nopw 0(%rax,%rax) */
  .byte 0x0f, 0x1f, 0xc0                     /* nop %eax */
  .byte 0x0f, 0x1f, 0x78, 0x10               /* 0F 1F /7 */
  prefetchnta (%rax)
  prefetcht0 (%rax)
  prefetcht1 (%rax)
  prefetcht2 (%rax)
  prefetchw (%rax)
  .byte 0x0f, 0x0d, 0x00                     /* prefetch (AMD /0) */
  .byte 0x0f, 0x19, 0x00                     /* hint nops 0F 19-1E */
  .byte 0x0f, 0x1a, 0x00
  .byte 0x0f, 0x1b, 0x00
  .byte 0x0f, 0x1c, 0x00
  .byte 0x0f, 0x1d, 0x00
  .byte 0x0f, 0x1e, 0x00
  .byte 0x0f, 0x19, 0xc0
  .byte 0x0f, 0x1e, 0xc3
  endbr64
  endbr32
  .byte 0x66, 0x90
  pause
  .byte 0x66, 0x66, 0x2e, 0x0f, 0x1f, 0x84, 0, 0, 0, 0, 0
  xchg %eax, %eax           /* 90: no zero extension */
  DUMP(ARITH)
  movabs $0xffffffff00000001, %rax
  .byte 0x90
  DUMP(0)
  .byte 0x41, 0x90          /* xchg eax, r8d: a real exchange */
  DUMP(0)

  /* Far jumps, calls and returns through memory, to our own code
   * segment (whatever its selector is). */
  mov %cs, %eax
  mov %ax, farp32+4(%rip)
  mov %ax, farp64+8(%rip)
  lea far_target32(%rip), %rax
  mov %eax, farp32(%rip)
  lea far_target64(%rip), %rax
  mov %rax, farp64(%rip)
  mov %rsp, %rbx
  lcall *farp32(%rip)
  sub %rsp, %rbx
  DUMP(0)
  /* lretq and lretq imm16 from a hand-made far frame (REX.W far calls
   * and jumps through m16:64 exist on Intel only: AMD reads m16:32). */
  mov %rsp, %rbx
  mov %cs, %eax
  push %rax
  lea 1f(%rip), %rax
  push %rax
  jmp far_target64
1:
  sub %rsp, %rbx
  DUMP(0)
  mov %rsp, %rbx
  sub $16, %rsp
  mov %cs, %eax
  push %rax
  lea 1f(%rip), %rax
  push %rax
  jmp far_target64_imm
1:
  sub %rsp, %rbx
  DUMP(0)
  /* 66 lcall: m16:16 offsets only reach the first 64 KiB; lretw. */
  lea 1f(%rip), %rax
  mov %eax, farp32(%rip)
  ljmp *farp32(%rip)
  FAIL()
1:
  /* iretq: rip, cs, rflags, rsp, ss from the stack. */
  mov %rsp, %rbx
  mov %ss, %eax
  push %rax
  lea -64(%rsp), %rax
  push %rax
  push $0x8d5
  mov %cs, %eax
  push %rax
  lea 1f(%rip), %rax
  push %rax
  iretq
  FAIL()
1:
  mov %rsp, %rcx
  sub %rbx, %rcx
  mov %rbx, %rsp
  xor %ebx, %ebx
  pushfq
  pop %rax
  DUMP(ARITH)

  /* iretl (32-bit operand size in 64-bit mode): pops EIP, CS, EFLAGS,
   * ESP, SS as 32-bit slots; the new RSP (zero-extended ESP) is a .bss
   * address below 4 GiB, put back afterwards. */
  mov %rsp, saved_rsp(%rip)
  sub $24, %rsp
  lea 1f, %eax
  mov %eax, (%rsp)          /* EIP */
  mov %cs, %eax
  mov %eax, 4(%rsp)         /* CS */
  movl $0x8d5, 8(%rsp)      /* EFLAGS */
  lea stk_end-64, %eax
  mov %eax, 12(%rsp)        /* ESP */
  mov %ss, %eax
  mov %eax, 16(%rsp)        /* SS */
  /* the frame is now [eip, cs, eflags, esp, ss] as dwords at (%rsp) */
  iretl
  FAIL()
1:
  mov %rsp, %rcx
  lea stk_end(%rip), %rax
  sub %rax, %rcx
  mov saved_rsp(%rip), %rsp
  pushfq
  pop %rax
  DUMP(ARITH)

  /* rdtscp and rdpid: IA32_TSC_AUX, the same number, and rdtscp's
   * halves zero-extended. Retried: the host may move us to another CPU
   * between the two. Only where the CPU has rdpid (CPUID.7:ECX.22). */
  mov $7, %eax
  xor %ecx, %ecx
  cpuid
  bt $22, %ecx
  jnc 2f
  mov $100, %r12d
1:
  dec %r12d
  jz 2f
  mov $-1, %rcx
  rdtscp
  mov %rcx, %rbx
  rdpid %rax
  cmp %rax, %rbx
  jne 1b
  shr $32, %rbx
  EQ(%rbx, 0)
2:
  rdtsc
  shr $32, %rax
  EQ(%rax, 0)
  rdtscp
  mov %rax, %rbx
  shl $32, %rdx
  or %rdx, %rbx
  rdtscp
  shl $32, %rdx
  or %rdx, %rax
  cmp %rbx, %rax
  FAIL_IF(jbe)

  /* rdrand and rdseed: CF=1 once the retry loop ends, and two draws
   * differ (a 64-bit collision is not going to happen). */
  .irp insn, rdrand, rdseed
  /* Present? RDRAND is CPUID.1:ECX.30, RDSEED CPUID.7:EBX.18. */
  .ifc \insn, rdrand
  mov $1, %eax
  xor %ecx, %ecx
  cpuid
  bt $30, %ecx
  .else
  mov $7, %eax
  xor %ecx, %ecx
  cpuid
  bt $18, %ebx
  .endif
  jnc 3f
  xor %r12d, %r12d
1:
  inc %r12d
  cmp $1000, %r12d
  FAIL_IF(je)
  \insn %rax
  jnc 1b
  FLAGS(ARITH, CF)
1:
  \insn %rbx
  jnc 1b
  cmp %rax, %rbx
  FAIL_IF(je)
1:
  mov $-1, %rcx
  \insn %ecx
  jnc 1b
  shr $32, %rcx
  EQ(%rcx, 0)
1:
  mov $-1, %rdx
  \insn %dx
  jnc 1b
  shr $16, %rdx
  EQ(%rdx, 0xffffffffffff)
3:
  .endr

  pop %r15
  pop %r14
  pop %r13
  pop %r12
  pop %rbp
  pop %rbx
  ret
