/* tests/ui/boot/triple.S: an IDT limit of 0 in real mode, then int $3:
 * the vector is past the limit (#GP), whose vector is too (#DF), and so
 * is that one's: a triple fault, the CPU shuts down (Intel SDM vol. 3,
 * 6.15 and 20.1.4: the real-mode IDTR limit is checked). */
  .code16
  .globl _start
_start:
  lidt %cs:idt0
  int $3
  hlt
idt0:
  .word 0
  .long 0
  .org 510
  .word 0xaa55
