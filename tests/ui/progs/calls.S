/* calls.S: two calls to a function that loops and calls another, for
 * the n (next), f (finish) and R (restart) keys (tests/ui/tui-keys.sh).
 * %ebx counts g's calls: 1 + 1 after the first f call, 3 after the
 * second. No libc: the addresses are fixed and few. */
.globl _start
_start:
  mov $1, %ebx
  call f
  mov $2, %ebx
  call f
  mov $60, %eax
  xor %edi, %edi
  syscall
f:
  push %rbp
  mov %rsp, %rbp
  mov $5, %ecx
1: dec %ecx
  jnz 1b
  call g
  pop %rbp
  ret
g:
  add $1, %ebx
  ret
