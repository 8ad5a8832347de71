/* crash.S: a store to an unmapped address (SIGSEGV), for the -t tests
 * in tests/ui/tui-reactive.sh. */
.globl _start
_start:
  mov $7, %eax
  movl %eax, 0x1234
  mov $60, %eax
  xor %edi, %edi
  syscall
