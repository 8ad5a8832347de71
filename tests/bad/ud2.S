/* ud2.bin: executes UD2; the guest must die of SIGILL (status 132). */
  nop
  ud2
