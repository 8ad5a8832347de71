/* net-udp: UDP over loopback in one process: two sockets bound to
 * 127.0.0.1 port 0, sendto/recvfrom with the sender's address checked
 * against its getsockname, connect() fixing the peer (send/recv without
 * addresses, a datagram from a third socket filtered out), connect with
 * AF_UNSPEC dissolving it, sendmsg/recvmsg with a name and iovecs,
 * MSG_PEEK, MSG_TRUNC, an empty datagram, and the same exchange on ::1. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

static void show(const char *what, long r) {
  printf("%-36s %ld%s%s\n", what, r, r < 0 ? " " : "", r < 0 ? strerror(errno) : "");
}

static int bound(int family, struct sockaddr_storage *ss, socklen_t *len) {
  int s = socket(family, SOCK_DGRAM, 0);
  memset(ss, 0, sizeof(*ss));
  if (family == AF_INET) {
    struct sockaddr_in *a = (struct sockaddr_in *)ss;
    a->sin_family = AF_INET;
    a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    *len = sizeof(*a);
  } else {
    struct sockaddr_in6 *a = (struct sockaddr_in6 *)ss;
    a->sin6_family = AF_INET6;
    a->sin6_addr = in6addr_loopback;
    *len = sizeof(*a);
  }
  if (bind(s, (struct sockaddr *)ss, *len)) {
    printf("bind: %s\n", strerror(errno));
    close(s);
    return -1;
  }
  *len = sizeof(*ss);
  getsockname(s, (struct sockaddr *)ss, len);
  return s;
}

static void wait_in(int s) {
  struct pollfd p = {s, POLLIN, 0};
  poll(&p, 1, 5000);
}

static void run(int family) {
  struct sockaddr_storage aa, ab, ac, from;
  socklen_t la, lb, lc, lf;
  int a = bound(family, &aa, &la);
  if (a < 0) return;
  int b = bound(family, &ab, &lb);
  int c = bound(family, &ac, &lc);
  char buf[64];
  show("sendto a->b", sendto(a, "ping", 4, 0, (struct sockaddr *)&ab, lb));
  wait_in(b);
  lf = sizeof(from);
  memset(&from, 0, sizeof(from));
  show("recvfrom b", recvfrom(b, buf, sizeof(buf), 0, (struct sockaddr *)&from, &lf));
  printf("from is a: %d\n", lf == la && !memcmp(&from, &aa, la));
  show("sendto b->a empty", sendto(b, "", 0, 0, (struct sockaddr *)&from, lf));
  wait_in(a);
  show("recv a empty datagram", recv(a, buf, sizeof(buf), 0));

  show("connect a to b", connect(a, (struct sockaddr *)&ab, lb));
  show("send a (connected)", send(a, "connected", 9, 0));
  show("sendto c->a (filtered)", sendto(c, "stranger", 8, 0, (struct sockaddr *)&aa, la));
  show("connect b to a", connect(b, (struct sockaddr *)&aa, la));
  show("send b->a", send(b, "reply!", 6, 0));
  wait_in(b);
  show("recv b", recv(b, buf, sizeof(buf), 0));
  wait_in(a);
  show("recv a peek", recv(a, buf, 3, MSG_PEEK));
  printf("[%.3s]\n", buf);
  show("recv a trunc", recv(a, buf, 3, MSG_TRUNC | MSG_DONTWAIT));
  show("recv a nothing more", recv(a, buf, 3, MSG_DONTWAIT));
  struct sockaddr_storage un;
  memset(&un, 0, sizeof(un));
  un.ss_family = AF_UNSPEC;
  show("connect a AF_UNSPEC", connect(a, (struct sockaddr *)&un, sizeof(un)));
  lf = sizeof(from);
  show("getpeername after dissolve", getpeername(a, (struct sockaddr *)&from, &lf));
  show("send a unconnected", send(a, "x", 1, 0));

  /* sendmsg with a name and two iovecs; recvmsg gets the name back. */
  struct iovec iov[2] = {{"scatter ", 8}, {"gather", 6}};
  struct msghdr mh = {0};
  mh.msg_name = &ab;
  mh.msg_namelen = lb;
  mh.msg_iov = iov;
  mh.msg_iovlen = 2;
  show("connect b to c", connect(b, (struct sockaddr *)&ac, lc));
  show("sendmsg c->b", sendmsg(c, &mh, 0));
  char p1[5], p2[32] = {0};
  struct iovec in[2] = {{p1, 5}, {p2, sizeof(p2) - 1}};
  struct msghdr rh = {0};
  memset(&from, 0, sizeof(from));
  rh.msg_name = &from;
  rh.msg_namelen = sizeof(from);
  rh.msg_iov = in;
  rh.msg_iovlen = 2;
  wait_in(b);
  show("recvmsg b", recvmsg(b, &rh, 0));
  printf("[%.5s][%s] name is c: %d flags %#x\n", p1, p2,
         rh.msg_namelen == lc && !memcmp(&from, &ac, lc), rh.msg_flags);
  show("sendto short address", sendto(c, "x", 1, 0, (struct sockaddr *)&ab, 8));

  /* sendmmsg three datagrams; recvmmsg with MSG_WAITFORONE takes them. */
  struct mmsghdr mm[8];
  struct iovec mv[8];
  char mb[8][16];
  const char *words[3] = {"one", "three", "fifteen"};
  memset(mm, 0, sizeof(mm));
  for (int k = 0; k < 3; ++k) {
    mv[k].iov_base = (void *)words[k];
    mv[k].iov_len = strlen(words[k]);
    mm[k].msg_hdr.msg_iov = &mv[k];
    mm[k].msg_hdr.msg_iovlen = 1;
    mm[k].msg_hdr.msg_name = &ab;
    mm[k].msg_hdr.msg_namelen = lb;
  }
  show("sendmmsg 3", sendmmsg(c, mm, 3, 0));
  printf("msg_len %u %u %u\n", mm[0].msg_len, mm[1].msg_len, mm[2].msg_len);
  memset(mm, 0, sizeof(mm));
  for (int k = 0; k < 8; ++k) {
    mv[k].iov_base = mb[k];
    mv[k].iov_len = sizeof(mb[k]);
    mm[k].msg_hdr.msg_iov = &mv[k];
    mm[k].msg_hdr.msg_iovlen = 1;
  }
  wait_in(b);
  /* A zero timeout: checked after the first datagram, so one comes. */
  struct timespec zero = {0, 0}, bad = {0, 2000000000};
  show("recvmmsg timeout 0", recvmmsg(b, mm, 8, 0, &zero));
  printf("  [%.*s] timeout left %ld.%09ld\n", (int)mm[0].msg_len, mb[0],
         (long)zero.tv_sec, zero.tv_nsec);
  show("recvmmsg bad timeout", recvmmsg(b, mm, 8, 0, &bad));
  int got = recvmmsg(b, mm, 8, MSG_WAITFORONE, NULL);
  show("recvmmsg WAITFORONE", got);
  for (int k = 0; k < got; ++k) printf("  [%.*s]\n", (int)mm[k].msg_len, mb[k]);
  show("recvmmsg nothing, DONTWAIT", recvmmsg(b, mm, 8, MSG_DONTWAIT, NULL));
  close(a);
  close(b);
  close(c);
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  printf("== IPv4\n");
  run(AF_INET);
  printf("== IPv6\n");
  run(AF_INET6);
  return 0;
}
