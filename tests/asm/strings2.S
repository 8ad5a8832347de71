/* strings2: the string instructions against the host, by state dumps
 * (dump.h): movs/stos/lods/cmps/scas in each size, rep/repe/repne, both
 * directions, rcx = 0, a mismatch stopping repe and a match stopping
 * repne at various positions, 32-bit address size (67h: esi/edi/ecx, and
 * what happens to the upper halves), and segment overrides (fs, gs) on
 * the source operand. */
#include "check.h"
#include "dump.h"

#define SYS_arch_prctl 158
#define ARCH_SET_GS 0x1001
#define ARCH_SET_FS 0x1002

  .bss
  .align 64
src: .skip 512
dst: .skip 512
tls: .skip 256
big: .skip 16384

  .text
/* Fill src with i*7+3 and dst with 0xee, rsi = src+64, rdi = dst+64. */
reset:
  push %rax
  push %rcx
  lea src(%rip), %rdi
  xor %ecx, %ecx
1:
  lea 3(%rcx,%rcx,2), %eax
  add %ecx, %eax
  add %ecx, %eax
  add %ecx, %eax
  add %ecx, %eax
  mov %al, (%rdi,%rcx)
  inc %ecx
  cmp $512, %ecx
  jne 1b
  lea dst(%rip), %rdi
  mov $0xee, %al
  mov $512, %ecx
  rep stosb
  lea src+64(%rip), %rsi
  lea dst+64(%rip), %rdi
  pop %rcx
  pop %rax
  ret

#define SHOW DUMP(ARITH|DF); DUMPMEM(dst+48, 96)

/* One string instruction, both directions, with count \n and rax \a. */
.macro both insn, n, a
  call reset
  cld
  mov $\n, %ecx
  mov $\a, %rax
  \insn
  SHOW
  call reset
  std
  mov $\n, %ecx
  mov $\a, %rax
  \insn
  cld
  SHOW
.endm

test_main:
  push %rbx
  push %rbp
  push %r12
  mov $0x1234, %ebx
  mov $0x5678, %ebp
  mov $0x9abc, %r12
  /* Plain and rep forms, every size, counts 0, 1, 5. */
  .irp n, 0, 1, 5
  both movsb, \n, 0
  both movsw, \n, 0
  both movsl, \n, 0
  both movsq, \n, 0
  both "rep movsb", \n, 0
  both "rep movsw", \n, 0
  both "rep movsl", \n, 0
  both "rep movsq", \n, 0
  both stosb, \n, 0x1122334455667788
  both stosq, \n, 0x1122334455667788
  both "rep stosb", \n, 0x1122334455667788
  both "rep stosw", \n, 0x1122334455667788
  both "rep stosl", \n, 0x1122334455667788
  both "rep stosq", \n, 0x1122334455667788
  both lodsb, \n, -1
  both lodsw, \n, -1
  both lodsl, \n, -1
  both lodsq, \n, -1
  both "rep lodsb", \n, -1
  both "rep lodsl", \n, -1
  both "rep lodsq", \n, -1
  .endr
  /* cmps and scas: src against a copy with one byte changed, so repe
   * stops there; repne runs to a match. */
  .irp n, 0, 1, 3, 40
  call reset
  lea src(%rip), %rsi
  lea dst(%rip), %rdi
  mov $512, %ecx
  rep movsb
  lea dst+64+\n(%rip), %rdi
  incb (%rdi)
  lea src+64(%rip), %rsi
  lea dst+64(%rip), %rdi
  mov $50, %ecx
  repe cmpsb
  DUMP(ARITH)
  lea src+64(%rip), %rsi
  lea dst+64(%rip), %rdi
  mov $50, %ecx
  repne cmpsb
  DUMP(ARITH)
  lea src+64(%rip), %rsi
  lea dst+64(%rip), %rdi
  mov $20, %ecx
  repe cmpsw
  DUMP(ARITH)
  lea src+64(%rip), %rsi
  lea dst+64(%rip), %rdi
  mov $12, %ecx
  repe cmpsl
  DUMP(ARITH)
  lea src+64(%rip), %rsi
  lea dst+64(%rip), %rdi
  mov $7, %ecx
  repe cmpsq
  DUMP(ARITH)
  std
  lea src+120(%rip), %rsi
  lea dst+120(%rip), %rdi
  mov $70, %ecx
  repe cmpsb
  DUMP(ARITH|DF)
  lea src+120(%rip), %rsi
  lea dst+120(%rip), %rdi
  mov $9, %ecx
  repe cmpsq
  cld
  DUMP(ARITH)
  /* scas for a byte of src at offset n. */
  movzbl src+64+\n(%rip), %eax
  lea src+64(%rip), %rdi
  mov $60, %ecx
  repne scasb
  DUMP(ARITH)
  lea src+64(%rip), %rdi
  mov $60, %ecx
  repe scasb
  DUMP(ARITH)
  mov src+64+\n(%rip), %rax
  lea src+64(%rip), %rdi
  mov $60, %ecx
  repne scasw
  DUMP(ARITH)
  lea src+64(%rip), %rdi
  mov $60, %ecx
  repne scasl
  DUMP(ARITH)
  lea src+64(%rip), %rdi
  mov $60, %ecx
  repne scasq
  DUMP(ARITH)
  std
  lea src+200(%rip), %rdi
  mov $150, %ecx
  repne scasb
  cld
  DUMP(ARITH)
  .endr
  /* Overlapping copies: rep movs is element by element, so a forward
   * copy to rsi + k replicates the first k bytes (no memmove), and a
   * backward one to rsi - k likewise from the top. Small and large counts
   * (the latter crossing pages). */
  .irp k, 1, 3, 8, 13
  call reset
  lea src+64(%rip), %rsi
  lea src+64+\k(%rip), %rdi
  mov $300, %ecx
  rep movsb
  DUMP(ARITH)
  DUMPMEM(src+48, 128)
  DUMPMEM(src+360, 16)
  call reset
  lea src+64(%rip), %rsi
  lea src+64+\k(%rip), %rdi
  mov $50, %ecx
  rep movsl
  DUMPMEM(src+48, 128)
  call reset
  lea src+64(%rip), %rsi
  lea src+64+\k(%rip), %rdi
  mov $30, %ecx
  rep movsq
  DUMPMEM(src+48, 128)
  call reset
  std
  lea src+400(%rip), %rsi
  lea src+400-\k(%rip), %rdi
  mov $300, %ecx
  rep movsb
  cld
  DUMP(ARITH)
  DUMPMEM(src+80, 128)
  DUMPMEM(src+272, 136)
  .endr
  /* Overlap across a page boundary in big: a forward copy by 1 of 9000
   * bytes. */
  lea big(%rip), %rdi
  mov $0x5a, %al
  mov $16384, %ecx
  rep stosb
  movb $0x11, big(%rip)
  movb $0x22, big+4097(%rip)
  lea big(%rip), %rsi
  lea big+1(%rip), %rdi
  mov $9000, %ecx
  rep movsb
  DUMPMEM(big, 16)
  DUMPMEM(big+4090, 16)
  DUMPMEM(big+8995, 16)
  /* rcx = 0 leaves flags alone, for cmps and scas (set, then clear). */
  mov $0, %ecx
  stc
  repe cmpsb
  DUMP(ARITH)
  xor %eax, %eax
  repne scasq
  DUMP(ARITH)

  /* 67h: esi/edi/ecx. Upper halves of rsi/rdi/rcx set first (the data
   * is below 4 GiB in a static program). */
  call reset
  movabs $0xffffffff00000000, %rax
  or %rax, %rsi
  or %rax, %rdi
  mov $0xdeadbeef00000005, %rcx
  addr32 rep movsb
  DUMP(ARITH)
  call reset
  movabs $0xffffffff00000000, %rax
  or %rax, %rdi
  mov $0x1234567800000003, %rcx
  mov $0x77, %al
  addr32 rep stosl
  DUMP(ARITH)
  DUMPMEM(dst+48, 96)
  call reset
  mov $0xabcd000000000004, %rcx
  addr32 rep lodsw
  DUMP(ARITH)
  call reset
  lea src(%rip), %rsi
  lea dst(%rip), %rdi
  mov $512, %ecx
  rep movsb
  incb dst+70(%rip)
  lea src+64(%rip), %rsi
  lea dst+64(%rip), %rdi
  mov $0x1111111100000020, %rcx
  addr32 repe cmpsb
  DUMP(ARITH)
  movzbl src+80(%rip), %eax
  lea src+64(%rip), %rdi
  mov $0x2222222200000030, %rcx
  addr32 repne scasb
  DUMP(ARITH)
  /* rcx with only upper bits: zero count with 67h. */
  call reset
  mov $0x100000000, %rcx
  addr32 rep movsb
  DUMP(ARITH)
  DUMPMEM(dst+48, 32)

  /* Segment overrides on the source: fs and gs bases point at tls. */
  call reset
  lea tls(%rip), %rdi
  mov $0x5a, %al
  mov $256, %ecx
  rep stosb
  movb $0x11, tls+8(%rip)
  movabs $0x0102030405060708, %rax
  mov %rax, tls+16(%rip)
  mov $SYS_arch_prctl, %eax
  mov $ARCH_SET_FS, %edi
  lea tls(%rip), %rsi
  syscall
  EQ(%rax, 0)
  mov $SYS_arch_prctl, %eax
  mov $ARCH_SET_GS, %edi
  lea tls+8(%rip), %rsi
  syscall
  EQ(%rax, 0)
  call reset
  mov $16, %esi
  mov $4, %ecx
  rep movsb %fs:(%rsi), %es:(%rdi)
  DUMP(ARITH)
  mov $8, %esi
  mov $2, %ecx
  rep movsq %gs:(%rsi), %es:(%rdi)
  DUMP(ARITH)
  DUMPMEM(dst+48, 96)
  mov $16, %esi
  lods %fs:(%rsi), %rax
  DUMP(ARITH)
  mov $0, %esi
  lods %gs:(%rsi), %al
  DUMP(ARITH)
  mov $16, %esi
  lea src+64(%rip), %rdi
  mov $8, %ecx
  repe cmpsb %es:(%rdi), %fs:(%rsi)
  DUMP(ARITH)
  /* xlat reads through ds (and a segment override), rbx + al. */
  lea tls(%rip), %rbx
  mov $8, %al
  xlat
  DUMP(0)
  xor %ebx, %ebx
  mov $17, %eax
  xlat %fs:(%rbx)
  DUMP(0)
  mov $0, %eax
  xlat %gs:(%rbx)
  DUMP(0)
  lea tls(%rip), %ebx
  movabs $0xffffffff00000000, %rcx
  or %rcx, %rbx
  mov $16, %eax
  addr32 xlat
  DUMP(0)
  /* Put fs back: nothing else in this program uses it. */
  mov $SYS_arch_prctl, %eax
  mov $ARCH_SET_FS, %edi
  xor %esi, %esi
  syscall
  mov $SYS_arch_prctl, %eax
  mov $ARCH_SET_GS, %edi
  xor %esi, %esi
  syscall
  pop %r12
  pop %rbp
  pop %rbx
  ret
