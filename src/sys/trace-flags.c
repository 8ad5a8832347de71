/* trace-flags.c: -s's flag words and enumerations (open flags, PROT_,
 * MAP_, clone flags, ioctl requests...) by name: tables of names and
 * one decoder per kind (trace.h). */
#include <inttypes.h>
#include <string.h>

#include "sys.h"
#include "trace.h"

static const struct FlagName oflags[] = { /* in strace's order */
    {0100, "O_CREAT"},       {0200, "O_EXCL"},       {0400, "O_NOCTTY"},
    {01000, "O_TRUNC"},      {02000, "O_APPEND"},    {04000, "O_NONBLOCK"},
    {04010000, "O_SYNC"},    {010000, "O_DSYNC"},    {040000, "O_DIRECT"},
    {0100000, "O_LARGEFILE"}, {0400000, "O_NOFOLLOW"}, {01000000, "O_NOATIME"},
    {02000000, "O_CLOEXEC"}, {010000000, "O_PATH"},  {020200000, "O_TMPFILE"},
    {0200000, "O_DIRECTORY"}, {020000, "FASYNC"},
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
    {0x100, "AT_SYMLINK_NOFOLLOW"}, {0x200, "AT_REMOVEDIR"},
    {0x400, "AT_SYMLINK_FOLLOW"},   {0x800, "AT_NO_AUTOMOUNT"},
    {0x1000, "AT_EMPTY_PATH"},
};
static const struct FlagName statx_masks[] = {
    {0xfff, "STATX_ALL"},       {0x7ff, "STATX_BASIC_STATS"},
    {0x1, "STATX_TYPE"},        {0x2, "STATX_MODE"},     {0x4, "STATX_NLINK"},
    {0x8, "STATX_UID"},         {0x10, "STATX_GID"},     {0x20, "STATX_ATIME"},
    {0x40, "STATX_MTIME"},      {0x80, "STATX_CTIME"},   {0x100, "STATX_INO"},
    {0x200, "STATX_SIZE"},      {0x400, "STATX_BLOCKS"}, {0x800, "STATX_BTIME"},
    {0x1000, "STATX_MNT_ID"},   {0x2000, "STATX_DIOALIGN"},
};

void trace_statx_mask(struct Line *l, uint64_t x) {
  if (!x) line_add(l, "0");
  else FLAGS(l, x, statx_masks, NULL);
}

/* statx's flags: the sync type first (AT_STATX_SYNC_AS_STAT is 0). */
static void t_statxfl(struct Line *l, const struct TraceArg *t) {
  static const char *const sync[4] = {
      "AT_STATX_SYNC_AS_STAT", "AT_STATX_FORCE_SYNC", "AT_STATX_DONT_SYNC",
      "AT_STATX_SYNC_TYPE"};
  FLAGS(l, t->x & ~0x6000ull, atflags, sync[(t->x >> 13) & 3]);
}

static void t_statxmask(struct Line *l, const struct TraceArg *t) {
  trace_statx_mask(l, (uint32_t)t->x);
}
static const struct FlagName amodes[] = {
    {4, "R_OK"}, {2, "W_OK"}, {1, "X_OK"},
};
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
static const struct FlagName msg_flags[] = {
    {0x1, "MSG_OOB"},        {0x2, "MSG_PEEK"},      {0x4, "MSG_DONTROUTE"},
    {0x8, "MSG_CTRUNC"},     {0x10, "MSG_PROXY"},    {0x20, "MSG_TRUNC"},
    {0x40, "MSG_DONTWAIT"},  {0x80, "MSG_EOR"},      {0x100, "MSG_WAITALL"},
    {0x200, "MSG_FIN"},      {0x400, "MSG_SYN"},     {0x800, "MSG_CONFIRM"},
    {0x1000, "MSG_RST"},     {0x2000, "MSG_ERRQUEUE"},
    {0x4000, "MSG_NOSIGNAL"}, {0x8000, "MSG_MORE"},
    {0x10000, "MSG_WAITFORONE"}, {0x40000000, "MSG_CMSG_CLOEXEC"},
};

/* Plain flag words: a table, and what 0 is called. */
static const struct {
  int kind;
  const struct FlagName *f;
  size_t n;
  const char *zero;
} flag_kinds[] = {
#define F(k, tab, zero) {k, tab, sizeof(tab) / sizeof(tab[0]), zero}
    F(K_OFL2, oflags, "0"),     F(K_PROT, prots, "PROT_NONE"),
    F(K_ATFL, atflags, "0"),    F(K_AMODE, amodes, "F_OK"),
    F(K_WAITOPT, wait_opts, "0"), F(K_MSGFL, msg_flags, "0"),
#undef F
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
static const char *const madvs[] = {
    "MADV_NORMAL", "MADV_RANDOM", "MADV_SEQUENTIAL", "MADV_WILLNEED",
    "MADV_DONTNEED", [8] = "MADV_FREE", [9] = "MADV_REMOVE",
    [10] = "MADV_DONTFORK", [11] = "MADV_DOFORK",
    [12] = "MADV_MERGEABLE", [13] = "MADV_UNMERGEABLE",
    [14] = "MADV_HUGEPAGE", [15] = "MADV_NOHUGEPAGE",
    [16] = "MADV_DONTDUMP", [17] = "MADV_DODUMP", [18] = "MADV_WIPEONFORK",
    [19] = "MADV_KEEPONFORK", [20] = "MADV_COLD", [21] = "MADV_PAGEOUT"};
static const char *const families[] = {
    "AF_UNSPEC", "AF_UNIX", "AF_INET", [10] = "AF_INET6",
    [16] = "AF_NETLINK", [17] = "AF_PACKET"};
static const char *const prctls[] = {
    [1] = "PR_SET_PDEATHSIG", [2] = "PR_GET_PDEATHSIG",
    [3] = "PR_GET_DUMPABLE", [4] = "PR_SET_DUMPABLE",
    [15] = "PR_SET_NAME", [16] = "PR_GET_NAME",
    [21] = "PR_GET_SECCOMP", [22] = "PR_SET_SECCOMP",
    [23] = "PR_CAPBSET_READ", [36] = "PR_SET_CHILD_SUBREAPER",
    [37] = "PR_GET_CHILD_SUBREAPER",
    [38] = "PR_SET_NO_NEW_PRIVS", [39] = "PR_GET_NO_NEW_PRIVS"};
static const char *const rlimits[] = {
    "RLIMIT_CPU",     "RLIMIT_FSIZE",   "RLIMIT_DATA",
    "RLIMIT_STACK",   "RLIMIT_CORE",    "RLIMIT_RSS",
    "RLIMIT_NPROC",   "RLIMIT_NOFILE",  "RLIMIT_MEMLOCK",
    "RLIMIT_AS",      "RLIMIT_LOCKS",   "RLIMIT_SIGPENDING",
    "RLIMIT_MSGQUEUE", "RLIMIT_NICE",   "RLIMIT_RTPRIO",
    "RLIMIT_RTTIME"};
static const char *const itimers[] = {"ITIMER_REAL", "ITIMER_VIRTUAL",
                                      "ITIMER_PROF"};
static const char *const epctls[] = {[1] = "EPOLL_CTL_ADD",
                                     [2] = "EPOLL_CTL_DEL",
                                     [3] = "EPOLL_CTL_MOD"};
static const char *const shuts[] = {"SHUT_RD", "SHUT_WR", "SHUT_RDWR"};
static const char *const solevels[] = {"SOL_IP", "SOL_SOCKET",
                                       [6] = "SOL_TCP", [17] = "SOL_UDP",
                                       [41] = "SOL_IPV6"};

/* Plain enumerations, the argument taken as an int. */
static const struct {
  int kind;
  const char *const *names;
  size_t n;
} enum_kinds[] = {
#define E(k, tab) {k, tab, sizeof(tab) / sizeof(tab[0])}
    E(K_FCNTL, fcntl_cmds),  E(K_SIGHOW, sighows), E(K_CLOCK, clocks),
    E(K_WHENCE, whences),    E(K_MADV, madvs),     E(K_FAMILY, families),
    E(K_PRCTL, prctls),      E(K_RLIMRES, rlimits), E(K_ITIMER, itimers),
    E(K_EPCTL, epctls),      E(K_SHUT, shuts),     E(K_SOLEVEL, solevels),
#undef E
};

static void t_flags(struct Line *l, const struct TraceArg *t, int kind) {
  for (size_t k = 0; k < sizeof(flag_kinds) / sizeof(flag_kinds[0]); ++k)
    if (flag_kinds[k].kind == kind) {
      if (!t->x) line_add(l, "%s", flag_kinds[k].zero);
      else line_flags(l, t->x, flag_kinds[k].f, flag_kinds[k].n, NULL);
      return;
    }
  for (size_t k = 0; k < sizeof(enum_kinds) / sizeof(enum_kinds[0]); ++k)
    if (enum_kinds[k].kind == kind) {
      line_enum(l, (int)t->x, enum_kinds[k].names, enum_kinds[k].n);
      return;
    }
}

#define TABLED(k, fn) \
  static void fn(struct Line *l, const struct TraceArg *t) { t_flags(l, t, k); }
TABLED(K_OFL2, t_ofl2)
TABLED(K_PROT, t_prot)
TABLED(K_ATFL, t_atfl)
TABLED(K_AMODE, t_amode)
TABLED(K_WAITOPT, t_waitopt)
TABLED(K_MSGFL, t_msgfl)
TABLED(K_FCNTL, t_fcntl)
TABLED(K_SIGHOW, t_sighow)
TABLED(K_CLOCK, t_clock)
TABLED(K_WHENCE, t_whence)
TABLED(K_MADV, t_madv)
TABLED(K_FAMILY, t_family)
TABLED(K_PRCTL, t_prctl)
TABLED(K_RLIMRES, t_rlimres)
TABLED(K_ITIMER, t_itimer)
TABLED(K_EPCTL, t_epctl)
TABLED(K_SHUT, t_shut)
TABLED(K_SOLEVEL, t_solevel)
#undef TABLED

static void t_oflags(struct Line *l, const struct TraceArg *t) {
  static const char *const acc[4] = {"O_RDONLY", "O_WRONLY", "O_RDWR",
                                     "O_ACCMODE"};
  FLAGS(l, t->x & ~3ull, oflags, acc[t->x & 3]);
}

/* open's mode: shown only when the flags before it create a file
 * (O_CREAT, O_TMPFILE), else left out with its comma, as strace does. */
static void t_omode(struct Line *l, const struct TraceArg *t) {
  uint64_t fl = t->k ? t->a[t->k - 1] : 0;
  if ((fl & 0100) || (fl & 020000000)) {
    line_add(l, "%#" PRIo64, t->x);
  } else if (l->n >= 2) {
    l->n -= 2;
    l->buf[l->n] = 0;
  }
}

static void t_mflags(struct Line *l, const struct TraceArg *t) {
  static const char *const types[4] = {"0", "MAP_SHARED", "MAP_PRIVATE",
                                       "MAP_SHARED_VALIDATE"};
  FLAGS(l, t->x & ~3ull, mflags, types[t->x & 3]);
}

static void t_arch(struct Line *l, const struct TraceArg *t) {
  static const char *const arch[] = {
      [1] = "ARCH_SET_GS", [2] = "ARCH_SET_FS", [3] = "ARCH_GET_FS",
      [4] = "ARCH_GET_GS", [0x11] = "ARCH_GET_CPUID",
      [0x12] = "ARCH_SET_CPUID"};
  if (t->x >= 0x1000 && t->x < 0x1013 && arch[t->x - 0x1000])
    line_add(l, "%s", arch[t->x - 0x1000]);
  else line_add(l, "%#" PRIx64, t->x);
}

void trace_ioctl_req(struct Line *l, uint64_t x) {
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

static void t_ioctl(struct Line *l, const struct TraceArg *t) {
  trace_ioctl_req(l, t->x);
}

static void t_futex(struct Line *l, const struct TraceArg *t) {
  static const char *const ops[] = {
      "FUTEX_WAIT", "FUTEX_WAKE", "FUTEX_FD", "FUTEX_REQUEUE",
      "FUTEX_CMP_REQUEUE", "FUTEX_WAKE_OP", "FUTEX_LOCK_PI",
      "FUTEX_UNLOCK_PI", "FUTEX_TRYLOCK_PI", "FUTEX_WAIT_BITSET",
      "FUTEX_WAKE_BITSET", "FUTEX_WAIT_REQUEUE_PI",
      "FUTEX_CMP_REQUEUE_PI", "FUTEX_LOCK_PI2"};
  int op = (int)t->x & 127;
  if (op < (int)(sizeof(ops) / sizeof(ops[0])) &&
      !((int)t->x & ~(128 | 256 | 127)))
    line_add(l, "%s%s%s", ops[op], (t->x & 128) ? "_PRIVATE" : "",
             (t->x & 256) ? "|FUTEX_CLOCK_REALTIME" : "");
  else line_add(l, "%#" PRIx64, t->x);
}

static void t_socktype(struct Line *l, const struct TraceArg *t) {
  static const char *const types[] = {
      NULL, "SOCK_STREAM", "SOCK_DGRAM", "SOCK_RAW", "SOCK_RDM",
      "SOCK_SEQPACKET", [10] = "SOCK_PACKET"};
  static const struct FlagName sflags[] = {{04000, "SOCK_NONBLOCK"},
                                           {02000000, "SOCK_CLOEXEC"}};
  uint64_t ty = t->x & 15; /* the table stops at 10: check the index */
  if (ty < sizeof(types) / sizeof(types[0]) && types[ty])
    FLAGS(l, t->x & ~15ull, sflags, types[ty]);
  else line_add(l, "%#" PRIx64, t->x);
}

/* clone's arguments as strace names them (x86-64 order: flags, stack,
 * parent_tid, child_tid, tls); the pointers only when a flag uses them:
 * clone(child_stack=NULL, flags=CLONE_CHILD_SETTID|SIGCHLD,
 * child_tidptr=0x...). The other arguments are K_GONE. */
static void t_clone(struct Line *l, const struct TraceArg *t) {
  uint64_t f = t->x, sig = f & 0xff;
  char buf[16];
  line_add(l, "child_stack=");
  line_ptr(l, t->a[1]);
  line_add(l, ", flags=");
  if (f & ~0xffull) FLAGS(l, f & ~0xffull, clone_flags, NULL);
  if (sig) line_add(l, "%s%s", (f & ~0xffull) ? "|" : "", trace_signame((int)sig, buf));
  if (!f) line_add(l, "0");
  if (f & 0x101000) { /* CLONE_PARENT_SETTID, CLONE_PIDFD */
    int32_t v;
    line_add(l, ", parent_tid=");
    if (t->ok && t->a[2] && !trace_peek(t->m, &v, t->a[2], 4))
      line_add(l, "[%d]", v);
    else line_ptr(l, t->a[2]);
  }
  if (f & 0x80000) { /* CLONE_SETTLS */
    line_add(l, ", tls=");
    line_ptr(l, t->a[4]);
  }
  if (f & 0x1200000) { /* CLONE_CHILD_SETTID, CLONE_CHILD_CLEARTID */
    line_add(l, ", child_tidptr=");
    line_ptr(l, t->a[3]);
  }
}

/* An argument another one's decoder showed: nothing, not even its comma. */
static void t_gone(struct Line *l, const struct TraceArg *t) {
  (void)t;
  if (l->n >= 2) {
    l->n -= 2;
    l->buf[l->n] = 0;
  }
}

/* setsockopt/getsockopt's option, by the level before it. */
static void t_soname(struct Line *l, const struct TraceArg *t) {
  static const char *const sol_socket[] = {
      [1] = "SO_DEBUG", [2] = "SO_REUSEADDR", [3] = "SO_TYPE",
      [4] = "SO_ERROR", [5] = "SO_DONTROUTE", [6] = "SO_BROADCAST",
      [7] = "SO_SNDBUF", [8] = "SO_RCVBUF", [9] = "SO_KEEPALIVE",
      [10] = "SO_OOBINLINE", [11] = "SO_NO_CHECK", [12] = "SO_PRIORITY",
      [13] = "SO_LINGER", [14] = "SO_BSDCOMPAT", [15] = "SO_REUSEPORT",
      [16] = "SO_PASSCRED", [17] = "SO_PEERCRED", [18] = "SO_RCVLOWAT",
      [19] = "SO_SNDLOWAT", [20] = "SO_RCVTIMEO_OLD",
      [21] = "SO_SNDTIMEO_OLD", [29] = "SO_TIMESTAMP_OLD",
      [30] = "SO_ACCEPTCONN", [38] = "SO_PROTOCOL", [39] = "SO_DOMAIN"};
  static const char *const sol_tcp[] = {
      [1] = "TCP_NODELAY", [2] = "TCP_MAXSEG", [3] = "TCP_CORK",
      [4] = "TCP_KEEPIDLE", [5] = "TCP_KEEPINTVL", [6] = "TCP_KEEPCNT",
      [9] = "TCP_DEFER_ACCEPT", [11] = "TCP_INFO", [12] = "TCP_QUICKACK"};
  static const char *const sol_ip[] = {
      [1] = "IP_TOS", [2] = "IP_TTL", [3] = "IP_HDRINCL", [4] = "IP_OPTIONS",
      [8] = "IP_RECVOPTS", [10] = "IP_MTU_DISCOVER", [32] = "IP_MULTICAST_IF",
      [33] = "IP_MULTICAST_TTL", [34] = "IP_MULTICAST_LOOP",
      [35] = "IP_ADD_MEMBERSHIP"};
  static const char *const sol_ipv6[] = {
      [16] = "IPV6_UNICAST_HOPS", [18] = "IPV6_MULTICAST_LOOP",
      [26] = "IPV6_V6ONLY"};
  int level = t->k ? (int)t->a[t->k - 1] : -1;
  switch (level) {
    case 1: ENUM(l, (int)t->x, sol_socket); break;
    case 6: ENUM(l, (int)t->x, sol_tcp); break;
    case 0: ENUM(l, (int)t->x, sol_ip); break;
    case 41: ENUM(l, (int)t->x, sol_ipv6); break;
    default: line_add(l, "%d", (int)t->x); break;
  }
}

/* fcntl's third argument by its command (the argument before it). */
static void t_fcntlarg(struct Line *l, const struct TraceArg *t) {
  int cmd = t->k ? (int)t->a[t->k - 1] : -1;
  switch (cmd) {
    case 2: /* F_SETFD */
      if (t->x == 1) line_add(l, "FD_CLOEXEC");
      else line_add(l, "%d", (int)t->x);
      break;
    case 4: { /* F_SETFL */
      static const char *const acc[4] = {"O_RDONLY", "O_WRONLY", "O_RDWR",
                                         "O_ACCMODE"};
      FLAGS(l, t->x & ~3ull, oflags, acc[t->x & 3]);
      break;
    }
    case 0: case 8: case 10: case 1024: case 1026: case 1030: case 1031:
      line_add(l, "%d", (int)t->x);
      break;
    default: line_add(l, "%#" PRIx64, t->x); break;
  }
}

const struct TraceDecoder trace_flags_decoders[] = {
    {K_OFLAGS, t_oflags},   {K_OMODE, t_omode},     {K_OFL2, t_ofl2},
    {K_STATXFL, t_statxfl}, {K_STATXMASK, t_statxmask},       {K_PROT, t_prot},
    {K_MFLAGS, t_mflags},   {K_ATFL, t_atfl},       {K_AMODE, t_amode},
    {K_FCNTL, t_fcntl},     {K_SIGHOW, t_sighow},   {K_CLOCK, t_clock},
    {K_WHENCE, t_whence},   {K_ARCH, t_arch},       {K_IOCTL, t_ioctl},
    {K_FUTEX, t_futex},     {K_MADV, t_madv},       {K_FAMILY, t_family},
    {K_SOCKTYPE, t_socktype}, {K_CLONE, t_clone},   {K_GONE, t_gone},   {K_WAITOPT, t_waitopt},
    {K_PRCTL, t_prctl},     {K_RLIMRES, t_rlimres}, {K_ITIMER, t_itimer},
    {K_EPCTL, t_epctl},     {K_SHUT, t_shut},       {K_SOLEVEL, t_solevel},
    {K_SONAME, t_soname},   {K_MSGFL, t_msgfl},     {K_FCNTLARG, t_fcntlarg},
};
const size_t trace_flags_count =
    sizeof(trace_flags_decoders) / sizeof(trace_flags_decoders[0]);
