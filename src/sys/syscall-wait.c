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
 * wait4 and waitid wait for a child (wait_child) rather than descriptors.
 *
 * To gate another call (issue 5: accept, recvfrom...), add its
 * number to the switch with the descriptor, events and timeout it waits
 * for. Locks (flock without LOCK_NB, fcntl F_SETLKW and F_OFD_SETLKW)
 * have no descriptor that says when they would be granted: they are
 * tried without blocking, and the hook is asked to wait LOCK_RETRY_MS
 * between tries (lock_wait). Not gated: opening a FIFO (open blocks
 * until the other end opens).
 *
 * Signals: a hook returns when a signal for the guest arrives
 * (vm_signal_pending); the call is then not run but fails with EINTR
 * (Sys.interrupted, syscall_dispatch), and sig_check delivers it and
 * restarts the call or not, as for an EINTR from the host. pause,
 * rt_sigsuspend and rt_sigtimedwait run instead and find the signal. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* F_OFD_SETLK, P_PID... */
#endif
#include <asm/unistd.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <sys/file.h>
#include <poll.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "futex.h"
#include "machine.h"
#include "memory.h"
#include "sockaddr.h"
#include "sys.h"
#include "syscall.h"
#include "vm/debug.h"

enum { WAIT_MAX_FDS = 64 };

void vm_set_wait_hook(struct Machine *m, vm_wait_fn *fn, void *ctx) {
  if (!m->sys) return;
  m->sys->wait_fn = fn;
  m->sys->wait_ctx = ctx;
  m->sys->wait_m = fn ? m : NULL;
}

int sys_waited(struct Machine *m) {
  return m->sys && m == m->sys->wait_m ? m->sys->waited : 0;
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

/* A socket's SO_RCVTIMEO or SO_SNDTIMEO as a poll timeout (-1: none, or
 * not a socket). When the hook waits it out, the call runs non-blocking
 * (sys_waited) and fails with EAGAIN as the timeout would have. */
static int sock_timeo(int fd, int opt) {
  struct timeval tv;
  socklen_t len = sizeof(tv);
  if (getsockopt(fd, SOL_SOCKET, opt, &tv, &len) || (!tv.tv_sec && !tv.tv_usec))
    return -1;
  return ts_ms(tv.tv_sec, (int64_t)tv.tv_usec * 1000);
}

/* A socket that has not started connecting polls ready (POLLOUT|POLLHUP),
 * so a blocking connect cannot be gated like a read: it is started here
 * non-blocking, the hook waits for POLLOUT, and sys_connect then reports
 * how it ended (Sys.connect_fd/connect_err) instead of connecting again.
 * When the hook stops the machine, the connect stays in progress and the
 * re-executed call finds it (EALREADY) and waits again. */
int sys_connect_start(struct Machine *m, const uint64_t a[6]) {
  struct Sys *s = m->sys;
  int fd = (int)a[0];
  struct sockaddr_storage h;
  int hl = sockaddr_in_guest(m, a[1], a[2], &h);
  if (hl < 0) return 0; /* the call reports the bad address */
  int fl = fcntl(fd, F_GETFL);
  if (fl < 0) return 0;
  fcntl(fd, F_SETFL, fl | O_NONBLOCK);
  int r = connect(fd, (struct sockaddr *)&h, (socklen_t)hl);
  int e = r ? errno : 0;
  fcntl(fd, F_SETFL, fl);
  int ours = s->connect_fd == fd;
  s->connect_fd = fd;
  if (e == EINPROGRESS || e == EALREADY) {
    s->connect_err = -1;
    return 1;
  }
  /* Done at once (loopback, AF_UNIX), failed, or (EISCONN) the one we
   * started before a stop completed meanwhile. */
  s->connect_err = e == EISCONN && ours ? 0 : e;
  return 0;
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

/* wait4/waitid: whether a child the call would report has changed state
 * (or the call would fail at once), asked without reaping it. */
static int child_ready(int idtype, int id, int options) {
  uint8_t si[128];
  memset(si, 0, sizeof(si));
  long r = syscall(__NR_waitid, idtype, id, si,
                   (options & ~(int)WNOWAIT) | WNOHANG | WNOWAIT, NULL);
  if (r < 0) return 1; /* ECHILD, EINVAL...: the call says so */
  int32_t pid;
  memcpy(&pid, si + 16, 4); /* si_pid */
  return pid != 0;
}

/* A blocking wait4 or waitid under the hook: the hook waits on a pidfd
 * for one child, else (any child, a group) in slices of WAIT_CHILD_MS,
 * asking again after each. 1 when the hook stopped the machine. */
enum { WAIT_CHILD_MS = 200 };
static int wait_child(struct Machine *m, int nr, const uint64_t a[6]) {
  struct Sys *s = m->sys;
  int idtype, id, options;
  if (nr == 61) { /* wait4(pid, status, options, rusage) */
    int pid = (int)a[0];
    options = ((int)a[2] & (WNOHANG | WUNTRACED | WCONTINUED | __WALL |
                            __WCLONE | __WNOTHREAD)) | WEXITED;
    if (pid < -1) idtype = P_PGID, id = -pid;
    else if (pid == -1) idtype = P_ALL, id = 0;
    else if (pid == 0) idtype = P_PGID, id = (int)getpgrp();
    else idtype = P_PID, id = pid;
  } else { /* waitid(idtype, id, infop, options, rusage) */
    idtype = (int)a[0];
    id = (int)a[1];
    options = (int)a[3];
  }
  if (options & WNOHANG) return 0;
  if (child_ready(idtype, id, options)) return 0;
  int pfd = idtype == P_PID ? (int)syscall(434 /* pidfd_open */, id, 0) : -1;
  int stopped = 0;
  for (;;) {
    struct pollfd p = {pfd, POLLIN, 0};
    if (s->wait_fn(s->wait_ctx, &p, pfd >= 0, WAIT_CHILD_MS) ==
        VM_WAIT_INTERRUPT) {
      stopped = 1;
      break;
    }
    if (child_ready(idtype, id, options)) break;
  }
  if (pfd >= 0) close(pfd);
  if (stopped) {
    m->stop = STOP_INTERRUPT;
    m->trap = 1;
  }
  return stopped;
}

enum { LOCK_RETRY_MS = 100 };

/* Whether the lock call would be granted now: it is tried without
 * blocking (taking it when free: the blocking call then finds it held
 * by the caller already, which succeeds at once). */
static int lock_free(struct Machine *m, const uint64_t a[6]) {
  int fd = (int)a[0];
  if (m->r[RAX] == 73) {  /* flock */
    return flock(fd, (int)a[1] | LOCK_NB) == 0 ||
           (errno != EWOULDBLOCK && errno != EINTR);
  }
  struct linux_flock g;
  if (mem_copy_in(m, &g, a[2], sizeof(g))) return 1; /* the call reports it */
  struct flock fl;
  memset(&fl, 0, sizeof(fl));
  fl.l_type = g.l_type;
  fl.l_whence = g.l_whence;
  fl.l_start = g.l_start;
  fl.l_len = g.l_len;
  int cmd = (int)a[1] == F_SETLKW ? F_SETLK : F_OFD_SETLK;
  return fcntl(fd, cmd, &fl) == 0 ||
         (errno != EAGAIN && errno != EACCES && errno != EINTR);
}

/* A lock that is taken: wait through the hook in LOCK_RETRY_MS steps
 * until it is free. Returns 1 when the hook stopped the machine. */
static int lock_wait(struct Machine *m, const uint64_t a[6]) {
  struct Sys *s = m->sys;
  if (sys_fd_reserved((int)a[0])) return 0;
  while (!lock_free(m, a)) {
    struct pollfd none[1];
    if (s->wait_fn(s->wait_ctx, none, 0, LOCK_RETRY_MS) == VM_WAIT_INTERRUPT) {
      m->stop = STOP_INTERRUPT;
      m->trap = 1;
      return 1;
    }
  }
  return 0;
}

/* FUTEX_WAIT(_BITSET) of the hook's machine while other guest threads
 * run: one of them may wake it, which no descriptor tells the hook. So
 * the host wait is done here in slices of FUTEX_SLICE_MS, the hook being
 * asked between them (timeout 0) for the keys and the screen. The call
 * then returns at once (Sys.waited 2: woken, or the word changed: 0, a
 * spurious wake-up that futex users allow; 1: the guest's timeout passed,
 * futex.c then says ETIMEDOUT or EAGAIN). */
enum { FUTEX_SLICE_MS = 100 };
static int futex_slices(struct Machine *m, const uint64_t a[6], int timeout) {
  struct Sys *s = m->sys;
  uint32_t *h;
  if (futex_host(m, a[0], &h)) return 0;
  int op = FUTEX_WAIT_BITSET | ((int)a[1] & FUTEX_PRIVATE_FLAG);
  uint32_t bits = ((int)a[1] & 127) == FUTEX_WAIT_BITSET ? (uint32_t)a[5]
                                                          : ~0u;
  if (!bits) return 0; /* EINVAL: let the call say it */
  struct timespec end;
  clock_gettime(CLOCK_MONOTONIC, &end);
  int64_t ms = timeout;
  end.tv_sec += ms / 1000;
  end.tv_nsec += (ms % 1000) * 1000000;
  if (end.tv_nsec >= 1000000000) {
    end.tv_nsec -= 1000000000;
    ++end.tv_sec;
  }
  for (;;) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    t.tv_nsec += FUTEX_SLICE_MS * 1000000L;
    if (t.tv_nsec >= 1000000000) {
      t.tv_nsec -= 1000000000;
      ++t.tv_sec;
    }
    int last = 0;
    if (timeout >= 0 && (t.tv_sec > end.tv_sec ||
                         (t.tv_sec == end.tv_sec && t.tv_nsec >= end.tv_nsec))) {
      t = end;
      last = 1;
    }
    /* FUTEX_WAIT_BITSET's timeout is absolute (CLOCK_MONOTONIC). */
    long r = futex_host_call(h, op, (uint32_t)a[2], &t, NULL, bits);
    int e = r ? errno : 0;
    if (!r || e == EAGAIN) {
      s->waited = 2;
      return 0;
    }
    if (vm_signal_pending(m)) {
      s->interrupted = 1; /* -EINTR, as the host's wait would */
      return 0;
    }
    if (e == ETIMEDOUT && last) {
      s->waited = 1;
      return 0;
    }
    if (e != ETIMEDOUT && e != EINTR) return 0; /* the call sees it */
    if (s->wait_fn(s->wait_ctx, NULL, 0, 0) == VM_WAIT_INTERRUPT) {
      m->stop = STOP_INTERRUPT;
      m->trap = 1;
      return 1;
    }
  }
}

int syscall_wait(struct Machine *m) {
  struct Sys *s = m->sys;
  if (!s) return 0;
  /* The hook is the debugger's, for the machine it drives; another guest
   * thread blocks its own host thread as under blink, and never touches
   * the flags below (they are that machine's). */
  if (!s->wait_fn || m != s->wait_m) return 0;
  s->waited = 0;
  if (m->r[RAX] != 42) s->connect_fd = -1; /* only a re-run connect keeps it */
  s->interrupted = 0;
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
    case 43:  /* accept */
    case 288: /* accept4 */
      if (!(n = one_fd(p, (int)a[0], POLLIN))) return 0;
      timeout = sock_timeo((int)a[0], SO_RCVTIMEO);
      break;
    case 45:  /* recvfrom */
    case 47:  /* recvmsg */
    case 299: /* recvmmsg: until the first datagram */
      if ((a[m->r[RAX] == 47 ? 2 : 3] & 0x40 /* MSG_DONTWAIT */) ||
          !(n = one_fd(p, (int)a[0], POLLIN)))
        return 0;
      timeout = sock_timeo((int)a[0], SO_RCVTIMEO);
      break;
    case 44:  /* sendto */
    case 46:  /* sendmsg */
    case 307: /* sendmmsg */
      if ((a[m->r[RAX] == 46 ? 2 : 3] & 0x40 /* MSG_DONTWAIT */) ||
          !(n = one_fd(p, (int)a[0], POLLOUT)))
        return 0;
      timeout = sock_timeo((int)a[0], SO_SNDTIMEO);
      break;
    case 42: /* connect: started here, finished by sys_connect */
      if (!(n = one_fd(p, (int)a[0], POLLOUT))) return 0;
      if (!sys_connect_start(m, a)) return 0;
      timeout = sock_timeo((int)a[0], SO_SNDTIMEO);
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
    case 232: /* epoll_wait: the epoll descriptor polls readable when */
    case 281: /* epoll_pwait  one of its descriptors is ready; it */
      /* blocks whatever its O_NONBLOCK */
      if ((int)a[0] < 0 || sys_fd_reserved((int)a[0])) return 0;
      p[0].fd = (int)a[0];
      p[0].events = POLLIN;
      p[0].revents = 0;
      n = 1;
      timeout = (int)a[3] < 0 ? -1 : (int)a[3];
      break;
    case 441: { /* epoll_pwait2: the same with a timespec */
      if ((int)a[0] < 0 || sys_fd_reserved((int)a[0])) return 0;
      p[0].fd = (int)a[0];
      p[0].events = POLLIN;
      p[0].revents = 0;
      n = 1;
      if (a[3]) {
        struct linux_timespec t;
        if (mem_copy_in(m, &t, a[3], sizeof(t))) return 0;
        timeout = ts_ms(t.tv_sec, t.tv_nsec);
      }
      break;
    }
    case 73: /* flock */
      if ((int)a[1] & LOCK_NB) return 0;
      if (!((int)a[1] & (LOCK_SH | LOCK_EX))) return 0;
      return lock_wait(m, a);
    case 72: /* fcntl: the waiting lock commands */
      if ((int)a[1] != F_SETLKW && (int)a[1] != F_OFD_SETLKW) return 0;
      return lock_wait(m, a);
    case 40: /* sendfile: blocks on its output (a pipe or a socket) */
      if (!(n = one_fd(p, (int)a[0], POLLOUT))) return 0;
      break;
    case 275: /* splice: blocks on its input (a pipe or a socket) */
    case 276: /* tee */
      if (!(n = one_fd(p, (int)a[0], POLLIN))) return 0;
      break;
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
    case 202: { /* futex */
      /* Alone, only a signal or its timeout can end the wait: the hook
       * waits like a sleep. With other threads, futex_slices. */
      int cmd = (int)a[1] & ~(128 | 256); /* PRIVATE, CLOCK_REALTIME */
      uint32_t cur;
      if (cmd != 0 && cmd != 9) return 0; /* WAIT, WAIT_BITSET */
      if ((a[0] & 3) || mem_copy_in(m, &cur, a[0], 4)) return 0;
      if (cur != (uint32_t)a[2]) return 0; /* -EAGAIN at once */
      if (a[3]) {
        struct linux_timespec t;
        if (mem_copy_in(m, &t, a[3], sizeof(t))) return 0;
        if (cmd == 9)
          timeout = abs_ms(((int)a[1] & 256) ? CLOCK_REALTIME : CLOCK_MONOTONIC,
                           &t);
        else
          timeout = ts_ms(t.tv_sec, t.tv_nsec);
      }
      if (mem_ncpus(m->mem) > 1) {
        if (vm_signal_pending(m)) {
          s->interrupted = 1;
          return 0;
        }
        return futex_slices(m, a, timeout);
      }
      sleep = 1;
      break;
    }
    case 61:  /* wait4 */
    case 247: /* waitid */
      return wait_child(m, (int)m->r[RAX], a);
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
  if (sleep && timeout < 0 && m->r[RAX] != 202)
    timeout = 0; /* an invalid time: let it fail */
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
