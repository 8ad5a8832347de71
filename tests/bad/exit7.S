/* exit7.bin: the smallest useful flat program: exit(7). Flat files are
 * raw code loaded at 0x400000 and entered at their first byte. */
  mov $60, %eax
  mov $7, %edi
  syscall
