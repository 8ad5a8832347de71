/* syscall.c: the SYSCALL instruction's other half: look the number up,
 * run the handler, and with -s log the call strace-style. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* strerrorname_np */
#endif
#include "syscall.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "flags.h"
#include "log.h"
#include "machine.h"
#include "memory.h"
#include "sockaddr.h"
#include "sys.h"
#include "syscall-defs.h"
#include "trace.h"

int syscall_trace;

struct SyscallDef {
  const char *name;
  int64_t (*fn)(struct Machine *m, uint64_t a[6]);
  uint8_t kinds[6];
};

#define SYSCALL(nr, nm, ...) [nr] = {#nm, sys_##nm, {__VA_ARGS__}},
static const struct SyscallDef syscall_table[] = {
#include "syscall-list.h"
};
#undef SYSCALL
#define SYSCALL_COUNT (sizeof(syscall_table) / sizeof(syscall_table[0]))

/* With entry set, the call has not run yet: no result, no output. */
static void syscall_log(struct Machine *m, const struct SyscallDef *d,
                        uint64_t nr, const uint64_t a[6], int64_t rc,
                        int entry, const struct TracePre *pre) {
  const char *name = d && d->name ? d->name : syscall_name((unsigned)nr);
  trace_call(m, name, d ? d->kinds : NULL, nr, a, rc, entry,
             d && (d->fn == sys_mmap || d->fn == sys_brk ||
                   d->fn == sys_mremap),
             pre);
}

/* Calls that can wait for something outside: -ss logs them on entry too,
 * so a hang shows what it hangs in; -sss logs every call on entry. */
static int syscall_may_block(const struct SyscallDef *d) {
  return d->fn == sys_read || d->fn == sys_readv || d->fn == sys_pread64 ||
         d->fn == sys_write || d->fn == sys_writev || d->fn == sys_poll ||
         d->fn == sys_nanosleep || d->fn == sys_clock_nanosleep ||
         d->fn == sys_wait4 || d->fn == sys_futex || d->fn == sys_openat ||
         d->fn == sys_open || d->fn == sys_accept || d->fn == sys_accept4 ||
         d->fn == sys_connect || d->fn == sys_recvfrom ||
         d->fn == sys_recvmsg || d->fn == sys_recvmmsg ||
         d->fn == sys_sendto || d->fn == sys_sendmsg || d->fn == sys_sendmmsg ||
         d->fn == sys_select || d->fn == sys_pselect6 || d->fn == sys_ppoll ||
         d->fn == sys_epoll_wait || d->fn == sys_epoll_pwait ||
         d->fn == sys_epoll_pwait2 || d->fn == sys_rt_sigsuspend ||
         d->fn == sys_rt_sigtimedwait || d->fn == sys_pause ||
         d->fn == sys_waitid || d->fn == sys_flock;
}

/* Calls that look for room and then map it, or read and change the
 * break: with guest threads the whole call holds the address space's
 * lock, so that two threads' mmaps never pick the same free range
 * (memory.h; a no-op with one thread). */
static int syscall_maps(const struct SyscallDef *d) {
  return d->fn == sys_mmap || d->fn == sys_munmap || d->fn == sys_mremap ||
         d->fn == sys_mprotect || d->fn == sys_brk || d->fn == sys_madvise;
}

/* -Z: calls by number, every thread's (a relaxed atomic add: a system
 * call is not the interpreter's hot path). The last slot counts numbers
 * past the table. */
static uint64_t syscall_counts[SYSCALL_NAMES_MAX + 1];

void syscall_stats_reset(void) {
  for (int k = 0; k <= SYSCALL_NAMES_MAX; ++k)
    __atomic_store_n(&syscall_counts[k], 0, __ATOMIC_RELAXED);
}

void syscall_print_stats(FILE *f) {
  uint64_t done[SYSCALL_NAMES_MAX + 1] = {0}, counts[SYSCALL_NAMES_MAX + 1];
  for (int k = 0; k <= SYSCALL_NAMES_MAX; ++k)
    counts[k] = __atomic_load_n(&syscall_counts[k], __ATOMIC_RELAXED);
  /* The ten most frequent, most frequent first. */
  for (int rank = 0; rank < 10; ++rank) {
    int best = -1;
    for (int k = 0; k <= SYSCALL_NAMES_MAX; ++k)
      if (counts[k] && !done[k] &&
          (best < 0 || counts[k] > counts[best]))
        best = k;
    if (best < 0) break;
    done[best] = 1;
    const char *name =
        best < SYSCALL_NAMES_MAX ? syscall_name((unsigned)best) : NULL;
    char label[64];
    if (name) snprintf(label, sizeof(label), "syscalls.%s", name);
    else if (best < SYSCALL_NAMES_MAX)
      snprintf(label, sizeof(label), "syscalls.%d", best);
    else snprintf(label, sizeof(label), "syscalls.out_of_range");
    fprintf(f, "%-21s = %" PRIu64 "\n", label, counts[best]);
  }
}

void syscall_dispatch(struct Machine *m) {
  uint64_t nr = m->r[RAX];
  uint64_t a[6] = {m->r[RDI], m->r[RSI], m->r[RDX],
                   m->r[R10], m->r[R8],  m->r[R9]};
  const struct SyscallDef *d = NULL;
  int64_t rc;
  struct TracePre pre; /* -s: what the call overwrites, before it */
  m->stats.syscalls++;
  __atomic_fetch_add(&syscall_counts[nr < SYSCALL_NAMES_MAX ? nr : SYSCALL_NAMES_MAX],
                     1, __ATOMIC_RELAXED);
  if (nr < SYSCALL_COUNT && syscall_table[nr].fn) {
    d = &syscall_table[nr];
    if (syscall_trace) trace_before(m, d->name, d->kinds, a, &pre);
    if (syscall_trace >= 3 || (syscall_trace >= 2 && syscall_may_block(d)))
      syscall_log(m, d, nr, a, 0, 1, &pre);
    if (m->sys && m->sys->interrupted && m == m->sys->wait_m) {
      /* A signal ended the front end's wait for it (syscall-wait.c). */
      m->sys->interrupted = 0;
      rc = -L_EINTR;
    } else {
      __atomic_store_n(&m->in_syscall, 1, __ATOMIC_SEQ_CST);
      if (syscall_maps(d)) {
        mem_lock(m->mem);
        rc = d->fn(m, a);
        mem_unlock(m->mem);
      } else {
        rc = d->fn(m, a);
      }
      __atomic_store_n(&m->in_syscall, 0, __ATOMIC_SEQ_CST);
    }
  } else {
    char key[32];
    const char *name = syscall_name((unsigned)(nr < 0x10000 ? nr : 0xffff));
    snprintf(key, sizeof(key), "nosys %" PRIu64, nr);
    if (name)
      blog_once(key, "unimplemented system call %s (%" PRIu64 "): -ENOSYS",
                name, nr);
    else
      blog_once(key, "unknown system call %" PRIu64 ": -ENOSYS", nr);
    rc = -L_ENOSYS;
  }
  /* RCX and R11 are the SYSCALL instruction's (op_syscall); a call that
   * replaces all registers (rt_sigreturn) returns SYS_RET_KEEP so that
   * RAX is not overwritten here. */
  int keep = rc == SYS_RET_KEEP;
  if (keep) rc = (int64_t)m->r[RAX];
  else m->r[RAX] = (uint64_t)rc;
  /* a successful execve wrote its line before the old memory went */
  if (syscall_trace && !(d && (d->fn == sys_execve || d->fn == sys_execveat) &&
                         !rc))
    syscall_log(m, d, nr, a, rc, 0, d ? &pre : NULL);
  /* Signals sent, unblocked or caught during the call; a -EINTR it
   * returned may become a restart (not rt_sigreturn's restored RAX). */
  if (m->sys && m->stop == STOP_NONE) sig_check(m, keep ? -1 : (long)nr);
}

/* int 0x80 from a 64-bit program. A 64-bit Linux kernel with IA32
 * emulation runs the *i386* system call table for it: number in EAX,
 * arguments in EBX, ECX, EDX, ESI, EDI, EBP, each taken as 32 bits (so
 * pointers are below 4 GiB), the result sign-extended into RAX, every
 * other register kept. Only calls whose i386 arguments mean the same as
 * the x86-64 call's once zero-extended (integers, descriptors, byte
 * buffers, paths) are mapped; the rest (structures with 32-bit layouts,
 * 32-bit off_t, 16-bit uids) get -ENOSYS. */
static const uint16_t i386_to_x86_64[] = {
    [1] = 60,    /* exit */
    [3] = 0,     /* read */
    [4] = 1,     /* write */
    [5] = 2,     /* open: O_* values agree between the two ABIs */
    [6] = 3,     /* close */
    [8] = 85,    /* creat */
    [9] = 86,    /* link */
    [10] = 87,   /* unlink */
    [12] = 80,   /* chdir */
    [15] = 90,   /* chmod */
    [20] = 39,   /* getpid */
    [33] = 21,   /* access */
    [37] = 62,   /* kill */
    [38] = 82,   /* rename */
    [39] = 83,   /* mkdir */
    [40] = 84,   /* rmdir */
    [41] = 32,   /* dup */
    [42] = 22,   /* pipe: int[2] either way */
    [45] = 12,   /* brk */
    [57] = 109,  /* setpgid */
    [60] = 95,   /* umask */
    [63] = 33,   /* dup2 */
    [64] = 110,  /* getppid */
    [83] = 88,   /* symlink */
    [85] = 89,   /* readlink */
    [94] = 91,   /* fchmod */
    [118] = 74,  /* fsync */
    [132] = 121, /* getpgid */
    [133] = 81,  /* fchdir */
    [147] = 124, /* getsid */
    [148] = 75,  /* fdatasync */
    [158] = 24,  /* sched_yield */
    [183] = 79,  /* getcwd */
    [198] = 94,  /* lchown32 */
    [199] = 102, /* getuid32 */
    [200] = 104, /* getgid32 */
    [201] = 107, /* geteuid32 */
    [202] = 108, /* getegid32 */
    [207] = 93,  /* fchown32 */
    [212] = 92,  /* chown32 */
    [224] = 186, /* gettid */
    [238] = 200, /* tkill */
    [252] = 231, /* exit_group */
    [270] = 234, /* tgkill */
    [295] = 257, /* openat: AT_FDCWD arrives zero-extended, read as int */
    [296] = 258, /* mkdirat */
    [301] = 263, /* unlinkat */
    [302] = 264, /* renameat */
    [304] = 266, /* symlinkat */
    [305] = 267, /* readlinkat */
    [306] = 268, /* fchmodat */
    [307] = 269, /* faccessat */
    [330] = 292, /* dup3 */
    [331] = 293, /* pipe2 */
};

void syscall_dispatch_int80(struct Machine *m) {
  uint32_t nr = (uint32_t)m->r[RAX];
  /* Signed 32-bit integers (exit status, kill's pid) reach the x86-64
   * handlers zero-extended; they read them as int, as Linux does. */
  uint64_t a[6] = {(uint32_t)m->r[RBX], (uint32_t)m->r[RCX],
                   (uint32_t)m->r[RDX], (uint32_t)m->r[RSI],
                   (uint32_t)m->r[RDI], (uint32_t)m->r[RBP]};
  const struct SyscallDef *d = NULL;
  uint64_t nr64 = 0;
  int64_t rc = -L_ENOSYS;
  m->stats.syscalls++;
  if (nr < sizeof(i386_to_x86_64) / sizeof(i386_to_x86_64[0]) &&
      (nr == 3 || i386_to_x86_64[nr])) {
    nr64 = i386_to_x86_64[nr];
    if (nr64 < SYSCALL_COUNT && syscall_table[nr64].fn) {
      d = &syscall_table[nr64];
      rc = d->fn(m, a);
    }
  }
  if (!d) {
    char key[32];
    snprintf(key, sizeof(key), "nosys80 %" PRIu32, nr);
    blog_once(key, "int 0x80 system call %" PRIu32 " (i386 numbering): "
                   "-ENOSYS", nr);
  }
  if (rc == SYS_RET_KEEP) rc = (int64_t)m->r[RAX];
  else m->r[RAX] = (uint64_t)rc;
  if (syscall_trace && d) syscall_log(m, d, nr64, a, rc, 0, NULL);
  if (m->sys && m->stop == STOP_NONE) sig_check(m, -2); /* no restart */
}
