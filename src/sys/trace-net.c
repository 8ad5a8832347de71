/* trace-net.c: -s's socket structures as strace shows them: addresses
 * ({sa_family=AF_INET, sin_port=htons(80), sin_addr=inet_addr("...")}),
 * struct msghdr with its iovecs and control messages, socket option
 * values. Layouts in sockaddr.h. */
#include <arpa/inet.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "sockaddr.h"
#include "trace.h"

static const char *family_name(int f, char *buf, size_t size) {
  switch (f) {
    case L_AF_UNSPEC: return "AF_UNSPEC";
    case L_AF_UNIX: return "AF_UNIX";
    case L_AF_INET: return "AF_INET";
    case L_AF_INET6: return "AF_INET6";
    case 16: return "AF_NETLINK";
    case 17: return "AF_PACKET";
    default: snprintf(buf, size, "%d", f); return buf;
  }
}

/* len bytes of address at va (as much as the guest's buffer holds). */
void trace_sockaddr(struct Line *l, struct Machine *m, uint64_t va,
                    uint64_t len) {
  uint8_t g[L_SOCKADDR_MAX];
  if (!va) {
    line_add(l, "NULL");
    return;
  }
  if (len > sizeof(g)) len = sizeof(g);
  if (len < 2 || trace_peek(m, g, va, (size_t)len)) {
    line_add(l, "%#" PRIx64, va);
    return;
  }
  uint16_t fam;
  memcpy(&fam, g, 2);
  char fb[16], text[INET6_ADDRSTRLEN];
  line_add(l, "{sa_family=%s", family_name(fam, fb, sizeof(fb)));
  if (fam == L_AF_INET && len >= sizeof(struct linux_sockaddr_in)) {
    struct linux_sockaddr_in a;
    memcpy(&a, g, sizeof(a));
    inet_ntop(AF_INET, a.sin_addr, text, sizeof(text));
    line_add(l, ", sin_port=htons(%u), sin_addr=inet_addr(\"%s\")}",
             (unsigned)(a.sin_port[0] << 8 | a.sin_port[1]), text);
  } else if (fam == L_AF_INET6 && len >= 24) {
    struct linux_sockaddr_in6 a;
    memset(&a, 0, sizeof(a));
    memcpy(&a, g, len < sizeof(a) ? len : sizeof(a));
    inet_ntop(AF_INET6, a.sin6_addr, text, sizeof(text));
    line_add(l, ", sin6_port=htons(%u), sin6_flowinfo=htonl(%u), "
                "inet_pton(AF_INET6, \"%s\", &sin6_addr)",
             (unsigned)(a.sin6_port[0] << 8 | a.sin6_port[1]),
             (unsigned)ntohl(a.sin6_flowinfo), text);
    if (len >= sizeof(a)) line_add(l, ", sin6_scope_id=%u", a.sin6_scope_id);
    line_add(l, "}");
  } else if (fam == L_AF_UNIX) {
    /* A path, or an abstract name: sun_path=@"name". */
    size_t n = (size_t)len - 2;
    const uint8_t *p = g + 2;
    if (!n) {
      line_add(l, "}");
      return;
    }
    if (!p[0]) { /* abstract: all of the length is the name */
      line_add(l, ", sun_path=@");
      line_quote(l, p + 1, n - 1, L_UNIX_PATH_MAX, 0);
    } else {
      size_t w = 0;
      while (w < n && p[w]) ++w;
      line_add(l, ", sun_path=");
      line_quote(l, p, w, L_UNIX_PATH_MAX, 0);
    }
    line_add(l, "}");
  } else if (len > 2) {
    line_add(l, ", sa_data=");
    line_quote(l, g + 2, (size_t)len - 2, 14, 0);
    line_add(l, "}");
  } else {
    line_add(l, "}");
  }
}

static void t_af(struct Line *l, const struct TraceArg *t) {
  char fb[16];
  line_add(l, "%s", family_name((int)t->x, fb, sizeof(fb)));
}

static void t_saddr(struct Line *l, const struct TraceArg *t) {
  uint64_t n = (uint32_t)trace_next(t);
  if (t->x && !n) line_add(l, "%#" PRIx64, t->x);
  else trace_sockaddr(l, t->m, t->x, n);
}

/* An address coming out: *next is its whole length after the call; only
 * what fit in the buffer (pre->saddrp_cap, read before the call) is
 * there. */
static void t_saddrp(struct Line *l, const struct TraceArg *t) {
  uint64_t n = 0;
  uint32_t got;
  if (t->ok && trace_next(t) && !trace_peek(t->m, &got, trace_next(t), 4))
    n = got < t->pre->saddrp_cap ? got : t->pre->saddrp_cap;
  if (t->x && !n) line_add(l, "%#" PRIx64, t->x);
  else trace_sockaddr(l, t->m, t->x, n);
}

/* The length word of an address coming out: [cap => whole] as strace
 * shows it, [whole] when they agree. */
static void t_salen(struct Line *l, const struct TraceArg *t) {
  uint32_t got;
  if (!t->x || !t->ok || trace_peek(t->m, &got, t->x, 4)) {
    line_ptr(l, t->x);
    return;
  }
  if (got == t->pre->saddrp_cap) line_add(l, "[%u]", got);
  else line_add(l, "[%u => %u]", t->pre->saddrp_cap, got);
}

static void line_cmsgs(struct Line *l, struct Machine *m, uint64_t va,
                       uint64_t len) {
  uint64_t off = 0;
  int k = 0;
  line_add(l, "[");
  while (off + sizeof(struct linux_cmsghdr) <= len && k < 4) {
    struct linux_cmsghdr c;
    if (trace_peek(m, &c, va + off, sizeof(c))) break;
    line_add(l, "%s{cmsg_len=%" PRIu64 ", cmsg_level=", k ? ", " : "",
             c.cmsg_len);
    if (c.cmsg_level == L_SOL_SOCKET) line_add(l, "SOL_SOCKET");
    else line_add(l, "%d", c.cmsg_level);
    line_add(l, ", cmsg_type=");
    int sol = c.cmsg_level == L_SOL_SOCKET;
    if (sol && c.cmsg_type == L_SCM_RIGHTS) {
      line_add(l, "SCM_RIGHTS, cmsg_data=[");
      for (uint64_t j = 0; 16 + 4 * j + 4 <= c.cmsg_len && j < 8; ++j) {
        int32_t fd;
        if (trace_peek(m, &fd, va + off + 16 + 4 * j, 4)) break;
        line_add(l, "%s%d", j ? ", " : "", fd);
      }
      line_add(l, "]}");
    } else if (sol && c.cmsg_type == L_SCM_CREDENTIALS && c.cmsg_len >= 28) {
      struct linux_ucred u;
      if (!trace_peek(m, &u, va + off + 16, sizeof(u)))
        line_add(l, "SCM_CREDENTIALS, cmsg_data={pid=%d, uid=%u, gid=%u}}",
                 u.pid, u.uid, u.gid);
      else line_add(l, "SCM_CREDENTIALS}");
    } else {
      line_add(l, "%d}", c.cmsg_type);
    }
    ++k;
    if (c.cmsg_len < sizeof(c)) break;
    off += L_CMSG_ALIGN(c.cmsg_len);
  }
  line_add(l, "%s]", off + sizeof(struct linux_cmsghdr) <= len && k == 4
                         ? ", ..." : "");
}

/* struct msghdr at va; total >= 0: a received one, whose iovecs hold
 * total bytes. */
static void line_msghdr(struct Line *l, const struct TraceArg *t, uint64_t va,
                        int64_t total) {
  struct linux_msghdr h;
  if (!va || trace_peek(t->m, &h, va, sizeof(h))) {
    line_ptr(l, va);
    return;
  }
  line_add(l, "{msg_name=");
  if (h.msg_name && h.msg_namelen) trace_sockaddr(l, t->m, h.msg_name, h.msg_namelen);
  else line_ptr(l, h.msg_name);
  line_add(l, ", msg_namelen=%u, msg_iov=", h.msg_namelen);
  if (h.msg_iov) trace_iovecs(l, t->m, h.msg_iov, h.msg_iovlen, total);
  else line_add(l, "NULL");
  line_add(l, ", msg_iovlen=%" PRIu64, h.msg_iovlen);
  if (h.msg_control && h.msg_controllen) {
    line_add(l, ", msg_control=");
    line_cmsgs(l, t->m, h.msg_control, h.msg_controllen);
  }
  line_add(l, ", msg_controllen=%" PRIu64 ", msg_flags=", h.msg_controllen);
  if (!h.msg_flags) {
    line_add(l, "0}");
    return;
  }
  struct TraceArg f = *t;
  f.x = (uint32_t)h.msg_flags;
  for (size_t k = 0; k < trace_flags_count; ++k)
    if (trace_flags_decoders[k].kind == K_MSGFL) trace_flags_decoders[k].fn(l, &f);
  line_add(l, "}");
}

static void t_msgin(struct Line *l, const struct TraceArg *t) {
  line_msghdr(l, t, t->x, -1);
}
static void t_msgout(struct Line *l, const struct TraceArg *t) {
  if (!t->ok) line_ptr(l, t->x);
  else line_msghdr(l, t, t->x, t->rc);
}

/* struct mmsghdr[]: {msg_hdr={...}, msg_len=N} each (64 bytes), up to
 * four; sent: the vector's length (next argument) of them, msg_len for
 * those the call sent; received: the result's count. */
static void mmsgs(struct Line *l, const struct TraceArg *t, int out) {
  if (!t->x || (out && !t->ok)) {
    line_ptr(l, t->x);
    return;
  }
  uint64_t n = out ? (uint64_t)t->rc : (uint32_t)trace_next(t);
  uint64_t done = t->ok ? (uint64_t)t->rc : 0;
  line_add(l, "[");
  for (uint64_t k = 0; k < n && k < 4; ++k) {
    uint32_t len = 0;
    uint64_t va = t->x + 64 * k;
    if (trace_peek(t->m, &len, va + 56, 4)) {
      line_add(l, "%s%#" PRIx64 "]", k ? ", " : "", va);
      return;
    }
    line_add(l, "%s{msg_hdr=", k ? ", " : "");
    line_msghdr(l, t, va, out ? (int64_t)len : -1);
    if (k < done) line_add(l, ", msg_len=%u", len);
    line_add(l, "}");
  }
  line_add(l, "%s]", n > 4 ? ", ..." : "");
}
static void t_mmsgin(struct Line *l, const struct TraceArg *t) {
  mmsgs(l, t, 0);
}
static void t_mmsgout(struct Line *l, const struct TraceArg *t) {
  mmsgs(l, t, 1);
}

/* setsockopt's value: an int shown as [N], else its address. */
static void t_soval(struct Line *l, const struct TraceArg *t) {
  int32_t v;
  if (trace_next(t) == 4 && t->x && !trace_peek(t->m, &v, t->x, 4))
    line_add(l, "[%d]", v);
  else line_ptr(l, t->x);
}

const struct TraceDecoder trace_net_decoders[] = {
    {K_AF, t_af},         {K_SADDR, t_saddr}, {K_SADDRP, t_saddrp},
    {K_MSGIN, t_msgin},   {K_MSGOUT, t_msgout}, {K_SOVAL, t_soval},
    {K_SALEN, t_salen},   {K_MMSGIN, t_mmsgin}, {K_MMSGOUT, t_mmsgout},
};
const size_t trace_net_count =
    sizeof(trace_net_decoders) / sizeof(trace_net_decoders[0]);
