/* dbg-sym.c: the table, and the ELF symbols in it (.symtab, .dynsym). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dbg/dbg-int.h"

static void seterr(char *err, size_t n, const char *fmt, ...) {
  va_list va;
  if (!err || !n) return;
  va_start(va, fmt);
  vsnprintf(err, n, fmt, va);
  va_end(va);
}

bool dbg_grow(void **v, size_t *cap, size_t n, size_t size) {
  size_t c;
  void *p;
  if (n <= *cap) return true;
  c = *cap ? *cap : 16;
  while (c < n) c *= 2;
  if (!(p = realloc(*v, c * size))) return false;
  *v = p;
  *cap = c;
  return true;
}

const char *dbg_intern(struct DbgTable *t, const char *s) {
  char *c;
  if (!dbg_grow((void **)&t->strs, &t->cstrs, t->nstrs + 1, sizeof(char *)))
    return NULL;
  if (!(c = strdup(s))) return NULL;
  t->strs[t->nstrs++] = c;
  return c;
}

struct DbgTable *dbg_new(void) {
  return calloc(1, sizeof(struct DbgTable));
}

void dbg_free(struct DbgTable *t) {
  if (!t) return;
  for (size_t i = 0; i < t->nstrs; i++) free(t->strs[i]);
  free(t->strs);
  free(t->syms);
  free(t->byaddr);
  free(t->byname);
  free(t->rows);
  free(t->ranges);
  free(t->funcs);
  free(t->cfi);
  free(t->mods);
  free(t->srcdirs);
  free(t);
}

bool dbg_add_func(struct DbgTable *t, uint64_t lo, uint64_t hi,
                  uint64_t entry, const char *name, const char *file,
                  unsigned line, bool dwarf) {
  struct DbgFuncEnt *f;
  if (!dbg_grow((void **)&t->funcs, &t->cfuncs, t->nfuncs + 1,
                sizeof(*t->funcs)))
    return false;
  f = &t->funcs[t->nfuncs++];
  f->lo = lo;
  f->hi = hi;
  f->entry = entry;
  f->name = name;
  f->file = file;
  f->line = line;
  f->dwarf = dwarf;
  return true;
}

/* ------------------------------------------------------------ ranking */

static int rank_bind(int b) {
  return b == STB_GLOBAL ? 0 : b == STB_WEAK ? 1 : 2;
}

static int rank_type(int ty) {
  return ty == STT_FUNC || ty == STT_OBJECT ? 0 : 1;
}

/* Whether a should name its address rather than b: the order objdump
 * picks among aliases (measured for tests/disasm-compare.c on glibc). */
static bool sym_better(const struct DbgSymEnt *a, const struct DbgSymEnt *b) {
  size_t la, lb;
  int c;
  if (rank_type(a->type) != rank_type(b->type))
    return rank_type(a->type) < rank_type(b->type);
  if (rank_bind(a->bind) != rank_bind(b->bind))
    return rank_bind(a->bind) < rank_bind(b->bind);
  if (a->size != b->size) return a->size > b->size;
  la = strcspn(a->name, "@");
  lb = strcspn(b->name, "@");
  c = strncmp(a->name, b->name, la < lb ? la : lb);
  if (c) return c < 0;
  if (la != lb) return la < lb;
  return a->order < b->order;
}

static int by_addr(const void *x, const void *y) {
  const struct DbgSymEnt *a = x, *b = y;
  if (a->addr != b->addr) return a->addr < b->addr ? -1 : 1;
  return a->order < b->order ? -1 : a->order > b->order;
}

/* qsort has no context argument: the name sort reads this. */
static const struct DbgSymEnt *g_sort_syms;

/* By name; of equal names the one lookup should return first. */
static int by_name(const void *x, const void *y) {
  const struct DbgSymEnt *a = &g_sort_syms[*(const size_t *)x];
  const struct DbgSymEnt *b = &g_sort_syms[*(const size_t *)y];
  int c = strcmp(a->name, b->name);
  if (c) return c;
  if (rank_type(a->type) != rank_type(b->type))
    return rank_type(a->type) - rank_type(b->type);
  if (rank_bind(a->bind) != rank_bind(b->bind))
    return rank_bind(a->bind) - rank_bind(b->bind);
  return a->order < b->order ? -1 : a->order > b->order;
}

static int func_cmp(const void *x, const void *y) {
  const struct DbgFuncEnt *a = x, *b = y;
  if (a->lo != b->lo) return a->lo < b->lo ? -1 : 1;
  return (int)b->dwarf - (int)a->dwarf; /* DWARF first */
}

/* Rebuilds the address and name indexes after symbols were added. */
static bool index_syms(struct DbgTable *t) {
  struct DbgSymEnt *v;
  size_t *names, w = 0;
  free(t->byaddr);
  free(t->byname);
  t->byaddr = NULL;
  t->byname = NULL;
  t->nbyaddr = 0;
  if (!t->nsyms) return true;
  v = malloc(t->nsyms * sizeof(*v));
  names = malloc(t->nsyms * sizeof(*names));
  if (!v || !names) {
    free(v);
    free(names);
    t->nsyms = 0; /* no index, no symbols: lookups stay safe */
    return false;
  }
  if (t->nsyms) memcpy(v, t->syms, t->nsyms * sizeof(*v));
  if (t->nsyms) qsort(v, t->nsyms, sizeof(*v), by_addr);
  for (size_t k = 0; k < t->nsyms;) {
    size_t best = k, j = k;
    for (; j < t->nsyms && v[j].addr == v[k].addr; j++)
      if (sym_better(&v[j], &v[best])) best = j;
    v[w++] = v[best];
    k = j;
  }
  t->byaddr = v;
  t->nbyaddr = w;
  for (size_t i = 0; i < t->nsyms; i++) names[i] = i;
  g_sort_syms = t->syms;
  if (t->nsyms) qsort(names, t->nsyms, sizeof(*names), by_name);
  t->byname = names;
  /* funcs is NULL for a file without functions: qsort's pointer must
   * not be, even for zero elements. */
  if (t->nfuncs) qsort(t->funcs, t->nfuncs, sizeof(*t->funcs), func_cmp);
  return true;
}

/* ------------------------------------------------------------ reading */

static bool add_sym(struct DbgTable *t, uint64_t addr, uint64_t size,
                    const char *name, int type, int bind) {
  struct DbgSymEnt *s;
  if (!(name = dbg_intern(t, name))) return false;
  if (!dbg_grow((void **)&t->syms, &t->csyms, t->nsyms + 1, sizeof(*t->syms)))
    return false;
  s = &t->syms[t->nsyms];
  s->addr = addr;
  s->size = size;
  s->name = name;
  s->type = (unsigned char)type;
  s->bind = (unsigned char)bind;
  s->order = t->nsyms++;
  if (type == STT_FUNC && size)
    return dbg_add_func(t, addr, addr + size, addr, name, NULL, 0, false);
  return true;
}

/* Adds the defined symbols of one symbol table section: those a person
 * would type or want to see, so not sections, files or empty names. */
static bool read_symtab(struct DbgTable *t, Elf *e, Elf_Scn *scn,
                        const GElf_Shdr *sh, uint64_t bias) {
  Elf_Data *d = elf_getdata(scn, NULL);
  size_t n;
  if (!d || !sh->sh_entsize) return true;
  n = sh->sh_size / sh->sh_entsize;
  for (size_t i = 1; i < n; i++) {
    GElf_Sym s;
    const char *name;
    int type, bind;
    if (!gelf_getsym(d, (int)i, &s)) break;
    type = GELF_ST_TYPE(s.st_info);
    bind = GELF_ST_BIND(s.st_info);
    if (s.st_shndx == SHN_UNDEF || s.st_shndx == SHN_ABS) continue;
    if (type == STT_SECTION || type == STT_FILE || type == STT_TLS) continue;
    name = elf_strptr(e, sh->sh_link, s.st_name);
    if (!name || !*name) continue;
    /* The assembler's local labels (.L...) and the "$x"-style mapping
     * symbols name nothing a person wrote. */
    if (name[0] == '.' && name[1] == 'L') continue;
    if (!add_sym(t, s.st_value + bias, s.st_size, name, type, bind))
      return false;
  }
  return true;
}

/* Reads .symtab, or .dynsym when there is no .symtab (a stripped
 * program's dynamic symbols are a subset of its .symtab's). */
static int read_elf(struct DbgTable *t, const char *path, uint64_t bias,
                    char *err, size_t errsize) {
  int fd, rc = -1;
  Elf *e;
  Elf_Scn *scn = NULL, *symtab = NULL, *dynsym = NULL;
  GElf_Shdr sh_sym, sh_dyn, sh;
  if (elf_version(EV_CURRENT) == EV_NONE) {
    seterr(err, errsize, "libelf: %s", elf_errmsg(-1));
    return -1;
  }
  if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
    seterr(err, errsize, "%s: %s", path, strerror(errno));
    return -1;
  }
  if (!(e = elf_begin(fd, ELF_C_READ, NULL)) || elf_kind(e) != ELF_K_ELF) {
    seterr(err, errsize, "%s: not an ELF file", path);
    goto out;
  }
  while ((scn = elf_nextscn(e, scn))) {
    if (!gelf_getshdr(scn, &sh)) continue;
    if (sh.sh_type == SHT_SYMTAB && !symtab) {
      symtab = scn;
      sh_sym = sh;
    } else if (sh.sh_type == SHT_DYNSYM && !dynsym) {
      dynsym = scn;
      sh_dyn = sh;
    }
  }
  rc = 0;
  if (symtab ? !read_symtab(t, e, symtab, &sh_sym, bias)
             : dynsym && !read_symtab(t, e, dynsym, &sh_dyn, bias)) {
    seterr(err, errsize, "out of memory");
    rc = -1;
  }
out:
  if (e) elf_end(e);
  close(fd);
  return rc;
}

int dbg_add(struct DbgTable *t, const char *path, uint64_t bias, char *err,
            size_t errsize) {
  char *dbgpath;
  struct stat st;
  bool companion;
  int rc = 0, d, c;
  char *e = err; /* where a problem goes: only the first is kept */
  size_t en = errsize;
  if (err && errsize) *err = 0;
  if (read_elf(t, path, bias, err, errsize) == -1) return -1;
  if (!(dbgpath = malloc(strlen(path) + 5))) {
    seterr(err, errsize, "out of memory");
    return -1;
  }
  strcpy(dbgpath, path);
  strcat(dbgpath, ".dbg");
  companion = stat(dbgpath, &st) == 0 && S_ISREG(st.st_mode);
  /* The companion's .symtab is the unstripped program's: its names are
   * read too, and a duplicate of a name the program has costs nothing
   * but memory (the indexes keep the best of each address). Its DWARF
   * replaces the program's, which objcopy --only-keep-debug moved. A
   * companion or DWARF that can't be read is a problem to report, not
   * a reason to lose what could be read. */
  if (companion && read_elf(t, dbgpath, bias, e, en) == -1) {
    companion = false;
    rc = 1, e = NULL, en = 0;
  }
  d = companion ? dbg_read_dwarf(t, dbgpath, bias, e, en) : 0;
  if (d == -1) rc = 1, e = NULL, en = 0;
  if (d != 1 && dbg_read_dwarf(t, path, bias, e, en) == -1)
    rc = 1, e = NULL, en = 0;
  /* Frames: .eh_frame stays in a stripped program (it's loaded), so
   * the program's own first, the companion's .debug_frame otherwise. */
  c = dbg_read_cfi(t, path, bias);
  if (c == 0 && companion) c = dbg_read_cfi(t, dbgpath, bias);
  free(dbgpath);
  if (c == -1 || !index_syms(t) || !dbg_index_lines(t) || !dbg_index_cfi(t)) {
    seterr(err, errsize, "out of memory");
    return -1;
  }
  dbg_note_module(t, path, bias);
  return rc;
}

struct DbgTable *dbg_load(const char *path, char *err, size_t errsize) {
  struct DbgTable *t = dbg_new();
  if (!t) {
    seterr(err, errsize, "out of memory");
    return NULL;
  }
  if (dbg_add(t, path, 0, err, errsize) == -1) {
    dbg_free(t);
    return NULL;
  }
  return t; /* err says what was wrong when dbg_add returned 1 */
}

/* ------------------------------------------------------------ lookups */

const char *dbg_symbol_at(void *table, uint64_t addr, uint64_t *off) {
  const struct DbgTable *t = table;
  size_t lo = 0, hi;
  if (!t || !t->nbyaddr) return NULL;
  hi = t->nbyaddr;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (t->byaddr[mid].addr <= addr)
      lo = mid + 1;
    else
      hi = mid;
  }
  if (!lo) return NULL;
  *off = addr - t->byaddr[lo - 1].addr;
  return t->byaddr[lo - 1].name;
}

const char *dbg_symbol_in(const struct DbgTable *t, uint64_t addr,
                          uint64_t *off) {
  uint64_t o;
  const char *n = dbg_symbol_at((void *)t, addr, &o);
  size_t lo = 0, hi;
  const struct DbgSymEnt *s;
  if (!n) return NULL;
  /* dbg_symbol_at found it in byaddr: find it again for its size. */
  hi = t->nbyaddr;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (t->byaddr[mid].addr <= addr)
      lo = mid + 1;
    else
      hi = mid;
  }
  s = &t->byaddr[lo - 1];
  if (s->size ? o >= s->size : o != 0) return NULL;
  *off = o;
  return n;
}

/* First index in byname whose name is >= name (compared up to an '@'
 * when versioned is false). */
static size_t name_floor(const struct DbgTable *t, const char *name) {
  size_t lo = 0, hi = t->nsyms;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (strcmp(t->syms[t->byname[mid]].name, name) < 0)
      lo = mid + 1;
    else
      hi = mid;
  }
  return lo;
}

/* The symbol dbg_lookup means by name, or NULL. */
static const struct DbgSymEnt *find_name(const struct DbgTable *t,
                                         const char *name) {
  size_t i, n;
  if (!t || !t->nsyms) return NULL;
  n = strlen(name);
  i = name_floor(t, name);
  if (i < t->nsyms && !strcmp(t->syms[t->byname[i]].name, name))
    return &t->syms[t->byname[i]];
  /* "name@VER" and "name@@VER" sort after "name" (and "name0"...). */
  for (; i < t->nsyms; i++) {
    const char *s = t->syms[t->byname[i]].name;
    if (strncmp(s, name, n)) break;
    if (s[n] == '@') return &t->syms[t->byname[i]];
  }
  return NULL;
}

bool dbg_lookup(const struct DbgTable *t, const char *name, uint64_t *addr) {
  const struct DbgSymEnt *s = find_name(t, name);
  if (!s) return false;
  *addr = s->addr;
  return true;
}

bool dbg_lookup_sym(const struct DbgTable *t, const char *name,
                    struct DbgSym *out) {
  const struct DbgSymEnt *s = find_name(t, name);
  if (!s) return false;
  out->name = s->name;
  out->addr = s->addr;
  out->size = s->size;
  out->func = s->type == STT_FUNC || s->type == STT_GNU_IFUNC;
  out->global = s->bind == STB_GLOBAL || s->bind == STB_WEAK;
  return true;
}

size_t dbg_symbol_count(const struct DbgTable *t) {
  return t ? t->nsyms : 0;
}

const char *dbg_symbol_name(const struct DbgTable *t, size_t i) {
  return t && i < t->nsyms ? t->syms[t->byname[i]].name : NULL;
}

size_t dbg_symbol_prefix(const struct DbgTable *t, const char *prefix,
                         size_t *first) {
  size_t i, j, n = strlen(prefix);
  if (!t || !t->nsyms) return 0;
  i = name_floor(t, prefix);
  for (j = i; j < t->nsyms; j++)
    if (strncmp(t->syms[t->byname[j]].name, prefix, n)) break;
  *first = i;
  return j - i;
}

void dbg_remove(struct DbgTable *t, uint64_t lo, uint64_t hi) {
  size_t w = 0;
  if (!t || lo >= hi) return;
#define KEEP(a) ((a) < lo || (a) >= hi)
  for (size_t i = 0; i < t->nsyms; i++)
    if (KEEP(t->syms[i].addr)) {
      t->syms[w] = t->syms[i];
      t->syms[w].order = w;
      w++;
    }
  t->nsyms = w;
  w = 0;
  for (size_t i = 0; i < t->nfuncs; i++)
    if (KEEP(t->funcs[i].lo)) t->funcs[w++] = t->funcs[i];
  t->nfuncs = w;
  w = 0;
  /* Rows go by sequence: a sequence starting in the range goes whole,
   * so no sequence loses its end row. */
  for (size_t i = 0; i < t->nrows;) {
    size_t j = i;
    while (j < t->nrows && !t->rows[j].end) j++;
    if (j < t->nrows) j++; /* include the end row */
    if (KEEP(t->rows[i].addr))
      for (size_t k = i; k < j; k++) t->rows[w++] = t->rows[k];
    i = j;
  }
  t->nrows = w;
  w = 0;
  for (size_t i = 0; i < t->ncfi; i++)
    if (KEEP(t->cfi[i].lo)) t->cfi[w++] = t->cfi[i];
  t->ncfi = w;
#undef KEEP
  /* Failing to rebuild an index only when out of memory: the table is
   * then empty of that kind, which is safe. */
  index_syms(t);
  dbg_index_lines(t);
  t->lines = t->nrows > 0;
}

bool dbg_func_at(const struct DbgTable *t, uint64_t addr,
                 struct DbgFunc *out) {
  size_t lo = 0, hi;
  const struct DbgFuncEnt *best = NULL;
  if (!t || !t->nfuncs) return false;
  hi = t->nfuncs;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (t->funcs[mid].lo <= addr)
      lo = mid + 1;
    else
      hi = mid;
  }
  /* Functions don't nest, but an ELF size and a DWARF range may both
   * cover addr; a few entries back is enough to see them both. */
  for (size_t k = lo, seen = 0; k-- > 0 && seen < 8; seen++) {
    const struct DbgFuncEnt *f = &t->funcs[k];
    if (addr >= f->lo && addr < f->hi) {
      if (f->dwarf) {
        best = f;
        break;
      }
      if (!best) best = f;
    }
  }
  if (!best) return false;
  out->name = best->name;
  out->lo = best->lo;
  out->hi = best->hi;
  out->entry = best->entry;
  out->file = best->file;
  out->line = best->line;
  out->dwarf = best->dwarf;
  if (!out->file) {
    struct DbgLine l;
    if (dbg_line_at(t, best->entry, &l)) {
      out->file = l.file;
      out->line = l.line;
    }
  }
  return true;
}
