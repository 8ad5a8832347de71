/* trace.h: -s, the strace-style system call log. Private to src/sys.
 *
 * syscall-list.h gives each argument a coarse kind (K_INT, K_PTR...);
 * trace_overrides (trace.c) refines some by call name (K_OFLAGS for
 * openat's flags...), so that the list's lines never change for the
 * log. Each kind has a decoder (trace_fns in trace.c): flag and enum
 * tables in trace-flags.c, structures in trace-struct.c, socket
 * addresses and messages in trace-net.c.
 *
 * Decoders read guest memory only through trace_peek (mem_peek): no
 * fault, no watchpoint, no history entry; an unreadable structure is
 * shown as its address. Structures coming out are shown only after a
 * successful call, as strace does. Everything is on the caller's stack:
 * guest threads log concurrently. */
#ifndef BLINK_SYS_TRACE_H
#define BLINK_SYS_TRACE_H

#include <stddef.h>
#include <stdint.h>

struct Machine;

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
  /* Finer kinds, given by name in trace_overrides (trace.c): */
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
  K_RLIMIN,  /* struct rlimit going in */
  K_RLIMOUT, /* struct rlimit coming out */
  K_IOVOUT,  /* struct iovec[next argument] coming out (readv): result bytes */
  K_IOCARG,  /* ioctl's third argument, by request: termios, winsize, int */
  K_WSTATUS, /* wait status coming out: [{WIFEXITED(s) && ...}] */
  K_DENTS,   /* getdents64's buffer: its address and an entry count */
  K_SSTACKIN,  /* stack_t going in */
  K_SSTACKOUT, /* stack_t coming out */
  K_TVIN,    /* struct timeval going in */
  K_TVOUT,   /* struct timeval coming out */
  K_ITSIN,   /* struct itimerspec going in */
  K_ITSOUT,  /* struct itimerspec coming out */
  K_ITVIN,   /* struct itimerval going in */
  K_ITVOUT,  /* struct itimerval coming out */
  K_EPCTL,   /* EPOLL_CTL_ADD */
  K_EPEVIN,  /* struct epoll_event going in */
  K_EPEVOUT, /* struct epoll_event[result] coming out */
  K_MSGIN,   /* struct msghdr going in (sendmsg) */
  K_MSGOUT,  /* struct msghdr coming out (recvmsg) */
  K_MSGFL,   /* MSG_DONTWAIT|MSG_NOSIGNAL */
  K_SOLEVEL, /* SOL_SOCKET */
  K_SONAME,  /* SO_REUSEADDR (the level is the previous argument) */
  K_SOVAL,   /* setsockopt's value: [1] (length next) */
  K_ITIMER,  /* ITIMER_REAL */
  K_FCNTLARG, /* fcntl's third argument, by command */
  K_SHUT,    /* SHUT_RDWR */
  K_SIGACTOUT, /* struct sigaction coming out (the old action) */
  K_SALEN,   /* the length word after a K_SADDRP: [110 => 7] */
  K_OMODE,   /* open's mode, only with O_CREAT or O_TMPFILE */
  K_STATXFL, /* statx's flags: AT_STATX_SYNC_AS_STAT|AT_EMPTY_PATH */
  K_STATXMASK, /* STATX_BASIC_STATS|STATX_BTIME */
  K_STATXBUF, /* struct statx coming out */
  K_FDSET,   /* select's fd set as it went in (TracePre): [0 4] */
  K_SELTV,   /* select's timeout as it went in: struct timeval */
  K_SELTS,   /* pselect6's: struct timespec */
  K_PSELSIG, /* pselect6's {sigmask=[...], sigsetsize=8} */
  K_ARGV,    /* execve's argv: ["echo", "hi"] */
  K_ENVP,    /* execve's envp: 0x... and a count in a comment */
  K_GONE,    /* shown by another argument's decoder (clone's) */
  K_MMSGIN,  /* struct mmsghdr[] going in (sendmmsg) */
  K_MMSGOUT, /* struct mmsghdr[] coming out (recvmmsg) */
  K_KINDS
};

/* A bounded line of text, on the stack. */
struct Line {
  char buf[1024];
  size_t n;
};

void line_add(struct Line *l, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Bytes as a C string literal, at most max of them; "..." after when cut
 * or when more is set. */
void line_quote(struct Line *l, const uint8_t *p, size_t n, size_t max,
                int more);

struct FlagName {
  uint64_t bit;
  const char *name;
};
/* Named bits joined by |, the rest in hex; "0" for nothing (or prefix,
 * e.g. the access mode, first). */
void line_flags(struct Line *l, uint64_t x, const struct FlagName *f, size_t n,
                const char *prefix);
#define FLAGS(l, x, tab, prefix) \
  line_flags(l, x, tab, sizeof(tab) / sizeof(tab[0]), prefix)
/* One of a list of values by name, else the number. */
void line_enum(struct Line *l, int64_t x, const char *const *names, size_t n);
#define ENUM(l, x, tab) line_enum(l, x, tab, sizeof(tab) / sizeof(tab[0]))
/* A pointer that is not decoded: NULL or hex. */
void line_ptr(struct Line *l, uint64_t x);
/* A signal's name as strace gives it (SIGRT_2); buf may hold it. */
const char *trace_signame(int sig, char buf[16]);
/* A sigset as strace shows it: [INT TERM], ~[...] when most are set. */
void line_sigset(struct Line *l, uint64_t set);

/* Guest memory for the log: mem_peek (0 or -EFAULT). */
int trace_peek(struct Machine *m, void *dst, uint64_t va, size_t n);
/* Up to max bytes of guest memory at va as a quoted string, n of them
 * wanted (the address when unreadable). */
void line_guest_bytes(struct Line *l, struct Machine *m, uint64_t va,
                      uint64_t n);

/* What the call overwrites, read before it runs (trace_before): the
 * buffer size an address coming out may fill, select's fd sets and
 * timeout. */
struct TracePre {
  uint32_t saddrp_cap;
  uint8_t set_ok[3], tmo_ok;
  int64_t tmo[2];
  uint8_t sets[3][128];
};
void trace_before(struct Machine *m, const char *name, const uint8_t kinds[6],
                  const uint64_t a[6], struct TracePre *pre);

/* A NUL-terminated guest string, quoted (its address when unreadable). */
void line_guest_str(struct Line *l, struct Machine *m, uint64_t va);

/* One argument being shown. */
struct TraceArg {
  struct Machine *m;
  const uint64_t *a; /* all six */
  int k;             /* which one */
  uint64_t x;        /* a[k] */
  int64_t rc;        /* the result, when !entry */
  int entry;         /* the call has not run yet */
  int ok;            /* ran and succeeded: structures coming out are valid */
  const struct TracePre *pre; /* never NULL */
};
typedef void TraceFn(struct Line *l, const struct TraceArg *t);

/* The next argument, or 0 past the sixth. */
static inline uint64_t trace_next(const struct TraceArg *t) {
  return t->k < 5 ? t->a[t->k + 1] : 0;
}

/* The decoders each file provides, by kind. */
struct TraceDecoder {
  int kind;
  TraceFn *fn;
};
extern const struct TraceDecoder trace_flags_decoders[];
extern const size_t trace_flags_count;
extern const struct TraceDecoder trace_struct_decoders[];
extern const size_t trace_struct_count;
extern const struct TraceDecoder trace_net_decoders[];
extern const size_t trace_net_count;
extern const struct TraceDecoder trace_select_decoders[];
extern const size_t trace_select_count;

/* Shared decoders. */
void trace_iovecs(struct Line *l, struct Machine *m, uint64_t va, uint64_t n,
                  int64_t total);
void trace_sockaddr(struct Line *l, struct Machine *m, uint64_t va,
                    uint64_t len);
void trace_ioctl_req(struct Line *l, uint64_t x);
void trace_statx_mask(struct Line *l, uint64_t x);
/* After poll's result: " ([{fd=3, revents=POLLIN}])" or " (Timeout)". */
void trace_poll_result(struct Line *l, const struct TraceArg *t);
/* After select's: " (in [4], out [5], left {tv_sec=0, tv_usec=0})". */
void trace_select_result(struct Line *l, const struct TraceArg *t,
                         int pselect);

/* A successful execve's line, written before the old program's memory
 * goes: execve("/bin/true", ["true"], 0x7ff... (12 vars in a comment)) -> 0. */
void trace_exec(struct Machine *m, uint64_t path_va, char *const *argv,
                uint64_t envp_va, size_t nenv);

/* The refined kind of argument k of call name (trace_overrides). */
int trace_kind(const char *name, int k, int kind);

/* Logs a call: name (NULL: syscall_NR), its six argument kinds from
 * syscall-list.h, arguments, result; entry set: before the call.
 * hexresult: the result is an address (mmap, brk). */
void trace_call(struct Machine *m, const char *name, const uint8_t kinds[6],
                uint64_t nr, const uint64_t a[6], int64_t rc, int entry,
                int hexresult, const struct TracePre *pre);

#endif
