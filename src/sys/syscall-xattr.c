/* syscall-xattr.c: extended attributes: get, set, list and remove, each
 * in a path form, a no-follow (l) form and a descriptor (f) form.
 *
 * Names are strings, values and name lists are bytes: they go to the
 * host kernel as they are (XATTR_SIZE_MAX, 64 KiB, bounds a value and
 * a list; a bigger size is clamped, which Linux does too). A size of 0
 * asks for the size the value would need. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/xattr.h>

#include "machine.h"
#include "memory.h"
#include "sys.h"
#include "syscall-defs.h"

#define XATTR_MAX 65536
#define XATTR_NAME_MAX 255

enum { X_PATH, X_LINK, X_FD };

/* The target (path or descriptor) and the attribute name. */
struct XTarget {
  int kind, fd;
  char *path;
  char *name;
};

static int64_t x_in(struct Machine *m, int kind, uint64_t target,
                    uint64_t name, struct XTarget *t) {
  int err;
  t->kind = kind;
  t->fd = -1;
  t->path = t->name = NULL;
  if (kind == X_FD) {
    t->fd = (int)target;
    if (sys_fd_reserved(t->fd)) return -L_EBADF;
  } else if (!(t->path = sys_path_in(m, target, &err))) {
    return err;
  }
  if (name && !(t->name = mem_strdup_in(m, name, XATTR_NAME_MAX + 1, &err))) {
    free(t->path);
    return err == -L_ENAMETOOLONG ? -34 /* ERANGE */ : err;
  }
  return 0;
}

static void x_free(struct XTarget *t) {
  free(t->path);
  free(t->name);
}

static int64_t do_get(struct Machine *m, uint64_t a[6], int kind) {
  struct XTarget t;
  int64_t r = x_in(m, kind, a[0], a[1], &t);
  if (r) return r;
  size_t size = a[3] > XATTR_MAX ? XATTR_MAX : (size_t)a[3];
  void *buf = size ? sys_buffer(size) : NULL;
  if (size && !buf) {
    x_free(&t);
    return -L_ENOMEM;
  }
  ssize_t n = kind == X_PATH   ? getxattr(t.path, t.name, buf, size)
              : kind == X_LINK ? lgetxattr(t.path, t.name, buf, size)
                               : fgetxattr(t.fd, t.name, buf, size);
  r = sys_ret(n);
  x_free(&t);
  if (r > 0 && size && mem_copy_out(m, a[2], buf, (size_t)r)) return -L_EFAULT;
  return r;
}

static int64_t do_set(struct Machine *m, uint64_t a[6], int kind) {
  size_t size = (size_t)a[3];
  if (a[3] > XATTR_MAX) return -7; /* E2BIG */
  struct XTarget t;
  int64_t r = x_in(m, kind, a[0], a[1], &t);
  if (r) return r;
  /* The bounce buffer only after the paths are in (path lookup may use
   * it too). */
  void *buf = sys_buffer(size ? size : 1);
  if (!buf || (size && mem_copy_in(m, buf, a[2], size))) {
    x_free(&t);
    return buf ? -L_EFAULT : -L_ENOMEM;
  }
  int flags = (int)a[4];
  int rc = kind == X_PATH   ? setxattr(t.path, t.name, buf, size, flags)
           : kind == X_LINK ? lsetxattr(t.path, t.name, buf, size, flags)
                            : fsetxattr(t.fd, t.name, buf, size, flags);
  r = sys_ret(rc);
  x_free(&t);
  return r;
}

static int64_t do_list(struct Machine *m, uint64_t a[6], int kind) {
  struct XTarget t;
  int64_t r = x_in(m, kind, a[0], 0, &t);
  if (r) return r;
  size_t size = a[2] > XATTR_MAX ? XATTR_MAX : (size_t)a[2];
  void *buf = size ? sys_buffer(size) : NULL;
  if (size && !buf) {
    x_free(&t);
    return -L_ENOMEM;
  }
  ssize_t n = kind == X_PATH   ? listxattr(t.path, buf, size)
              : kind == X_LINK ? llistxattr(t.path, buf, size)
                               : flistxattr(t.fd, buf, size);
  r = sys_ret(n);
  x_free(&t);
  if (r > 0 && size && mem_copy_out(m, a[1], buf, (size_t)r)) return -L_EFAULT;
  return r;
}

static int64_t do_remove(struct Machine *m, uint64_t a[6], int kind) {
  struct XTarget t;
  int64_t r = x_in(m, kind, a[0], a[1], &t);
  if (r) return r;
  int rc = kind == X_PATH   ? removexattr(t.path, t.name)
           : kind == X_LINK ? lremovexattr(t.path, t.name)
                            : fremovexattr(t.fd, t.name);
  r = sys_ret(rc);
  x_free(&t);
  return r;
}

int64_t sys_setxattr(struct Machine *m, uint64_t a[6]) { return do_set(m, a, X_PATH); }
int64_t sys_lsetxattr(struct Machine *m, uint64_t a[6]) { return do_set(m, a, X_LINK); }
int64_t sys_fsetxattr(struct Machine *m, uint64_t a[6]) { return do_set(m, a, X_FD); }
int64_t sys_getxattr(struct Machine *m, uint64_t a[6]) { return do_get(m, a, X_PATH); }
int64_t sys_lgetxattr(struct Machine *m, uint64_t a[6]) { return do_get(m, a, X_LINK); }
int64_t sys_fgetxattr(struct Machine *m, uint64_t a[6]) { return do_get(m, a, X_FD); }
int64_t sys_listxattr(struct Machine *m, uint64_t a[6]) { return do_list(m, a, X_PATH); }
int64_t sys_llistxattr(struct Machine *m, uint64_t a[6]) { return do_list(m, a, X_LINK); }
int64_t sys_flistxattr(struct Machine *m, uint64_t a[6]) { return do_list(m, a, X_FD); }
int64_t sys_removexattr(struct Machine *m, uint64_t a[6]) { return do_remove(m, a, X_PATH); }
int64_t sys_lremovexattr(struct Machine *m, uint64_t a[6]) { return do_remove(m, a, X_LINK); }
int64_t sys_fremovexattr(struct Machine *m, uint64_t a[6]) { return do_remove(m, a, X_FD); }
