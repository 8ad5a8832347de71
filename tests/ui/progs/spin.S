/* spin.S: loops forever, for ctrl-C under -t (tests/ui/tui-reactive.sh). */
.globl _start
_start:
  xor %eax, %eax
1: add $1, %rax
  jmp 1b
