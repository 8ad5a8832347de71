/* watch.S: a global written twice, for a write watchpoint run backwards
 * (tests/ui/tui-reverse.sh): after running to the end, reverse-continue
 * with `watch counter` set must land on the second store (store2), the
 * last instruction that wrote it. No libc: fixed, few addresses. */
.data
.globl counter
.type counter, @object
.size counter, 8
counter:
  .quad 0
.text
.globl _start
_start:
  mov $1, %eax
.globl store1
store1:
  mov %rax, counter(%rip)   /* counter = 1 */
  add $41, %eax
.globl store2
store2:
  mov %rax, counter(%rip)   /* counter = 42: the last write */
  mov $5, %ecx
1: dec %ecx                 /* a few instructions that write nothing */
  jnz 1b
  mov $60, %eax
  xor %edi, %edi
  syscall
