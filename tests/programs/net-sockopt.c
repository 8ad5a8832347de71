/* net-sockopt: socket options and families: SO_TYPE, SO_DOMAIN,
 * SO_PROTOCOL, SO_ACCEPTCONN, SO_ERROR, SO_REUSEADDR, SO_KEEPALIVE,
 * SO_RCVBUF/SO_SNDBUF (the kernel doubles), SO_LINGER, TCP_NODELAY,
 * IPV6_V6ONLY, SO_RCVTIMEO/SO_SNDTIMEO as struct timeval (a recv that
 * times out with EAGAIN), a short option length (the value is cut), an
 * unknown option (ENOPROTOOPT), bad socket types and flags, families
 * nobody has (EAFNOSUPPORT), and getaddrinfo with AI_ADDRCONFIG, which
 * glibc answers with a netlink socket natively and without one under
 * blink (which refuses AF_NETLINK). */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static void show(const char *what, long r) {
  printf("%-36s %ld%s%s\n", what, r, r < 0 ? " " : "", r < 0 ? strerror(errno) : "");
}

static void geti(int s, int level, int name, const char *what) {
  int v = -12345;
  socklen_t l = sizeof(v);
  int r = getsockopt(s, level, name, &v, &l);
  if (r) printf("%-28s error %s\n", what, strerror(errno));
  else printf("%-28s %d (len %u)\n", what, v, l);
}

static void seti(int s, int level, int name, int v, const char *what) {
  char label[64];
  snprintf(label, sizeof(label), "set %s %d", what, v);
  show(label, setsockopt(s, level, name, &v, sizeof(v)));
}

int main(void) {
  int t = socket(AF_INET, SOCK_STREAM, 0);
  int u = socket(AF_INET, SOCK_DGRAM, 0);
  int x = socket(AF_UNIX, SOCK_SEQPACKET, 0);
  geti(t, SOL_SOCKET, SO_TYPE, "tcp SO_TYPE");
  geti(u, SOL_SOCKET, SO_TYPE, "udp SO_TYPE");
  geti(x, SOL_SOCKET, SO_TYPE, "unix SO_TYPE");
  geti(t, SOL_SOCKET, SO_DOMAIN, "tcp SO_DOMAIN");
  geti(x, SOL_SOCKET, SO_DOMAIN, "unix SO_DOMAIN");
  geti(t, SOL_SOCKET, SO_PROTOCOL, "tcp SO_PROTOCOL");
  geti(u, SOL_SOCKET, SO_PROTOCOL, "udp SO_PROTOCOL");
  geti(t, SOL_SOCKET, SO_ACCEPTCONN, "SO_ACCEPTCONN before");
  struct sockaddr_in a = {AF_INET, 0, {htonl(INADDR_LOOPBACK)}, {0}};
  bind(t, (struct sockaddr *)&a, sizeof(a));
  listen(t, 1);
  geti(t, SOL_SOCKET, SO_ACCEPTCONN, "SO_ACCEPTCONN listening");
  geti(t, SOL_SOCKET, SO_ERROR, "SO_ERROR");
  geti(t, SOL_SOCKET, SO_REUSEADDR, "SO_REUSEADDR");
  seti(t, SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR");
  geti(t, SOL_SOCKET, SO_REUSEADDR, "SO_REUSEADDR");
  seti(t, SOL_SOCKET, SO_KEEPALIVE, 1, "SO_KEEPALIVE");
  geti(t, SOL_SOCKET, SO_KEEPALIVE, "SO_KEEPALIVE");
  seti(u, SOL_SOCKET, SO_RCVBUF, 65536, "SO_RCVBUF");
  geti(u, SOL_SOCKET, SO_RCVBUF, "SO_RCVBUF");
  seti(u, SOL_SOCKET, SO_SNDBUF, 32768, "SO_SNDBUF");
  geti(u, SOL_SOCKET, SO_SNDBUF, "SO_SNDBUF");
  seti(u, SOL_SOCKET, SO_BROADCAST, 1, "SO_BROADCAST");
  geti(u, SOL_SOCKET, SO_BROADCAST, "SO_BROADCAST");
  geti(t, IPPROTO_TCP, TCP_NODELAY, "TCP_NODELAY");
  seti(t, IPPROTO_TCP, TCP_NODELAY, 1, "TCP_NODELAY");
  geti(t, IPPROTO_TCP, TCP_NODELAY, "TCP_NODELAY");
  seti(u, IPPROTO_TCP, TCP_NODELAY, 1, "TCP_NODELAY on udp");
  seti(u, IPPROTO_IP, IP_TTL, 7, "IP_TTL");
  geti(u, IPPROTO_IP, IP_TTL, "IP_TTL");

  char cc[32] = {0};
  socklen_t ccl = sizeof(cc);
  show("get TCP_CONGESTION", getsockopt(t, IPPROTO_TCP, TCP_CONGESTION, cc, &ccl));
  printf("congestion name set: %d len %u\n", cc[0] != 0, ccl);
  struct tcp_info ti;
  socklen_t til = sizeof(ti);
  show("get TCP_INFO", getsockopt(t, IPPROTO_TCP, TCP_INFO, &ti, &til));
  printf("tcp_info state %d (listen %d) len ok %d\n", ti.tcpi_state, TCP_LISTEN,
         til > 100);
  unsigned char ttl1 = 0;
  socklen_t t1l = 1;
  show("get IP_TTL len 1", getsockopt(u, IPPROTO_IP, IP_TTL, &ttl1, &t1l));
  printf("ttl byte %d len %u\n", ttl1, t1l);
  show("set SO_BINDTODEVICE lo", setsockopt(u, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3));
  ccl = sizeof(cc);
  memset(cc, 0, sizeof(cc));
  show("get SO_BINDTODEVICE", getsockopt(u, SOL_SOCKET, SO_BINDTODEVICE, cc, &ccl));
  printf("device [%s] len %u\n", cc, ccl);

  struct linger lg = {1, 5};
  show("set SO_LINGER", setsockopt(t, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg)));
  memset(&lg, 0, sizeof(lg));
  socklen_t ll = sizeof(lg);
  show("get SO_LINGER", getsockopt(t, SOL_SOCKET, SO_LINGER, &lg, &ll));
  printf("linger %d %d len %u\n", lg.l_onoff, lg.l_linger, ll);

  int s6 = socket(AF_INET6, SOCK_DGRAM, 0);
  if (s6 >= 0) {
    seti(s6, IPPROTO_IPV6, IPV6_V6ONLY, 1, "IPV6_V6ONLY");
    geti(s6, IPPROTO_IPV6, IPV6_V6ONLY, "IPV6_V6ONLY");
    seti(s6, IPPROTO_IPV6, IPV6_V6ONLY, 0, "IPV6_V6ONLY");
    geti(s6, IPPROTO_IPV6, IPV6_V6ONLY, "IPV6_V6ONLY");
    close(s6);
  }

  /* Timeouts: a struct timeval each way, and a recv that runs out. */
  struct timeval tv = {0, 150000};
  show("set SO_RCVTIMEO", setsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)));
  tv = (struct timeval){2, 500000};
  show("set SO_SNDTIMEO", setsockopt(u, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv)));
  memset(&tv, 0, sizeof(tv));
  socklen_t tl = sizeof(tv);
  show("get SO_RCVTIMEO", getsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &tv, &tl));
  printf("rcvtimeo %ld.%06ld len %u\n", (long)tv.tv_sec, (long)tv.tv_usec, tl);
  tl = sizeof(tv);
  show("get SO_SNDTIMEO", getsockopt(u, SOL_SOCKET, SO_SNDTIMEO, &tv, &tl));
  printf("sndtimeo %ld.%06ld len %u\n", (long)tv.tv_sec, (long)tv.tv_usec, tl);
  show("set SO_RCVTIMEO short len", setsockopt(u, SOL_SOCKET, SO_RCVTIMEO, &tv, 8));
  struct sockaddr_in ua = {AF_INET, 0, {htonl(INADDR_LOOPBACK)}, {0}};
  bind(u, (struct sockaddr *)&ua, sizeof(ua));
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  char buf[8];
  show("recv with SO_RCVTIMEO", recv(u, buf, sizeof(buf), 0));
  clock_gettime(CLOCK_MONOTONIC, &t1);
  double dt = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
  printf("waited at least 0.1s: %d\n", dt >= 0.1);

  /* A short length cuts the value; a negative one is refused. */
  char small[2] = {0x55, 0x55};
  socklen_t sl = 1;
  int v = 1;
  setsockopt(t, SOL_SOCKET, SO_SNDBUF, &v, sizeof(v));
  show("get SO_TYPE len 1", getsockopt(t, SOL_SOCKET, SO_TYPE, small, &sl));
  printf("len %u byte %d next %#x\n", sl, small[0], (unsigned char)small[1]);
  sl = (socklen_t)-1;
  show("get SO_TYPE len -1", getsockopt(t, SOL_SOCKET, SO_TYPE, &v, &sl));
  show("set SO_REUSEADDR len 2", setsockopt(t, SOL_SOCKET, SO_REUSEADDR, &v, 2));
  sl = sizeof(v);
  show("unknown option 9999", getsockopt(t, SOL_SOCKET, 9999, &v, &sl));
  show("unknown option set", setsockopt(t, SOL_SOCKET, 9999, &v, sizeof(v)));
  int pp[2];
  pipe(pp);
  show("getsockopt on a pipe", getsockopt(pp[0], SOL_SOCKET, SO_TYPE, &v, &sl));

  /* Bad types, flags and families. */
  show("socket type 99", socket(AF_INET, 99, 0));
  show("socket bad flag", socket(AF_INET, SOCK_STREAM | 0x100000, 0));
  show("socket family 200", socket(200, SOCK_STREAM, 0));
  show("socket family -1", socket(-1, SOCK_STREAM, 0));
  show("socket family 200, bad flag", socket(200, SOCK_STREAM | 0x100000, 0));
  show("socket family 200, type 99", socket(200, 99, 0));
  show("socket AF_NETLINK, type 99", socket(AF_NETLINK, 99, 0));
  show("socketpair AF_INET", socketpair(AF_INET, SOCK_STREAM, 0, (int[2]){0}));
  show("socketpair family 200", socketpair(200, SOCK_STREAM, 0, (int[2]){0}));
  show("bind family 200 address", bind(u, (struct sockaddr *)&(struct sockaddr_storage){200}, 16));

  /* Numeric lookups with AI_ADDRCONFIG (a netlink query natively). */
  struct addrinfo hints = {0}, *res;
  hints.ai_flags = AI_ADDRCONFIG | AI_NUMERICHOST | AI_NUMERICSERV;
  hints.ai_socktype = SOCK_STREAM;
  int r = getaddrinfo("127.0.0.1", "8080", &hints, &res);
  printf("getaddrinfo 127.0.0.1: %s\n", r ? gai_strerror(r) : "ok");
  if (!r) {
    char host[64], serv[16];
    getnameinfo(res->ai_addr, res->ai_addrlen, host, sizeof(host), serv, sizeof(serv),
                NI_NUMERICHOST | NI_NUMERICSERV);
    printf("family %d %s port %s\n", res->ai_family, host, serv);
    freeaddrinfo(res);
  }
  hints.ai_flags = AI_NUMERICHOST;
  hints.ai_family = AF_UNSPEC;
  r = getaddrinfo("::1", NULL, &hints, &res);
  printf("getaddrinfo ::1: %s family %d\n", r ? gai_strerror(r) : "ok", r ? 0 : res->ai_family);
  if (!r) freeaddrinfo(res);
  return 0;
}
