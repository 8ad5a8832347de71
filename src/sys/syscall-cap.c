/* syscall-cap.c: capget and capset.
 *
 * The guest is the host process as far as credentials go (its uid and
 * gid are the host's), so its capabilities are the host process's: both
 * calls go to the host kernel, with the header and data copied through
 * the x86-64 layouts of linux-abi.h. Version 1 has one data record,
 * versions 2 and 3 have two (the 64-bit sets' low and high halves). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <asm/unistd.h> /* __NR_*: <sys/syscall.h> would find src/sys/syscall.h */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "machine.h"
#include "memory.h"
#include "sys.h"
#include "syscall-defs.h"

static int cap_records(uint32_t version) {
  return version == L_CAP_V1 ? 1
         : version == L_CAP_V2 || version == L_CAP_V3 ? 2
                                                      : 0;
}

/* The guest's own pid means the calling process (host pid 0). */
static int cap_pid(struct Machine *m, int pid) {
  return m->sys && pid == m->sys->pid ? 0 : pid;
}

int64_t sys_capget(struct Machine *m, uint64_t a[6]) {
  struct linux_cap_header h;
  if (mem_copy_in(m, &h, a[0], sizeof(h))) return -L_EFAULT;
  int n = cap_records(h.version);
  if (!n) {
    /* Linux answers with the version it prefers. */
    h.version = L_CAP_V3;
    if (mem_copy_out(m, a[0], &h, sizeof(h))) return -L_EFAULT;
    return a[1] ? -L_EINVAL : 0;
  }
  if (h.pid < 0) return -L_EINVAL;
  struct {
    uint32_t version;
    int pid;
  } hh = {h.version, cap_pid(m, h.pid)};
  struct linux_cap_data d[2];
  memset(d, 0, sizeof(d));
  int64_t r = sys_ret(syscall(__NR_capget, &hh, a[1] ? d : NULL));
  if (r < 0 || !a[1]) return r;
  if (mem_copy_out(m, a[1], d, (size_t)n * sizeof(d[0]))) return -L_EFAULT;
  return r;
}

int64_t sys_capset(struct Machine *m, uint64_t a[6]) {
  struct linux_cap_header h;
  if (mem_copy_in(m, &h, a[0], sizeof(h))) return -L_EFAULT;
  int n = cap_records(h.version);
  if (!n) {
    h.version = L_CAP_V3;
    if (mem_copy_out(m, a[0], &h, sizeof(h))) return -L_EFAULT;
    return -L_EINVAL;
  }
  struct linux_cap_data d[2];
  memset(d, 0, sizeof(d));
  if (mem_copy_in(m, d, a[1], (size_t)n * sizeof(d[0]))) return -L_EFAULT;
  if (h.pid && h.pid != (m->sys ? m->sys->pid : 0)) return -L_EPERM;
  struct {
    uint32_t version;
    int pid;
  } hh = {h.version, 0};
  return sys_ret(syscall(__NR_capset, &hh, d));
}

/* prctl's capability options (from sys_prctl): all take values, never
 * pointers, and concern the process's credentials, which are the host
 * process's: PR_GET/SET_KEEPCAPS (7, 8), PR_CAPBSET_READ/DROP (23, 24),
 * PR_GET/SET_SECUREBITS (27, 28), PR_CAP_AMBIENT (47). */
int64_t sys_prctl_cap(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return sys_ret(syscall(__NR_prctl, (int)a[0], (unsigned long)a[1],
                         (unsigned long)a[2], (unsigned long)a[3],
                         (unsigned long)a[4]));
}
