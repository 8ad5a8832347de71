/* dbg-line.c: DWARF line tables and function ranges, through libdwarf.
 *
 * Two libdwarf APIs are in use (see m4/bl_libdwarf.m4): Debian 12's
 * 20210528 release and the 0.x series. Everything this file calls
 * (dwarf_next_cu_header_d, dwarf_siblingof_b, dwarf_srclines_b, ...) is
 * the same in both except opening and closing, which differ in
 * arity: those two are dbg_dw_open() and dbg_dw_close() below (dbg-cfi.c
 * has the other API differences, in frame queries). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include LIBDWARF_H
#include DWARF_H

#include "dbg/dbg-dwarf.h"
#include "dbg/dbg-int.h"

/* ------------------------------------------- the two APIs' differences */

/* libdwarf aborts the process when a call fails and neither an error
 * pointer nor a handler was given: this handler makes every call that
 * passes NULL for its error just return DW_DLV_ERROR instead. (The
 * error itself is freed by dwarf_finish.) */
static void dw_ignore(Dwarf_Error e, Dwarf_Ptr arg) {
  (void)e;
  (void)arg;
}

#ifdef HAVE_LIBDWARF_0X
int dbg_dw_open(const char *path, Dwarf_Debug *dbg, Dwarf_Error *e) {
  /* No true-path buffer: no .gnu_debuglink following; PATH.dbg is
   * looked for by dbg_add() itself. */
  return dwarf_init_path(path, NULL, 0, DW_GROUPNUMBER_ANY, dw_ignore, NULL,
                         dbg, e);
}
void dbg_dw_close(Dwarf_Debug dbg) {
  dwarf_finish(dbg);
}
#else
int dbg_dw_open(const char *path, Dwarf_Debug *dbg, Dwarf_Error *e) {
  return dwarf_init_path(path, NULL, 0, DW_DLC_READ, DW_GROUPNUMBER_ANY,
                         dw_ignore, NULL, dbg, NULL, 0, NULL, e);
}
void dbg_dw_close(Dwarf_Debug dbg) {
  dwarf_finish(dbg, NULL);
}
#endif

/* -------------------------------------------------------------- reading */

struct Reader {
  struct DbgTable *t;
  Dwarf_Debug dbg;
  uint64_t bias;
  const char *lastfile; /* interned; rows mostly repeat the last file */
  bool nomem;
  Dwarf_Half version; /* the CU's: 5 has .debug_rnglists, 2-4 .debug_ranges */
  Dwarf_Addr cubase;  /* the CU's DW_AT_low_pc, .debug_ranges' base */
};

static void seterr(char *err, size_t n, const char *fmt, ...) {
  va_list va;
  if (!err || !n) return;
  va_start(va, fmt);
  vsnprintf(err, n, fmt, va);
  va_end(va);
}

static const char *intern_file(struct Reader *r, const char *s) {
  if (r->lastfile && !strcmp(r->lastfile, s)) return r->lastfile;
  /* Files recur across CUs (headers): look back over the few last. */
  for (size_t i = r->t->nstrs, k = 0; i-- > 0 && k < 64; k++)
    if (!strcmp(r->t->strs[i], s)) return r->lastfile = r->t->strs[i];
  return r->lastfile = dbg_intern(r->t, s);
}

static void read_lines(struct Reader *r, Dwarf_Die cu) {
  Dwarf_Unsigned version;
  Dwarf_Small count;
  Dwarf_Line_Context ctx;
  Dwarf_Line *lines;
  Dwarf_Signed n;
  Dwarf_Error e = NULL;
  if (dwarf_srclines_b(cu, &version, &count, &ctx, &e) != DW_DLV_OK) {
    if (e) dwarf_dealloc(r->dbg, e, DW_DLA_ERROR);
    return;
  }
  if (dwarf_srclines_from_linecontext(ctx, &lines, &n, &e) == DW_DLV_OK) {
    for (Dwarf_Signed i = 0; i < n && !r->nomem; i++) {
      Dwarf_Addr addr;
      Dwarf_Unsigned line = 0;
      Dwarf_Bool stmt = 0, end = 0;
      char *src = NULL;
      struct DbgRowEnt *row;
      if (dwarf_lineaddr(lines[i], &addr, NULL) != DW_DLV_OK) continue;
      dwarf_lineno(lines[i], &line, NULL);
      dwarf_linebeginstatement(lines[i], &stmt, NULL);
      dwarf_lineendsequence(lines[i], &end, NULL);
      if (!dbg_grow((void **)&r->t->rows, &r->t->crows, r->t->nrows + 1,
                    sizeof(*r->t->rows))) {
        r->nomem = true;
        break;
      }
      row = &r->t->rows[r->t->nrows];
      row->addr = addr + r->bias;
      row->line = end ? 0 : (unsigned)line;
      row->stmt = stmt;
      row->end = end;
      row->file = NULL;
      if (dwarf_linesrc(lines[i], &src, NULL) == DW_DLV_OK && src) {
        row->file = intern_file(r, src);
        dwarf_dealloc(r->dbg, src, DW_DLA_STRING);
        if (!row->file) r->nomem = true;
      }
      r->t->nrows++;
    }
    r->t->lines = true;
  } else if (e) {
    dwarf_dealloc(r->dbg, e, DW_DLA_ERROR);
  }
  dwarf_srclines_dealloc_b(ctx);
}

/* The name of die, or of the DIE it refers to by abstract_origin (an
 * out-of-line copy of an inlined function has no name of its own) or
 * specification (a C++ method defined outside its class), to a depth
 * of a few references. The string points into the section. */
static char *die_name(struct Reader *r, Dwarf_Die die, int depth) {
  static const Dwarf_Half refs[] = {DW_AT_abstract_origin,
                                    DW_AT_specification};
  char *name = NULL;
  if (dwarf_diename(die, &name, NULL) == DW_DLV_OK && name) return name;
  if (depth >= 4) return NULL;
  for (size_t i = 0; i < sizeof(refs) / sizeof(*refs) && !name; i++) {
    Dwarf_Attribute a;
    Dwarf_Off off;
    Dwarf_Die other;
    if (dwarf_attr(die, refs[i], &a, NULL) != DW_DLV_OK) continue;
    if (dwarf_global_formref(a, &off, NULL) == DW_DLV_OK &&
        dwarf_offdie_b(r->dbg, off, true, &other, NULL) == DW_DLV_OK) {
      name = die_name(r, other, depth + 1);
      dwarf_dealloc(r->dbg, other, DW_DLA_DIE);
    }
    dwarf_dealloc(r->dbg, a, DW_DLA_ATTR);
  }
  return name;
}

/* Up to MAXPARTS [lo, hi) ranges of a DW_AT_ranges list; returns how
 * many, in list order (the first is the entry part as GCC emits them).
 * DWARF 5 lists are in .debug_rnglists and come back from libdwarf
 * already rebased ("cooked"); DWARF 2-4 lists in .debug_ranges are
 * relative to the CU's base address until a base selection entry. */
#define MAXPARTS 16
static int read_ranges(struct Reader *r, Dwarf_Die die, Dwarf_Addr *lo,
                       Dwarf_Addr *hi) {
  Dwarf_Attribute a;
  Dwarf_Half form = 0;
  Dwarf_Unsigned val = 0;
  Dwarf_Off off = 0;
  int n = 0;
  if (dwarf_attr(die, DW_AT_ranges, &a, NULL) != DW_DLV_OK) return 0;
  dwarf_whatform(a, &form, NULL);
  if (dwarf_formudata(a, &val, NULL) != DW_DLV_OK) {
    if (dwarf_global_formref(a, &off, NULL) != DW_DLV_OK) goto out;
    val = off;
  }
  if (r->version >= 5) {
    Dwarf_Rnglists_Head head;
    Dwarf_Unsigned count = 0, where;
    if (dwarf_rnglists_get_rle_head(a, form, val, &head, &count, &where,
                                    NULL) != DW_DLV_OK)
      goto out;
    for (Dwarf_Unsigned i = 0; i < count && n < MAXPARTS; i++) {
      unsigned len, code;
      Dwarf_Unsigned raw1, raw2, c1, c2;
      Dwarf_Bool noaddr = 0;
      if (dwarf_get_rnglists_entry_fields_a(head, i, &len, &code, &raw1,
                                            &raw2, &noaddr, &c1, &c2,
                                            NULL) != DW_DLV_OK)
        break;
      if (code == DW_RLE_end_of_list) break;
      if (code == DW_RLE_base_address || code == DW_RLE_base_addressx ||
          noaddr || c2 <= c1)
        continue;
      lo[n] = c1;
      hi[n++] = c2;
    }
    dwarf_dealloc_rnglists_head(head);
  } else {
    Dwarf_Ranges *v;
    Dwarf_Signed count = 0;
    Dwarf_Unsigned bytes;
    Dwarf_Off real;
    Dwarf_Addr base = r->cubase;
    if (dwarf_get_ranges_b(r->dbg, val, die, &real, &v, &count, &bytes,
                           NULL) != DW_DLV_OK)
      goto out;
    for (Dwarf_Signed i = 0; i < count && n < MAXPARTS; i++) {
      if (v[i].dwr_type == DW_RANGES_END) break;
      if (v[i].dwr_type == DW_RANGES_ADDRESS_SELECTION) {
        base = v[i].dwr_addr2;
        continue;
      }
      if (v[i].dwr_addr2 <= v[i].dwr_addr1) continue;
      lo[n] = base + v[i].dwr_addr1;
      hi[n++] = base + v[i].dwr_addr2;
    }
    dwarf_ranges_dealloc(r->dbg, v, count);
  }
out:
  dwarf_dealloc(r->dbg, a, DW_DLA_ATTR);
  return n;
}

/* A subprogram with code becomes a function: one entry per part. */
static void read_subprogram(struct Reader *r, Dwarf_Die die) {
  Dwarf_Addr lo[MAXPARTS], hi[MAXPARTS];
  Dwarf_Half form;
  enum Dwarf_Form_Class cls;
  char *name;
  const char *n;
  int parts = 0;
  if (dwarf_lowpc(die, &lo[0], NULL) == DW_DLV_OK) {
    if (dwarf_highpc_b(die, &hi[0], &form, &cls, NULL) != DW_DLV_OK) return;
    if (cls == DW_FORM_CLASS_CONSTANT) hi[0] += lo[0]; /* DWARF 4+: a length */
    if (hi[0] > lo[0]) parts = 1;
  } else {
    parts = read_ranges(r, die, lo, hi);
  }
  if (!parts || !(name = die_name(r, die, 0))) return;
  if (!(n = dbg_intern(r->t, name))) {
    r->nomem = true;
    return;
  }
  for (int i = 0; i < parts; i++) {
    if (!dbg_add_func(r->t, lo[i] + r->bias, hi[i] + r->bias,
                      lo[0] + r->bias, n, NULL, 0, true)) {
      r->nomem = true;
      return;
    }
  }
}

/* Walks the DIE tree below die for subprograms (nested in namespaces,
 * classes and lexical blocks too). Siblings are iterated, children
 * recursed into: the depth is the source's nesting depth. */
static void walk(struct Reader *r, Dwarf_Die die, int depth) {
  Dwarf_Die cur = die, next;
  while (cur && !r->nomem) {
    Dwarf_Half tag;
    Dwarf_Die child;
    if (dwarf_tag(cur, &tag, NULL) == DW_DLV_OK) {
      if (tag == DW_TAG_subprogram) read_subprogram(r, cur);
      if (depth < 64 && dwarf_child(cur, &child, NULL) == DW_DLV_OK)
        walk(r, child, depth + 1);
    }
    if (dwarf_siblingof_b(r->dbg, cur, true, &next, NULL) != DW_DLV_OK)
      next = NULL;
    if (cur != die) dwarf_dealloc(r->dbg, cur, DW_DLA_DIE);
    cur = next;
  }
  if (die) dwarf_dealloc(r->dbg, die, DW_DLA_DIE);
}

int dbg_read_dwarf(struct DbgTable *t, const char *path, uint64_t bias,
                   char *err, size_t errsize) {
  struct Reader r = {t, NULL, bias, NULL, false, 0, 0};
  Dwarf_Error e = NULL;
  bool lines0 = t->lines;
  int rc;
  size_t rows0 = t->nrows;
  rc = dbg_dw_open(path, &r.dbg, &e);
  if (rc == DW_DLV_NO_ENTRY) return 0; /* no DWARF sections */
  if (rc != DW_DLV_OK) {
    seterr(err, errsize, "%s: libdwarf: %s", path,
           e ? dwarf_errmsg(e) : "cannot read DWARF");
    return -1;
  }
  t->lines = false;
  for (;;) {
    Dwarf_Unsigned next;
    Dwarf_Half type;
    Dwarf_Die cu = NULL;
    r.version = 0;
    rc = dwarf_next_cu_header_d(r.dbg, true, NULL, &r.version, NULL, NULL,
                                NULL, NULL, NULL, NULL, &next, &type, &e);
    if (rc != DW_DLV_OK) break;
    if (dwarf_siblingof_b(r.dbg, NULL, true, &cu, NULL) != DW_DLV_OK) continue;
    if (dwarf_lowpc(cu, &r.cubase, NULL) != DW_DLV_OK) r.cubase = 0;
    read_lines(&r, cu);
    walk(&r, cu, 0); /* deallocates cu */
    if (r.nomem) break;
  }
  if (rc == DW_DLV_ERROR && e) {
    /* A damaged CU ends the walk; what was read before it is kept. */
    dwarf_dealloc(r.dbg, e, DW_DLA_ERROR);
  }
  dbg_dw_close(r.dbg);
  if (r.nomem) {
    seterr(err, errsize, "out of memory");
    return -1;
  }
  rc = t->lines && t->nrows > rows0 ? 1 : 0;
  t->lines = lines0 || t->lines;
  return rc;
}
