/* trace-struct.c: -s's structures, shown field by field as strace shows
 * them: stat, timespec/timeval/itimerspec/itimerval, sigset, sigaction,
 * stack_t, pollfd and epoll_event arrays, iovecs, utsname, rlimit,
 * termios and winsize (ioctl), wait status, getdents64's entry count.
 * A structure going in is read when the line is written; one coming out
 * is shown only when the call succeeded, else as its address. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "linux-abi.h"
#include "sys.h"
#include "trace.h"

/* Read the structure argument t points at (out: one the call writes):
 * 0 when it can be shown, else the pointer is printed and -1 returned. */
static int get(struct Line *l, const struct TraceArg *t, void *p, size_t n,
               int out) {
  if (!t->x || (out && !t->ok) || trace_peek(t->m, p, t->x, n)) {
    line_ptr(l, t->x);
    return -1;
  }
  return 0;
}

static void line_mode(struct Line *l, uint32_t mode) {
  static const char *const types[16] = {
      [1] = "S_IFIFO", [2] = "S_IFCHR", [4] = "S_IFDIR", [6] = "S_IFBLK",
      [8] = "S_IFREG", [10] = "S_IFLNK", [12] = "S_IFSOCK"};
  const char *ty = types[(mode >> 12) & 15];
  if (ty) line_add(l, "%s|%#o", ty, mode & 07777);
  else line_add(l, "%#o", mode);
}

static void t_stat(struct Line *l, const struct TraceArg *t) {
  struct linux_stat st;
  if (get(l, t, &st, sizeof(st), 1)) return;
  line_add(l, "{st_mode=");
  line_mode(l, st.st_mode);
  if ((st.st_mode & 0170000) == 0020000 || (st.st_mode & 0170000) == 0060000)
    line_add(l, ", st_rdev=makedev(%#x, %#x)}",
             (unsigned)((st.st_rdev >> 8) & 0xfff),
             (unsigned)((st.st_rdev & 0xff) | ((st.st_rdev >> 12) & 0xfff00)));
  else line_add(l, ", st_size=%" PRId64 "}", st.st_size);
}

static void t_statx(struct Line *l, const struct TraceArg *t) {
  struct linux_statx sx;
  if (get(l, t, &sx, sizeof(sx), 1)) return;
  line_add(l, "{stx_mask=");
  trace_statx_mask(l, sx.stx_mask);
  line_add(l, ", stx_attributes=");
  if (sx.stx_attributes) line_add(l, "%#" PRIx64, sx.stx_attributes);
  else line_add(l, "0");
  line_add(l, ", stx_mode=");
  line_mode(l, sx.stx_mode);
  line_add(l, ", stx_size=%" PRIu64 ", ...}", sx.stx_size);
}

/* Two 64-bit words: {tv_sec=N, tv_nsec=N} or tv_usec. */
static void line_time(struct Line *l, const int64_t w[2], const char *sub) {
  line_add(l, "{tv_sec=%" PRId64 ", %s=%" PRId64 "}", w[0], sub, w[1]);
}

static void timepair(struct Line *l, const struct TraceArg *t, int out,
                     const char *sub) {
  int64_t w[2];
  if (!get(l, t, w, sizeof(w), out)) line_time(l, w, sub);
}

static void timeint(struct Line *l, const struct TraceArg *t, int out,
                    const char *sub) {
  int64_t w[4];
  if (get(l, t, w, sizeof(w), out)) return;
  line_add(l, "{it_interval=");
  line_time(l, w, sub);
  line_add(l, ", it_value=");
  line_time(l, w + 2, sub);
  line_add(l, "}");
}

static void t_tsin(struct Line *l, const struct TraceArg *t) {
  timepair(l, t, 0, "tv_nsec");
}
static void t_tsout(struct Line *l, const struct TraceArg *t) {
  timepair(l, t, 1, "tv_nsec");
}
static void t_tvin(struct Line *l, const struct TraceArg *t) {
  timepair(l, t, 0, "tv_usec");
}
static void t_tvout(struct Line *l, const struct TraceArg *t) {
  timepair(l, t, 1, "tv_usec");
}
static void t_itsin(struct Line *l, const struct TraceArg *t) {
  timeint(l, t, 0, "tv_nsec");
}
static void t_itsout(struct Line *l, const struct TraceArg *t) {
  timeint(l, t, 1, "tv_nsec");
}
static void t_itvin(struct Line *l, const struct TraceArg *t) {
  timeint(l, t, 0, "tv_usec");
}
static void t_itvout(struct Line *l, const struct TraceArg *t) {
  timeint(l, t, 1, "tv_usec");
}

static void sigset(struct Line *l, const struct TraceArg *t, int out) {
  uint64_t set;
  if (!get(l, t, &set, 8, out)) line_sigset(l, set);
}
static void t_ssin(struct Line *l, const struct TraceArg *t) {
  sigset(l, t, 0);
}
static void t_ssout(struct Line *l, const struct TraceArg *t) {
  sigset(l, t, 1);
}

static const struct FlagName sa_flags[] = {
    {1, "SA_NOCLDSTOP"},   {2, "SA_NOCLDWAIT"},  {4, "SA_SIGINFO"},
    {0x04000000, "SA_RESTORER"}, {0x08000000, "SA_ONSTACK"},
    {0x10000000, "SA_RESTART"},  {0x40000000, "SA_NODEFER"},
    {0x80000000, "SA_RESETHAND"},
};

static void sigact(struct Line *l, const struct TraceArg *t, int out) {
  struct { uint64_t handler, flags, restorer, mask; } sa;
  if (get(l, t, &sa, sizeof(sa), out)) return;
  line_add(l, "{sa_handler=");
  if (sa.handler == 0) line_add(l, "SIG_DFL");
  else if (sa.handler == 1) line_add(l, "SIG_IGN");
  else line_add(l, "%#" PRIx64, sa.handler);
  line_add(l, ", sa_mask=");
  line_sigset(l, sa.mask);
  line_add(l, ", sa_flags=");
  if (!sa.flags) line_add(l, "0");
  else FLAGS(l, sa.flags, sa_flags, NULL);
  if (sa.flags & 0x04000000)
    line_add(l, ", sa_restorer=%#" PRIx64, sa.restorer);
  line_add(l, "}");
}
static void t_sigact(struct Line *l, const struct TraceArg *t) {
  sigact(l, t, 0);
}
static void t_sigactout(struct Line *l, const struct TraceArg *t) {
  sigact(l, t, 1);
}

static void sstack(struct Line *l, const struct TraceArg *t, int out) {
  static const struct FlagName ss_flags[] = {
      {1, "SS_ONSTACK"}, {2, "SS_DISABLE"}, {0x80000000, "SS_AUTODISARM"}};
  struct { uint64_t sp; int32_t flags, pad; uint64_t size; } ss;
  if (get(l, t, &ss, sizeof(ss), out)) return;
  line_add(l, "{ss_sp=");
  line_ptr(l, ss.sp);
  line_add(l, ", ss_flags=");
  if (!ss.flags) line_add(l, "0");
  else FLAGS(l, (uint32_t)ss.flags, ss_flags, NULL);
  line_add(l, ", ss_size=%" PRIu64 "}", ss.size);
}
static void t_sstackin(struct Line *l, const struct TraceArg *t) {
  sstack(l, t, 0);
}
static void t_sstackout(struct Line *l, const struct TraceArg *t) {
  sstack(l, t, 1);
}

static const struct FlagName poll_events[] = {
    {0x1, "POLLIN"},     {0x2, "POLLPRI"},    {0x4, "POLLOUT"},
    {0x8, "POLLERR"},    {0x10, "POLLHUP"},   {0x20, "POLLNVAL"},
    {0x40, "POLLRDNORM"}, {0x80, "POLLRDBAND"}, {0x100, "POLLWRNORM"},
    {0x200, "POLLWRBAND"}, {0x400, "POLLMSG"}, {0x2000, "POLLRDHUP"},
};

/* Up to four pollfds going in. */
static void t_pollfd(struct Line *l, const struct TraceArg *t) {
  uint64_t n = trace_next(t);
  if (!t->x) {
    line_add(l, "NULL");
    return;
  }
  line_add(l, "[");
  for (uint64_t k = 0; k < n && k < 4; ++k) {
    struct { int32_t fd; int16_t events, revents; } p;
    if (trace_peek(t->m, &p, t->x + 8 * k, sizeof(p))) {
      line_add(l, "%s%#" PRIx64 "]", k ? ", " : "", t->x + 8 * k);
      return;
    }
    line_add(l, "%s{fd=%d, events=", k ? ", " : "", p.fd);
    if (p.events) FLAGS(l, (uint16_t)p.events, poll_events, NULL);
    else line_add(l, "0");
    line_add(l, "}");
  }
  line_add(l, "%s]", n > 4 ? ", ..." : "");
}

void trace_poll_result(struct Line *l, const struct TraceArg *t) {
  if (!t->ok || !t->x) return;
  if (!t->rc) {
    line_add(l, " (Timeout)");
    return;
  }
  uint64_t n = trace_next(t);
  int shown = 0;
  line_add(l, " ([");
  for (uint64_t k = 0; k < n && shown < 4; ++k) {
    struct { int32_t fd; int16_t events, revents; } p;
    if (trace_peek(t->m, &p, t->x + 8 * k, sizeof(p))) break;
    if (!p.revents) continue;
    line_add(l, "%s{fd=%d, revents=", shown++ ? ", " : "", p.fd);
    FLAGS(l, (uint16_t)p.revents, poll_events, NULL);
    line_add(l, "}");
  }
  line_add(l, "%s])", shown < t->rc ? ", ..." : "");
}

static const struct FlagName ep_events[] = {
    {0x1, "EPOLLIN"},      {0x2, "EPOLLPRI"},      {0x4, "EPOLLOUT"},
    {0x8, "EPOLLERR"},     {0x10, "EPOLLHUP"},     {0x20, "EPOLLNVAL"},
    {0x40, "EPOLLRDNORM"}, {0x80, "EPOLLRDBAND"},  {0x100, "EPOLLWRNORM"},
    {0x200, "EPOLLWRBAND"}, {0x400, "EPOLLMSG"},   {0x2000, "EPOLLRDHUP"},
    {1u << 28, "EPOLLEXCLUSIVE"}, {1u << 29, "EPOLLWAKEUP"},
    {1u << 30, "EPOLLONESHOT"}, {1u << 31, "EPOLLET"},
};

/* n packed 12-byte epoll_events at va, up to four. */
static void line_epevents(struct Line *l, struct Machine *m, uint64_t va,
                          uint64_t n, int array) {
  if (array) line_add(l, "[");
  for (uint64_t k = 0; k < n && k < 4; ++k) {
    uint8_t b[12];
    uint32_t ev;
    uint64_t data;
    if (trace_peek(m, b, va + 12 * k, 12)) {
      line_add(l, "%s%#" PRIx64 "%s", k ? ", " : "", va + 12 * k,
               array ? "]" : "");
      return;
    }
    memcpy(&ev, b, 4);
    memcpy(&data, b + 4, 8);
    line_add(l, "%s{events=", k ? ", " : "");
    if (ev) FLAGS(l, ev, ep_events, NULL);
    else line_add(l, "0");
    line_add(l, ", data={u32=%" PRIu32 ", u64=%" PRIu64 "}}", (uint32_t)data,
             data);
  }
  if (array) line_add(l, "%s]", n > 4 ? ", ..." : "");
}

static void t_epevin(struct Line *l, const struct TraceArg *t) {
  if (!t->x) line_add(l, "NULL");
  else line_epevents(l, t->m, t->x, 1, 0);
}

static void t_epevout(struct Line *l, const struct TraceArg *t) {
  if (!t->ok || !t->x) line_ptr(l, t->x);
  else line_epevents(l, t->m, t->x, (uint64_t)t->rc, 1);
}

/* Up to four iovecs with the start of their bytes; total >= 0: only that
 * many bytes in all (what a read put there). */
void trace_iovecs(struct Line *l, struct Machine *m, uint64_t va, uint64_t n,
                  int64_t total) {
  line_add(l, "[");
  for (uint64_t k = 0; k < n && k < 4; ++k) {
    struct { uint64_t base, len; } v;
    if (trace_peek(m, &v, va + 16 * k, sizeof(v))) {
      line_add(l, "%s%#" PRIx64 "]", k ? ", " : "", va + 16 * k);
      return;
    }
    uint64_t show = v.len;
    if (total >= 0) {
      if (show > (uint64_t)total) show = (uint64_t)total;
      total -= (int64_t)show;
    }
    line_add(l, "%s{iov_base=", k ? ", " : "");
    line_guest_bytes(l, m, v.base, show);
    line_add(l, ", iov_len=%" PRIu64 "}", v.len);
  }
  line_add(l, "%s]", n > 4 ? ", ..." : "");
}

static void t_iovin(struct Line *l, const struct TraceArg *t) {
  if (!t->x) line_add(l, "NULL");
  else trace_iovecs(l, t->m, t->x, trace_next(t), -1);
}

static void t_iovout(struct Line *l, const struct TraceArg *t) {
  if (!t->ok || !t->x) line_ptr(l, t->x);
  else trace_iovecs(l, t->m, t->x, trace_next(t), t->rc);
}

static void t_utsname(struct Line *l, const struct TraceArg *t) {
  char u[6][65];
  if (get(l, t, u, sizeof(u), 1)) return;
  for (int j = 0; j < 6; ++j) u[j][64] = 0;
  line_add(l, "{sysname=\"%s\", nodename=\"%s\", release=\"%s\", "
              "version=\"%s\", machine=\"%s\"}",
           u[0], u[1], u[2], u[3], u[4]);
}

static void rlim(struct Line *l, const struct TraceArg *t, int out) {
  uint64_t r[2];
  if (get(l, t, r, sizeof(r), out)) return;
  line_add(l, "{rlim_cur=");
  for (int j = 0; j < 2; ++j) {
    if (j) line_add(l, ", rlim_max=");
    if (r[j] == UINT64_MAX) line_add(l, "RLIM64_INFINITY");
    else line_add(l, "%" PRIu64, r[j]);
  }
  line_add(l, "}");
}
static void t_rlimin(struct Line *l, const struct TraceArg *t) {
  rlim(l, t, 0);
}
static void t_rlimout(struct Line *l, const struct TraceArg *t) {
  rlim(l, t, 1);
}

static void line_termios(struct Line *l, const struct linux_termios *tio) {
  static const struct FlagName iflags[] = {
      {01, "IGNBRK"},  {02, "BRKINT"},  {04, "IGNPAR"},  {010, "PARMRK"},
      {020, "INPCK"},  {040, "ISTRIP"}, {0100, "INLCR"}, {0200, "IGNCR"},
      {0400, "ICRNL"}, {01000, "IUCLC"}, {02000, "IXON"}, {04000, "IXANY"},
      {010000, "IXOFF"}, {020000, "IMAXBEL"}, {040000, "IUTF8"}};
  static const struct FlagName oflags[] = {
      {01, "OPOST"}, {02, "OLCUC"},  {04, "ONLCR"},  {010, "OCRNL"},
      {020, "ONOCR"}, {040, "ONLRET"}, {0100, "OFILL"}, {0200, "OFDEL"}};
  static const struct FlagName cflags[] = {
      {0100, "CSTOPB"}, {0200, "CREAD"},   {0400, "PARENB"},
      {01000, "PARODD"}, {02000, "HUPCL"}, {04000, "CLOCAL"},
      {020000000000, "CRTSCTS"}};
  static const struct FlagName lflags[] = { /* in strace's order */
      {01, "ISIG"},      {02, "ICANON"},    {04, "XCASE"},    {010, "ECHO"},
      {020, "ECHOE"},    {040, "ECHOK"},    {0100, "ECHONL"}, {0200, "NOFLSH"},
      {0100000, "IEXTEN"}, {01000, "ECHOCTL"}, {02000, "ECHOPRT"},
      {04000, "ECHOKE"}, {010000, "FLUSHO"}, {040000, "PENDIN"},
      {0400, "TOSTOP"},  {0200000, "EXTPROC"}};
  static const char *const bauds[16] = {
      "B0",    "B50",   "B75",   "B110",  "B134",   "B150",   "B200",
      "B300",  "B600",  "B1200", "B1800", "B2400",  "B4800",  "B9600",
      "B19200", "B38400"};
  char delays[64];
  uint32_t o = tio->c_oflag;
  /* the delay fields, named even when 0, before the bits */
  snprintf(delays, sizeof(delays), "NL%u|CR%u|TAB%u|BS%u|VT%u|FF%u",
           (o >> 8) & 1, (o >> 9) & 3, (o >> 11) & 3, (o >> 13) & 1,
           (o >> 14) & 1, (o >> 15) & 1);
  line_add(l, "{c_iflag=");
  if (tio->c_iflag) FLAGS(l, tio->c_iflag, iflags, NULL);
  else line_add(l, "0");
  line_add(l, ", c_oflag=");
  FLAGS(l, o & ~0177400u, oflags, delays);
  line_add(l, ", c_cflag=");
  uint32_t c = tio->c_cflag;
  char base[32];
  if (c & 010000) snprintf(base, sizeof(base), "%#o|CS%u", c & 010017,
                           5 + ((c >> 4) & 3));
  else snprintf(base, sizeof(base), "%s|CS%u", bauds[c & 15], 5 + ((c >> 4) & 3));
  FLAGS(l, c & ~010077u, cflags, base);
  line_add(l, ", c_lflag=");
  if (tio->c_lflag) FLAGS(l, tio->c_lflag, lflags, NULL);
  else line_add(l, "0");
  line_add(l, ", ...}");
}

/* ioctl's third argument, by the request before it. */
static void t_iocarg(struct Line *l, const struct TraceArg *t) {
  uint32_t req = t->k ? (uint32_t)t->a[t->k - 1] : 0;
  switch (req) {
    case 0x5401: /* TCGETS */
    case 0x5402: case 0x5403: case 0x5404: { /* TCSETS, W, F */
      struct linux_termios tio;
      if (!get(l, t, &tio, sizeof(tio), req == 0x5401)) line_termios(l, &tio);
      break;
    }
    case 0x5413: /* TIOCGWINSZ */
    case 0x5414: { /* TIOCSWINSZ */
      struct linux_winsize ws;
      if (!get(l, t, &ws, sizeof(ws), req == 0x5413))
        line_add(l, "{ws_row=%u, ws_col=%u, ws_xpixel=%u, ws_ypixel=%u}",
                 ws.ws_row, ws.ws_col, ws.ws_xpixel, ws.ws_ypixel);
      break;
    }
    case 0x5421: case 0x5452: case 0x5410: /* FIONBIO FIOASYNC TIOCSPGRP */
    case 0x541b: case 0x540f: case 0x5429: case 0x80045430: { /* out */
      int32_t v;
      int out = req == 0x541b || req == 0x540f || req == 0x5429 ||
                req == 0x80045430;
      if (!get(l, t, &v, 4, out)) line_add(l, "[%d]", v);
      break;
    }
    case 0x5409: case 0x540a: case 0x540b: /* TCSBRK TCXONC TCFLSH */
      line_add(l, "%d", (int)t->x);
      break;
    default: line_ptr(l, t->x); break;
  }
}

/* wait4's status, when a child was reaped. */
static void t_wstatus(struct Line *l, const struct TraceArg *t) {
  int32_t s;
  if (!t->ok || t->rc <= 0 || get(l, t, &s, 4, 1)) {
    if (!t->ok || t->rc <= 0) line_ptr(l, t->x);
    return;
  }
  int sig = s & 0x7f;
  char buf[16];
  if (!sig)
    line_add(l, "[{WIFEXITED(s) && WEXITSTATUS(s) == %d}]", (s >> 8) & 0xff);
  else if (sig == 0x7f && (s & 0xff00) == 0)
    line_add(l, "[{WIFCONTINUED(s)}]");
  else if (sig == 0x7f)
    line_add(l, "[{WIFSTOPPED(s) && WSTOPSIG(s) == %s}]",
             trace_signame((s >> 8) & 0xff, buf));
  else if ((s & 0xffff) == 0xffff)
    line_add(l, "[{WIFCONTINUED(s)}]");
  else
    line_add(l, "[{WIFSIGNALED(s) && WTERMSIG(s) == %s%s}]",
             trace_signame(sig, buf),
             (s & 0x80) ? " && WCOREDUMP(s)" : "");
}

/* getdents64/getdents: the buffer's address and how many entries the
 * result's bytes hold (d_reclen at offset 16 in both layouts). */
static void t_dents(struct Line *l, const struct TraceArg *t) {
  if (!t->ok) {
    line_ptr(l, t->x);
    return;
  }
  uint64_t off = 0, n = 0;
  while (off + 18 <= (uint64_t)t->rc && n < 100000) {
    uint16_t reclen;
    if (trace_peek(t->m, &reclen, t->x + off + 16, 2) || !reclen) break;
    off += reclen;
    ++n;
  }
  line_add(l, "%#" PRIx64 " /* %" PRIu64 " entries */", t->x, n);
}

/* A NULL-terminated array of string pointers (execve's): its count, and
 * with strings set the first 32 strings. */
static void strvec(struct Line *l, const struct TraceArg *t, int strings) {
  uint64_t n = 0, p;
  if (!t->x) {
    line_add(l, "NULL");
    return;
  }
  if (strings) line_add(l, "[");
  for (;; ++n) {
    if (trace_peek(t->m, &p, t->x + 8 * n, 8)) {
      if (!strings || !n) {
        if (strings) l->n -= 1; /* the "[" */
        line_ptr(l, t->x);
        return;
      }
      break;
    }
    if (!p || n >= 100000) break;
    if (strings && n < 32) {
      if (n) line_add(l, ", ");
      line_guest_str(l, t->m, p);
    }
  }
  if (strings) line_add(l, "%s]", n > 32 ? ", ..." : "");
  else line_add(l, "%#" PRIx64 " /* %" PRIu64 " var%s */", t->x, n,
                n == 1 ? "" : "s");
}
static void t_argv(struct Line *l, const struct TraceArg *t) {
  strvec(l, t, 1);
}
static void t_envp(struct Line *l, const struct TraceArg *t) {
  strvec(l, t, 0);
}

const struct TraceDecoder trace_struct_decoders[] = {
    {K_ARGV, t_argv},        {K_ENVP, t_envp},
    {K_STATBUF, t_stat},     {K_STATXBUF, t_statx},     {K_TSIN, t_tsin},         {K_TSOUT, t_tsout},
    {K_TVIN, t_tvin},        {K_TVOUT, t_tvout},       {K_ITSIN, t_itsin},
    {K_ITSOUT, t_itsout},    {K_ITVIN, t_itvin},       {K_ITVOUT, t_itvout},
    {K_SSIN, t_ssin},        {K_SSOUT, t_ssout},       {K_SIGACT, t_sigact},
    {K_SIGACTOUT, t_sigactout}, {K_SSTACKIN, t_sstackin},
    {K_SSTACKOUT, t_sstackout}, {K_POLLFD, t_pollfd},  {K_EPEVIN, t_epevin},
    {K_EPEVOUT, t_epevout},  {K_IOVIN, t_iovin},       {K_IOVOUT, t_iovout},
    {K_UTSNAME, t_utsname},  {K_RLIMIN, t_rlimin},     {K_RLIMOUT, t_rlimout},
    {K_IOCARG, t_iocarg},    {K_WSTATUS, t_wstatus},   {K_DENTS, t_dents},
};
const size_t trace_struct_count =
    sizeof(trace_struct_decoders) / sizeof(trace_struct_decoders[0]);
