/* disasm-compare: our disassembler against GNU objdump, line by line.
 *
 *   disasm-compare [-M intel] [-n MAX_DIFFS] [--min PCT] FILE
 *   disasm-compare [options] --raw FILE.bin [ADDR]
 *   disasm-compare [options] --random N SEED [--keep FILE.bin]
 *   disasm-compare [options] --hex "BYTES"   (just print ours)
 * Options: -M intel|att, -n MAX_DIFFS, --min PCT, -m 64|32|16 (the code
 * size for --raw, --random and --hex).
 *
 * FILE: every executable section of an x86-64 ELF file, disassembled
 * symbol by symbol (as objdump -d does, so that an instruction never runs
 * across a symbol), with the symbol names objdump would print for branch
 * targets and RIP-relative comments. --raw: a flat file of code loaded at
 * ADDR (objdump -D -b binary). --random: N random encodings the VM's
 * decoder accepts (prefixes, all maps, ModRM/SIB/disp/imm forms), laid
 * end to end and compared as --raw.
 *
 * Both outputs are aligned by address; the instruction text is compared
 * after collapsing whitespace. Prints the first differences (address,
 * bytes, ours, objdump's) and a last line "N/M identical (P%)"; exits 0
 * when at least PCT percent (default 99.9) are identical, 1 when fewer,
 * 77 when objdump is missing, 2 on usage or input errors. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "decode.h"
#include "disasm.h"
#include "insn.h"
#include "machine.h"
#include "ops.h"

struct Line {
  uint64_t addr;
  int len;
  char *text;
};

struct Lines {
  struct Line *v;
  size_t n, cap;
};

static void lines_add(struct Lines *l, uint64_t addr, int len,
                      const char *text) {
  if (l->n == l->cap) {
    l->cap = l->cap ? l->cap * 2 : 4096;
    l->v = realloc(l->v, l->cap * sizeof(*l->v));
    if (!l->v) abort();
  }
  l->v[l->n].addr = addr;
  l->v[l->n].len = len;
  l->v[l->n].text = strdup(text);
  l->n++;
}

/* Collapse runs of blanks to one space and trim. */
static void normalize(char *s) {
  char *w = s;
  bool sp = false;
  for (char *r = s; *r; r++) {
    if (*r == ' ' || *r == '\t' || *r == '\n' || *r == '\r') {
      sp = w != s;
    } else {
      if (sp) *w++ = ' ';
      sp = false;
      *w++ = *r;
    }
  }
  *w = 0;
}

/* ------------------------------------------------------------- symbols */

struct Sym {
  uint64_t addr;
  const char *name;
  int bind;  /* STB_* */
  int type;  /* STT_* */
  uint64_t size;
  size_t order;
  bool real; /* from a symbol table, not made up (name@plt) */
  unsigned shndx; /* its section, 0 for none */
};

static struct Sym *g_syms;
static size_t g_nsyms;

struct Slot {
  uint64_t addr;   /* the GOT slot the relocation patches */
  const char *name, *vname; /* without and with the version */
  uint64_t value;  /* the symbol's value (the slot when undefined) */
};
static struct Slot *g_slots;
static size_t g_nslots;

static int sym_cmp(const void *a, const void *b) {
  const struct Sym *x = a, *y = b;
  if (x->addr != y->addr) return x->addr < y->addr ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

static int sym_rank(const struct Sym *s) {
  if (s->bind == STB_GLOBAL) return 0;
  if (s->bind == STB_WEAK) return 1;
  return 2;
}

/* Whether a names the address rather than b, as measured on glibc's
 * many aliases: functions and objects before other types (IFUNC,
 * NOTYPE), globals before weak before locals, the larger size, then the
 * name that sorts first (without the version; of two versions of one
 * name, the non-default "name@VER"). */
static bool sym_better(const struct Sym *a, const struct Sym *b) {
  int ta = a->type == STT_FUNC || a->type == STT_OBJECT ? 0 : 1;
  int tb = b->type == STT_FUNC || b->type == STT_OBJECT ? 0 : 1;
  int ra = sym_rank(a), rb = sym_rank(b);
  size_t la, lb;
  int c;
  if ((a->type == STT_SECTION) != (b->type == STT_SECTION))
    return b->type == STT_SECTION;
  if (ta != tb) return ta < tb;
  if (ra != rb) return ra < rb;
  if (a->size != b->size) return a->size > b->size;
  la = strcspn(a->name, "@");
  lb = strcspn(b->name, "@");
  c = strncmp(a->name, b->name, la < lb ? la : lb);
  if (c) return c < 0;
  if (la != lb) return la < lb;
  return a->order < b->order; /* versions of one name: the first listed */
}

/* Sorts by address and keeps the best symbol of each address. */
static size_t syms_dedupe(struct Sym *v, size_t n) {
  size_t w = 0;
  if (!n) return 0;
  qsort(v, n, sizeof(*v), sym_cmp);
  for (size_t k = 0; k < n;) {
    size_t best = k, j = k;
    for (; j < n && v[j].addr == v[k].addr; j++)
      if (sym_better(&v[j], &v[best])) best = j;
    v[w++] = v[best];
    k = j;
  }
  return w;
}

static void syms_finish(void) {
  g_nsyms = syms_dedupe(g_syms, g_nsyms);
}

/* Last symbol at or below addr in v[0..n), or -1. */
static long sym_floor(const struct Sym *v, size_t n, uint64_t addr) {
  size_t lo = 0, hi = n;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (v[mid].addr <= addr) lo = mid + 1;
    else hi = mid;
  }
  return (long)lo - 1;
}

static unsigned g_cur_shndx; /* the section being disassembled */

/* objdump's name for addr: a relocated GOT slot by its symbol (with a
 * negative offset when the symbol is defined elsewhere); else the nearest
 * symbol at or below it, whatever its section; before all symbols, the
 * first one (<_init-0x401000>). */
static const char *sym_lookup(void *ctx, uint64_t addr, uint64_t *off) {
  const struct Sym *y;
  long k;
  (void)ctx;
  k = g_nsyms ? sym_floor(g_syms, g_nsyms, addr) : -1;
  /* GOT slots are named by their relocation, as objdump does, in code
   * unless the nearest real symbol below the slot is in the section of
   * the code being disassembled (or there is none): measured on ls,
   * bash, perl, pidof, objdump, libXdmcp and libc.so. */
  bool slots;
  {
    long j = k;
    while (j >= 0 && !g_syms[j].real) j--;
    slots = j >= 0 && g_syms[j].shndx != g_cur_shndx;
  }
  if (slots) {
    for (size_t j = 0; j < g_nslots; j++) {
      if (g_slots[j].addr == addr && g_slots[j].vname) {
        *off = addr - g_slots[j].value;
        return g_slots[j].vname;
      }
    }
  }
  if (!g_nsyms) return NULL;
  y = &g_syms[k < 0 ? 0 : (size_t)k];
  *off = addr - y->addr;
  return y->name;
}

static void sym_add(uint64_t addr, const char *name, int bind, int type,
                    uint64_t size, bool real, unsigned shndx) {
  g_syms = realloc(g_syms, (g_nsyms + 1) * sizeof(*g_syms));
  if (!g_syms) abort();
  g_syms[g_nsyms].addr = addr;
  g_syms[g_nsyms].name = strdup(name);
  g_syms[g_nsyms].bind = bind;
  g_syms[g_nsyms].type = type;
  g_syms[g_nsyms].size = size;
  g_syms[g_nsyms].order = g_nsyms;
  g_syms[g_nsyms].real = real;
  g_syms[g_nsyms].shndx = shndx >= SHN_LORESERVE ? 0 : shndx;
  g_nsyms++;
}

/* ---- dynamic symbols, as objdump names them without a .symtab ----
 * Defined .dynsym entries get their version: name@@VER for a version
 * the file defines (name@@Base for the global index), name@VER for one
 * it needs or a hidden one. A dynamic relocation against a symbol names
 * the slot it patches (the GOT entry: <getenv@GLIBC_2.2.5>), and each
 * PLT entry that jumps through such a slot is name@plt. */
#define MAXVER 4096
static const char *g_vername[MAXVER];
static bool g_verdef[MAXVER];

static void load_versions(Elf *e) {
  Elf_Scn *scn = NULL;
  while ((scn = elf_nextscn(e, scn))) {
    GElf_Shdr sh;
    Elf_Data *data;
    if (!gelf_getshdr(scn, &sh)) continue;
    data = elf_getdata(scn, NULL);
    if (!data) continue;
    if (sh.sh_type == SHT_GNU_verdef) {
      int off = 0;
      for (unsigned k = 0; k < sh.sh_info; k++) {
        GElf_Verdef vd;
        GElf_Verdaux va;
        if (!gelf_getverdef(data, off, &vd)) break;
        if (gelf_getverdaux(data, off + (int)vd.vd_aux, &va) &&
            vd.vd_ndx < MAXVER) {
          g_vername[vd.vd_ndx] = (vd.vd_flags & VER_FLG_BASE)
                                     ? "Base"
                                     : elf_strptr(e, sh.sh_link, va.vda_name);
          g_verdef[vd.vd_ndx] = true;
        }
        if (!vd.vd_next) break;
        off += (int)vd.vd_next;
      }
    } else if (sh.sh_type == SHT_GNU_verneed) {
      int off = 0;
      for (unsigned k = 0; k < sh.sh_info; k++) {
        GElf_Verneed vn;
        if (!gelf_getverneed(data, off, &vn)) break;
        int aoff = off + (int)vn.vn_aux;
        for (unsigned j = 0; j < vn.vn_cnt; j++) {
          GElf_Vernaux va;
          if (!gelf_getvernaux(data, aoff, &va)) break;
          if ((va.vna_other & 0x7fff) < MAXVER)
            g_vername[va.vna_other & 0x7fff] =
                elf_strptr(e, sh.sh_link, va.vna_name);
          if (!va.vna_next) break;
          aoff += (int)va.vna_next;
        }
        if (!vn.vn_next) break;
        off += (int)vn.vn_next;
      }
    }
  }
}

/* name with objdump's version suffix into t. */
static void dyn_name(char *t, size_t n, const char *name, unsigned versym,
                     bool defined) {
  unsigned v = versym & 0x7fff;
  bool hidden = versym & 0x8000;
  const char *vn = v == 1 ? "Base" : v < MAXVER ? g_vername[v] : NULL;
  if (!v || !vn) {
    snprintf(t, n, "%s", name);
    return;
  }
  bool dd = defined && !hidden && (v == 1 || g_verdef[v]);
  snprintf(t, n, "%s%s%s", name, dd ? "@@" : "@", vn);
}


static void load_dynamic(Elf *e, bool defs) {
  Elf_Scn *scn = NULL, *dynsym = NULL;
  Elf_Data *syms = NULL, *vers = NULL;
  GElf_Shdr dsh = {0};
  size_t shstrndx;
  char t[512];
  load_versions(e);
  while ((scn = elf_nextscn(e, scn))) {
    GElf_Shdr sh;
    if (!gelf_getshdr(scn, &sh)) continue;
    if (sh.sh_type == SHT_DYNSYM) {
      dynsym = scn;
      dsh = sh;
      syms = elf_getdata(scn, NULL);
    } else if (sh.sh_type == SHT_GNU_versym) {
      vers = elf_getdata(scn, NULL);
    }
  }
  if (!dynsym || !syms) return;
  size_t n = dsh.sh_entsize ? dsh.sh_size / dsh.sh_entsize : 0;
  /* A static PIE's .dynsym is empty: objdump then makes no name@plt. */
  if (n <= 1) return;
  for (size_t k = 1; k < n; k++) {
    GElf_Sym s;
    GElf_Versym vs = 0;
    const char *name;
    int type;
    if (!gelf_getsym(syms, (int)k, &s)) continue;
    type = GELF_ST_TYPE(s.st_info);
    if (!defs || type == STT_SECTION || type == STT_FILE ||
        s.st_shndx == SHN_UNDEF)
      continue;
    name = elf_strptr(e, dsh.sh_link, s.st_name);
    if (!name || !*name) continue;
    if (vers) gelf_getversym(vers, (int)k, &vs);
    dyn_name(t, sizeof(t), name, vs, true);
    sym_add(s.st_value, t, GELF_ST_BIND(s.st_info), type, s.st_size, true,
            s.st_shndx);
  }
  /* Relocations against symbols name their slots. */
  scn = NULL;
  while ((scn = elf_nextscn(e, scn))) {
    GElf_Shdr sh;
    Elf_Data *data;
    if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_RELA ||
        sh.sh_link != elf_ndxscn(dynsym))
      continue;
    data = elf_getdata(scn, NULL);
    size_t m = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
    for (size_t k = 0; data && k < m; k++) {
      GElf_Rela r;
      GElf_Sym s;
      GElf_Versym vs = 0;
      unsigned si, ty;
      const char *name;
      if (!gelf_getrela(data, (int)k, &r)) continue;
      si = (unsigned)GELF_R_SYM(r.r_info);
      ty = (unsigned)GELF_R_TYPE(r.r_info);
      if (ty == R_X86_64_IRELATIVE) {
        /* No symbol: only its PLT entry gets a name, *ABS*+0x...@plt. */
        snprintf(t, sizeof(t), "*ABS*+0x%llx", (unsigned long long)r.r_addend);
        g_slots = realloc(g_slots, (g_nslots + 1) * sizeof(*g_slots));
        if (!g_slots) abort();
        g_slots[g_nslots].addr = r.r_offset;
        g_slots[g_nslots].name = strdup(t);
        g_slots[g_nslots].vname = NULL;
        g_slots[g_nslots].value = r.r_offset;
        g_nslots++;
        continue;
      }
      if (!si || !gelf_getsym(syms, (int)si, &s)) continue;
      if (ty != R_X86_64_GLOB_DAT && ty != R_X86_64_JUMP_SLOT &&
          ty != R_X86_64_64 && ty != R_X86_64_COPY && ty != R_X86_64_TPOFF64 &&
          ty != R_X86_64_DTPMOD64 && ty != R_X86_64_DTPOFF64)
        continue;
      name = elf_strptr(e, dsh.sh_link, s.st_name);
      if (!name || !*name) continue;
      if (vers) gelf_getversym(vers, (int)si, &vs);
      dyn_name(t, sizeof(t), name, vs, s.st_shndx != SHN_UNDEF);
      g_slots = realloc(g_slots, (g_nslots + 1) * sizeof(*g_slots));
      if (!g_slots) abort();
      g_slots[g_nslots].addr = r.r_offset;
      g_slots[g_nslots].name = strdup(name);
      g_slots[g_nslots].vname = strdup(t);
      g_slots[g_nslots].value =
          s.st_shndx != SHN_UNDEF ? s.st_value : r.r_offset;
      g_nslots++;
    }
  }
  /* PLT entries: jmp *slot(%rip) (maybe after endbr64, with bnd). */
  if (elf_getshdrstrndx(e, &shstrndx)) return;
  scn = NULL;
  while ((scn = elf_nextscn(e, scn))) {
    GElf_Shdr sh;
    Elf_Data *data;
    const char *sn;
    if (!gelf_getshdr(scn, &sh)) continue;
    sn = elf_strptr(e, shstrndx, sh.sh_name);
    if (!sn || strncmp(sn, ".plt", 4)) continue;
    data = elf_getdata(scn, NULL);
    if (!data || !data->d_buf) continue;
    const uint8_t *b = data->d_buf;
    uint64_t es = sh.sh_entsize ? sh.sh_entsize : 16;
    for (size_t j = 0; j + 6 <= data->d_size; j++) {
      if (b[j] != 0xff || b[j + 1] != 0x25) continue;
      int32_t disp = (int32_t)(b[j + 2] | b[j + 3] << 8 | b[j + 4] << 16 |
                               (uint32_t)b[j + 5] << 24);
      uint64_t slot = sh.sh_addr + j + 6 + (uint64_t)(int64_t)disp;
      for (size_t k = 0; k < g_nslots; k++) {
        if (g_slots[k].addr != slot) continue;
        uint64_t entry = sh.sh_addr + (j / es) * es;
        snprintf(t, sizeof(t), "%s@plt", g_slots[k].name);
        sym_add(entry, t, STB_GLOBAL, STT_FUNC, 0, false,
                (unsigned)elf_ndxscn(scn));
        break;
      }
    }
  }
}

static void load_syms(Elf *e, Elf_Scn *scn, GElf_Shdr *sh) {
  Elf_Data *data = elf_getdata(scn, NULL);
  size_t n = sh->sh_entsize ? sh->sh_size / sh->sh_entsize : 0;
  for (size_t k = 1; data && k < n; k++) {
    GElf_Sym s;
    const char *name;
    int type;
    if (!gelf_getsym(data, (int)k, &s)) continue;
    type = GELF_ST_TYPE(s.st_info);
    if (type == STT_FILE) continue;
    if (s.st_shndx == SHN_UNDEF) continue;
    if (type == STT_SECTION) {
      /* objdump names a section's start after it (<.plt>) when nothing
       * else is there. */
      size_t shstrndx;
      Elf_Scn *x = elf_getscn(e, s.st_shndx);
      GElf_Shdr xs;
      if (s.st_shndx >= SHN_LORESERVE || !x || !gelf_getshdr(x, &xs) ||
          elf_getshdrstrndx(e, &shstrndx))
        continue;
      name = elf_strptr(e, shstrndx, xs.sh_name);
      if (!name || !*name || !(xs.sh_flags & SHF_ALLOC)) continue;
      sym_add(s.st_value, name, STB_LOCAL, STT_SECTION, 0, false,
              s.st_shndx);
      continue;
    }
    name = elf_strptr(e, sh->sh_link, s.st_name);
    if (!name || !*name) continue;
    sym_add(s.st_value, name, GELF_ST_BIND(s.st_info), type, s.st_size,
            true, s.st_shndx);
  }
}

/* ------------------------------------------------------------ our side */

static int g_syntax = DIS_ATT;
static int g_mode = MODE_LONG; /* --raw/--random: -m 32 or -m 16 */

static void dis_range(struct Lines *out, const uint8_t *p, size_t n,
                      uint64_t addr, bool syms) {
  struct DisOptions o = {g_syntax, g_mode, syms ? sym_lookup : NULL, NULL};
  char buf[2048];
  size_t k = 0;
  while (k < n) {
    int len = dis_insn(buf, sizeof(buf), p + k, n - k, addr + k, &o);
    if (len <= 0) len = 1;
    normalize(buf);
    lines_add(out, addr + k, len, buf);
    k += (size_t)len;
  }
}

/* Symbol starts inside [lo, hi), sorted, for objdump's restarts. */
static void dis_section(struct Lines *out, const uint8_t *p, size_t n,
                        uint64_t addr, unsigned shndx) {
  uint64_t end = addr + n, at = addr;
  size_t k = 0;
  g_cur_shndx = shndx;
  while (k < g_nsyms && g_syms[k].addr <= addr) k++;
  while (at < end) {
    uint64_t stop = end;
    while (k < g_nsyms && g_syms[k].addr <= at) k++;
    if (k < g_nsyms && g_syms[k].addr < end) stop = g_syms[k].addr;
    dis_range(out, p + (at - addr), stop - at, at, true);
    at = stop;
  }
}

/* --------------------------------------------------------- objdump side */

static bool read_objdump(struct Lines *out, const char *cmd) {
  FILE *f = popen(cmd, "r");
  char *line = NULL;
  size_t cap = 0;
  ssize_t got;
  if (!f) return false;
  while ((got = getline(&line, &cap, f)) > 0) {
    char *s = line, *tab1, *tab2;
    uint64_t addr;
    while (*s == ' ') s++;
    if (!isxdigit((unsigned char)*s)) continue;
    addr = strtoull(s, &s, 16);
    if (*s != ':' || s[1] != '\t') continue;
    tab1 = s + 2;
    tab2 = strchr(tab1, '\t');
    if (!tab2) continue;  /* a bytes-only continuation line */
    int nb = 0;
    for (char *q = tab1; q < tab2; q++)
      if (isxdigit((unsigned char)q[0]) && isxdigit((unsigned char)q[1]) &&
          (q[2] == ' ' || q + 2 == tab2)) {
        nb++;
        q += 2;
      }
    normalize(tab2 + 1);
    lines_add(out, addr, nb, tab2 + 1);
  }
  free(line);
  return pclose(f) == 0;
}

static bool have_objdump(void) {
  return system("objdump --version >/dev/null 2>&1") == 0;
}

/* ------------------------------------------------------------- compare */

struct Bytes {
  uint64_t addr;
  const uint8_t *p;
  size_t n;
};
static struct Bytes g_bytes[256];
static size_t g_nbytes;

static void print_bytes(uint64_t addr, int len) {
  for (size_t k = 0; k < g_nbytes; k++) {
    if (addr >= g_bytes[k].addr && addr < g_bytes[k].addr + g_bytes[k].n) {
      for (int j = 0; j < len && addr + j < g_bytes[k].addr + g_bytes[k].n;
           j++)
        printf("%02x ", g_bytes[k].p[addr - g_bytes[k].addr + j]);
      return;
    }
  }
}

static int compare(struct Lines *ours, struct Lines *theirs, int maxdiffs,
                   double minpct, const char *what) {
  size_t a = 0, b = 0, same = 0, total = 0;
  int shown = 0;
  while (b < theirs->n) {
    struct Line *t = &theirs->v[b];
    while (a < ours->n && ours->v[a].addr < t->addr) a++;
    total++;
    if (a < ours->n && ours->v[a].addr == t->addr &&
        ours->v[a].len == t->len && !strcmp(ours->v[a].text, t->text)) {
      same++;
    } else if (shown < maxdiffs) {
      shown++;
      printf("%08llx: ", (unsigned long long)t->addr);
      print_bytes(t->addr, t->len);
      printf("\n    ours:    %s\n    objdump: %s\n",
             a < ours->n && ours->v[a].addr == t->addr ? ours->v[a].text
                                                       : "(no instruction here)",
             t->text);
    }
    b++;
  }
  double pct = total ? 100.0 * (double)same / (double)total : 100.0;
  printf("%s: %zu/%zu identical (%.3f%%)\n", what, same, total, pct);
  return pct + 1e-9 >= minpct ? 0 : 1;
}

/* ------------------------------------------------------- random inputs */

static uint64_t g_rng;
static uint32_t rnd(void) {
  g_rng ^= g_rng << 13;
  g_rng ^= g_rng >> 7;
  g_rng ^= g_rng << 17;
  return (uint32_t)(g_rng >> 16);
}

/* One random encoding the decoder accepts: a few prefixes, a map, an
 * opcode and random ModRM/SIB/disp/imm bytes. */
static int random_insn(uint8_t *q) {
  static const uint8_t pfx[] = {0x66, 0x67, 0xf2, 0xf3, 0xf0, 0x2e,
                                0x3e, 0x26, 0x64, 0x65, 0x36};
  for (int tries = 0; tries < 1000; tries++) {
    uint8_t b[32];
    int k = 0;
    struct Insn i;
    unsigned np = rnd() % 8;
    np = np < 4 ? 0 : np < 6 ? 1 : np < 7 ? 2 : 3;
    for (unsigned j = 0; j < np; j++) b[k++] = pfx[rnd() % sizeof(pfx)];
    if (rnd() % 3 == 0) b[k++] = (uint8_t)(0x40 | (rnd() & 15));
    switch (rnd() % 8) {
      case 0: case 1: case 2: case 3:
        b[k++] = (uint8_t)rnd();
        break;
      case 4: case 5: case 6:
        b[k++] = 0x0f;
        b[k++] = (uint8_t)rnd();
        break;
      default:
        b[k++] = 0x0f;
        b[k++] = rnd() & 1 ? 0x38 : 0x3a;
        b[k++] = (uint8_t)rnd();
        break;
    }
    while (k < 32) b[k++] = (uint8_t)rnd();
    /* Only what the VM implements (the handler isn't op_ud). */
    if (decode_insn(&i, b, sizeof(b), g_mode) != DECODE_OK ||
        i.fn == op_ud)
      continue;
    memcpy(q, b, i.len);
    return i.len;
  }
  q[0] = 0x90;
  return 1;
}

static const char *write_random(long n, uint64_t seed, const char *keep) {
  static char path[256];
  FILE *f;
  g_rng = seed * 0x9e3779b97f4a7c15ull + 1;
  if (keep) {
    snprintf(path, sizeof(path), "%s", keep);
  } else {
    snprintf(path, sizeof(path), "/tmp/disasm-compare.%d.bin", (int)getpid());
  }
  f = fopen(path, "wb");
  if (!f) return NULL;
  for (long k = 0; k < n; k++) {
    uint8_t q[16];
    int len = random_insn(q);
    fwrite(q, 1, (size_t)len, f);
  }
  fclose(f);
  return path;
}

static uint8_t *slurp(const char *path, size_t *n) {
  FILE *f = fopen(path, "rb");
  uint8_t *p = NULL;
  size_t cap = 0, k = 0, got;
  if (!f) return NULL;
  for (;;) {
    if (k == cap) {
      cap = cap ? cap * 2 : 65536;
      p = realloc(p, cap);
      if (!p) abort();
    }
    got = fread(p + k, 1, cap - k, f);
    if (!got) break;
    k += got;
  }
  fclose(f);
  *n = k;
  return p;
}

static int do_raw(const char *path, uint64_t addr, int maxdiffs,
                  double minpct) {
  size_t n;
  uint8_t *p = slurp(path, &n);
  struct Lines ours = {0}, theirs = {0};
  char cmd[1024];
  if (!p) {
    fprintf(stderr, "disasm-compare: %s: %s\n", path, strerror(errno));
    return 2;
  }
  g_bytes[0].addr = addr;
  g_bytes[0].p = p;
  g_bytes[0].n = n;
  g_nbytes = 1;
  dis_range(&ours, p, n, addr, false);
  snprintf(cmd, sizeof(cmd),
           "objdump -D -b binary -m %s -w %s --adjust-vma=0x%llx '%s'",
           g_mode == MODE_LONG ? "i386:x86-64"
           : g_mode == MODE_PROT32 ? "i386"
                                   : "i8086",
           g_syntax == DIS_INTEL ? "-M intel" : "", (unsigned long long)addr,
           path);
  if (!read_objdump(&theirs, cmd)) {
    fprintf(stderr, "disasm-compare: objdump failed on %s\n", path);
    return 2;
  }
  return compare(&ours, &theirs, maxdiffs, minpct, path);
}

static int do_elf(const char *path, int maxdiffs, double minpct) {
  int fd = open(path, O_RDONLY);
  Elf *e;
  Elf_Scn *scn = NULL;
  size_t shstrndx;
  struct Lines ours = {0}, theirs = {0};
  char cmd[1024];
  if (fd < 0) {
    fprintf(stderr, "disasm-compare: %s: %s\n", path, strerror(errno));
    return 2;
  }
  elf_version(EV_CURRENT);
  e = elf_begin(fd, ELF_C_READ, NULL);
  if (!e || elf_kind(e) != ELF_K_ELF || elf_getshdrstrndx(e, &shstrndx)) {
    fprintf(stderr, "disasm-compare: %s: not an ELF file\n", path);
    return 2;
  }
  /* .symtab when there is one, else .dynsym, as objdump does. */
  bool have_symtab = false;
  while ((scn = elf_nextscn(e, scn))) {
    GElf_Shdr sh;
    if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_SYMTAB) {
      load_syms(e, scn, &sh);
      have_symtab = true;
    }
  }
  load_dynamic(e, !have_symtab);
  syms_finish();
  while ((scn = elf_nextscn(e, scn))) {
    GElf_Shdr sh;
    Elf_Data *data;
    if (!gelf_getshdr(scn, &sh)) continue;
    if (sh.sh_type != SHT_PROGBITS || !(sh.sh_flags & SHF_EXECINSTR))
      continue;
    data = elf_getdata(scn, NULL);
    if (!data || !data->d_buf) continue;
    if (g_nbytes < sizeof(g_bytes) / sizeof(g_bytes[0])) {
      g_bytes[g_nbytes].addr = sh.sh_addr;
      g_bytes[g_nbytes].p = data->d_buf;
      g_bytes[g_nbytes].n = data->d_size;
      g_nbytes++;
    }
    dis_section(&ours, data->d_buf, data->d_size, sh.sh_addr,
                (unsigned)elf_ndxscn(scn));
  }
  snprintf(cmd, sizeof(cmd), "objdump -d -w %s '%s'",
           g_syntax == DIS_INTEL ? "-M intel" : "", path);
  if (!read_objdump(&theirs, cmd)) {
    fprintf(stderr, "disasm-compare: objdump failed on %s\n", path);
    return 2;
  }
  return compare(&ours, &theirs, maxdiffs, minpct, path);
}

static void usage(void) {
  fprintf(stderr,
          "usage: disasm-compare [-M intel] [-n MAX_DIFFS] [--min PCT] FILE\n"
          "       disasm-compare [options] --raw FILE.bin [ADDR]\n"
          "       disasm-compare [options] --random N SEED [--keep FILE]\n");
  exit(2);
}

int main(int argc, char **argv) {
  int maxdiffs = 20;
  double minpct = 99.9;
  const char *file = NULL, *keep = NULL;
  enum { ELF_, RAW, RANDOM } mode = ELF_;
  uint64_t addr = 0;
  long nrand = 0;
  uint64_t seed = 1;
  for (int k = 1; k < argc; k++) {
    const char *a = argv[k];
    if (!strcmp(a, "-M") && k + 1 < argc) {
      k++;
      if (!strcmp(argv[k], "intel")) g_syntax = DIS_INTEL;
      else if (!strcmp(argv[k], "att")) g_syntax = DIS_ATT;
      else usage();
    } else if (!strcmp(a, "-m") && k + 1 < argc) {
      k++;
      g_mode = !strcmp(argv[k], "16") ? MODE_REAL
               : !strcmp(argv[k], "32") ? MODE_PROT32
                                        : MODE_LONG;
    } else if (!strcmp(a, "-n") && k + 1 < argc) {
      maxdiffs = atoi(argv[++k]);
    } else if (!strcmp(a, "--min") && k + 1 < argc) {
      minpct = atof(argv[++k]);
    } else if (!strcmp(a, "--raw") && k + 1 < argc) {
      mode = RAW;
      file = argv[++k];
      if (k + 1 < argc && argv[k + 1][0] != '-')
        addr = strtoull(argv[++k], NULL, 0);
    } else if (!strcmp(a, "--random") && k + 2 < argc) {
      mode = RANDOM;
      nrand = atol(argv[++k]);
      seed = strtoull(argv[++k], NULL, 0);
    } else if (!strcmp(a, "--hex") && k + 1 < argc) {
      /* Debugging: print our text for the hex bytes given. */
      uint8_t b[64];
      size_t n = 0;
      char buf[256];
      struct DisOptions o = {g_syntax, g_mode, NULL, NULL};
      for (const char *h = argv[++k]; *h && n < sizeof(b);) {
        if (isxdigit((unsigned char)h[0]) && isxdigit((unsigned char)h[1])) {
          char t[3] = {h[0], h[1], 0};
          b[n++] = (uint8_t)strtoul(t, NULL, 16);
          h += 2;
        } else {
          h++;
        }
      }
      for (size_t at = 0; at < n;) {
        int len = dis_insn(buf, sizeof(buf), b + at, n - at, at, &o);
        printf("%d\t%s\n", len, buf);
        at += len > 0 ? (size_t)len : 1;
      }
      return 0;
    } else if (!strcmp(a, "--keep") && k + 1 < argc) {
      keep = argv[++k];
    } else if (a[0] == '-') {
      usage();
    } else {
      file = a;
    }
  }
  if (mode != RANDOM && !file) usage();
  if (!have_objdump()) {
    printf("objdump not found\n");
    return 77;
  }
  if (mode == RAW) return do_raw(file, addr, maxdiffs, minpct);
  if (mode == RANDOM) {
    const char *path = write_random(nrand, seed, keep);
    int rc;
    if (!path) return 2;
    rc = do_raw(path, 0x400000, maxdiffs, minpct);
    if (!keep) unlink(path);
    return rc;
  }
  return do_elf(file, maxdiffs, minpct);
}
