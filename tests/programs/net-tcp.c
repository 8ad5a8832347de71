/* net-tcp: a TCP echo over loopback in one process (no threads, no
 * fork): a listening socket on 127.0.0.1 port 0, a non-blocking connect,
 * accept4, and a poll loop in which the server echoes what the client
 * sends; then getsockname/getpeername agreement, shutdown and EOF, the
 * same over ::1 when the host has IPv6 loopback, and accept on a
 * non-blocking listener with nothing pending (EAGAIN). Prints only what
 * does not depend on the port numbers. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static void show(const char *what, long r) {
  printf("%-36s %ld%s%s\n", what, r, r < 0 ? " " : "", r < 0 ? strerror(errno) : "");
}

static int echo(int family) {
  struct sockaddr_storage ss;
  socklen_t len;
  memset(&ss, 0, sizeof(ss));
  if (family == AF_INET) {
    struct sockaddr_in *a = (struct sockaddr_in *)&ss;
    a->sin_family = AF_INET;
    a->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    len = sizeof(*a);
  } else {
    struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
    a->sin6_family = AF_INET6;
    a->sin6_addr = in6addr_loopback;
    len = sizeof(*a);
  }
  int ls = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
  show("socket", ls >= 0);
  int one = 1;
  show("setsockopt SO_REUSEADDR", setsockopt(ls, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one)));
  if (bind(ls, (struct sockaddr *)&ss, len)) {
    printf("bind: %s\n", strerror(errno));
    close(ls);
    return -1;
  }
  show("listen", listen(ls, 4));
  socklen_t l2 = sizeof(ss);
  show("getsockname", getsockname(ls, (struct sockaddr *)&ss, &l2));
  printf("getsockname len matches: %d family ok: %d port set: %d\n", l2 == len,
         ss.ss_family == family,
         family == AF_INET ? ((struct sockaddr_in *)&ss)->sin_port != 0
                           : ((struct sockaddr_in6 *)&ss)->sin6_port != 0);

  int c = socket(family, SOCK_STREAM | SOCK_NONBLOCK, 0);
  int r = connect(c, (struct sockaddr *)&ss, len);
  printf("connect: %s\n", r == 0 ? "at once" : errno == EINPROGRESS ? "in progress" : strerror(errno));
  struct pollfd lp = {ls, POLLIN, 0};
  show("poll listener", poll(&lp, 1, 5000));
  struct sockaddr_storage peer;
  socklen_t pl = sizeof(peer);
  int s = accept4(ls, (struct sockaddr *)&peer, &pl, SOCK_NONBLOCK);
  show("accept4", s >= 0);
  printf("accept peer len matches: %d\n", pl == len);
  struct pollfd cp = {c, POLLOUT, 0};
  show("poll connect done", poll(&cp, 1, 5000));
  int err = -1;
  socklen_t el = sizeof(err);
  show("getsockopt SO_ERROR", getsockopt(c, SOL_SOCKET, SO_ERROR, &err, &el));
  printf("SO_ERROR %d len %u\n", err, el);

  /* getpeername of the client is the listener's name; getsockname of
   * the client is the server side's peer. */
  struct sockaddr_storage a1, a2;
  socklen_t l3 = sizeof(a1), l4 = sizeof(a2);
  getpeername(c, (struct sockaddr *)&a1, &l3);
  printf("client peer == listener: %d\n", l3 == l2 && !memcmp(&a1, &ss, l3));
  getsockname(c, (struct sockaddr *)&a2, &l4);
  printf("client name == accepted peer: %d\n", l4 == pl && !memcmp(&a2, &peer, l4));
  /* A short buffer: the address is cut, the length is the whole. */
  socklen_t l5 = 4;
  struct sockaddr_storage a3;
  memset(&a3, 0x55, sizeof(a3));
  show("getsockname cut", getsockname(c, (struct sockaddr *)&a3, &l5));
  printf("cut len %u, byte 4 untouched: %d\n", l5, ((unsigned char *)&a3)[4] == 0x55);

  const char *msgs[] = {"hello", "a longer line of text over tcp", "x", "bye"};
  char buf[256];
  int nmsg = sizeof(msgs) / sizeof(msgs[0]);
  fcntl(c, F_SETFL, fcntl(c, F_GETFL) & ~O_NONBLOCK);
  for (int k = 0; k < nmsg; ++k) {
    show("send", send(c, msgs[k], strlen(msgs[k]), 0));
    struct pollfd sp = {s, POLLIN, 0};
    poll(&sp, 1, 5000);
    ssize_t n = recv(s, buf, sizeof(buf), 0);
    show("server recv", n);
    show("server echo (sendto, no address)", sendto(s, buf, n, 0, NULL, 0));
    n = recvfrom(c, buf, strlen(msgs[k]), MSG_WAITALL, NULL, NULL);
    if (n >= 0) buf[n] = 0;
    printf("client got %zd [%s]\n", n, n >= 0 ? buf : "");
  }
  show("recv on empty non-blocking", recv(s, buf, sizeof(buf), 0));
  show("MSG_PEEK nothing, DONTWAIT", recv(c, buf, 1, MSG_PEEK | MSG_DONTWAIT));
  show("shutdown client SHUT_WR", shutdown(c, SHUT_WR));
  struct pollfd sp = {s, POLLIN, 0};
  show("poll eof", poll(&sp, 1, 5000));
  show("server recv eof", recv(s, buf, sizeof(buf), 0));
  show("write after server shutdown", (shutdown(s, SHUT_RDWR), 0));
  show("client read eof", read(c, buf, sizeof(buf)));
  fcntl(ls, F_SETFL, O_NONBLOCK);
  show("accept nothing pending", accept(ls, NULL, NULL));
  show("getpeername on listener", getpeername(ls, (struct sockaddr *)&a1, &l3));
  show("accept on a non-socket", accept(0 + 100, NULL, NULL));
  close(s);
  close(c);
  close(ls);
  return 0;
}

int main(void) {
  printf("== IPv4\n");
  echo(AF_INET);
  printf("== IPv6\n");
  echo(AF_INET6);
  return 0;
}
