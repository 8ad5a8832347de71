/* test-dbg.c: src/dbg against binutils, on a -g program built now.
 *
 * Builds tests/dbg/sample.c + sample-util.c with $CC -g -static, at -O0,
 * at -O2 (whose line tables have many rows per address and non-stmt
 * rows, and a function split in two) and at -O2 -gdwarf-4 (.debug_ranges
 * rather than DWARF 5's .debug_rnglists), loads each with dbg_load()
 * and checks:
 *   - every text symbol nm lists: dbg_lookup() finds an address nm gives
 *     that name, dbg_symbol_at() names its address with offset 0 and
 *     its last byte by the nearest symbol below it; dbg_func_at() gives
 *     the symbol's [addr, addr+size) for every sized function, and a
 *     "NAME.cold" part the same function and entry as its hot part;
 *     dbg_symbol_in() nothing past a symbol's end;
 *   - every row objdump --dwarf=decodedline prints, in order: file,
 *     line, address, is_stmt, end of sequence;
 *   - every row's address (and the byte after it) through dbg_line_at()
 *     against addr2line's file:line;
 *   - dbg_addrs_for(file, line) for every is_stmt row: the lowest
 *     address of that line in the row's function (past the prologue
 *     for a function's first line);
 *   - every row objdump --dwarf=frames-interp prints for an FDE against
 *     dbg_cfi_at() (CFA rule, return address and RBP columns);
 *   - at -O0, when gdb is installed, `break FUNCTION` (for each sample
 *     function) and `break FILE:LINE` (every line of both files) against
 *     the address gdb -batch reports; dbg_unwind() on this program's own
 *     stack.
 * Then again on a stripped copy with a PROGRAM.dbg companion
 * (objcopy --only-keep-debug), against the unstripped references, and
 * once at a load bias (as for a PIE or a library mapped later).
 * Exits 0, 1 on a mismatch, 77 (skip) when no static -g build is
 * possible. Usage: test-dbg [SRCDIR [PROGRAM...]]; SRCDIR defaults to
 * $TOP_SRCDIR, then "."; the compiler is $CC, default cc. With PROGRAMs,
 * checks those instead of building the sample.
 * Prints each mismatch (the first 20), then counts. */
#define _GNU_SOURCE /* dl_iterate_phdr */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <link.h>
#include <unistd.h>

#include "dbg/dbg.h"

static int g_fails, g_checks;
static bool g_sample = true; /* checking tests/dbg/sample*.c */
static int g_cold;            /* split functions seen (.cold parts) */
static bool g_with_cfi = true;

static void fail(const char *fmt, ...) {
  va_list va;
  if (++g_fails > 20) return;
  va_start(va, fmt);
  printf("FAIL: ");
  vprintf(fmt, va);
  printf("\n");
  va_end(va);
}

static void check(bool ok, const char *fmt, ...) {
  va_list va;
  g_checks++;
  if (ok) return;
  if (++g_fails > 20) return;
  va_start(va, fmt);
  printf("FAIL: ");
  vprintf(fmt, va);
  printf("\n");
  va_end(va);
}

static int run(const char *cmd) {
  int st = system(cmd);
  return st == -1 ? -1 : WEXITSTATUS(st);
}

static char *xstrdup(const char *s) {
  char *p = strdup(s);
  if (!p) abort();
  return p;
}

static const char *base(const char *p) {
  const char *s = strrchr(p, '/');
  return s ? s + 1 : p;
}

/* ------------------------------------------------------- nm's answer */

struct NmSym {
  uint64_t addr, size;
  char type;
  char *name;
};
static struct NmSym *g_nm;
static size_t g_nnm;

static int nm_cmp(const void *x, const void *y) {
  const struct NmSym *a = x, *b = y;
  return a->addr < b->addr ? -1 : a->addr > b->addr;
}

static bool read_nm(const char *prog) {
  char cmd[8192], line[4096];
  FILE *f;
  for (size_t i = 0; i < g_nnm; i++) free(g_nm[i].name);
  g_nnm = 0;
  snprintf(cmd, sizeof(cmd), "nm -S --defined-only '%s'", prog);
  if (!(f = popen(cmd, "r"))) return false;
  while (fgets(line, sizeof(line), f)) {
    char a[64], b[64], c[64], d[4096];
    struct NmSym s = {0};
    int n = sscanf(line, "%63s %63s %63s %4095s", a, b, c, d);
    if (n == 4) {
      s.addr = strtoull(a, NULL, 16);
      s.size = strtoull(b, NULL, 16);
      s.type = c[0];
      s.name = xstrdup(d);
    } else if (n == 3) {
      s.addr = strtoull(a, NULL, 16);
      s.type = b[0];
      s.name = xstrdup(c);
    } else {
      continue;
    }
    /* Absolute symbols aren't addresses; dbg leaves them out. */
    if (s.type == 'A' || s.type == 'a') {
      free(s.name);
      continue;
    }
    g_nm = realloc(g_nm, (g_nnm + 1) * sizeof(*g_nm));
    if (!g_nm) abort();
    g_nm[g_nnm++] = s;
  }
  pclose(f);
  qsort(g_nm, g_nnm, sizeof(*g_nm), nm_cmp);
  return g_nnm > 0;
}

static bool is_text(char t) {
  return t == 'T' || t == 't' || t == 'W' || t == 'w' || t == 'i';
}

static bool nm_has(uint64_t addr, const char *name) {
  for (size_t i = 0; i < g_nnm; i++)
    if (g_nm[i].addr == addr && !strcmp(g_nm[i].name, name)) return true;
  return false;
}

/* Whether nm gives name some text address equal to addr. */
static bool nm_name_at(const char *name, uint64_t addr) {
  for (size_t i = 0; i < g_nnm; i++)
    if (!strcmp(g_nm[i].name, name) && g_nm[i].addr == addr) return true;
  return false;
}

/* The greatest symbol address <= addr that isn't a TLS offset. */
static bool nm_floor(uint64_t addr, uint64_t *out) {
  bool found = false;
  for (size_t i = 0; i < g_nnm && g_nm[i].addr <= addr; i++) {
    *out = g_nm[i].addr;
    found = true;
  }
  return found;
}

/* Whether nm lists name at addr with size. */
static bool nm_sized(const char *name, uint64_t addr, uint64_t size) {
  for (size_t i = 0; i < g_nnm; i++)
    if (!strcmp(g_nm[i].name, name) && g_nm[i].addr == addr &&
        g_nm[i].size == size)
      return true;
  return false;
}

static void check_symbols(struct DbgTable *t) {
  for (size_t i = 0; i < g_nnm; i++) {
    const struct NmSym *s = &g_nm[i];
    uint64_t a = 0, off = 99, fl = 0;
    const char *n;
    /* Data: `watch NAME` needs its address and size. */
    /* (Thread-local symbols, whose "addresses" are small offsets into
     * the TLS block, are left out of the table: skipped. So are
     * sizeless markers: objcopy --only-keep-debug retypes the ones that
     * sit at .tbss's address, __preinit_array_start, as TLS.) */
    if (strchr("DdBbRr", s->type) && s->addr >= 0x100000 && s->size) {
      struct DbgSym y = {0};
      bool found = dbg_lookup_sym(t, s->name, &y); /* before the message */
      check(found && !y.func &&
                nm_sized(s->name, y.addr, y.size) &&
                y.global == (s->type >= 'A' && s->type <= 'Z'),
            "lookup_sym(%s): %#lx size %lu%s", s->name, (long)y.addr,
            (unsigned long)y.size, y.func ? " func" : "");
      if (g_sample && !strcmp(s->name, "counter"))
        check(y.size == 4 && y.global, "counter: size %lu", (long)y.size);
      continue;
    }
    if (!is_text(s->type)) continue;
    bool found = dbg_lookup(t, s->name, &a);
    check(found && nm_name_at(s->name, a),
          "lookup(%s) gives %#lx, nm has %#lx", s->name, (long)a,
          (long)s->addr);
    n = dbg_symbol_at(t, s->addr, &off);
    check(n && off == 0 && nm_has(s->addr, n),
          "symbol_at(%#lx) is %s+%#lx, nm says %s", (long)s->addr,
          n ? n : "NULL", (long)off, s->name);
    if (s->size > 1) {
      uint64_t last = s->addr + s->size - 1;
      n = dbg_symbol_at(t, last, &off);
      check(nm_floor(last, &fl) && n && off == last - fl && nm_has(fl, n),
            "symbol_at(%#lx) is %s+%#lx, nm's nearest is at %#lx",
            (long)last, n ? n : "NULL", (long)off, (long)fl);
    }
    if (s->size && (s->type == 'T' || s->type == 't')) {
      uint64_t fl2 = 0;
      /* symbol_in: inside the symbol named by nm's nearest one below;
       * past the nearest symbol's end, nothing. */
      n = dbg_symbol_in(t, s->addr + s->size - 1, &off);
      check(n && nm_floor(s->addr + s->size - 1, &fl2) && nm_has(fl2, n),
            "symbol_in(%s's last byte) is %s", s->name, n ? n : "NULL");
      if (nm_floor(s->addr + s->size, &fl2) && fl2 == s->addr) {
        n = dbg_symbol_in(t, s->addr + s->size, &off);
        check(!n, "symbol_in(end of %s) is %s+%#lx", s->name, n,
              (long)off);
      }
      struct DbgFunc f = {0};
      bool in = dbg_func_at(t, s->addr + s->size / 2, &f);
      check(in && f.lo == s->addr &&
                f.hi == s->addr + s->size,
            "func_at(%#lx) is [%#lx,%#lx), nm: %s [%#lx,+%#lx)",
            (long)(s->addr + s->size / 2), (long)f.lo, (long)f.hi, s->name,
            (long)s->addr, (long)s->size);
      /* A split function's cold part is the function's, when DWARF
       * describes it (DW_AT_ranges): entry is the hot part's start. */
      size_t nl = strlen(s->name);
      if (nl > 5 && !strcmp(s->name + nl - 5, ".cold")) {
        char hot[512];
        uint64_t ha = 0;
        struct DbgFunc h;
        snprintf(hot, sizeof(hot), "%.*s", (int)(nl - 5), s->name);
        if (dbg_lookup(t, hot, &ha) && dbg_func_at(t, ha, &h) && h.dwarf) {
          g_cold++;
          memset(&f, 0, sizeof(f));
          in = dbg_func_at(t, s->addr, &f);
          check(in && f.dwarf && f.name &&
                    !strcmp(f.name, h.name) && f.entry == ha &&
                    h.entry == ha,
                "func_at(%s) is %s (entry %#lx), not %s at %#lx", s->name,
                f.name, (long)f.entry, h.name, (long)ha);
        }
      }
      /* The sample's own functions come from DWARF, with their file. */
      if (g_sample && (!strcmp(s->name, "main") || !strcmp(s->name, "sum_squares") ||
          !strcmp(s->name, "util_mix") || !strcmp(s->name, "helper")))
        check(dbg_func_at(t, s->addr, &f) && f.dwarf && f.file &&
                  !strncmp(base(f.file), "sample", 6) && f.line > 0,
              "func_at(%s) not from DWARF with a file:line", s->name);
    }
  }
}

/* ---------------------------------------------------- objdump's rows */

struct Row {
  char *file;
  unsigned line;
  uint64_t addr;
  bool stmt, end;
};
static struct Row *g_rows;
static size_t g_nrows;

static bool read_rows(const char *prog) {
  char cmd[8192], line[4096];
  FILE *f;
  for (size_t i = 0; i < g_nrows; i++) free(g_rows[i].file);
  g_nrows = 0;
  snprintf(cmd, sizeof(cmd), "objdump --dwarf=decodedline '%s'", prog);
  if (!(f = popen(cmd, "r"))) return false;
  while (fgets(line, sizeof(line), f)) {
    char *tok[8], *save, *p;
    int n = 0;
    struct Row r = {0};
    for (p = strtok_r(line, " \t\n", &save); p && n < 8;
         p = strtok_r(NULL, " \t\n", &save))
      tok[n++] = p;
    /* "FILE LINE 0xADDR [VIEW] [x]"; the end of a sequence has "-". */
    if (n < 3 || strncmp(tok[2], "0x", 2)) continue;
    r.addr = strtoull(tok[2], NULL, 16);
    if (!strcmp(tok[1], "-")) {
      r.end = true;
    } else {
      r.line = (unsigned)strtoul(tok[1], NULL, 10);
    }
    r.stmt = !strcmp(tok[n - 1], "x") && n > 3;
    r.file = xstrdup(tok[0]);
    g_rows = realloc(g_rows, (g_nrows + 1) * sizeof(*g_rows));
    if (!g_rows) abort();
    g_rows[g_nrows++] = r;
  }
  pclose(f);
  return g_nrows > 0;
}

static void check_rows(struct DbgTable *t) {
  size_t n = dbg_row_count(t);
  check(n == g_nrows, "%zu rows, objdump prints %zu", n, g_nrows);
  for (size_t i = 0; i < n && i < g_nrows; i++) {
    struct DbgRow r;
    const struct Row *w = &g_rows[i];
    dbg_row(t, i, &r);
    check(r.addr == w->addr && r.end == w->end &&
              (r.end || (r.line == w->line && r.stmt == w->stmt &&
                         r.file && !strcmp(base(r.file), base(w->file)))),
          "row %zu: %s:%u %#lx%s%s, objdump: %s:%u %#lx%s%s", i,
          r.file ? base(r.file) : "?", r.line, (long)r.addr,
          r.stmt ? " stmt" : "", r.end ? " end" : "", w->file, w->line,
          (long)w->addr, w->stmt ? " stmt" : "", w->end ? " end" : "");
  }
}

/* addr2line on every row address and the byte after it, in one run. */
static void check_addr2line(struct DbgTable *t, const char *prog,
                            const char *dir) {
  char in[4096], out[4096], cmd[12288], line[4096];
  FILE *f;
  size_t n = 0;
  uint64_t *addrs = malloc(2 * g_nrows * sizeof(*addrs) + 1);
  if (!addrs) abort();
  snprintf(in, sizeof(in), "%s/addrs", dir);
  snprintf(out, sizeof(out), "%s/lines", dir);
  if (!(f = fopen(in, "w"))) abort();
  for (size_t i = 0; i < g_nrows; i++) {
    if (g_rows[i].end) continue;
    addrs[n++] = g_rows[i].addr;
    addrs[n++] = g_rows[i].addr + 1;
  }
  for (size_t i = 0; i < n; i++) fprintf(f, "%#lx\n", (long)addrs[i]);
  fclose(f);
  snprintf(cmd, sizeof(cmd), "addr2line -e '%s' <'%s' >'%s'", prog, in, out);
  if (run(cmd)) {
    fail("addr2line failed: %s", cmd);
    free(addrs);
    return;
  }
  if (!(f = fopen(out, "r"))) abort();
  for (size_t i = 0; i < n && fgets(line, sizeof(line), f); i++) {
    struct DbgLine l;
    char *colon, *sp;
    unsigned want;
    bool have = dbg_line_at(t, addrs[i], &l);
    line[strcspn(line, "\n")] = 0;
    if ((sp = strstr(line, " (discriminator"))) *sp = 0;
    colon = strrchr(line, ':');
    if (!colon) {
      fail("addr2line printed %s", line);
      continue;
    }
    *colon = 0;
    if (!strcmp(line, "??")) {
      check(!have || l.line == 0, "line_at(%#lx) is %s:%u, addr2line: ??",
            (long)addrs[i], have ? l.file : "", have ? l.line : 0);
      continue;
    }
    want = (unsigned)strtoul(colon + 1, NULL, 10);
    check(have && l.line == want && l.file && !strcmp(l.file, line),
          "line_at(%#lx) is %s:%u, addr2line: %s:%u", (long)addrs[i],
          have && l.file ? l.file : "-", have ? l.line : 0, line, want);
  }
  fclose(f);
  free(addrs);
}

/* break FILE:LINE for every is_stmt row: the lowest row address of that
 * file and line within the row's function (from nm's sized symbols). */
static void check_addrs_for(struct DbgTable *t) {
  for (size_t i = 0; i < g_nrows; i++) {
    const struct Row *r = &g_rows[i];
    uint64_t lo = 0, hi = UINT64_MAX, want = r->addr, got[64];
    size_t n;
    unsigned used = 0;
    bool found = false;
    if (r->end || !r->stmt) continue;
    for (size_t k = 0; k < g_nnm; k++) {
      const struct NmSym *s = &g_nm[k];
      if ((s->type == 'T' || s->type == 't') && s->size &&
          r->addr >= s->addr && r->addr < s->addr + s->size) {
        lo = s->addr;
        hi = s->addr + s->size;
      }
    }
    for (size_t k = 0; k < g_nrows; k++) {
      const struct Row *q = &g_rows[k];
      if (!q->end && q->stmt && q->line == r->line && q->addr >= lo &&
          q->addr < hi && q->addr < want && !strcmp(q->file, r->file))
        want = q->addr;
    }
    /* A function's first line means its body (gdb agrees: check_gdb). */
    {
      struct DbgFunc fn;
      if (dbg_func_at(t, want, &fn) && fn.dwarf && fn.entry == want)
        want = dbg_after_prologue(t, want);
    }
    n = dbg_addrs_for(t, r->file, r->line, got, 64, &used);
    for (size_t k = 0; k < n && k < 64; k++) found |= got[k] == want;
    check(found && used == r->line,
          "addrs_for(%s:%u): %zu addresses, not %#lx", r->file, r->line, n,
          (long)want);
  }
}

/* -------------------------------------------------- objdump's CFI */

/* objdump --dwarf=frames-interp: for each FDE row, LOC, the CFA rule
 * ("rsp+8", "rbp+16", "exp") and the ra and rbp columns ("c-8", "u",
 * absent). dbg_cfi_at(LOC) must say the same. */
static void check_cfi(struct DbgTable *t, const char *prog) {
  char cmd[8192], line[4096];
  char cols[16][16];
  int ncols = 0, rows = 0;
  bool infde = false;
  FILE *f;
  snprintf(cmd, sizeof(cmd), "objdump --dwarf=frames-interp '%s'", prog);
  if (!(f = popen(cmd, "r"))) abort();
  while (fgets(line, sizeof(line), f)) {
    char *tok[20], *save, *p;
    int n = 0;
    for (p = strtok_r(line, " \t\n", &save); p && n < 20;
         p = strtok_r(NULL, " \t\n", &save))
      tok[n++] = p;
    if (n >= 4 && !strcmp(tok[3], "FDE")) {
      infde = true;
      ncols = 0;
      continue;
    }
    if (n >= 4 && !strcmp(tok[3], "CIE")) {
      infde = false;
      continue;
    }
    if (!infde || !n) continue;
    if (!strcmp(tok[0], "LOC")) {
      ncols = 0;
      for (int i = 0; i < n && i < 16; i++)
        snprintf(cols[ncols++], sizeof(cols[0]), "%s", tok[i]);
      continue;
    }
    if (n != ncols || strlen(tok[0]) != 16) continue;
    uint64_t loc = strtoull(tok[0], NULL, 16);
    struct DbgCfi c;
    bool have = dbg_cfi_at(t, loc, &c);
    rows++;
    if (!have) {
      check(false, "cfi_at(%#lx): none, objdump has a row", (long)loc);
      continue;
    }
    bool ok = c.lo <= loc && loc < c.hi;
    if (!strncmp(tok[1], "rsp+", 4))
      ok &= c.cfa_kind == DBG_CFI_REG_OFF && c.cfa_reg == 7 &&
            c.cfa_off == strtoll(tok[1] + 4, NULL, 10);
    else if (!strncmp(tok[1], "rbp+", 4))
      ok &= c.cfa_kind == DBG_CFI_REG_OFF && c.cfa_reg == 6 &&
            c.cfa_off == strtoll(tok[1] + 4, NULL, 10);
    else if (!strcmp(tok[1], "exp"))
      ok &= c.cfa_kind == DBG_CFI_EXPR;
    else
      ok &= c.cfa_kind == DBG_CFI_REG_OFF;
    bool rbp_seen = false;
    for (int i = 2; i < n; i++) {
      int kind;
      int64_t off;
      if (strcmp(cols[i], "ra") && strcmp(cols[i], "rbp")) continue;
      kind = !strcmp(cols[i], "ra") ? c.ra_kind : c.rbp_kind;
      off = !strcmp(cols[i], "ra") ? c.ra_off : c.rbp_off;
      if (!strcmp(cols[i], "rbp")) rbp_seen = true;
      if (tok[i][0] == 'c')
        ok &= kind == DBG_CFI_AT_CFA && off == strtoll(tok[i] + 1, NULL, 10);
      else if (!strcmp(tok[i], "u"))
        ok &= kind == DBG_CFI_UNDEF || kind == DBG_CFI_SAME;
      else if (!strcmp(tok[i], "s"))
        ok &= kind == DBG_CFI_SAME;
    }
    if (!rbp_seen) ok &= c.rbp_kind == DBG_CFI_SAME || c.rbp_kind == DBG_CFI_UNDEF;
    check(ok, "cfi_at(%#lx): [%#lx,%#lx) cfa %d r%d%+ld ra %d%+ld rbp %d%+ld; "
          "objdump: %s %s ...", (long)loc, (long)c.lo, (long)c.hi, c.cfa_kind,
          c.cfa_reg, (long)c.cfa_off, c.ra_kind, (long)c.ra_off, c.rbp_kind,
          (long)c.rbp_off, tok[0], tok[1]);
  }
  pclose(f);
  check(rows > 100, "objdump printed only %d CFI rows", rows);
}

/* A second file's worth at a load bias, as for a PIE or a library the
 * program maps later: everything moves by the bias. */
static void check_bias(const char *path) {
  const uint64_t bias = 0x7f0000000000;
  char err[512] = "";
  struct DbgTable *t = dbg_new();
  int before = g_checks, fails = g_fails;
  if (!t) abort();
  check(dbg_add(t, path, bias, err, sizeof(err)) == 0, "dbg_add: %s", err);
  for (size_t i = 0; i < g_nnm; i++) {
    const struct NmSym *s = &g_nm[i];
    uint64_t a = 0, off = 99;
    const char *n;
    if (strcmp(s->name, "main") && strcmp(s->name, "util_mix")) continue;
    bool found = dbg_lookup(t, s->name, &a);
    check(found && a == s->addr + bias,
          "biased lookup(%s) = %#lx", s->name, (long)a);
    n = dbg_symbol_at(t, s->addr + bias + 1, &off);
    check(n && !strcmp(n, s->name) && off == 1, "biased symbol_at(%s+1)",
          s->name);
  }
  for (size_t i = 0; i < g_nrows; i++) {
    struct DbgLine l;
    if (g_rows[i].end) continue;
    check(dbg_line_at(t, g_rows[i].addr + bias, &l) &&
              !strcmp(base(l.file), base(g_rows[i].file)),
          "biased line_at(%#lx)", (long)(g_rows[i].addr + bias));
    check(!dbg_line_at(t, g_rows[i].addr, &l), "unbiased line_at(%#lx)",
          (long)g_rows[i].addr);
  }
  /* The same file again unbiased, then the biased copy unmapped. */
  check(dbg_add(t, path, 0, err, sizeof(err)) == 0, "dbg_add: %s", err);
  dbg_remove(t, bias, bias + 0x10000000);
  {
    uint64_t a = 0, first = 0;
    struct DbgLine l;
    struct DbgCfi c;
    bool found = dbg_lookup(t, "main", &a);
    check(found && nm_name_at("main", a), "after remove: main at %#lx",
          (long)a);
    check(dbg_line_at(t, g_rows[0].addr, &l) &&
              !dbg_line_at(t, g_rows[0].addr + bias, &l) &&
              dbg_cfi_at(t, g_rows[0].addr, &c) &&
              !dbg_cfi_at(t, g_rows[0].addr + bias, &c),
          "after remove: lines or frames of the wrong copy");
    size_t n = dbg_symbol_prefix(t, "sum_sq", &first);
    check(n >= 1 && !strncmp(dbg_symbol_name(t, first), "sum_sq", 6) &&
              (first == 0 || strncmp(dbg_symbol_name(t, first - 1), "sum_sq", 6)) &&
              (first + n >= dbg_symbol_count(t) ||
               strncmp(dbg_symbol_name(t, first + n), "sum_sq", 6)),
          "symbol_prefix(sum_sq): %zu from %zu", n, first);
    check(dbg_symbol_prefix(t, "", &first) == dbg_symbol_count(t) && !first,
          "symbol_prefix(\"\")");
    check(!dbg_symbol_prefix(t, "no such prefix", &first), "prefix: none");
  }
  printf("bias: %d checks, %d failed\n", g_checks - before, g_fails - fails);
  dbg_free(t);
}

/* ------------------------------------------------ gdb's breakpoints */

/* gdb, when installed, as the oracle for where `break FUNCTION` and
 * `break FILE:LINE` stop (run as a program only: -batch, one script).
 * Only for the -O0 build: at -O2 gdb also breaks at inlined copies,
 * which dbg_addrs_for doesn't list (yet). */
static void check_gdb(const char *prog, const char *dir) {
  static const char *funcs[] = {"square", "sum_squares", "main", "util_mix",
                                "helper", "checked_div", "die"};
  static const struct {
    const char *file;
    unsigned lines;
  } files[] = {{"sample.c", 40}, {"sample-util.c", 45}};
  char script[4096], cmd[12288], line[4096], what[256];
  uint64_t want[256] = {0};
  int nq = 0, k = -1;
  int before = g_checks, fails = g_fails;
  FILE *f;
  char err[512] = "";
  struct DbgTable *t;
  if (run("gdb --version >/dev/null 2>&1")) {
    printf("gdb: not installed, breakpoint placement not compared\n");
    return;
  }
  if (!(t = dbg_load(prog, err, sizeof(err)))) {
    fail("dbg_load(%s): %s", prog, err);
    return;
  }
  snprintf(script, sizeof(script), "%s/gdb.cmd", dir);
  if (!(f = fopen(script, "w"))) abort();
  for (size_t i = 0; i < sizeof(funcs) / sizeof(*funcs); i++, nq++)
    fprintf(f, "echo @@%d\\n\nbreak %s\n", nq, funcs[i]);
  for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++)
    for (unsigned l = 1; l <= files[i].lines; l++, nq++)
      fprintf(f, "echo @@%d\\n\nbreak %s:%u\n", nq, files[i].file, l);
  fprintf(f, "echo @@%d\\n\n", nq);
  fclose(f);
  snprintf(cmd, sizeof(cmd), "gdb -batch -nx -x '%s' '%s' 2>&1", script, prog);
  if (!(f = popen(cmd, "r"))) abort();
  while (fgets(line, sizeof(line), f)) {
    char *p;
    if (!strncmp(line, "@@", 2)) {
      k = atoi(line + 2);
    } else if (k >= 0 && k < 256 && !strncmp(line, "Breakpoint ", 11) &&
               (p = strstr(line, " at 0x"))) {
      want[k] = strtoull(p + 4, NULL, 16);
    }
  }
  pclose(f);
  k = 0;
  for (size_t i = 0; i < sizeof(funcs) / sizeof(*funcs); i++, k++) {
    uint64_t entry = 0, got = 0;
    if (dbg_lookup(t, funcs[i], &entry)) got = dbg_after_prologue(t, entry);
    check(got == want[k], "break %s: %#lx, gdb: %#lx", funcs[i], (long)got,
          (long)want[k]);
  }
  for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++) {
    for (unsigned l = 1; l <= files[i].lines; l++, k++) {
      uint64_t got[8] = {0};
      size_t n = dbg_addrs_for(t, files[i].file, l, got, 8, NULL);
      snprintf(what, sizeof(what), "%s:%u", files[i].file, l);
      check(n ? n == 1 && got[0] == want[k] : !want[k],
            "break %s: %zu addresses, first %#lx; gdb: %#lx", what, n,
            (long)got[0], (long)want[k]);
    }
  }
  printf("gdb: %d checks, %d failed\n", g_checks - before, g_fails - fails);
  dbg_free(t);
}

/* ------------------------------------------- unwinding this program */

/* dbg_unwind on a real stack: this test's own, through its own CFI
 * (loaded from /proc/self/exe at its PIE load bias), reading memory
 * directly. self_a and self_b are built with our -O2: no frame pointer,
 * so only CFI can get past them. */
static struct DbgTable *g_self;
static const char *g_stack[16];
static int g_nstack, g_how[16];

static int phdr_first(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size;
  *(uint64_t *)data = info->dlpi_addr; /* the first is the program */
  return 1;
}

static bool read_self(void *ctx, uint64_t addr, uint64_t *val) {
  (void)ctx;
  if (addr < 65536) return false;
  memcpy(val, (const void *)(uintptr_t)addr, sizeof(*val));
  return true;
}

__attribute__((noinline, optimize("no-omit-frame-pointer"))) static void
unwind_here(void) {
  struct DbgFrameRegs r;
  uint64_t *fp = __builtin_frame_address(0);
  /* Start in our caller: its pc is our return address, its CFA is just
   * above our saved rbp and return address. */
  r.rip = (uint64_t)(uintptr_t)__builtin_return_address(0);
  r.rbp = fp[0];
  r.rsp = (uint64_t)(uintptr_t)fp + 16;
  r.top = false;
  for (g_nstack = 0; g_nstack < 16;) {
    uint64_t off;
    const char *n = dbg_symbol_at(g_self, r.rip, &off);
    int how;
    g_stack[g_nstack++] = n ? n : "?";
    if (n && !strcmp(n, "main")) break;
    how = dbg_unwind(g_self, &r, read_self, NULL);
    g_how[g_nstack - 1] = how;
    if (!how) break;
  }
}

__attribute__((noinline)) static int self_b(int x) {
  unwind_here();
  __asm__ volatile("" ::: "memory"); /* no tail call */
  return x + 1;
}

__attribute__((noinline)) static int self_a(int x) {
  int y = self_b(x * 3);
  __asm__ volatile("" ::: "memory");
  return y * 2;
}

__attribute__((noinline)) static void check_unwind_self(int seed) {
  char err[512] = "";
  uint64_t bias = 0;
  int before = g_checks, fails = g_fails;
  dl_iterate_phdr(phdr_first, &bias);
  if (!(g_self = dbg_new())) abort();
  check(dbg_add(g_self, "/proc/self/exe", bias, err, sizeof(err)) == 0,
        "dbg_add(/proc/self/exe): %s", err);
  check(self_a(seed) == (seed * 3 + 1) * 2, "self_a");
  check(g_nstack >= 4 && !strncmp(g_stack[0], "self_b", 6) &&
            !strncmp(g_stack[1], "self_a", 6) &&
            !strncmp(g_stack[2], "check_unwind_self", 17) &&
            !strcmp(g_stack[g_nstack - 1], "main"),
        "backtrace %s <- %s <- %s ... %s (%d frames)",
        g_nstack > 0 ? g_stack[0] : "", g_nstack > 1 ? g_stack[1] : "",
        g_nstack > 2 ? g_stack[2] : "", g_nstack ? g_stack[g_nstack - 1] : "",
        g_nstack);
  check(g_how[0] == 1 && g_how[1] == 1, "self_b, self_a not unwound by CFI");
  printf("unwind: %d checks, %d failed (", g_checks - before, g_fails - fails);
  for (int i = 0; i < g_nstack; i++)
    printf("%s%s", i ? " <- " : "", g_stack[i]);
  printf(")\n");
  dbg_free(g_self);
}

/* ------------------------------------------------------------- main */

static void check_table(const char *what, const char *path, const char *ref,
                        const char *dir) {
  char err[512] = "";
  struct DbgTable *t = dbg_load(path, err, sizeof(err));
  int before = g_checks, fails = g_fails;
  g_cold = 0;
  if (!t) {
    fail("%s: dbg_load(%s): %s", what, path, err);
    return;
  }
  check(dbg_has_lines(t), "%s: no line table read", what);
  check_symbols(t);
  check_rows(t);
  check_addr2line(t, ref, dir);
  check_addrs_for(t);
  if (g_with_cfi) check_cfi(t, ref);
  printf("%s: %d checks, %d failed (%zu symbols, %zu rows, %d split)\n",
         what, g_checks - before, g_fails - fails, dbg_symbol_count(t),
         dbg_row_count(t), g_cold);
  dbg_free(t);
}

int main(int argc, char **argv) {
  const char *cc = getenv("CC"), *top = getenv("TOP_SRCDIR");
  char dir[] = "/tmp/test-dbg.XXXXXX", prog[256], cmd[16384], what[64];
  char srcfile[4096];
  /* DWARF 5 is GCC 12's default; DWARF 4 has .debug_ranges instead of
   * .debug_rnglists and another line-table header. */
  static const char *opts[] = {"-O0", "-O2", "-O2 -gdwarf-4"};
  if (!cc || !*cc) cc = "cc";
  if (argc > 1) top = argv[1];
  if (!top || !*top) top = ".";
  if (!mkdtemp(dir)) {
    perror("mkdtemp");
    return 1;
  }
  check_unwind_self(argc + 4);
  /* Programs named after SRCDIR are checked as they are (by hand:
   * e.g. a -g build of something bigger than the sample). */
  for (int i = 2; i < argc; i++) {
    g_sample = false;
    if (!read_nm(argv[i]) || !read_rows(argv[i])) {
      fail("nm or objdump gave nothing for %s", argv[i]);
      continue;
    }
    check_table(argv[i], argv[i], argv[i], dir);
  }
  if (argc > 2) {
    snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
    run(cmd);
    printf("%d checks, %d failed\n", g_checks, g_fails);
    return g_fails ? 1 : 0;
  }
  for (int o = 0; o < 3; o++) {
    snprintf(prog, sizeof(prog), "%s/sample%d", dir, o);
    snprintf(srcfile, sizeof(srcfile), "%s/tests/dbg/sample.h", top);
    snprintf(cmd, sizeof(cmd),
             "%s -g %s -static -o '%s' '%s/tests/dbg/sample.c' "
             "'%s/tests/dbg/sample-util.c' 2>'%s/cc.log'",
             cc, opts[o], prog, top, top, dir);
    if (run(cmd)) {
      printf("cannot build a static -g program: %s\n", cmd);
      snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
      run(cmd);
      return 77;
    }
    if (!read_nm(prog) || !read_rows(prog)) {
      fail("nm or objdump gave nothing for %s", prog);
      continue;
    }
    snprintf(what, sizeof(what), "%s", opts[o]);
    check_table(what, prog, prog, dir);
    if (!o) check_bias(prog);
    if (!o) check_gdb(prog, dir);
    /* -O2 splits checked_div: the DW_AT_ranges path must have run. */
    if (o) check(g_cold > 0, "%s: no split function seen", opts[o]);
    /* The same program stripped, with its DWARF and symbols beside it. */
    snprintf(cmd, sizeof(cmd),
             "objcopy --only-keep-debug '%s' '%s.s.dbg' && "
             "objcopy --strip-all '%s' '%s.s'",
             prog, prog, prog, prog);
    if (run(cmd)) {
      fail("objcopy failed: %s", cmd);
      continue;
    }
    if (!o) {
      /* Without the companion: no names, no lines, but frames (the
       * .eh_frame of a program is never stripped). And not ELF at all:
       * an error naming the file. */
      char bare[512], err[512] = "";
      struct DbgTable *t;
      struct DbgCfi c;
      struct DbgLine l;
      uint64_t a, off;
      snprintf(bare, sizeof(bare), "%s.bare", prog);
      snprintf(cmd, sizeof(cmd), "objcopy --strip-all '%s' '%s'", prog, bare);
      check(!run(cmd), "objcopy --strip-all");
      t = dbg_load(bare, err, sizeof(err));
      check(t != NULL, "dbg_load(stripped): %s", err);
      if (t) {
        check(!dbg_has_lines(t) && !dbg_symbol_count(t) &&
                  !dbg_lookup(t, "main", &a) &&
                  !dbg_symbol_at(t, g_rows[0].addr, &off) &&
                  !dbg_line_at(t, g_rows[0].addr, &l),
              "stripped: names or lines from nowhere");
        check(dbg_cfi_at(t, g_rows[0].addr, &c), "stripped: no CFI");
        dbg_free(t);
      }
      /* A companion that isn't ELF: reported, and the program's own
       * symbols and lines still load. */
      {
        char junk[600];
        FILE *jf;
        snprintf(junk, sizeof(junk), "%s.dbg", bare);
        snprintf(cmd, sizeof(cmd), "cp '%s' '%s'", prog, bare);
        check(!run(cmd), "cp");
        if ((jf = fopen(junk, "w"))) {
          fputs("not an ELF file\n", jf);
          fclose(jf);
        }
        err[0] = 0;
        t = dbg_load(bare, err, sizeof(err));
        check(t && strstr(err, ".dbg: not an ELF file") && dbg_has_lines(t) &&
                  dbg_lookup(t, "main", &a),
              "bad companion: %s", err);
        dbg_free(t);
        t = dbg_load(prog, err, sizeof(err));
        check(t && !err[0], "err not empty after a clean load: %s", err);
        dbg_free(t);
      }
      t = dbg_load(srcfile, err, sizeof(err));
      check(!t && strstr(err, "not an ELF file"), "not ELF: %s", err);
      t = dbg_load("/nonexistent/x", err, sizeof(err));
      check(!t && strstr(err, "/nonexistent/x: "), "missing: %s", err);
    }
    snprintf(what, sizeof(what), "%s stripped + .dbg", opts[o]);
    snprintf(cmd, sizeof(cmd), "%s.s", prog);
    check_table(what, cmd, prog, dir);
  }
  snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
  run(cmd);
  printf("%d checks, %d failed\n", g_checks, g_fails);
  return g_fails ? 1 : 0;
}
