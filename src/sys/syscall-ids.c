/* syscall-ids.c: user and group ids, and personality.
 *
 * The set* calls go to the host kernel as the raw per-thread system
 * calls: the guest's own libc already broadcasts an id change to all its
 * threads (glibc's SIGSETXID, musl's __synccall), and each guest thread
 * is a host thread, so the raw call on this thread is exactly what the
 * guest asked for. (The host libc's wrappers would broadcast to every
 * host thread, the guest's other threads included, too early.) */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1
#endif
#include <asm/unistd.h>
#include <stdint.h>
#include <unistd.h>

#include "machine.h"
#include "memory.h"
#include "sys.h"
#include "syscall-defs.h"

#define L_PER_LINUX 0
#define L_ADDR_NO_RANDOMIZE 0x0040000
#define L_NGROUPS_MAX 65536

int64_t sys_setuid(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return sys_ret(syscall(__NR_setuid, (uint32_t)a[0]));
}

int64_t sys_setgid(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return sys_ret(syscall(__NR_setgid, (uint32_t)a[0]));
}

int64_t sys_setreuid(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return sys_ret(syscall(__NR_setreuid, (uint32_t)a[0], (uint32_t)a[1]));
}

int64_t sys_setregid(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return sys_ret(syscall(__NR_setregid, (uint32_t)a[0], (uint32_t)a[1]));
}

int64_t sys_setresuid(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return sys_ret(syscall(__NR_setresuid, (uint32_t)a[0], (uint32_t)a[1],
                         (uint32_t)a[2]));
}

int64_t sys_setresgid(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return sys_ret(syscall(__NR_setresgid, (uint32_t)a[0], (uint32_t)a[1],
                         (uint32_t)a[2]));
}

int64_t sys_setfsuid(struct Machine *m, uint64_t a[6]) {
  (void)m; /* returns the previous fsuid, never an error */
  return (uint32_t)syscall(__NR_setfsuid, (uint32_t)a[0]);
}

int64_t sys_setfsgid(struct Machine *m, uint64_t a[6]) {
  (void)m;
  return (uint32_t)syscall(__NR_setfsgid, (uint32_t)a[0]);
}

/* getresuid/getresgid: three uint32 out-pointers. */
static int64_t getres(struct Machine *m, uint64_t a[6], long nr) {
  uint32_t id[3];
  int64_t r = sys_ret(syscall(nr, &id[0], &id[1], &id[2]));
  if (r < 0) return r;
  for (int k = 0; k < 3; ++k)
    if (mem_copy_out(m, a[k], &id[k], 4)) return -L_EFAULT;
  return 0;
}

int64_t sys_getresuid(struct Machine *m, uint64_t a[6]) {
  return getres(m, a, __NR_getresuid);
}

int64_t sys_getresgid(struct Machine *m, uint64_t a[6]) {
  return getres(m, a, __NR_getresgid);
}

int64_t sys_setgroups(struct Machine *m, uint64_t a[6]) {
  uint64_t n = a[0];
  if (n > L_NGROUPS_MAX) return -L_EINVAL;
  uint32_t *g = sys_buffer(n ? n * 4 : 4);
  if (!g) return -L_ENOMEM;
  if (n && mem_copy_in(m, g, a[1], n * 4)) return -L_EFAULT;
  return sys_ret(syscall(__NR_setgroups, (size_t)n, g));
}

/* personality: the host process's persona is the guest's (it is per
 * process and inherited across exec, on both sides). Linux's own and
 * ADDR_NO_RANDOMIZE can be set; other personas are refused. */
int64_t sys_personality(struct Machine *m, uint64_t a[6]) {
  (void)m;
  uint32_t p = (uint32_t)a[0];
  if (p != 0xffffffffu && (p & ~(uint32_t)L_ADDR_NO_RANDOMIZE)) return -L_EINVAL;
  return sys_ret(syscall(__NR_personality, (unsigned long)p));
}
