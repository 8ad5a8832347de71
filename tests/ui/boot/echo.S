/* tests/ui/boot/echo.S: a boot sector using the BIOS: it prints "A" and
 * "B" with INT 10h AH=0Eh (teletype), then echoes every key INT 16h
 * AH=00h returns, Enter as CR LF (tests/ui/tui-pc-bios.sh steps over
 * and into the int 10h calls and types a line). */
  .code16
  .globl _start
_start:
  xor %ax, %ax
  mov %ax, %ds
  mov $0x0e41, %ax
  int $0x10
  mov $0x0e42, %ax
  int $0x10
key:
  xor %ah, %ah
  int $0x16
  mov $0x0e, %ah
  int $0x10
  cmp $'\r', %al
  jne key
  mov $0x0e0a, %ax
  int $0x10
  jmp key
  .org 510
  .word 0xaa55
