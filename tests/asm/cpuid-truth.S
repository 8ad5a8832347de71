/* cpuid-truth: every feature bit CPUID advertises is backed by its
 * instructions. For each bit this test knows, when the CPU (host or
 * blink) sets it, a representative instruction runs: a lie ends in
 * SIGILL (status 132). Under blink (argument --blink) it also checks
 * that no bit outside the known list is set (nothing unverified is
 * advertised, AVX/XSAVE/FMA above all), the identity leaves the
 * reference README lists (GenuineIntel at 0 and 0x80000000,
 * GenuineBlink at 0x40000000, "x86_64" at 0x40031338, no JIT in
 * 0x80000001 ECX bit 31), and that rdtscp/rdpid's TSC_AUX names the CPU
 * getcpu reports. */
#include "check.h"

#define SYS_getcpu 309

  .data
  .align 16
m16:  .quad 0x0123456789abcdef, 0x1122334455667788
  .align 16
fxbuf: .skip 512
cpu:  .long 0
node: .long 0

  .text
/* cpuid leaf (subleaf 0); jumps to \skip unless bit \bit of \reg is set. */
.macro has leaf, reg, bit, skip
  mov $\leaf, %eax
  xor %ecx, %ecx
  cpuid
  bt $\bit, \reg
  jnc \skip
.endm

/* Under --blink: register \reg of leaf \leaf has no bit outside \known. */
.macro only leaf, reg, known
  mov $\leaf, %eax
  xor %ecx, %ecx
  cpuid
  mov \reg, %esi
  and $~(\known), %esi
  EQ(%rsi, 0)
.endm

test_main:
  push %rbx
  push %r12
  push %r13
  mov %rdi, %r12           /* argc: 2 means --blink */

  /* Leaf 1 EDX. */
  has 1, %edx, 8, 1f       /* CX8 */
  mov m16(%rip), %rax
  mov m16+4(%rip), %edx
  cmpxchg8b m16(%rip)
1:
  has 1, %edx, 15, 1f      /* CMOV */
  cmovc %eax, %ebx
1:
  has 1, %edx, 19, 1f      /* CLFSH */
  clflush m16(%rip)
1:
  has 1, %edx, 23, 1f      /* MMX */
  pxor %mm0, %mm0
  paddb %mm0, %mm0
  emms
1:
  has 1, %edx, 24, 1f      /* FXSR */
  fxsave fxbuf(%rip)
  fxrstor fxbuf(%rip)
1:
  has 1, %edx, 25, 1f      /* SSE */
  addps %xmm0, %xmm0
1:
  has 1, %edx, 26, 1f      /* SSE2 */
  paddq %xmm0, %xmm0
1:
  has 1, %edx, 4, 1f       /* TSC */
  rdtsc
1:
  /* Leaf 1 ECX. */
  has 1, %ecx, 0, 1f       /* SSE3 */
  addsubpd %xmm0, %xmm0
  movddup %xmm0, %xmm1
  fldz
  fisttpl m16(%rip)
1:
  has 1, %ecx, 1, 1f       /* PCLMULQDQ */
  pclmulqdq $0x11, %xmm0, %xmm1
1:
  has 1, %ecx, 9, 1f       /* SSSE3 */
  pshufb %xmm0, %xmm1
  palignr $3, %xmm0, %xmm1
1:
  has 1, %ecx, 13, 1f      /* CX16 */
  mov m16(%rip), %rax
  mov m16+8(%rip), %rdx
  mov %rax, %rbx
  mov %rdx, %rcx
  cmpxchg16b m16(%rip)
1:
  has 1, %ecx, 19, 1f      /* SSE4.1 */
  ptest %xmm0, %xmm1
  pminud %xmm0, %xmm1
  roundsd $1, %xmm0, %xmm1
1:
  has 1, %ecx, 20, 1f      /* SSE4.2 */
  crc32b %al, %ebx
  crc32q %rax, %rbx
  pcmpgtq %xmm0, %xmm1
  pcmpistri $0x1a, %xmm0, %xmm1
1:
  has 1, %ecx, 22, 1f      /* MOVBE */
  movbe m16(%rip), %eax
1:
  has 1, %ecx, 23, 1f      /* POPCNT */
  popcnt %rax, %rbx
1:
  has 1, %ecx, 30, 1f      /* RDRAND */
  rdrand %eax
1:
  /* Leaf 7 EBX, ECX. */
  has 7, %ebx, 3, 1f       /* BMI1 */
  andn %eax, %ebx, %ecx
  bextr %eax, %ebx, %ecx
  blsi %eax, %ebx
  blsmsk %eax, %ebx
  blsr %eax, %ebx
  tzcnt %eax, %ebx
1:
  has 7, %ebx, 8, 1f       /* BMI2 */
  bzhi %eax, %ebx, %ecx
  mulx %eax, %ebx, %ecx
  pdep %eax, %ebx, %ecx
  pext %eax, %ebx, %ecx
  rorx $3, %eax, %ebx
  sarx %eax, %ebx, %ecx
  shlx %eax, %ebx, %ecx
  shrx %eax, %ebx, %ecx
1:
  has 7, %ebx, 18, 1f      /* RDSEED */
  rdseed %eax
1:
  has 7, %ebx, 19, 1f      /* ADX */
  adcx %eax, %ebx
  adox %eax, %ebx
1:
  has 7, %ecx, 22, 1f      /* RDPID */
  rdpid %rax
1:
  /* Leaf 0x80000001. */
  has 0x80000001, %ecx, 0, 1f   /* LAHF-SAHF in 64-bit mode */
  lahf
  sahf
1:
  has 0x80000001, %ecx, 5, 1f   /* ABM: lzcnt (not bsr: lzcnt 0 is 32) */
  xor %eax, %eax
  lzcnt %eax, %ebx
  EQ(%rbx, 32)
  mov $1, %eax
  lzcnt %eax, %ebx
  EQ(%rbx, 31)
1:
  has 0x80000001, %ecx, 8, 1f   /* PREFETCHW */
  prefetchw m16(%rip)
1:
  has 0x80000001, %edx, 27, 1f  /* RDTSCP */
  rdtscp
1:

  cmp $2, %r12
  jne 9f
  /* Nothing but the bits above (and the hypervisor bit, and ERMS, which
   * names no instruction) may be set. */
  only 1, %edx, (1<<0)|(1<<4)|(1<<8)|(1<<15)|(1<<19)|(1<<23)|(1<<24)|(1<<25)|(1<<26)
  only 1, %ecx, (1<<0)|(1<<1)|(1<<9)|(1<<13)|(1<<19)|(1<<20)|(1<<22)|(1<<23)|(1<<30)|(1<<31)
  only 7, %ebx, (1<<3)|(1<<8)|(1<<9)|(1<<18)|(1<<19)
  only 7, %ecx, (1<<22)
  only 7, %edx, 0
  only 0x80000001, %ecx, (1<<0)|(1<<5)|(1<<8)
  only 0x80000001, %edx, (1<<11)|(1<<20)|(1<<27)|(1<<29)
  xor %eax, %eax
  cpuid
  EQ(%rbx, 0x756e6547)     /* "Genu" */
  EQ(%rdx, 0x49656e69)     /* "ineI" */
  EQ(%rcx, 0x6c65746e)     /* "ntel" */
  mov $0x80000000, %eax
  cpuid
  EQ(%rbx, 0x756e6547)
  EQ(%rdx, 0x49656e69)
  EQ(%rcx, 0x6c65746e)
  mov $0x40031338, %eax
  cpuid
  EQ(%rbx, 0x5f363878)     /* "x86_" */
  EQ(%rcx, 0x3436)         /* "64\0\0" */
  EQ(%rdx, 0)
  mov $0x80000001, %eax
  cpuid
  bt $31, %ecx
  FAIL_IF(jc)
  /* lzcnt without its feature would be bsr: here it is advertised and
   * behaves as lzcnt (checked above). */
  mov $0x80000001, %eax
  cpuid
  bt $5, %ecx
  FAIL_IF(jnc)
9:
  /* TSC_AUX (rdtscp's ECX, rdpid) is (node << 12) | cpu, the numbers
   * getcpu gives; retried in case the host moves us in between. */
  has 0x80000001, %edx, 27, 9f
  mov $100, %r13d
1:
  dec %r13d
  FAIL_IF(jz)
  mov $SYS_getcpu, %eax
  lea cpu(%rip), %rdi
  lea node(%rip), %rsi
  xor %edx, %edx
  syscall
  EQ(%rax, 0)
  mov $-1, %rcx
  rdtscp
  mov node(%rip), %eax
  shl $12, %eax
  or cpu(%rip), %eax
  cmp %rax, %rcx
  jne 1b
9:
  pop %r13
  pop %r12
  pop %rbx
  ret
