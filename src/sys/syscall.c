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
#include "sys.h"
#include "syscall-defs.h"

int syscall_trace;

/* How to show an argument in the trace. */
enum {
  K_END = 0, /* no more arguments */
  K_INT,     /* 32-bit signed */
  K_LONG,    /* 64-bit signed */
  K_U,       /* 64-bit unsigned */
  K_HEX,     /* flags, addresses, lengths of mappings */
  K_OCT,     /* modes */
  K_FD,      /* a descriptor, or AT_FDCWD */
  K_STR,     /* a NUL-terminated path */
  K_IBUF,    /* bytes going in; the next argument is the length */
  K_OBUF,    /* bytes coming out; the result is the length */
  K_PTR,     /* any other pointer */
  K_SIG,     /* a signal number */
};

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

/* Append printf output to a bounded line. */
struct Line {
  char buf[1024];
  size_t n;
};

static void line_add(struct Line *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void line_add(struct Line *l, const char *fmt, ...) {
  if (l->n >= sizeof(l->buf) - 1) return;
  va_list va;
  va_start(va, fmt);
  int k = vsnprintf(l->buf + l->n, sizeof(l->buf) - l->n, fmt, va);
  va_end(va);
  if (k > 0) l->n += (size_t)k;
  if (l->n > sizeof(l->buf) - 1) l->n = sizeof(l->buf) - 1;
}

/* Show guest bytes as a C string literal, at most max of them. */
static void line_quote(struct Line *l, const uint8_t *p, size_t n, size_t max,
                       int more) {
  line_add(l, "\"");
  for (size_t k = 0; k < n && k < max; ++k) {
    uint8_t c = p[k];
    switch (c) {
      case '\n': line_add(l, "\\n"); break;
      case '\t': line_add(l, "\\t"); break;
      case '\r': line_add(l, "\\r"); break;
      case '"': line_add(l, "\\\""); break;
      case '\\': line_add(l, "\\\\"); break;
      default:
        if (c >= 0x20 && c < 0x7f) line_add(l, "%c", c);
        else line_add(l, "\\x%02x", c);
    }
  }
  line_add(l, "\"%s", (n > max || more) ? "..." : "");
}

static void line_guest_bytes(struct Line *l, struct Machine *m, uint64_t va,
                             uint64_t n) {
  uint8_t tmp[48];
  size_t want = n < sizeof(tmp) ? (size_t)n : sizeof(tmp);
  if (mem_copy_in(m, tmp, va, want)) {
    line_add(l, "%#" PRIx64, va);
    return;
  }
  line_quote(l, tmp, want, sizeof(tmp), n > want);
}

static void line_errno(struct Line *l, int64_t rc) {
  const char *name = strerrorname_np((int)-rc);
  if (name) line_add(l, "-%s", name);
  else line_add(l, "%" PRId64, rc);
}

/* With entry set, the call has not run yet: no result, no output. */
static void syscall_log(struct Machine *m, const struct SyscallDef *d,
                        uint64_t nr, const uint64_t a[6], int64_t rc,
                        int entry) {
  struct Line l;
  l.n = 0;
  const char *name = d && d->name ? d->name : syscall_name((unsigned)nr);
  if (name) line_add(&l, "%s(", name);
  else line_add(&l, "syscall_%" PRIu64 "(", nr);
  int err = !entry && rc < 0 && rc >= -4095;
  for (int k = 0; d && k < 6 && d->kinds[k]; ++k) {
    if (k) line_add(&l, ", ");
    uint64_t x = a[k];
    switch (d->kinds[k]) {
      case K_INT: line_add(&l, "%d", (int)x); break;
      case K_LONG: line_add(&l, "%" PRId64, (int64_t)x); break;
      case K_U: line_add(&l, "%" PRIu64, x); break;
      case K_OCT: line_add(&l, "%#" PRIo64, x); break;
      case K_FD:
        if ((int)x == L_AT_FDCWD) line_add(&l, "AT_FDCWD");
        else line_add(&l, "%d", (int)x);
        break;
      case K_STR: {
        int e;
        char *s = x ? mem_strdup_in(m, x, 4096, &e) : NULL;
        if (s) {
          line_quote(&l, (const uint8_t *)s, strlen(s), 200, 0);
          free(s);
        } else {
          line_add(&l, x ? "%#" PRIx64 : "NULL", x);
        }
        break;
      }
      case K_IBUF: line_guest_bytes(&l, m, x, k < 5 ? a[k + 1] : 0); break;
      case K_OBUF:
        if (!entry && !err && rc > 0) line_guest_bytes(&l, m, x, (uint64_t)rc);
        else line_add(&l, "%#" PRIx64, x);
        break;
      case K_SIG: line_add(&l, "%s", sig_name((int)x)); break;
      case K_PTR:
        if (!x) {
          line_add(&l, "NULL");
          break;
        }
        /* fallthrough */
      default: line_add(&l, "%#" PRIx64, x); break;
    }
  }
  line_add(&l, entry ? ") ..." : ") -> ");
  if (entry) {
    /* the result comes in a second line */
  } else if (err) {
    line_errno(&l, rc);
  } else if (d && (d->fn == sys_mmap || d->fn == sys_brk ||
                    d->fn == sys_mremap)) {
    line_add(&l, "%#" PRIx64, (uint64_t)rc);
  } else {
    line_add(&l, "%" PRId64, rc);
  }
  blog("%.*s", (int)l.n, l.buf);
}

/* Calls that can wait for something outside: -ss logs them on entry too,
 * so a hang shows what it hangs in. */
static int syscall_may_block(const struct SyscallDef *d) {
  return d->fn == sys_read || d->fn == sys_readv || d->fn == sys_pread64 ||
         d->fn == sys_write || d->fn == sys_writev || d->fn == sys_poll ||
         d->fn == sys_nanosleep || d->fn == sys_clock_nanosleep ||
         d->fn == sys_wait4 || d->fn == sys_futex || d->fn == sys_openat ||
         d->fn == sys_open;
}

void syscall_dispatch(struct Machine *m) {
  uint64_t nr = m->r[RAX];
  uint64_t a[6] = {m->r[RDI], m->r[RSI], m->r[RDX],
                   m->r[R10], m->r[R8],  m->r[R9]};
  const struct SyscallDef *d = NULL;
  int64_t rc;
  m->stats.syscalls++;
  if (nr < SYSCALL_COUNT && syscall_table[nr].fn) {
    d = &syscall_table[nr];
    if (syscall_trace >= 2 && syscall_may_block(d))
      syscall_log(m, d, nr, a, 0, 1);
    if (m->sys && m->sys->interrupted) {
      /* A signal ended the front end's wait for it (syscall-wait.c). */
      m->sys->interrupted = 0;
      rc = -L_EINTR;
    } else {
      rc = d->fn(m, a);
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
  if (syscall_trace) syscall_log(m, d, nr, a, rc, 0);
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
  if (syscall_trace && d) syscall_log(m, d, nr64, a, rc, 0);
  if (m->sys && m->stop == STOP_NONE) sig_check(m, -2); /* no restart */
}
