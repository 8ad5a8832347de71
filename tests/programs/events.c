/* events: epoll (create1, ctl ADD/MOD/DEL, wait, pwait, pwait2, level and
 * edge triggered, the 64-bit data word, EFAULT), eventfd2 (counter and
 * semaphore modes, EAGAIN when non-blocking), timerfd (settime, gettime, an
 * expiry read back, an interval), inotify (a created file's event), and
 * poll/select/ppoll/pselect on an eventfd. Prints results only, never
 * times or descriptor numbers. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static void show(const char *what, long r) {
  printf("%-34s %ld%s%s\n", what, r, r < 0 ? " " : "", r < 0 ? strerror(errno) : "");
}

static void epoll_part(void) {
  int ep = epoll_create1(EPOLL_CLOEXEC);
  show("epoll_create1", ep >= 0);
  show("epoll cloexec", !!(fcntl(ep, F_GETFD) & FD_CLOEXEC));
  errno = 0;
  show("epoll_create1 bad flags", epoll_create1(12345));
  show("epoll_create(0)", epoll_create(0));
  int p1[2], p2[2];
  if (pipe(p1) || pipe(p2)) return;
  struct epoll_event e = {.events = EPOLLIN, .data.u64 = 0x1122334455667788ull};
  show("ctl add p1", epoll_ctl(ep, EPOLL_CTL_ADD, p1[0], &e));
  show("ctl add p1 again", epoll_ctl(ep, EPOLL_CTL_ADD, p1[0], &e));
  e.events = EPOLLIN | EPOLLET;
  e.data.u64 = 0xfeedfacecafebeefull;
  show("ctl add p2 edge", epoll_ctl(ep, EPOLL_CTL_ADD, p2[0], &e));
  show("ctl mod bad fd", epoll_ctl(ep, EPOLL_CTL_MOD, 999, &e));
  struct epoll_event out[4];
  memset(out, 0, sizeof(out));
  show("wait nothing ready", epoll_wait(ep, out, 4, 0));
  show("wait maxevents 0", epoll_wait(ep, out, 0, 0));
  if (write(p1[1], "a", 1) != 1 || write(p2[1], "b", 1) != 1) return;
  int n = epoll_wait(ep, out, 4, 1000);
  show("wait two ready", n);
  /* Order is the kernel's; print sorted by data. */
  uint64_t d[2] = {0, 0};
  for (int k = 0; k < n && k < 2; ++k) d[k] = out[k].data.u64;
  if (d[0] > d[1]) { uint64_t t = d[0]; d[0] = d[1]; d[1] = t; }
  printf("data %016llx %016llx events %x\n", (unsigned long long)d[0],
         (unsigned long long)d[1], out[0].events);
  show("level again (p1 only)", epoll_wait(ep, out, 4, 0));
  printf("data %016llx\n", (unsigned long long)out[0].data.u64);
  show("maxevents 1", epoll_wait(ep, out, 1, 0));
  e.events = EPOLLOUT;
  e.data.u32 = 7;
  show("ctl mod p1 to OUT", epoll_ctl(ep, EPOLL_CTL_MOD, p1[0], &e));
  show("wait after mod", epoll_wait(ep, out, 4, 0));
  show("ctl del p1", epoll_ctl(ep, EPOLL_CTL_DEL, p1[0], NULL));
  show("ctl del p1 again", epoll_ctl(ep, EPOLL_CTL_DEL, p1[0], NULL));
  e.events = EPOLLOUT;
  e.data.u32 = 9;
  show("ctl add write end", epoll_ctl(ep, EPOLL_CTL_ADD, p1[1], &e));
  sigset_t none;
  sigemptyset(&none);
  n = epoll_pwait(ep, out, 4, 100, &none);
  show("pwait write end ready", n);
  printf("pwait data %u events %x\n", out[0].data.u32, out[0].events);
  show("wait timeout 20ms", epoll_wait(ep, out, 4, 20) >= 0);
  struct epoll_event *volatile bad = (struct epoll_event *)8;
  show("wait bad buffer", epoll_wait(ep, bad, 4, 0));
  /* epoll_pwait2 by number (older libcs lack it): a timespec timeout. */
  struct timespec t2 = {0, 20000000};
  show("pwait2 write end", syscall(441, ep, out, 4, &t2, NULL, 8));
  printf("pwait2 data %u\n", out[0].data.u32);
  t2.tv_nsec = 1000000000;
  show("pwait2 bad timeout", syscall(441, ep, out, 4, &t2, NULL, 8));
  show("ctl del write end", epoll_ctl(ep, EPOLL_CTL_DEL, p1[1], NULL));
  t2.tv_nsec = 20000000;
  show("pwait2 times out", syscall(441, ep, out, 4, &t2, NULL, 8));
  close(ep);
  close(p1[0]), close(p1[1]), close(p2[0]), close(p2[1]);
}

static void eventfd_part(void) {
  int fd = eventfd(3, EFD_NONBLOCK | EFD_CLOEXEC);
  show("eventfd", fd >= 0);
  show("eventfd nonblock", !!(fcntl(fd, F_GETFL) & O_NONBLOCK));
  uint64_t v = 4;
  show("eventfd write 4", write(fd, &v, 8));
  v = 0;
  show("eventfd read", read(fd, &v, 8));
  printf("eventfd value %llu\n", (unsigned long long)v);
  errno = 0;
  show("eventfd read empty", read(fd, &v, 8));
  show("eventfd short read", read(fd, &v, 4));
  v = 2;
  write(fd, &v, 8);
  struct pollfd pf = {fd, POLLIN, 0};
  show("poll eventfd", poll(&pf, 1, 0));
  printf("revents %x\n", pf.revents);
  fd_set rs;
  FD_ZERO(&rs);
  FD_SET(fd, &rs);
  struct timeval tv = {0, 0};
  show("select eventfd", select(fd + 1, &rs, NULL, NULL, &tv));
  show("fd in set", FD_ISSET(fd, &rs));
  struct timespec ts = {0, 1000000};
  show("ppoll eventfd", ppoll(&pf, 1, &ts, NULL));
  FD_ZERO(&rs);
  FD_SET(fd, &rs);
  show("pselect eventfd", pselect(fd + 1, &rs, NULL, NULL, &ts, NULL));
  /* The signal mask's size is checked (by number: libcs pass 8). */
  sigset_t mask;
  sigemptyset(&mask);
  show("ppoll mask size 4", syscall(SYS_ppoll, &pf, 1, &ts, &mask, 4));
  show("ppoll mask size 8", syscall(SYS_ppoll, &pf, 1, &ts, &mask, 8));
  struct { void *ss; size_t len; } sm = {&mask, 16};
  FD_ZERO(&rs);
  FD_SET(fd, &rs);
  show("pselect6 mask size 16", syscall(SYS_pselect6, fd + 1, &rs, NULL, NULL, &ts, &sm));
  sm.len = 8;
  show("pselect6 mask size 8", syscall(SYS_pselect6, fd + 1, &rs, NULL, NULL, &ts, &sm));
  close(fd);

  fd = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
  v = 0;
  show("semaphore read", read(fd, &v, 8));
  printf("semaphore value %llu\n", (unsigned long long)v);
  read(fd, &v, 8);
  show("semaphore drained", read(fd, &v, 8));
  close(fd);
  show("eventfd bad flags", eventfd(0, 0x12345678));
}

static void timerfd_part(void) {
  int fd = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
  show("timerfd_create", fd >= 0);
  show("timerfd bad clock", timerfd_create(12345, 0));
  struct itimerspec it = {{0, 0}, {0, 0}}, old;
  show("gettime disarmed", timerfd_gettime(fd, &it));
  printf("disarmed %lld %ld\n", (long long)it.it_value.tv_sec, it.it_value.tv_nsec);
  it.it_value.tv_nsec = 20 * 1000000;
  it.it_interval.tv_sec = 100;
  show("settime 20ms, interval 100s", timerfd_settime(fd, 0, &it, NULL));
  memset(&it, 0, sizeof(it));
  timerfd_gettime(fd, &it);
  printf("armed value < 20ms: %d, interval %lld\n",
         it.it_value.tv_sec == 0 && it.it_value.tv_nsec <= 20000000,
         (long long)it.it_interval.tv_sec);
  uint64_t ticks = 0;
  show("read expiry (blocks)", read(fd, &ticks, 8));
  printf("ticks %llu\n", (unsigned long long)ticks);
  memset(&it, 0, sizeof(it));
  show("settime disarm, old", timerfd_settime(fd, 0, &it, &old));
  printf("old interval %lld\n", (long long)old.it_interval.tv_sec);
  it.it_value.tv_nsec = 1000000000;
  errno = 0;
  show("settime bad nsec", timerfd_settime(fd, 0, &it, NULL));
  /* An absolute time in the past expires at once. */
  it.it_value.tv_sec = 1;
  it.it_value.tv_nsec = 0;
  show("settime abstime past", timerfd_settime(fd, TFD_TIMER_ABSTIME, &it, NULL));
  struct pollfd pf = {fd, POLLIN, 0};
  show("poll expired", poll(&pf, 1, 1000));
  close(fd);
}

static void inotify_part(void) {
  char dir[] = "blink-events-XXXXXX";
  if (!mkdtemp(dir)) return;
  int in = inotify_init1(IN_NONBLOCK);
  show("inotify_init1", in >= 0);
  int wd = inotify_add_watch(in, dir, IN_CREATE | IN_DELETE);
  show("add_watch", wd >= 0);
  show("add_watch missing", inotify_add_watch(in, "/nonexistent/x", IN_CREATE));
  char path[64];
  snprintf(path, sizeof(path), "%s/file", dir);
  close(open(path, O_CREAT | O_WRONLY, 0600));
  unlink(path);
  char buf[512];
  long n = read(in, buf, sizeof(buf));
  show("inotify read", n > 0);
  for (long off = 0; off < n;) {
    struct inotify_event *e = (struct inotify_event *)(buf + off);
    printf("event mask %x name %s\n", e->mask, e->len ? e->name : "");
    off += (long)sizeof(*e) + e->len;
  }
  show("rm_watch", inotify_rm_watch(in, wd));
  show("rm_watch again", inotify_rm_watch(in, wd));
  close(in);
  rmdir(dir);
}

int main(void) {
  setvbuf(stdout, NULL, _IOLBF, 0);
  epoll_part();
  eventfd_part();
  timerfd_part();
  inotify_part();
  return 0;
}
