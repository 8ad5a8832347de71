/* loader.c: turn a program file into a fresh Linux process image.
 *
 * Does what execve(2) does for a static x86-64 ELF executable (or a flat
 * .bin image): map the PT_LOAD segments, set the break, build the initial
 * stack (argc, argv, envp, auxv) exactly as the kernel lays it out, and
 * set the registers as the kernel leaves them at the entry point.
 *
 * The file is untrusted input: every offset and size in it is checked
 * against the file's size and the address space before anything is
 * mapped, and every refusal is one line in errbuf plus the status a shell
 * would report (127: cannot run this, 126: not executable). */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cpuid.h"
#include "machine.h"
#include "memory.h"
#include "sys.h"
#include "vm.h"

#define LOADER_STACK_TOP 0x7ffffffff000ull
#define LOADER_STACK_SIZE (8ull << 20)
#define LOADER_DYN_BASE 0x555555554000ull  /* Linux's ET_DYN base, no ASLR */
#define LOADER_MIN_ADDR 0x10000ull         /* Linux's default mmap_min_addr */
#define LOADER_BIN_BASE 0x400000ull
#define LOADER_BIN_EXTRA (16ull << 20)
#define LOADER_MMAP_BASE 0x7f0000000000ull
/* The dynamic loader ends here, 16 MiB under the stack's lowest page. */
#define LOADER_INTERP_TOP (LOADER_STACK_TOP - LOADER_STACK_SIZE - (16ull << 20))
#define LOADER_MAX_PHNUM 256
#define LOADER_MAX_IMAGE (16ull << 30)

static uint64_t loader_roundup(uint64_t x) { return (x + PAGE_MASK) & ~PAGE_MASK; }
static uint64_t loader_rounddown(uint64_t x) { return x & ~PAGE_MASK; }

static int loader_fail(char *errbuf, unsigned errlen, int status,
                       const char *prog, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static int loader_fail(char *errbuf, unsigned errlen, int status,
                       const char *prog, const char *fmt, ...) {
  char why[512];
  va_list va;
  va_start(va, fmt);
  vsnprintf(why, sizeof(why), fmt, va);
  va_end(va);
  /* Not logged: the caller prints the line, and a refused program should
   * not leave a blink.log behind. */
  if (errbuf && errlen) snprintf(errbuf, errlen, "blink: %s: %s", prog, why);
  return status;
}

/* A regular file we may execute? 0 yes, else the errno that says why. */
static int loader_probe(const char *guest) {
  char path[PATH_MAX];
  if (sys_host_path_follow(guest, path, sizeof(path))) return ENAMETOOLONG;
  struct stat st;
  if (stat(path, &st)) return errno;
  if (S_ISDIR(st.st_mode)) return EISDIR;
  if (!S_ISREG(st.st_mode)) return EACCES;
  if (access(path, X_OK)) return EACCES;
  return 0;
}

/* Find PROG as a shell does: with a slash it is a path; without one it is
 * searched for in $PATH. Returns 0 with the path in out, else a status. */
static int loader_find(const char *prog, char *out, size_t outlen,
                       char *errbuf, unsigned errlen) {
  if (!*prog)
    return loader_fail(errbuf, errlen, 127, prog, "No such file or directory");
  if (strchr(prog, '/')) {
    if (strlen(prog) >= outlen)
      return loader_fail(errbuf, errlen, 127, prog, "File name too long");
    strcpy(out, prog);
    return 0;
  }
  const char *path = getenv("PATH");
  if (!path) path = "/usr/local/bin:/usr/bin:/bin";
  char denied[PATH_MAX] = "";
  for (const char *p = path;;) {
    const char *colon = strchr(p, ':');
    size_t n = colon ? (size_t)(colon - p) : strlen(p);
    char cand[PATH_MAX];
    int k;
    if (n == 0) k = snprintf(cand, sizeof(cand), "%s", prog);  /* "" is "." */
    else k = snprintf(cand, sizeof(cand), "%.*s/%s", (int)n, p, prog);
    if (k > 0 && (size_t)k < sizeof(cand) && (size_t)k < outlen) {
      int e = loader_probe(cand);
      if (!e) {
        strcpy(out, cand);
        return 0;
      }
      char host[PATH_MAX];
      if (e == EACCES && !denied[0] &&
          !sys_host_path_follow(cand, host, sizeof(host))) {
        struct stat st;
        if (!stat(host, &st) && S_ISREG(st.st_mode)) strcpy(denied, cand);
      }
    }
    if (!colon) break;
    p = colon + 1;
  }
  if (denied[0]) {  /* found, but not executable: let the caller say 126 */
    strcpy(out, denied);
    return 0;
  }
  return loader_fail(errbuf, errlen, 127, prog, "command not found");
}

static const char *loader_machine_name(unsigned em) {
  switch (em) {
    case EM_386: return "i386";
    case EM_ARM: return "ARM";
    case EM_AARCH64: return "AArch64";
    case EM_MIPS: return "MIPS";
    case EM_PPC: return "PowerPC";
    case EM_PPC64: return "PowerPC64";
    case EM_S390: return "s390";
    case EM_SPARC: return "SPARC";
    case EM_SPARCV9: return "SPARC64";
    case EM_IA_64: return "IA-64";
#ifdef EM_RISCV
    case EM_RISCV: return "RISC-V";
#endif
#ifdef EM_LOONGARCH
    case EM_LOONGARCH: return "LoongArch";
#endif
    default: return NULL;
  }
}

/* Map [va, va+len) with the file's bytes from off, then clear what lies
 * past the file part on its last page when a bss follows (as Linux's
 * padzero does), and give the pages their final protection. */
static int loader_map_file(struct Machine *m, uint64_t start, uint64_t file_end,
                           int prot, int fd, uint64_t off, int clear_tail) {
  uint64_t end = loader_roundup(file_end);
  int rc = mem_map(m, start, end - start, prot | MPROT_READ | MPROT_WRITE, fd,
                   (int64_t)off);
  if (rc < 0) return rc;
  if (clear_tail && file_end < end) {
    static const uint8_t zeros[PAGE_SIZE];
    rc = mem_copy_out(m, file_end, zeros, end - file_end);
    if (rc < 0) return rc;
  }
  if ((prot | MPROT_READ | MPROT_WRITE) != prot) {
    rc = mem_protect(m, start, end - start, prot);
    if (rc < 0) return rc;
  }
  return 0;
}

struct LoaderImage {
  uint64_t entry;
  uint64_t phdr;    /* AT_PHDR */
  uint64_t phnum;
  uint64_t brk;
  uint64_t base;    /* where the first PT_LOAD's file offset 0 lies */
  uint64_t at_base; /* AT_BASE: the dynamic loader's base, 0 if none */
  uint64_t at_entry; /* AT_ENTRY: the program's entry (not the loader's) */
  char interp[PATH_MAX]; /* the dynamic loader's host path, or "" */
  struct Sys *sys;       /* the new process: file mappings are recorded */
  /* The executable segments mapped from the file, for vm_set_map_hook. */
  struct { uint64_t va, len, off; int interp; } xmap[4];
  int nxmap;
};

static int loader_load_bin(struct Machine *m, const char *prog, int fd,
                           uint64_t size, struct LoaderImage *img,
                           char *errbuf, unsigned errlen) {
  if (size > (1ull << 32))
    return loader_fail(errbuf, errlen, 127, prog, "flat binary too large");
  int prot = MPROT_READ | MPROT_WRITE | MPROT_EXEC;
  uint64_t file_end = LOADER_BIN_BASE + size;
  int rc = 0;
  if (size) rc = loader_map_file(m, LOADER_BIN_BASE, file_end, prot, fd, 0, 1);
  uint64_t extra = loader_roundup(file_end);
  if (!rc) rc = mem_map(m, extra, LOADER_BIN_EXTRA, prot, -1, 0);
  if (rc < 0)
    return loader_fail(errbuf, errlen, 127, prog, "cannot map image: %s",
                       strerror(-rc));
  img->entry = LOADER_BIN_BASE;
  img->base = LOADER_BIN_BASE;
  img->phdr = 0;
  img->phnum = 0;
  img->brk = extra + LOADER_BIN_EXTRA;
  return 0;
}

/* Load an ELF executable (or, with interp NULL, a dynamic loader, whose
 * own PT_INTERP is refused). An ET_DYN image goes at dyn_base, or with
 * dyn_base 0 so that it ends just under dyn_top (where Linux puts ld.so:
 * high, below the stack). With interp non-NULL, a PT_INTERP's path is
 * copied there ("" when there is none). */
static int loader_load_elf(struct Machine *m, const char *prog, int fd,
                           uint64_t size, struct LoaderImage *img,
                           char *errbuf, unsigned errlen, uint64_t dyn_base,
                           uint64_t dyn_top, char *interp, size_t interplen) {
  unsigned char ident[EI_NIDENT];
  ssize_t got = pread(fd, ident, sizeof(ident), 0);
  if (got < 4 || memcmp(ident, ELFMAG, SELFMAG)) {
    return loader_fail(errbuf, errlen, 127, prog, "not an ELF executable");
  }
  if (got < EI_NIDENT)
    return loader_fail(errbuf, errlen, 127, prog, "truncated ELF header");
  if (ident[EI_CLASS] == ELFCLASS32)
    return loader_fail(errbuf, errlen, 127, prog,
                       "not an x86-64 ELF executable (32-bit ELF)");
  if (ident[EI_CLASS] != ELFCLASS64)
    return loader_fail(errbuf, errlen, 127, prog, "corrupt ELF header (class)");
  if (ident[EI_DATA] != ELFDATA2LSB)
    return loader_fail(errbuf, errlen, 127, prog,
                       "not an x86-64 ELF executable (big-endian)");
  if (size < sizeof(Elf64_Ehdr))
    return loader_fail(errbuf, errlen, 127, prog, "truncated ELF header");

  if (elf_version(EV_CURRENT) == EV_NONE)
    return loader_fail(errbuf, errlen, 127, prog, "libelf: %s", elf_errmsg(-1));
  Elf *e = elf_begin(fd, ELF_C_READ, NULL);
  if (!e)
    return loader_fail(errbuf, errlen, 127, prog, "corrupt ELF file: %s",
                       elf_errmsg(-1));
  int status = 0;
  GElf_Ehdr eh;
  size_t phnum = 0;
  GElf_Phdr ph[LOADER_MAX_PHNUM];
  if (elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh)) {
    status = loader_fail(errbuf, errlen, 127, prog, "corrupt ELF header");
    goto out;
  }
  if (eh.e_machine != EM_X86_64) {
    const char *name = loader_machine_name(eh.e_machine);
    if (name)
      status = loader_fail(errbuf, errlen, 127, prog,
                           "not an x86-64 ELF executable (machine %s)", name);
    else
      status = loader_fail(errbuf, errlen, 127, prog,
                           "not an x86-64 ELF executable (machine %u)",
                           (unsigned)eh.e_machine);
    goto out;
  }
  if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN) {
    status = loader_fail(errbuf, errlen, 127, prog,
                         "not an executable (ELF type %s)",
                         eh.e_type == ET_REL    ? "REL, an object file"
                         : eh.e_type == ET_CORE ? "CORE, a core dump"
                                                : "unknown");
    goto out;
  }
  /* Program headers: check the table lies inside the file ourselves
   * rather than trusting any library's reading of a hostile header. */
  phnum = eh.e_phnum;
  if (phnum == 0 || eh.e_phentsize != sizeof(Elf64_Phdr) ||
      phnum > LOADER_MAX_PHNUM || eh.e_phoff > size ||
      phnum * sizeof(Elf64_Phdr) > size - eh.e_phoff) {
    status = loader_fail(errbuf, errlen, 127, prog,
                         phnum == 0 ? "no program headers"
                                    : "truncated or corrupt ELF program header table");
    goto out;
  }
  for (size_t k = 0; k < phnum; ++k) {
    if (!gelf_getphdr(e, (int)k, &ph[k])) {
      status = loader_fail(errbuf, errlen, 127, prog,
                           "corrupt ELF program header: %s", elf_errmsg(-1));
      goto out;
    }
  }

  /* Validate every segment before mapping any. */
  uint64_t lo = UINT64_MAX, hi = 0, total = 0;
  int nload = 0;
  for (size_t k = 0; k < phnum; ++k) {
    const GElf_Phdr *p = &ph[k];
    if (p->p_type == PT_INTERP) {
      if (!interp) {
        status = loader_fail(errbuf, errlen, 127, prog,
                             "the dynamic loader itself names a loader");
        goto out;
      }
      char tmp[PATH_MAX];
      if (p->p_filesz < 2 || p->p_filesz > sizeof(tmp) ||
          p->p_filesz > interplen || p->p_offset > size ||
          p->p_filesz > size - p->p_offset ||
          pread(fd, tmp, p->p_filesz, (off_t)p->p_offset) !=
              (ssize_t)p->p_filesz ||
          tmp[p->p_filesz - 1] || strlen(tmp) != p->p_filesz - 1) {
        status = loader_fail(errbuf, errlen, 127, prog,
                             "corrupt ELF interpreter path");
        goto out;
      }
      memcpy(interp, tmp, p->p_filesz);
      continue;
    }
    if (p->p_type != PT_LOAD || !p->p_memsz) continue;
    if (p->p_filesz > p->p_memsz || p->p_offset > size ||
        p->p_filesz > size - p->p_offset) {
      status = loader_fail(errbuf, errlen, 127, prog,
                           "truncated or corrupt ELF segment %zu", k);
      goto out;
    }
    if (((p->p_vaddr - p->p_offset) & PAGE_MASK) ||
        p->p_vaddr + p->p_memsz < p->p_vaddr ||
        p->p_vaddr + p->p_memsz > LOADER_STACK_TOP) {
      status = loader_fail(errbuf, errlen, 127, prog,
                           "corrupt ELF segment %zu (bad address or alignment)",
                           k);
      goto out;
    }
    /* Guest pages get page-table entries when mapped, so a hostile
     * header asking for terabytes of bss would cost real memory and
     * time: refuse what no real program needs. */
    total += p->p_memsz;
    if (p->p_memsz > LOADER_MAX_IMAGE || total > LOADER_MAX_IMAGE) {
      status = loader_fail(errbuf, errlen, 127, prog,
                           "segments too large (over %llu GiB)",
                           (unsigned long long)(LOADER_MAX_IMAGE >> 30));
      goto out;
    }
    if (p->p_vaddr < lo) lo = p->p_vaddr;
    if (p->p_vaddr + p->p_memsz > hi) hi = p->p_vaddr + p->p_memsz;
    ++nload;
  }
  if (!nload) {
    status = loader_fail(errbuf, errlen, 127, prog, "no loadable segments");
    goto out;
  }
  uint64_t bias = 0;
  if (eh.e_type == ET_DYN) {
    uint64_t span = loader_roundup(hi) - loader_rounddown(lo);
    if (!dyn_base)
      dyn_base = span < dyn_top ? loader_rounddown(dyn_top - span) : 0;
    bias = dyn_base - loader_rounddown(lo);
  }
  uint64_t stack_bottom = LOADER_STACK_TOP - LOADER_STACK_SIZE;
  if (lo + bias < LOADER_MIN_ADDR || hi + bias > stack_bottom ||
      hi + bias < lo + bias) {
    status = loader_fail(errbuf, errlen, 127, prog,
                         "segments lie outside the user address space");
    goto out;
  }

  /* Map. */
  uint64_t first_load_addr = 0;
  int seen_load = 0;
  for (size_t k = 0; k < phnum; ++k) {
    const GElf_Phdr *p = &ph[k];
    if (p->p_type != PT_LOAD || !p->p_memsz) continue;
    int prot = ((p->p_flags & PF_R) ? MPROT_READ : 0) |
               ((p->p_flags & PF_W) ? MPROT_WRITE : 0) |
               ((p->p_flags & PF_X) ? MPROT_EXEC : 0);
    uint64_t va = p->p_vaddr + bias;
    uint64_t start = loader_rounddown(va);
    uint64_t file_end = va + p->p_filesz;
    uint64_t mem_end = va + p->p_memsz;
    if (!seen_load) {
      first_load_addr = va - p->p_offset;
      seen_load = 1;
    }
    int rc = 0;
    uint64_t anon_from = start;
    if (p->p_filesz) {
      rc = loader_map_file(m, start, file_end, prot, fd,
                           loader_rounddown(p->p_offset),
                           p->p_memsz > p->p_filesz);
      anon_from = loader_roundup(file_end);
      if (!rc)
        sys_filemap_set(img->sys, start, anon_from - start, fd,
                        loader_rounddown(p->p_offset), 0);
      if (!rc && (prot & MPROT_EXEC) && img->nxmap < 4) {
        img->xmap[img->nxmap].va = start;
        img->xmap[img->nxmap].len = anon_from - start;
        img->xmap[img->nxmap++].off = loader_rounddown(p->p_offset);
      }
    }
    uint64_t anon_to = loader_roundup(mem_end);
    if (!rc && anon_to > anon_from)
      rc = mem_map(m, anon_from, anon_to - anon_from, prot, -1, 0);
    if (rc < 0) {
      status = loader_fail(errbuf, errlen, 127, prog,
                           "cannot map segment %zu at %#llx: %s", k,
                           (unsigned long long)va, strerror(-rc));
      goto out;
    }
  }
  img->entry = eh.e_entry + bias;
  img->base = first_load_addr;
  img->phnum = phnum;
  img->phdr = first_load_addr + eh.e_phoff;
  for (size_t k = 0; k < phnum; ++k)
    if (ph[k].p_type == PT_PHDR) img->phdr = ph[k].p_vaddr + bias;
  img->brk = loader_roundup(hi + bias);
out:
  elf_end(e);
  return status;
}

/* The initial stack, top down, as Linux's exec builds it:
 *   8 zero bytes; the exec file name; the envp strings; the argv strings
 *   (so in memory argv[0]'s text comes first); align 16; "x86_64";
 *   16 random bytes; then, 16-byte aligned at RSP: argc, argv[], NULL,
 *   envp[], NULL, auxv pairs ending in AT_NULL. */
static int loader_stack(struct Machine *m, struct Sys *sys, const char *execfn,
                        char *const argv[], char *const envp[],
                        const struct LoaderImage *img, uint64_t *rsp_out) {
  uint64_t top = LOADER_STACK_TOP;
  size_t argc = 0, envc = 0, strsz = 0;
  for (; argv && argv[argc]; ++argc) strsz += strlen(argv[argc]) + 1;
  for (; envp && envp[envc]; ++envc) strsz += strlen(envp[envc]) + 1;
  size_t fnlen = strlen(execfn) + 1;
  strsz += fnlen;
  /* Linux refuses arguments beyond a quarter of the stack limit. */
  if (strsz + (argc + envc) * 8 > LOADER_STACK_SIZE / 4) return -E2BIG;

  uint64_t p = top - 8;
  uint64_t fn_va = p - fnlen;
  uint64_t strings = fn_va - (strsz - fnlen);
  p = strings & ~15ull;
  uint64_t platform_va = p - 7;
  uint64_t random_va = platform_va - 16;
  p = random_va;

  uint64_t aux[2 * 20];
  size_t na = 0;
#define AUX(k, v) (aux[na++] = (k), aux[na++] = (uint64_t)(v))
  /* In the order Linux writes them (less the vDSO and the entries that
   * describe host-only features). */
  AUX(L_AT_HWCAP, cpuid_hwcap());
  AUX(L_AT_PAGESZ, PAGE_SIZE);
  AUX(L_AT_CLKTCK, 100);
  AUX(L_AT_PHDR, img->phdr);
  AUX(L_AT_PHENT, sizeof(Elf64_Phdr));
  AUX(L_AT_PHNUM, img->phnum);
  AUX(L_AT_BASE, img->at_base);
  AUX(L_AT_FLAGS, 0);
  AUX(L_AT_ENTRY, img->at_entry);
  AUX(L_AT_UID, getuid());
  AUX(L_AT_EUID, geteuid());
  AUX(L_AT_GID, getgid());
  AUX(L_AT_EGID, getegid());
  AUX(L_AT_SECURE, 0);
  AUX(L_AT_RANDOM, random_va);
  AUX(L_AT_HWCAP2, 0);
  AUX(L_AT_EXECFN, fn_va);
  AUX(L_AT_PLATFORM, platform_va);
  AUX(L_AT_NULL, 0);
#undef AUX
  size_t items = 1 + (argc + 1) + (envc + 1) + na;
  uint64_t sp = (p - items * 8) & ~15ull;

  size_t total = (size_t)(top - sp);
  uint8_t *buf = calloc(1, total);
  if (!buf) return -ENOMEM;
#define AT(va) (buf + ((va) - sp))
  uint64_t *w = (uint64_t *)AT(sp);
  size_t n = 0;
  w[n++] = argc;
  uint64_t s = strings;
  sys->arg_start = s;
  for (size_t k = 0; k < argc; ++k) {
    size_t len = strlen(argv[k]) + 1;
    memcpy(AT(s), argv[k], len);
    w[n++] = s;
    s += len;
  }
  w[n++] = 0;
  sys->arg_end = sys->env_start = s;
  for (size_t k = 0; k < envc; ++k) {
    size_t len = strlen(envp[k]) + 1;
    memcpy(AT(s), envp[k], len);
    w[n++] = s;
    s += len;
  }
  sys->env_end = s;
  w[n++] = 0;
  sys->auxv = sp + n * 8;
  sys->auxv_len = na * 8;
  memcpy(&w[n], aux, na * 8);
  memcpy(AT(fn_va), execfn, fnlen);
  memcpy(AT(platform_va), "x86_64", 7);
  uint8_t rnd[16];
  if (getrandom(rnd, sizeof(rnd), 0) != (ssize_t)sizeof(rnd)) {
    for (size_t k = 0; k < sizeof(rnd); ++k) rnd[k] = (uint8_t)rand();
  }
  memcpy(AT(random_va), rnd, sizeof(rnd));
#undef AT
  int rc = mem_copy_out(m, sp, buf, total);
  free(buf);
  if (rc < 0) return rc;
  *rsp_out = sp;
  return 0;
}

/* PT_INTERP: load the named dynamic loader high under the stack and start
 * there; the program's own entry goes to it in AT_ENTRY, its base in
 * AT_BASE, as Linux's binfmt_elf does. The path is the guest's (under -C
 * and BLINK_OVERLAYS, sys_host_path). */
static int loader_interp(struct Machine *m, const char *prog,
                         const char *interp, struct LoaderImage *img,
                         char *errbuf, unsigned errlen) {
  char host[PATH_MAX];
  if (sys_host_path_follow(interp, host, sizeof(host)) < 0)
    return loader_fail(errbuf, errlen, 127, prog,
                       "interpreter %s: File name too long", interp);
  int fd = open(host, O_RDONLY | O_CLOEXEC);
  struct stat st;
  if (fd < 0 || fstat(fd, &st) || !S_ISREG(st.st_mode)) {
    int e = fd < 0 ? errno : EACCES;
    if (fd >= 0) close(fd);
    return loader_fail(errbuf, errlen, 127, prog, "interpreter %s: %s", interp,
                       strerror(e));
  }
  struct LoaderImage li;
  memset(&li, 0, sizeof(li));
  li.sys = img->sys;
  char why[512];
  int status = loader_load_elf(m, interp, fd, (uint64_t)st.st_size, &li, why,
                               sizeof(why), 0, LOADER_INTERP_TOP, NULL, 0);
  close(fd);
  if (status) /* why already says "blink: INTERP: ..." */
    return loader_fail(errbuf, errlen, status, prog, "bad interpreter (%s)",
                       why + (strncmp(why, "blink: ", 7) ? 0 : 7));
  img->entry = li.entry;
  img->at_base = li.base;
  for (int k = 0; k < li.nxmap && img->nxmap < 4; ++k) {
    img->xmap[img->nxmap] = li.xmap[k];
    img->xmap[img->nxmap++].interp = 1;
  }
  if (!realpath(host, img->interp))
    snprintf(img->interp, sizeof(img->interp), "%s", host);
  return 0;
}

static int loader_is_bin(const char *path) {
  size_t n = strlen(path);
  return n >= 4 && !strcmp(path + n - 4, ".bin");
}

/* Why the last load failed, as execve's errno (Linux numbering): set by
 * loader_load next to each refusal; ENOEXEC unless said otherwise. */
static __thread int loader_errno;

static int loader_load(struct Machine *m, const char *prog, const char *gpath,
                       char *const argv[], char *const envp[], char *errbuf,
                       unsigned errlen, int depth);

/* A "#!" script: run its interpreter with the script's name in place of
 * argv[0], as Linux does: "#!INTERP ARG" makes INTERP [ARG] PATH ARGV[1..].
 * The line is at most 255 bytes; ARG is the rest of the line, trimmed
 * (one argument, spaces and all). Interpreters may be scripts, up to
 * Linux's depth (4 more), then ELOOP. */
static int loader_script(struct Machine *m, const char *prog, const char *path,
                         int fd, char *const argv[], char *const envp[],
                         char *errbuf, unsigned errlen, int depth) {
  char line[256];
  ssize_t got = pread(fd, line, sizeof(line) - 1, 0);
  if (got < 2) got = 2;
  line[got] = 0;
  char *nl = memchr(line, '\n', (size_t)got);
  if (nl) *nl = 0;
  char *p = line + 2;
  while (*p == ' ' || *p == '\t') ++p;
  char *interp = p;
  while (*p && *p != ' ' && *p != '\t') ++p;
  char *arg = NULL;
  if (*p) {
    *p++ = 0;
    while (*p == ' ' || *p == '\t') ++p;
    char *e = p + strlen(p);
    while (e > p && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r')) *--e = 0;
    if (*p) arg = p;
  }
  if (!*interp) {
    loader_errno = ENOEXEC;
    return loader_fail(errbuf, errlen, 127, prog, "#! line names no interpreter");
  }
  if (depth >= 4) {
    loader_errno = ELOOP;
    return loader_fail(errbuf, errlen, 127, prog, "#! interpreters nest too deep");
  }
  size_t argc = 0;
  while (argv && argv[argc]) ++argc;
  char **v = calloc(argc + 4, sizeof(char *));
  if (!v) {
    loader_errno = ENOMEM;
    return loader_fail(errbuf, errlen, 127, prog, "out of memory");
  }
  size_t n = 0;
  v[n++] = interp;
  if (arg) v[n++] = arg;
  v[n++] = (char *)path;
  for (size_t k = 1; k < argc; ++k) v[n++] = argv[k];
  v[n] = NULL;
  int status = loader_load(m, interp, interp, v, envp, errbuf, errlen, depth + 1);
  free(v);
  return status;
}

int vm_load(struct Machine *m, const char *prog, char *const argv[],
            char *const envp[], char *errbuf, unsigned errlen) {
  if (errbuf && errlen) errbuf[0] = 0;
  char gpath[PATH_MAX]; /* the guest's name (loader_load finds the host's) */
  int status = loader_find(prog, gpath, sizeof(gpath), errbuf, errlen);
  if (status) return status;
  return loader_load(m, prog, gpath, argv, envp, errbuf, errlen, 0);
}

int loader_exec(struct Machine *m, const char *path, char *const argv[],
                char *const envp[], char *errbuf, unsigned errlen) {
  if (errbuf && errlen) errbuf[0] = 0;
  if (loader_load(m, path, path, argv, envp, errbuf, errlen, 0))
    return -(loader_errno ? loader_errno : ENOEXEC);
  return 0;
}

static int loader_load(struct Machine *m, const char *prog, const char *gpath,
                       char *const argv[], char *const envp[], char *errbuf,
                       unsigned errlen, int depth) {
  /* gpath is the guest's name for it; path the host's (-C, overlays). */
  char path[PATH_MAX];
  if (sys_host_path_follow(gpath, path, sizeof(path))) {
    loader_errno = ENAMETOOLONG;
    return loader_fail(errbuf, errlen, 127, prog, "File name too long");
  }
  int status;
  loader_errno = ENOEXEC;
  struct stat st;
  if (stat(path, &st)) {
    int e = errno;
    loader_errno = e;
    return loader_fail(errbuf, errlen, e == EACCES ? 126 : 127, prog, "%s",
                       strerror(e));
  }
  loader_errno = EACCES;
  if (S_ISDIR(st.st_mode))
    return loader_fail(errbuf, errlen, 127, prog, "is a directory");
  if (!S_ISREG(st.st_mode))
    return loader_fail(errbuf, errlen, 127, prog, "not a regular file");
  if (access(path, X_OK))
    return loader_fail(errbuf, errlen, 126, prog, "Permission denied");
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    int e = errno;
    loader_errno = e;
    return loader_fail(errbuf, errlen, e == EACCES ? 126 : 127, prog, "%s",
                       strerror(e));
  }
  loader_errno = ENOEXEC;
  {
    char magic[2];
    if (pread(fd, magic, 2, 0) == 2 && magic[0] == '#' && magic[1] == '!') {
      status = loader_script(m, prog, gpath, fd, argv, envp, errbuf, errlen,
                             depth);
      close(fd);
      return status;
    }
  }

  struct Sys *s = sys_new();
  if (!s) {
    close(fd);
    loader_errno = ENOMEM;
    return loader_fail(errbuf, errlen, 127, prog, "out of memory");
  }
  char real[PATH_MAX];
  if (!realpath(path, real) || sys_guest_path(real, s->exe, sizeof(s->exe)))
    snprintf(s->exe, sizeof(s->exe), "%s", gpath);
  const char *base = strrchr(gpath, '/');
  /* Linux keeps the first 15 bytes of the name as the thread's comm. */
  const char *name = base ? base + 1 : gpath;
  size_t namelen = strnlen(name, sizeof(s->comm) - 1);
  memcpy(s->comm, name, namelen);
  s->comm[namelen] = 0;

  struct LoaderImage img;
  char interp[PATH_MAX] = "";
  memset(&img, 0, sizeof(img));
  img.sys = s;
  if (loader_is_bin(path))
    status = loader_load_bin(m, prog, fd, (uint64_t)st.st_size, &img, errbuf,
                             errlen);
  else
    status = loader_load_elf(m, prog, fd, (uint64_t)st.st_size, &img, errbuf,
                             errlen, LOADER_DYN_BASE, 0, interp,
                             sizeof(interp));
  close(fd);  /* mappings are private copies: the fd is not needed */
  img.at_entry = img.entry;
  if (!status && interp[0]) status = loader_interp(m, prog, interp, &img,
                                                   errbuf, errlen);
  if (status) {
    free(s);
    return status;
  }

  int rc = mem_map(m, LOADER_STACK_TOP - LOADER_STACK_SIZE, LOADER_STACK_SIZE,
                   MPROT_READ | MPROT_WRITE, -1, 0);
  uint64_t rsp = 0;
  if (!rc) rc = loader_stack(m, s, gpath, argv, envp, &img, &rsp);
  if (rc < 0) {
    free(s);
    loader_errno = -rc;
    return loader_fail(errbuf, errlen, rc == -E2BIG ? 126 : 127, prog,
                       "cannot set up the stack: %s", strerror(-rc));
  }
  mem_tlb_flush(m);

  s->brk_start = s->brk = img.brk;
  s->mmap_base = LOADER_MMAP_BASE;
  s->stack_top = LOADER_STACK_TOP;
  s->stack_size = LOADER_STACK_SIZE;
  s->entry = img.entry;
  s->sig0.altstack.ss_flags = L_SS_DISABLE;
  for (int k = 0; k < img.nxmap && k < 4; ++k) {
    s->exe_maps[k].va = img.xmap[k].va;
    s->exe_maps[k].len = img.xmap[k].len;
    s->exe_maps[k].off = img.xmap[k].off;
    s->exe_maps[k].interp = img.xmap[k].interp;
  }
  memcpy(s->interp, img.interp, sizeof(s->interp));
  s->n_exe_maps = img.nxmap;
  free(m->sys);
  m->sys = s;
  m->on_exception = sig_on_exception;
  m->on_trap = sig_on_trap;
  sig_host_reset(m);
  m->tid = s->pid;

  /* Registers as Linux leaves them at the entry point: everything zero
   * (RDX in particular: _start passes it to atexit), RFLAGS = IF. */
  memset(m->r, 0, sizeof(m->r));
  m->r[RSP] = rsp;
  m->rip = m->ip = img.entry;
  m->rflags = 0x202;
  m->lf_op = 0;  /* LF_NONE: rflags holds the truth */
  m->sreg[SEG_CS] = 0x33;
  m->sreg[SEG_SS] = 0x2b;
  m->sreg[SEG_DS] = m->sreg[SEG_ES] = m->sreg[SEG_FS] = m->sreg[SEG_GS] = 0;
  for (int k = 0; k <= SEG_COUNT; ++k) m->seg_base[k] = 0;
  m->mode = MODE_LONG;
  m->stop = STOP_NONE;
  return 0;
}
