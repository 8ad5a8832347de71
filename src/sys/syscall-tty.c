/* syscall-tty.c: ioctl, for terminals and descriptors.
 *
 * Each request the guest may make is listed with the layout of its
 * argument (linux-abi.h: the kernel's termios of 36 bytes, not glibc's,
 * a winsize, or an int in or out, or a value in the register), copied
 * through guest memory and handed to the host with the host's request
 * number. Anything else is -ENOTTY with one log line, which is what
 * Linux answers a descriptor that does not know the request. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>

#include "log.h"
#include "machine.h"
#include "memory.h"
#include "sys.h"
#include "syscall-defs.h"

/* An int the kernel writes for the request. */
static int64_t ioctl_int_out(struct Machine *m, int fd, unsigned long req,
                             uint64_t va) {
  int v = 0;
  if (ioctl(fd, req, &v) < 0) return -sys_errno(errno);
  int32_t g = v;
  if (mem_copy_out(m, va, &g, sizeof(g))) return -L_EFAULT;
  return 0;
}

/* An int the kernel reads for the request. */
static int64_t ioctl_int_in(struct Machine *m, int fd, unsigned long req,
                            uint64_t va) {
  int32_t g;
  if (mem_copy_in(m, &g, va, sizeof(g))) return -L_EFAULT;
  int v = g;
  return sys_ret(ioctl(fd, req, &v));
}

int64_t sys_ioctl(struct Machine *m, uint64_t a[6]) {
  int fd = (int)a[0];
  unsigned req = (unsigned)a[1];
  if (sys_fd_reserved(fd)) return -L_EBADF;
  switch (req) {
    case L_TCGETS: {
      struct linux_termios t;  /* the kernel's layout, which TCGETS fills */
      memset(&t, 0, sizeof(t));
      if (ioctl(fd, TCGETS, &t) < 0) return -sys_errno(errno);
      if (mem_copy_out(m, a[2], &t, sizeof(t))) return -L_EFAULT;
      return 0;
    }
    case L_TCSETS:
    case L_TCSETSW:
    case L_TCSETSF: {
      struct linux_termios t;
      if (mem_copy_in(m, &t, a[2], sizeof(t))) return -L_EFAULT;
      return sys_ret(ioctl(fd, req == L_TCSETS    ? TCSETS
                               : req == L_TCSETSW ? TCSETSW
                                                  : TCSETSF,
                           &t));
    }
    case L_TIOCGWINSZ: {
      struct linux_winsize ws;
      memset(&ws, 0, sizeof(ws));
      if (ioctl(fd, TIOCGWINSZ, &ws) < 0) return -sys_errno(errno);
      if (mem_copy_out(m, a[2], &ws, sizeof(ws))) return -L_EFAULT;
      return 0;
    }
    case L_TIOCSWINSZ: {
      struct linux_winsize ws;
      if (mem_copy_in(m, &ws, a[2], sizeof(ws))) return -L_EFAULT;
      return sys_ret(ioctl(fd, TIOCSWINSZ, &ws));
    }
    case L_TIOCGPGRP: return ioctl_int_out(m, fd, TIOCGPGRP, a[2]);
    case L_FIONREAD: return ioctl_int_out(m, fd, FIONREAD, a[2]);
    case L_TIOCOUTQ: return ioctl_int_out(m, fd, TIOCOUTQ, a[2]);
    case L_TIOCGSID: return ioctl_int_out(m, fd, TIOCGSID, a[2]);
    case L_TIOCGETD: return ioctl_int_out(m, fd, TIOCGETD, a[2]);
    case L_TIOCGPTN: return ioctl_int_out(m, fd, TIOCGPTN, a[2]);
    case L_TIOCGPKT: return ioctl_int_out(m, fd, TIOCGPKT, a[2]);
    case L_TIOCGPTLCK: return ioctl_int_out(m, fd, TIOCGPTLCK, a[2]);
    case L_TIOCGEXCL: return ioctl_int_out(m, fd, TIOCGEXCL, a[2]);
    case L_TIOCGDEV: return ioctl_int_out(m, fd, TIOCGDEV, a[2]);
    case L_TIOCPKT: return ioctl_int_in(m, fd, TIOCPKT, a[2]);
    case L_TIOCSTI: { /* one char pushed as if typed */
      char c;
      if (mem_copy_in(m, &c, a[2], 1)) return -L_EFAULT;
      return sys_ret(ioctl(fd, TIOCSTI, &c));
    }
    case L_TIOCSPGRP: return ioctl_int_in(m, fd, TIOCSPGRP, a[2]);
    case L_FIONBIO: return ioctl_int_in(m, fd, FIONBIO, a[2]);
    case L_FIOASYNC: return ioctl_int_in(m, fd, FIOASYNC, a[2]);
    case L_TIOCSETD: return ioctl_int_in(m, fd, TIOCSETD, a[2]);
    case L_TIOCSPTLCK: return ioctl_int_in(m, fd, TIOCSPTLCK, a[2]);
    /* The argument is a value, not a pointer. */
    case L_TCSBRK: return sys_ret(ioctl(fd, TCSBRK, (int)a[2]));
    case L_TCSBRKP: return sys_ret(ioctl(fd, TCSBRKP, (int)a[2]));
    case L_TCXONC: return sys_ret(ioctl(fd, TCXONC, (int)a[2]));
    case L_TCFLSH: return sys_ret(ioctl(fd, TCFLSH, (int)a[2]));
    case L_TIOCSCTTY: return sys_ret(ioctl(fd, TIOCSCTTY, (int)a[2]));
    case L_TIOCGPTPEER: /* open flags (O_* are the host's on x86-64) */
      return sys_ret(ioctl(fd, TIOCGPTPEER, (int)a[2]));
    case L_TIOCNOTTY: return sys_ret(ioctl(fd, TIOCNOTTY));
    case L_TIOCEXCL: return sys_ret(ioctl(fd, TIOCEXCL));
    case L_TIOCNXCL: return sys_ret(ioctl(fd, TIOCNXCL));
    case L_FIOCLEX: return sys_ret(ioctl(fd, FIOCLEX));
    case L_FIONCLEX: return sys_ret(ioctl(fd, FIONCLEX));
    default:
      if (fcntl(fd, F_GETFD) < 0) return -sys_errno(errno);
      {
        char where[24];
        snprintf(where, sizeof(where), "on fd %d", fd);
        return sys_unsupported("ioctl", "request", req, L_ENOTTY, where);
      }
  }
}
