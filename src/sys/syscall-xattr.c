/* syscall-xattr.c: extended attributes, read side, passed to the host.
 *
 * ls -l asks for each file's ACL (lgetxattr "system.posix_acl_access")
 * and prints "Function not implemented" for every file when it gets
 * ENOSYS; the host's answers (usually ENODATA or EOPNOTSUPP) are what it
 * expects. Names and values are bytes, the same on both sides. The
 * setting and removing calls stay unimplemented (-ENOSYS, logged once). */
#include <errno.h>
#include <stdlib.h>
#include <sys/xattr.h>
#include <unistd.h>

#include "machine.h"
#include "memory.h"
#include "sys.h"
#include "syscall-defs.h"

#define XATTR_NAME_MAX 255
#define XATTR_SIZE_MAX 65536

enum { X_PATH, X_LINK, X_FD };

static int64_t xattr_get(struct Machine *m, uint64_t a[6], int how) {
  int err;
  char *path = NULL;
  if (how == X_FD) {
    if (sys_fd_reserved((int)a[0])) return -L_EBADF;
  } else if (!(path = sys_path_in(m, a[0], &err))) {
    return err;
  }
  char *name = mem_strdup_in(m, a[1], XATTR_NAME_MAX + 1, &err);
  if (!name) {
    free(path);
    return err;
  }
  size_t size = a[3] > XATTR_SIZE_MAX ? XATTR_SIZE_MAX : (size_t)a[3];
  void *buf = size ? sys_buffer(size) : NULL;
  int64_t r;
  if (size && !buf) r = -L_ENOMEM;
  else if (how == X_PATH) r = sys_ret(getxattr(path, name, buf, size));
  else if (how == X_LINK) r = sys_ret(lgetxattr(path, name, buf, size));
  else r = sys_ret(fgetxattr((int)a[0], name, buf, size));
  free(path);
  free(name);
  if (r > 0 && size && mem_copy_out(m, a[2], buf, (size_t)r)) r = -L_EFAULT;
  return r;
}

static int64_t xattr_list(struct Machine *m, uint64_t a[6], int how) {
  int err;
  char *path = NULL;
  if (how == X_FD) {
    if (sys_fd_reserved((int)a[0])) return -L_EBADF;
  } else if (!(path = sys_path_in(m, a[0], &err))) {
    return err;
  }
  size_t size = a[2] > XATTR_SIZE_MAX ? XATTR_SIZE_MAX : (size_t)a[2];
  char *buf = size ? sys_buffer(size) : NULL;
  int64_t r;
  if (size && !buf) r = -L_ENOMEM;
  else if (how == X_PATH) r = sys_ret(listxattr(path, buf, size));
  else if (how == X_LINK) r = sys_ret(llistxattr(path, buf, size));
  else r = sys_ret(flistxattr((int)a[0], buf, size));
  free(path);
  if (r > 0 && size && mem_copy_out(m, a[1], buf, (size_t)r)) r = -L_EFAULT;
  return r;
}

int64_t sys_getxattr(struct Machine *m, uint64_t a[6]) { return xattr_get(m, a, X_PATH); }
int64_t sys_lgetxattr(struct Machine *m, uint64_t a[6]) { return xattr_get(m, a, X_LINK); }
int64_t sys_fgetxattr(struct Machine *m, uint64_t a[6]) { return xattr_get(m, a, X_FD); }
int64_t sys_listxattr(struct Machine *m, uint64_t a[6]) { return xattr_list(m, a, X_PATH); }
int64_t sys_llistxattr(struct Machine *m, uint64_t a[6]) { return xattr_list(m, a, X_LINK); }
int64_t sys_flistxattr(struct Machine *m, uint64_t a[6]) { return xattr_list(m, a, X_FD); }
