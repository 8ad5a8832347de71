/* tests/ui/boot/color.S: a boot sector that needs no BIOS: it writes
 * "HELLO" in bright white on blue (attribute 1Fh) and "R" in yellow on
 * red (4Eh) straight into the colour text screen at B800:0000, then
 * spins (tests/ui/tui-pc.sh looks for them in the screen panel with
 * their colours). as --32; ld -m elf_i386 --oformat binary -Ttext
 * 0x7c00. */
  .code16
  .globl _start
_start:
  cli
  xor %ax, %ax
  mov %ax, %ds
  mov $0xb800, %ax
  mov %ax, %es
  xor %di, %di
  mov $msg, %si
  mov $0x1f, %ah
1:
  lodsb
  test %al, %al
  jz 2f
  stosw
  jmp 1b
2:
  mov $0x4e, %ah
  mov $'R', %al
  stosw
spin:
  jmp spin
msg:
  .asciz "HELLO"
  .org 510
  .word 0xaa55
