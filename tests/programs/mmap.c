/* mmap: anonymous and file mappings, MAP_FIXED over an existing mapping,
 * mprotect, munmap of part of a range, mremap growing (and moving) a
 * mapping, madvise(MADV_DONTNEED) zeroing anonymous pages, and brk via
 * sbrk. Prints contents and errno names only, never addresses. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PG 4096

static const char *err(int r) { return r ? strerror(errno) : "ok"; }

int main(void) {
  /* Anonymous memory starts zeroed. */
  unsigned char *p = mmap(0, 16 * PG, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED) { perror("mmap"); return 1; }
  int nz = 0;
  for (int k = 0; k < 16 * PG; k++) nz += p[k] != 0;
  printf("fresh anonymous: %d non-zero bytes, aligned %d\n", nz,
         ((unsigned long)p & (PG - 1)) == 0);
  for (int k = 0; k < 16; k++) memset(p + k * PG, 'a' + k, PG);

  /* MAP_FIXED replaces pages 2..3 with fresh zero pages. */
  void *q = mmap(p + 2 * PG, 2 * PG, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
  printf("MAP_FIXED at the requested address: %d\n", q == p + 2 * PG);
  printf("pages 1..4: %c %d %d %c\n", p[PG], p[2 * PG], p[3 * PG + 5],
         p[4 * PG]);
  /* MAP_FIXED_NOREPLACE over a mapping fails with EEXIST. */
  q = mmap(p + 5 * PG, PG, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE,
           -1, 0);
  printf("MAP_FIXED_NOREPLACE on a mapping: %s\n",
         q == MAP_FAILED ? strerror(errno) : "mapped");

  /* Unmap a hole in the middle; the rest stays. */
  printf("munmap middle: %s\n", err(munmap(p + 6 * PG, 2 * PG)));
  printf("around the hole: %c %c\n", p[5 * PG], p[8 * PG]);
  /* A second munmap of the hole is fine; unaligned is EINVAL. */
  printf("munmap again: %s\n", err(munmap(p + 6 * PG, PG)));
  printf("munmap unaligned: %s\n", err(munmap(p + 1, PG)));
  /* mprotect a page read-only and back. */
  printf("mprotect ro: %s\n", err(mprotect(p + 9 * PG, PG, PROT_READ)));
  printf("read ro page: %c\n", p[9 * PG + 100]);
  printf("mprotect rw: %s\n", err(mprotect(p + 9 * PG, PG, PROT_READ | PROT_WRITE)));
  p[9 * PG] = 'Z';
  printf("after write: %c\n", p[9 * PG]);
  printf("mprotect unmapped: %s\n", err(mprotect(p + 6 * PG, PG, PROT_READ)));

  /* madvise(DONTNEED) gives zero pages back for private anonymous. */
  printf("madvise: %s\n", err(madvise(p + 10 * PG, 2 * PG, MADV_DONTNEED)));
  printf("after DONTNEED: %d %d %c\n", p[10 * PG], p[12 * PG - 1], p[12 * PG]);

  /* mremap: grow in place or move; contents follow. */
  unsigned char *r = mremap(p + 12 * PG, 4 * PG, 64 * PG, MREMAP_MAYMOVE);
  if (r == MAP_FAILED) { perror("mremap"); return 1; }
  printf("mremap grown: %c %c %c tail %d\n", r[0], r[PG], r[3 * PG + 4095],
         r[63 * PG]);
  r[63 * PG] = 1;
  unsigned char *s = mremap(r, 64 * PG, PG, 0);
  printf("mremap shrink in place: %d %c\n", s == r, s[0]);
  errno = 0;
  s = mremap(r, PG, 2 * PG, MREMAP_FIXED);
  printf("mremap bad flags: %s\n", s == MAP_FAILED ? strerror(errno) : "ok");

  /* A private file mapping: reads the file, writes stay private. */
  char name[] = "blink-mmap-XXXXXX";
  int fd = mkstemp(name);
  if (fd < 0) { perror("mkstemp"); return 1; }
  unlink(name);
  char text[2 * PG + 2048];
  for (int k = 0; k < (int)sizeof text; k++) text[k] = 'A' + k % 26;
  if (write(fd, text, sizeof text) != (ssize_t)sizeof text) return 1;
  char *f = mmap(0, 2 * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, PG);
  if (f == MAP_FAILED) { perror("mmap file"); return 1; }
  printf("file mapping at offset %d: %.10s\n", PG, f);
  f[0] = '#';
  char back[4];
  pread(fd, back, 4, PG);
  printf("private write stays private: %c %.4s\n", f[0], back);
  /* The file ends half-way through the mapping's second page: the rest
   * of that page reads as zeros. */
  printf("last file byte %c, after EOF %d %d\n", f[PG + 2047], f[PG + 2048],
         f[2 * PG - 1]);
  q = mmap(0, PG, PROT_READ, MAP_PRIVATE, fd, 100);
  printf("unaligned offset: %s\n", q == MAP_FAILED ? strerror(errno) : "mapped");
  q = mmap(0, PG, PROT_READ, MAP_PRIVATE, 12345, 0);
  printf("bad fd: %s\n", q == MAP_FAILED ? strerror(errno) : "mapped");
  q = mmap(0, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  printf("zero length: %s\n", q == MAP_FAILED ? strerror(errno) : "mapped");
  close(fd);

  /* brk, by the system call (musl's sbrk only reports the break). No
   * malloc may run until the break is back where it was. */
  long b0 = syscall(SYS_brk, 0);
  long b1 = syscall(SYS_brk, b0 + 100000);
  memset((char *)b0, 7, 100000);
  long b2 = syscall(SYS_brk, b0 + 50000);
  long b3 = syscall(SYS_brk, b0 + 100000);
  int zeroed = ((char *)b0)[60000] == 0;
  int kept = ((char *)b0)[40000] == 7;
  long b4 = syscall(SYS_brk, b0);
  printf("brk grew by %ld, shrank to %ld, regrew to %ld, back to %ld\n",
         b1 - b0, b2 - b0, b3 - b0, b4 - b0);
  printf("regrown memory zeroed %d, kept below %d\n", zeroed, kept);
  long bad = syscall(SYS_brk, 1);
  printf("brk(1) leaves the break alone: %d\n", bad == b0);
  return 0;
}
