/* sockaddr.h: the x86-64 Linux socket structures as the guest sees them,
 * and the translation of socket addresses between guest memory and the
 * host (sockaddr.c). Private to src/sys.
 *
 * Every layout is written out here: the guest's bytes are read field by
 * field into the host's struct sockaddr_in/in6/un and back, so a host
 * whose structures differ (BSD's sin_len byte) changes only sockaddr.c. */
#ifndef BLINK_SYS_SOCKADDR_H
#define BLINK_SYS_SOCKADDR_H

#include <stddef.h>
#include <stdint.h>

#include "linux-abi.h"

struct Machine;
struct sockaddr_storage;

#define L_ENOTSOCK 88
#define L_EMSGSIZE 90
#define L_ENOPROTOOPT 92
#define L_EOPNOTSUPP 95
#define L_EAFNOSUPPORT 97
#define L_ENOBUFS 105
#define L_EINPROGRESS 115

#define L_AF_UNSPEC 0
#define L_AF_UNIX 1
#define L_AF_INET 2
#define L_AF_INET6 10

#define L_SOCK_TYPE_MASK 0xf
#define L_SOCK_NONBLOCK 04000
#define L_SOCK_CLOEXEC 02000000

#define L_MSG_DONTWAIT 0x40

#define L_SOL_SOCKET 1
#define L_SCM_RIGHTS 1
#define L_SCM_CREDENTIALS 2

struct linux_sockaddr_in {   /* 16 bytes; port and address big-endian */
  uint16_t sin_family;
  uint8_t sin_port[2];
  uint8_t sin_addr[4];
  uint8_t sin_zero[8];
};

struct linux_sockaddr_in6 {  /* 28 bytes */
  uint16_t sin6_family;
  uint8_t sin6_port[2];
  uint32_t sin6_flowinfo;    /* network order, passed as is */
  uint8_t sin6_addr[16];
  uint32_t sin6_scope_id;    /* host order */
};

#define L_UNIX_PATH_MAX 108
struct linux_sockaddr_un {   /* 110 bytes */
  uint16_t sun_family;
  char sun_path[L_UNIX_PATH_MAX];
};

/* The largest address the kernel takes (struct sockaddr_storage). */
#define L_SOCKADDR_MAX 128

struct linux_msghdr {        /* 56 bytes */
  uint64_t msg_name;
  uint32_t msg_namelen;
  uint32_t pad0;
  uint64_t msg_iov;
  uint64_t msg_iovlen;
  uint64_t msg_control;
  uint64_t msg_controllen;
  int32_t msg_flags;
  uint32_t pad1;
};

struct linux_cmsghdr {       /* 16 bytes, data follows 8-aligned */
  uint64_t cmsg_len;
  int32_t cmsg_level;
  int32_t cmsg_type;
};
#define L_CMSG_ALIGN(n) (((n) + 7) & ~(uint64_t)7)

struct linux_linger {
  int32_t l_onoff;
  int32_t l_linger;
};

struct linux_ucred {
  int32_t pid;
  uint32_t uid;
  uint32_t gid;
};

_Static_assert(sizeof(struct linux_sockaddr_in) == 16, "sockaddr_in");
_Static_assert(sizeof(struct linux_sockaddr_in6) == 28, "sockaddr_in6");
_Static_assert(sizeof(struct linux_sockaddr_un) == 110, "sockaddr_un");
_Static_assert(sizeof(struct linux_msghdr) == 56, "msghdr");
_Static_assert(sizeof(struct linux_cmsghdr) == 16, "cmsghdr");

/* The host's address family for a guest one, -1 when unsupported
 * (everything but AF_UNSPEC, AF_UNIX, AF_INET and AF_INET6). */
int sockaddr_family_in(int guest_family);

/* A guest address of len bytes at va into *h; returns the host length or
 * -errno (EINVAL for a bad length, EFAULT, EAFNOSUPPORT for a family we
 * do not translate). */
int sockaddr_in_guest(struct Machine *m, uint64_t va, uint64_t len,
                      struct sockaddr_storage *h);
/* The same, for calls that name a socket file (bind, connect, sendto,
 * sendmsg): an absolute AF_UNIX path is mapped through the overlays (-C),
 * and one that no longer fits sun_path is reached through a descriptor
 * of its directory, left in *dirfd for the caller to close after the
 * call (-1 when none). sockaddr_to_guest strips the root again. */
int sockaddr_in_guest_fd(struct Machine *m, uint64_t va, uint64_t len,
                         struct sockaddr_storage *h, int *dirfd);

/* A host address of hlen bytes in guest layout into g (L_SOCKADDR_MAX
 * bytes); returns the guest length. */
uint32_t sockaddr_to_guest(const struct sockaddr_storage *h, uint32_t hlen,
                           uint8_t g[L_SOCKADDR_MAX]);

/* The accept/getsockname/recvfrom convention: *lenva holds the guest's
 * buffer size; the address is written cut to that size and *lenva gets
 * the whole length. va 0 means no address wanted. Returns 0 or -errno. */
int sockaddr_out_guest(struct Machine *m, uint64_t va, uint64_t lenva,
                       const struct sockaddr_storage *h, uint32_t hlen);

#endif
