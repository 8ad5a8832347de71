/* structs.c: system calls whose arguments strace shows as structures
 * (cli/strace-structs runs it under `strace -f` natively and under
 * blink -s and compares the lines of the calls listed there): socket
 * addresses (AF_INET, AF_INET6, AF_UNIX named and abstract), socket
 * options, msghdr with iovecs and SCM_RIGHTS, readv, epoll events,
 * stack_t, itimerval/itimerspec, signal sets, termios and winsize on a pty, wait
 * status, getdents64's entry count, fcntl arguments, an old sigaction.
 * Descriptors are moved to fixed numbers so that both runs agree. */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/uio.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

/* fd moved to want (closing fd). */
static int at(int fd, int want) {
  if (fd < 0 || fd == want) return fd;
  dup2(fd, want);
  close(fd);
  return want;
}

static void handler(int sig) { (void)sig; }

int main(int argc, char **argv) {
  if (argc > 1 && !strcmp(argv[1], "again")) {
    puts("done");
    return 0;
  }
  char dir[] = "strace-structs-XXXXXX";
  if (!mkdtemp(dir)) return 1;
  if (chdir(dir)) return 1;

  /* AF_INET: bind to 127.0.0.1, port 0 */
  int s4 = at(socket(AF_INET, SOCK_STREAM, 0), 20);
  int one = 1;
  setsockopt(s4, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
  struct sockaddr_in in4 = {0};
  in4.sin_family = AF_INET;
  in4.sin_port = htons(0);
  in4.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(s4, (struct sockaddr *)&in4, sizeof(in4));
  /* connect to a port nobody listens on (the 0 port: refused) */
  int c4 = at(socket(AF_INET, SOCK_DGRAM, 0), 21);
  in4.sin_port = htons(9);
  connect(c4, (struct sockaddr *)&in4, sizeof(in4));

  /* AF_INET6: ::1 */
  int s6 = at(socket(AF_INET6, SOCK_DGRAM, 0), 22);
  struct sockaddr_in6 in6 = {0};
  in6.sin6_family = AF_INET6;
  in6.sin6_port = htons(0);
  in6.sin6_addr = in6addr_loopback;
  bind(s6, (struct sockaddr *)&in6, sizeof(in6));

  /* AF_UNIX: a named path and an abstract name */
  int su = at(socket(AF_UNIX, SOCK_DGRAM, 0), 23);
  struct sockaddr_un un = {0};
  un.sun_family = AF_UNIX;
  strcpy(un.sun_path, "sock");
  bind(su, (struct sockaddr *)&un, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 5));
  struct sockaddr_un got;
  socklen_t gotlen = sizeof(got);
  getsockname(su, (struct sockaddr *)&got, &gotlen);
  int sa = at(socket(AF_UNIX, SOCK_DGRAM, 0), 24);
  memcpy(un.sun_path, "\0abstract-structs", 17);
  bind(sa, (struct sockaddr *)&un, (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 17));

  /* msghdr: two iovecs and a descriptor */
  int sv[2];
  socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
  sv[0] = at(sv[0], 25);
  sv[1] = at(sv[1], 26);
  char cbuf[CMSG_SPACE(sizeof(int))];
  memset(cbuf, 0, sizeof(cbuf));
  struct iovec out[2] = {{"msg", 3}, {"hdr", 3}};
  struct msghdr mh = {0};
  mh.msg_iov = out;
  mh.msg_iovlen = 2;
  mh.msg_control = cbuf;
  mh.msg_controllen = sizeof(cbuf);
  struct cmsghdr *c = CMSG_FIRSTHDR(&mh);
  c->cmsg_level = SOL_SOCKET;
  c->cmsg_type = SCM_RIGHTS;
  c->cmsg_len = CMSG_LEN(sizeof(int));
  int pass = 0;
  memcpy(CMSG_DATA(c), &pass, sizeof(int));
  sendmsg(sv[0], &mh, MSG_NOSIGNAL);
  char in[8] = {0};
  struct iovec iv = {in, sizeof(in)};
  struct msghdr rh = {0};
  char rcbuf[CMSG_SPACE(sizeof(int))];
  rh.msg_iov = &iv;
  rh.msg_iovlen = 1;
  rh.msg_control = rcbuf;
  rh.msg_controllen = sizeof(rcbuf);
  recvmsg(sv[1], &rh, MSG_CMSG_CLOEXEC);
  struct cmsghdr *rc = CMSG_FIRSTHDR(&rh);
  if (rc && rc->cmsg_type == SCM_RIGHTS) {
    int got;
    memcpy(&got, CMSG_DATA(rc), sizeof(int));
    close(got);
  }

  /* sendmmsg, recvmmsg: vectors of msghdrs with their lengths */
  int dv[2];
  socketpair(AF_UNIX, SOCK_DGRAM, 0, dv);
  dv[0] = at(dv[0], 33);
  dv[1] = at(dv[1], 34);
  struct iovec m1 = {"one", 3}, m2 = {"three", 5};
  struct mmsghdr mm[2];
  memset(mm, 0, sizeof(mm));
  mm[0].msg_hdr.msg_iov = &m1;
  mm[0].msg_hdr.msg_iovlen = 1;
  mm[1].msg_hdr.msg_iov = &m2;
  mm[1].msg_hdr.msg_iovlen = 1;
  sendmmsg(dv[0], mm, 2, 0);
  char r1[8], r2[8];
  struct iovec i1 = {r1, sizeof(r1)}, i2 = {r2, sizeof(r2)};
  struct mmsghdr rm[3];
  memset(rm, 0, sizeof(rm));
  rm[0].msg_hdr.msg_iov = &i1;
  rm[0].msg_hdr.msg_iovlen = 1;
  rm[1].msg_hdr.msg_iov = &i2;
  rm[1].msg_hdr.msg_iovlen = 1;
  rm[2].msg_hdr.msg_iov = &i2;
  rm[2].msg_hdr.msg_iovlen = 1;
  recvmmsg(dv[1], rm, 3, MSG_DONTWAIT, NULL);

  /* readv from a pipe: the bytes read, spread over the iovecs */
  int p[2];
  pipe(p);
  p[0] = at(p[0], 27);
  p[1] = at(p[1], 28);
  write(p[1], "hello", 5);
  char a1[3], a2[8];
  struct iovec rv[2] = {{a1, sizeof(a1)}, {a2, sizeof(a2)}};
  readv(p[0], rv, 2);
  fcntl(p[0], F_SETFD, FD_CLOEXEC);
  fcntl(p[0], F_SETFL, O_NONBLOCK);

  /* poll: revents after the result, a timeout */
  struct pollfd pf[3] = {{p[0], POLLIN, 0}, {p[1], POLLOUT, 0}, {p[0], POLLPRI, 0}};
  poll(pf, 3, 0);
  poll(pf + 2, 1, 0);

  /* select, pselect: the sets as they went in, then what came out */
  fd_set rs, ws;
  FD_ZERO(&rs);
  FD_ZERO(&ws);
  FD_SET(0, &rs);
  FD_SET(p[0], &rs);
  FD_SET(p[1], &ws);
  struct timeval stv = {0, 0};
  select(p[1] + 1, &rs, &ws, NULL, &stv);
  FD_ZERO(&rs);
  FD_SET(p[0], &rs);
  struct timespec sts = {0, 1000};
  sigset_t pss;
  sigemptyset(&pss);
  sigaddset(&pss, SIGINT);
  pselect(p[0] + 1, &rs, NULL, NULL, &sts, &pss);

  /* epoll */
  int ep = at(epoll_create1(EPOLL_CLOEXEC), 29);
  struct epoll_event ev = {0};
  ev.events = EPOLLIN | EPOLLET;
  ev.data.u64 = 7;
  epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev);
  write(p[1], "x", 1);
  struct epoll_event evs[4];
  epoll_wait(ep, evs, 4, 0);

  /* mmap, mprotect, madvise, munmap: strace's NULL and decimal lengths */
  char *map = mmap(NULL, 12288, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
  mprotect(map + 4096, 4096, PROT_NONE);
  madvise(map, 8192, MADV_DONTNEED);
  munmap(map, 12288);

  /* stack_t */
  static char stack[65536];
  stack_t ss = {0}, old;
  ss.ss_sp = stack;
  ss.ss_size = sizeof(stack);
  sigaltstack(&ss, NULL);
  sigaltstack(NULL, &old);

  /* itimerval, itimerspec */
  struct itimerval itv = {{0, 0}, {100, 500}}, oitv;
  setitimer(ITIMER_REAL, &itv, NULL);
  memset(&itv, 0, sizeof(itv));
  setitimer(ITIMER_REAL, &itv, NULL);
  getitimer(ITIMER_REAL, &oitv);
  int tfd = at(timerfd_create(CLOCK_MONOTONIC, 0), 30);
  struct itimerspec its = {{1, 0}, {2, 3}};
  timerfd_settime(tfd, 0, &its, NULL);

  /* signal sets with real-time signals */
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGRTMIN + 2);
  sigaddset(&set, SIGRTMAX);
  sigprocmask(SIG_BLOCK, &set, NULL);
  sigprocmask(SIG_UNBLOCK, &set, NULL);

  /* the old sigaction */
  struct sigaction act = {0}, oact;
  act.sa_handler = handler;
  act.sa_flags = SA_RESTART;
  sigaction(SIGUSR1, &act, NULL);
  sigaction(SIGUSR1, NULL, &oact);

  /* termios and winsize on a pty */
  int m = posix_openpt(O_RDWR | O_NOCTTY);
  if (m >= 0 && !grantpt(m) && !unlockpt(m)) {
    m = at(m, 31);
    int t = at(open(ptsname(m), O_RDWR | O_NOCTTY), 32);
    struct termios tio;
    tcgetattr(t, &tio);
    struct winsize ws = {24, 80, 0, 0};
    ioctl(t, TIOCSWINSZ, &ws);
    ioctl(t, TIOCGWINSZ, &ws);
  }

  /* getdents64: ".", ".." and three files */
  for (int k = 0; k < 3; ++k) {
    char name[8];
    snprintf(name, sizeof(name), "f%d", k);
    close(open(name, O_CREAT | O_WRONLY, 0644));
  }
  struct statx sx;
  statx(AT_FDCWD, "f0", AT_SYMLINK_NOFOLLOW, STATX_MODE | STATX_SIZE, &sx);
  statx(AT_FDCWD, "missing", 0, STATX_BASIC_STATS, &sx);
  DIR *d = opendir(".");
  while (d && readdir(d)) {
  }
  if (d) closedir(d);

  /* wait status */
  pid_t pid = fork();
  if (!pid) _exit(3);
  int st;
  wait4(pid, &st, 0, NULL);
  pid = fork();
  if (!pid) {
    signal(SIGTERM, SIG_DFL);
    raise(SIGTERM);
    _exit(0);
  }
  wait4(pid, &st, 0, NULL);

  unlink("sock");
  for (int k = 0; k < 3; ++k) {
    char name[8];
    snprintf(name, sizeof(name), "f%d", k);
    unlink(name);
  }
  if (chdir("..") || rmdir(dir)) return 1;
  /* execve: argv's strings and envp's count, failing and succeeding */
  char *args[] = {"structs", "again", NULL}, *env[] = {"X=1", NULL};
  execve("/nonexistent/structs", args, env);
  execve("/proc/self/exe", args, env);
  return 1;
}
