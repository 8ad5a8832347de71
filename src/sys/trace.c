/* trace.c: -s's line: the call's name, each argument by its kind (the
 * decoders in trace-flags.c, trace-struct.c, trace-net.c), the result
 * or the errno's name. See trace.h. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* strerrorname_np */
#endif
#include "trace.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "linux-abi.h"
#include "log.h"
#include "memory.h"
#include "sys.h"

/* The argument kinds -s shows in more detail than syscall-list.h says. */
static const struct {
  const char *name;
  uint8_t arg, kind;
} trace_overrides[] = {
    {"open", 1, K_OFLAGS},        {"openat", 2, K_OFLAGS},
    {"open", 2, K_OMODE},         {"openat", 3, K_OMODE},
    {"mmap", 0, K_PTR},           {"mmap", 1, K_U},
    {"mmap", 2, K_PROT},          {"mmap", 3, K_MFLAGS},
    {"mprotect", 1, K_U},         {"munmap", 1, K_U},
    {"madvise", 1, K_U},          {"brk", 0, K_PTR},
    {"mprotect", 2, K_PROT},      {"access", 1, K_AMODE},
    {"faccessat", 2, K_AMODE},    {"faccessat2", 2, K_AMODE},
    {"faccessat2", 3, K_ATFL},    {"newfstatat", 2, K_STATBUF},
    {"newfstatat", 3, K_ATFL},    {"stat", 1, K_STATBUF},
    {"lstat", 1, K_STATBUF},      {"fstat", 1, K_STATBUF},
    {"statx", 2, K_STATXFL},      {"statx", 3, K_STATXMASK},
    {"statx", 4, K_STATXBUF},         {"fchownat", 4, K_ATFL},
    {"linkat", 4, K_ATFL},        {"utimensat", 3, K_ATFL},
    {"fcntl", 1, K_FCNTL},        {"fcntl", 2, K_FCNTLARG},
    {"rt_sigprocmask", 0, K_SIGHOW},
    {"clock_gettime", 0, K_CLOCK}, {"clock_gettime", 1, K_TSOUT},
    {"clock_getres", 0, K_CLOCK}, {"clock_getres", 1, K_TSOUT},
    {"clock_nanosleep", 0, K_CLOCK}, {"clock_nanosleep", 2, K_TSIN},
    {"nanosleep", 0, K_TSIN},
    {"lseek", 2, K_WHENCE},
    {"arch_prctl", 0, K_ARCH},    {"pipe2", 1, K_OFL2},
    {"dup3", 2, K_OFL2},
    {"ioctl", 1, K_IOCTL},        {"ioctl", 2, K_IOCARG},
    {"futex", 1, K_FUTEX},
    {"madvise", 2, K_MADV},       {"rt_sigprocmask", 1, K_SSIN},
    {"rt_sigprocmask", 2, K_SSOUT}, {"rt_sigaction", 1, K_SIGACT},
    {"rt_sigaction", 2, K_SIGACTOUT},
    {"rt_sigsuspend", 0, K_SSIN}, {"rt_sigpending", 0, K_SSOUT},
    {"rt_sigtimedwait", 0, K_SSIN}, {"rt_sigtimedwait", 2, K_TSIN},
    {"socket", 0, K_FAMILY},      {"socket", 1, K_SOCKTYPE},
    {"socketpair", 0, K_FAMILY},  {"socketpair", 1, K_SOCKTYPE},
    {"clone", 0, K_CLONE},        {"clone", 1, K_GONE},
    {"clone", 2, K_GONE},         {"clone", 3, K_GONE},
    {"clone", 4, K_GONE},        {"wait4", 1, K_WSTATUS},
    {"wait4", 2, K_WAITOPT},
    {"waitid", 3, K_WAITOPT},     {"prctl", 0, K_PRCTL},
    {"memfd_create", 1, K_HEX},   {"accept4", 3, K_OFL2},
    {"poll", 0, K_POLLFD},        {"ppoll", 0, K_POLLFD},
    {"writev", 1, K_IOVIN},       {"pwritev", 1, K_IOVIN},
    {"pwritev2", 1, K_IOVIN},     {"readv", 1, K_IOVOUT},
    {"preadv", 1, K_IOVOUT},      {"preadv2", 1, K_IOVOUT},
    {"uname", 0, K_UTSNAME},
    {"prlimit64", 1, K_RLIMRES},  {"prlimit64", 2, K_RLIMIN},
    {"prlimit64", 3, K_RLIMOUT},  {"getrlimit", 0, K_RLIMRES},
    {"getrlimit", 1, K_RLIMOUT},  {"setrlimit", 0, K_RLIMRES},
    {"setrlimit", 1, K_RLIMIN},
    {"getdents64", 1, K_DENTS},   {"getdents", 1, K_DENTS},
    {"sigaltstack", 0, K_SSTACKIN}, {"sigaltstack", 1, K_SSTACKOUT},
    {"gettimeofday", 0, K_TVOUT},
    {"setitimer", 0, K_ITIMER},   {"setitimer", 1, K_ITVIN},
    {"setitimer", 2, K_ITVOUT},   {"getitimer", 0, K_ITIMER},
    {"getitimer", 1, K_ITVOUT},
    {"timerfd_settime", 2, K_ITSIN}, {"timerfd_settime", 3, K_ITSOUT},
    {"timerfd_gettime", 1, K_ITSOUT},
    {"epoll_ctl", 1, K_EPCTL},    {"epoll_ctl", 3, K_EPEVIN},
    {"epoll_wait", 1, K_EPEVOUT}, {"epoll_pwait", 1, K_EPEVOUT},
    {"epoll_pwait2", 1, K_EPEVOUT},
    {"sendmsg", 1, K_MSGIN},      {"sendmsg", 2, K_MSGFL},
    {"recvmsg", 1, K_MSGOUT},     {"recvmsg", 2, K_MSGFL},
    {"sendto", 3, K_MSGFL},       {"recvfrom", 3, K_MSGFL},
    {"sendmmsg", 1, K_MMSGIN},    {"sendmmsg", 3, K_MSGFL},
    {"recvmmsg", 1, K_MMSGOUT},   {"recvmmsg", 3, K_MSGFL},
    {"recvmmsg", 4, K_TSIN},
    {"setsockopt", 1, K_SOLEVEL}, {"setsockopt", 2, K_SONAME},
    {"setsockopt", 3, K_SOVAL},   {"getsockopt", 1, K_SOLEVEL},
    {"getsockopt", 2, K_SONAME},  {"shutdown", 1, K_SHUT},
    {"accept", 2, K_SALEN},       {"accept4", 2, K_SALEN},
    {"getsockname", 2, K_SALEN},  {"getpeername", 2, K_SALEN},
    {"recvfrom", 5, K_SALEN},
    {"execve", 1, K_ARGV},        {"execve", 2, K_ENVP},
    {"execveat", 2, K_ARGV},      {"execveat", 3, K_ENVP},
    {"execveat", 4, K_ATFL},
    {"select", 1, K_FDSET},       {"select", 2, K_FDSET},
    {"select", 3, K_FDSET},       {"select", 4, K_SELTV},
    {"pselect6", 1, K_FDSET},     {"pselect6", 2, K_FDSET},
    {"pselect6", 3, K_FDSET},     {"pselect6", 4, K_SELTS},
    {"pselect6", 5, K_PSELSIG},
};

int trace_kind(const char *name, int arg, int kind) {
  for (size_t k = 0; k < sizeof(trace_overrides) / sizeof(trace_overrides[0]);
       ++k)
    if (trace_overrides[k].arg == arg && !strcmp(trace_overrides[k].name, name))
      return trace_overrides[k].kind;
  return kind;
}

void line_add(struct Line *l, const char *fmt, ...) {
  if (l->n >= sizeof(l->buf) - 1) return;
  va_list va;
  va_start(va, fmt);
  int k = vsnprintf(l->buf + l->n, sizeof(l->buf) - l->n, fmt, va);
  va_end(va);
  if (k > 0) l->n += (size_t)k;
  if (l->n > sizeof(l->buf) - 1) l->n = sizeof(l->buf) - 1;
}

void line_quote(struct Line *l, const uint8_t *p, size_t n, size_t max,
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

void line_flags(struct Line *l, uint64_t x, const struct FlagName *f, size_t n,
                const char *prefix) {
  int any = 0;
  if (prefix) {
    line_add(l, "%s", prefix);
    any = 1;
  }
  for (size_t k = 0; k < n; ++k) {
    if (f[k].bit && (x & f[k].bit) == f[k].bit) {
      line_add(l, "%s%s", any ? "|" : "", f[k].name);
      x &= ~f[k].bit;
      any = 1;
    }
  }
  if (x || !any) line_add(l, any ? "|%#" PRIx64 : "%#" PRIx64, x);
}

void line_enum(struct Line *l, int64_t x, const char *const *names, size_t n) {
  if (x >= 0 && (uint64_t)x < n && names[x]) line_add(l, "%s", names[x]);
  else line_add(l, "%" PRId64, x);
}

void line_ptr(struct Line *l, uint64_t x) {
  if (x) line_add(l, "%#" PRIx64, x);
  else line_add(l, "NULL");
}

/* A signal's name as strace gives it: SIGINT, SIGRTMIN (32), SIGRT_N
 * (32 + N); into buf (sig_name's own buffer is not the caller's). */
const char *trace_signame(int sig, char buf[16]) {
  if (sig == 32) return "SIGRTMIN";
  if (sig > 32 && sig <= 64) {
    snprintf(buf, 16, "SIGRT_%d", sig - 32);
    return buf;
  }
  if (sig > 0 && sig < 32) return sig_name(sig);
  snprintf(buf, 16, "%d", sig);
  return buf;
}

void line_sigset(struct Line *l, uint64_t set) {
  int inv = __builtin_popcountll(set) > 32;
  if (inv) set = ~set;
  line_add(l, "%s[", inv ? "~" : "");
  int first = 1;
  for (int sig = 1; sig <= 64; ++sig) {
    if (!(set >> (sig - 1) & 1)) continue;
    char buf[16];
    const char *n = trace_signame(sig, buf);
    if (!strncmp(n, "SIG", 3)) n += 3;
    line_add(l, "%s%s", first ? "" : " ", n);
    first = 0;
  }
  line_add(l, "]");
}

int trace_peek(struct Machine *m, void *dst, uint64_t va, size_t n) {
  return mem_peek(m, dst, va, n);
}

void line_guest_bytes(struct Line *l, struct Machine *m, uint64_t va,
                      uint64_t n) {
  uint8_t tmp[48];
  size_t want = n < sizeof(tmp) ? (size_t)n : sizeof(tmp);
  if (trace_peek(m, tmp, va, want)) {
    line_add(l, "%#" PRIx64, va);
    return;
  }
  line_quote(l, tmp, want, sizeof(tmp), n > want);
}

/* A NUL-terminated guest string, read a page's piece at a time so that
 * a string ending just before an unmapped page is still shown. */
void line_guest_str(struct Line *l, struct Machine *m, uint64_t va) {
  uint8_t s[201];
  size_t n = 0;
  int end = 0;
  while (n < sizeof(s) && !end) {
    size_t chunk = 4096 - (size_t)((va + n) & 4095);
    if (chunk > sizeof(s) - n) chunk = sizeof(s) - n;
    if (trace_peek(m, s + n, va + n, chunk)) {
      if (!n) {
        line_ptr(l, va);
        return;
      }
      break;
    }
    for (size_t k = n; k < n + chunk; ++k)
      if (!s[k]) {
        chunk = k - n;
        end = 1;
        break;
      }
    n += chunk;
  }
  line_quote(l, s, n, 200, !end);
}

void trace_before(struct Machine *m, const char *name, const uint8_t kinds[6],
                  const uint64_t a[6], struct TracePre *pre) {
  pre->saddrp_cap = 0;
  pre->set_ok[0] = pre->set_ok[1] = pre->set_ok[2] = pre->tmo_ok = 0;
  for (int k = 0; k < 5 && kinds[k]; ++k)
    if (kinds[k] == K_SADDRP && a[k + 1] &&
        trace_peek(m, &pre->saddrp_cap, a[k + 1], 4))
      pre->saddrp_cap = 0;
  if (!name || (strcmp(name, "select") && strcmp(name, "pselect6"))) return;
  /* the sets' bytes for nfds descriptors, in 8-byte words */
  uint64_t n = (uint32_t)a[0] > 1024 ? 1024 : (uint32_t)a[0];
  size_t bytes = (size_t)((n + 63) / 64 * 8);
  for (int k = 0; k < 3; ++k)
    pre->set_ok[k] = a[k + 1] && !trace_peek(m, pre->sets[k], a[k + 1], bytes);
  pre->tmo_ok = a[4] && !trace_peek(m, pre->tmo, a[4], sizeof(pre->tmo));
}

void trace_exec(struct Machine *m, uint64_t path_va, char *const *argv,
                uint64_t envp_va, size_t nenv) {
  struct Line l;
  l.n = 0;
  line_add(&l, "execve(");
  line_guest_str(&l, m, path_va);
  line_add(&l, ", [");
  size_t k = 0;
  for (; argv[k] && k < 32; ++k) {
    line_add(&l, "%s", k ? ", " : "");
    line_quote(&l, (const uint8_t *)argv[k], strlen(argv[k]), 200, 0);
  }
  line_add(&l, "%s], %#" PRIx64 " /* %zu var%s */) -> 0",
           argv[k] ? ", ..." : "", envp_va, nenv, nenv == 1 ? "" : "s");
  blog("%.*s", (int)l.n, l.buf);
}

static TraceFn *trace_find(int kind) {
  static const struct {
    const struct TraceDecoder *tab;
    const size_t *n;
  } files[] = {{trace_flags_decoders, &trace_flags_count},
               {trace_struct_decoders, &trace_struct_count},
               {trace_net_decoders, &trace_net_count},
               {trace_select_decoders, &trace_select_count}};
  for (size_t f = 0; f < sizeof(files) / sizeof(files[0]); ++f)
    for (size_t k = 0; k < *files[f].n; ++k)
      if (files[f].tab[k].kind == kind) return files[f].tab[k].fn;
  return NULL;
}

/* The kinds every call uses, given by syscall-list.h. */
static void trace_basic(struct Line *l, int kind, const struct TraceArg *t) {
  uint64_t x = t->x;
  switch (kind) {
    case K_INT: line_add(l, "%d", (int)x); break;
    case K_LONG: line_add(l, "%" PRId64, (int64_t)x); break;
    case K_U: line_add(l, "%" PRIu64, x); break;
    case K_OCT: line_add(l, "%#" PRIo64, x); break;
    case K_FD:
      if ((int)x == L_AT_FDCWD) line_add(l, "AT_FDCWD");
      else line_add(l, "%d", (int)x);
      break;
    case K_STR:
      if (x) line_guest_str(l, t->m, x);
      else line_add(l, "NULL");
      break;
    case K_IBUF: line_guest_bytes(l, t->m, x, trace_next(t)); break;
    case K_OBUF:
      /* recv with MSG_TRUNC returns more than the buffer holds */
      if (t->ok && t->rc > 0)
        line_guest_bytes(l, t->m, x,
                         trace_next(t) < (uint64_t)t->rc ? trace_next(t)
                                                         : (uint64_t)t->rc);
      else line_add(l, "%#" PRIx64, x);
      break;
    case K_SIG: {
      char buf[16];
      line_add(l, "%s", trace_signame((int)x, buf));
      break;
    }
    case K_PTR: line_ptr(l, x); break;
    default: line_add(l, "%#" PRIx64, x); break;
  }
}

static void line_errno(struct Line *l, int64_t rc) {
  const char *name = strerrorname_np((int)-rc);
  if (name) line_add(l, "-%s", name);
  else line_add(l, "%" PRId64, rc);
}

void trace_call(struct Machine *m, const char *name, const uint8_t kinds[6],
                uint64_t nr, const uint64_t a[6], int64_t rc, int entry,
                int hexresult, const struct TracePre *pre) {
  static const struct TracePre none; /* read-only: nothing captured */
  struct Line l;
  l.n = 0;
  if (name) line_add(&l, "%s(", name);
  else line_add(&l, "syscall_%" PRIu64 "(", nr);
  int err = !entry && rc < 0 && rc >= -4095;
  struct TraceArg t = {m, a, 0, 0, rc, entry, !entry && !err,
                       pre ? pre : &none};
  for (int k = 0; kinds && k < 6 && kinds[k]; ++k) {
    if (k) line_add(&l, ", ");
    t.k = k;
    t.x = a[k];
    int kind = trace_kind(name ? name : "", k, kinds[k]);
    TraceFn *fn = kind > K_PTR ? trace_find(kind) : NULL;
    if (fn) fn(&l, &t);
    else trace_basic(&l, kind, &t);
  }
  line_add(&l, entry ? ") ..." : ") -> ");
  if (entry) {
    /* the result comes in a second line */
  } else if (err) {
    line_errno(&l, rc);
  } else if (hexresult) {
    line_add(&l, "%#" PRIx64, (uint64_t)rc);
  } else {
    line_add(&l, "%" PRId64, rc);
  }
  /* What strace adds after some results. */
  for (int k = 0; !entry && !err && kinds && k < 6 && kinds[k]; ++k) {
    int kind = trace_kind(name ? name : "", k, kinds[k]);
    switch (kind) {
      case K_POLLFD:
        t.k = k;
        t.x = a[k];
        trace_poll_result(&l, &t);
        break;
      case K_SELTV:
      case K_SELTS:
        t.k = k;
        t.x = a[k];
        trace_select_result(&l, &t, kind == K_SELTS);
        break;
    }
  }
  blog("%.*s", (int)l.n, l.buf);
}
