/* check.h: helpers for the assembly tests (gcc -nostdlib -static).
 *
 * A test defines `test_main` (argc in %rdi, argv in %rsi, called with an
 * aligned stack) and returns to exit 0. Each check compares and, on a
 * mismatch, writes "check N failed (line L)" to stderr and exits with
 * status N, a number distinct within the file. Checks clobber %r14,
 * %r15, the flags and the 32 bytes below %rsp (FLAGS pushes, XEQ stores);
 * tests keep nothing there. Check flags first, with FLAGS, before anything else
 * overwrites them. */

#define SYS_read 0
#define SYS_write 1
#define SYS_exit 60

/* A unique code per check site, 1..254. */
#define CODE_ (__COUNTER__ + 1)

/* reg (64-bit) == imm (any 64-bit constant). */
#define EQ(reg, imm) check_eq reg, imm, CODE_, __LINE__
/* reg == reg2 (both 64-bit). */
#define EQR(reg, reg2) cmp reg2, reg; check_jmp jne, CODE_, __LINE__
/* flags & mask == expect (mask and expect below 0x1000). */
#define FLAGS(mask, expect) check_flags mask, expect, CODE_, __LINE__
/* 64-bit memory operand == imm. */
#define EQM(mem, imm) mov mem, %r14; check_eq %r14, imm, CODE_, __LINE__
/* 64-bit memory operand == reg. */
#define EQMR(mem, reg) mov mem, %r14; cmp reg, %r14; check_jmp jne, CODE_, __LINE__
/* xmm register == hi:lo (two 64-bit halves), via -32(%rsp). */
#define XEQ(xmm, lo, hi) movdqu xmm, -32(%rsp); \
  check_eq_mem -32(%rsp), lo, CODE_, __LINE__; \
  check_eq_mem -24(%rsp), hi, CODE_, __LINE__
/* Unconditional failure: for paths that must not be reached. */
#define FAIL() check_jmp jmp, CODE_, __LINE__
/* Fails when the condition code holds, e.g. FAIL_IF(jne). */
#define FAIL_IF(jcc) check_jmp jcc, CODE_, __LINE__

/* x86 flag bits. */
#define CF 0x001
#define PF 0x004
#define AF 0x010
#define ZF 0x040
#define SF 0x080
#define DF 0x400
#define OF 0x800
#define ARITH (CF | PF | AF | ZF | SF | OF)

.macro check_jmp jcc, code, line
  \jcc .Lcheck_fail\@
  .pushsection .text.checkfail, "ax"
.Lcheck_fail\@:
  mov $(\code), %edi
  mov $(\line), %esi
  jmp check_fail
  .popsection
.endm

.macro check_eq reg, imm, code, line
  movabs $(\imm), %r15
  cmp %r15, \reg
  check_jmp jne, \code, \line
.endm

.macro check_eq_mem mem, imm, code, line
  mov \mem, %r14
  check_eq %r14, \imm, \code, \line
.endm

.macro check_flags mask, expect, code, line
  pushfq
  pop %r14
  and $(\mask), %r14d
  cmp $(\expect), %r14d
  check_jmp jne, \code, \line
.endm

  .text
  .globl _start
_start:
  mov (%rsp), %rdi
  lea 8(%rsp), %rsi
  and $-16, %rsp
  call test_main
  xor %edi, %edi
  mov $SYS_exit, %eax
  syscall
  hlt

/* check_fail(code=%edi, line=%esi): report and exit(code). */
  .pushsection .text.checkfail, "ax"
check_fail:
  mov %edi, %ebx
  mov %esi, %r12d
  sub $64, %rsp
  lea .Lmsg_check(%rip), %rsi
  mov $6, %edx
  call .Lputs
  mov %ebx, %eax
  call .Lputu
  lea .Lmsg_line(%rip), %rsi
  mov $14, %edx
  call .Lputs
  mov %r12d, %eax
  call .Lputu
  lea .Lmsg_end(%rip), %rsi
  mov $2, %edx
  call .Lputs
  mov %ebx, %edi
  mov $SYS_exit, %eax
  syscall
  hlt
.Lputs:                 /* write(2, rsi, rdx) */
  mov $2, %edi
  mov $SYS_write, %eax
  syscall
  ret
.Lputu:                 /* decimal %eax to stderr, via a stack buffer */
  lea 32(%rsp), %rsi
  mov $10, %ecx
1:
  xor %edx, %edx
  div %ecx
  add $'0', %dl
  dec %rsi
  mov %dl, (%rsi)
  test %eax, %eax
  jnz 1b
  lea 32(%rsp), %rdx
  sub %rsi, %rdx
  jmp .Lputs
.Lmsg_check: .ascii "check "
.Lmsg_line: .ascii " failed (line "
.Lmsg_end: .ascii ")\n"
  .popsection
