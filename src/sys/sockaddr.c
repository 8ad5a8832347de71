/* sockaddr.c: socket addresses between the guest's layouts (sockaddr.h)
 * and the host's, field by field. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* O_PATH */
#endif
#include "sockaddr.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <unistd.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <netinet/in.h>

#include "machine.h"
#include "memory.h"
#include "sys.h" /* overlays: sys_host_path, sys_guest_path */

int sockaddr_family_in(int f) {
  switch (f) {
    case L_AF_UNSPEC: return AF_UNSPEC;
    case L_AF_UNIX: return AF_UNIX;
    case L_AF_INET: return AF_INET;
    case L_AF_INET6: return AF_INET6;
    default: return -1;
  }
}

/* An absolute AF_UNIX path through the overlays (-C, BLINK_OVERLAYS):
 * the host's path into s->sun_path; returns how many of its bytes the
 * address holds (with the NUL when there is room), or -errno.
 * One that no longer fits sun_path's 108 bytes is reached through its
 * directory, opened into *dirfd: /proc/self/fd/N/NAME (the caller
 * closes it); without dirfd, -EINVAL as Linux gives for a long path. */
static int unix_path_in(const char *guest, struct sockaddr_un *s,
                        int *dirfd) {
  char host[PATH_MAX];
  int rc = sys_host_path(guest, host, sizeof(host));
  if (rc < 0) return rc;
  size_t n = strlen(host);
  if (n < sizeof(s->sun_path)) {
    memcpy(s->sun_path, host, n + 1);
    return (int)n + 1;
  }
  if (n == sizeof(s->sun_path)) { /* all 108 bytes, unterminated: Linux's */
    memcpy(s->sun_path, host, n);
    return (int)n;
  }
  char *slash = strrchr(host, '/');
  if (!dirfd || !slash || slash == host) {
    sys_unsupported("socket", "AF_UNIX path over 108 bytes under the root, "
                    "length", n, L_EINVAL, NULL);
    return -L_EINVAL;
  }
  *slash = 0;
  int fd = open(host, O_PATH | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return -sys_errno(errno);
  int k = snprintf(s->sun_path, sizeof(s->sun_path), "/proc/self/fd/%d/%s",
                   fd, slash + 1);
  if (k < 0 || (size_t)k >= sizeof(s->sun_path)) {
    close(fd);
    return -L_EINVAL;
  }
  *dirfd = fd;
  return k + 1;
}

int sockaddr_in_guest(struct Machine *m, uint64_t va, uint64_t len,
                      struct sockaddr_storage *h) {
  return sockaddr_in_guest_fd(m, va, len, h, NULL);
}

int sockaddr_in_guest_fd(struct Machine *m, uint64_t va, uint64_t len,
                         struct sockaddr_storage *h, int *dirfd) {
  if (dirfd) *dirfd = -1;
  uint8_t g[L_SOCKADDR_MAX];
  if ((int64_t)(int32_t)len != (int64_t)len || (int32_t)len < 0 ||
      len > L_SOCKADDR_MAX)
    return -L_EINVAL;
  if (len < 2) return -L_EINVAL;
  if (mem_copy_in(m, g, va, (size_t)len)) return -L_EFAULT;
  uint16_t fam;
  memcpy(&fam, g, 2);
  memset(h, 0, sizeof(*h));
  switch (fam) {
    case L_AF_UNSPEC: { /* connect(AF_UNSPEC) dissolves an association */
      h->ss_family = AF_UNSPEC;
      return (int)len;
    }
    case L_AF_INET: {
      struct linux_sockaddr_in a;
      if (len < sizeof(a)) return -L_EINVAL;
      memcpy(&a, g, sizeof(a));
      struct sockaddr_in *s = (struct sockaddr_in *)h;
      s->sin_family = AF_INET;
      memcpy(&s->sin_port, a.sin_port, 2);
      memcpy(&s->sin_addr, a.sin_addr, 4);
      return (int)sizeof(*s);
    }
    case L_AF_INET6: {
      struct linux_sockaddr_in6 a;
      memset(&a, 0, sizeof(a));
      if (len < 24) return -L_EINVAL; /* RFC 2133's, without scope_id */
      memcpy(&a, g, len < sizeof(a) ? len : sizeof(a));
      struct sockaddr_in6 *s = (struct sockaddr_in6 *)h;
      s->sin6_family = AF_INET6;
      memcpy(&s->sin6_port, a.sin6_port, 2);
      s->sin6_flowinfo = a.sin6_flowinfo;
      memcpy(&s->sin6_addr, a.sin6_addr, 16);
      s->sin6_scope_id = a.sin6_scope_id;
      return (int)sizeof(*s);
    }
    case L_AF_UNIX: {
      /* The path's length is the address's: abstract names (a leading
       * NUL) are not NUL-terminated, and an unnamed address is just the
       * family. */
      if (len > sizeof(struct linux_sockaddr_un)) return -L_EINVAL;
      struct sockaddr_un *s = (struct sockaddr_un *)h;
      s->sun_family = AF_UNIX;
      size_t n = (size_t)len - 2;
      if (n && g[2] == '/') {
        /* A named absolute path: the guest's / may be an overlay. */
        char guest[L_UNIX_PATH_MAX + 1];
        memcpy(guest, g + 2, n);
        guest[n] = 0;
        int k = unix_path_in(guest, s, dirfd);
        if (k < 0) return k;
        return (int)(offsetof(struct sockaddr_un, sun_path) + (size_t)k);
      }
      memcpy(s->sun_path, g + 2, n);
      return (int)(offsetof(struct sockaddr_un, sun_path) + n);
    }
    default:
      return -L_EAFNOSUPPORT;
  }
}

uint32_t sockaddr_to_guest(const struct sockaddr_storage *h, uint32_t hlen,
                           uint8_t g[L_SOCKADDR_MAX]) {
  memset(g, 0, L_SOCKADDR_MAX);
  if (hlen < sizeof(h->ss_family)) return 0;
  uint16_t fam;
  switch (h->ss_family) {
    case AF_INET: {
      const struct sockaddr_in *s = (const struct sockaddr_in *)h;
      struct linux_sockaddr_in a;
      memset(&a, 0, sizeof(a));
      a.sin_family = L_AF_INET;
      memcpy(a.sin_port, &s->sin_port, 2);
      memcpy(a.sin_addr, &s->sin_addr, 4);
      memcpy(g, &a, sizeof(a));
      return sizeof(a);
    }
    case AF_INET6: {
      const struct sockaddr_in6 *s = (const struct sockaddr_in6 *)h;
      struct linux_sockaddr_in6 a;
      memset(&a, 0, sizeof(a));
      a.sin6_family = L_AF_INET6;
      memcpy(a.sin6_port, &s->sin6_port, 2);
      a.sin6_flowinfo = s->sin6_flowinfo;
      memcpy(a.sin6_addr, &s->sin6_addr, 16);
      a.sin6_scope_id = s->sin6_scope_id;
      memcpy(g, &a, sizeof(a));
      return sizeof(a);
    }
    case AF_UNIX: {
      const struct sockaddr_un *s = (const struct sockaddr_un *)h;
      size_t off = offsetof(struct sockaddr_un, sun_path);
      size_t n = hlen > off ? hlen - off : 0;
      if (n > L_UNIX_PATH_MAX) n = L_UNIX_PATH_MAX;
      fam = L_AF_UNIX;
      memcpy(g, &fam, 2);
      memcpy(g + 2, s->sun_path, n);
      if (n && s->sun_path[0] == '/' && memchr(s->sun_path, 0, n)) {
        /* A named absolute path: the guest sees it without the root. */
        char guest[PATH_MAX];
        if (!sys_guest_path(s->sun_path, guest, sizeof(guest)) &&
            strlen(guest) < L_UNIX_PATH_MAX) {
          memset(g + 2, 0, L_UNIX_PATH_MAX);
          strcpy((char *)g + 2, guest);
          return (uint32_t)(2 + strlen(guest) + 1);
        }
      }
      return (uint32_t)(2 + n);
    }
    default: /* AF_UNSPEC (e.g. an unconnected datagram peer) */
      fam = (uint16_t)h->ss_family;
      memcpy(g, &fam, 2);
      return 2 < hlen ? (hlen < L_SOCKADDR_MAX ? hlen : L_SOCKADDR_MAX) : hlen;
  }
}

int sockaddr_out_guest(struct Machine *m, uint64_t va, uint64_t lenva,
                       const struct sockaddr_storage *h, uint32_t hlen) {
  if (!va) return 0;
  int32_t cap;
  if (mem_copy_in(m, &cap, lenva, 4)) return -L_EFAULT;
  if (cap < 0) return -L_EINVAL;
  uint8_t g[L_SOCKADDR_MAX];
  uint32_t n = sockaddr_to_guest(h, hlen, g);
  uint32_t w = (uint32_t)cap < n ? (uint32_t)cap : n;
  if (w && mem_copy_out(m, va, g, w)) return -L_EFAULT;
  int32_t full = (int32_t)n;
  if (mem_copy_out(m, lenva, &full, 4)) return -L_EFAULT;
  return 0;
}
