/* syscall-wait.c: system calls that would block, waited through the
 * front end's hook (vm_set_wait_hook, debug.h).
 *
 * blinkenlights runs the machine on its UI thread: a guest blocked in a
 * host read(0) would freeze the screen and the keys. So before such a
 * call, syscall_wait asks the host whether it would block (poll with a
 * zero timeout on the same descriptors, O_NONBLOCK descriptors never
 * block) and, if so, hands the wait to the hook, which polls those
 * descriptors together with its own terminal. The hook either says
 * "ready" (the call runs and returns at once) or stops the machine
 * before the call. A sleep, or a poll/select whose timeout the hook
 * waited out, is marked `waited` so that its handler does not wait a
 * second time (sys_waited).
 *
 * To gate another call (issue 5: accept, recvfrom, wait4...), add its
 * number to the switch with the descriptor, events and timeout it waits
 * for.
 *
 * Signals: a hook returns when a signal for the guest arrives
 * (vm_signal_pending); the call is then not run but fails with EINTR
 * (Sys.interrupted, syscall_dispatch), and sig_check delivers it and
 * restarts the call or not, as for an EINTR from the host. pause,
 * rt_sigsuspend and rt_sigtimedwait run instead and find the signal. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "machine.h"
#include "memory.h"
#include "sys.h"
#include "syscall.h"
#include "vm/debug.h"

enum { WAIT_MAX_FDS = 64 };

void vm_set_wait_hook(struct Machine *m, vm_wait_fn *fn, void *ctx) {
  if (!m->sys) return;
  m->sys->wait_fn = fn;
  m->sys->wait_ctx = ctx;
}

int sys_waited(struct Machine *m) {
  return m->sys && m->sys->waited;
}

/* A timespec as a poll timeout: whole milliseconds, rounded up. */
static int ts_ms(int64_t sec, int64_t nsec) {
  if (sec < 0 || nsec < 0 || nsec >= 1000000000) return 0; /* EINVAL: run */
  if (sec > 86400 * 24) return -1;  /* beyond an int of ms: no limit */
  return (int)(sec * 1000 + (nsec + 999999) / 1000000);
}

/* One descriptor the call reads or writes: none when it is not ours to
 * wait on (reserved, negative, non-blocking, not open). */
static int one_fd(struct pollfd *p, int fd, short events) {
  if (fd < 0 || sys_fd_reserved(fd)) return 0;
  int fl = fcntl(fd, F_GETFL);
  if (fl < 0 || (fl & O_NONBLOCK)) return 0;
  p->fd = fd;
  p->events = events;
  p->revents = 0;
  return 1;
}

/* poll's array from guest memory; -1 when unreadable or too long (the
 * call then runs as it is and reports the error itself). */
static int poll_fds(struct Machine *m, struct pollfd *p, uint64_t va,
                    uint64_t nfds) {
  if (nfds > WAIT_MAX_FDS) return -1;
  struct linux_pollfd g[WAIT_MAX_FDS];
  if (nfds && mem_copy_in(m, g, va, nfds * sizeof(g[0]))) return -1;
  int n = 0;
  for (uint64_t k = 0; k < nfds; ++k) {
    if (g[k].fd < 0 || sys_fd_reserved(g[k].fd)) continue;
    p[n].fd = g[k].fd;
    p[n].events = g[k].events;
    p[n].revents = 0;
    ++n;
  }
  return n;
}

/* select's three sets from guest memory. */
static int select_fds(struct Machine *m, struct pollfd *p, const uint64_t a[6]) {
  int nfds = (int)a[0];
  if (nfds < 0 || nfds > 1024) return -1;
  uint8_t sets[3][128];
  size_t bytes = (size_t)(nfds + 63) / 64 * 8;
  memset(sets, 0, sizeof(sets));
  for (int k = 0; k < 3; ++k)
    if (a[1 + k] && bytes && mem_copy_in(m, sets[k], a[1 + k], bytes))
      return -1;
  static const short ev[3] = {POLLIN, POLLOUT, POLLPRI};
  int n = 0;
  for (int fd = 0; fd < nfds; ++fd) {
    short e = 0;
    for (int k = 0; k < 3; ++k)
      if (sets[k][fd / 8] & (1 << (fd % 8))) e |= ev[k];
    if (!e || sys_fd_reserved(fd)) continue;
    if (n == WAIT_MAX_FDS) return -1;
    p[n].fd = fd;
    p[n].events = e;
    p[n].revents = 0;
    ++n;
  }
  return n;
}

/* How long an absolute clock_nanosleep has left, in ms; 0 when past or
 * when the clock is one we do not wait on (the call just runs). */
static int abs_ms(int clock, const struct linux_timespec *t) {
  if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC &&
      clock != CLOCK_BOOTTIME)
    return 0;
  struct timespec now;
  if (clock_gettime(clock, &now)) return 0;
  int64_t sec = t->tv_sec - now.tv_sec, nsec = t->tv_nsec - now.tv_nsec;
  if (nsec < 0) {
    nsec += 1000000000;
    --sec;
  }
  if (sec < 0) return 0;
  return ts_ms(sec, nsec);
}

int syscall_wait(struct Machine *m) {
  struct Sys *s = m->sys;
  if (!s) return 0;
  s->waited = 0;
  s->interrupted = 0;
  if (!s->wait_fn) return 0;
  uint64_t a[6] = {m->r[RDI], m->r[RSI], m->r[RDX],
                   m->r[R10], m->r[R8],  m->r[R9]};
  struct pollfd p[WAIT_MAX_FDS];
  int n = 0, timeout = -1, sleep = 0, sigwait = 0;
  switch (m->r[RAX]) {
    case 0:   /* read */
    case 17:  /* pread64 */
    case 19:  /* readv */
    case 295: /* preadv */
    case 327: /* preadv2 */
      if (!(n = one_fd(p, (int)a[0], POLLIN))) return 0;
      break;
    case 1:   /* write */
    case 18:  /* pwrite64 */
    case 20:  /* writev */
    case 296: /* pwritev */
    case 328: /* pwritev2 */
      if (!(n = one_fd(p, (int)a[0], POLLOUT))) return 0;
      break;
    case 7: /* poll */
      if ((n = poll_fds(m, p, a[0], a[1])) < 0) return 0;
      timeout = (int)a[2] < 0 ? -1 : (int)a[2];
      break;
    case 271: { /* ppoll */
      if ((n = poll_fds(m, p, a[0], a[1])) < 0) return 0;
      struct linux_timespec t;
      if (a[2]) {
        if (mem_copy_in(m, &t, a[2], sizeof(t))) return 0;
        timeout = ts_ms(t.tv_sec, t.tv_nsec);
      }
      break;
    }
    case 23:    /* select */
    case 270: { /* pselect6 */
      if ((n = select_fds(m, p, a)) < 0) return 0;
      if (a[4]) {
        struct linux_timespec t; /* a timeval for select: usec */
        if (mem_copy_in(m, &t, a[4], sizeof(t))) return 0;
        timeout = m->r[RAX] == 23 ? ts_ms(t.tv_sec, t.tv_nsec * 1000)
                                  : ts_ms(t.tv_sec, t.tv_nsec);
      }
      break;
    }
    case 35: { /* nanosleep */
      struct linux_timespec t;
      if (mem_copy_in(m, &t, a[0], sizeof(t))) return 0;
      timeout = ts_ms(t.tv_sec, t.tv_nsec);
      sleep = 1;
      break;
    }
    case 230: { /* clock_nanosleep */
      struct linux_timespec t;
      if (mem_copy_in(m, &t, a[2], sizeof(t))) return 0;
      if ((int)a[1] & 1) /* TIMER_ABSTIME */
        timeout = abs_ms((int)a[0], &t);
      else if ((int)a[0] == CLOCK_REALTIME || (int)a[0] == CLOCK_MONOTONIC ||
               (int)a[0] == CLOCK_BOOTTIME)
        timeout = ts_ms(t.tv_sec, t.tv_nsec);
      else
        timeout = 0;
      sleep = 1;
      break;
    }
    case 34:  /* pause */
    case 130: /* rt_sigsuspend */
      /* No descriptor, no limit: the hook waits for a key or a signal;
       * the call then runs and finds the signal itself. */
      sigwait = 1;
      break;
    case 128: { /* rt_sigtimedwait */
      sigwait = 1;
      if (a[2]) {
        struct linux_timespec t;
        if (mem_copy_in(m, &t, a[2], sizeof(t))) return 0;
        timeout = ts_ms(t.tv_sec, t.tv_nsec);
        sleep = 1;
      }
      break;
    }
    default:
      return 0;
  }
  /* A signal already waiting: no wait at all (the call finds it, or it
   * interrupts the call as it would have the host's). */
  if (vm_signal_pending(m)) {
    if (!sigwait) s->interrupted = 1;
    return 0;
  }
  if (sleep && timeout < 0) timeout = 0; /* an invalid time: let it fail */
  if (timeout >= 0 && timeout < VM_WAIT_MIN_MS) return 0;
  if (!sleep) {
    int r;
    while ((r = poll(p, (nfds_t)n, 0)) < 0 && errno == EINTR) {
    }
    if (r != 0) return 0; /* ready now (or an error the call will see) */
  }
  if (s->wait_fn(s->wait_ctx, p, n, timeout) == VM_WAIT_INTERRUPT) {
    m->stop = STOP_INTERRUPT;
    m->trap = 1;
    return 1;
  }
  if (vm_signal_pending(m)) {
    /* A signal ended the wait: the call is not run (-EINTR), except
     * the ones that wait for signals, which find it themselves. */
    if (!sigwait) s->interrupted = 1;
  } else if (sleep) {
    s->waited = 1;
  } else if (timeout >= 0 && poll(p, (nfds_t)n, 0) == 0) {
    s->waited = 1; /* the timeout passed with nothing ready */
  }
  return 0;
}
