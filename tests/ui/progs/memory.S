/* memory.S: data for the READ, WRITE and user memory panels and their
 * zoom (tests/ui/tui-mem.sh). The first instruction reads the 8 bytes
 * "READ-ME!" from src, the third stores "BLINKEN!" into dst. The data
 * section starts on a page of its own with 128 'Z's, then 256 bytes
 * alternating 0x00 and 0xfe: zoomed out 2:1 with a low-pass filter those
 * cells are 0x7f ('⌂' in code page 437); picking every other byte would
 * show blanks or '■'. No libc: the addresses are fixed and few. */
.globl _start
.text
_start:
  mov src(%rip), %rax
  movabs $0x214e454b4e494c42, %rbx /* "BLINKEN!" */
  mov %rbx, dst(%rip)
  mov $60, %eax
  xor %edi, %edi
  syscall

.data
.balign 4096
zeds:
  .fill 128, 1, 0x5a
alternating:
  .rept 128
  .byte 0x00, 0xfe
  .endr
src:
  .ascii "READ-ME!"
dst:
  .quad 0
