/* syscall-stat.c: stat and friends.
 *
 * stat, lstat, fstat and newfstatat all go through one fstatat on the
 * host, whose struct stat (glibc's) is copied field by field into the
 * kernel's x86-64 layout: the guest never sees a host structure. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <asm/unistd.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "machine.h"
#include "memory.h"
#include "sys.h"
#include "syscall-defs.h"

static int64_t sys_stat_out(struct Machine *m, uint64_t va,
                            const struct stat *st) {
  struct linux_stat ls;
  memset(&ls, 0, sizeof(ls));
  ls.st_dev = st->st_dev;
  ls.st_ino = st->st_ino;
  ls.st_nlink = st->st_nlink;
  ls.st_mode = st->st_mode;
  ls.st_uid = st->st_uid;
  ls.st_gid = st->st_gid;
  ls.st_rdev = st->st_rdev;
  ls.st_size = st->st_size;
  ls.st_blksize = st->st_blksize;
  ls.st_blocks = st->st_blocks;
  ls.st_atime_sec = (uint64_t)st->st_atim.tv_sec;
  ls.st_atime_nsec = (uint64_t)st->st_atim.tv_nsec;
  ls.st_mtime_sec = (uint64_t)st->st_mtim.tv_sec;
  ls.st_mtime_nsec = (uint64_t)st->st_mtim.tv_nsec;
  ls.st_ctime_sec = (uint64_t)st->st_ctim.tv_sec;
  ls.st_ctime_nsec = (uint64_t)st->st_ctim.tv_nsec;
  if (mem_copy_out(m, va, &ls, sizeof(ls))) return -L_EFAULT;
  return 0;
}

/* The one stat: dirfd/path/flags as fstatat takes them (path "" with
 * AT_EMPTY_PATH is fstat). */
static int64_t sys_fstatat_host(struct Machine *m, int dirfd, const char *path,
                                int flags, uint64_t va) {
  if (sys_fd_reserved(dirfd)) return -L_EBADF;
  if (!sys_range_ok(m, va, sizeof(struct linux_stat), MPROT_WRITE))
    return -L_EFAULT;
  struct stat st;
  if (fstatat(dirfd, path, &st, flags)) return -sys_errno(errno);
  return sys_stat_out(m, va, &st);
}

int64_t sys_newfstatat(struct Machine *m, uint64_t a[6]) {
  int err;
  /* Under -C a last-component link is followed inside the root. */
  char *p = ((int)a[3] & L_AT_SYMLINK_NOFOLLOW)
                ? sys_path_in(m, a[1], &err)
                : sys_path_in_follow(m, a[1], &err);
  if (!p) return err;
  int64_t r = sys_fstatat_host(m, (int)a[0], p, (int)a[3], a[2]);
  free(p);
  return r;
}

int64_t sys_stat(struct Machine *m, uint64_t a[6]) {
  uint64_t b[6] = {(uint64_t)(int64_t)L_AT_FDCWD, a[0], a[1], 0, 0, 0};
  return sys_newfstatat(m, b);
}

int64_t sys_lstat(struct Machine *m, uint64_t a[6]) {
  uint64_t b[6] = {(uint64_t)(int64_t)L_AT_FDCWD, a[0], a[1],
                   L_AT_SYMLINK_NOFOLLOW, 0, 0};
  return sys_newfstatat(m, b);
}

int64_t sys_fstat(struct Machine *m, uint64_t a[6]) {
  return sys_fstatat_host(m, (int)a[0], "", L_AT_EMPTY_PATH, a[1]);
}

int64_t sys_statx(struct Machine *m, uint64_t a[6]) {
  int dirfd = (int)a[0];
  if (sys_fd_reserved(dirfd)) return -L_EBADF;
  int err;
  char *p = ((int)a[2] & L_AT_SYMLINK_NOFOLLOW)
                ? sys_path_in(m, a[1], &err)
                : sys_path_in_follow(m, a[1], &err);
  if (!p) return err;
  /* struct statx is defined by the kernel, identically for every
   * architecture; linux_statx is that layout, filled by the kernel. */
  struct linux_statx sx;
  memset(&sx, 0, sizeof(sx));
  int64_t r = sys_ret(syscall(__NR_statx, dirfd, p, (int)a[2], (unsigned)a[3], &sx));
  free(p);
  if (r < 0) return r;
  if (mem_copy_out(m, a[4], &sx, sizeof(sx))) return -L_EFAULT;
  return 0;
}

/* struct statfs: the kernel's x86-64 layout (120 bytes), filled by the
 * kernel itself. */
struct linux_statfs {
  int64_t f_type, f_bsize;
  uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
  int32_t f_fsid[2];
  int64_t f_namelen, f_frsize, f_flags, f_spare[4];
};
_Static_assert(sizeof(struct linux_statfs) == 120, "struct statfs");

int64_t sys_statfs(struct Machine *m, uint64_t a[6]) {
  int err;
  char *p = sys_path_in(m, a[0], &err);
  if (!p) return err;
  struct linux_statfs sf;
  int64_t r = sys_ret(syscall(__NR_statfs, p, &sf));
  free(p);
  if (r < 0) return r;
  if (mem_copy_out(m, a[1], &sf, sizeof(sf))) return -L_EFAULT;
  return 0;
}

int64_t sys_fstatfs(struct Machine *m, uint64_t a[6]) {
  if (sys_fd_reserved((int)a[0])) return -L_EBADF;
  struct linux_statfs sf;
  int64_t r = sys_ret(syscall(__NR_fstatfs, (int)a[0], &sf));
  if (r < 0) return r;
  if (mem_copy_out(m, a[1], &sf, sizeof(sf))) return -L_EFAULT;
  return 0;
}
