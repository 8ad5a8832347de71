/* unix-root.c: AF_UNIX sockets at absolute paths, for blink -C ROOT
 * (cli/unix-root): argv[1] is a directory to make, argv[2] "keep" to
 * leave the socket files there. A stream socket is bound at DIR/s,
 * connected to and accepted; getsockname and getpeername must give the
 * path as bound (under -C: without the root). A second one is bound at
 * DIR/<70 d's>/s, a path that fits sun_path but not once a long root is
 * put in front of it; a datagram is sent to it by sendto and sendmsg. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

static socklen_t addr(struct sockaddr_un *a, const char *path) {
  memset(a, 0, sizeof(*a));
  a->sun_family = AF_UNIX;
  snprintf(a->sun_path, sizeof(a->sun_path), "%s", path);
  return (socklen_t)(sizeof(a->sun_family) + strlen(path) + 1);
}

int main(int argc, char **argv) {
  if (argc < 2) return 2;
  char p1[200], d2[200], p2[200];
  snprintf(p1, sizeof(p1), "%s/s", argv[1]);
  snprintf(d2, sizeof(d2), "%s/%070d", argv[1], 0);
  snprintf(p2, sizeof(p2), "%s/s", d2);
  if (strlen(p2) >= 108) return 3;
  mkdir(argv[1], 0755);
  mkdir(d2, 0755);
  unlink(p1);
  unlink(p2);
  struct sockaddr_un a, b;
  socklen_t n = addr(&a, p1), bl;
  int l = socket(AF_UNIX, SOCK_STREAM, 0);
  printf("bind %s\n", bind(l, (struct sockaddr *)&a, n) ? "failed" : "ok");
  listen(l, 1);
  bl = sizeof(b);
  getsockname(l, (struct sockaddr *)&b, &bl);
  printf("getsockname %s, length %s\n", strcmp(b.sun_path, p1) ? b.sun_path : "same",
         bl == n ? "same" : "differs");
  int c = socket(AF_UNIX, SOCK_STREAM, 0);
  printf("connect %s\n", connect(c, (struct sockaddr *)&a, n) ? "failed" : "ok");
  int s = accept(l, NULL, NULL);
  bl = sizeof(b);
  getpeername(c, (struct sockaddr *)&b, &bl);
  printf("getpeername %s\n", strcmp(b.sun_path, p1) ? b.sun_path : "same");
  write(c, "ping", 4);
  char buf[8] = {0};
  read(s, buf, sizeof(buf) - 1);
  printf("read %s\n", buf);

  n = addr(&a, p2);
  int d = socket(AF_UNIX, SOCK_DGRAM, 0);
  printf("long bind %s\n", bind(d, (struct sockaddr *)&a, n) ? "failed" : "ok");
  int e = socket(AF_UNIX, SOCK_DGRAM, 0);
  printf("sendto %zd\n", sendto(e, "one", 3, 0, (struct sockaddr *)&a, n));
  struct iovec v = {"two", 3};
  struct msghdr mh = {0};
  mh.msg_name = &a;
  mh.msg_namelen = n;
  mh.msg_iov = &v;
  mh.msg_iovlen = 1;
  printf("sendmsg %zd\n", sendmsg(e, &mh, 0));
  memset(buf, 0, sizeof(buf));
  recv(d, buf, 3, 0);
  recv(d, buf + 3, 3, 0);
  printf("received %s\n", buf);
  if (argc < 3 || strcmp(argv[2], "keep")) {
    unlink(p1);
    unlink(p2);
    rmdir(d2);
    rmdir(argv[1]);
  }
  return 0;
}
