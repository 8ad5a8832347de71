/* dump.h: state dumps for assembly tests whose expectations come from the
 * host. Include after check.h. The test prints registers, flags and
 * memory to stdout; run-tests compares blink's stdout with the native
 * run's, so nothing here hard-codes an answer.
 *
 * DUMP(mask): one line "L<line> <rax> <rcx> ... <r15> <rflags & mask>"
 *   (every general register but rsp, in encoding order). Keeps every
 *   register and the flags; uses 160 bytes of stack below %rsp.
 * DUMPMEM(addr, n): one line "M<line>" and n bytes at addr in hex (n is
 *   a constant up to 256; addr any absolute symbol or constant).
 * Flag masks: check.h's CF ... OF, ARITH; the other RFLAGS bits below. */

#define TF 0x100
#define IF 0x200
#define IOPL 0x3000
#define NT 0x4000
#define RF 0x10000
#define AC 0x40000
#define ID 0x200000

#define DUMP(mask) push $(mask); push $__LINE__; call dump_state
#define DUMPMEM(addr, n) push $(addr); push $(n); push $__LINE__; call dump_mem

  .pushsection .text.dump, "ax"
/* hex64: %rax as 16 hex digits and a space at (%rdi), advancing %rdi. */
dump_hex64:
  push %rcx
  push %rdx
  mov $16, %ecx
1:
  rol $4, %rax
  mov %eax, %edx
  and $15, %edx
  movzbl dump_digits(%rdx), %edx
  mov %dl, (%rdi)
  inc %rdi
  dec %ecx
  jnz 1b
  movb $' ', (%rdi)
  inc %rdi
  pop %rdx
  pop %rcx
  ret

/* dump_write: write(1, dump_buf, %rdi - dump_buf) after a newline. */
dump_write:
  movb $'\n', (%rdi)
  inc %rdi
  lea dump_buf(%rip), %rsi
  mov %rdi, %rdx
  sub %rsi, %rdx
  mov $1, %edi
  mov $1, %eax
  syscall
  ret

dump_state:
  pushfq
  push %rax
  push %rcx
  push %rdx
  push %rbx
  push %rbp
  push %rsi
  push %rdi
  push %r8
  push %r9
  push %r10
  push %r11
  push %r12
  push %r13
  push %r14
  push %r15
  /* 0(%rsp) r15 ... 112(%rsp) rax, 120 rflags, 128 return, 136 line,
   * 144 mask. */
  lea dump_buf(%rip), %rdi
  movb $'L', (%rdi)
  inc %rdi
  mov 136(%rsp), %rax
  call dump_hex64
  mov $112, %ebx
1:
  mov (%rsp,%rbx), %rax
  call dump_hex64
  sub $8, %ebx
  jns 1b
  mov 120(%rsp), %rax
  and 144(%rsp), %rax
  call dump_hex64
  call dump_write
  pop %r15
  pop %r14
  pop %r13
  pop %r12
  pop %r11
  pop %r10
  pop %r9
  pop %r8
  pop %rdi
  pop %rsi
  pop %rbp
  pop %rbx
  pop %rdx
  pop %rcx
  pop %rax
  popfq
  ret $16

dump_mem:
  pushfq
  push %rax
  push %rcx
  push %rdx
  push %rbx
  push %rsi
  push %rdi
  push %r11
  /* 64(%rsp) return, 72 line, 80 n, 88 addr. */
  lea dump_buf(%rip), %rdi
  movb $'M', (%rdi)
  inc %rdi
  mov 72(%rsp), %rax
  call dump_hex64
  mov 88(%rsp), %rsi
  mov 80(%rsp), %rcx
1:
  test %rcx, %rcx
  jz 2f
  movzbl (%rsi), %eax
  mov %eax, %edx
  shr $4, %eax
  and $15, %edx
  movzbl dump_digits(%rax), %eax
  movzbl dump_digits(%rdx), %edx
  mov %al, (%rdi)
  mov %dl, 1(%rdi)
  add $2, %rdi
  inc %rsi
  dec %rcx
  jmp 1b
2:
  call dump_write
  pop %r11
  pop %rdi
  pop %rsi
  pop %rbx
  pop %rdx
  pop %rcx
  pop %rax
  popfq
  ret $24
dump_digits: .ascii "0123456789abcdef"
  .popsection

  .pushsection .bss
dump_buf: .skip 1024
  .popsection
