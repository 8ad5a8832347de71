/* net-unix: AF_UNIX sockets: socketpair (stream and datagram), a pipe's
 * read end passed through SCM_RIGHTS with sendmsg/recvmsg (the received
 * descriptor reads what is written into the pipe), SCM_CREDENTIALS
 * with SO_PASSCRED, a control buffer too small for the descriptors
 * (MSG_CTRUNC), a named socket bound to a path and an abstract one with
 * their addresses from getsockname and recvfrom, scatter/gather iovecs,
 * and MSG_TRUNC on a datagram. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <unistd.h>

static void show(const char *what, long r) {
  printf("%-36s %ld%s%s\n", what, r, r < 0 ? " " : "", r < 0 ? strerror(errno) : "");
}

static int send_fds(int s, const int *fds, int n, const char *text) {
  union {
    char buf[CMSG_SPACE(sizeof(int) * 4)];
    struct cmsghdr align;
  } u;
  memset(&u, 0, sizeof(u));
  struct iovec iov[2] = {{(void *)text, 3}, {(void *)(text + 3), strlen(text) - 3}};
  struct msghdr mh = {0};
  mh.msg_iov = iov;
  mh.msg_iovlen = 2;
  mh.msg_control = u.buf;
  mh.msg_controllen = CMSG_SPACE(sizeof(int) * n);
  struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int) * n);
  memcpy(CMSG_DATA(c), fds, sizeof(int) * n);
  return sendmsg(s, &mh, 0);
}

static int recv_fds(int s, int *fds, int max, size_t ctl, int *flags, char *text,
                    size_t tn) {
  union {
    char buf[CMSG_SPACE(sizeof(int) * 8)];
    struct cmsghdr align;
  } u;
  memset(&u, 0, sizeof(u));
  char a[4];
  struct iovec iov[2] = {{a, 4}, {text + 4, tn - 5}};
  struct msghdr mh = {0};
  mh.msg_iov = iov;
  mh.msg_iovlen = 2;
  mh.msg_control = u.buf;
  mh.msg_controllen = ctl;
  int r = recvmsg(s, &mh, MSG_CMSG_CLOEXEC);
  if (r < 0) return r;
  memcpy(text, a, 4);
  text[r < (int)tn - 1 ? r : (int)tn - 1] = 0;
  *flags = mh.msg_flags;
  int n = 0;
  for (struct cmsghdr *c = CMSG_FIRSTHDR(&mh); c; c = CMSG_NXTHDR(&mh, c)) {
    printf("cmsg level %d type %d len %zu\n", c->cmsg_level, c->cmsg_type,
           (size_t)c->cmsg_len);
    if (c->cmsg_type == SCM_RIGHTS)
      for (size_t k = 0; k < (c->cmsg_len - CMSG_LEN(0)) / sizeof(int) && n < max; ++k)
        memcpy(&fds[n++], CMSG_DATA(c) + k * sizeof(int), sizeof(int));
    if (c->cmsg_type == SCM_CREDENTIALS) {
      struct ucred cr;
      memcpy(&cr, CMSG_DATA(c), sizeof(cr));
      printf("credentials pid ok %d uid ok %d\n", cr.pid == getpid(),
             cr.uid == getuid());
    }
  }
  printf("controllen back %zu\n", (size_t)mh.msg_controllen);
  return n;
}

int main(void) {
  int sv[2];
  show("socketpair stream", socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
  int p[2];
  show("pipe", pipe(p));
  show("sendmsg pipe read end", send_fds(sv[0], &p[0], 1, "here is a pipe"));
  int got[8], flags;
  char text[64];
  int n = recv_fds(sv[1], got, 8, sizeof(int) * 8 + 64, &flags, text, sizeof(text));
  printf("received %d fds, text [%s], flags %#x\n", n, text, flags);
  if (n == 1) {
    printf("new fd differs: %d, cloexec: %d\n", got[0] != p[0],
           (fcntl(got[0], F_GETFD) & FD_CLOEXEC) != 0);
    struct stat a, b;
    fstat(got[0], &a);
    fstat(p[0], &b);
    printf("same pipe: %d\n", a.st_ino == b.st_ino && S_ISFIFO(a.st_mode));
    close(p[0]);
    show("write into pipe", write(p[1], "through", 7));
    char buf[16] = {0};
    show("read from passed fd", read(got[0], buf, sizeof(buf) - 1));
    printf("read [%s]\n", buf);
    close(got[0]);
  }
  /* Three descriptors, room for one: MSG_CTRUNC, the rest closed. */
  int three[3] = {p[1], 1, 2};
  show("sendmsg three fds", send_fds(sv[0], three, 3, "three fds"));
  n = recv_fds(sv[1], got, 8, CMSG_SPACE(sizeof(int)), &flags, text, sizeof(text));
  printf("received %d fds, text [%s], ctrunc %d\n", n, text, (flags & MSG_CTRUNC) != 0);
  for (int k = 0; k < n; ++k) close(got[k]);
  show("sendmsg a bad fd", send_fds(sv[0], (int[]){999}, 1, "bad fd"));

  /* Credentials. */
  int one = 1;
  show("SO_PASSCRED", setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof(one)));
  show("send", send(sv[0], "cred", 4, 0));
  n = recv_fds(sv[1], got, 8, 64, &flags, text, sizeof(text));
  printf("text [%s]\n", text);
  struct ucred cr;
  socklen_t cl = sizeof(cr);
  show("SO_PEERCRED", getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cr, &cl));
  printf("peercred len %u pid ok %d uid ok %d gid ok %d\n", cl, cr.pid == getpid(),
         cr.uid == getuid(), cr.gid == getgid());
  close(sv[0]);
  close(sv[1]);

  /* Datagram pair: message boundaries and MSG_TRUNC. */
  show("socketpair dgram", socketpair(AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0, sv));
  show("send 10", send(sv[0], "0123456789", 10, 0));
  show("send 3", send(sv[0], "abc", 3, 0));
  char b4[4];
  show("recv 4 of 10, MSG_TRUNC", recv(sv[1], b4, 4, MSG_TRUNC));
  printf("[%.4s]\n", b4);
  show("recv next", recv(sv[1], b4, 4, 0));
  printf("[%.3s]\n", b4);
  show("recv empty", recv(sv[1], b4, 4, 0));
  close(sv[0]);
  close(sv[1]);

  /* Named and abstract addresses. */
  char path[] = "blink-net-unix-XXXXXX";
  if (!mkdtemp(path)) return 1;
  char sock[64];
  snprintf(sock, sizeof(sock), "%s/s", path);
  int srv = socket(AF_UNIX, SOCK_DGRAM, 0);
  struct sockaddr_un su = {0};
  su.sun_family = AF_UNIX;
  strcpy(su.sun_path, sock);
  socklen_t sl = offsetof(struct sockaddr_un, sun_path) + strlen(sock) + 1;
  show("bind path", bind(srv, (struct sockaddr *)&su, sl));
  int cli = socket(AF_UNIX, SOCK_DGRAM, 0);
  struct sockaddr_un ca = {0};
  ca.sun_family = AF_UNIX;
  memcpy(ca.sun_path, "\0blink-abstract", 15);
  show("bind abstract", bind(cli, (struct sockaddr *)&ca, offsetof(struct sockaddr_un, sun_path) + 15));
  struct sockaddr_un got_a;
  socklen_t gl = sizeof(got_a);
  show("getsockname path", getsockname(srv, (struct sockaddr *)&got_a, &gl));
  printf("len ok %d path ok %d\n", gl == sl, !strcmp(got_a.sun_path, sock));
  show("sendto path", sendto(cli, "dgram", 5, 0, (struct sockaddr *)&su, sl));
  char buf[16] = {0};
  gl = sizeof(got_a);
  memset(&got_a, 0, sizeof(got_a));
  show("recvfrom", recvfrom(srv, buf, sizeof(buf), 0, (struct sockaddr *)&got_a, &gl));
  printf("[%s] from len %u abstract ok %d\n", buf, gl,
         !memcmp(got_a.sun_path, "\0blink-abstract", 15));
  int anon = socket(AF_UNIX, SOCK_DGRAM, 0);
  show("sendto from unbound", sendto(anon, "x", 1, 0, (struct sockaddr *)&su, sl));
  gl = sizeof(got_a);
  show("recvfrom unbound sender", recvfrom(srv, buf, sizeof(buf), 0, (struct sockaddr *)&got_a, &gl));
  printf("unbound sender len %u\n", gl);
  show("bind path again", bind(cli, (struct sockaddr *)&su, sl));
  show("connect nowhere", connect(anon, (struct sockaddr *)&(struct sockaddr_un){AF_UNIX, "/nonexistent/x"}, sizeof(struct sockaddr_un)));
  show("bind short len", bind(anon, (struct sockaddr *)&su, 1));
  close(anon);
  close(cli);
  close(srv);
  unlink(sock);
  rmdir(path);
  return 0;
}
