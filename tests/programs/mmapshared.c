/* mmapshared: MAP_SHARED in one process: two mappings of one memfd (and
 * of one file) see each other's stores; write() and pwrite() to the
 * descriptor show in the mapping and stores show in read(); a mapping
 * at an offset; mprotect and munmap of part of a shared mapping keep
 * the rest shared; mremap grows a shared file mapping with more of the
 * file; madvise(MADV_DONTNEED) keeps shared contents; msync flags; a
 * read-only descriptor cannot be mapped shared and writable (EACCES)
 * but can be mapped shared read-only;
 * MAP_SHARED|MAP_ANONYMOUS and /dev/zero are zeroed memory. Prints
 * contents and errno text only. */
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

static void show(const char *what, long r) {
  printf("%-34s %ld%s%s\n", what, r, r < 0 ? " " : "", r < 0 ? strerror(errno) : "");
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  int fd = (int)syscall(SYS_memfd_create, "shared", 0);
  show("memfd_create", fd >= 0);
  show("ftruncate 3 pages", ftruncate(fd, 3 * PG));
  char *a = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  char *b = mmap(NULL, 3 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  char *c = mmap(NULL, PG, PROT_READ, MAP_SHARED, fd, PG);
  show("three mappings", a != MAP_FAILED && b != MAP_FAILED && c != MAP_FAILED);
  strcpy(a + PG, "stored through a");
  printf("b sees [%s] c sees [%s]\n", b + PG, c);
  show("pwrite at 2 pages", pwrite(fd, "written by pwrite", 17, 2 * PG));
  printf("a sees [%s]\n", a + 2 * PG);
  char buf[32] = {0};
  show("pread page 1", pread(fd, buf, 16, PG));
  printf("pread [%s]\n", buf);
  /* A private mapping is a copy: its stores stay its own. */
  char *p = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, PG);
  p[0] = 'S';
  printf("private store hidden: a[PG] = %c, p = %.6s\n", a[PG], p);
  show("mprotect b read-only", mprotect(b, PG, PROT_READ));
  a[0] = 'x';
  printf("b still sees stores: %c\n", b[0]);
  show("munmap b's middle page", munmap(b + PG, PG));
  a[2 * PG] = 'W';
  printf("b's last page still shared: %c\n", b[2 * PG]);
  show("madvise DONTNEED shared", madvise(a, PG, MADV_DONTNEED));
  printf("shared page kept: %c\n", a[0]);
  show("msync MS_SYNC", msync(a, 3 * PG, MS_SYNC));
  show("msync MS_ASYNC|MS_INVALIDATE", msync(a, PG, MS_ASYNC | MS_INVALIDATE));
  show("msync both", msync(a, PG, MS_ASYNC | MS_SYNC));
  show("msync unaligned", msync(a + 1, PG, MS_SYNC));
  show("msync bad flag", msync(a, PG, 64));
  show("msync unmapped", msync(b + PG, PG, MS_SYNC));
  munmap(a, 3 * PG);
  munmap(b, PG);
  munmap(b + 2 * PG, PG);
  munmap(c, PG);
  munmap(p, PG);
  close(fd);

  /* A real file, read-only and read-write descriptors. */
  char name[] = "blink-mmapshared-XXXXXX";
  int wfd = mkstemp(name);
  show("write file", write(wfd, "0123456789", 10));
  int rfd = open(name, O_RDONLY);
  errno = 0;
  show("O_RDONLY shared writable", mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, rfd, 0) == MAP_FAILED ? -1 : 0);
  char *r = mmap(NULL, PG, PROT_READ, MAP_SHARED, rfd, 0);
  show("O_RDONLY shared read-only", r != MAP_FAILED);
  printf("reads [%.10s]\n", r);
  char *w = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, wfd, 0);
  show("O_RDWR shared writable", w != MAP_FAILED);
  memcpy(w + 3, "abc", 3);
  show("msync", msync(w, PG, MS_SYNC));
  memset(buf, 0, sizeof(buf));
  show("pread the file", pread(rfd, buf, 10, 0));
  printf("file now [%s]\n", buf);
  munmap(w, PG);
  munmap(r, PG);
  close(rfd);
  close(wfd);
  rfd = open(name, O_RDONLY);
  memset(buf, 0, sizeof(buf));
  show("read after unmap", read(rfd, buf, 10));
  printf("file kept [%s]\n", buf);
  close(rfd);
  unlink(name);

  /* mremap grows a shared file mapping with more of the file. */
  int gfd = (int)syscall(SYS_memfd_create, "grow", 0);
  for (int k = 0; k < 5; ++k) {
    char page[PG];
    memset(page, 'a' + k, sizeof(page));
    if (write(gfd, page, PG) != PG) return 1;
  }
  char *g = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED, gfd, 0);
  show("map 2 of 5 pages", g != MAP_FAILED);
  g[0] = 'A';
  g = mremap(g, 2 * PG, 4 * PG, MREMAP_MAYMOVE);
  show("mremap to 4 pages", g != MAP_FAILED);
  if (g != MAP_FAILED) {
    printf("pages %c %c %c %c\n", g[0], g[PG], g[2 * PG], g[3 * PG]);
    g[3 * PG + 1] = 'Z';
    char two[2] = {0};
    show("pread page 4", pread(gfd, two, 2, 3 * PG));
    printf("file sees [%.2s]\n", two);
    show("pwrite page 3", pwrite(gfd, "Q", 1, 2 * PG));
    printf("memory sees %c\n", g[2 * PG]);
    /* Past the end of the file: not touched (SIGBUS on Linux). */
    g = mremap(g, 4 * PG, 8 * PG, MREMAP_MAYMOVE);
    show("mremap past end of file", g != MAP_FAILED);
    if (g != MAP_FAILED) printf("still %c %c\n", g[0], g[4 * PG]);
    munmap(g, 8 * PG);
  }
  close(gfd);

  /* Anonymous shared memory. */
  unsigned char *z = mmap(NULL, 2 * PG, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  show("shared anonymous", z != MAP_FAILED);
  int zero = 1;
  for (int k = 0; k < 2 * PG; ++k) zero &= z[k] == 0;
  z[5] = 7;
  printf("zeroed %d store %d\n", zero, z[5]);
  munmap(z, 2 * PG);
  int dz = open("/dev/zero", O_RDWR);
  z = mmap(NULL, PG, PROT_READ | PROT_WRITE, MAP_SHARED, dz, 0);
  show("shared /dev/zero", z != MAP_FAILED);
  z[0] = 1;
  printf("dev/zero store %d next %d\n", z[0], z[1]);
  close(dz);
  return 0;
}
