/* hello.bin: a flat program that writes through a rip-relative pointer
 * and then uses the zeroed memory blink appends after the image. */
  lea msg(%rip), %rsi
  mov $1, %edi
  mov $(end - msg), %edx
  mov $1, %eax
  syscall
  /* The 16 MiB after the image must be zeroed and writable. */
  lea end+0x100000(%rip), %rbx
  mov (%rbx), %rdi
  movq $5, (%rbx)
  add (%rbx), %rdi          /* 0 + 5 */
  mov $60, %eax
  syscall
msg: .ascii "hello from a flat binary\n"
end:
