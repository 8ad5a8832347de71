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
 * length there is a guess.
 *
 * usage: decode-lengths --gen SEED COUNT BITS FILE
 *        decode-lengths --raw BITS FILE < LISTING
 *
 * Host binaries only hold 64-bit code, so for 16- and 32-bit modes (and
 * for encodings compilers never emit) --gen writes COUNT pseudo-random
 * instructions (prefixes, all four maps, VEX/EVEX/XOP starts, random
 * tails) for objdump -D -b binary to list, and --raw compares them the
 * same way, BITS being 16, 32 or 64.
 *
 * usage: decode-lengths --host-ud
 *
 * Asks the host CPU instead of objdump which encodings are #UD: runs LOCK
 * with every one-byte and 0F opcode (memory and register forms), the
 * opcodes that 64-bit mode removed, and BMI VEX encodings behind the
 * prefixes that make VEX invalid, each in a scratch code page, and checks
 * that decode_insn returns DECODE_INVALID exactly when the host raises
 * SIGILL. Only vendor-independent cases are asked (not LOCK on 0F 00 or
 * MOV CRn, where AMD and Intel differ). */
#include <elf.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "decode.h"
#include "machine.h"


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

static int mode = MODE_LONG;

static int mode_of_bits(const char *bits) {
  if (!strcmp(bits, "16")) return MODE_REAL;
  if (!strcmp(bits, "32")) return MODE_PROT32;
  if (!strcmp(bits, "64")) return MODE_LONG;
  fprintf(stderr, "decode-lengths: BITS is 16, 32 or 64, not %s\n", bits);
  exit(2);
}

/* A flat file of code at address 0. */
static void load_raw(const char *path) {
  FILE *f = fopen(path, "rb");
  static uint8_t *buf;
  size_t cap = 1 << 20, len = 0, got;
  if (!f) {
    perror(path);
    exit(2);
  }
  buf = malloc(cap);
  while ((got = fread(buf + len, 1, cap - len, f)) > 0) {
    len += got;
    if (len == cap) buf = realloc(buf, cap *= 2);
  }
  fclose(f);
  sects[0].addr = 0;
  sects[0].size = len;
  sects[0].bytes = buf;
  nsects = 1;
}

static uint64_t gen_state;

static unsigned gen_rand(unsigned n) {
  gen_state = gen_state * 6364136223846793005ull + 1442695040888963407ull;
  return (unsigned)(gen_state >> 33) % n;
}

/* Random instructions: up to two legacy prefixes, a REX in 64-bit mode,
 * an opcode from one of the maps or a VEX/EVEX/XOP start, then random
 * bytes for whatever follows. objdump resynchronises on its own. */
static int gen(const char *seed, const char *count, const char *path) {
  static const uint8_t pfx[] = {0x26, 0x2e, 0x36, 0x3e, 0x64,
                                0x65, 0x66, 0x67, 0xf2, 0xf3};
  static const uint8_t vexes[] = {0xc4, 0xc5, 0x62, 0x8f};
  unsigned long n = strtoul(count, NULL, 0);
  FILE *f = fopen(path, "wb");
  if (!f) {
    perror(path);
    return 2;
  }
  gen_state = strtoull(seed, NULL, 0);
  for (unsigned long c = 0; c < n; ++c) {
    unsigned np = gen_rand(6), r = gen_rand(100);
    np = np < 3 ? 0 : np < 5 ? 1 : 2;
    for (unsigned k = 0; k < np; ++k) fputc(pfx[gen_rand(sizeof(pfx))], f);
    if (mode == MODE_LONG && gen_rand(10) < 4) fputc(0x40 + gen_rand(16), f);
    if (r < 20) {
      fputc(vexes[gen_rand(sizeof(vexes))], f);
    } else if (r < 60) {
      fputc(gen_rand(256), f);
    } else if (r < 85) {
      fputc(0x0f, f);
      fputc(gen_rand(256), f);
    } else {
      fputc(0x0f, f);
      fputc(r < 93 ? 0x38 : 0x3a, f);
      fputc(gen_rand(256), f);
    }
    for (int k = 0; k < 12; ++k) fputc(gen_rand(256), f);
  }
  return fclose(f) ? 2 : 0;
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

/* --host-ud: the host CPU as the reference for #UD. */
static sigjmp_buf ud_jmp;
static volatile sig_atomic_t ud_sig;
static uint8_t *ud_code;
static uint8_t *ud_data;
static unsigned long ud_tested, ud_mismatch;

static void ud_onsig(int sig) {
  ud_sig = sig;
  siglongjmp(ud_jmp, 1);
}

/* Run b (n bytes, zero-padded) as "mov rbx, data; insn; ret" and compare
 * the host's SIGILL with the decoder's DECODE_INVALID. A valid LOCKed
 * instruction only changes [rbx] (or a register, restored below). */
static void ud_try(const uint8_t *b, size_t n) {
  uint8_t insn[15] = {0};
  memcpy(insn, b, n);
  struct Insn in;
  int rc = decode_insn(&in, insn, sizeof(insn), MODE_LONG);
  memset(ud_code, 0xcc, 4096);
  ud_code[0] = 0x48; /* mov rbx, imm64 */
  ud_code[1] = 0xbb;
  memcpy(ud_code + 2, &ud_data, 8);
  memcpy(ud_code + 10, insn, sizeof(insn));
  if (rc == DECODE_OK || rc == DECODE_INVALID) ud_code[10 + in.len] = 0xc3;
  __builtin___clear_cache((char *)ud_code, (char *)ud_code + 64);
  ud_sig = 0;
  if (!sigsetjmp(ud_jmp, 1)) {
    /* Every register may be clobbered (xchg [rbx], esp is lockable), so
     * save the callee-saved ones and the stack pointer by hand. */
    __asm__ volatile(
        "push %%rbx; push %%rbp; push %%r12; push %%r13; push %%r14;"
        "push %%r15; call *%0; pop %%r15; pop %%r14; pop %%r13;"
        "pop %%r12; pop %%rbp; pop %%rbx"
        :
        : "r"(ud_code)
        : "rax", "rcx", "rdx", "rsi", "rdi", "r8", "r9", "r10", "r11",
          "memory", "cc");
  }
  int host = ud_sig == SIGILL, mine = rc == DECODE_INVALID;
  ud_tested++;
  if (host != mine && ud_mismatch++ < 40) {
    printf("host %s (signal %d), decoder rc %d:", host ? "#UD" : "runs",
           (int)ud_sig, rc);
    for (size_t k = 0; k < n; ++k) printf(" %02x", b[k]);
    printf("\n");
  }
}

static int host_ud(void) {
  unsigned a = 0, b = 0, c = 0, d;
  ud_code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ud_data = mmap(NULL, 65536, PROT_READ | PROT_WRITE,
                 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (ud_code == MAP_FAILED || ud_data == MAP_FAILED) {
    printf("--host-ud: cannot map an executable page: skipped\n");
    return 77;
  }
  ud_data += 32768;
  static char altstack[65536];
  stack_t ss = {.ss_sp = altstack, .ss_size = sizeof(altstack)};
  sigaltstack(&ss, NULL);
  struct sigaction sa;
  memset(&sa, 0, sizeof(sa));
  sa.sa_handler = ud_onsig;
  sa.sa_flags = SA_NODEFER | SA_ONSTACK;
  int sigs[] = {SIGILL, SIGSEGV, SIGBUS, SIGFPE, SIGTRAP};
  for (size_t k = 0; k < sizeof(sigs) / sizeof(*sigs); ++k)
    sigaction(sigs[k], &sa, NULL);

  uint8_t insn[8];
  for (int map = 0; map < 2; ++map) {
    for (int op = 0; op < 256; ++op) {
      if (!map && (op == 0x0f || op == 0x26 || op == 0x2e || op == 0x36 ||
                   op == 0x3e || (op >= 0x40 && op <= 0x4f) || op == 0x62 ||
                   (op >= 0x64 && op <= 0x67) || op == 0x8f || op == 0xc4 ||
                   op == 0xc5 || op == 0xf0 || op == 0xf2 || op == 0xf3))
        continue; /* prefixes and escapes */
      if (map && (op == 0x00 || op == 0x20 || op == 0x22 || op == 0x38 ||
                  op == 0x3a))
        continue; /* vendor quirks (AMD: lock verw, CR8) and escapes */
      for (int form = 0; form < 16; ++form) {
        size_t k = 0;
        insn[k++] = 0xf0;
        if (map) insn[k++] = 0x0f;
        insn[k++] = (uint8_t)op;
        /* [rbx] or a register, reg field 0..7 */
        insn[k++] = (uint8_t)((form < 8 ? 0x03 : 0xc0) | (form & 7) << 3);
        ud_try(insn, k);
      }
    }
  }
  static const uint8_t gone[] = {0x06, 0x07, 0x0e, 0x16, 0x17, 0x1e, 0x1f,
                                 0x27, 0x2f, 0x37, 0x3f, 0x60, 0x61, 0x82,
                                 0x9a, 0xce, 0xd4, 0xd5, 0xd6, 0xea};
  for (size_t k = 0; k < sizeof(gone); ++k) {
    insn[0] = gone[k];
    insn[1] = 0x03;
    ud_try(insn, 2);
  }
  /* andn eax, eax, [rbx] behind prefixes; needs BMI1 on the host */
  __asm__("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
  if (a >= 7) {
    a = 7;
    c = 0;
    __asm__("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
  } else {
    b = 0;
  }
  if (b & (1u << 3)) {
    static const uint8_t pfx[] = {0, 0x66, 0xf2, 0xf3, 0xf0, 0x48, 0x2e,
                                  0x67, 0x64};
    for (size_t k = 0; k < sizeof(pfx); ++k) {
      size_t j = 0;
      if (pfx[k]) insn[j++] = pfx[k];
      memcpy(insn + j, "\xc4\xe2\x78\xf2\x03", 5);
      ud_try(insn, j + 5);
    }
    ud_try((const uint8_t *)"\xc4\xe2\x7c\xf2\x03", 5); /* VEX.L = 1 */
  }
  printf("host #UD: %lu/%lu encodings agree\n", ud_tested - ud_mismatch,
         ud_tested);
  return ud_mismatch != 0;
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
  const char *name;
  if (argc == 2 && !strcmp(argv[1], "--host-ud")) return host_ud();
  if (argc == 6 && !strcmp(argv[1], "--gen")) {
    mode = mode_of_bits(argv[4]);
    return gen(argv[2], argv[3], argv[5]);
  }
  if (argc == 4 && !strcmp(argv[1], "--raw")) {
    mode = mode_of_bits(argv[2]);
    load_raw(argv[3]);
    name = argv[3];
  } else if (argc == 2 && argv[1][0] != '-') {
    load_elf(argv[1]);
    name = argv[1];
  } else {
    fprintf(stderr,
            "usage: %s ELF < LISTING\n"
            "       %s --gen SEED COUNT BITS FILE\n"
            "       %s --raw BITS FILE < LISTING\n"
            "       %s --host-ud\n",
            argv[0], argv[0], argv[0], argv[0]);
    return 2;
  }
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
    int rc = decode_insn(&in, s->bytes + off, s->size - off, mode);
    unsigned mylen = rc == DECODE_OK || rc == DECODE_INVALID ? in.len : 0;
    unsigned expect = lines[j].expect;
    /* objdump lists fwait (9b) together with the x87 instruction after
     * it ("fstcw"), even several of them; to the CPU each fwait is an
     * instruction of its own. */
    if (s->bytes[off] == 0x9b && expect > 1 && mylen == 1) {
      uint64_t o = off;
      while (o < s->size && o - off < expect && s->bytes[o] == 0x9b) o++;
      struct Insn in2;
      int rc2 = o < s->size ? decode_insn(&in2, s->bytes + o, s->size - o,
                                          mode)
                            : DECODE_SHORT;
      if ((rc2 == DECODE_OK || rc2 == DECODE_INVALID) &&
          o - off + in2.len == expect)
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
                           mode);
      if (is_start(sects[s].addr + off)) reached++;
      off += rc == DECODE_OK || rc == DECODE_INVALID ? in.len : 1;
    }
  }

  printf("%s: %lu/%lu lengths identical (%lu objdump (bad) skipped), "
         "linear decoding reached %lu/%lu starts\n",
         name, same, total, bad, reached, total);
  if (!total || same * 1000 < total * 999) return 1;
  return 0;
}
