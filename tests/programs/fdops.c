/* fdops: file descriptor operations: writev/readv, preadv/pwritev,
 * dup/dup2/dup3 and F_DUPFD(_CLOEXEC), O_APPEND, O_EXCL, O_TRUNC,
 * O_DIRECTORY and O_NOFOLLOW errors, fcntl locks-free flags,
 * *at() calls relative to a directory fd, faccessat, fchmod/fstat mode,
 * ftruncate growth, and the lowest-free-fd rule. Prints results and
 * errno text only. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static void show(const char *what, long r) {
  printf("%-32s %ld%s%s\n", what, r, r < 0 ? " " : "", r < 0 ? strerror(errno) : "");
}

int main(void) {
  char dir[] = "blink-fdops-XXXXXX";
  if (!mkdtemp(dir)) return 1;
  int dfd = open(dir, O_RDONLY | O_DIRECTORY);
  show("open dir O_DIRECTORY", dfd >= 0);
  int fd = openat(dfd, "a", O_CREAT | O_RDWR | O_EXCL, 0640);
  show("openat create", fd >= 0);
  errno = 0;
  show("openat O_EXCL again", openat(dfd, "a", O_CREAT | O_RDWR | O_EXCL, 0640));
  show("O_DIRECTORY on a file", openat(dfd, "a", O_RDONLY | O_DIRECTORY));

  struct iovec iov[3] = {{"alpha ", 6}, {"", 0}, {"beta gamma\n", 11}};
  show("writev", writev(fd, iov, 3));
  char b1[4], b2[8], b3[16] = {0};
  struct iovec in[3] = {{b1, 4}, {b2, 8}, {b3, 16}};
  lseek(fd, 0, SEEK_SET);
  show("readv", readv(fd, in, 3));
  printf("readv: [%.4s][%.8s][%s]\n", b1, b2, b3);
  struct iovec pw[2] = {{"XY", 2}, {"Z", 1}};
  show("pwritev at 2", pwritev(fd, pw, 2, 2));
  memset(b3, 0, sizeof b3);
  struct iovec pr[1] = {{b3, 10}};
  show("preadv at 0", preadv(fd, pr, 1, 0));
  printf("preadv: [%s]\n", b3);
  show("offset unchanged", lseek(fd, 0, SEEK_CUR));

  /* Lowest free descriptor, dup family. */
  int lo = dup(fd);
  show("dup is next free", lo == fd + 1);
  close(lo);
  show("dup2 to 100", dup2(fd, 100));
  show("dup2 same fd", dup2(100, 100));
  show("dup3 same fd", dup3(100, 100, 0));
  show("dup3 cloexec", dup3(fd, 101, O_CLOEXEC));
  show("fd 101 cloexec", fcntl(101, F_GETFD) & FD_CLOEXEC);
  show("F_DUPFD >= 200", fcntl(fd, F_DUPFD, 200));
  show("F_DUPFD_CLOEXEC >= 50", fcntl(fd, F_DUPFD_CLOEXEC, 50));
  show("fd 50 cloexec", fcntl(50, F_GETFD));
  show("shared offset", lseek(100, 3, SEEK_SET) == lseek(fd, 0, SEEK_CUR));
  show("close 100", close(100));
  show("bad fd fcntl", fcntl(999, F_GETFL));

  /* O_APPEND writes at the end whatever the offset. */
  int ap = openat(dfd, "a", O_WRONLY | O_APPEND);
  lseek(ap, 0, SEEK_SET);
  show("append write", write(ap, "END", 3));
  show("append offset", lseek(ap, 0, SEEK_CUR));
  show("F_GETFL has O_APPEND", (fcntl(ap, F_GETFL) & O_APPEND) != 0);
  fcntl(ap, F_SETFL, 0);
  show("F_SETFL cleared O_APPEND", (fcntl(ap, F_GETFL) & O_APPEND) != 0);
  close(ap);

  struct stat st;
  show("fstat", fstat(fd, &st));
  printf("size %lld mode %o nlink %ld\n", (long long)st.st_size, st.st_mode & 07777,
         (long)st.st_nlink);
  show("fchmod 600", fchmod(fd, 0600));
  fstat(fd, &st);
  printf("mode now %o\n", st.st_mode & 07777);
  show("ftruncate grow", ftruncate(fd, 100000));
  fstat(fd, &st);
  printf("size now %lld\n", (long long)st.st_size);
  show("O_TRUNC reopen", (close(openat(dfd, "a", O_WRONLY | O_TRUNC)), 0));
  fstat(fd, &st);
  printf("size after O_TRUNC %lld\n", (long long)st.st_size);

  show("symlinkat", symlinkat("a", dfd, "l"));
  show("O_NOFOLLOW on link", openat(dfd, "l", O_RDONLY | O_NOFOLLOW));
  show("faccessat R_OK", faccessat(dfd, "a", R_OK, 0));
  show("faccessat missing", faccessat(dfd, "zz", F_OK, 0));
  show("fstatat nofollow", fstatat(dfd, "l", &st, AT_SYMLINK_NOFOLLOW));
  printf("is link %d\n", S_ISLNK(st.st_mode));
  show("mkdirat", mkdirat(dfd, "sub", 0700));
  show("renameat", renameat(dfd, "a", dfd, "sub/b"));
  /* By number: musl has no renameat2() wrapper. 1 = RENAME_NOREPLACE. */
  show("renameat2 NOREPLACE", syscall(SYS_renameat2, dfd, "sub/b", dfd, "l", 1));
  show("linkat", linkat(dfd, "sub/b", dfd, "hard", 0));
  fstatat(dfd, "hard", &st, 0);
  printf("nlink after linkat %ld\n", (long)st.st_nlink);
  show("unlinkat dir without flag", unlinkat(dfd, "sub", 0));
  show("unlinkat l", unlinkat(dfd, "l", 0));
  show("unlinkat hard", unlinkat(dfd, "hard", 0));
  show("unlinkat sub/b", unlinkat(dfd, "sub/b", 0));
  show("unlinkat AT_REMOVEDIR", unlinkat(dfd, "sub", AT_REMOVEDIR));
  show("fchdir", fchdir(dfd));
  show("chdir ..", chdir(".."));
  show("rmdir", rmdir(dir));
  return 0;
}
