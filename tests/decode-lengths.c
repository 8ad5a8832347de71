/* decode-lengths.c: compare decode_insn's instruction lengths with
 * objdump's on the executable sections of a real ELF file.
 *
 * usage: decode-lengths ELF < LISTING
 *
 * LISTING has one line per instruction objdump found: "HEXADDR LEN TEXT",
 * TEXT being objdump's mnemonic and operands (decode-lengths.sh makes it).
 * For each line the decoder runs at that address (so one disagreement
 * does not derail the rest) and the lengths are compared. A linear pass
 * over each section also counts how many of objdump's instruction starts
 * the decoder reaches on its own. Prints "N/M lengths identical" and
 * exits 1 below 99.9%. objdump's "(bad)" lines are not counted: its
 * length there is a guess. */
#include <elf.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "decode.h"
#include "machine.h"

/* optab.o refers to it; nothing here executes a handler. */
_Noreturn void exec_ud(struct Machine *m) {
  (void)m;
  abort();
}

struct Sect {
  uint64_t addr, size;
  const uint8_t *bytes;
};

static struct Sect sects[64];
static int nsects;

static const struct Sect *find_sect(uint64_t addr) {
  for (int s = 0; s < nsects; ++s)
    if (addr >= sects[s].addr && addr - sects[s].addr < sects[s].size)
      return sects + s;
  return NULL;
}

static void load_elf(const char *path) {
  int fd = open(path, O_RDONLY);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) < 0) {
    perror(path);
    exit(2);
  }
  const uint8_t *map = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
  if (map == MAP_FAILED) {
    perror("mmap");
    exit(2);
  }
  const Elf64_Ehdr *eh = (const Elf64_Ehdr *)map;
  if ((size_t)st.st_size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, 4) ||
      eh->e_ident[EI_CLASS] != ELFCLASS64 ||
      eh->e_shoff + (uint64_t)eh->e_shnum * sizeof(Elf64_Shdr) >
          (uint64_t)st.st_size) {
    fprintf(stderr, "%s: not a 64-bit ELF with section headers\n", path);
    exit(2);
  }
  const Elf64_Shdr *sh = (const Elf64_Shdr *)(map + eh->e_shoff);
  for (int s = 0; s < eh->e_shnum && nsects < 64; ++s) {
    if (sh[s].sh_type != SHT_PROGBITS || !(sh[s].sh_flags & SHF_EXECINSTR))
      continue;
    if (sh[s].sh_offset + sh[s].sh_size > (uint64_t)st.st_size) continue;
    sects[nsects].addr = sh[s].sh_addr;
    sects[nsects].size = sh[s].sh_size;
    sects[nsects].bytes = map + sh[s].sh_offset;
    nsects++;
  }
}

/* Sorted objdump instruction starts, for the linear pass. */
static uint64_t *starts;
static size_t nstarts, capstarts;

static int cmp_u64(const void *a, const void *b) {
  uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
  return x < y ? -1 : x > y;
}

static int is_start(uint64_t a) {
  return bsearch(&a, starts, nstarts, sizeof(*starts), cmp_u64) != NULL;
}

/* objdump's listing. */
struct Line {
  uint64_t addr;
  unsigned len;     /* objdump's length */
  unsigned expect;  /* the length a CPU gives the instruction at addr */
  char *text;
  int bad;          /* objdump could not decode it: not counted */
};

/* Whether objdump's text for a line is prefixes and nothing else. */
static int prefixes_only(const char *text) {
  static const char *const names[] = {
      "cs", "ds", "es", "ss", "fs", "gs", "data16", "addr32", "lock",
      "rep", "repz", "repnz", "repe", "repne", "xacquire", "xrelease",
      "bnd", "notrack", "data32", "addr16"};
  char buf[256];
  int any = 0;
  snprintf(buf, sizeof(buf), "%s", text);
  for (char *save, *t = strtok_r(buf, " ", &save); t;
       t = strtok_r(NULL, " ", &save)) {
    int ok = !strncmp(t, "rex", 3);
    for (size_t k = 0; !ok && k < sizeof(names) / sizeof(*names); ++k)
      ok = !strcmp(t, names[k]);
    if (!ok) return 0;
    any = 1;
  }
  return any;
}

static struct Line *lines;
static size_t nlines, caplines;

static void read_listing(FILE *f) {
  char buf[1024];
  while (fgets(buf, sizeof(buf), f)) {
    char *end;
    struct Line l;
    l.addr = strtoull(buf, &end, 16);
    l.len = (unsigned)strtoul(end, &end, 10);
    while (*end == ' ') end++;
    end[strcspn(end, "\n")] = 0;
    l.text = strdup(end);
    l.expect = l.len;
    l.bad = strstr(end, "(bad)") != NULL;
    if (nlines == caplines) {
      caplines = caplines ? caplines * 2 : 4096;
      lines = realloc(lines, caplines * sizeof(*lines));
    }
    lines[nlines++] = l;
  }
  /* Where objdump's way of listing differs from how a CPU splits the
   * bytes into instructions: prefixes that objdump cannot attach to what
   * follows (a REX followed by another prefix, which the CPU ignores, or
   * prefixes before "(bad)") are listed alone, as "rex.W" or "cs rex.W".
   * Add them to the next instruction; walk backwards so chains add up.
   * Prefixes before "(bad)" and objdump's ".byte" are not counted. */
  for (size_t j = nlines; j-- > 0;) {
    struct Line *l = lines + j;
    if (!strncmp(l->text, ".byte", 5)) {
      l->bad = 1;
      continue;
    }
    if (!prefixes_only(l->text)) continue;
    if (j + 1 < nlines && lines[j + 1].addr == l->addr + l->len) {
      if (lines[j + 1].bad) l->bad = 1;
      else l->expect = l->len + lines[j + 1].expect;
    }
  }
}

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: %s ELF < LISTING\n", argv[0]);
    return 2;
  }
  load_elf(argv[1]);
  read_listing(stdin);
  unsigned long total = 0, same = 0, bad = 0, shown = 0;
  for (size_t j = 0; j < nlines; ++j) {
    uint64_t addr = lines[j].addr;
    if (lines[j].bad) {
      bad++;
      continue;
    }
    const struct Sect *s = find_sect(addr);
    if (!s) continue;
    if (nstarts == capstarts) {
      capstarts = capstarts ? capstarts * 2 : 4096;
      starts = realloc(starts, capstarts * sizeof(*starts));
    }
    starts[nstarts++] = addr;
    total++;
    uint64_t off = addr - s->addr;
    struct Insn in;
    int rc = decode_insn(&in, s->bytes + off, s->size - off, MODE_LONG);
    unsigned mylen = rc == DECODE_OK || rc == DECODE_INVALID ? in.len : 0;
    unsigned expect = lines[j].expect;
    /* objdump lists fwait (9b) together with the x87 instruction after
     * it ("fstcw"); to the CPU they are two instructions. */
    if (s->bytes[off] == 0x9b && expect > 1 && mylen == 1 && off + 1 < s->size) {
      struct Insn in2;
      int rc2 = decode_insn(&in2, s->bytes + off + 1, s->size - off - 1,
                            MODE_LONG);
      if ((rc2 == DECODE_OK || rc2 == DECODE_INVALID) &&
          in2.len == expect - 1)
        expect = 1;
    }
    if (mylen == expect) {
      same++;
      continue;
    }
    if (shown++ < 40) {
      printf("%llx: objdump %u, decoder %u (rc %d):",
             (unsigned long long)addr, expect, mylen, rc);
      for (unsigned k = 0; k < 15 && off + k < s->size; ++k)
        printf(" %02x", s->bytes[off + k]);
      printf("  [%s]\n", lines[j].text);
    }
  }
  qsort(starts, nstarts, sizeof(*starts), cmp_u64);

  /* Linear pass: decode each section from its start, as a disassembler
   * that knows nothing else would, and count the starts we agree on. */
  unsigned long reached = 0;
  for (int s = 0; s < nsects; ++s) {
    uint64_t off = 0;
    while (off < sects[s].size) {
      struct Insn in;
      int rc = decode_insn(&in, sects[s].bytes + off, sects[s].size - off,
                           MODE_LONG);
      if (is_start(sects[s].addr + off)) reached++;
      off += rc == DECODE_OK || rc == DECODE_INVALID ? in.len : 1;
    }
  }

  printf("%s: %lu/%lu lengths identical (%lu objdump (bad) skipped), "
         "linear decoding reached %lu/%lu starts\n",
         argv[1], same, total, bad, reached, total);
  if (!total || same * 1000 < total * 999) return 1;
  return 0;
}
