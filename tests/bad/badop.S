/* badop.bin: opcode 06 (push %es) is invalid in 64-bit mode: SIGILL. */
  nop
  .byte 0x06
