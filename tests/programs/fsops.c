/* fsops: the rest of the file calls, in a fresh temporary directory:
 * splice, tee, copy_file_range, sendfile, mknod/mknodat (a FIFO),
 * utime/utimes/futimesat/utimensat (fixed times read back), chmod and
 * fchmodat, umask, truncate/ftruncate, fallocate, fsync/fdatasync,
 * sync_file_range, syncfs, flock, fcntl record locks and OFD locks,
 * getdents64 and the old getdents (names sorted), statx (sizes and modes
 * only), link counts, readlinkat, close_range, openat2, extended
 * attributes, vmsplice, readahead, capget, mlock and mlockall, mincore, and a MAP_SHARED file mapping written through
 * memory and read back with read() (msync). Prints results only, never
 * inode numbers or real times. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <unistd.h>
#include <utime.h>

static void show(const char *what, long r) {
  printf("%-34s %ld%s%s\n", what, r, r < 0 ? " " : "", r < 0 ? strerror(errno) : "");
}

static void put(const char *path, const char *s) {
  int fd = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
  if (fd < 0 || write(fd, s, strlen(s)) < 0) perror(path);
  close(fd);
}

static void cat(const char *what, const char *path) {
  char buf[256] = {0};
  int fd = open(path, O_RDONLY);
  long n = read(fd, buf, sizeof(buf) - 1);
  close(fd);
  printf("%s: %ld [%s]\n", what, n, n > 0 ? buf : "");
}

static int cmp(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* getdents64 (old == 0) or getdents: the names, sorted. */
static void list(const char *dir, int old) {
  int fd = open(dir, O_RDONLY | O_DIRECTORY);
  char buf[4096];
  char *names[64];
  int n = 0;
  long r;
  while ((r = syscall(old ? SYS_getdents : SYS_getdents64, fd, buf, sizeof(buf))) > 0) {
    for (long off = 0; off < r;) {
      unsigned short reclen;
      const char *name;
      unsigned char type;
      if (old) {
        memcpy(&reclen, buf + off + 16, 2);
        name = buf + off + 18;
        type = (unsigned char)buf[off + reclen - 1];
      } else {
        memcpy(&reclen, buf + off + 16, 2);
        type = (unsigned char)buf[off + 18];
        name = buf + off + 19;
      }
      if (n < 64) {
        names[n] = malloc(strlen(name) + 8);
        sprintf(names[n], "%s:%u", name, type);
        ++n;
      }
      off += reclen;
    }
  }
  close(fd);
  qsort(names, (size_t)n, sizeof(names[0]), cmp);
  printf("%s:", old ? "getdents" : "getdents64");
  for (int k = 0; k < n; ++k) printf(" %s", names[k]), free(names[k]);
  printf("\n");
}

static void times_of(const char *what, const char *path) {
  struct stat st;
  stat(path, &st);
  printf("%s: atime %lld.%09ld mtime %lld.%09ld\n", what, (long long)st.st_atim.tv_sec,
         st.st_atim.tv_nsec, (long long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  char dir[] = "blink-fsops-XXXXXX";
  if (!mkdtemp(dir) || chdir(dir)) return 1;
  umask(022);
  show("umask old", umask(027));
  show("umask back", umask(022));

  /* Data movers. */
  put("src", "hello, splice and friends\n");
  int in = open("src", O_RDONLY);
  int out = open("dst", O_CREAT | O_RDWR | O_TRUNC, 0644);
  int p[2], q[2];
  if (pipe(p) || pipe(q)) return 1;
  loff_t off = 7;
  show("splice file->pipe at 7", splice(in, &off, p[1], NULL, 6, 0));
  show("splice offset moved", off);
  show("file position unchanged", lseek(in, 0, SEEK_CUR));
  show("tee pipe->pipe", tee(p[0], q[1], 100, 0));
  show("splice pipe->file", splice(p[0], NULL, out, NULL, 100, 0));
  char b[32] = {0};
  show("read tee copy", read(q[0], b, sizeof(b)));
  printf("tee copy [%s]\n", b);
  show("splice bad fd", splice(99, NULL, p[1], NULL, 1, 0));
  loff_t oi = 0, oo = 6;
  show("copy_file_range", copy_file_range(in, &oi, out, &oo, 5, 0));
  printf("offsets %lld %lld\n", (long long)oi, (long long)oo);
  show("copy_file_range bad flags", copy_file_range(in, NULL, out, NULL, 5, 1));
  off_t so = 20;
  show("sendfile", sendfile(out, in, &so, 6));
  show("sendfile offset", so);
  close(out);
  cat("dst", "dst");

  /* Nodes, modes, times. */
  show("mknod fifo", mknod("fifo", S_IFIFO | 0666, 0));
  show("mknodat fifo", mknodat(AT_FDCWD, "fifo2", S_IFIFO | 0600, 0));
  show("mknod exists", mknod("fifo", S_IFIFO | 0666, 0));
  struct stat st;
  stat("fifo", &st);
  printf("fifo: isfifo %d mode %o\n", S_ISFIFO(st.st_mode), st.st_mode & 07777);
  show("chmod 751", chmod("src", 0751));
  show("fchmodat 640", fchmodat(AT_FDCWD, "fifo2", 0640, 0));
  stat("src", &st);
  printf("src mode %o\n", st.st_mode & 07777);
  stat("fifo2", &st);
  printf("fifo2 mode %o\n", st.st_mode & 07777);
  struct utimbuf ub = {1000000000, 1100000000};
  show("utime", utime("src", &ub));
  times_of("utime", "src");
  struct timeval tv[2] = {{1200000000, 250000}, {1300000000, 500}};
  show("utimes", utimes("src", tv));
  times_of("utimes", "src");
  tv[0].tv_usec = 1000000;
  show("utimes bad usec", utimes("src", tv));
  tv[0].tv_usec = 1;
  show("futimesat", syscall(SYS_futimesat, AT_FDCWD, "src", tv));
  times_of("futimesat", "src");
  struct timespec ts[2] = {{5, UTIME_OMIT}, {1400000000, 123456789}};
  show("utimensat omit atime", utimensat(AT_FDCWD, "src", ts, 0));
  times_of("utimensat", "src");
  show("symlink", symlink("src", "lnk"));
  ts[0].tv_nsec = 0;
  ts[0].tv_sec = 1500000000;
  show("utimensat nofollow", utimensat(AT_FDCWD, "lnk", ts, AT_SYMLINK_NOFOLLOW));
  lstat("lnk", &st);
  printf("link mtime %lld\n", (long long)st.st_mtim.tv_sec);
  char target[64] = {0};
  show("readlinkat", readlinkat(AT_FDCWD, "lnk", target, sizeof(target)));
  printf("target [%s]\n", target);
  show("readlink short buffer", readlink("lnk", target, 2));
  show("readlink not a link", readlink("src", target, sizeof(target)));
  show("link", link("src", "hard"));
  stat("src", &st);
  printf("nlink %ld\n", (long)st.st_nlink);

  /* Sizes. */
  show("truncate 3", truncate("src", 3));
  cat("truncated", "src");
  int fd = open("big", O_CREAT | O_RDWR, 0600);
  show("ftruncate 10000", ftruncate(fd, 10000));
  errno = 0;
  long fa = fallocate(fd, 0, 0, 20000);
  show("fallocate", fa == 0 || errno == EOPNOTSUPP);
  fstat(fd, &st);
  printf("size %lld\n", (long long)st.st_size);
  show("fallocate bad mode", fallocate(fd, 0x1234, 0, 1) < 0);
  show("fsync", fsync(fd));
  show("fdatasync", fdatasync(fd));
  show("sync_file_range", sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE));
  show("syncfs", syncfs(fd));
  show("fsync bad fd", fsync(99));
  /* statx by number with the kernel's layout (mask at 0, mode at 28,
   * size at 40): older musl has no statx(). */
  unsigned char sx[256];
  uint32_t mask;
  uint16_t mode;
  uint64_t size;
  show("statx", syscall(332, AT_FDCWD, "big", 0, 0x200 | 0x2, sx));
  memcpy(&mask, sx, 4), memcpy(&mode, sx + 28, 2), memcpy(&size, sx + 40, 8);
  printf("statx size %llu mode %o mask has size %d\n", (unsigned long long)size,
         mode & 07777, !!(mask & 0x200));
  show("statx empty path", syscall(332, fd, "", AT_EMPTY_PATH, 0x200, sx));
  memcpy(&size, sx + 40, 8);
  printf("statx size %llu\n", (unsigned long long)size);

  /* Locks. */
  show("flock ex", flock(fd, LOCK_EX));
  int fd2 = open("big", O_RDWR);
  show("flock other nb", flock(fd2, LOCK_EX | LOCK_NB));
  show("flock un", flock(fd, LOCK_UN));
  show("flock other now", flock(fd2, LOCK_EX | LOCK_NB));
  flock(fd2, LOCK_UN);
  struct flock fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 10, .l_len = 5};
  show("F_SETLK write 10+5", fcntl(fd, F_SETLK, &fl));
  /* Another open file description's OFD lock conflicts with this
   * process's record lock (no fork needed to see it). */
  struct flock g = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 100};
  show("F_OFD_GETLK", fcntl(fd2, F_OFD_GETLK, &g));
  printf("held %s start %lld len %lld pid is ours %d\n",
         g.l_type == F_WRLCK ? "WR" : g.l_type == F_UNLCK ? "UN" : "?",
         (long long)g.l_start, (long long)g.l_len, g.l_pid == getpid());
  g = (struct flock){.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 5};
  show("F_OFD_SETLK free range", fcntl(fd2, F_OFD_SETLK, &g));
  g.l_start = 12, g.l_len = 1;
  show("F_OFD_SETLK taken", fcntl(fd2, F_OFD_SETLK, &g));
  show("F_SETLK on OFD range", fcntl(fd, F_SETLK, &(struct flock){.l_type = F_WRLCK, .l_start = 2, .l_len = 1}));
  g.l_type = F_UNLCK, g.l_start = 0, g.l_len = 0;
  show("F_OFD_SETLK unlock all", fcntl(fd2, F_OFD_SETLK, &g));
  fl.l_type = F_UNLCK;
  show("F_SETLK unlock", fcntl(fd, F_SETLK, &fl));

  struct f_owner_ex ox = {F_OWNER_PID, getpid()};
  show("F_SETOWN_EX", fcntl(fd, F_SETOWN_EX, &ox));
  memset(&ox, 0, sizeof(ox));
  show("F_GETOWN_EX", fcntl(fd, F_GETOWN_EX, &ox));
  printf("owner type %d is us %d\n", ox.type, ox.pid == getpid());
  show("F_GETOWN", fcntl(fd, F_GETOWN) == getpid());

  /* Memory. */
  char *mp = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  show("mmap shared rw file", mp != MAP_FAILED);
  if (mp != MAP_FAILED) {
    memcpy(mp + 4096, "through memory", 14);
    show("msync", msync(mp, 8192, MS_SYNC));
    char back[16] = {0};
    show("pread sees it", pread(fd, back, 14, 4096));
    printf("pread [%s]\n", back);
    show("pwrite", pwrite(fd, "FILE", 4, 0));
    printf("memory sees write: %.4s\n", mp);
    unsigned char vec[2];
    show("mincore", mincore(mp, 8192, vec));
    show("mlock", mlock(mp, 8192));
    show("munlock", munlock(mp, 8192));
    munmap(mp, 8192);
  }
  show("mincore unmapped", mincore((void *)0x10000, 4096, (unsigned char[1]){0}));
  show("mlock unmapped", mlock((void *)0x10000, 4096));
  show("mlock2 bad flags", syscall(325, mp, 4096, 2));
  show("mlock zero length", mlock((void *)0x10000, 0));
  show("mlockall bad", mlockall(0));
  show("mlockall", mlockall(MCL_CURRENT));
  show("munlockall", munlockall());
  close(fd);
  close(fd2);

  /* close_range and openat2, by number (older libcs lack them). */
  dup2(1, 40), dup2(1, 41), dup2(1, 42);
  show("close_range 40-41", syscall(436, 40, 41, 0));
  show("fd 40 closed", fcntl(40, F_GETFD));
  show("fd 42 open", fcntl(42, F_GETFD));
  show("close_range CLOEXEC", syscall(436, 42, 42, 4));
  show("fd 42 cloexec", fcntl(42, F_GETFD));
  show("close_range reversed", syscall(436, 5, 2, 0));
  show("close_range bad flags", syscall(436, 0, 0, 123));
  show("close_range 42-~0", syscall(436, 42, ~0u, 0));
  show("fd 42 closed", fcntl(42, F_GETFD));
  struct { uint64_t flags, mode, resolve, extra; } how = {O_RDONLY, 0, 0, 0};
  long ofd = syscall(437, AT_FDCWD, "src", &how, 24);
  show("openat2", ofd >= 0);
  close((int)ofd);
  how.resolve = 0x04; /* RESOLVE_NO_SYMLINKS */
  show("openat2 NO_SYMLINKS on a link", syscall(437, AT_FDCWD, "lnk", &how, 24));
  how.resolve = 0;
  show("openat2 size 8", syscall(437, AT_FDCWD, "src", &how, 8));
  how.extra = 1;
  show("openat2 nonzero tail", syscall(437, AT_FDCWD, "src", &how, 32));
  how.extra = 0;
  ofd = syscall(437, AT_FDCWD, "src", &how, 32);
  show("openat2 zero tail", ofd >= 0);
  close((int)ofd);
  how.mode = 0644;
  show("openat2 mode without O_CREAT", syscall(437, AT_FDCWD, "src", &how, 24));

  /* Extended attributes (ENOTSUP on file systems without user ones:
   * both sides see the same). */
  show("setxattr", setxattr("src", "user.blink", "value1", 6, 0));
  show("setxattr CREATE again", setxattr("src", "user.blink", "v", 1, XATTR_CREATE));
  show("getxattr size", getxattr("src", "user.blink", NULL, 0));
  char xv[16] = {0};
  show("getxattr", getxattr("src", "user.blink", xv, sizeof(xv)));
  printf("value [%s]\n", xv);
  show("getxattr small buffer", getxattr("src", "user.blink", xv, 2));
  show("getxattr missing", getxattr("src", "user.none", xv, sizeof(xv)));
  int xfd = open("src", O_RDWR);
  show("fsetxattr", fsetxattr(xfd, "user.two", "2", 1, XATTR_CREATE));
  memset(xv, 0, sizeof(xv));
  show("fgetxattr", fgetxattr(xfd, "user.two", xv, sizeof(xv)));
  printf("value [%s]\n", xv);
  char xl[256] = {0};
  long xn = listxattr("src", xl, sizeof(xl));
  int seen = 0;
  for (long k = 0; k < xn; k += (long)strlen(xl + k) + 1)
    seen += !strcmp(xl + k, "user.blink") + !strcmp(xl + k, "user.two");
  printf("listxattr has both: %d\n", seen == 2 || xn < 0);
  show("flistxattr size", flistxattr(xfd, NULL, 0) >= 19 || errno == ENOTSUP);
  show("lgetxattr on a link", lgetxattr("lnk", "user.blink", xv, sizeof(xv)));
  show("getxattr through a link", getxattr("lnk", "user.blink", xv, sizeof(xv)));
  show("removexattr", removexattr("src", "user.blink"));
  show("fremovexattr", fremovexattr(xfd, "user.two"));
  show("lremovexattr missing", lremovexattr("src", "user.two"));
  close(xfd);

  /* vmsplice: user memory into a pipe and out of it. */
  char vm1[] = "vmspliced", vm2[16] = {0};
  struct iovec vio = {vm1, 9};
  show("vmsplice into pipe", vmsplice(p[1], &vio, 1, 0));
  struct iovec vin = {vm2, sizeof(vm2)};
  show("vmsplice out of pipe", vmsplice(p[0], &vin, 1, 0));
  printf("vmsplice [%s]\n", vm2);
  show("vmsplice on a file", vmsplice(in, &vio, 1, 0));
  show("readahead", readahead(in, 0, 4096));

  /* Directory listing, both formats. */
  mkdir("sub", 0755);
  list(".", 0);
  list(".", 1);

  /* capget: the version handshake; the sets are the process's own. */
  struct { uint32_t version; int pid; } h = {0, 0};
  show("capget version query", syscall(SYS_capget, &h, NULL));
  printf("preferred version %x\n", h.version);
  uint32_t data[6];
  h.pid = 0;
  show("capget", syscall(SYS_capget, &h, data));
  h.pid = getpid();
  uint32_t data2[6];
  show("capget own pid", syscall(SYS_capget, &h, data2));
  printf("same sets %d\n", !memcmp(data, data2, sizeof(data)));

  /* Clean up. */
  const char *files[] = {"src", "dst", "fifo", "fifo2", "lnk", "hard", "big"};
  for (unsigned k = 0; k < sizeof(files) / sizeof(files[0]); ++k) unlink(files[k]);
  rmdir("sub");
  if (chdir("..") || rmdir(dir)) perror("cleanup");
  return 0;
}
