/* disasm-compare: our disassembler against GNU objdump, line by line.
 *
 *   disasm-compare [-M intel] [-n MAX_DIFFS] [--min PCT] FILE
 *   disasm-compare [options] --raw FILE.bin [ADDR]
 *   disasm-compare [options] --random N SEED [--keep FILE.bin]
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
};

static struct Sym *g_syms;
static size_t g_nsyms;

static int sym_cmp(const void *a, const void *b) {
  const struct Sym *x = a, *y = b;
  if (x->addr != y->addr) return x->addr < y->addr ? -1 : 1;
  return x->order < y->order ? -1 : x->order > y->order;
}

/* Of the symbols at the same address, the one objdump names: globals
 * before weak before locals, functions/objects before untyped ones, then
 * the first in the table. */
static int sym_rank(const struct Sym *s) {
  if (s->bind == STB_GLOBAL) return 0;
  if (s->bind == STB_WEAK) return 1;
  return 2;
}

/* Whether a names the address rather than b, as measured on glibc's
 * many aliases: functions and objects before other types (IFUNC,
 * NOTYPE), globals before weak before locals, the larger size, then the
 * name that sorts first. */
static bool sym_better(const struct Sym *a, const struct Sym *b) {
  int ta = a->type == STT_FUNC || a->type == STT_OBJECT ? 0 : 1;
  int tb = b->type == STT_FUNC || b->type == STT_OBJECT ? 0 : 1;
  int ra = sym_rank(a), rb = sym_rank(b);
  if (ta != tb) return ta < tb;
  if (ra != rb) return ra < rb;
  if (a->size != b->size) return a->size > b->size;
  return strcmp(a->name, b->name) < 0;
}

static void syms_finish(void) {
  qsort(g_syms, g_nsyms, sizeof(*g_syms), sym_cmp);
  /* Keep one symbol per address: the best ranked. */
  size_t w = 0;
  for (size_t k = 0; k < g_nsyms;) {
    size_t best = k, j = k;
    for (; j < g_nsyms && g_syms[j].addr == g_syms[k].addr; j++)
      if (sym_better(&g_syms[j], &g_syms[best])) best = j;
    g_syms[w++] = g_syms[best];
    k = j;
  }
  g_nsyms = w;
}

static const char *sym_lookup(void *ctx, uint64_t addr, uint64_t *off) {
  size_t lo = 0, hi = g_nsyms;
  (void)ctx;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (g_syms[mid].addr <= addr) lo = mid + 1;
    else hi = mid;
  }
  /* Before the first symbol objdump still names it: <_init-0x401000>. */
  if (!lo) {
    if (!g_nsyms) return NULL;
    lo = 1;
  }
  *off = addr - g_syms[lo - 1].addr;
  return g_syms[lo - 1].name;
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
    if (type == STT_SECTION || type == STT_FILE) continue;
    if (s.st_shndx == SHN_UNDEF) continue;
    name = elf_strptr(e, sh->sh_link, s.st_name);
    if (!name || !*name) continue;
    g_syms = realloc(g_syms, (g_nsyms + 1) * sizeof(*g_syms));
    if (!g_syms) abort();
    g_syms[g_nsyms].addr = s.st_value;
    g_syms[g_nsyms].name = strdup(name);
    g_syms[g_nsyms].bind = GELF_ST_BIND(s.st_info);
    g_syms[g_nsyms].type = type;
    g_syms[g_nsyms].size = s.st_size;
    g_syms[g_nsyms].order = g_nsyms;
    g_nsyms++;
  }
}

/* ------------------------------------------------------------ our side */

static int g_syntax = DIS_ATT;

static void dis_range(struct Lines *out, const uint8_t *p, size_t n,
                      uint64_t addr, bool syms) {
  struct DisOptions o = {g_syntax, MODE_LONG, syms ? sym_lookup : NULL,
                         NULL};
  char buf[256];
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
                        uint64_t addr) {
  uint64_t end = addr + n, at = addr;
  size_t k = 0;
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
    if (decode_insn(&i, b, sizeof(b), MODE_LONG) != DECODE_OK ||
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
           "objdump -D -b binary -m i386:x86-64 -w %s --adjust-vma=0x%llx "
           "'%s'",
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
  if (!have_symtab) {
    while ((scn = elf_nextscn(e, scn))) {
      GElf_Shdr sh;
      if (gelf_getshdr(scn, &sh) && sh.sh_type == SHT_DYNSYM)
        load_syms(e, scn, &sh);
    }
  }
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
    dis_section(&ours, data->d_buf, data->d_size, sh.sh_addr);
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
      struct DisOptions o = {g_syntax, MODE_LONG, NULL, NULL};
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
