/* syscall-file.c: descriptors, paths and I/O.
 *
 * Guest descriptors are host descriptors (1:1 for now), so most of these
 * copy the guest's arguments in, make the same call on the host, and copy
 * the results out. Data moves through a bounce buffer; a single call moves
 * at most SYS_IO_MAX bytes, which Linux allows (short reads and writes). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <asm/unistd.h> /* __NR_*: <sys/syscall.h> would find src/sys/syscall.h */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "log.h"
#include "machine.h"
#include "memory.h"
#include "sys.h"
#include "syscall-defs.h"

#define SYS_IO_MAX (1u << 20)
#define SYS_IOV_MAX 1024

/* Copy a path argument in or return its error. */
#define PATH_IN(p, va)                     \
  int p##_err;                             \
  char *p = sys_path_in(m, (va), &p##_err); \
  if (!p) return p##_err

/* An error for a bad guest buffer, after the one Linux checks first. */
static int64_t sys_efault_or_ebadf(int fd) {
  if (fcntl(fd, F_GETFD) < 0) return -sys_errno(errno);
  return -L_EFAULT;
}

static int64_t sys_do_read(struct Machine *m, int fd, uint64_t va, uint64_t n,
                           int64_t off, int positional) {
  if (sys_fd_reserved(fd)) return -L_EBADF;
  if (n > SYS_IO_MAX) n = SYS_IO_MAX;
  /* Read no more than fits: data taken from a pipe cannot be put back,
   * and Linux too stops at the first bad page with a short count. */
  if (n) {
    n = sys_range_prefix(m, va, n, MPROT_WRITE);
    if (!n) return sys_efault_or_ebadf(fd);
  }
  void *buf = sys_buffer(n ? n : 1);
  if (!buf) return -L_ENOMEM;
  ssize_t r = positional ? pread(fd, buf, n, off) : read(fd, buf, n);
  if (r < 0) return -sys_errno(errno);
  if (mem_copy_out(m, va, buf, (size_t)r)) return -L_EFAULT;
  return r;
}

static int64_t sys_do_write(struct Machine *m, int fd, uint64_t va,
                            uint64_t n, int64_t off, int positional) {
  if (sys_fd_reserved(fd)) return -L_EBADF;
  if (!n) {
    ssize_t w = positional ? pwrite(fd, "", 0, off) : write(fd, "", 0);
    return sys_ret(w);
  }
  uint64_t done = 0;
  while (done < n) {
    size_t chunk = n - done < SYS_IO_MAX ? (size_t)(n - done) : SYS_IO_MAX;
    /* Write what is readable; a bad page ends the write short. */
    chunk = (size_t)sys_range_prefix(m, va + done, chunk, MPROT_READ);
    if (!chunk) return done ? (int64_t)done : sys_efault_or_ebadf(fd);
    void *buf = sys_buffer(chunk);
    if (!buf) return done ? (int64_t)done : -L_ENOMEM;
    if (mem_copy_in(m, buf, va + done, chunk))
      return done ? (int64_t)done : sys_efault_or_ebadf(fd);
    ssize_t w = positional ? pwrite(fd, buf, chunk, off + (int64_t)done)
                           : write(fd, buf, chunk);
    if (w < 0) return done ? (int64_t)done : -sys_errno(errno);
    done += (uint64_t)w;
    if ((size_t)w < chunk || (uint64_t)w < SYS_IO_MAX) break;
  }
  return (int64_t)done;
}

int64_t sys_read(struct Machine *m, uint64_t a[6]) {
  return sys_do_read(m, (int)a[0], a[1], a[2], 0, 0);
}

int64_t sys_write(struct Machine *m, uint64_t a[6]) {
  return sys_do_write(m, (int)a[0], a[1], a[2], 0, 0);
}

int64_t sys_pread64(struct Machine *m, uint64_t a[6]) {
  if ((int64_t)a[3] < 0) return -L_EINVAL;
  return sys_do_read(m, (int)a[0], a[1], a[2], (int64_t)a[3], 1);
}

int64_t sys_pwrite64(struct Machine *m, uint64_t a[6]) {
  if ((int64_t)a[3] < 0) return -L_EINVAL;
  return sys_do_write(m, (int)a[0], a[1], a[2], (int64_t)a[3], 1);
}

/* Read the iovec array; returns the count or -errno, and the total. */
static int64_t sys_iov_in(struct Machine *m, uint64_t va, int64_t cnt,
                          struct linux_iovec *iov, uint64_t *total) {
  if (cnt < 0 || cnt > SYS_IOV_MAX) return -L_EINVAL;
  if (mem_copy_in(m, iov, va, (size_t)cnt * sizeof(*iov))) return -L_EFAULT;
  uint64_t t = 0;
  for (int64_t k = 0; k < cnt; ++k) {
    if ((int64_t)iov[k].iov_len < 0 || t + iov[k].iov_len < t) return -L_EINVAL;
    t += iov[k].iov_len;
  }
  if ((int64_t)t < 0) return -L_EINVAL;
  *total = t;
  return cnt;
}

/* readv and preadv: off < 0 means the file position. */
static int64_t sys_do_readv(struct Machine *m, uint64_t a[6], int64_t off) {
  int fd = (int)a[0];
  struct linux_iovec iov[SYS_IOV_MAX];
  uint64_t total;
  int64_t cnt = sys_iov_in(m, a[1], (int)a[2], iov, &total);
  if (cnt < 0) return cnt;
  if (sys_fd_reserved(fd)) return -L_EBADF;
  if (total > SYS_IO_MAX) total = SYS_IO_MAX;
  uint64_t left = total;
  for (int64_t k = 0; k < cnt && left; ++k) {
    uint64_t n = iov[k].iov_len < left ? iov[k].iov_len : left;
    if (!sys_range_ok(m, iov[k].iov_base, n, MPROT_WRITE))
      return sys_efault_or_ebadf(fd);
    left -= n;
  }
  uint8_t *buf = sys_buffer(total ? total : 1);
  if (!buf) return -L_ENOMEM;
  ssize_t r = off < 0 ? read(fd, buf, total) : pread(fd, buf, total, off);
  if (r < 0) return -sys_errno(errno);
  uint64_t done = 0;
  for (int64_t k = 0; k < cnt && done < (uint64_t)r; ++k) {
    uint64_t n = (uint64_t)r - done;
    if (n > iov[k].iov_len) n = iov[k].iov_len;
    if (mem_copy_out(m, iov[k].iov_base, buf + done, n)) return -L_EFAULT;
    done += n;
  }
  return r;
}

static int64_t sys_do_writev(struct Machine *m, uint64_t a[6], int64_t off) {
  int fd = (int)a[0];
  struct linux_iovec iov[SYS_IOV_MAX];
  uint64_t total;
  int64_t cnt = sys_iov_in(m, a[1], (int)a[2], iov, &total);
  if (cnt < 0) return cnt;
  if (sys_fd_reserved(fd)) return -L_EBADF;
  /* Gather into one host write so that pipes see one atomic message. */
  if (total > SYS_IO_MAX) total = SYS_IO_MAX;
  uint8_t *buf = sys_buffer(total ? total : 1);
  if (!buf) return -L_ENOMEM;
  uint64_t done = 0;
  for (int64_t k = 0; k < cnt && done < total; ++k) {
    uint64_t n = total - done;
    if (n > iov[k].iov_len) n = iov[k].iov_len;
    if (mem_copy_in(m, buf + done, iov[k].iov_base, n))
      return sys_efault_or_ebadf(fd);
    done += n;
  }
  return sys_ret(off < 0 ? write(fd, buf, total) : pwrite(fd, buf, total, off));
}

int64_t sys_readv(struct Machine *m, uint64_t a[6]) {
  return sys_do_readv(m, a, -1);
}

int64_t sys_writev(struct Machine *m, uint64_t a[6]) {
  return sys_do_writev(m, a, -1);
}

/* On x86-64 the whole offset is in the fourth argument. */
int64_t sys_preadv(struct Machine *m, uint64_t a[6]) {
  if ((int64_t)a[3] < 0) return -L_EINVAL;
  return sys_do_readv(m, a, (int64_t)a[3]);
}

int64_t sys_pwritev(struct Machine *m, uint64_t a[6]) {
  if ((int64_t)a[3] < 0) return -L_EINVAL;
  return sys_do_writev(m, a, (int64_t)a[3]);
}

/* The v2 forms: offset -1 is the file position; RWF_* flags other than
 * none are hints we cannot honour through a plain host read. */
int64_t sys_preadv2(struct Machine *m, uint64_t a[6]) {
  if ((int64_t)a[3] < -1) return -L_EINVAL;
  if (a[5]) return -95; /* EOPNOTSUPP */
  return sys_do_readv(m, a, (int64_t)a[3]);
}

int64_t sys_pwritev2(struct Machine *m, uint64_t a[6]) {
  if ((int64_t)a[3] < -1) return -L_EINVAL;
  if (a[5]) return -95; /* EOPNOTSUPP */
  return sys_do_writev(m, a, (int64_t)a[3]);
}

/* /proc/self/maps: the host's would describe the emulator. Build the
 * guest's from its page tables into an anonymous file. */
struct MapsCtx {
  struct Machine *m;
  int fd;
};

static void sys_maps_piece(struct MapsCtx *c, uint64_t va, uint64_t end,
                           int prot) {
  struct Sys *s = c->m->sys;
  const char *name = "";
  uint64_t heap_end = s ? (s->brk + PAGE_MASK) & ~PAGE_MASK : 0;
  if (s && va < s->stack_top && end > s->stack_top - s->stack_size)
    name = "[stack]";
  else if (s && va >= s->brk_start && va < heap_end)
    name = "[heap]";
  uint64_t next;
  const struct SysFileMap *f = s ? sys_filemap_at(s, va, &next) : NULL;
  if (f) name = s->fpaths[f->path];
  char line[PATH_MAX + 128];
  int n = snprintf(line, sizeof(line),
                   "%08llx-%08llx %c%c%c%c %08llx %02x:%02x %llu",
                   (unsigned long long)va, (unsigned long long)end,
                   (prot & MPROT_READ) ? 'r' : '-',
                   (prot & MPROT_WRITE) ? 'w' : '-',
                   (prot & MPROT_EXEC) ? 'x' : '-', f && f->shared ? 's' : 'p',
                   f ? (unsigned long long)(f->off + (va - f->va)) : 0ull,
                   f ? f->dev_major : 0, f ? f->dev_minor : 0,
                   f ? (unsigned long long)f->ino : 0ull);
  if (*name) n += snprintf(line + n, sizeof(line) - (size_t)n, "%*s%s",
                           n < 73 ? 73 - n : 1, "", name);
  n += snprintf(line + n, sizeof(line) - (size_t)n, "\n");
  if (write(c->fd, line, (size_t)n) < 0) return;
}

/* A run of pages with one protection, split where the heap and stack
 * begin and end so that each piece gets its name. */
static void sys_maps_line(void *arg, uint64_t va, uint64_t len, int prot) {
  struct MapsCtx *c = arg;
  struct Sys *s = c->m->sys;
  uint64_t end = va + len;
  uint64_t cut[4] = {0, 0, 0, 0};
  if (s) {
    cut[0] = s->brk_start;
    cut[1] = (s->brk + PAGE_MASK) & ~PAGE_MASK;
    cut[2] = s->stack_top - s->stack_size;
    cut[3] = s->stack_top;
  }
  while (va < end) {
    uint64_t next = end;
    for (int k = 0; k < 4; ++k)
      if (cut[k] > va && cut[k] < next) next = cut[k];
    uint64_t fnext;
    if (s) {
      sys_filemap_at(s, va, &fnext);  /* a file mapping begins or ends */
      if (fnext > va && fnext < next) next = fnext;
    }
    sys_maps_piece(c, va, next, prot);
    va = next;
  }
}

/* Which of the process files we make up p names, or 0: 1 maps,
 * 2 cmdline, 3 environ, 4 auxv, 5 cpuinfo. */
static int sys_proc_file(const char *p, int pid) {
  if (!strcmp(p, "/proc/cpuinfo")) return 5;
  static const char *const names[] = {"maps", "cmdline", "environ", "auxv"};
  char self[64];
  const char *rest = NULL;
  int n = snprintf(self, sizeof(self), "/proc/%d/", pid);
  if (!strncmp(p, "/proc/self/", 11)) rest = p + 11;
  else if (!strncmp(p, "/proc/thread-self/", 18)) rest = p + 18;
  else if (!strncmp(p, self, (size_t)n)) rest = p + n;
  if (!rest) return 0;
  for (int k = 0; k < 4; ++k)
    if (!strcmp(rest, names[k])) return k + 1;
  return 0;
}

/* The host's versions would describe the emulator: build the guest's
 * into an anonymous file, reading its memory now as Linux does. */
static int64_t sys_open_proc(struct Machine *m, int which, int flags) {
  static const char *const names[] = {"maps", "cmdline", "environ", "auxv",
                                      "cpuinfo"};
  struct Sys *s = m->sys;
  int fd = memfd_create(names[which - 1], (flags & O_CLOEXEC) ? MFD_CLOEXEC : 0);
  if (fd < 0) return -sys_errno(errno);
  if (which == 1) {
    struct MapsCtx c = {m, fd};
    mem_each_region(m, sys_maps_line, &c);
  } else if (which == 5) {
    int dupfd = dup(fd);
    FILE *f = dupfd < 0 ? NULL : fdopen(dupfd, "w");
    if (!f && dupfd >= 0) close(dupfd);
    if (f) {
      sys_cpuinfo_write(f);
      fclose(f);
    }
  } else {
    uint64_t va = which == 2 ? s->arg_start : which == 3 ? s->env_start : s->auxv;
    uint64_t n = which == 2   ? s->arg_end - s->arg_start
                 : which == 3 ? s->env_end - s->env_start
                              : s->auxv_len;
    uint8_t chunk[4096];
    while (n) {
      size_t c = n < sizeof(chunk) ? (size_t)n : sizeof(chunk);
      if (mem_copy_in(m, chunk, va, c) || write(fd, chunk, c) < 0) break;
      va += c;
      n -= c;
    }
  }
  lseek(fd, 0, SEEK_SET);
  return fd;
}

int64_t sys_openat(struct Machine *m, uint64_t a[6]) {
  int p_err;
  char *p = ((int)a[2] & O_NOFOLLOW) ? sys_path_in(m, a[1], &p_err)
                                     : sys_path_in_follow(m, a[1], &p_err);
  if (!p) return p_err;
  int which = m->sys ? sys_proc_file(p, m->sys->pid) : 0;
  if (which) {
    free(p);
    if ((int)a[2] & (O_WRONLY | O_RDWR)) return -L_EACCES;
    return sys_open_proc(m, which, (int)a[2]);
  }
  int64_t r = sys_ret(syscall(__NR_openat, (int)a[0], p, (int)a[2], (int)a[3]));
  free(p);
  return r;
}

int64_t sys_open(struct Machine *m, uint64_t a[6]) {
  uint64_t b[6] = {(uint64_t)(int64_t)L_AT_FDCWD, a[0], a[1], a[2], 0, 0};
  return sys_openat(m, b);
}

int64_t sys_creat(struct Machine *m, uint64_t a[6]) {
  uint64_t b[6] = {(uint64_t)(int64_t)L_AT_FDCWD, a[0],
                   O_CREAT | O_WRONLY | O_TRUNC, a[1], 0, 0};
  return sys_openat(m, b);
}

int64_t sys_close(struct Machine *m, uint64_t a[6]) {
  (void)m;
  if (sys_fd_reserved((int)a[0])) return -L_EBADF;
  return sys_ret(close((int)a[0]));
}

int64_t sys_lseek(struct Machine *m, uint64_t a[6]) {
  (void)m;
  if (sys_fd_reserved((int)a[0])) return -L_EBADF;
  return sys_ret(lseek((int)a[0], (off_t)a[1], (int)a[2]));
}

int64_t sys_faccessat2(struct Machine *m, uint64_t a[6]) {
  int p_err;
  char *p = ((int)a[3] & L_AT_SYMLINK_NOFOLLOW)
                ? sys_path_in(m, a[1], &p_err)
                : sys_path_in_follow(m, a[1], &p_err);
  if (!p) return p_err;
  int64_t r = sys_ret(syscall(__NR_faccessat2, (int)a[0], p, (int)a[2], (int)a[3]));
  free(p);
  return r;
}

int64_t sys_faccessat(struct Machine *m, uint64_t a[6]) {
  int p_err;
  char *p = sys_path_in_follow(m, a[1], &p_err);  /* access follows links */
  if (!p) return p_err;
  int64_t r = sys_ret(syscall(__NR_faccessat, (int)a[0], p, (int)a[2]));
  free(p);
  return r;
}

int64_t sys_access(struct Machine *m, uint64_t a[6]) {
  uint64_t b[6] = {(uint64_t)(int64_t)L_AT_FDCWD, a[0], a[1], 0, 0, 0};
  return sys_faccessat(m, b);
}

int64_t sys_readlinkat(struct Machine *m, uint64_t a[6]) {
  int dirfd = (int)a[0];
  int64_t size = (int)a[3];
  int err;
  char *p = mem_strdup_in(m, a[1], PATH_MAX, &err);
  if (!p) return err;
  if (size <= 0) {
    free(p);
    return -L_EINVAL;
  }
  char target[PATH_MAX];
  int64_t n;
  /* The host's /proc/self/exe is the emulator; the guest means itself. */
  if (p[0] == '/' && m->sys && sys_is_self_exe(p, m->sys->pid)) {
    n = (int64_t)strlen(m->sys->exe);
    memcpy(target, m->sys->exe, (size_t)n);
  } else {
    char host[PATH_MAX];
    int rc = sys_host_path(p, host, sizeof(host));
    n = rc < 0 ? rc : sys_ret(readlinkat(dirfd, host, target, sizeof(target)));
    /* Under -C, /proc's links (fd/N, cwd) name host files: show the
     * guest's names for those inside the root. */
    if (n > 0 && (size_t)n < sizeof(target) && sys_chroot_dir() &&
        !strncmp(host, "/proc/", 6)) {
      char guest[PATH_MAX];
      target[n] = 0;
      if (!sys_guest_path(target, guest, sizeof(guest))) {
        n = (int64_t)strlen(guest);
        memcpy(target, guest, (size_t)n);
      }
    }
  }
  free(p);
  if (n < 0) return n;
  if (n > size) n = size;
  if (mem_copy_out(m, a[2], target, (size_t)n)) return -L_EFAULT;
  return n;
}

int64_t sys_readlink(struct Machine *m, uint64_t a[6]) {
  uint64_t b[6] = {(uint64_t)(int64_t)L_AT_FDCWD, a[0], a[1], a[2], 0, 0};
  return sys_readlinkat(m, b);
}

int64_t sys_getcwd(struct Machine *m, uint64_t a[6]) {
  char host[PATH_MAX], buf[PATH_MAX];
  if (!getcwd(host, sizeof(host))) return -sys_errno(errno);
  /* Under -C the guest's / is the root directory: strip it. */
  if (!sys_chroot_dir() || sys_guest_path(host, buf, sizeof(buf)))
    memcpy(buf, host, strlen(host) + 1);
  size_t n = strlen(buf) + 1;
  if (n > a[1]) return -L_ERANGE;
  if (mem_copy_out(m, a[0], buf, n)) return -L_EFAULT;
  return (int64_t)n;
}

int64_t sys_chdir(struct Machine *m, uint64_t a[6]) {
  int p_err;
  char *p = sys_path_in_follow(m, a[0], &p_err);
  if (!p) return p_err;
  int64_t r = sys_ret(chdir(p));
  free(p);
  return r;
}

int64_t sys_fchdir(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return sys_ret(fchdir((int)a[0]));
}

int64_t sys_mkdirat(struct Machine *m, uint64_t a[6]) {
  PATH_IN(p, a[1]);
  int64_t r = sys_ret(mkdirat((int)a[0], p, (mode_t)a[2]));
  free(p);
  return r;
}

int64_t sys_mkdir(struct Machine *m, uint64_t a[6]) {
  uint64_t b[6] = {(uint64_t)(int64_t)L_AT_FDCWD, a[0], a[1], 0, 0, 0};
  return sys_mkdirat(m, b);
}

int64_t sys_unlinkat(struct Machine *m, uint64_t a[6]) {
  PATH_IN(p, a[1]);
  int64_t r = sys_ret(unlinkat((int)a[0], p, (int)a[2]));
  free(p);
  return r;
}

int64_t sys_unlink(struct Machine *m, uint64_t a[6]) {
  uint64_t b[6] = {(uint64_t)(int64_t)L_AT_FDCWD, a[0], 0, 0, 0, 0};
  return sys_unlinkat(m, b);
}

int64_t sys_rmdir(struct Machine *m, uint64_t a[6]) {
  uint64_t b[6] = {(uint64_t)(int64_t)L_AT_FDCWD, a[0], AT_REMOVEDIR, 0, 0, 0};
  return sys_unlinkat(m, b);
}

int64_t sys_renameat2(struct Machine *m, uint64_t a[6]) {
  PATH_IN(p, a[1]);
  int err;
  char *q = sys_path_in(m, a[3], &err);
  if (!q) {
    free(p);
    return err;
  }
  int64_t r = sys_ret(syscall(__NR_renameat2, (int)a[0], p, (int)a[2], q,
                              (unsigned)a[4]));
  free(p);
  free(q);
  return r;
}

int64_t sys_renameat(struct Machine *m, uint64_t a[6]) {
  uint64_t b[6] = {a[0], a[1], a[2], a[3], 0, 0};
  return sys_renameat2(m, b);
}

int64_t sys_rename(struct Machine *m, uint64_t a[6]) {
  uint64_t b[6] = {(uint64_t)(int64_t)L_AT_FDCWD, a[0],
                   (uint64_t)(int64_t)L_AT_FDCWD, a[1], 0, 0};
  return sys_renameat2(m, b);
}

int64_t sys_linkat(struct Machine *m, uint64_t a[6]) {
  PATH_IN(p, a[1]);
  int err;
  char *q = sys_path_in(m, a[3], &err);
  if (!q) {
    free(p);
    return err;
  }
  int64_t r = sys_ret(linkat((int)a[0], p, (int)a[2], q, (int)a[4]));
  free(p);
  free(q);
  return r;
}

int64_t sys_link(struct Machine *m, uint64_t a[6]) {
  uint64_t b[6] = {(uint64_t)(int64_t)L_AT_FDCWD, a[0],
                   (uint64_t)(int64_t)L_AT_FDCWD, a[1], 0, 0};
  return sys_linkat(m, b);
}

int64_t sys_symlinkat(struct Machine *m, uint64_t a[6]) {
  int err;
  /* The target is stored as text, not resolved: no /proc rewriting. */
  char *target = mem_strdup_in(m, a[0], PATH_MAX, &err);
  if (!target) return err;
  char *p = sys_path_in(m, a[2], &err);
  if (!p) {
    free(target);
    return err;
  }
  int64_t r = sys_ret(symlinkat(target, (int)a[1], p));
  free(target);
  free(p);
  return r;
}

int64_t sys_symlink(struct Machine *m, uint64_t a[6]) {
  uint64_t b[6] = {a[0], (uint64_t)(int64_t)L_AT_FDCWD, a[1], 0, 0, 0};
  return sys_symlinkat(m, b);
}

int64_t sys_fchmodat(struct Machine *m, uint64_t a[6]) {
  PATH_IN(p, a[1]);
  int64_t r = sys_ret(syscall(__NR_fchmodat, (int)a[0], p, (mode_t)a[2]));
  free(p);
  return r;
}

int64_t sys_chmod(struct Machine *m, uint64_t a[6]) {
  uint64_t b[6] = {(uint64_t)(int64_t)L_AT_FDCWD, a[0], a[1], 0, 0, 0};
  return sys_fchmodat(m, b);
}

int64_t sys_fchmod(struct Machine *m, uint64_t a[6]) {
  (void)m;
  if (sys_fd_reserved((int)a[0])) return -L_EBADF;
  return sys_ret(fchmod((int)a[0], (mode_t)a[1]));
}

int64_t sys_truncate(struct Machine *m, uint64_t a[6]) {
  PATH_IN(p, a[0]);
  int64_t r = sys_ret(truncate(p, (off_t)a[1]));
  free(p);
  return r;
}

int64_t sys_ftruncate(struct Machine *m, uint64_t a[6]) {
  (void)m;
  if (sys_fd_reserved((int)a[0])) return -L_EBADF;
  return sys_ret(ftruncate((int)a[0], (off_t)a[1]));
}

int64_t sys_fsync(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return sys_ret(fsync((int)a[0]));
}

int64_t sys_fdatasync(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return sys_ret(fdatasync((int)a[0]));
}

int64_t sys_fadvise64(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return sys_ret(syscall(__NR_fadvise64, (int)a[0], (off_t)a[1], (off_t)a[2],
                         (int)a[3]));
}

int64_t sys_umask(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return umask((mode_t)(a[0] & 0777));
}

int64_t sys_utimensat(struct Machine *m, uint64_t a[6]) {
  struct linux_timespec ts[2];
  if (a[2] && mem_copy_in(m, ts, a[2], sizeof(ts))) return -L_EFAULT;
  char *p = NULL;
  if (a[1]) {
    int err;
    p = sys_path_in(m, a[1], &err);
    if (!p) return err;
  }
  /* linux_timespec is the kernel's; hand it to the kernel as is. */
  int64_t r = sys_ret(syscall(__NR_utimensat, (int)a[0], p, a[2] ? ts : NULL,
                              (int)a[3]));
  free(p);
  return r;
}

int64_t sys_dup(struct Machine *m, uint64_t a[6]) {
  (void)m;
  if (sys_fd_reserved((int)a[0])) return -L_EBADF;
  return sys_ret(dup((int)a[0]));
}

int64_t sys_dup3(struct Machine *m, uint64_t a[6]) {
  (void)m;
  if (sys_fd_reserved((int)a[0]) || sys_fd_reserved((int)a[1])) return -L_EBADF;
  return sys_ret(syscall(__NR_dup3, (int)a[0], (int)a[1], (int)a[2]));
}

int64_t sys_dup2(struct Machine *m, uint64_t a[6]) {
  (void)m;
  if (sys_fd_reserved((int)a[0]) || sys_fd_reserved((int)a[1])) return -L_EBADF;
  return sys_ret(dup2((int)a[0], (int)a[1]));
}

int64_t sys_pipe2(struct Machine *m, uint64_t a[6]) {
  int fds[2];
  if (pipe2(fds, (int)a[1])) return -sys_errno(errno);
  int32_t out[2] = {fds[0], fds[1]};
  if (mem_copy_out(m, a[0], out, sizeof(out))) {
    close(fds[0]);
    close(fds[1]);
    return -L_EFAULT;
  }
  return 0;
}

int64_t sys_pipe(struct Machine *m, uint64_t a[6]) {
  uint64_t b[6] = {a[0], 0, 0, 0, 0, 0};
  return sys_pipe2(m, b);
}

int64_t sys_fcntl(struct Machine *m, uint64_t a[6]) {
  int fd = (int)a[0], cmd = (int)a[1];
  if (sys_fd_reserved(fd)) return -L_EBADF;
  switch (cmd) {
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
    case F_OFD_GETLK:
    case F_OFD_SETLK:
    case F_OFD_SETLKW: {
      /* struct flock is the same on the host kernel; copy it through
       * the guest layout all the same. */
      struct linux_flock lf;
      if (mem_copy_in(m, &lf, a[2], sizeof(lf))) return -L_EFAULT;
      struct flock fl;
      memset(&fl, 0, sizeof(fl));
      fl.l_type = lf.l_type;
      fl.l_whence = lf.l_whence;
      fl.l_start = lf.l_start;
      fl.l_len = lf.l_len;
      fl.l_pid = lf.l_pid;
      if (fcntl(fd, cmd, &fl) < 0) return -sys_errno(errno);
      if (cmd == F_GETLK || cmd == F_OFD_GETLK) {
        lf.l_type = fl.l_type;
        lf.l_whence = fl.l_whence;
        lf.l_start = fl.l_start;
        lf.l_len = fl.l_len;
        lf.l_pid = fl.l_pid;
        if (mem_copy_out(m, a[2], &lf, sizeof(lf))) return -L_EFAULT;
      }
      return 0;
    }
    case F_DUPFD:
    case F_DUPFD_CLOEXEC:
    case F_GETFD:
    case F_SETFD:
    case F_GETFL:
    case F_SETFL:
    case F_GETOWN:
    case F_SETOWN:
    case F_GETSIG:
    case F_SETSIG:
    case F_GETLEASE:
    case F_SETLEASE:
    case F_NOTIFY:
    case F_GETPIPE_SZ:
    case F_SETPIPE_SZ:
    case F_ADD_SEALS:
    case F_GET_SEALS:
      return sys_ret(fcntl(fd, cmd, (long)a[2]));
    default:
      blog_once("fcntl cmd", "fcntl command %d is not supported", cmd);
      return -L_EINVAL;
  }
}

int64_t sys_ioctl(struct Machine *m, uint64_t a[6]) {
  int fd = (int)a[0];
  unsigned req = (unsigned)a[1];
  if (sys_fd_reserved(fd)) return -L_EBADF;
  switch (req) {
    case L_TCGETS: {
      struct linux_termios t;  /* the kernel's layout, which TCGETS fills */
      memset(&t, 0, sizeof(t));
      if (ioctl(fd, TCGETS, &t) < 0) return -sys_errno(errno);
      if (mem_copy_out(m, a[2], &t, sizeof(t))) return -L_EFAULT;
      return 0;
    }
    case L_TCSETS:
    case L_TCSETSW:
    case L_TCSETSF: {
      struct linux_termios t;
      if (mem_copy_in(m, &t, a[2], sizeof(t))) return -L_EFAULT;
      return sys_ret(ioctl(fd, req, &t));
    }
    case L_TIOCGWINSZ: {
      struct linux_winsize ws;
      memset(&ws, 0, sizeof(ws));
      if (ioctl(fd, TIOCGWINSZ, &ws) < 0) return -sys_errno(errno);
      if (mem_copy_out(m, a[2], &ws, sizeof(ws))) return -L_EFAULT;
      return 0;
    }
    case L_TIOCSWINSZ: {
      struct linux_winsize ws;
      if (mem_copy_in(m, &ws, a[2], sizeof(ws))) return -L_EFAULT;
      return sys_ret(ioctl(fd, TIOCSWINSZ, &ws));
    }
    case L_TIOCGPGRP:
    case L_FIONREAD: {
      int32_t v = 0;
      if (ioctl(fd, req, &v) < 0) return -sys_errno(errno);
      if (mem_copy_out(m, a[2], &v, sizeof(v))) return -L_EFAULT;
      return 0;
    }
    case L_TIOCSPGRP:
    case L_FIONBIO: {
      int32_t v;
      if (mem_copy_in(m, &v, a[2], sizeof(v))) return -L_EFAULT;
      return sys_ret(ioctl(fd, req, &v));
    }
    case L_FIOCLEX:
    case L_FIONCLEX:
      return sys_ret(ioctl(fd, req));
    default:
      if (fcntl(fd, F_GETFD) < 0) return -sys_errno(errno);
      {
        char key[32];
        snprintf(key, sizeof(key), "ioctl %#x", req);
        blog_once(key, "ioctl request %#x is not supported: -ENOTTY", req);
      }
      return -L_ENOTTY;
  }
}

int64_t sys_getdents64(struct Machine *m, uint64_t a[6]) {
  int fd = (int)a[0];
  uint64_t n = (unsigned)a[2];
  if (sys_fd_reserved(fd)) return -L_EBADF;
  if (n > SYS_IO_MAX) n = SYS_IO_MAX;
  if (!sys_range_ok(m, a[1], n, MPROT_WRITE)) return sys_efault_or_ebadf(fd);
  void *buf = sys_buffer(n ? n : 1);
  if (!buf) return -L_ENOMEM;
  /* linux_dirent64 records are the kernel's own format: pass through. */
  int64_t r = sys_ret(syscall(__NR_getdents64, fd, buf, (size_t)n));
  if (r > 0 && mem_copy_out(m, a[1], buf, (size_t)r)) return -L_EFAULT;
  return r;
}

int64_t sys_poll(struct Machine *m, uint64_t a[6]) {
  uint64_t nfds = a[1];
  if (nfds > 4096) return -L_EINVAL;
  struct linux_pollfd fds[nfds ? nfds : 1];
  if (nfds && mem_copy_in(m, fds, a[0], nfds * sizeof(fds[0]))) return -L_EFAULT;
  for (uint64_t k = 0; k < nfds; ++k)
    if (sys_fd_reserved(fds[k].fd)) fds[k].fd = -1 - fds[k].fd;
  /* A timeout the front end's hook already waited out is not waited
   * again (sys_waited). */
  int64_t r = sys_ret(syscall(__NR_poll, fds, (unsigned long)nfds,
                              sys_waited(m) ? 0 : (int)a[2]));
  for (uint64_t k = 0; k < nfds; ++k)
    if (fds[k].fd < -1 && sys_fd_reserved(-1 - fds[k].fd)) {
      fds[k].fd = -1 - fds[k].fd;
      fds[k].revents = 0x20; /* POLLNVAL: not the guest's descriptor */
      if (r >= 0) ++r;
    }
  if (r >= 0 && nfds && mem_copy_out(m, a[0], fds, nfds * sizeof(fds[0])))
    return -L_EFAULT;
  return r;
}

int64_t sys_fchownat(struct Machine *m, uint64_t a[6]) {
  PATH_IN(p, a[1]);
  int64_t r = sys_ret(fchownat((int)a[0], p, (uid_t)a[2], (gid_t)a[3], (int)a[4]));
  free(p);
  return r;
}

int64_t sys_chown(struct Machine *m, uint64_t a[6]) {
  uint64_t b[6] = {(uint64_t)(int64_t)L_AT_FDCWD, a[0], a[1], a[2], 0, 0};
  return sys_fchownat(m, b);
}

int64_t sys_lchown(struct Machine *m, uint64_t a[6]) {
  uint64_t b[6] = {(uint64_t)(int64_t)L_AT_FDCWD, a[0], a[1], a[2],
                   L_AT_SYMLINK_NOFOLLOW, 0};
  return sys_fchownat(m, b);
}

int64_t sys_fchown(struct Machine *m, uint64_t a[6]) {
  (void)m;
  if (sys_fd_reserved((int)a[0])) return -L_EBADF;
  return sys_ret(fchown((int)a[0], (uid_t)a[1], (gid_t)a[2]));
}

int64_t sys_sync(struct Machine *m, uint64_t a[6]) {
  (void)m;
  (void)a;
  sync();
  return 0;
}

int64_t sys_flock(struct Machine *m, uint64_t a[6]) {
  (void)m;
  if (sys_fd_reserved((int)a[0])) return -L_EBADF;
  return sys_ret(flock((int)a[0], (int)a[1]));
}

int64_t sys_fallocate(struct Machine *m, uint64_t a[6]) {
  (void)m;
  if (sys_fd_reserved((int)a[0])) return -L_EBADF;
  return sys_ret(syscall(__NR_fallocate, (int)a[0], (int)a[1], (off_t)a[2],
                         (off_t)a[3]));
}

int64_t sys_memfd_create(struct Machine *m, uint64_t a[6]) {
  int err;
  char *name = mem_strdup_in(m, a[0], 250, &err);
  if (!name) return err == -L_ENAMETOOLONG ? -L_EINVAL : err;
  int64_t r = sys_ret(syscall(__NR_memfd_create, name, (unsigned)a[1]));
  free(name);
  return r;
}

/* Descriptor to descriptor: only the offset lives in guest memory. */
int64_t sys_sendfile(struct Machine *m, uint64_t a[6]) {
  int out = (int)a[0], in = (int)a[1];
  if (sys_fd_reserved(out) || sys_fd_reserved(in)) return -L_EBADF;
  int64_t off;
  if (a[2] && mem_copy_in(m, &off, a[2], 8)) return -L_EFAULT;
  int64_t r = sys_ret(syscall(__NR_sendfile, out, in, a[2] ? &off : NULL,
                              (size_t)a[3]));
  if (r >= 0 && a[2] && mem_copy_out(m, a[2], &off, 8)) return -L_EFAULT;
  return r;
}

/* select's fd_set: 1024 bits; Linux copies only the longs nfds needs. */
#define SYS_FDSET_BYTES 128

static int64_t sys_select_common(struct Machine *m, uint64_t a[6],
                                 int is_pselect) {
  int nfds = (int)a[0];
  if (nfds < 0 || nfds > 1024) return -L_EINVAL;
  size_t bytes = (size_t)(nfds + 63) / 64 * 8;
  uint8_t sets[3][SYS_FDSET_BYTES];
  memset(sets, 0, sizeof(sets));
  for (int k = 0; k < 3; ++k)
    if (a[1 + k] && bytes && mem_copy_in(m, sets[k], a[1 + k], bytes))
      return -L_EFAULT;
  union {
    struct linux_timeval tv;
    struct linux_timespec ts;
  } t;
  size_t tsize = is_pselect ? sizeof(t.ts) : sizeof(t.tv);
  if (a[4] && mem_copy_in(m, &t, a[4], tsize)) return -L_EFAULT;
  if (a[4] && sys_waited(m)) memset(&t, 0, sizeof(t));
  int64_t r;
  if (is_pselect)  /* the signal mask argument waits for signal delivery */
    r = sys_ret(syscall(__NR_pselect6, nfds, a[1] ? sets[0] : NULL,
                        a[2] ? sets[1] : NULL, a[3] ? sets[2] : NULL,
                        a[4] ? &t.ts : NULL, NULL));
  else
    r = sys_ret(syscall(__NR_select, nfds, a[1] ? sets[0] : NULL,
                        a[2] ? sets[1] : NULL, a[3] ? sets[2] : NULL,
                        a[4] ? &t.tv : NULL));
  if (r < 0 && r != -L_EINTR) return r;
  for (int k = 0; k < 3; ++k)
    if (r >= 0 && a[1 + k] && bytes && mem_copy_out(m, a[1 + k], sets[k], bytes))
      return -L_EFAULT;
  if (a[4] && mem_copy_out(m, a[4], &t, tsize) && r >= 0) return -L_EFAULT;
  return r;
}

int64_t sys_select(struct Machine *m, uint64_t a[6]) {
  return sys_select_common(m, a, 0);
}

int64_t sys_pselect6(struct Machine *m, uint64_t a[6]) {
  return sys_select_common(m, a, 1);
}

int64_t sys_ppoll(struct Machine *m, uint64_t a[6]) {
  uint64_t nfds = a[1];
  if (nfds > 4096) return -L_EINVAL;
  struct linux_pollfd fds[nfds ? nfds : 1];
  if (nfds && mem_copy_in(m, fds, a[0], nfds * sizeof(fds[0]))) return -L_EFAULT;
  struct linux_timespec ts;
  if (a[2] && mem_copy_in(m, &ts, a[2], sizeof(ts))) return -L_EFAULT;
  if (a[2] && sys_waited(m)) memset(&ts, 0, sizeof(ts));
  int reserved = -1;
  for (uint64_t k = 0; k < nfds; ++k)
    if (sys_fd_reserved(fds[k].fd)) {
      reserved = fds[k].fd;
      fds[k].fd = -1;  /* not the guest's: poll nothing there */
    }
  int64_t r = sys_ret(syscall(__NR_ppoll, fds, (unsigned long)nfds,
                              a[2] ? &ts : NULL, NULL, 8));
  for (uint64_t k = 0; reserved >= 0 && k < nfds; ++k)
    if (fds[k].fd == -1) {
      int32_t orig;
      if (!mem_copy_in(m, &orig, a[0] + k * sizeof(fds[0]), 4) &&
          orig == reserved) {
        fds[k].fd = orig;
        fds[k].revents = 0x20; /* POLLNVAL */
        if (r >= 0) ++r;
      }
    }
  if (r >= 0 && nfds && mem_copy_out(m, a[0], fds, nfds * sizeof(fds[0])))
    return -L_EFAULT;
  if (a[2] && (r >= 0 || r == -L_EINTR)) mem_copy_out(m, a[2], &ts, sizeof(ts));
  return r;
}
