/* memory.c: guest virtual memory: page tables, TLB fills, slow paths.
 *
 * The page table is a four-level radix tree over the 48-bit guest address
 * space, like the hardware's. Interior levels hold host pointers to the
 * next level; a leaf entry holds the host address of the page's backing
 * (always page aligned) with the PTE_* bits below in its low 12 bits.
 * Backing comes from host mmap: one host mapping per mem_map call, given
 * back page by page as the guest unmaps. Guest protections live only in
 * the leaf entries; the host pages stay read-write, so the VM can always
 * write them on the guest's behalf (loader, system calls). */
#include "memory.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "icache.h"
#include "machine.h"

#define PTE_R       1ull   /* MPROT_READ */
#define PTE_W       2ull   /* MPROT_WRITE */
#define PTE_X       4ull   /* MPROT_EXEC */
#define PTE_PRESENT 8ull
#define PTE_CODE    16ull  /* the icache holds records for this page */
#define PTE_FLAGS   0xfffull

#define VA_LIMIT (1ull << 47) /* user half of the canonical address space */

struct Mem {
  uint64_t *pml4;
  struct ICache *icache;
};

struct Mem *mem_new(void) {
  struct Mem *mem = calloc(1, sizeof(*mem));
  if (!mem) return NULL;
  mem->pml4 = calloc(512, sizeof(uint64_t));
  mem->icache = icache_new();
  if (!mem->pml4 || !mem->icache) {
    free(mem->pml4);
    free(mem);
    return NULL;
  }
  return mem;
}

struct ICache *mem_icache(struct Mem *mem) { return mem->icache; }

/* Host backing is given back in runs: pages of one mem_map call are
 * contiguous on the host too, and one munmap per page made exiting a
 * large program cost milliseconds. */
struct HostRun {
  uintptr_t start;
  size_t len;
};

static void run_add(struct HostRun *r, uintptr_t host) {
  if (r->len && r->start + r->len == host) {
    r->len += PAGE_SIZE;
    return;
  }
  if (r->len) munmap((void *)r->start, r->len);
  r->start = host;
  r->len = PAGE_SIZE;
}

static void free_level(uint64_t *t, int level, struct HostRun *run) {
  for (int k = 0; k < 512; ++k) {
    if (!t[k]) continue;
    if (level > 1) {
      free_level((uint64_t *)(uintptr_t)t[k], level - 1, run);
    } else if (t[k] & PTE_PRESENT) {
      run_add(run, (uintptr_t)(t[k] & ~PTE_FLAGS));
    }
  }
  free(t);
}

void mem_free(struct Mem *mem) {
  if (!mem) return;
  struct HostRun run = {0, 0};
  free_level(mem->pml4, 4, &run);
  if (run.len) munmap((void *)run.start, run.len);
  icache_free(mem->icache);
  free(mem);
}

/* The leaf entry for va, or NULL when a level on the way is missing and
 * create is false. */
static uint64_t *pte_ptr(struct Mem *mem, uint64_t va, bool create) {
  uint64_t *t = mem->pml4;
  for (int shift = 39; shift > 12; shift -= 9) {
    uint64_t *e = &t[(va >> shift) & 511];
    if (!*e) {
      if (!create) return NULL;
      uint64_t *n = calloc(512, sizeof(uint64_t));
      if (!n) return NULL;
      *e = (uint64_t)(uintptr_t)n;
    }
    t = (uint64_t *)(uintptr_t)*e;
  }
  return &t[(va >> 12) & 511];
}

static inline uint64_t pte_get(struct Mem *mem, uint64_t va) {
  if (va >= VA_LIMIT) return 0;
  uint64_t *p = pte_ptr(mem, va, false);
  return p ? *p : 0;
}

void mem_tlb_flush(struct Machine *m) {
  for (int k = 0; k < TLB_SIZE; ++k) {
    m->tlb[k].rtag = ~0ull;
    m->tlb[k].wtag = ~0ull;
    m->tlb[k].host = NULL;
  }
  m->cp = NULL;
  memset(m->ctlb, 0, sizeof(m->ctlb));
}

/* Forget decoded code of a page whose mapping is going away or changing. */
static void drop_code(struct Machine *m, uint64_t *pte, uint64_t va) {
  if (*pte & PTE_CODE) {
    icache_invalidate(m->mem->icache, va >> 12);
    *pte &= ~PTE_CODE;
  }
  /* An instruction starting on this page may spill into the next. */
  uint64_t *next = va + PAGE_SIZE < VA_LIMIT ? pte_ptr(m->mem, va + PAGE_SIZE, false) : NULL;
  if (next && (*next & PTE_CODE)) {
    struct CodePage *cp = icache_find(m->mem->icache, (va >> 12) + 1);
    if (cp && cp->spill) icache_invalidate(m->mem->icache, (va >> 12) + 1);
  }
}

/* Give host backing of [va, va+len) back, coalescing contiguous runs. */
static uint64_t skip_empty(struct Mem *mem, uint64_t a);

/* Give host backing of [va, va+len) back. */
static void unmap_range(struct Machine *m, uint64_t va, uint64_t len) {
  struct HostRun run = {0, 0};
  for (uint64_t a = va; a < va + len; a += PAGE_SIZE) {
    uint64_t *p = pte_ptr(m->mem, a, false);
    if (!p) {
      /* A whole missing subtree: jump to its end (huge reservations). */
      uint64_t next = skip_empty(m->mem, a);
      if (next > a) a = next - PAGE_SIZE;
      continue;
    }
    if (!(*p & PTE_PRESENT)) continue;
    drop_code(m, p, a);
    run_add(&run, (uintptr_t)(*p & ~PTE_FLAGS));
    *p = 0;
  }
  if (run.len) munmap((void *)run.start, run.len);
}

static int check_range(uint64_t va, uint64_t *len) {
  if (va & PAGE_MASK) return -EINVAL;
  if (!*len) return -EINVAL;
  uint64_t l = (*len + PAGE_MASK) & ~PAGE_MASK;
  if (l < *len || va >= VA_LIMIT || l > VA_LIMIT - va) return -ENOMEM;
  *len = l;
  return 0;
}

static uint64_t prot_bits(int prot) {
  /* On x86 every mapped page that can be written or executed can also be
   * read; only PROT_NONE pages are unreadable. */
  uint64_t b = prot & (PTE_R | PTE_W | PTE_X);
  if (b) b |= PTE_R;
  return b;
}

int mem_map(struct Machine *m, uint64_t va, uint64_t len, int prot, int fd,
            int64_t off) {
  int rc = check_range(va, &len);
  if (rc) return rc;
  uint64_t filelen = 0;
  if (fd >= 0) {
    struct stat st;
    if (off < 0 || (off & PAGE_MASK)) return -EINVAL;
    if (fstat(fd, &st)) return -errno;
    if (!S_ISREG(st.st_mode)) return -ENODEV;
    /* Host pages wholly past the end of the file would raise SIGBUS in
     * the emulator; back them with zeroes instead. */
    if (st.st_size > off) {
      filelen = (uint64_t)(st.st_size - off);
      filelen = (filelen + PAGE_MASK) & ~PAGE_MASK;
      if (filelen > len) filelen = len;
    }
  }
  uint8_t *host;
  if (filelen) {
    host = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_NORESERVE | MAP_ANONYMOUS, -1, 0);
    if (host == MAP_FAILED) return -ENOMEM;
    if (mmap(host, filelen, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd, off) == MAP_FAILED) {
      int e = errno;
      munmap(host, len);
      return -e;
    }
  } else {
    host = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (host == MAP_FAILED) return -ENOMEM;
  }
  unmap_range(m, va, len);
  uint64_t bits = prot_bits(prot) | PTE_PRESENT;
  for (uint64_t k = 0; k < len; k += PAGE_SIZE) {
    uint64_t *p = pte_ptr(m->mem, va + k, true);
    if (!p) {
      /* Out of host memory for page tables: undo what we did. */
      unmap_range(m, va, k);
      munmap(host + k, len - k);
      mem_tlb_flush(m);
      return -ENOMEM;
    }
    *p = (uint64_t)(uintptr_t)(host + k) | bits;
  }
  mem_tlb_flush(m);
  return 0;
}

int mem_unmap(struct Machine *m, uint64_t va, uint64_t len) {
  int rc = check_range(va, &len);
  if (rc) return rc;
  unmap_range(m, va, len);
  mem_tlb_flush(m);
  return 0;
}

int mem_protect(struct Machine *m, uint64_t va, uint64_t len, int prot) {
  int rc = check_range(va, &len);
  if (rc) return rc;
  if (!mem_mapped(m, va, len)) return -ENOMEM;
  uint64_t bits = prot_bits(prot);
  for (uint64_t a = va; a < va + len; a += PAGE_SIZE) {
    uint64_t *p = pte_ptr(m->mem, a, false);
    if (!(bits & PTE_X)) drop_code(m, p, a);
    *p = (*p & ~(PTE_R | PTE_W | PTE_X)) | bits;
  }
  mem_tlb_flush(m);
  return 0;
}

int mem_prot(struct Machine *m, uint64_t va) {
  uint64_t e = pte_get(m->mem, va);
  if (!(e & PTE_PRESENT)) return -1;
  return (int)(e & (PTE_R | PTE_W | PTE_X));
}

int mem_mapped(struct Machine *m, uint64_t va, uint64_t len) {
  if (va >= VA_LIMIT || len > VA_LIMIT - va) return 0;
  for (uint64_t a = va & ~PAGE_MASK; a < va + len; a += PAGE_SIZE)
    if (!(pte_get(m->mem, a) & PTE_PRESENT)) return 0;
  return 1;
}

/* The first address at or after a that might be mapped, skipping whole
 * missing subtrees; a itself when its leaf table exists. */
static uint64_t skip_empty(struct Mem *mem, uint64_t a) {
  uint64_t *t = mem->pml4;
  for (int shift = 39; shift > 12; shift -= 9) {
    uint64_t e = t[(a >> shift) & 511];
    if (!e) return ((a >> shift) + 1) << shift;
    t = (uint64_t *)(uintptr_t)e;
  }
  return a;
}

uint64_t mem_find(struct Machine *m, uint64_t hint, uint64_t len) {
  len = (len + PAGE_MASK) & ~PAGE_MASK;
  uint64_t a = (hint + PAGE_MASK) & ~PAGE_MASK;
  if (a < 0x10000) a = 0x10000;
  uint64_t start = a;
  while (a < VA_LIMIT && start + len <= VA_LIMIT) {
    if (a - start >= len) return start;
    uint64_t s = skip_empty(m->mem, a);
    if (s != a) {
      a = s;
      continue;
    }
    if (pte_get(m->mem, a) & PTE_PRESENT) {
      a += PAGE_SIZE;
      start = a;
    } else {
      a += PAGE_SIZE;
    }
  }
  if (start + len <= VA_LIMIT && a - start >= len) return start;
  return 0;
}

int mem_move(struct Machine *m, uint64_t old, uint64_t oldlen, uint64_t new,
             uint64_t newlen) {
  int rc;
  if ((rc = check_range(old, &oldlen)) || (rc = check_range(new, &newlen)))
    return rc;
  if (!mem_mapped(m, old, oldlen)) return -EFAULT;
  if (newlen < oldlen) {
    unmap_range(m, old + newlen, oldlen - newlen);
    oldlen = newlen;
  }
  size_t n = oldlen / PAGE_SIZE;
  uint64_t *save = malloc(n * sizeof(uint64_t));
  if (!save) return -ENOMEM;
  for (size_t k = 0; k < n; ++k) {
    uint64_t *p = pte_ptr(m->mem, old + k * PAGE_SIZE, false);
    drop_code(m, p, old + k * PAGE_SIZE);
    save[k] = *p;
    *p = 0;
  }
  /* Whatever the new range held goes, then the saved pages move in. */
  unmap_range(m, new, newlen);
  for (size_t k = 0; k < n; ++k) {
    uint64_t *p = pte_ptr(m->mem, new + k * PAGE_SIZE, true);
    if (!p) {
      free(save);
      mem_tlb_flush(m);
      return -ENOMEM;
    }
    *p = save[k];
  }
  int prot = n ? (int)(save[n - 1] & (PTE_R | PTE_W | PTE_X)) : MPROT_READ | MPROT_WRITE;
  free(save);
  mem_tlb_flush(m);
  if (newlen > oldlen) return mem_map(m, new + oldlen, newlen - oldlen, prot, -1, 0);
  return 0;
}

static void each_level(uint64_t *t, int shift, uint64_t base,
                       void (*fn)(void *, uint64_t, uint64_t, int), void *ctx,
                       uint64_t *rs, uint64_t *rl, int *rp) {
  for (int k = 0; k < 512; ++k) {
    if (!t[k]) continue;
    uint64_t va = base | ((uint64_t)k << shift);
    if (shift > 12) {
      each_level((uint64_t *)(uintptr_t)t[k], shift - 9, va, fn, ctx, rs, rl, rp);
      continue;
    }
    if (!(t[k] & PTE_PRESENT)) continue;
    int prot = (int)(t[k] & (PTE_R | PTE_W | PTE_X));
    if (*rl && *rs + *rl == va && *rp == prot) {
      *rl += PAGE_SIZE;
    } else {
      if (*rl) fn(ctx, *rs, *rl, *rp);
      *rs = va;
      *rl = PAGE_SIZE;
      *rp = prot;
    }
  }
}

void mem_each_region(struct Machine *m,
                     void (*fn)(void *ctx, uint64_t va, uint64_t len, int prot),
                     void *ctx) {
  uint64_t rs = 0, rl = 0;
  int rp = 0;
  each_level(m->mem->pml4, 39, 0, fn, ctx, &rs, &rl, &rp);
  if (rl) fn(ctx, rs, rl, rp);
}

void mem_mark_code(struct Machine *m, uint64_t va) {
  uint64_t *p = va < VA_LIMIT ? pte_ptr(m->mem, va, false) : NULL;
  if (p && (*p & PTE_PRESENT)) {
    *p |= PTE_CODE;
    /* Stores to this page must now take the slow path. */
    struct TlbEntry *e = &m->tlb[(va >> 12) & (TLB_SIZE - 1)];
    if (e->wtag == va >> 12) e->wtag = ~0ull;
  }
}

/* Access kinds for translate(). */
enum { ACC_READ, ACC_WRITE, ACC_FETCH };

_Noreturn static void page_fault(struct Machine *m, uint64_t va, uint64_t e,
                                 int acc) {
  uint64_t err = (e & PTE_PRESENT) ? PF_PRESENT : 0;
  if (acc == ACC_WRITE) err |= PF_WRITE;
  if (acc == ACC_FETCH) err |= PF_FETCH;
  err |= 4; /* user mode */
  exec_fault(m, EXC_PF, err, va);
}

/* Translate one guest address, checking the access, and fill the TLB.
 * Stores to pages with decoded code drop the overlapped records first. */
static uint8_t *translate(struct Machine *m, uint64_t va, int acc,
                          unsigned size) {
  uint64_t *p = va < VA_LIMIT ? pte_ptr(m->mem, va, false) : NULL;
  uint64_t e = p ? *p : 0;
  uint64_t need = acc == ACC_WRITE ? PTE_W : acc == ACC_FETCH ? PTE_X : PTE_R;
  if (!(e & PTE_PRESENT) || !(e & need)) page_fault(m, va, e, acc);
  uint8_t *host = (uint8_t *)(uintptr_t)(e & ~PTE_FLAGS);
  if (acc == ACC_WRITE && (e & PTE_CODE)) {
    struct CodePage *cp = icache_find(m->mem->icache, va >> 12);
    if (!cp || icache_hits(cp, (unsigned)(va & PAGE_MASK), size)) {
      icache_invalidate(m->mem->icache, va >> 12);
      m->stats.smc_flushes++;
    }
    if (!cp || !cp->n) *p &= ~PTE_CODE, e = *p;
  }
  struct TlbEntry *t = &m->tlb[(va >> 12) & (TLB_SIZE - 1)];
  m->stats.tlb_fills++;
  t->host = host;
  t->rtag = (e & PTE_R) ? va >> 12 : ~0ull;
  t->wtag = ((e & PTE_W) && !(e & PTE_CODE) && !m->nowrite_fast) ? va >> 12 : ~0ull;
  return host + (va & PAGE_MASK);
}

uint64_t mem_load_slow(struct Machine *m, uint64_t va, unsigned size) {
  uint8_t buf[8] = {0};
  if ((va & PAGE_MASK) + size <= PAGE_SIZE) {
    memcpy(buf, translate(m, va, ACC_READ, size), size);
  } else {
    /* Crosses a page: check both pages before reading either. */
    unsigned first = PAGE_SIZE - (unsigned)(va & PAGE_MASK);
    uint8_t *a = translate(m, va, ACC_READ, first);
    uint8_t *b = translate(m, va + first, ACC_READ, size - first);
    memcpy(buf, a, first);
    memcpy(buf + first, b, size - first);
  }
  uint64_t v;
  memcpy(&v, buf, 8);
  return v;
}

void mem_store_slow(struct Machine *m, uint64_t va, unsigned size, uint64_t v) {
  if ((va & PAGE_MASK) + size <= PAGE_SIZE) {
    memcpy(translate(m, va, ACC_WRITE, size), &v, size);
  } else {
    unsigned first = PAGE_SIZE - (unsigned)(va & PAGE_MASK);
    uint8_t *a = translate(m, va, ACC_WRITE, first);
    uint8_t *b = translate(m, va + first, ACC_WRITE, size - first);
    memcpy(a, &v, first);
    memcpy(b, (uint8_t *)&v + first, size - first);
  }
}

void mem_read_bytes(struct Machine *m, uint64_t va, void *dst, size_t n) {
  uint8_t *d = dst;
  while (n) {
    size_t chunk = PAGE_SIZE - (va & PAGE_MASK);
    if (chunk > n) chunk = n;
    memcpy(d, translate(m, va, ACC_READ, (unsigned)chunk), chunk);
    d += chunk;
    va += chunk;
    n -= chunk;
  }
}

void mem_write_bytes(struct Machine *m, uint64_t va, const void *src, size_t n) {
  /* Check every page first so that a faulting write changes nothing. */
  for (uint64_t a = va & ~PAGE_MASK; a < va + n; a += PAGE_SIZE) {
    uint64_t e = pte_get(m->mem, a);
    if (!(e & PTE_PRESENT) || !(e & PTE_W))
      page_fault(m, a < va ? va : a, e, ACC_WRITE);
  }
  const uint8_t *s = src;
  while (n) {
    size_t chunk = PAGE_SIZE - (va & PAGE_MASK);
    if (chunk > n) chunk = n;
    memcpy(translate(m, va, ACC_WRITE, (unsigned)chunk), s, chunk);
    s += chunk;
    va += chunk;
    n -= chunk;
  }
}

const uint8_t *mem_fetch(struct Machine *m, uint64_t va, size_t *avail) {
  uint64_t *p = va < VA_LIMIT ? pte_ptr(m->mem, va, false) : NULL;
  uint64_t e = p ? *p : 0;
  if (!(e & PTE_PRESENT) || !(e & PTE_X)) page_fault(m, va, e, ACC_FETCH);
  *avail = PAGE_SIZE - (va & PAGE_MASK);
  return (const uint8_t *)(uintptr_t)(e & ~PTE_FLAGS) + (va & PAGE_MASK);
}

/* Non-faulting copies for the system call layer. */
int mem_copy_in(struct Machine *m, void *dst, uint64_t va, size_t n) {
  if (va >= VA_LIMIT || n > VA_LIMIT - va) return n ? -EFAULT : 0;
  for (uint64_t a = va & ~PAGE_MASK; a < va + n; a += PAGE_SIZE)
    if (!(pte_get(m->mem, a) & PTE_R)) return -EFAULT;
  uint8_t *d = dst;
  while (n) {
    size_t chunk = PAGE_SIZE - (va & PAGE_MASK);
    if (chunk > n) chunk = n;
    memcpy(d, (uint8_t *)(uintptr_t)(pte_get(m->mem, va) & ~PTE_FLAGS) + (va & PAGE_MASK), chunk);
    d += chunk;
    va += chunk;
    n -= chunk;
  }
  return 0;
}

int mem_copy_out(struct Machine *m, uint64_t va, const void *src, size_t n) {
  if (va >= VA_LIMIT || n > VA_LIMIT - va) return n ? -EFAULT : 0;
  for (uint64_t a = va & ~PAGE_MASK; a < va + n; a += PAGE_SIZE) {
    uint64_t e = pte_get(m->mem, a);
    if (!(e & PTE_PRESENT) || !(e & PTE_W)) return -EFAULT;
  }
  const uint8_t *s = src;
  while (n) {
    size_t chunk = PAGE_SIZE - (va & PAGE_MASK);
    if (chunk > n) chunk = n;
    uint64_t *p = pte_ptr(m->mem, va, false);
    if (*p & PTE_CODE) {
      /* A system call (read into a code page) counts as a store too. */
      icache_invalidate(m->mem->icache, va >> 12);
      *p &= ~PTE_CODE;
      m->cp = NULL;
    }
    memcpy((uint8_t *)(uintptr_t)(*p & ~PTE_FLAGS) + (va & PAGE_MASK), s, chunk);
    s += chunk;
    va += chunk;
    n -= chunk;
  }
  return 0;
}

char *mem_strdup_in(struct Machine *m, uint64_t va, size_t max, int *err) {
  size_t cap = 256, len = 0;
  char *s = malloc(cap);
  if (!s) {
    *err = -ENOMEM;
    return NULL;
  }
  for (;;) {
    uint64_t e = pte_get(m->mem, va);
    if (!(e & PTE_R)) {
      free(s);
      *err = -EFAULT;
      return NULL;
    }
    const char *h = (const char *)(uintptr_t)(e & ~PTE_FLAGS);
    for (size_t off = va & PAGE_MASK; off < PAGE_SIZE; ++off, ++va) {
      if (len + 1 >= cap) {
        char *t = realloc(s, cap *= 2);
        if (!t) {
          free(s);
          *err = -ENOMEM;
          return NULL;
        }
        s = t;
      }
      s[len++] = h[off];
      if (!h[off]) return s;
      if (len > max) {
        free(s);
        *err = -ENAMETOOLONG;
        return NULL;
      }
    }
  }
}
