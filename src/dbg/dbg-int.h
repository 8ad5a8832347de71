/* dbg-int.h: the table's insides, shared by dbg-sym.c (ELF symbols)
 * and dbg-line.c (DWARF). Not for the UI: it includes dbg.h. */
#ifndef BLINK_DBG_DBG_INT_H
#define BLINK_DBG_DBG_INT_H

#include "dbg/dbg.h"

struct DbgSymEnt {
  uint64_t addr, size;
  const char *name;
  unsigned char type, bind; /* STT_*, STB_* */
  size_t order;             /* insertion order: ties keep it */
};

struct DbgRowEnt {
  uint64_t addr;
  const char *file;
  unsigned line;
  bool stmt, end;
};

/* [lo, hi) answered by row */
struct DbgRange {
  uint64_t lo, hi;
  size_t row;
};

struct DbgFuncEnt {
  uint64_t lo, hi;
  uint64_t entry; /* where it is called: lo but for a split function */
  const char *name, *file;
  unsigned line;
  bool dwarf; /* from a DW_TAG_subprogram, not an ELF symbol's size */
};

struct DbgCfiEnt {
  uint64_t lo, hi;
  int64_t cfa_off, ra_off, rbp_off;
  signed char cfa_kind, cfa_reg, ra_kind, rbp_kind;
};

/* A file dbg_add read: for dbg_add_mapping's "already there" and
 * dbg_unmapped, and dbg_find_source's directories. */
struct DbgModEnt {
  const char *path;
  uint64_t bias;
  uint64_t lo, hi;   /* PT_LOAD extent + bias (0, 0: unknown) */
  uint64_t xlo, xhi; /* the executable mappings reported (0, 0: none) */
  uint64_t dev, ino;
};

struct DbgTable {
  struct DbgSymEnt *syms; /* every symbol read, insertion order */
  size_t nsyms, csyms;
  struct DbgSymEnt *byaddr; /* the best symbol of each address */
  size_t nbyaddr;
  size_t *byname; /* indexes into syms, by name */
  struct DbgRowEnt *rows;
  size_t nrows, crows;
  struct DbgRange *ranges; /* sorted by lo */
  size_t nranges;
  struct DbgFuncEnt *funcs; /* DWARF then ELF, sorted by lo at the end */
  size_t nfuncs, cfuncs;
  struct DbgCfiEnt *cfi; /* sorted by lo */
  size_t ncfi, ccfi;
  char **strs; /* every string the table owns */
  size_t nstrs, cstrs;
  bool lines; /* some line table was read */
  struct DbgModEnt *mods; /* dbg-module.c */
  size_t nmods, cmods;
  size_t nmapped; /* files dbg_add_mapping added, ever (a guest mapping
                     and unmapping in a loop must not cost without end) */
  const char **srcdirs; /* dbg_add_source_dir */
  size_t nsrcdirs, csrcdirs;
};

/* A copy of s owned by t (NULL when out of memory). */
const char *dbg_intern(struct DbgTable *t, const char *s);
bool dbg_grow(void **v, size_t *cap, size_t n, size_t size);
bool dbg_add_func(struct DbgTable *t, uint64_t lo, uint64_t hi,
                  uint64_t entry, const char *name, const char *file,
                  unsigned line, bool dwarf);

/* dbg-line.c: reads the DWARF of path into t. Returns 1 when path had
 * a line table, 0 when it had no DWARF, -1 on error (err set). */
int dbg_read_dwarf(struct DbgTable *t, const char *path, uint64_t bias,
                   char *err, size_t errsize);
/* dbg-line.c: rebuilds the range index after rows were added. */
bool dbg_index_lines(struct DbgTable *t);
/* dbg-cfi.c: reads path's .eh_frame (else .debug_frame) rows: 1 when
 * there were some, 0 when none, -1 out of memory; then sorts them. */
int dbg_read_cfi(struct DbgTable *t, const char *path, uint64_t bias);
bool dbg_index_cfi(struct DbgTable *t);

/* dbg-module.c: records that dbg_add read path at bias (false: out of
 * memory, which only costs the "already there" check). */
bool dbg_note_module(struct DbgTable *t, const char *path, uint64_t bias);

#endif
