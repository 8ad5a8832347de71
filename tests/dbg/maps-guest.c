/* maps-guest.c: a static program that maps a file executable, as a
 * loader maps a shared object's code, then unmaps it (tests/dbg/test-maps).
 *
 *   maps-guest FILE: mmap FILE whole, PROT_READ|PROT_EXEC, at an address
 *   the kernel (the VM) picks; call mapped_at(address) so a debugger can
 *   stop there and look at the mapping; munmap it; exit 0. */
#include <fcntl.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

__attribute__((noinline)) void mapped_at(void *p, long len) {
  /* Something to step over; the debugger looks at p (rdi). */
  __asm__ volatile("" : : "r"(p), "r"(len) : "memory");
}

int main(int argc, char **argv) {
  struct stat st;
  if (argc < 2) return 2;
  int fd = open(argv[1], O_RDONLY);
  if (fd < 0 || fstat(fd, &st)) return 3;
  void *p = mmap(NULL, st.st_size, PROT_READ | PROT_EXEC, MAP_PRIVATE, fd, 0);
  if (p == MAP_FAILED) return 4;
  close(fd);
  mapped_at(p, (long)st.st_size);
  if (munmap(p, st.st_size)) return 5;
  printf("mapped and unmapped %ld bytes\n", (long)st.st_size);
  return 0;
}
