/* dbg-rows.c: questions about the line-table rows dbg-line.c read:
 * address -> file:line, file:line -> addresses. No libdwarf here. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dbg/dbg-int.h"

static int range_cmp(const void *x, const void *y) {
  const struct DbgRange *a = x, *b = y;
  if (a->lo != b->lo) return a->lo < b->lo ? -1 : 1;
  return a->row < b->row ? -1 : a->row > b->row;
}

/* Each row of a sequence covers up to the next row's address; of rows
 * that share an address, the last one covers it (the earlier ones
 * cover nothing), which is the row addr2line reports. */
bool dbg_index_lines(struct DbgTable *t) {
  size_t n = 0;
  free(t->ranges);
  t->ranges = NULL;
  t->nranges = 0;
  if (!t->nrows) return true;
  if (!(t->ranges = malloc(t->nrows * sizeof(*t->ranges)))) return false;
  for (size_t i = 0; i + 1 < t->nrows; i++) {
    const struct DbgRowEnt *a = &t->rows[i], *b = &t->rows[i + 1];
    if (a->end || b->addr <= a->addr) continue;
    t->ranges[n].lo = a->addr;
    t->ranges[n].hi = b->addr;
    t->ranges[n].row = i;
    n++;
  }
  if (n) qsort(t->ranges, n, sizeof(*t->ranges), range_cmp);
  t->nranges = n;
  return true;
}

bool dbg_has_lines(const struct DbgTable *t) {
  return t && t->lines;
}

bool dbg_line_at(const struct DbgTable *t, uint64_t addr,
                 struct DbgLine *out) {
  size_t lo = 0, hi;
  const struct DbgRowEnt *r;
  if (!t || !t->nranges) return false;
  hi = t->nranges;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (t->ranges[mid].lo <= addr)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (!lo || addr >= t->ranges[lo - 1].hi) return false;
  r = &t->rows[t->ranges[lo - 1].row];
  out->file = r->file;
  out->line = r->line;
  out->addr = r->addr;
  out->stmt = r->stmt;
  return true;
}

size_t dbg_row_count(const struct DbgTable *t) {
  return t ? t->nrows : 0;
}

bool dbg_row(const struct DbgTable *t, size_t i, struct DbgRow *out) {
  if (!t || i >= t->nrows) return false;
  out->addr = t->rows[i].addr;
  out->file = t->rows[i].file;
  out->line = t->rows[i].line;
  out->stmt = t->rows[i].stmt;
  out->end = t->rows[i].end;
  return true;
}

/* Whether the DWARF file name f is what the user called name: the same,
 * or name is a trailing part of f after a '/'. */
static bool file_matches(const char *f, const char *name) {
  size_t lf, ln;
  if (!f) return false;
  if (!strcmp(f, name)) return true;
  lf = strlen(f);
  ln = strlen(name);
  return lf > ln && f[lf - ln - 1] == '/' && !strcmp(f + lf - ln, name);
}

static int u64_cmp(const void *x, const void *y) {
  uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
  return a < b ? -1 : a > b;
}

size_t dbg_addrs_for(const struct DbgTable *t, const char *file,
                     unsigned line, uint64_t *addrs, size_t max,
                     unsigned *line_out) {
  unsigned use = 0;
  size_t n = 0, w = 0;
  uint64_t *v, *fn;
  if (!t || !t->nrows) return 0;
  /* The line itself when some row has it, else the next one that has. */
  for (size_t i = 0; i < t->nrows; i++) {
    const struct DbgRowEnt *r = &t->rows[i];
    if (r->end || !r->stmt || r->line < line || !file_matches(r->file, file))
      continue;
    if (!use || r->line < use) use = r->line;
    if (use == line) break;
  }
  if (!use) return 0;
  if (line_out) *line_out = use;
  v = malloc(t->nrows * sizeof(*v));
  fn = malloc(t->nrows * sizeof(*fn));
  if (!v || !fn) {
    free(v);
    free(fn);
    return 0;
  }
  for (size_t i = 0; i < t->nrows; i++) {
    const struct DbgRowEnt *r = &t->rows[i];
    if (!r->end && r->stmt && r->line == use && file_matches(r->file, file))
      v[n++] = r->addr;
  }
  if (n) qsort(v, n, sizeof(*v), u64_cmp);
  /* One address per function: its lowest (a `for` line has rows for its
   * start, its test and its step; the user means the first). */
  for (size_t i = 0; i < n; i++) {
    struct DbgFunc f;
    uint64_t key = dbg_func_at(t, v[i], &f) ? f.lo : v[i];
    bool dup = false;
    for (size_t j = 0; j < w && !dup; j++) dup = fn[j] == key;
    if (dup) continue;
    fn[w] = key;
    v[w++] = v[i];
  }
  for (size_t i = 0; i < w; i++) {
    struct DbgFunc f;
    if (dbg_func_at(t, v[i], &f) && f.dwarf && f.entry == v[i])
      v[i] = dbg_after_prologue(t, v[i]);
  }
  if (w) qsort(v, w, sizeof(*v), u64_cmp);
  for (size_t i = 0; i < w && i < max; i++) addrs[i] = v[i];
  free(v);
  free(fn);
  return w;
}

uint64_t dbg_after_prologue(const struct DbgTable *t, uint64_t entry) {
  struct DbgFunc f;
  struct DbgLine first;
  uint64_t best = 0;
  if (!dbg_func_at(t, entry, &f) || !dbg_line_at(t, entry, &first))
    return entry;
  /* The rows are in line-program order, not address order: look at all
   * of them for the lowest qualifying address. */
  for (size_t i = 0; i < t->nrows; i++) {
    const struct DbgRowEnt *r = &t->rows[i];
    if (r->end || !r->stmt || r->addr < entry || r->addr >= f.hi) continue;
    if (r->line == first.line || r->line == 0) continue;
    if (!best || r->addr < best) best = r->addr;
  }
  return best ? best : entry;
}
