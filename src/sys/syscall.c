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
  K_AF,      /* an address family (sockaddr.h) */
  K_SADDR,   /* a socket address going in; the next argument is its length */
  K_SADDRP,  /* a socket address coming out; the next argument points to
                its length (accept, getsockname, recvfrom) */
  /* Finer kinds, given by name in trace_overrides (below), so that
   * syscall-list.h's lines need not change: */
  K_OFLAGS,  /* open flags: O_RDONLY|O_CLOEXEC */
  K_OFL2,    /* the same without the access mode (pipe2, dup3) */
  K_PROT,    /* PROT_READ|PROT_WRITE */
  K_MFLAGS,  /* MAP_PRIVATE|MAP_ANONYMOUS */
  K_ATFL,    /* AT_EMPTY_PATH|AT_SYMLINK_NOFOLLOW */
  K_AMODE,   /* F_OK, R_OK|X_OK */
  K_FCNTL,   /* F_GETFL */
  K_SIGHOW,  /* SIG_BLOCK */
  K_CLOCK,   /* CLOCK_MONOTONIC */
  K_WHENCE,  /* SEEK_SET */
  K_ARCH,    /* ARCH_SET_FS */
  K_STATBUF, /* struct stat coming out: {st_mode=S_IFREG|0644, st_size=N} */
  K_TSIN,    /* struct timespec going in: {tv_sec=1, tv_nsec=0} */
  K_TSOUT,   /* struct timespec coming out */
  K_IOCTL,   /* ioctl request: TCGETS */
  K_FUTEX,   /* futex op: FUTEX_WAIT_PRIVATE */
  K_MADV,    /* madvise advice */
  K_SSIN,    /* sigset_t going in: [INT TERM] */
  K_SSOUT,   /* sigset_t coming out */
  K_SIGACT,  /* struct sigaction going in */
  K_FAMILY,  /* socket address family */
  K_SOCKTYPE, /* SOCK_STREAM|SOCK_CLOEXEC */
  K_CLONE,   /* clone flags */
  K_WAITOPT, /* WNOHANG|WUNTRACED */
  K_PRCTL,   /* prctl option */
  K_POLLFD,  /* struct pollfd[next argument]: [{fd=0, events=POLLIN}] */
  K_IOVIN,   /* struct iovec[next argument] going in (writev) */
  K_UTSNAME, /* struct utsname coming out */
  K_RLIMRES, /* RLIMIT_NOFILE */
  K_RLIMIN,  /* struct rlimit going in: {rlim_cur=1024, rlim_max=RLIM64_INFINITY} */
  K_RLIMOUT, /* struct rlimit coming out */
};

/* The argument kinds -s shows in more detail than syscall-list.h says. */
static const struct {
  const char *name;
  uint8_t arg, kind;
} trace_overrides[] = {
    {"open", 1, K_OFLAGS},        {"openat", 2, K_OFLAGS},
    {"mmap", 2, K_PROT},          {"mmap", 3, K_MFLAGS},
    {"mprotect", 2, K_PROT},      {"access", 1, K_AMODE},
    {"faccessat", 2, K_AMODE},    {"faccessat2", 2, K_AMODE},
    {"faccessat2", 3, K_ATFL},    {"newfstatat", 2, K_STATBUF},
    {"newfstatat", 3, K_ATFL},    {"stat", 1, K_STATBUF},
    {"lstat", 1, K_STATBUF},      {"fstat", 1, K_STATBUF},
    {"statx", 2, K_ATFL},         {"fchownat", 4, K_ATFL},
    {"linkat", 4, K_ATFL},        {"utimensat", 3, K_ATFL},
    {"fcntl", 1, K_FCNTL},        {"rt_sigprocmask", 0, K_SIGHOW},
    {"clock_gettime", 0, K_CLOCK}, {"clock_gettime", 1, K_TSOUT},
    {"clock_getres", 0, K_CLOCK}, {"clock_getres", 1, K_TSOUT},
    {"clock_nanosleep", 0, K_CLOCK}, {"clock_nanosleep", 2, K_TSIN},
    {"nanosleep", 0, K_TSIN},     {"lseek", 2, K_WHENCE},
    {"arch_prctl", 0, K_ARCH},    {"pipe2", 1, K_OFL2},
    {"dup3", 2, K_OFL2},
    {"ioctl", 1, K_IOCTL},        {"futex", 1, K_FUTEX},
    {"madvise", 2, K_MADV},       {"rt_sigprocmask", 1, K_SSIN},
    {"rt_sigprocmask", 2, K_SSOUT}, {"rt_sigaction", 1, K_SIGACT},
    {"rt_sigsuspend", 0, K_SSIN}, {"rt_sigpending", 0, K_SSOUT},
    {"socket", 0, K_FAMILY},      {"socket", 1, K_SOCKTYPE},
    {"socketpair", 0, K_FAMILY},  {"socketpair", 1, K_SOCKTYPE},
    {"clone", 0, K_CLONE},        {"wait4", 2, K_WAITOPT},
    {"waitid", 3, K_WAITOPT},     {"prctl", 0, K_PRCTL},
    {"memfd_create", 1, K_HEX},   {"accept4", 3, K_OFL2},
    {"poll", 0, K_POLLFD},        {"ppoll", 0, K_POLLFD},
    {"writev", 1, K_IOVIN},       {"pwritev", 1, K_IOVIN},
    {"pwritev2", 1, K_IOVIN},     {"uname", 0, K_UTSNAME},
    {"prlimit64", 1, K_RLIMRES},  {"prlimit64", 2, K_RLIMIN},
    {"prlimit64", 3, K_RLIMOUT},  {"getrlimit", 0, K_RLIMRES},
    {"getrlimit", 1, K_RLIMOUT},  {"setrlimit", 0, K_RLIMRES},
    {"setrlimit", 1, K_RLIMIN},
};

static int trace_kind(const char *name, int arg, int kind) {
  for (size_t k = 0; k < sizeof(trace_overrides) / sizeof(trace_overrides[0]);
       ++k)
    if (trace_overrides[k].arg == arg && !strcmp(trace_overrides[k].name, name))
      return trace_overrides[k].kind;
  return kind;
}

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

struct FlagName {
  uint64_t bit;
  const char *name;
};

/* Named bits joined by |, what is left in hex; "0" when x is 0 and no
 * name is given for it. */
static void line_flags(struct Line *l, uint64_t x, const struct FlagName *f,
                       size_t n, const char *prefix) {
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

#define FLAGS(l, x, tab, prefix) \
  line_flags(l, x, tab, sizeof(tab) / sizeof(tab[0]), prefix)

/* One of a list of values by name, else the number. */
static void line_enum(struct Line *l, int64_t x, const char *const *names,
                      size_t n) {
  if (x >= 0 && (uint64_t)x < n && names[x]) line_add(l, "%s", names[x]);
  else line_add(l, "%" PRId64, x);
}

#define ENUM(l, x, tab) line_enum(l, x, tab, sizeof(tab) / sizeof(tab[0]))

static const struct FlagName oflags[] = {
    {0100, "O_CREAT"},       {0200, "O_EXCL"},       {0400, "O_NOCTTY"},
    {01000, "O_TRUNC"},      {02000, "O_APPEND"},    {04000, "O_NONBLOCK"},
    {04010000, "O_SYNC"},    {010000, "O_DSYNC"},    {020000, "O_ASYNC"},
    {040000, "O_DIRECT"},    {0100000, "O_LARGEFILE"},
    {020200000, "O_TMPFILE"}, {0200000, "O_DIRECTORY"},
    {0400000, "O_NOFOLLOW"}, {01000000, "O_NOATIME"}, {02000000, "O_CLOEXEC"},
    {010000000, "O_PATH"},
};
static const struct FlagName prots[] = {
    {1, "PROT_READ"}, {2, "PROT_WRITE"}, {4, "PROT_EXEC"},
    {0x01000000, "PROT_GROWSDOWN"}, {0x02000000, "PROT_GROWSUP"},
};
static const struct FlagName mflags[] = {
    {0x10, "MAP_FIXED"},       {0x20, "MAP_ANONYMOUS"},
    {0x40, "MAP_32BIT"},       {0x100, "MAP_GROWSDOWN"},
    {0x800, "MAP_DENYWRITE"},  {0x1000, "MAP_EXECUTABLE"},
    {0x2000, "MAP_LOCKED"},    {0x4000, "MAP_NORESERVE"},
    {0x8000, "MAP_POPULATE"},  {0x10000, "MAP_NONBLOCK"},
    {0x20000, "MAP_STACK"},    {0x40000, "MAP_HUGETLB"},
    {0x80000, "MAP_SYNC"},     {0x100000, "MAP_FIXED_NOREPLACE"},
};
static const struct FlagName atflags[] = {
    {0x100, "AT_SYMLINK_NOFOLLOW"}, {0x400, "AT_SYMLINK_FOLLOW"},
    {0x800, "AT_NO_AUTOMOUNT"},     {0x1000, "AT_EMPTY_PATH"},
    {0x6000, "AT_STATX_DONT_SYNC"}, {0x2000, "AT_STATX_FORCE_SYNC"},
};
static const struct FlagName amodes[] = {
    {4, "R_OK"}, {2, "W_OK"}, {1, "X_OK"},
};
static const char *const fcntl_cmds[] = {
    "F_DUPFD", "F_GETFD", "F_SETFD", "F_GETFL", "F_SETFL", "F_GETLK",
    "F_SETLK", "F_SETLKW", "F_SETOWN", "F_GETOWN", "F_SETSIG", "F_GETSIG",
    [36] = "F_OFD_GETLK", [37] = "F_OFD_SETLK", [38] = "F_OFD_SETLKW",
    [1024] = "F_SETLEASE", [1025] = "F_GETLEASE", [1026] = "F_NOTIFY",
    [1030] = "F_DUPFD_CLOEXEC", [1031] = "F_SETPIPE_SZ",
    [1032] = "F_GETPIPE_SZ", [1033] = "F_ADD_SEALS", [1034] = "F_GET_SEALS",
};
static const char *const sighows[] = {"SIG_BLOCK", "SIG_UNBLOCK",
                                      "SIG_SETMASK"};
static const char *const clocks[] = {
    "CLOCK_REALTIME",        "CLOCK_MONOTONIC",       "CLOCK_PROCESS_CPUTIME_ID",
    "CLOCK_THREAD_CPUTIME_ID", "CLOCK_MONOTONIC_RAW", "CLOCK_REALTIME_COARSE",
    "CLOCK_MONOTONIC_COARSE", "CLOCK_BOOTTIME",       "CLOCK_REALTIME_ALARM",
    "CLOCK_BOOTTIME_ALARM",  [11] = "CLOCK_TAI",
};
static const char *const whences[] = {"SEEK_SET", "SEEK_CUR", "SEEK_END",
                                      "SEEK_DATA", "SEEK_HOLE"};

static const struct FlagName clone_flags[] = {
    {0x100, "CLONE_VM"},          {0x200, "CLONE_FS"},
    {0x400, "CLONE_FILES"},       {0x800, "CLONE_SIGHAND"},
    {0x1000, "CLONE_PIDFD"},      {0x2000, "CLONE_PTRACE"},
    {0x4000, "CLONE_VFORK"},      {0x8000, "CLONE_PARENT"},
    {0x10000, "CLONE_THREAD"},    {0x20000, "CLONE_NEWNS"},
    {0x40000, "CLONE_SYSVSEM"},   {0x80000, "CLONE_SETTLS"},
    {0x100000, "CLONE_PARENT_SETTID"}, {0x200000, "CLONE_CHILD_CLEARTID"},
    {0x400000, "CLONE_DETACHED"}, {0x800000, "CLONE_UNTRACED"},
    {0x1000000, "CLONE_CHILD_SETTID"}, {0x2000000, "CLONE_NEWCGROUP"},
    {0x4000000, "CLONE_NEWUTS"},  {0x8000000, "CLONE_NEWIPC"},
    {0x10000000, "CLONE_NEWUSER"}, {0x20000000, "CLONE_NEWPID"},
    {0x40000000, "CLONE_NEWNET"}, {0x80000000, "CLONE_IO"},
};
static const struct FlagName wait_opts[] = {
    {1, "WNOHANG"},          {2, "WUNTRACED"},  {4, "WEXITED"},
    {8, "WCONTINUED"},       {0x1000000, "WNOWAIT"},
    {0x20000000, "__WNOTHREAD"}, {0x40000000, "__WALL"},
    {0x80000000, "__WCLONE"},
};
static const struct FlagName sa_flags[] = {
    {1, "SA_NOCLDSTOP"},   {2, "SA_NOCLDWAIT"},  {4, "SA_SIGINFO"},
    {0x04000000, "SA_RESTORER"}, {0x08000000, "SA_ONSTACK"},
    {0x10000000, "SA_RESTART"},  {0x40000000, "SA_NODEFER"},
    {0x80000000, "SA_RESETHAND"},
};

static void line_ioctl(struct Line *l, uint64_t x) {
  static const struct { uint32_t req; const char *name; } reqs[] = {
      {0x5401, "TCGETS"},     {0x5402, "TCSETS"},     {0x5403, "TCSETSW"},
      {0x5404, "TCSETSF"},    {0x5409, "TCSBRK"},     {0x540a, "TCXONC"},
      {0x540b, "TCFLSH"},     {0x540e, "TIOCSCTTY"},  {0x540f, "TIOCGPGRP"},
      {0x5410, "TIOCSPGRP"},  {0x5411, "TIOCOUTQ"},   {0x5412, "TIOCSTI"},
      {0x5413, "TIOCGWINSZ"}, {0x5414, "TIOCSWINSZ"}, {0x541b, "FIONREAD"},
      {0x5421, "FIONBIO"},    {0x5422, "TIOCNOTTY"},  {0x5429, "TIOCGSID"},
      {0x5450, "FIONCLEX"},   {0x5451, "FIOCLEX"},    {0x5452, "FIOASYNC"},
      {0x80045430, "TIOCGPTN"}, {0x40045431, "TIOCSPTLCK"},
      {0x5441, "TIOCGPTPEER"},
  };
  for (size_t k = 0; k < sizeof(reqs) / sizeof(reqs[0]); ++k)
    if (reqs[k].req == (uint32_t)x) {
      line_add(l, "%s", reqs[k].name);
      return;
    }
  line_add(l, "%#" PRIx64, x);
}

/* A 64-bit signal set as strace shows it: [INT TERM], ~[...] when most
 * are set. */
static void line_sigset(struct Line *l, uint64_t set) {
  int inv = __builtin_popcountll(set) > 32;
  if (inv) set = ~set;
  line_add(l, "%s[", inv ? "~" : "");
  int first = 1;
  for (int sig = 1; sig <= 64; ++sig) {
    if (!(set >> (sig - 1) & 1)) continue;
    const char *n = sig_name(sig);
    if (!strncmp(n, "SIG", 3)) n += 3;
    line_add(l, "%s%s", first ? "" : " ", n);
    first = 0;
  }
  line_add(l, "]");
}

static const struct FlagName poll_events[] = {
    {0x1, "POLLIN"},     {0x2, "POLLPRI"},    {0x4, "POLLOUT"},
    {0x8, "POLLERR"},    {0x10, "POLLHUP"},   {0x20, "POLLNVAL"},
    {0x40, "POLLRDNORM"}, {0x80, "POLLRDBAND"}, {0x100, "POLLWRNORM"},
    {0x200, "POLLWRBAND"}, {0x400, "POLLMSG"}, {0x2000, "POLLRDHUP"},
};

/* Up to four pollfds; with the result known, their revents too. */
static void line_pollfds(struct Line *l, struct Machine *m, uint64_t va,
                         uint64_t n, int done) {
  line_add(l, "[");
  for (uint64_t k = 0; k < n && k < 4; ++k) {
    struct { int32_t fd; int16_t events, revents; } p;
    if (mem_copy_in(m, &p, va + 8 * k, sizeof(p))) {
      line_add(l, "%s%#" PRIx64 "]", k ? ", " : "", va + 8 * k);
      return;
    }
    line_add(l, "%s{fd=%d, events=", k ? ", " : "", p.fd);
    if (p.events) FLAGS(l, (uint16_t)p.events, poll_events, NULL);
    else line_add(l, "0");
    if (done && p.revents) {
      line_add(l, ", revents=");
      FLAGS(l, (uint16_t)p.revents, poll_events, NULL);
    }
    line_add(l, "}");
  }
  line_add(l, "%s]", n > 4 ? ", ..." : "");
}

/* Up to four iovecs, each with the start of its bytes. */
static void line_guest_bytes(struct Line *l, struct Machine *m, uint64_t va,
                             uint64_t n);
static void line_iovecs(struct Line *l, struct Machine *m, uint64_t va,
                        uint64_t n) {
  line_add(l, "[");
  for (uint64_t k = 0; k < n && k < 4; ++k) {
    struct { uint64_t base, len; } v;
    if (mem_copy_in(m, &v, va + 16 * k, sizeof(v))) {
      line_add(l, "%s%#" PRIx64 "]", k ? ", " : "", va + 16 * k);
      return;
    }
    line_add(l, "%s{iov_base=", k ? ", " : "");
    line_guest_bytes(l, m, v.base, v.len);
    line_add(l, ", iov_len=%" PRIu64 "}", v.len);
  }
  line_add(l, "%s]", n > 4 ? ", ..." : "");
}

static void line_mode(struct Line *l, uint32_t mode) {
  static const char *const types[16] = {
      [1] = "S_IFIFO", [2] = "S_IFCHR", [4] = "S_IFDIR", [6] = "S_IFBLK",
      [8] = "S_IFREG", [10] = "S_IFLNK", [12] = "S_IFSOCK"};
  const char *t = types[(mode >> 12) & 15];
  if (t) line_add(l, "%s|%#o", t, mode & 07777);
  else line_add(l, "%#o", mode);
}

static void line_errno(struct Line *l, int64_t rc) {
  const char *name = strerrorname_np((int)-rc);
  if (name) line_add(l, "-%s", name);
  else line_add(l, "%" PRId64, rc);
}

/* The buffer size a K_SADDRP argument's length word held before the call
 * (the call overwrites it with the address's whole length). */
static uint32_t saddrp_cap;

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
    int kind = trace_kind(name ? name : "", k, d->kinds[k]);
    int ok = !entry && !err;  /* a structure coming out can be shown */
    switch (kind) {
      case K_OFLAGS: {
        static const char *const acc[4] = {"O_RDONLY", "O_WRONLY", "O_RDWR",
                                           "O_ACCMODE"};
        FLAGS(&l, x & ~3ull, oflags, acc[x & 3]);
        break;
      }
      case K_OFL2:
        if (!x) line_add(&l, "0");
        else FLAGS(&l, x, oflags, NULL);
        break;
      case K_PROT:
        if (!x) line_add(&l, "PROT_NONE");
        else FLAGS(&l, x, prots, NULL);
        break;
      case K_MFLAGS: {
        static const char *const types[4] = {"0", "MAP_SHARED", "MAP_PRIVATE",
                                             "MAP_SHARED_VALIDATE"};
        FLAGS(&l, x & ~3ull, mflags, types[x & 3]);
        break;
      }
      case K_ATFL:
        if (!x) line_add(&l, "0");
        else FLAGS(&l, x, atflags, NULL);
        break;
      case K_AMODE:
        if (!x) line_add(&l, "F_OK");
        else FLAGS(&l, x, amodes, NULL);
        break;
      case K_FCNTL: ENUM(&l, (int)x, fcntl_cmds); break;
      case K_SIGHOW: ENUM(&l, (int)x, sighows); break;
      case K_CLOCK: ENUM(&l, (int)x, clocks); break;
      case K_WHENCE: ENUM(&l, (int)x, whences); break;
      case K_ARCH: {
        static const char *const arch[] = {
            [1] = "ARCH_SET_GS", [2] = "ARCH_SET_FS", [3] = "ARCH_GET_FS",
            [4] = "ARCH_GET_GS", [0x11] = "ARCH_GET_CPUID",
            [0x12] = "ARCH_SET_CPUID"};
        if (x >= 0x1000 && x < 0x1013 && arch[x - 0x1000])
          line_add(&l, "%s", arch[x - 0x1000]);
        else line_add(&l, "%#" PRIx64, x);
        break;
      }
      case K_STATBUF: {
        struct linux_stat st;
        if (!ok || !x || mem_copy_in(m, &st, x, sizeof(st))) {
          line_add(&l, x ? "%#" PRIx64 : "NULL", x);
          break;
        }
        line_add(&l, "{st_mode=");
        line_mode(&l, st.st_mode);
        if ((st.st_mode & 0170000) == 0020000 || (st.st_mode & 0170000) == 0060000)
          line_add(&l, ", st_rdev=%#" PRIx64 "}", st.st_rdev);
        else line_add(&l, ", st_size=%" PRId64 "}", st.st_size);
        break;
      }
      case K_IOCTL: line_ioctl(&l, x); break;
      case K_FUTEX: {
        static const char *const ops[] = {
            "FUTEX_WAIT", "FUTEX_WAKE", "FUTEX_FD", "FUTEX_REQUEUE",
            "FUTEX_CMP_REQUEUE", "FUTEX_WAKE_OP", "FUTEX_LOCK_PI",
            "FUTEX_UNLOCK_PI", "FUTEX_TRYLOCK_PI", "FUTEX_WAIT_BITSET",
            "FUTEX_WAKE_BITSET", "FUTEX_WAIT_REQUEUE_PI",
            "FUTEX_CMP_REQUEUE_PI", "FUTEX_LOCK_PI2"};
        int op = (int)x & 127;
        if (op < (int)(sizeof(ops) / sizeof(ops[0])) && !((int)x & ~(128 | 256 | 127)))
          line_add(&l, "%s%s%s", ops[op], (x & 128) ? "_PRIVATE" : "",
                   (x & 256) ? "|FUTEX_CLOCK_REALTIME" : "");
        else line_add(&l, "%#" PRIx64, x);
        break;
      }
      case K_MADV: {
        static const char *const adv[] = {
            "MADV_NORMAL", "MADV_RANDOM", "MADV_SEQUENTIAL", "MADV_WILLNEED",
            "MADV_DONTNEED", [8] = "MADV_FREE", [9] = "MADV_REMOVE",
            [10] = "MADV_DONTFORK", [11] = "MADV_DOFORK",
            [12] = "MADV_MERGEABLE", [13] = "MADV_UNMERGEABLE",
            [14] = "MADV_HUGEPAGE", [15] = "MADV_NOHUGEPAGE",
            [16] = "MADV_DONTDUMP", [17] = "MADV_DODUMP"};
        ENUM(&l, (int)x, adv);
        break;
      }
      case K_SSIN:
      case K_SSOUT: {
        uint64_t set;
        if ((kind == K_SSOUT && !ok) || !x || mem_copy_in(m, &set, x, 8)) {
          line_add(&l, x ? "%#" PRIx64 : "NULL", x);
          break;
        }
        line_sigset(&l, set);
        break;
      }
      case K_SIGACT: {
        struct { uint64_t handler, flags, restorer, mask; } sa;
        if (!x || mem_copy_in(m, &sa, x, sizeof(sa))) {
          line_add(&l, x ? "%#" PRIx64 : "NULL", x);
          break;
        }
        line_add(&l, "{sa_handler=");
        if (sa.handler == 0) line_add(&l, "SIG_DFL");
        else if (sa.handler == 1) line_add(&l, "SIG_IGN");
        else line_add(&l, "%#" PRIx64, sa.handler);
        line_add(&l, ", sa_mask=");
        line_sigset(&l, sa.mask);
        line_add(&l, ", sa_flags=");
        if (!sa.flags) line_add(&l, "0");
        else FLAGS(&l, sa.flags, sa_flags, NULL);
        if (sa.flags & 0x04000000) line_add(&l, ", sa_restorer=%#" PRIx64, sa.restorer);
        line_add(&l, "}");
        break;
      }
      case K_FAMILY: {
        static const char *const fams[] = {
            "AF_UNSPEC", "AF_UNIX", "AF_INET", [10] = "AF_INET6",
            [16] = "AF_NETLINK", [17] = "AF_PACKET"};
        ENUM(&l, (int)x, fams);
        break;
      }
      case K_SOCKTYPE: {
        static const char *const types[] = {
            NULL, "SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW", "SOCK_RDM",
            "SOCK_SEQPACKET", [10] = "SOCK_PACKET"};
        static const struct FlagName sflags[] = {{04000, "SOCK_NONBLOCK"},
                                                 {02000000, "SOCK_CLOEXEC"}};
        uint64_t t = x & 15; /* the table stops at 10: check the index */
        if (t < sizeof(types) / sizeof(types[0]) && types[t])
          FLAGS(&l, x & ~15ull, sflags, types[t]);
        else line_add(&l, "%#" PRIx64, x);
        break;
      }
      case K_CLONE: {
        uint64_t sig = x & 0xff;
        if (sig) {
          const char *n = sig_name((int)sig);
          FLAGS(&l, x & ~0xffull, clone_flags, n);
        } else if (x) {
          FLAGS(&l, x, clone_flags, NULL);
        } else {
          line_add(&l, "0");
        }
        break;
      }
      case K_WAITOPT:
        if (!x) line_add(&l, "0");
        else FLAGS(&l, x, wait_opts, NULL);
        break;
      case K_PRCTL: {
        static const char *const opts[] = {
            [1] = "PR_SET_PDEATHSIG", [2] = "PR_GET_PDEATHSIG",
            [3] = "PR_GET_DUMPABLE", [4] = "PR_SET_DUMPABLE",
            [15] = "PR_SET_NAME", [16] = "PR_GET_NAME",
            [22] = "PR_SET_SECCOMP", [36] = "PR_SET_CHILD_SUBREAPER",
            [38] = "PR_SET_NO_NEW_PRIVS", [39] = "PR_GET_NO_NEW_PRIVS"};
        ENUM(&l, (int)x, opts);
        break;
      }
      case K_POLLFD:
        if (!x) line_add(&l, "NULL");
        else line_pollfds(&l, m, x, k < 5 ? a[k + 1] : 0, ok);
        break;
      case K_IOVIN:
        if (!x) line_add(&l, "NULL");
        else line_iovecs(&l, m, x, k < 5 ? a[k + 1] : 0);
        break;
      case K_UTSNAME: {
        char u[6][65];
        if (!ok || !x || mem_copy_in(m, u, x, sizeof(u))) {
          line_add(&l, x ? "%#" PRIx64 : "NULL", x);
          break;
        }
        for (int j = 0; j < 6; ++j) u[j][64] = 0;
        line_add(&l, "{sysname=\"%s\", nodename=\"%s\", release=\"%s\", "
                     "version=\"%s\", machine=\"%s\"}",
                 u[0], u[1], u[2], u[3], u[4]);
        break;
      }
      case K_RLIMRES: {
        static const char *const res[] = {
            "RLIMIT_CPU",     "RLIMIT_FSIZE",   "RLIMIT_DATA",
            "RLIMIT_STACK",   "RLIMIT_CORE",    "RLIMIT_RSS",
            "RLIMIT_NPROC",   "RLIMIT_NOFILE",  "RLIMIT_MEMLOCK",
            "RLIMIT_AS",      "RLIMIT_LOCKS",   "RLIMIT_SIGPENDING",
            "RLIMIT_MSGQUEUE", "RLIMIT_NICE",   "RLIMIT_RTPRIO",
            "RLIMIT_RTTIME"};
        ENUM(&l, (int)x, res);
        break;
      }
      case K_RLIMIN:
      case K_RLIMOUT: {
        uint64_t r[2];
        if ((kind == K_RLIMOUT && !ok) || !x || mem_copy_in(m, r, x, sizeof(r))) {
          line_add(&l, x ? "%#" PRIx64 : "NULL", x);
          break;
        }
        line_add(&l, "{rlim_cur=");
        for (int j = 0; j < 2; ++j) {
          if (j) line_add(&l, ", rlim_max=");
          if (r[j] == UINT64_MAX) line_add(&l, "RLIM64_INFINITY");
          else line_add(&l, "%" PRIu64, r[j]);
        }
        line_add(&l, "}");
        break;
      }
      case K_TSIN:
      case K_TSOUT: {
        struct linux_timespec ts;
        if ((kind == K_TSOUT && !ok) || !x ||
            mem_copy_in(m, &ts, x, sizeof(ts))) {
          line_add(&l, x ? "%#" PRIx64 : "NULL", x);
          break;
        }
        line_add(&l, "{tv_sec=%" PRId64 ", tv_nsec=%" PRId64 "}", ts.tv_sec,
                 ts.tv_nsec);
        break;
      }
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
        /* recv with MSG_TRUNC returns more than the buffer holds */
        if (!entry && !err && rc > 0)
          line_guest_bytes(&l, m, x, k < 5 && a[k + 1] < (uint64_t)rc
                                         ? a[k + 1] : (uint64_t)rc);
        else line_add(&l, "%#" PRIx64, x);
        break;
      case K_SIG: line_add(&l, "%s", sig_name((int)x)); break;
      case K_AF: {
        char fb[16];
        line_add(&l, "%s", sockaddr_family_name((int)x, fb, sizeof(fb)));
        break;
      }
      case K_SADDR:
      case K_SADDRP: {
        char sb[200];
        uint64_t n = 0;
        if (d->kinds[k] == K_SADDR) {
          n = k < 5 ? (uint32_t)a[k + 1] : 0;
        } else if (!entry && !err && k < 5 && a[k + 1]) {
          uint32_t got;
          if (!mem_copy_in(m, &got, a[k + 1], 4)) n = got;
          /* only what fit in the buffer was written (saddrp_cap) */
          if (n > saddrp_cap) n = saddrp_cap;
        }
        if (x && !n) line_add(&l, "%#" PRIx64, x);
        else {
          sockaddr_format(m, x, n, sb, sizeof(sb));
          line_add(&l, "%s", sb);
        }
        break;
      }
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
 * so a hang shows what it hangs in; -sss logs every call on entry. */
static int syscall_may_block(const struct SyscallDef *d) {
  return d->fn == sys_read || d->fn == sys_readv || d->fn == sys_pread64 ||
         d->fn == sys_write || d->fn == sys_writev || d->fn == sys_poll ||
         d->fn == sys_nanosleep || d->fn == sys_clock_nanosleep ||
         d->fn == sys_wait4 || d->fn == sys_futex || d->fn == sys_openat ||
         d->fn == sys_open || d->fn == sys_accept || d->fn == sys_accept4 ||
         d->fn == sys_connect || d->fn == sys_recvfrom ||
         d->fn == sys_recvmsg || d->fn == sys_recvmmsg ||
         d->fn == sys_sendto || d->fn == sys_sendmsg || d->fn == sys_sendmmsg;
}

/* Calls that look for room and then map it, or read and change the
 * break: with guest threads the whole call holds the address space's
 * lock, so that two threads' mmaps never pick the same free range
 * (memory.h; a no-op with one thread). */
static int syscall_maps(const struct SyscallDef *d) {
  return d->fn == sys_mmap || d->fn == sys_munmap || d->fn == sys_mremap ||
         d->fn == sys_mprotect || d->fn == sys_brk || d->fn == sys_madvise;
}

/* -Z: calls by number (best effort across threads, like the other
 * counters: no atomics on the hot path). The last slot counts numbers
 * past the table. */
static uint64_t syscall_counts[SYSCALL_NAMES_MAX + 1];

void syscall_print_stats(FILE *f) {
  uint64_t done[SYSCALL_NAMES_MAX + 1] = {0};
  /* The ten most frequent, most frequent first. */
  for (int rank = 0; rank < 10; ++rank) {
    int best = -1;
    for (int k = 0; k <= SYSCALL_NAMES_MAX; ++k)
      if (syscall_counts[k] && !done[k] &&
          (best < 0 || syscall_counts[k] > syscall_counts[best]))
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
    fprintf(f, "%-21s = %" PRIu64 "\n", label, syscall_counts[best]);
  }
}

void syscall_dispatch(struct Machine *m) {
  uint64_t nr = m->r[RAX];
  uint64_t a[6] = {m->r[RDI], m->r[RSI], m->r[RDX],
                   m->r[R10], m->r[R8],  m->r[R9]};
  const struct SyscallDef *d = NULL;
  int64_t rc;
  m->stats.syscalls++;
  syscall_counts[nr < SYSCALL_NAMES_MAX ? nr : SYSCALL_NAMES_MAX]++;
  if (nr < SYSCALL_COUNT && syscall_table[nr].fn) {
    d = &syscall_table[nr];
    if (syscall_trace) {
      saddrp_cap = 0;
      for (int k = 0; k < 5 && d->kinds[k]; ++k)
        if (d->kinds[k] == K_SADDRP && a[k + 1] &&
            mem_copy_in(m, &saddrp_cap, a[k + 1], 4))
          saddrp_cap = 0;
    }
    if (syscall_trace >= 3 || (syscall_trace >= 2 && syscall_may_block(d)))
      syscall_log(m, d, nr, a, 0, 1);
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
