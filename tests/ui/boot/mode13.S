/* tests/ui/boot/mode13.S: INT 10h AX=0013h (320x200, 256 colours), then
 * four horizontal bands of 50 rows in the default palette's colours 1
 * (blue), 2 (green), 4 (red) and 14 (yellow), then waits in hlt with
 * interrupts on (tests/ui/tui-pc-bios.sh reads them as half blocks). */
  .code16
  .globl _start
_start:
  mov $0x0013, %ax
  int $0x10
  mov $0xa000, %ax
  mov %ax, %es
  xor %di, %di
  cld
  mov $colors, %si
  mov $4, %dx
1:
  mov %cs:(%si), %al
  mov %al, %ah
  mov $50 * 320 / 2, %cx
  rep stosw
  inc %si
  dec %dx
  jnz 1b
  sti
2:
  hlt
  jmp 2b
colors:
  .byte 1, 2, 4, 14
  .org 510
  .word 0xaa55
