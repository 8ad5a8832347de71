/* wildjump.bin: jumps to an address nothing is mapped at: SIGSEGV. */
  movabs $0x123456789000, %rax
  jmp *%rax
