/* dbg-module.c: the files a table was read from, files the program maps
 * later (their load bias from the program headers), and where to find
 * their sources. */
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

/* The PT_LOAD segments of path, up to max of them: how many (-1 when
 * path is not a readable ELF file, err set). */
static int load_segments(const char *path, GElf_Phdr *ph, int max, char *err,
                         size_t errsize) {
  int fd, n = 0;
  size_t phnum;
  Elf *e;
  if (elf_version(EV_CURRENT) == EV_NONE) {
    seterr(err, errsize, "libelf: %s", elf_errmsg(-1));
    return -1;
  }
  if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
    seterr(err, errsize, "%s: %s", path, strerror(errno));
    return -1;
  }
  e = elf_begin(fd, ELF_C_READ, NULL);
  if (!e || elf_kind(e) != ELF_K_ELF || elf_getphdrnum(e, &phnum)) {
    seterr(err, errsize, "%s: not an ELF file", path);
    n = -1;
  } else {
    for (size_t i = 0; i < phnum && n < max; i++) {
      GElf_Phdr p;
      if (gelf_getphdr(e, (int)i, &p) && p.p_type == PT_LOAD && p.p_memsz)
        ph[n++] = p;
    }
  }
  if (e) elf_end(e);
  close(fd);
  return n;
}

enum { MAX_SEGS = 64, PAGE = 4096 };
/* Limits on what a guest's mappings may add: files in the table at once,
 * and files read in all (each read parses the file's DWARF). */
enum { MAX_MODULES = 256, MAX_MAPPED = 4096 };

bool dbg_note_module(struct DbgTable *t, const char *path, uint64_t bias) {
  struct stat st;
  struct DbgModEnt *m;
  GElf_Phdr ph[MAX_SEGS];
  int n;
  if (!dbg_grow((void **)&t->mods, &t->cmods, t->nmods + 1, sizeof(*t->mods)))
    return false;
  m = &t->mods[t->nmods];
  memset(m, 0, sizeof(*m));
  if (!(m->path = dbg_intern(t, path))) return false;
  m->bias = bias;
  if (stat(path, &st) == 0) {
    m->dev = st.st_dev;
    m->ino = st.st_ino;
  }
  n = load_segments(path, ph, MAX_SEGS, NULL, 0);
  for (int i = 0; i < n; i++) {
    uint64_t lo = (ph[i].p_vaddr & ~(uint64_t)(PAGE - 1)) + bias;
    uint64_t hi = ph[i].p_vaddr + ph[i].p_memsz + bias;
    if (!m->lo && !m->hi) m->lo = lo, m->hi = hi;
    if (lo < m->lo) m->lo = lo;
    if (hi > m->hi) m->hi = hi;
  }
  t->nmods++;
  return true;
}

size_t dbg_module_count(const struct DbgTable *t) { return t ? t->nmods : 0; }

bool dbg_module(const struct DbgTable *t, size_t i, struct DbgModule *out) {
  if (!t || i >= t->nmods) return false;
  out->path = t->mods[i].path;
  out->bias = t->mods[i].bias;
  out->lo = t->mods[i].lo;
  out->hi = t->mods[i].hi;
  return true;
}

int dbg_add_mapping(struct DbgTable *t, const char *path, uint64_t va,
                    uint64_t len, uint64_t offset, char *err,
                    size_t errsize) {
  GElf_Phdr ph[MAX_SEGS];
  struct stat st;
  uint64_t bias = 0;
  int n, i, rc;
  if (err && errsize) *err = 0;
  if (!t || !path) {
    seterr(err, errsize, "no table or no path");
    return -1;
  }
  if ((n = load_segments(path, ph, MAX_SEGS, err, errsize)) == -1) return -1;
  /* The segment whose file bytes (from its page start, as mmap sees
   * them) include offset. */
  for (i = 0; i < n; i++) {
    uint64_t pgoff = ph[i].p_offset & ~(uint64_t)(PAGE - 1);
    if (offset >= pgoff && offset < ph[i].p_offset + ph[i].p_filesz) break;
  }
  if (i == n) {
    seterr(err, errsize, "%s: no loadable segment at file offset %#llx", path,
           (unsigned long long)offset);
    return -1;
  }
  bias = va - (ph[i].p_vaddr + (offset - ph[i].p_offset));
  if (stat(path, &st) == 0)
    for (size_t k = 0; k < t->nmods; k++) {
      struct DbgModEnt *m = &t->mods[k];
      if (m->dev != (uint64_t)st.st_dev || m->ino != (uint64_t)st.st_ino ||
          m->bias != bias)
        continue;
      if (!m->xlo && !m->xhi) m->xlo = va, m->xhi = va + len;
      if (va < m->xlo) m->xlo = va;
      if (va + len > m->xhi) m->xhi = va + len;
      return 2;
    }
  if (t->nmods >= MAX_MODULES || t->nmapped >= MAX_MAPPED) {
    seterr(err, errsize, "%s: not read: the program mapped too many files",
           path);
    return -1;
  }
  t->nmapped++;
  rc = dbg_add(t, path, bias, err, errsize);
  if (rc != -1 && t->nmods && t->mods[t->nmods - 1].bias == bias) {
    t->mods[t->nmods - 1].xlo = va;
    t->mods[t->nmods - 1].xhi = va + len;
  }
  return rc;
}

size_t dbg_unmapped(struct DbgTable *t, uint64_t va, uint64_t len) {
  size_t gone = 0, w = 0;
  if (!t || !len) return 0;
  for (size_t k = 0; k < t->nmods; k++) {
    struct DbgModEnt m = t->mods[k];
    if (m.xhi > m.xlo && m.xlo >= va && m.xhi <= va + len && m.hi > m.lo) {
      dbg_remove(t, m.lo, m.hi);
      gone++;
      continue;
    }
    t->mods[w++] = m;
  }
  t->nmods = w;
  return gone;
}

bool dbg_add_source_dir(struct DbgTable *t, const char *dir) {
  const char *d;
  if (!t || !dir || !*dir) return false;
  if (!dbg_grow((void **)&t->srcdirs, &t->csrcdirs, t->nsrcdirs + 1,
                sizeof(*t->srcdirs)) ||
      !(d = dbg_intern(t, dir)))
    return false;
  t->srcdirs[t->nsrcdirs++] = d;
  return true;
}

/* dir + "/" + base into out, if it fits and is a readable regular file. */
static bool try_in(const char *dir, size_t dirlen, const char *base,
                   char *out, size_t outsize) {
  struct stat st;
  int n = snprintf(out, outsize, "%.*s/%s", (int)dirlen, dir, base);
  return n > 0 && (size_t)n < outsize && stat(out, &st) == 0 &&
         S_ISREG(st.st_mode) && access(out, R_OK) == 0;
}

bool dbg_find_source(const struct DbgTable *t, const char *file, char *out,
                     size_t outsize) {
  struct stat st;
  const char *base, *slash;
  if (!file || !out || !outsize) return false;
  if (stat(file, &st) == 0 && S_ISREG(st.st_mode) && access(file, R_OK) == 0) {
    snprintf(out, outsize, "%s", file);
    return strlen(file) < outsize;
  }
  base = strrchr(file, '/');
  base = base ? base + 1 : file;
  if (t && *base) {
    for (size_t i = 0; i < t->nsrcdirs; i++)
      if (try_in(t->srcdirs[i], strlen(t->srcdirs[i]), base, out, outsize))
        return true;
    for (size_t i = 0; i < t->nmods; i++) {
      const char *p = t->mods[i].path;
      slash = strrchr(p, '/');
      if (slash ? try_in(p, (size_t)(slash - p), base, out, outsize)
                : try_in(".", 1, base, out, outsize))
        return true;
    }
  }
  snprintf(out, outsize, "%s", file);
  return false;
}
