/* syscall-event.c: descriptors that are events rather than files: epoll,
 * eventfd, timerfd, inotify.
 *
 * Each is a host descriptor of the same kind (guest descriptors are host
 * descriptors), so reads of an eventfd, timerfd or inotify descriptor go
 * through sys_read unchanged: their records (a uint64_t count, struct
 * inotify_event) are the kernel's own layout. What crosses guest memory
 * here is converted field by field from the x86-64 layouts in
 * linux-abi.h: epoll's packed 12-byte event and struct itimerspec.
 *
 * Flags (EPOLL_CLOEXEC, EFD_*, TFD_*, IN_*) have the values the host
 * kernel uses on x86-64 and are passed through after a check for bits
 * Linux would refuse. epoll_pwait's signal mask is the host call's
 * (signal.c sig_mask_begin), as for ppoll and pselect6. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <asm/unistd.h> /* __NR_*: <sys/syscall.h> would find src/sys/syscall.h */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <time.h>
#include <unistd.h>

#include "machine.h"
#include "memory.h"
#include "sys.h"
#include "syscall-defs.h"

/* Linux caps maxevents at INT_MAX / sizeof(struct epoll_event); one call
 * here returns at most this many (a short count is allowed). */
#define SYS_EPOLL_MAX 1024

#define L_O_CLOEXEC 02000000
#define L_O_NONBLOCK 04000

int64_t sys_epoll_create1(struct Machine *m, uint64_t a[6]) {
  (void)m;
  int flags = (int)a[0];
  if (flags & ~L_O_CLOEXEC) return -L_EINVAL;
  return sys_ret(syscall(__NR_epoll_create1, flags));
}

int64_t sys_epoll_create(struct Machine *m, uint64_t a[6]) {
  (void)m;
  if ((int)a[0] <= 0) return -L_EINVAL;
  return sys_ret(syscall(__NR_epoll_create1, 0));
}

/* The packed x86-64 event: events at 0, data at 4. */
static void ev_in(struct epoll_event *e, const uint8_t *g) {
  uint32_t events;
  uint64_t data;
  memcpy(&events, g, 4);
  memcpy(&data, g + 4, 8);
  memset(e, 0, sizeof(*e));
  e->events = events;
  e->data.u64 = data;
}

static void ev_out(uint8_t *g, const struct epoll_event *e) {
  uint32_t events = e->events;
  uint64_t data = e->data.u64;
  memcpy(g, &events, 4);
  memcpy(g + 4, &data, 8);
}

int64_t sys_epoll_ctl(struct Machine *m, uint64_t a[6]) {
  int epfd = (int)a[0], op = (int)a[1], fd = (int)a[2];
  if (sys_fd_reserved(epfd) || sys_fd_reserved(fd)) return -L_EBADF;
  struct epoll_event e;
  memset(&e, 0, sizeof(e));
  if (op != L_EPOLL_CTL_DEL) {
    uint8_t g[L_EPOLL_EVENT_SIZE];
    if (mem_copy_in(m, g, a[3], sizeof(g))) return -L_EFAULT;
    ev_in(&e, g);
  }
  return sys_ret(syscall(__NR_epoll_ctl, epfd, op, fd,
                         op == L_EPOLL_CTL_DEL ? NULL : &e));
}

/* epoll_wait, epoll_pwait and epoll_pwait2 (mask_va: the guest's mask
 * for the wait, 0 for none);
 * timeout in ms, -1 for none. As Linux does, events are copied out one
 * by one: a bad address after the first ends the count there, a bad
 * first one is EFAULT (the events taken are lost either way). */
static int64_t sys_epoll_wait_common(struct Machine *m, uint64_t a[6],
                                     int timeout, uint64_t mask_va) {
  int epfd = (int)a[0], max = (int)a[2];
  if (sys_fd_reserved(epfd)) return -L_EBADF;
  if (max <= 0 || max > (int)(0x7fffffff / L_EPOLL_EVENT_SIZE))
    return -L_EINVAL;
  if (max > SYS_EPOLL_MAX) max = SYS_EPOLL_MAX;
  if (!sys_range_ok(m, a[1], L_EPOLL_EVENT_SIZE, MPROT_WRITE)) return -L_EFAULT;
  struct epoll_event ev[SYS_EPOLL_MAX];
  /* The guest's mask for the wait, on the host (signal.c). */
  sigset_t hset, *hsetp = NULL;
  int e = sig_mask_begin(m, mask_va, 8, &hset, &hsetp);
  if (e < 0) return e;
  if (e > 0) {
    sig_mask_end(m, -L_EINTR);
    return -L_EINTR;
  }
  /* A timeout the front end's hook already waited out is not waited
   * again (syscall-wait.c). */
  int64_t r = sys_ret(syscall(__NR_epoll_pwait, epfd, ev, max,
                              sys_waited(m) ? 0 : timeout, hsetp, 8));
  if (hsetp) sig_mask_end(m, r);
  if (r <= 0) return r;
  uint8_t g[SYS_EPOLL_MAX * L_EPOLL_EVENT_SIZE];
  for (int64_t k = 0; k < r; ++k) ev_out(g + k * L_EPOLL_EVENT_SIZE, &ev[k]);
  uint64_t ok = sys_range_prefix(m, a[1], (uint64_t)r * L_EPOLL_EVENT_SIZE,
                                 MPROT_WRITE) / L_EPOLL_EVENT_SIZE;
  if (!ok) return -L_EFAULT;
  if ((int64_t)ok < r) r = (int64_t)ok;
  if (mem_copy_out(m, a[1], g, (size_t)r * L_EPOLL_EVENT_SIZE)) return -L_EFAULT;
  return r;
}

int64_t sys_epoll_wait(struct Machine *m, uint64_t a[6]) {
  return sys_epoll_wait_common(m, a, (int)a[3] < 0 ? -1 : (int)a[3], 0);
}

int64_t sys_epoll_pwait(struct Machine *m, uint64_t a[6]) {
  if (a[4] && a[5] != 8) return -L_EINVAL;
  return sys_epoll_wait_common(m, a, (int)a[3] < 0 ? -1 : (int)a[3], a[4]);
}

/* The timeout is a timespec (NULL: none), rounded up to whole ms. */
int64_t sys_epoll_pwait2(struct Machine *m, uint64_t a[6]) {
  if (a[4] && a[5] != 8) return -L_EINVAL;
  int timeout = -1;
  if (a[3]) {
    struct linux_timespec ts;
    if (mem_copy_in(m, &ts, a[3], sizeof(ts))) return -L_EFAULT;
    if (ts.tv_sec < 0 || ts.tv_nsec < 0 || ts.tv_nsec >= 1000000000)
      return -L_EINVAL;
    int64_t ms = ts.tv_sec > 2000000 ? 0x7fffffff
                                     : ts.tv_sec * 1000 + (ts.tv_nsec + 999999) / 1000000;
    timeout = ms > 0x7fffffff ? 0x7fffffff : (int)ms;
  }
  return sys_epoll_wait_common(m, a, timeout, a[4]);
}

int64_t sys_eventfd2(struct Machine *m, uint64_t a[6]) {
  (void)m;
  int flags = (int)a[1];
  if (flags & ~(L_O_CLOEXEC | L_O_NONBLOCK | 1 /* EFD_SEMAPHORE */))
    return -L_EINVAL;
  return sys_ret(syscall(__NR_eventfd2, (unsigned)a[0], flags));
}

int64_t sys_eventfd(struct Machine *m, uint64_t a[6]) {
  uint64_t b[6] = {a[0], 0, 0, 0, 0, 0};
  return sys_eventfd2(m, b);
}

int64_t sys_timerfd_create(struct Machine *m, uint64_t a[6]) {
  (void)m;
  int flags = (int)a[1];
  if (flags & ~(L_O_CLOEXEC | L_O_NONBLOCK)) return -L_EINVAL;
  return sys_ret(syscall(__NR_timerfd_create, (int)a[0], flags));
}

/* struct itimerspec has the kernel's layout on both sides (linux-abi.h
 * asserts its size); it is still copied through a linux_itimerspec so
 * that the host's never stands in by accident. */
static void its_to_host(struct itimerspec *h, const struct linux_itimerspec *g) {
  h->it_interval.tv_sec = (time_t)g->it_interval.tv_sec;
  h->it_interval.tv_nsec = (long)g->it_interval.tv_nsec;
  h->it_value.tv_sec = (time_t)g->it_value.tv_sec;
  h->it_value.tv_nsec = (long)g->it_value.tv_nsec;
}

static void its_to_guest(struct linux_itimerspec *g, const struct itimerspec *h) {
  memset(g, 0, sizeof(*g));
  g->it_interval.tv_sec = h->it_interval.tv_sec;
  g->it_interval.tv_nsec = h->it_interval.tv_nsec;
  g->it_value.tv_sec = h->it_value.tv_sec;
  g->it_value.tv_nsec = h->it_value.tv_nsec;
}

int64_t sys_timerfd_settime(struct Machine *m, uint64_t a[6]) {
  int fd = (int)a[0];
  if (sys_fd_reserved(fd)) return -L_EBADF;
  struct linux_itimerspec g;
  if (mem_copy_in(m, &g, a[2], sizeof(g))) return -L_EFAULT;
  struct itimerspec nw, old;
  its_to_host(&nw, &g);
  memset(&old, 0, sizeof(old));
  int64_t r = sys_ret(syscall(__NR_timerfd_settime, fd, (int)a[1], &nw,
                              a[3] ? &old : NULL));
  if (r < 0 || !a[3]) return r;
  its_to_guest(&g, &old);
  if (mem_copy_out(m, a[3], &g, sizeof(g))) return -L_EFAULT;
  return r;
}

int64_t sys_timerfd_gettime(struct Machine *m, uint64_t a[6]) {
  int fd = (int)a[0];
  if (sys_fd_reserved(fd)) return -L_EBADF;
  struct itimerspec cur;
  memset(&cur, 0, sizeof(cur));
  int64_t r = sys_ret(syscall(__NR_timerfd_gettime, fd, &cur));
  if (r < 0) return r;
  struct linux_itimerspec g;
  its_to_guest(&g, &cur);
  if (mem_copy_out(m, a[1], &g, sizeof(g))) return -L_EFAULT;
  return r;
}

int64_t sys_inotify_init1(struct Machine *m, uint64_t a[6]) {
  (void)m;
  int flags = (int)a[0];
  if (flags & ~(L_O_CLOEXEC | L_O_NONBLOCK)) return -L_EINVAL;
  return sys_ret(syscall(__NR_inotify_init1, flags));
}

int64_t sys_inotify_init(struct Machine *m, uint64_t a[6]) {
  (void)a;
  uint64_t b[6] = {0, 0, 0, 0, 0, 0};
  return sys_inotify_init1(m, b);
}

int64_t sys_inotify_add_watch(struct Machine *m, uint64_t a[6]) {
  int fd = (int)a[0];
  if (sys_fd_reserved(fd)) return -L_EBADF;
  int err;
  char *p = sys_path_in(m, a[1], &err);
  if (!p) return err;
  int64_t r = sys_ret(syscall(__NR_inotify_add_watch, fd, p, (uint32_t)a[2]));
  free(p);
  return r;
}

int64_t sys_inotify_rm_watch(struct Machine *m, uint64_t a[6]) {
  (void)m;
  if (sys_fd_reserved((int)a[0])) return -L_EBADF;
  return sys_ret(syscall(__NR_inotify_rm_watch, (int)a[0], (int)a[1]));
}
