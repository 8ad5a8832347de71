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
    case F_GETOWN_EX:
    case F_SETOWN_EX: {
      /* struct f_owner_ex: int type, int pid (8 bytes) on both sides. */
      int32_t g[2];
      if (cmd == F_SETOWN_EX && mem_copy_in(m, g, a[2], sizeof(g))) return -L_EFAULT;
      struct f_owner_ex o = {cmd == F_SETOWN_EX ? g[0] : 0,
                             cmd == F_SETOWN_EX ? g[1] : 0};
      if (fcntl(fd, cmd, &o) < 0) return -sys_errno(errno);
      if (cmd == F_GETOWN_EX) {
        g[0] = o.type;
        g[1] = o.pid;
        if (mem_copy_out(m, a[2], g, sizeof(g))) return -L_EFAULT;
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
      return sys_unsupported("fcntl", "command", (uint32_t)cmd, L_EINVAL, NULL);
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
  sigset_t hset, *hsetp = NULL;
  struct { sigset_t *ss; size_t len; } hsm = {NULL, 8};
  if (is_pselect && a[5]) {
    /* {const sigset_t *ss; size_t ss_len}: the mask for the wait
     * (signal.c sig_mask_begin). */
    uint64_t sm[2];
    if (mem_copy_in(m, sm, a[5], sizeof(sm))) return -L_EFAULT;
    int e = sig_mask_begin(m, sm[0], sm[1], &hset, &hsetp);
    if (e < 0) return e;
    hsm.ss = hsetp;
    if (e > 0) {
      sig_mask_end(m, -L_EINTR);
      return -L_EINTR;
    }
  }
  if (a[4] && sys_waited(m)) memset(&t, 0, sizeof(t));
  int64_t r;
  if (is_pselect) { /* the guest's mask during the wait, on the host */
    r = sys_ret(syscall(__NR_pselect6, nfds, a[1] ? sets[0] : NULL,
                        a[2] ? sets[1] : NULL, a[3] ? sets[2] : NULL,
                        a[4] ? &t.ts : NULL, hsetp ? &hsm : NULL));
    if (hsetp) sig_mask_end(m, r);
  } else
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
  if (a[3] && a[4] != 8) return -L_EINVAL;
  if (a[2] && sys_waited(m)) memset(&ts, 0, sizeof(ts));
  /* The guest's mask for the wait, on the host (signal.c). */
  sigset_t hset, *hsetp = NULL;
  int e = sig_mask_begin(m, a[3], a[4], &hset, &hsetp);
  if (e < 0) return e;
  if (e > 0) {
    sig_mask_end(m, -L_EINTR);
    return -L_EINTR;
  }
  int reserved = -1;
  for (uint64_t k = 0; k < nfds; ++k)
    if (sys_fd_reserved(fds[k].fd)) {
      reserved = fds[k].fd;
      fds[k].fd = -1;  /* not the guest's: poll nothing there */
    }
  int64_t r = sys_ret(syscall(__NR_ppoll, fds, (unsigned long)nfds,
                              a[2] ? &ts : NULL, hsetp, 8));
  if (hsetp) sig_mask_end(m, r);
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

/* The loff_t a splice-family call may take by pointer: copied in, used,
 * and copied back when the call moved data. */
static int sys_off_in(struct Machine *m, uint64_t va, int64_t *off) {
  return va && mem_copy_in(m, off, va, 8) ? -L_EFAULT : 0;
}

static int64_t sys_off_out(struct Machine *m, uint64_t va, int64_t *off,
                           int64_t r) {
  if (r >= 0 && va && mem_copy_out(m, va, off, 8)) return -L_EFAULT;
  return r;
}

int64_t sys_splice(struct Machine *m, uint64_t a[6]) {
  int in = (int)a[0], out = (int)a[2];
  if (sys_fd_reserved(in) || sys_fd_reserved(out)) return -L_EBADF;
  int64_t oin = 0, oout = 0;
  if (sys_off_in(m, a[1], &oin) || sys_off_in(m, a[3], &oout)) return -L_EFAULT;
  int64_t r = sys_ret(syscall(__NR_splice, in, a[1] ? &oin : NULL, out,
                              a[3] ? &oout : NULL, (size_t)a[4], (unsigned)a[5]));
  r = sys_off_out(m, a[1], &oin, r);
  return sys_off_out(m, a[3], &oout, r);
}

int64_t sys_tee(struct Machine *m, uint64_t a[6]) {
  (void)m;
  if (sys_fd_reserved((int)a[0]) || sys_fd_reserved((int)a[1])) return -L_EBADF;
  return sys_ret(syscall(__NR_tee, (int)a[0], (int)a[1], (size_t)a[2],
                         (unsigned)a[3]));
}

int64_t sys_copy_file_range(struct Machine *m, uint64_t a[6]) {
  int in = (int)a[0], out = (int)a[2];
  if (sys_fd_reserved(in) || sys_fd_reserved(out)) return -L_EBADF;
  int64_t oin = 0, oout = 0;
  if (sys_off_in(m, a[1], &oin) || sys_off_in(m, a[3], &oout)) return -L_EFAULT;
  int64_t r = sys_ret(syscall(__NR_copy_file_range, in, a[1] ? &oin : NULL,
                              out, a[3] ? &oout : NULL, (size_t)a[4],
                              (unsigned)a[5]));
  r = sys_off_out(m, a[1], &oin, r);
  return sys_off_out(m, a[3], &oout, r);
}

int64_t sys_sync_file_range(struct Machine *m, uint64_t a[6]) {
  (void)m;
  if (sys_fd_reserved((int)a[0])) return -L_EBADF;
  return sys_ret(syscall(__NR_sync_file_range, (int)a[0], (int64_t)a[1],
                         (int64_t)a[2], (unsigned)a[3]));
}

int64_t sys_syncfs(struct Machine *m, uint64_t a[6]) {
  (void)m;
  if (sys_fd_reserved((int)a[0])) return -L_EBADF;
  return sys_ret(syscall(__NR_syncfs, (int)a[0]));
}

/* The device number is the kernel's 32-bit encoding on both sides. */
int64_t sys_mknodat(struct Machine *m, uint64_t a[6]) {
  PATH_IN(p, a[1]);
  int64_t r = sys_ret(syscall(__NR_mknodat, (int)a[0], p, (unsigned)a[2],
                              (unsigned)a[3]));
  free(p);
  return r;
}

int64_t sys_mknod(struct Machine *m, uint64_t a[6]) {
  uint64_t b[6] = {(uint64_t)(int64_t)L_AT_FDCWD, a[0], a[1], a[2], 0, 0};
  return sys_mknodat(m, b);
}

#ifndef __NR_fchmodat2
#define __NR_fchmodat2 452
#endif

int64_t sys_fchmodat2(struct Machine *m, uint64_t a[6]) {
  PATH_IN(p, a[1]);
  int64_t r = sys_ret(syscall(__NR_fchmodat2, (int)a[0], p, (unsigned)a[2],
                              (unsigned)a[3]));
  free(p);
  return r;
}

/* futimesat, utimes and utime as utimensat: timevals (or utimbuf's two
 * seconds) become timespecs; a microsecond out of range is EINVAL. */
static int64_t sys_utimes_common(struct Machine *m, int dirfd, uint64_t path,
                                 uint64_t times, int is_utimbuf) {
  struct linux_timespec ts[2];
  if (times) {
    if (is_utimbuf) {
      int64_t t[2];
      if (mem_copy_in(m, t, times, sizeof(t))) return -L_EFAULT;
      for (int k = 0; k < 2; ++k) ts[k].tv_sec = t[k], ts[k].tv_nsec = 0;
    } else {
      struct linux_timeval tv[2];
      if (mem_copy_in(m, tv, times, sizeof(tv))) return -L_EFAULT;
      for (int k = 0; k < 2; ++k) {
        if (tv[k].tv_usec < 0 || tv[k].tv_usec >= 1000000) return -L_EINVAL;
        ts[k].tv_sec = tv[k].tv_sec;
        ts[k].tv_nsec = tv[k].tv_usec * 1000;
      }
    }
  }
  char *p = NULL;
  if (path) {
    int err;
    p = sys_path_in(m, path, &err);
    if (!p) return err;
  }
  int64_t r = sys_ret(syscall(__NR_utimensat, dirfd, p, times ? ts : NULL, 0));
  free(p);
  return r;
}

int64_t sys_futimesat(struct Machine *m, uint64_t a[6]) {
  return sys_utimes_common(m, (int)a[0], a[1], a[2], 0);
}

int64_t sys_utimes(struct Machine *m, uint64_t a[6]) {
  return sys_utimes_common(m, L_AT_FDCWD, a[0], a[1], 0);
}

int64_t sys_utime(struct Machine *m, uint64_t a[6]) {
  return sys_utimes_common(m, L_AT_FDCWD, a[0], a[1], 1);
}

/* The old getdents: struct linux_dirent (d_type in the last byte of the
 * record) is the kernel's format on x86-64 hosts too: pass through. */
int64_t sys_getdents(struct Machine *m, uint64_t a[6]) {
  int fd = (int)a[0];
  uint64_t n = (unsigned)a[2];
  if (sys_fd_reserved(fd)) return -L_EBADF;
  if (n > SYS_IO_MAX) n = SYS_IO_MAX;
  if (!sys_range_ok(m, a[1], n, MPROT_WRITE)) return sys_efault_or_ebadf(fd);
  void *buf = sys_buffer(n ? n : 1);
  if (!buf) return -L_ENOMEM;
  int64_t r = sys_ret(syscall(__NR_getdents, fd, buf, (size_t)n));
  if (r > 0 && mem_copy_out(m, a[1], buf, (size_t)r)) return -L_EFAULT;
  return r;
}

#ifndef __NR_close_range
#define __NR_close_range 436
#endif
#ifndef __NR_openat2
#define __NR_openat2 437
#endif

/* close_range, around the descriptors the emulator keeps for itself
 * (the log, a front end's terminal): each piece between them goes to the
 * host's close_range, or to a close loop where the host has none. */
static int close_piece(unsigned lo, unsigned hi, unsigned flags) {
  if (lo > hi) return 0;
  if (syscall(__NR_close_range, lo, hi, flags) == 0) return 0;
  if (errno != ENOSYS) return -1;
  if (flags & ~4u) return 0;  /* CLOSE_RANGE_UNSHARE: nothing shared */
  long max = sysconf(_SC_OPEN_MAX);
  for (unsigned fd = lo; fd <= hi && (long)fd < max; ++fd) {
    if (flags & 4) fcntl((int)fd, F_SETFD, FD_CLOEXEC);
    else close((int)fd);
    if (fd == hi) break;
  }
  return 0;
}

int64_t sys_close_range(struct Machine *m, uint64_t a[6]) {
  (void)m;
  unsigned lo = (unsigned)a[0], hi = (unsigned)a[1], flags = (unsigned)a[2];
  if (flags & ~6u || lo > hi) return -L_EINVAL; /* UNSHARE 2, CLOEXEC 4 */
  int cut[SYS_RESERVED_MAX];
  int n = sys_fds_reserved(cut);
  unsigned from = lo;
  for (int k = 0; k < n; ++k) { /* cut is sorted */
    unsigned c = (unsigned)cut[k];
    if (c < from || c > hi) continue;
    if (c > from && close_piece(from, c - 1, flags)) return -sys_errno(errno);
    from = c + 1;
  }
  if (from && from <= hi && close_piece(from, hi, flags)) return -sys_errno(errno);
  return 0;
}

/* openat2: struct open_how is three u64s (flags, mode, resolve); a
 * larger size is a newer struct whose extra bytes must be zero. The
 * made-up /proc files open as openat would open them. */
int64_t sys_openat2(struct Machine *m, uint64_t a[6]) {
  uint64_t how[3];
  uint64_t size = a[3];
  if (size < sizeof(how)) return -L_EINVAL;
  if (size > 4096) return -7; /* E2BIG */
  if (mem_copy_in(m, how, a[2], sizeof(how))) return -L_EFAULT;
  for (uint64_t k = sizeof(how); k < size; ++k) {
    uint8_t b;
    if (mem_copy_in(m, &b, a[2] + k, 1)) return -L_EFAULT;
    if (b) return -7; /* E2BIG */
  }
  PATH_IN(p, a[1]);
  int which = m->sys ? sys_proc_file(p, m->sys->pid) : 0;
  if (which && !how[2]) {
    free(p);
    if (how[0] & (O_WRONLY | O_RDWR)) return -L_EACCES;
    return sys_open_proc(m, which, (int)how[0]);
  }
  int64_t r = sys_ret(syscall(__NR_openat2, (int)a[0], p, how, sizeof(how)));
  free(p);
  return r;
}

int64_t sys_readahead(struct Machine *m, uint64_t a[6]) {
  (void)m;
  if (sys_fd_reserved((int)a[0])) return -L_EBADF;
  return sys_ret(syscall(__NR_readahead, (int)a[0], (int64_t)a[1], (size_t)a[2]));
}

/* vmsplice: guest pages cannot be lent to a host pipe, so the data is
 * copied: into the pipe as writev does (its write end), or out of it as
 * readv does (its read end). SPLICE_F_GIFT is a hint either way. */
int64_t sys_vmsplice(struct Machine *m, uint64_t a[6]) {
  int fd = (int)a[0];
  if (sys_fd_reserved(fd)) return -L_EBADF;
  if (a[3] & ~15ull) return -L_EINVAL;
  struct stat st;
  if (fstat(fd, &st)) return -sys_errno(errno);
  if (!S_ISFIFO(st.st_mode)) return -L_EBADF;
  int fl = fcntl(fd, F_GETFL);
  if (fl < 0) return -sys_errno(errno);
  uint64_t b[6] = {a[0], a[1], a[2], 0, 0, 0};
  if (a[2] > SYS_IOV_MAX) return -L_EINVAL;
  if ((fl & O_ACCMODE) == O_WRONLY) return sys_do_writev(m, b, -1);
  if ((fl & O_ACCMODE) == O_RDONLY) return sys_do_readv(m, b, -1);
  return -L_EBADF;
}
