/* syscall-socket.c: sockets for AF_UNIX, AF_INET and AF_INET6.
 *
 * Guest descriptors are host descriptors (syscall-file.c), so a guest
 * socket is a host socket: these calls translate the arguments that live
 * in guest memory (addresses through sockaddr.c, option values, msghdr
 * and its control messages) and make the same call on the host. Other
 * families (AF_NETLINK, AF_PACKET...) get -EAFNOSUPPORT: glibc takes a
 * failed netlink socket in getaddrinfo's AI_ADDRCONFIG check as "IPv4
 * and IPv6 both configured" (tests/programs/net-sockopt.c checks that
 * lookups still work; glibc also tries nscd's AF_UNIX socket, which
 * works as any AF_UNIX connect).
 *
 * Blocking calls are gated for the debugger in syscall-wait.c; when the
 * front end's hook already waited out an SO_RCVTIMEO/SO_SNDTIMEO, the
 * call runs without blocking and reports EAGAIN as the timeout would. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "log.h"
#include "machine.h"
#include "memory.h"
#include "sockaddr.h"
#include "sys.h"
#include "syscall-defs.h"

#define SOCK_IO_MAX (1u << 20)
#define SOCK_IOV_MAX 1024
#define SOCK_CONTROL_MAX 65536

static int64_t sock_fd_ok(int fd) {
  return fd < 0 || sys_fd_reserved(fd) ? -L_EBADF : 0;
}

/* SOCK_NONBLOCK | SOCK_CLOEXEC to the host's; -1 for any other bit. */
static int sock_flags_in(uint64_t f) {
  if (f & ~(uint64_t)(L_SOCK_NONBLOCK | L_SOCK_CLOEXEC)) return -1;
  return ((f & L_SOCK_NONBLOCK) ? SOCK_NONBLOCK : 0) |
         ((f & L_SOCK_CLOEXEC) ? SOCK_CLOEXEC : 0);
}

static int sock_family(int guest, int *host) {
  if (guest == L_AF_UNIX || guest == L_AF_INET || guest == L_AF_INET6) {
    *host = sockaddr_family_in(guest);
    return 0;
  }
  return (int)sys_unsupported("socket", "address family", (uint32_t)guest,
                              L_EAFNOSUPPORT, NULL);
}

/* socket's and socketpair's domain and type to the host's, checked in
 * Linux's order: unknown type flags, then a type beyond SOCK_MAX
 * (EINVAL), then the family (EAFNOSUPPORT). */
static int64_t sock_args(uint64_t domain, uint64_t type, int *fam, int *htype) {
  int t = (int)type;
  int fl = sock_flags_in((uint64_t)t & ~(uint64_t)L_SOCK_TYPE_MASK);
  if (fl < 0) return -L_EINVAL;
  if ((t & L_SOCK_TYPE_MASK) > 10) return -L_EINVAL; /* SOCK_PACKET is 10 */
  int64_t e = sock_family((int)domain, fam);
  if (e) return e;
  *htype = (t & L_SOCK_TYPE_MASK) | fl; /* SOCK_STREAM...: same numbers */
  return 0;
}

int64_t sys_socket(struct Machine *m, uint64_t a[6]) {
  (void)m;
  int fam, type;
  int64_t e = sock_args(a[0], a[1], &fam, &type);
  if (e) return e;
  return sys_ret(socket(fam, type, (int)a[2]));
}

int64_t sys_socketpair(struct Machine *m, uint64_t a[6]) {
  int fam, type;
  int64_t e = sock_args(a[0], a[1], &fam, &type);
  if (e) return e;
  int sv[2];
  if (socketpair(fam, type, (int)a[2], sv))
    return -sys_errno(errno);
  int32_t out[2] = {sv[0], sv[1]};
  if (mem_copy_out(m, a[3], out, sizeof(out))) {
    close(sv[0]);
    close(sv[1]);
    return -L_EFAULT;
  }
  return 0;
}

int64_t sys_bind(struct Machine *m, uint64_t a[6]) {
  if (sock_fd_ok((int)a[0])) return -L_EBADF;
  struct sockaddr_storage h;
  int dirfd, n = sockaddr_in_guest_fd(m, a[1], a[2], &h, &dirfd);
  if (n < 0) return n;
  int64_t rc = sys_ret(bind((int)a[0], (struct sockaddr *)&h, (socklen_t)n));
  if (dirfd >= 0) close(dirfd);
  return rc;
}

int64_t sys_connect(struct Machine *m, uint64_t a[6]) {
  if (sock_fd_ok((int)a[0])) return -L_EBADF;
  struct Sys *s = m->sys;
  if (s && s->connect_fd == (int)a[0] && s->connect_fd >= 0) {
    /* syscall_wait started this connect for the debugger's hook. */
    int fd = s->connect_fd, e = s->connect_err;
    s->connect_fd = -1;
    if (e < 0) { /* in progress: the hook said ready or timed out */
      struct pollfd p = {fd, POLLOUT, 0};
      if (sys_waited(m) && poll(&p, 1, 0) == 0) return -L_EINPROGRESS;
      while (poll(&p, 1, -1) < 0 && errno == EINTR) {
      }
      socklen_t el = sizeof(e);
      if (getsockopt(fd, SOL_SOCKET, SO_ERROR, &e, &el)) e = errno;
    }
    return e ? -sys_errno(e) : 0;
  }
  struct sockaddr_storage h;
  int dirfd, n = sockaddr_in_guest_fd(m, a[1], a[2], &h, &dirfd);
  if (n < 0) return n;
  int64_t rc = sys_ret(connect((int)a[0], (struct sockaddr *)&h, (socklen_t)n));
  if (dirfd >= 0) close(dirfd);
  return rc;
}

int64_t sys_listen(struct Machine *m, uint64_t a[6]) {
  (void)m;
  if (sock_fd_ok((int)a[0])) return -L_EBADF;
  return sys_ret(listen((int)a[0], (int)a[1]));
}

int64_t sys_accept4(struct Machine *m, uint64_t a[6]) {
  int fd = (int)a[0];
  if (sock_fd_ok(fd)) return -L_EBADF;
  int fl = sock_flags_in((uint64_t)(int)a[3]);
  if (fl < 0) return -L_EINVAL;
  if (a[1]) { /* Linux checks the length word before it waits */
    int32_t cap;
    if (mem_copy_in(m, &cap, a[2], 4)) return -L_EFAULT;
    if (cap < 0) return -L_EINVAL;
  }
  struct sockaddr_storage h;
  socklen_t hl = sizeof(h);
  int r;
  if (sys_waited(m)) { /* the hook waited out SO_RCVTIMEO */
    int ofl = fcntl(fd, F_GETFL);
    if (ofl >= 0) fcntl(fd, F_SETFL, ofl | O_NONBLOCK);
    r = accept4(fd, (struct sockaddr *)&h, &hl, fl);
    int e = errno;
    if (ofl >= 0) fcntl(fd, F_SETFL, ofl);
    errno = e;
  } else {
    r = accept4(fd, (struct sockaddr *)&h, &hl, fl);
  }
  if (r < 0) return -sys_errno(errno);
  int e = sockaddr_out_guest(m, a[1], a[2], &h, hl);
  if (e) {
    close(r);
    return e;
  }
  return r;
}

int64_t sys_accept(struct Machine *m, uint64_t a[6]) {
  uint64_t b[6] = {a[0], a[1], a[2], 0, 0, 0};
  return sys_accept4(m, b);
}

int64_t sys_shutdown(struct Machine *m, uint64_t a[6]) {
  (void)m;
  if (sock_fd_ok((int)a[0])) return -L_EBADF;
  return sys_ret(shutdown((int)a[0], (int)a[1]));
}

static int64_t sock_name(struct Machine *m, uint64_t a[6], int peer) {
  if (sock_fd_ok((int)a[0])) return -L_EBADF;
  int32_t cap;
  if (mem_copy_in(m, &cap, a[2], 4)) return -L_EFAULT;
  if (cap < 0) return -L_EINVAL;
  struct sockaddr_storage h;
  socklen_t hl = sizeof(h);
  int r = peer ? getpeername((int)a[0], (struct sockaddr *)&h, &hl)
               : getsockname((int)a[0], (struct sockaddr *)&h, &hl);
  if (r < 0) return -sys_errno(errno);
  /* A NULL buffer is fine while its size is 0 (nothing is written) and
   * a fault otherwise: address 1 is never mapped. */
  return sockaddr_out_guest(m, a[1] ? a[1] : 1, a[2], &h, hl);
}

int64_t sys_getsockname(struct Machine *m, uint64_t a[6]) {
  return sock_name(m, a, 0);
}

int64_t sys_getpeername(struct Machine *m, uint64_t a[6]) {
  return sock_name(m, a, 1);
}

/* MSG_* flags are the same numbers on the host (Linux); a port to
 * another host translates here. */
static int sock_msg_flags(struct Machine *m, uint64_t f) {
  int fl = (int)f;
  if (sys_waited(m)) fl |= MSG_DONTWAIT;
  return fl;
}

int64_t sys_sendto(struct Machine *m, uint64_t a[6]) {
  int fd = (int)a[0];
  if (sock_fd_ok(fd)) return -L_EBADF;
  uint64_t n = a[2];
  if (n > SOCK_IO_MAX) n = SOCK_IO_MAX; /* a short send, as Linux allows */
  struct sockaddr_storage h;
  int hl = 0, dirfd = -1;
  if (a[4] && (uint32_t)a[5]) { /* a zero length is no address */
    hl = sockaddr_in_guest_fd(m, a[4], (uint32_t)a[5], &h, &dirfd);
    if (hl < 0) return hl;
  }
  void *buf = sys_buffer(n ? n : 1);
  int64_t rc;
  if (!buf) rc = -L_ENOMEM;
  else if (n && mem_copy_in(m, buf, a[1], n)) rc = -L_EFAULT;
  else rc = sys_ret(sendto(fd, buf, n, sock_msg_flags(m, a[3]),
                           hl ? (struct sockaddr *)&h : NULL, (socklen_t)hl));
  if (dirfd >= 0) close(dirfd);
  return rc;
}

int64_t sys_recvfrom(struct Machine *m, uint64_t a[6]) {
  int fd = (int)a[0];
  if (sock_fd_ok(fd)) return -L_EBADF;
  uint64_t n = a[2];
  if (n > SOCK_IO_MAX) n = SOCK_IO_MAX;
  if (n) {
    n = sys_range_prefix(m, a[1], n, MPROT_WRITE);
    if (!n) return -L_EFAULT;
  }
  if (a[4]) {
    int32_t cap;
    if (mem_copy_in(m, &cap, a[5], 4)) return -L_EFAULT;
    if (cap < 0) return -L_EINVAL;
  }
  void *buf = sys_buffer(n ? n : 1);
  if (!buf) return -L_ENOMEM;
  struct sockaddr_storage h;
  socklen_t hl = sizeof(h);
  memset(&h, 0, sizeof(h));
  ssize_t r = recvfrom(fd, buf, n, sock_msg_flags(m, a[3]),
                       a[4] ? (struct sockaddr *)&h : NULL, a[4] ? &hl : NULL);
  if (r < 0) return -sys_errno(errno);
  /* With MSG_TRUNC a datagram's whole length comes back: copy what fit. */
  uint64_t got = (uint64_t)r < n ? (uint64_t)r : n;
  if (got && mem_copy_out(m, a[1], buf, got)) return -L_EFAULT;
  if (a[4]) {
    int e = sockaddr_out_guest(m, a[4], a[5], &h, hl);
    if (e) return e;
  }
  return r;
}

/* The guest's msghdr and iovecs; *total is the bytes they cover (cut to
 * SOCK_IO_MAX). */
static int64_t msg_in(struct Machine *m, uint64_t va, struct linux_msghdr *g,
                      struct linux_iovec *iov, uint64_t *total) {
  if (mem_copy_in(m, g, va, sizeof(*g))) return -L_EFAULT;
  if (g->msg_iovlen > SOCK_IOV_MAX) return -L_EMSGSIZE;
  if (g->msg_iovlen &&
      mem_copy_in(m, iov, g->msg_iov, g->msg_iovlen * sizeof(*iov)))
    return -L_EFAULT;
  uint64_t t = 0;
  for (uint64_t k = 0; k < g->msg_iovlen; ++k) {
    if ((int64_t)iov[k].iov_len < 0) return -L_EINVAL;
    t += iov[k].iov_len;
    if ((int64_t)t < 0) return -L_EINVAL;
  }
  *total = t < SOCK_IO_MAX ? t : SOCK_IO_MAX;
  return 0;
}

/* The guest's control messages in host layout. Descriptors in
 * SCM_RIGHTS are guest descriptors, which are host descriptors, except
 * those the emulator keeps (EBADF, as a closed one would be). */
static int64_t control_in(struct Machine *m, const struct linux_msghdr *g,
                          uint8_t *hc, size_t *hlen) {
  uint64_t n = g->msg_controllen;
  *hlen = 0;
  if (!g->msg_control || !n) return 0;
  if (n > SOCK_CONTROL_MAX) return -L_ENOBUFS;
  uint8_t *gc = malloc(n);
  if (!gc) return -L_ENOMEM;
  if (mem_copy_in(m, gc, g->msg_control, n)) {
    free(gc);
    return -L_EFAULT;
  }
  uint64_t off = 0;
  size_t out = 0;
  int64_t err = 0;
  while (off + sizeof(struct linux_cmsghdr) <= n) {
    struct linux_cmsghdr c;
    memcpy(&c, gc + off, sizeof(c));
    if (c.cmsg_len < sizeof(c) || c.cmsg_len > n - off) {
      err = -L_EINVAL;
      break;
    }
    uint64_t dlen = c.cmsg_len - sizeof(c);
    const uint8_t *data = gc + off + sizeof(c);
    if (c.cmsg_level == L_SOL_SOCKET && c.cmsg_type == L_SCM_RIGHTS) {
      for (uint64_t k = 0; k + 4 <= dlen; k += 4) {
        int32_t fd;
        memcpy(&fd, data + k, 4);
        if (sys_fd_reserved(fd)) err = -L_EBADF;
      }
    } else if (!(c.cmsg_level == L_SOL_SOCKET &&
                 c.cmsg_type == L_SCM_CREDENTIALS)) {
      /* IP_PKTINFO and friends: the kernel's own layouts, as is. */
      char key[48];
      snprintf(key, sizeof(key), "cmsg %d/%d", c.cmsg_level, c.cmsg_type);
      blog_once(key, "sendmsg: control message level %d type %d passed as is",
                c.cmsg_level, c.cmsg_type);
    }
    if (err) break;
    struct cmsghdr *hcm = (struct cmsghdr *)(hc + out);
    if (out + CMSG_SPACE(dlen) > SOCK_CONTROL_MAX) {
      err = -L_EINVAL;
      break;
    }
    memset(hcm, 0, CMSG_SPACE(dlen));
    hcm->cmsg_len = CMSG_LEN(dlen);
    hcm->cmsg_level = c.cmsg_level == L_SOL_SOCKET ? SOL_SOCKET : c.cmsg_level;
    hcm->cmsg_type = c.cmsg_type; /* SCM_RIGHTS/CREDENTIALS: same numbers */
    memcpy(CMSG_DATA(hcm), data, dlen);
    out += CMSG_SPACE(dlen);
    off += L_CMSG_ALIGN(c.cmsg_len);
  }
  free(gc);
  *hlen = out;
  return err;
}

/* Host control messages back into the guest's buffer; returns the
 * length used. Both layouts align to 8 here, so what the host kernel cut
 * to fit the guest's size (MSG_CTRUNC) also fits the guest. */
static uint64_t control_out(struct Machine *m, uint64_t va, uint64_t cap,
                            struct msghdr *hm, int *flags) {
  uint64_t out = 0;
  for (struct cmsghdr *c = CMSG_FIRSTHDR(hm); c; c = CMSG_NXTHDR(hm, c)) {
    uint64_t dlen = c->cmsg_len - CMSG_LEN(0);
    struct linux_cmsghdr g;
    g.cmsg_len = sizeof(g) + dlen;
    g.cmsg_level = c->cmsg_level == SOL_SOCKET ? L_SOL_SOCKET : c->cmsg_level;
    g.cmsg_type = c->cmsg_type;
    if (out + g.cmsg_len > cap) {
      *flags |= MSG_CTRUNC;
      if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS)
        for (uint64_t k = 0; k + 4 <= dlen; k += 4) {
          int fd;
          memcpy(&fd, CMSG_DATA(c) + k, 4);
          close(fd); /* never reaches the guest */
        }
      continue;
    }
    if (mem_copy_out(m, va + out, &g, sizeof(g)) ||
        mem_copy_out(m, va + out + sizeof(g), CMSG_DATA(c), dlen))
      break;
    uint64_t step = L_CMSG_ALIGN(g.cmsg_len);
    out += step < cap - out ? step : cap - out;
  }
  return out;
}

int64_t sys_sendmsg(struct Machine *m, uint64_t a[6]) {
  int fd = (int)a[0];
  if (sock_fd_ok(fd)) return -L_EBADF;
  struct linux_msghdr g;
  struct linux_iovec iov[SOCK_IOV_MAX]; /* 16 KiB, as readv's */
  uint64_t total;
  int64_t e = msg_in(m, a[1], &g, iov, &total);
  if (e) return e;
  struct sockaddr_storage h;
  int hl = 0, dirfd = -1;
  if (g.msg_name && g.msg_namelen) { /* checked first, as Linux does */
    hl = sockaddr_in_guest_fd(m, g.msg_name, g.msg_namelen, &h, &dirfd);
    if (hl < 0) return hl;
  }
  uint8_t *data = sys_buffer(total ? total : 1);
  uint8_t *hc = data ? malloc(SOCK_CONTROL_MAX) : NULL;
  if (!hc) e = -L_ENOMEM;
  uint64_t done = 0;
  for (uint64_t k = 0; !e && k < g.msg_iovlen && done < total; ++k) {
    uint64_t n = total - done < iov[k].iov_len ? total - done : iov[k].iov_len;
    if (n && mem_copy_in(m, data + done, iov[k].iov_base, n)) e = -L_EFAULT;
    done += n;
  }
  size_t hcl;
  if (!e) e = control_in(m, &g, hc, &hcl);
  if (e) {
    free(hc);
    if (dirfd >= 0) close(dirfd);
    return e;
  }
  struct iovec hv = {data, total};
  struct msghdr hm;
  memset(&hm, 0, sizeof(hm));
  hm.msg_name = hl ? &h : NULL;
  hm.msg_namelen = (socklen_t)hl;
  hm.msg_iov = &hv;
  hm.msg_iovlen = 1;
  hm.msg_control = hcl ? hc : NULL;
  hm.msg_controllen = hcl;
  int64_t r = sys_ret(sendmsg(fd, &hm, sock_msg_flags(m, a[2])));
  free(hc);
  if (dirfd >= 0) close(dirfd);
  return r;
}

int64_t sys_recvmsg(struct Machine *m, uint64_t a[6]) {
  int fd = (int)a[0];
  if (sock_fd_ok(fd)) return -L_EBADF;
  struct linux_msghdr g;
  struct linux_iovec iov[SOCK_IOV_MAX]; /* 16 KiB, as readv's */
  uint64_t total;
  int64_t e = msg_in(m, a[1], &g, iov, &total);
  if (e) return e;
  if ((int32_t)g.msg_namelen < 0) return -L_EINVAL;
  uint64_t left = total;
  for (uint64_t k = 0; k < g.msg_iovlen && left; ++k) {
    uint64_t n = iov[k].iov_len < left ? iov[k].iov_len : left;
    if (!sys_range_ok(m, iov[k].iov_base, n, MPROT_WRITE)) return -L_EFAULT;
    left -= n;
  }
  uint8_t *data = sys_buffer(total ? total : 1);
  if (!data) return -L_ENOMEM;
  uint64_t ccap = g.msg_control ? g.msg_controllen : 0;
  if (ccap > SOCK_CONTROL_MAX) ccap = SOCK_CONTROL_MAX;
  uint8_t *hc = ccap ? calloc(1, ccap) : NULL;
  if (ccap && !hc) return -L_ENOMEM;
  struct sockaddr_storage h;
  memset(&h, 0, sizeof(h));
  struct iovec hv = {data, total};
  struct msghdr hm;
  memset(&hm, 0, sizeof(hm));
  hm.msg_name = g.msg_name ? &h : NULL;
  hm.msg_namelen = g.msg_name ? sizeof(h) : 0;
  hm.msg_iov = &hv;
  hm.msg_iovlen = 1;
  hm.msg_control = hc;
  hm.msg_controllen = ccap;
  ssize_t r = recvmsg(fd, &hm, sock_msg_flags(m, a[2]));
  if (r < 0) {
    free(hc);
    return -sys_errno(errno);
  }
  uint64_t got = (uint64_t)r < total ? (uint64_t)r : total, done = 0;
  for (uint64_t k = 0; k < g.msg_iovlen && done < got; ++k) {
    uint64_t n = got - done < iov[k].iov_len ? got - done : iov[k].iov_len;
    if (n && mem_copy_out(m, iov[k].iov_base, data + done, n)) {
      free(hc);
      return -L_EFAULT;
    }
    done += n;
  }
  int flags = hm.msg_flags;
  uint64_t clen = hc ? control_out(m, g.msg_control, ccap, &hm, &flags) : 0;
  free(hc);
  /* The results go back into the guest's msghdr: name length, control
   * length and flags. */
  if (g.msg_name) {
    uint8_t ga[L_SOCKADDR_MAX];
    uint32_t n = hm.msg_namelen ? sockaddr_to_guest(&h, hm.msg_namelen, ga) : 0;
    uint32_t w = n < g.msg_namelen ? n : g.msg_namelen;
    if (w && mem_copy_out(m, g.msg_name, ga, w)) return -L_EFAULT;
    g.msg_namelen = n;
  }
  g.msg_controllen = clen;
  g.msg_flags = flags;
  if (mem_copy_out(m, a[1] + offsetof(struct linux_msghdr, msg_namelen),
                   &g.msg_namelen, 4) ||
      mem_copy_out(m, a[1] + offsetof(struct linux_msghdr, msg_controllen),
                   &g.msg_controllen, 8) ||
      mem_copy_out(m, a[1] + offsetof(struct linux_msghdr, msg_flags),
                   &g.msg_flags, 4))
    return -L_EFAULT;
  return r;
}

/* Socket options: how each known one's value is laid out. OPT_INT and
 * OPT_BYTES (strings, ip_mreq, tcp_info: the kernel's own layouts) pass
 * through as the guest's bytes with the guest's length, so the host
 * applies Linux's own length rules (an IP-level int read into one byte,
 * a value cut to a short buffer); the structures with a C type on the
 * host are rebuilt field by field. */
enum { OPT_INT, OPT_BYTES, OPT_TIMEVAL, OPT_LINGER, OPT_UCRED };
#define SOCK_OPT_MAX 256 /* the largest pass-through value (tcp_info: 232) */

struct SockOpt {
  int level, name; /* guest numbers, which are the host's on Linux */
  int kind;
};

static const struct SockOpt sock_opts[] = {
    {L_SOL_SOCKET, 2, OPT_INT},      /* SO_REUSEADDR */
    {L_SOL_SOCKET, 3, OPT_INT},      /* SO_TYPE */
    {L_SOL_SOCKET, 4, OPT_INT},      /* SO_ERROR */
    {L_SOL_SOCKET, 5, OPT_INT},      /* SO_DONTROUTE */
    {L_SOL_SOCKET, 6, OPT_INT},      /* SO_BROADCAST */
    {L_SOL_SOCKET, 7, OPT_INT},      /* SO_SNDBUF */
    {L_SOL_SOCKET, 8, OPT_INT},      /* SO_RCVBUF */
    {L_SOL_SOCKET, 9, OPT_INT},      /* SO_KEEPALIVE */
    {L_SOL_SOCKET, 10, OPT_INT},     /* SO_OOBINLINE */
    {L_SOL_SOCKET, 12, OPT_INT},     /* SO_PRIORITY */
    {L_SOL_SOCKET, 13, OPT_LINGER},  /* SO_LINGER */
    {L_SOL_SOCKET, 15, OPT_INT},     /* SO_REUSEPORT */
    {L_SOL_SOCKET, 16, OPT_INT},     /* SO_PASSCRED */
    {L_SOL_SOCKET, 17, OPT_UCRED},   /* SO_PEERCRED */
    {L_SOL_SOCKET, 18, OPT_INT},     /* SO_RCVLOWAT */
    {L_SOL_SOCKET, 19, OPT_INT},     /* SO_SNDLOWAT */
    {L_SOL_SOCKET, 20, OPT_TIMEVAL}, /* SO_RCVTIMEO */
    {L_SOL_SOCKET, 21, OPT_TIMEVAL}, /* SO_SNDTIMEO */
    {L_SOL_SOCKET, 25, OPT_BYTES},   /* SO_BINDTODEVICE */
    {L_SOL_SOCKET, 29, OPT_INT},     /* SO_TIMESTAMP */
    {L_SOL_SOCKET, 30, OPT_INT},     /* SO_ACCEPTCONN */
    {L_SOL_SOCKET, 32, OPT_INT},     /* SO_SNDBUFFORCE */
    {L_SOL_SOCKET, 33, OPT_INT},     /* SO_RCVBUFFORCE */
    {L_SOL_SOCKET, 36, OPT_INT},     /* SO_MARK */
    {L_SOL_SOCKET, 38, OPT_INT},     /* SO_PROTOCOL */
    {L_SOL_SOCKET, 39, OPT_INT},     /* SO_DOMAIN */
    {6, 1, OPT_INT},                 /* TCP_NODELAY */
    {6, 2, OPT_INT},                 /* TCP_MAXSEG */
    {6, 3, OPT_INT},                 /* TCP_CORK */
    {6, 4, OPT_INT},                 /* TCP_KEEPIDLE */
    {6, 5, OPT_INT},                 /* TCP_KEEPINTVL */
    {6, 6, OPT_INT},                 /* TCP_KEEPCNT */
    {6, 7, OPT_INT},                 /* TCP_SYNCNT */
    {6, 9, OPT_INT},                 /* TCP_DEFER_ACCEPT */
    {6, 11, OPT_BYTES},              /* TCP_INFO */
    {6, 12, OPT_INT},                /* TCP_QUICKACK */
    {6, 13, OPT_BYTES},              /* TCP_CONGESTION */
    {6, 18, OPT_INT},                /* TCP_USER_TIMEOUT */
    {6, 23, OPT_INT},                /* TCP_FASTOPEN */
    {6, 25, OPT_INT},                /* TCP_NOTSENT_LOWAT */
    {0, 1, OPT_INT},                 /* IP_TOS */
    {0, 2, OPT_INT},                 /* IP_TTL */
    {0, 8, OPT_INT},                 /* IP_PKTINFO */
    {0, 10, OPT_INT},                /* IP_MTU_DISCOVER */
    {0, 11, OPT_INT},                /* IP_RECVERR */
    {0, 15, OPT_INT},                /* IP_FREEBIND */
    {0, 32, OPT_BYTES},              /* IP_MULTICAST_IF */
    {0, 33, OPT_INT},                /* IP_MULTICAST_TTL */
    {0, 34, OPT_INT},                /* IP_MULTICAST_LOOP */
    {0, 35, OPT_BYTES},              /* IP_ADD_MEMBERSHIP */
    {0, 36, OPT_BYTES},              /* IP_DROP_MEMBERSHIP */
    {41, 16, OPT_INT},               /* IPV6_UNICAST_HOPS */
    {41, 17, OPT_INT},               /* IPV6_MULTICAST_IF */
    {41, 18, OPT_INT},               /* IPV6_MULTICAST_HOPS */
    {41, 19, OPT_INT},               /* IPV6_MULTICAST_LOOP */
    {41, 20, OPT_BYTES},             /* IPV6_ADD_MEMBERSHIP */
    {41, 21, OPT_BYTES},             /* IPV6_DROP_MEMBERSHIP */
    {41, 25, OPT_INT},               /* IPV6_RECVERR */
    {41, 26, OPT_INT},               /* IPV6_V6ONLY */
    {41, 49, OPT_INT},               /* IPV6_RECVPKTINFO */
};

static const struct SockOpt *sock_opt(int level, int name) {
  for (size_t k = 0; k < sizeof(sock_opts) / sizeof(sock_opts[0]); ++k)
    if (sock_opts[k].level == level && sock_opts[k].name == name)
      return &sock_opts[k];
  char key[48];
  snprintf(key, sizeof(key), "sockopt %d/%d", level, name);
  blog_once(key, "socket option level %d name %d is not supported: -ENOPROTOOPT",
            level, name);
  return NULL;
}

static int sock_level(int l) { return l == L_SOL_SOCKET ? SOL_SOCKET : l; }

int64_t sys_setsockopt(struct Machine *m, uint64_t a[6]) {
  int fd = (int)a[0], level = (int)a[1], name = (int)a[2];
  uint32_t len = (uint32_t)a[4];
  if (sock_fd_ok(fd)) return -L_EBADF;
  if ((int32_t)len < 0) return -L_EINVAL;
  const struct SockOpt *o = sock_opt(level, name);
  if (!o) return -L_ENOPROTOOPT;
  switch (o->kind) {
    case OPT_INT:
    case OPT_BYTES:
    case OPT_UCRED: { /* SO_PEERCRED: the host refuses it as Linux does */
      uint8_t v[SOCK_OPT_MAX];
      uint32_t n = len < sizeof(v) ? len : sizeof(v);
      if (n && mem_copy_in(m, v, a[3], n)) return -L_EFAULT;
      return sys_ret(setsockopt(fd, sock_level(level), name, v, n));
    }
    case OPT_TIMEVAL: {
      struct linux_timeval g;
      if (len < sizeof(g)) return -L_EINVAL;
      if (mem_copy_in(m, &g, a[3], sizeof(g))) return -L_EFAULT;
      struct timeval tv = {(time_t)g.tv_sec, (suseconds_t)g.tv_usec};
      return sys_ret(setsockopt(fd, sock_level(level), name, &tv, sizeof(tv)));
    }
    case OPT_LINGER: {
      struct linux_linger g;
      if (len < sizeof(g)) return -L_EINVAL;
      if (mem_copy_in(m, &g, a[3], sizeof(g))) return -L_EFAULT;
      struct linger l = {g.l_onoff, g.l_linger};
      return sys_ret(setsockopt(fd, sock_level(level), name, &l, sizeof(l)));
    }
    default:
      return -L_ENOPROTOOPT;
  }
}

int64_t sys_getsockopt(struct Machine *m, uint64_t a[6]) {
  int fd = (int)a[0], level = (int)a[1], name = (int)a[2];
  if (sock_fd_ok(fd)) return -L_EBADF;
  int32_t cap;
  if (mem_copy_in(m, &cap, a[4], 4)) return -L_EFAULT;
  if (cap < 0) return -L_EINVAL;
  const struct SockOpt *o = sock_opt(level, name);
  if (!o) return -L_ENOPROTOOPT;
  if (o->kind == OPT_INT || o->kind == OPT_BYTES) {
    uint8_t v[SOCK_OPT_MAX];
    socklen_t vl = (uint32_t)cap < sizeof(v) ? (socklen_t)cap : sizeof(v);
    memset(v, 0, sizeof(v));
    if (getsockopt(fd, sock_level(level), name, v, &vl) < 0)
      return -sys_errno(errno);
    if (vl > (uint32_t)cap) vl = (socklen_t)cap;
    if (vl && mem_copy_out(m, a[3], v, vl)) return -L_EFAULT;
    int32_t outlen = (int32_t)vl;
    if (mem_copy_out(m, a[4], &outlen, 4)) return -L_EFAULT;
    return 0;
  }
  union {
    struct timeval tv;
    struct linger l;
    struct ucred u;
  } hv;
  memset(&hv, 0, sizeof(hv));
  socklen_t hl = sizeof(hv);
  if (getsockopt(fd, sock_level(level), name, &hv, &hl) < 0)
    return -sys_errno(errno);
  uint8_t g[16];
  uint32_t n;
  switch (o->kind) {
    case OPT_TIMEVAL: {
      struct linux_timeval t = {hv.tv.tv_sec, hv.tv.tv_usec};
      memcpy(g, &t, n = sizeof(t));
      break;
    }
    case OPT_LINGER: {
      struct linux_linger t = {hv.l.l_onoff, hv.l.l_linger};
      memcpy(g, &t, n = sizeof(t));
      break;
    }
    default: {
      struct linux_ucred t = {hv.u.pid, hv.u.uid, hv.u.gid};
      memcpy(g, &t, n = sizeof(t));
      break;
    }
  }
  /* Linux cuts the value to the caller's length and reports the cut. */
  if ((uint32_t)cap < n) n = (uint32_t)cap;
  if (n && mem_copy_out(m, a[3], g, n)) return -L_EFAULT;
  int32_t outlen = (int32_t)n;
  if (mem_copy_out(m, a[4], &outlen, 4)) return -L_EFAULT;
  return 0;
}

/* sendmmsg and recvmmsg: each struct mmsghdr is a msghdr and the length
 * the call moved (64 bytes in all), handled one at a time. As in Linux,
 * an error after some messages went through ends the batch with their
 * count; the error itself is lost (Linux keeps it for the next call). */
#define L_MSG_WAITFORONE 0x10000
#define MMSG_SIZE 64

int64_t sys_sendmmsg(struct Machine *m, uint64_t a[6]) {
  uint64_t vlen = (uint32_t)a[2];
  if (vlen > SOCK_IOV_MAX) vlen = SOCK_IOV_MAX; /* UIO_MAXIOV, as Linux */
  uint64_t k;
  for (k = 0; k < vlen; ++k) {
    uint64_t va = a[1] + k * MMSG_SIZE;
    uint64_t b[6] = {a[0], va, a[3], 0, 0, 0};
    int64_t r = sys_sendmsg(m, b);
    if (r < 0) return k ? (int64_t)k : r;
    uint32_t len = (uint32_t)r;
    if (mem_copy_out(m, va + sizeof(struct linux_msghdr), &len, 4))
      return k ? (int64_t)k : -L_EFAULT;
  }
  return (int64_t)k;
}

static int64_t ts_ns(const struct timespec *t) {
  return (int64_t)t->tv_sec * 1000000000 + t->tv_nsec;
}

/* The timeout is checked after each datagram, as Linux does (recvmmsg(2)
 * BUGS: it does not bound the wait for the next one), and what is left
 * of it is written back. */
int64_t sys_recvmmsg(struct Machine *m, uint64_t a[6]) {
  uint64_t vlen = (uint32_t)a[2];
  int flags = (int)a[3];
  if (vlen > SOCK_IOV_MAX) vlen = SOCK_IOV_MAX;
  struct linux_timespec ts;
  struct timespec start, now;
  int64_t limit = 0;
  if (a[4]) {
    if (mem_copy_in(m, &ts, a[4], sizeof(ts))) return -L_EFAULT;
    if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
      return -L_EINVAL;
    limit = ts.tv_sec > 1000000000 ? INT64_MAX : ts.tv_sec * 1000000000 + ts.tv_nsec;
    clock_gettime(CLOCK_MONOTONIC, &start);
  }
  uint64_t k;
  int64_t err = 0;
  for (k = 0; k < vlen; ++k) {
    uint64_t va = a[1] + k * MMSG_SIZE;
    int f = flags & ~L_MSG_WAITFORONE;
    if (k && (flags & L_MSG_WAITFORONE)) f |= L_MSG_DONTWAIT;
    uint64_t b[6] = {a[0], va, (uint64_t)(uint32_t)f, 0, 0, 0};
    int64_t r = sys_recvmsg(m, b);
    if (r < 0) {
      err = r;
      break;
    }
    uint32_t len = (uint32_t)r;
    if (mem_copy_out(m, va + sizeof(struct linux_msghdr), &len, 4)) {
      err = -L_EFAULT;
      break;
    }
    if (a[4]) {
      clock_gettime(CLOCK_MONOTONIC, &now);
      if (ts_ns(&now) - ts_ns(&start) >= limit) {
        ++k;
        break;
      }
    }
  }
  if (a[4]) {
    clock_gettime(CLOCK_MONOTONIC, &now);
    int64_t left = limit - (ts_ns(&now) - ts_ns(&start));
    if (left < 0) left = 0;
    if (limit != INT64_MAX) {
      ts.tv_sec = left / 1000000000;
      ts.tv_nsec = left % 1000000000;
      mem_copy_out(m, a[4], &ts, sizeof(ts));
    }
  }
  return k ? (int64_t)k : err;
}
