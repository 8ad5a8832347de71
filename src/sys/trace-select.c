/* trace-select.c: -s for select and pselect6, whose fd sets and timeout
 * the call overwrites: the arguments are shown as they went in (read
 * before the call into struct TracePre, trace.c's trace_before), what
 * came out after the result, as strace does:
 *   pselect6(6, [0 4], [5], NULL, {tv_sec=0, tv_nsec=0}, NULL) = 3
 *     (in [0 4], out [5], left {tv_sec=0, tv_nsec=0}) */
#include <inttypes.h>
#include <string.h>

#include "trace.h"

/* The descriptors below n set in a set's bytes: [0 4]. */
static void line_fds(struct Line *l, const uint8_t *set, uint64_t n) {
  line_add(l, "[");
  int first = 1;
  for (uint64_t fd = 0; fd < n && fd < 1024; ++fd)
    if (set[fd / 8] >> (fd % 8) & 1) {
      line_add(l, "%s%" PRIu64, first ? "" : " ", fd);
      first = 0;
    }
  line_add(l, "]");
}

static uint64_t nfds(const struct TraceArg *t) {
  uint64_t n = (uint32_t)t->a[0];
  return n > 1024 ? 1024 : n;
}

static void t_fdset(struct Line *l, const struct TraceArg *t) {
  int k = t->k - 1;
  if (!t->x) line_add(l, "NULL");
  else if (k < 0 || k > 2 || !t->pre->set_ok[k]) line_ptr(l, t->x);
  else line_fds(l, t->pre->sets[k], nfds(t));
}

static void timeout(struct Line *l, const struct TraceArg *t, const char *sub) {
  if (!t->x) line_add(l, "NULL");
  else if (!t->pre->tmo_ok) line_ptr(l, t->x);
  else
    line_add(l, "{tv_sec=%" PRId64 ", %s=%" PRId64 "}", t->pre->tmo[0], sub,
             t->pre->tmo[1]);
}

static void t_seltv(struct Line *l, const struct TraceArg *t) {
  timeout(l, t, "tv_usec");
}

static void t_selts(struct Line *l, const struct TraceArg *t) {
  timeout(l, t, "tv_nsec");
}

/* pselect6's sixth argument: {const sigset_t *ss; size_t ss_len}. */
static void t_pselsig(struct Line *l, const struct TraceArg *t) {
  uint64_t w[2], set;
  if (!t->x || trace_peek(t->m, w, t->x, sizeof(w))) {
    line_ptr(l, t->x);
    return;
  }
  line_add(l, "{sigmask=");
  if (!w[0]) line_add(l, "NULL");
  else if (trace_peek(t->m, &set, w[0], 8)) line_ptr(l, w[0]);
  else line_sigset(l, set);
  line_add(l, ", sigsetsize=%" PRIu64 "}", w[1]);
}

/* t is the timeout argument (the fourth); the sets are the three before. */
void trace_select_result(struct Line *l, const struct TraceArg *t,
                         int pselect) {
  if (!t->ok) return;
  if (!t->rc) {
    line_add(l, " (Timeout)");
    return;
  }
  static const char *const names[3] = {"in", "out", "except"};
  uint64_t n = nfds(t);
  size_t bytes = (size_t)((n + 63) / 64 * 8);
  int any = 0;
  line_add(l, " (");
  for (int k = 0; k < 3; ++k) {
    uint8_t set[128];
    if (!t->a[k + 1] || trace_peek(t->m, set, t->a[k + 1], bytes)) continue;
    int empty = 1;
    for (size_t j = 0; j < bytes; ++j) empty &= !set[j];
    if (empty) continue;
    line_add(l, "%s%s ", any ? ", " : "", names[k]);
    line_fds(l, set, n);
    any = 1;
  }
  int64_t left[2];
  if (t->x && !trace_peek(t->m, left, t->x, sizeof(left)))
    line_add(l, "%sleft {tv_sec=%" PRId64 ", %s=%" PRId64 "}", any ? ", " : "",
             left[0], pselect ? "tv_nsec" : "tv_usec", left[1]);
  line_add(l, ")");
}

const struct TraceDecoder trace_select_decoders[] = {
    {K_FDSET, t_fdset},   {K_SELTV, t_seltv},
    {K_SELTS, t_selts},   {K_PSELSIG, t_pselsig},
};
const size_t trace_select_count =
    sizeof(trace_select_decoders) / sizeof(trace_select_decoders[0]);
