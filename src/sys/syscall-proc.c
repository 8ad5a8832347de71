/* syscall-proc.c: the process: exit, identity, limits, TLS, randomness,
 * waiting for children (fork and clone: syscall-fork.c; execve:
 * syscall-exec.c). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <asm/unistd.h>
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/sysinfo.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "log.h"
#include "machine.h"
#include "memory.h"
#include "sys.h"
#include "syscall-defs.h"

int64_t sys_getpid(struct Machine *m, uint64_t a[6]) {
  (void)a;
  return m->sys ? m->sys->pid : getpid();
}

int64_t sys_gettid(struct Machine *m, uint64_t a[6]) {
  (void)a;
  return m->tid ? m->tid : getpid();
}

int64_t sys_getppid(struct Machine *m, uint64_t a[6]) {
  (void)m;
  (void)a;
  return getppid();
}

int64_t sys_getuid(struct Machine *m, uint64_t a[6]) {
  (void)m;
  (void)a;
  return getuid();
}

int64_t sys_geteuid(struct Machine *m, uint64_t a[6]) {
  (void)m;
  (void)a;
  return geteuid();
}

int64_t sys_getgid(struct Machine *m, uint64_t a[6]) {
  (void)m;
  (void)a;
  return getgid();
}

int64_t sys_getegid(struct Machine *m, uint64_t a[6]) {
  (void)m;
  (void)a;
  return getegid();
}

int64_t sys_getpgrp(struct Machine *m, uint64_t a[6]) {
  (void)m;
  (void)a;
  return getpgrp();
}

int64_t sys_getpgid(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return sys_ret(getpgid((pid_t)a[0]));
}

int64_t sys_setpgid(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return sys_ret(setpgid((pid_t)a[0], (pid_t)a[1]));
}

int64_t sys_getsid(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return sys_ret(getsid((pid_t)a[0]));
}

int64_t sys_setsid(struct Machine *m, uint64_t a[6]) {
  (void)m;
  (void)a;
  return sys_ret(setsid());
}

int64_t sys_getgroups(struct Machine *m, uint64_t a[6]) {
  int size = (int)a[0];
  if (size < 0) return -L_EINVAL;
  gid_t g[65536];
  int n = getgroups(size ? (size < 65536 ? size : 65536) : 0, size ? g : NULL);
  if (n < 0) return -sys_errno(errno);
  if (size && n) {
    uint32_t out[n];
    for (int k = 0; k < n; ++k) out[k] = g[k];
    if (mem_copy_out(m, a[1], out, (size_t)n * 4)) return -L_EFAULT;
  }
  return n;
}

int64_t sys_uname(struct Machine *m, uint64_t a[6]) {
  struct linux_utsname u;
  struct utsname h;
  memset(&u, 0, sizeof(u));
  if (uname(&h)) memset(&h, 0, sizeof(h));
  snprintf(u.sysname, sizeof(u.sysname), "Linux");
  snprintf(u.nodename, sizeof(u.nodename), "%s", h.nodename);
  snprintf(u.release, sizeof(u.release), "4.5");
  snprintf(u.version, sizeof(u.version), "blink-1.0");
  snprintf(u.machine, sizeof(u.machine), "x86_64");
#ifdef _GNU_SOURCE
  snprintf(u.domainname, sizeof(u.domainname), "%s", h.domainname);
#endif
  if (mem_copy_out(m, a[0], &u, sizeof(u))) return -L_EFAULT;
  return 0;
}

int64_t sys_arch_prctl(struct Machine *m, uint64_t a[6]) {
  uint64_t v;
  switch ((int)a[0]) {
    case L_ARCH_SET_FS:
    case L_ARCH_SET_GS:
      if (a[1] >= 0x800000000000ull) return -L_EPERM;  /* not canonical user */
      m->seg_base[(int)a[0] == L_ARCH_SET_FS ? SEG_FS : SEG_GS] = a[1];
      return 0;
    case L_ARCH_GET_FS:
    case L_ARCH_GET_GS:
      v = m->seg_base[(int)a[0] == L_ARCH_GET_FS ? SEG_FS : SEG_GS];
      if (mem_copy_out(m, a[1], &v, sizeof(v))) return -L_EFAULT;
      return 0;
    default:
      return sys_unsupported("arch_prctl", "code", (uint32_t)a[0], L_EINVAL,
                             NULL);
  }
}

/* Restartable sequences are an optimization glibc can do without. */
int64_t sys_rseq(struct Machine *m, uint64_t a[6]) {
  (void)m;
  (void)a;
  return -L_ENOSYS;
}

/* Limits that would constrain the emulator's own memory: only recorded. */
static int rlim_guest_only(int res) {
  return res == RLIMIT_DATA || res == RLIMIT_STACK || res == RLIMIT_RSS ||
         res == RLIMIT_MEMLOCK || res == RLIMIT_AS;
}

int64_t sys_prlimit64(struct Machine *m, uint64_t a[6]) {
  int pid = (int)a[0], res = (int)a[1];
  uint64_t newp = a[2], oldp = a[3];
  if (res < 0 || res >= 16) return -L_EINVAL;
  struct linux_rlimit nl, ol;
  if (newp && mem_copy_in(m, &nl, newp, sizeof(nl))) return -L_EFAULT;
  if (pid && (!m->sys || pid != m->sys->pid)) {
    /* Another process: the host kernel's business (same struct layout). */
    int64_t r = sys_ret(syscall(__NR_prlimit64, pid, res, newp ? &nl : NULL,
                                oldp ? &ol : NULL));
    if (r < 0) return r;
    if (oldp && mem_copy_out(m, oldp, &ol, sizeof(ol))) return -L_EFAULT;
    return 0;
  }
  struct Sys *s = m->sys;
  if (!s) return -L_ESRCH;
  if (!rlim_guest_only(res)) {
    struct rlimit h;
    if (!getrlimit(res, &h)) {
      s->rlim[res].rlim_cur = h.rlim_cur;
      s->rlim[res].rlim_max = h.rlim_max;
    }
  }
  ol = s->rlim[res];
  if (newp) {
    if (nl.rlim_cur > nl.rlim_max) return -L_EINVAL;
    if (rlim_guest_only(res)) {
      if (nl.rlim_max > s->rlim[res].rlim_max && geteuid()) return -L_EPERM;
    } else {
      struct rlimit h = {nl.rlim_cur, nl.rlim_max};
      if (setrlimit(res, &h)) return -sys_errno(errno);
    }
    s->rlim[res] = nl;
  }
  if (oldp && mem_copy_out(m, oldp, &ol, sizeof(ol))) return -L_EFAULT;
  return 0;
}

int64_t sys_getrlimit(struct Machine *m, uint64_t a[6]) {
  uint64_t b[6] = {0, a[0], 0, a[1], 0, 0};
  return sys_prlimit64(m, b);
}

int64_t sys_setrlimit(struct Machine *m, uint64_t a[6]) {
  uint64_t b[6] = {0, a[0], a[1], 0, 0, 0};
  return sys_prlimit64(m, b);
}

int64_t sys_sched_yield(struct Machine *m, uint64_t a[6]) {
  (void)m;
  (void)a;
  return sys_ret(sched_yield());
}

int64_t sys_sched_getaffinity(struct Machine *m, uint64_t a[6]) {
  uint64_t size = a[1];
  uint8_t mask[1024];
  if (size > sizeof(mask)) size = sizeof(mask);
  /* The raw call returns how many bytes of mask the kernel wrote. */
  int64_t r = sys_ret(syscall(__NR_sched_getaffinity, (pid_t)a[0], (size_t)size, mask));
  if (r < 0) return r;
  if (mem_copy_out(m, a[2], mask, (size_t)r)) return -L_EFAULT;
  return r;
}

int64_t sys_getrandom(struct Machine *m, uint64_t a[6]) {
  uint64_t n = a[1];
  if (n > (1u << 20)) n = 1u << 20;
  if (!sys_range_ok(m, a[0], n, MPROT_WRITE)) return -L_EFAULT;
  void *buf = sys_buffer(n ? n : 1);
  if (!buf) return -L_ENOMEM;
  ssize_t r = getrandom(buf, n, (unsigned)a[2]);
  if (r < 0) return -sys_errno(errno);
  if (mem_copy_out(m, a[0], buf, (size_t)r)) return -L_EFAULT;
  return r;
}

int64_t sys_sysinfo(struct Machine *m, uint64_t a[6]) {
  struct sysinfo h;
  if (sysinfo(&h)) return -sys_errno(errno);
  struct linux_sysinfo s;
  memset(&s, 0, sizeof(s));
  s.uptime = h.uptime;
  for (int k = 0; k < 3; ++k) s.loads[k] = h.loads[k];
  s.totalram = h.totalram;
  s.freeram = h.freeram;
  s.sharedram = h.sharedram;
  s.bufferram = h.bufferram;
  s.totalswap = h.totalswap;
  s.freeswap = h.freeswap;
  s.procs = h.procs;
  s.totalhigh = h.totalhigh;
  s.freehigh = h.freehigh;
  s.mem_unit = h.mem_unit;
  if (mem_copy_out(m, a[0], &s, sizeof(s))) return -L_EFAULT;
  return 0;
}

static void rusage_out(struct linux_rusage *l, const struct rusage *h) {
  memset(l, 0, sizeof(*l));
  l->ru_utime.tv_sec = h->ru_utime.tv_sec;
  l->ru_utime.tv_usec = h->ru_utime.tv_usec;
  l->ru_stime.tv_sec = h->ru_stime.tv_sec;
  l->ru_stime.tv_usec = h->ru_stime.tv_usec;
  l->rest[0] = h->ru_maxrss;
  l->rest[1] = h->ru_ixrss;
  l->rest[2] = h->ru_idrss;
  l->rest[3] = h->ru_isrss;
  l->rest[4] = h->ru_minflt;
  l->rest[5] = h->ru_majflt;
  l->rest[6] = h->ru_nswap;
  l->rest[7] = h->ru_inblock;
  l->rest[8] = h->ru_oublock;
  l->rest[9] = h->ru_msgsnd;
  l->rest[10] = h->ru_msgrcv;
  l->rest[11] = h->ru_nsignals;
  l->rest[12] = h->ru_nvcsw;
  l->rest[13] = h->ru_nivcsw;
}

int64_t sys_getrusage(struct Machine *m, uint64_t a[6]) {
  struct rusage h;
  if (getrusage((int)a[0], &h)) return -sys_errno(errno);
  struct linux_rusage l;
  rusage_out(&l, &h);
  if (mem_copy_out(m, a[1], &l, sizeof(l))) return -L_EFAULT;
  return 0;
}

int64_t sys_wait4(struct Machine *m, uint64_t a[6]) {
  int status = 0;
  struct rusage h;
  pid_t r = wait4((pid_t)a[0], &status, (int)a[2], a[3] ? &h : NULL);
  if (r < 0) return -sys_errno(errno);
  if (r > 0 && a[1]) {
    int32_t st = status;
    if (mem_copy_out(m, a[1], &st, 4)) return -L_EFAULT;
  }
  if (r > 0 && a[3]) {
    struct linux_rusage l;
    rusage_out(&l, &h);
    if (mem_copy_out(m, a[3], &l, sizeof(l))) return -L_EFAULT;
  }
  return r;
}

/* waitid(idtype, id, infop, options, rusage): the host's siginfo is
 * Linux's x86-64 layout, so its 128 bytes go out as they are. */
int64_t sys_waitid(struct Machine *m, uint64_t a[6]) {
  uint8_t si[128];
  struct rusage h;
  memset(si, 0, sizeof(si));
  long r = syscall(__NR_waitid, (int)a[0], (pid_t)a[1], si, (int)a[3],
                   a[4] ? &h : NULL);
  if (r < 0) return -sys_errno(errno);
  if (a[2] && mem_copy_out(m, a[2], si, sizeof(si))) return -L_EFAULT;
  if (a[4]) {
    struct linux_rusage l;
    rusage_out(&l, &h);
    if (mem_copy_out(m, a[4], &l, sizeof(l))) return -L_EFAULT;
  }
  return 0;
}

int64_t sys_prctl(struct Machine *m, uint64_t a[6]) {
  struct Sys *s = m->sys;
  switch ((int)a[0]) {
    case 15: { /* PR_SET_NAME */
      char name[16];
      memset(name, 0, sizeof(name));
      for (size_t k = 0; k < sizeof(name) - 1; ++k) {
        if (mem_copy_in(m, name + k, a[1] + k, 1)) return -L_EFAULT;
        if (!name[k]) break;
      }
      if (s) memcpy(s->comm, name, sizeof(name));
      return 0;
    }
    case 16: /* PR_GET_NAME */
      if (mem_copy_out(m, a[1], s ? s->comm : "", 16)) return -L_EFAULT;
      return 0;
    case 1:  /* PR_SET_PDEATHSIG: there is no parent thread to watch */
    case 4:  /* PR_SET_DUMPABLE */
    case 38: /* PR_SET_NO_NEW_PRIVS */
      return 0;
    case 2: { /* PR_GET_PDEATHSIG */
      int32_t zero = 0;
      if (mem_copy_out(m, a[1], &zero, 4)) return -L_EFAULT;
      return 0;
    }
    case 3:  /* PR_GET_DUMPABLE */
      return 1;
    case 39: /* PR_GET_NO_NEW_PRIVS */
      return 0;
    case 7: case 8: case 23: case 24: case 27: case 28: case 47:
      return sys_prctl_cap(m, a); /* capabilities: syscall-cap.c */
    default:
      return sys_unsupported("prctl", "option", (uint32_t)a[0], L_EINVAL, NULL);
  }
}

int64_t sys_getpriority(struct Machine *m, uint64_t a[6]) {
  (void)m;
  /* The raw call returns 20 - nice, never negative. */
  return sys_ret(syscall(__NR_getpriority, (int)a[0], (int)a[1]));
}

int64_t sys_setpriority(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return sys_ret(setpriority((int)a[0], (id_t)a[1], (int)a[2]));
}

int64_t sys_getcpu(struct Machine *m, uint64_t a[6]) {
  uint32_t zero = 0; /* one virtual CPU, one node */
  if (a[0] && mem_copy_out(m, a[0], &zero, 4)) return -L_EFAULT;
  if (a[1] && mem_copy_out(m, a[1], &zero, 4)) return -L_EFAULT;
  return 0;
}
