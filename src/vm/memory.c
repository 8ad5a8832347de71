/* memory.c: guest virtual memory: regions, page tables, TLB fills, slow
 * paths.
 *
 * The address space is a sorted array of regions (like Linux's VMAs):
 * each a page-aligned guest range with one protection and a host address
 * for its first page. Backing comes from host mmap, one MAP_NORESERVE
 * host mapping per mem_map call, so the host does the laziness of
 * anonymous memory and of file pages; a region split by unmap/protect
 * keeps pointing into the same host mapping, and unmapping gives the
 * matching host range back. Map, unmap and protect therefore cost
 * O(regions), not O(pages): a guest reserving 64 GiB pays nothing until
 * it touches pages.
 *
 * The page table is a four-level radix tree over the 48-bit guest address
 * space, like the hardware's. It is only a cache of the regions: a leaf
 * entry is made on the first access to its page (the slow path:
 * translate, mem_fetch, mem_mark_code) and holds the host address of the
 * page (page aligned) with the PTE_* bits below in its low 12 bits.
 * Interior levels hold host pointers to the next level. Changes to
 * regions rewrite or drop whatever entries exist in the range. The one
 * thing only a leaf entry knows is PTE_CODE, so entries of code pages
 * are never dropped without drop_code(). Guest protections are checked
 * in software; host pages stay read-write, so the VM can always write
 * them on the guest's behalf (loader, system calls). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE 1 /* mremap, process_vm_readv */
#endif
#include "memory.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/uio.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "cpu.h"
#include "history.h"
#include "hostfault.h"
#include "icache.h"
#include "machine.h"

#define PTE_R       1ull   /* MPROT_READ */
#define PTE_W       2ull   /* MPROT_WRITE */
#define PTE_X       4ull   /* MPROT_EXEC */
#define PTE_PRESENT 8ull
#define PTE_CODE    16ull  /* the icache holds records for this page */
/* Bare machines: records for this physical page were decoded at a
 * linear page of another number (paging, the ROM alias, the A20 wrap),
 * so a store here cannot name them: it drops all decoded code. */
#define PTE_ALIAS   32ull
#define PTE_FLAGS   0xfffull
#define PTE_PROT    (PTE_R | PTE_W | PTE_X)

#define VA_LIMIT (1ull << 47) /* user half of the canonical address space */

/* A mapped guest range [start, end) with one protection (PTE_R/W/X
 * bits); host is where start's page lives, and the rest follows it
 * contiguously. */
struct Vma {
  uint64_t start, end;
  uint8_t *host;
  uint64_t prot;
  uint64_t shared; /* mem_map_shared: MEM_SHARED_ANON or MEM_SHARED_FILE */
};

struct Mem {
  uint64_t *pml4;
  struct ICache *icache;
  struct Vma *v; /* sorted by address, disjoint */
  size_t n, cap;
  /* Guest threads (syscall-thread.c): once a second CPU shares the
   * address space, every slow path holds lock (recursive: map calls
   * unmap, translate drops code) and mapping changes flush the other
   * CPUs' TLBs. cpus lists the machines using this address space; done
   * is signalled when one leaves. */
  bool threaded;
  pthread_mutex_t lock;
  pthread_cond_t done;
  struct Machine **cpus;
  size_t ncpus, capcpus;
  /* Host ranges the guest unmapped while other machines may still hold
   * TLB entries for them (a shootdown reaches a machine only before its
   * next instruction): they stay mapped on the host until every other
   * machine is past that point (Machine.tlb_gen >= the range's gen, or
   * it is inside a system call), so that an instruction that was
   * running meanwhile completes as if before the unmap instead of
   * touching host memory that is gone (or reused by a later map).
   * gen counts shootdowns. Under lock. */
  uint64_t gen;
  struct Zombie {
    uintptr_t start;
    size_t len;
    uint64_t gen;
  } *zombies;
  size_t nzombies, capzombies;
  /* the counters of machines that detached (-Z sums every thread) */
  struct MachineStats gone;
};

static void reclaim(struct Mem *mem);
static void zombies_free(struct Mem *mem);

/* How many times this host thread holds its address space's lock: a
 * fault (longjmp) out of a slow path gives all of them back. */
static __thread int lock_depth;

static inline void mem_lock_(struct Mem *mem) {
  if (__builtin_expect(mem->threaded, 0)) {
    pthread_mutex_lock(&mem->lock);
    lock_depth++;
  }
}

static inline void mem_unlock_(struct Mem *mem) {
  if (lock_depth) {
    lock_depth--;
    pthread_mutex_unlock(&mem->lock);
  }
}

/* Before a longjmp out of a slow path. */
static void mem_unlock_all(struct Mem *mem) {
  while (lock_depth) mem_unlock_(mem);
}

void mem_lock(struct Mem *mem) { mem_lock_(mem); }
void mem_unlock(struct Mem *mem) { mem_unlock_(mem); }

int mem_attach(struct Mem *mem, struct Machine *m) {
  mem_lock_(mem);
  if (mem->ncpus == mem->capcpus) {
    size_t cap = mem->capcpus ? mem->capcpus * 2 : 4;
    struct Machine **c = realloc(mem->cpus, cap * sizeof(*c));
    if (!c) {
      mem_unlock_(mem);
      return -ENOMEM;
    }
    mem->cpus = c;
    mem->capcpus = cap;
  }
  mem->cpus[mem->ncpus++] = m;
  /* A new thread's machine is a copy of its creator's, TLB included,
   * taken before it was attached: a shootdown in between missed it. It
   * empties the TLB before its first instruction (and until then counts
   * as holding whatever its creator's held). */
  __atomic_store_n(&m->tlb_stale, 1, __ATOMIC_SEQ_CST);
  if (mem->ncpus > 1 && !mem->threaded) {
    /* The first extra CPU: from now on the slow paths lock. The caller
     * is the only thread running, so nobody is inside one. */
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&mem->lock, &a);
    pthread_mutexattr_destroy(&a);
    pthread_cond_init(&mem->done, NULL);
    icache_set_threaded(mem->icache);
    mem->threaded = true;
  }
  mem_unlock_(mem);
  return 0;
}

static void stats_add(struct MachineStats *sum, const struct Machine *m) {
  sum->decoded += m->stats.decoded;
  sum->smc_flushes += m->stats.smc_flushes;
  sum->tlb_fills += m->stats.tlb_fills;
  sum->syscalls += m->stats.syscalls;
  sum->signals += m->stats.signals;
  sum->faults += m->stats.faults;
  sum->icount += m->icount;
}

void mem_stats(struct Mem *mem, struct MachineStats *sum) {
  mem_lock_(mem);
  *sum = mem->gone;
  for (size_t k = 0; k < mem->ncpus; ++k) stats_add(sum, mem->cpus[k]);
  mem_unlock_(mem);
}

void mem_stats_reset(struct Mem *mem) {
  mem_lock_(mem);
  memset(&mem->gone, 0, sizeof(mem->gone));
  mem_unlock_(mem);
}

void mem_detach(struct Mem *mem, struct Machine *m) {
  mem_lock_(mem);
  stats_add(&mem->gone, m);
  for (size_t k = 0; k < mem->ncpus; ++k) {
    if (mem->cpus[k] == m) {
      mem->cpus[k] = mem->cpus[--mem->ncpus];
      break;
    }
  }
  /* A machine that leaves holds no decoded record any more. */
  if (__atomic_exchange_n(&m->icache_sync, 0, __ATOMIC_SEQ_CST))
    icache_sync_ack(mem->icache);
  if (mem->nzombies) reclaim(mem);
  if (mem->threaded) pthread_cond_broadcast(&mem->done);
  mem_unlock_(mem);
}

size_t mem_ncpus(struct Mem *mem) {
  mem_lock_(mem);
  size_t n = mem->ncpus;
  mem_unlock_(mem);
  return n;
}

void mem_each_cpu(struct Mem *mem, void (*fn)(void *ctx, struct Machine *m),
                  void *ctx) {
  mem_lock_(mem);
  for (size_t k = 0; k < mem->ncpus; ++k) fn(ctx, mem->cpus[k]);
  mem_unlock_(mem);
}

int mem_wait_cpus(struct Mem *mem, size_t n, int timeout_ms) {
  if (!mem->threaded) return mem->ncpus <= n;
  struct timespec ts;
  clock_gettime(CLOCK_REALTIME, &ts);
  ts.tv_nsec += (long)timeout_ms * 1000000L;
  ts.tv_sec += ts.tv_nsec / 1000000000L;
  ts.tv_nsec %= 1000000000L;
  pthread_mutex_lock(&mem->lock);
  while (mem->ncpus > n &&
         !pthread_cond_timedwait(&mem->done, &mem->lock, &ts)) {
  }
  int ok = mem->ncpus <= n;
  pthread_mutex_unlock(&mem->lock);
  return ok;
}

void mem_fork_child(struct Mem *mem, struct Machine *self) {
  lock_depth = 0;
  if (!mem->threaded) return;
  zombies_free(mem); /* the child's one machine holds no stale entry */
  pthread_mutexattr_t a;
  pthread_mutexattr_init(&a);
  pthread_mutexattr_settype(&a, PTHREAD_MUTEX_RECURSIVE);
  pthread_mutex_init(&mem->lock, &a);
  pthread_mutexattr_destroy(&a);
  pthread_cond_init(&mem->done, NULL);
  mem->cpus[0] = self;
  mem->ncpus = 1;
}

/* After a change to mappings or protections: the other CPUs empty their
 * TLBs before their next instruction (exec.c start()). The one running
 * now finishes with what it had, as a CPU would before the shootdown
 * reaches it. */
static void shootdown(struct Machine *m) {
  struct Mem *mem = m->mem;
  if (!mem->threaded) return;
  mem->gen++;
  for (size_t k = 0; k < mem->ncpus; ++k) {
    struct Machine *o = mem->cpus[k];
    if (o == m) continue;
    __atomic_store_n(&o->tlb_stale, 1, __ATOMIC_SEQ_CST);
    __atomic_store_n(&o->trap, 1, __ATOMIC_SEQ_CST);
  }
  /* The caller's own TLB was emptied by the change itself. */
  m->tlb_gen = mem->gen;
  reclaim(mem);
}

/* ---- Host ranges given back late (see struct Mem) ---- */

/* Whether no machine can still reach host memory unmapped at gen: each
 * has emptied its TLB since, or is inside a system call, whose handler
 * uses no TLB entry and which ends by looking at trap (set by the
 * shootdown, before this is read) before the next instruction. */
static bool all_past(struct Mem *mem, uint64_t gen) {
  for (size_t k = 0; k < mem->ncpus; ++k) {
    struct Machine *o = mem->cpus[k];
    if (o->tlb_gen >= gen) continue;
    if (__atomic_load_n(&o->in_syscall, __ATOMIC_SEQ_CST)) continue;
    return false;
  }
  return true;
}

static void reclaim(struct Mem *mem) {
  size_t j = 0;
  for (size_t i = 0; i < mem->nzombies; ++i) {
    struct Zombie *z = &mem->zombies[i];
    if (all_past(mem, z->gen)) munmap((void *)z->start, z->len);
    else mem->zombies[j++] = *z;
  }
  mem->nzombies = j;
}

static void zombies_free(struct Mem *mem) {
  for (size_t i = 0; i < mem->nzombies; ++i)
    munmap((void *)mem->zombies[i].start, mem->zombies[i].len);
  mem->nzombies = 0;
}

/* Give host memory of unmapped guest pages back: at once while one
 * machine runs, else once every other machine is past this shootdown.
 * Out of memory for the list: the range becomes inaccessible host
 * address space instead (a stale access faults on the host, which
 * hostfault.c turns into the guest's SIGSEGV), never freed for reuse. */
static void host_release(struct Mem *mem, uintptr_t start, size_t len) {
  if (!mem->threaded || mem->ncpus < 2) {
    munmap((void *)start, len);
    return;
  }
  if (mem->nzombies == mem->capzombies) {
    size_t cap = mem->capzombies ? mem->capzombies * 2 : 16;
    struct Zombie *z = realloc(mem->zombies, cap * sizeof(*z));
    if (!z) {
      mmap((void *)start, len, PROT_NONE,
           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0);
      return;
    }
    mem->zombies = z;
    mem->capzombies = cap;
  }
  struct Zombie *z = &mem->zombies[mem->nzombies++];
  z->start = start;
  z->len = len;
  z->gen = mem->gen + 1; /* the shootdown that ends this change */
}

void mem_tlb_sync(struct Machine *m) {
  struct Mem *mem = m->mem;
  mem_lock_(mem);
  mem_tlb_flush(m);
  m->tlb_gen = mem->gen;
  if (mem->nzombies) reclaim(mem);
  mem_unlock_(mem);
}

void mem_fault_release(struct Mem *mem) { mem_unlock_all(mem); }

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

/* Host backing is given back in runs: one munmap per contiguous host
 * range, since one per page made exiting a large program cost
 * milliseconds. */
struct HostRun {
  uintptr_t start;
  size_t len;
};

static void run_add(struct Mem *mem, struct HostRun *r, uintptr_t host,
                    size_t len) {
  if (r->len && r->start + r->len == host) {
    r->len += len;
    return;
  }
  if (r->len) host_release(mem, r->start, r->len);
  r->start = host;
  r->len = len;
}

static void run_end(struct Mem *mem, struct HostRun *r) {
  if (r->len) host_release(mem, r->start, r->len);
  r->len = 0;
}

/* ---- Regions ---- */

/* Index of the first region ending after va (n when none does). */
static size_t vma_search(const struct Mem *mem, uint64_t va) {
  size_t lo = 0, hi = mem->n;
  while (lo < hi) {
    size_t mid = lo + (hi - lo) / 2;
    if (mem->v[mid].end <= va) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

static const struct Vma *vma_at(const struct Mem *mem, uint64_t va) {
  size_t i = vma_search(mem, va);
  return i < mem->n && mem->v[i].start <= va ? &mem->v[i] : NULL;
}

/* Room for extra more regions, so that an operation, once started, never
 * fails half way. */
static int vma_reserve(struct Mem *mem, size_t extra) {
  if (mem->n + extra <= mem->cap) return 0;
  size_t cap = mem->cap ? mem->cap : 16;
  while (cap < mem->n + extra) cap *= 2;
  struct Vma *v = realloc(mem->v, cap * sizeof(*v));
  if (!v) return -ENOMEM;
  mem->v = v;
  mem->cap = cap;
  return 0;
}

static void vma_insert(struct Mem *mem, size_t i, const struct Vma *x) {
  memmove(&mem->v[i + 1], &mem->v[i], (mem->n - i) * sizeof(*x));
  mem->v[i] = *x;
  mem->n++;
}

/* Remove regions [i, j). */
static void vma_delete(struct Mem *mem, size_t i, size_t j) {
  memmove(&mem->v[i], &mem->v[j], (mem->n - j) * sizeof(*mem->v));
  mem->n -= j - i;
}

/* Make a a region boundary: split the region straddling it, if any. Needs
 * room for one more region. */
static void vma_split(struct Mem *mem, uint64_t a) {
  size_t i = vma_search(mem, a);
  if (i == mem->n || mem->v[i].start >= a) return;
  struct Vma hi = mem->v[i];
  hi.host += a - hi.start;
  hi.start = a;
  mem->v[i].end = a;
  vma_insert(mem, i + 1, &hi);
}

static bool vma_joins(const struct Vma *a, const struct Vma *b) {
  return a->end == b->start && a->prot == b->prot &&
         a->shared == b->shared && a->host + (a->end - a->start) == b->host;
}

/* Join neighbours among regions i-1 .. j+1 that continue each other, so
 * that mprotect toggling does not grow the array without bound. */
static void vma_merge(struct Mem *mem, size_t i, size_t j) {
  size_t k = i ? i - 1 : 0;
  while (k + 1 < mem->n && k <= j) {
    if (vma_joins(&mem->v[k], &mem->v[k + 1])) {
      mem->v[k].end = mem->v[k + 1].end;
      vma_delete(mem, k + 1, k + 2);
      if (j) --j;
    } else {
      ++k;
    }
  }
}

/* ---- Page tables ---- */

static void free_level(uint64_t *t, int level) {
  if (level > 1)
    for (int k = 0; k < 512; ++k)
      if (t[k]) free_level((uint64_t *)(uintptr_t)t[k], level - 1);
  free(t);
}

void mem_free(struct Mem *mem) {
  if (!mem) return;
  struct HostRun run = {0, 0};
  /* Every other machine is gone (vm_free waited). */
  bool threaded = mem->threaded;
  zombies_free(mem);
  mem->threaded = false;
  mem->ncpus = 0;
  for (size_t i = 0; i < mem->n; ++i)
    run_add(mem, &run, (uintptr_t)mem->v[i].host,
            mem->v[i].end - mem->v[i].start);
  run_end(mem, &run);
  free(mem->zombies);
  free(mem->v);
  free_level(mem->pml4, 4);
  icache_free(mem->icache);
  if (threaded) {
    pthread_mutex_destroy(&mem->lock);
    pthread_cond_destroy(&mem->done);
  }
  free(mem->cpus);
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

/* What the leaf entry of the page at va is, or would be once touched. */
static uint64_t pte_of(const struct Vma *v, uint64_t va) {
  return (uint64_t)(uintptr_t)(v->host + ((va & ~PAGE_MASK) - v->start)) |
         v->prot | PTE_PRESENT;
}

/* The leaf entry value for va without making one (0 when unmapped). */
static inline uint64_t pte_get(struct Mem *mem, uint64_t va) {
  if (va >= VA_LIMIT) return 0;
  uint64_t *p = pte_ptr(mem, va, false);
  if (p && *p) return *p;
  const struct Vma *v = vma_at(mem, va);
  return v ? pte_of(v, va) : 0;
}

/* The leaf entry of va, filled from its region on the first touch; NULL
 * when va is unmapped (or there is no host memory for the table, which
 * the guest sees as a fault rather than the emulator aborting). */
static uint64_t *pte_fill(struct Mem *mem, uint64_t va) {
  if (va >= VA_LIMIT) return NULL;
  uint64_t *p = pte_ptr(mem, va, false);
  if (p && *p) return p;
  const struct Vma *v = vma_at(mem, va);
  if (!v) return NULL;
  if (!p && !(p = pte_ptr(mem, va, true))) return NULL;
  *p = pte_of(v, va);
  return p;
}

void mem_tlb_flush(struct Machine *m) {
  for (int k = 0; k < TLB_SIZE; ++k) {
    m->tlb[k].rtag = ~0ull;
    m->tlb[k].wtag = ~0ull;
    m->tlb[k].host = NULL;
  }
  m->cp = NULL;
  memset(m->ctlb, 0, sizeof(m->ctlb));
  memset(m->xlat, 0, sizeof(m->xlat));
}

/* For hostfault.c: the slow paths note the pages they hand out, newest
 * last (an access right after translate() may have no TLB tag). */
static inline void note_xlat(struct Machine *m, uint64_t va, const uint8_t *host) {
  unsigned k = m->xlat_next++ & 3;
  m->xlat[k].host = (uint8_t *)((uintptr_t)host & ~(uintptr_t)PAGE_MASK);
  m->xlat[k].vpn = va >> 12;
}

int mem_host_to_guest(struct Machine *m, const void *host, uint64_t *va) {
  uintptr_t h = (uintptr_t)host, page = h & ~(uintptr_t)PAGE_MASK;
  for (unsigned j = 0; j < 4; ++j) {
    unsigned k = (m->xlat_next - 1 - j) & 3;
    if (m->xlat[k].host && (uintptr_t)m->xlat[k].host == page) {
      *va = (m->xlat[k].vpn << 12) | (h & PAGE_MASK);
      return 1;
    }
  }
  for (int k = 0; k < TLB_SIZE; ++k) {
    const struct TlbEntry *e = &m->tlb[k];
    if ((uintptr_t)e->host != page) continue;
    uint64_t vpn = e->rtag != ~0ull ? e->rtag : e->wtag;
    if (vpn == ~0ull) continue;
    *va = (vpn << 12) | (h & PAGE_MASK);
    return 1;
  }
  return 0;
}

void mem_tlb_drop_writes(struct Machine *m) {
  for (int k = 0; k < TLB_SIZE; ++k) m->tlb[k].wtag = ~0ull;
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

/* Visiting the existing leaf entries of a range: drop them (the region is
 * going or moving), or give them new protection bits. */
enum { WALK_CLEAR, WALK_PROT };

struct Walk {
  struct Machine *m;
  uint64_t va, end;
  int mode;
  uint64_t bits;
};

/* t's entries each span 1 << shift bytes from base. Only tables that
 * exist are visited, so the cost follows the pages touched, not the
 * size of the range. Tables wholly inside a cleared range are freed. */
static void walk_level(struct Walk *w, uint64_t *t, int shift, uint64_t base) {
  uint64_t span = 1ull << shift;
  uint64_t lo = w->va > base ? w->va : base;
  uint64_t top = base + 512 * span;
  uint64_t hi = w->end < top ? w->end : top;
  if (lo >= hi) return;
  for (uint64_t k = (lo - base) >> shift; k <= (hi - 1 - base) >> shift; ++k) {
    if (!t[k]) continue;
    uint64_t a = base + k * span;
    if (shift > 12) {
      uint64_t *c = (uint64_t *)(uintptr_t)t[k];
      walk_level(w, c, shift - 9, a);
      if (w->mode == WALK_CLEAR && a >= w->va && a + span <= w->end) {
        free_level(c, (shift - 12) / 9);
        t[k] = 0;
      }
    } else if (w->mode == WALK_CLEAR) {
      drop_code(w->m, &t[k], a);
      t[k] = 0;
    } else {
      if (!(w->bits & PTE_X)) drop_code(w->m, &t[k], a);
      t[k] = (t[k] & ~PTE_PROT) | w->bits;
    }
  }
}

static void walk(struct Machine *m, uint64_t va, uint64_t end, int mode,
                 uint64_t bits) {
  struct Walk w = {m, va, end, mode, bits};
  walk_level(&w, m->mem->pml4, 39, 0);
}

/* Tell the history what [va, end) holds before it goes, so that going
 * back can rebuild it. */
static void lost_range(struct Machine *m, uint64_t va, uint64_t end) {
  struct Mem *mem = m->mem;
  for (size_t i = vma_search(mem, va); i < mem->n && mem->v[i].start < end; ++i) {
    uint64_t a = mem->v[i].start > va ? mem->v[i].start : va;
    uint64_t b = mem->v[i].end < end ? mem->v[i].end : end;
    history_range_lost(m, a, b - a, mem->v[i].host + (a - mem->v[i].start));
  }
}

/* Remove [va, end) from the address space: entries, regions and host
 * backing. The caller has reserved room for two more regions. */
static void unmap_range(struct Machine *m, uint64_t va, uint64_t end) {
  struct Mem *mem = m->mem;
  if (m->hist) lost_range(m, va, end);
  walk(m, va, end, WALK_CLEAR, 0);
  vma_split(mem, va);
  vma_split(mem, end);
  size_t i = vma_search(mem, va), j = i;
  struct HostRun run = {0, 0};
  for (; j < mem->n && mem->v[j].end <= end; ++j)
    run_add(mem, &run, (uintptr_t)mem->v[j].host,
            mem->v[j].end - mem->v[j].start);
  run_end(mem, &run);
  vma_delete(mem, i, j);
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
  uint64_t b = prot & PTE_PROT;
  if (b) b |= PTE_R;
  return b;
}

/* Put a new region in (its range is free), joining neighbours. */
static void vma_add(struct Mem *mem, const struct Vma *x) {
  size_t i = vma_search(mem, x->start);
  vma_insert(mem, i, x);
  vma_merge(mem, i, i);
}

static int map_common(struct Machine *m, uint64_t va, uint64_t len, int prot,
                      int fd, int64_t off, int shared);

/* prot may carry MPROT_SHARED: shared memory, as mem_map_shared makes
 * (anonymous memory that a forked child shares too, or the file's own
 * pages). mem_map, the locked wrapper below, calls this. */
static int mem_map_l(struct Machine *m, uint64_t va, uint64_t len, int prot,
                     int fd, int64_t off) {
  return map_common(m, va, len, prot & ~MPROT_SHARED, fd, off,
                    (prot & MPROT_SHARED) != 0);
}

int mem_map_shared(struct Machine *m, uint64_t va, uint64_t len, int prot,
                   int fd, int64_t off) {
  return mem_map(m, va, len, prot | MPROT_SHARED, fd, off);
}

static int map_common(struct Machine *m, uint64_t va, uint64_t len, int prot,
                      int fd, int64_t off, int shared) {
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
  if (vma_reserve(m->mem, 3)) return -ENOMEM;
  /* Shared anonymous memory is host shared memory, so that a forked
   * child (a host fork) shares it too; a shared file mapping is the
   * host's, up to the end of the file. */
  uint8_t *host = mmap(NULL, len, PROT_READ | PROT_WRITE,
                       (shared && fd < 0 ? MAP_SHARED : MAP_PRIVATE) |
                           MAP_ANONYMOUS | MAP_NORESERVE,
                       -1, 0);
  if (host == MAP_FAILED) return -ENOMEM;
  if (filelen && mmap(host, filelen, PROT_READ | PROT_WRITE,
                      (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_FIXED, fd,
                      off) == MAP_FAILED) {
    int e = errno;
    munmap(host, len);
    return -e;
  }
  unmap_range(m, va, va + len);
  if (m->hist) history_range_mapped(m, va, len);
  uint64_t kind = !shared ? 0 : fd >= 0 ? MEM_SHARED_FILE : MEM_SHARED_ANON;
  struct Vma x = {va, va + len, host, prot_bits(prot), kind};
  vma_add(m->mem, &x);
  mem_tlb_flush(m);
  return 0;
}

static int mem_unmap_l(struct Machine *m, uint64_t va, uint64_t len) {
  int rc = check_range(va, &len);
  if (rc) return rc;
  if (vma_reserve(m->mem, 2)) return -ENOMEM;
  unmap_range(m, va, va + len);
  mem_tlb_flush(m);
  return 0;
}

static int mem_protect_l(struct Machine *m, uint64_t va, uint64_t len, int prot) {
  struct Mem *mem = m->mem;
  int rc = check_range(va, &len);
  if (rc) return rc;
  if (!mem_mapped(m, va, len)) return -ENOMEM;
  if (vma_reserve(mem, 2)) return -ENOMEM;
  uint64_t bits = prot_bits(prot), end = va + len;
  vma_split(mem, va);
  vma_split(mem, end);
  size_t i = vma_search(mem, va), j = i;
  for (; j < mem->n && mem->v[j].start < end; ++j) mem->v[j].prot = bits;
  walk(m, va, end, WALK_PROT, bits);
  vma_merge(mem, i, j);
  mem_tlb_flush(m);
  return 0;
}

static int mem_prot_l(struct Machine *m, uint64_t va) {
  const struct Vma *v = va < VA_LIMIT ? vma_at(m->mem, va) : NULL;
  return v ? (int)v->prot : -1;
}

static uint64_t mem_run_end_l(struct Machine *m, uint64_t va, int *prot) {
  struct Mem *mem = m->mem;
  size_t i = va < VA_LIMIT ? vma_search(mem, va) : mem->n;
  if (i == mem->n || mem->v[i].start > va) return 0;
  uint64_t p = mem->v[i].prot, end = mem->v[i].end;
  for (++i; i < mem->n && mem->v[i].start == end && mem->v[i].prot == p; ++i)
    end = mem->v[i].end;
  if (prot) *prot = (int)p;
  return end;
}

uint64_t mem_shared_end(struct Machine *m, uint64_t va, int *shared) {
  struct Mem *mem = m->mem;
  size_t i = va < VA_LIMIT ? vma_search(mem, va) : mem->n;
  if (i == mem->n || mem->v[i].start > va) return 0;
  uint64_t sh = mem->v[i].shared, end = mem->v[i].end;
  for (++i; i < mem->n && mem->v[i].start == end && mem->v[i].shared == sh; ++i)
    end = mem->v[i].end;
  if (shared) *shared = (int)sh;
  return end;
}

static int mem_mapped_l(struct Machine *m, uint64_t va, uint64_t len) {
  struct Mem *mem = m->mem;
  if (va >= VA_LIMIT || len > VA_LIMIT - va) return 0;
  uint64_t a = va & ~PAGE_MASK, end = va + len;
  for (size_t i = vma_search(mem, a); a < end; ++i) {
    if (i >= mem->n || mem->v[i].start > a) return 0;
    a = mem->v[i].end;
  }
  return 1;
}

static uint64_t mem_find_l(struct Machine *m, uint64_t hint, uint64_t len) {
  struct Mem *mem = m->mem;
  len = (len + PAGE_MASK) & ~PAGE_MASK;
  uint64_t a = (hint + PAGE_MASK) & ~PAGE_MASK;
  if (a < 0x10000) a = 0x10000;
  for (size_t i = vma_search(mem, a);; ++i) {
    if (a >= VA_LIMIT || len > VA_LIMIT - a) return 0;
    if (i == mem->n) return a;
    if (mem->v[i].start > a && mem->v[i].start - a >= len) return a;
    a = mem->v[i].end;
  }
}

static int mem_move_l(struct Machine *m, uint64_t old, uint64_t oldlen, uint64_t new,
             uint64_t newlen) {
  struct Mem *mem = m->mem;
  int rc;
  if ((rc = check_range(old, &oldlen)) || (rc = check_range(new, &newlen)))
    return rc;
  if (!mem_mapped(m, old, oldlen)) return -EFAULT;
  /* Splits at old's ends and new's ends: the pieces taken out go back in
   * the same number, so four spare slots cover the whole move. */
  if (vma_reserve(mem, 4)) return -ENOMEM;
  if (newlen < oldlen) {
    unmap_range(m, old + newlen, old + oldlen);
    oldlen = newlen;
  }
  uint64_t oend = old + oldlen;
  if (m->hist) {
    lost_range(m, old, oend);
    history_range_mapped(m, new, newlen);
  }
  vma_split(mem, old);
  vma_split(mem, oend);
  size_t i = vma_search(mem, old), j = i;
  while (j < mem->n && mem->v[j].end <= oend) ++j;
  size_t k = j - i;
  struct Vma *save = malloc(k * sizeof(*save));
  if (!save) {
    vma_merge(mem, i, j);
    return -ENOMEM;
  }
  memcpy(save, &mem->v[i], k * sizeof(*save));
  /* The host pages move with their regions; entries are made afresh at
   * the new place on first touch. */
  walk(m, old, oend, WALK_CLEAR, 0);
  vma_delete(mem, i, j);
  /* Whatever the new range held goes, then the saved regions move in. */
  unmap_range(m, new, new + newlen);
  for (size_t q = 0; q < k; ++q) {
    save[q].start = save[q].start - old + new;
    save[q].end = save[q].end - old + new;
    vma_add(mem, &save[q]);
  }
  int prot = (int)save[k - 1].prot;
  /* A shared anonymous region grows with more shared memory (Linux
   * raises SIGBUS past the shared object's first size instead). */
  int shared = save[k - 1].shared == MEM_SHARED_ANON;
  free(save);
  mem_tlb_flush(m);
  if (newlen > oldlen)
    return map_common(m, new + oldlen, newlen - oldlen, prot, -1, 0, shared);
  return 0;
}

/* Whether the host page at p can be read without a fault (a shared file
 * page past the end of the file cannot: SIGBUS). The kernel reports
 * EFAULT for it to process_vm_readv instead of raising a signal. */
static bool host_page_ok(uint8_t *p) {
  char c;
  struct iovec l = {&c, 1}, r = {p, 1};
  if (process_vm_readv(getpid(), &l, 1, &r, 1, 0) == 1) return true;
  if (errno == EFAULT) return false;
  /* Not allowed here (seccomp): a write into a pipe reads the page in
   * the kernel too, and fails with EFAULT the same way. */
  int fds[2];
  if (pipe(fds)) return true;
  bool ok = write(fds[1], p, 1) == 1;
  close(fds[0]);
  close(fds[1]);
  return ok;
}

static int mem_grow_shared_file_l(struct Machine *m, uint64_t old,
                                  uint64_t oldlen, uint64_t new,
                                  uint64_t newlen) {
  struct Mem *mem = m->mem;
  int rc;
  if ((rc = check_range(old, &oldlen)) || (rc = check_range(new, &newlen)))
    return rc;
  if (newlen <= oldlen) return -EINVAL;
  /* The old range: shared file pages, one host-contiguous run. */
  size_t i = vma_search(mem, old);
  if (i == mem->n || mem->v[i].start > old) return -EFAULT;
  uint8_t *host = mem->v[i].host + (old - mem->v[i].start);
  uint64_t bits = mem->v[i].prot;
  for (uint64_t a = old; a < old + oldlen;) {
    if (i == mem->n || mem->v[i].start > a || mem->v[i].prot != bits ||
        mem->v[i].shared != MEM_SHARED_FILE ||
        mem->v[i].host + (a - mem->v[i].start) != host + (a - old))
      return -ENOMEM;
    a = mem->v[i++].end;
  }
  if (vma_reserve(mem, 4)) return -ENOMEM;
  /* The host kernel knows the file and the offset: it grows (or moves)
   * the mapping. It refuses when the host range is not one mapping
   * (part of it was past the end of the file at mmap time). */
  uint8_t *nh = mremap(host, oldlen, newlen, MREMAP_MAYMOVE);
  if (nh == MAP_FAILED) return -ENOMEM;
  if (nh != host && mem->threaded && mem->ncpus > 1) {
    /* Other machines may still hold TLB entries for the old host range:
     * keep it from being reused until they are past the shootdown below
     * (a stale access meanwhile faults on the host: the guest's SIGSEGV,
     * hostfault.c). Another host thread may map there first: then no. */
    void *r = mmap(host, oldlen, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE |
                       MAP_FIXED_NOREPLACE, -1, 0);
    if (r == (void *)host) host_release(mem, (uintptr_t)host, oldlen);
    else if (r != MAP_FAILED) munmap(r, oldlen); /* an old kernel's hint */
  }
  /* Pages past the end of the file would raise SIGBUS in the emulator:
   * they are a suffix; find where it starts and back it with zeroes, as
   * map_common does. */
  uint64_t lo = oldlen / PAGE_SIZE, hi = newlen / PAGE_SIZE;
  while (lo < hi) {
    uint64_t mid = lo + (hi - lo) / 2;
    if (host_page_ok(nh + mid * PAGE_SIZE)) lo = mid + 1;
    else hi = mid;
  }
  if (lo < newlen / PAGE_SIZE &&
      mmap(nh + lo * PAGE_SIZE, newlen - lo * PAGE_SIZE, PROT_READ | PROT_WRITE,
           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED | MAP_NORESERVE, -1, 0) == MAP_FAILED) {
    /* Cannot happen short of running out of memory; the host pages stay
     * as they are (a touch past the end of the file would fault). */
  }
  /* The old host range is gone: forget its regions without unmapping. */
  if (m->hist) {
    lost_range(m, old, old + oldlen);
    history_range_mapped(m, new, newlen);
  }
  walk(m, old, old + oldlen, WALK_CLEAR, 0);
  vma_split(mem, old);
  vma_split(mem, old + oldlen);
  size_t s0 = vma_search(mem, old), s1 = s0;
  while (s1 < mem->n && mem->v[s1].end <= old + oldlen) ++s1;
  vma_delete(mem, s0, s1);
  unmap_range(m, new, new + newlen);
  struct Vma x = {new, new + newlen, nh, bits, MEM_SHARED_FILE};
  vma_add(mem, &x);
  mem_tlb_flush(m);
  shootdown(m);
  return 0;
}

int mem_grow_shared_file(struct Machine *m, uint64_t old, uint64_t oldlen,
                         uint64_t new, uint64_t newlen) {
  mem_lock_(m->mem);
  int r = mem_grow_shared_file_l(m, old, oldlen, new, newlen);
  mem_unlock_(m->mem);
  return r;
}

static void mem_each_region_l(struct Machine *m,
                     void (*fn)(void *ctx, uint64_t va, uint64_t len, int prot),
                     void *ctx) {
  struct Mem *mem = m->mem;
  for (size_t i = 0; i < mem->n;) {
    uint64_t start = mem->v[i].start, end = mem->v[i].end, prot = mem->v[i].prot;
    for (++i; i < mem->n && mem->v[i].start == end && mem->v[i].prot == prot; ++i)
      end = mem->v[i].end;
    fn(ctx, start, end - start, (int)prot);
  }
}

static void mem_mark_code_bare_l(struct Machine *m, uint64_t va) {
  int64_t pa = (m->cr0 & CR0_PG) ? paging_peek(m, va) : (int64_t)(va & 0xffffffffull);
  if (pa < 0) return;
  pa = (int64_t)cpu_phys(m, (uint64_t)pa);
  uint64_t *p = pte_fill(m->mem, (uint64_t)pa);
  if (!p || !(*p & PTE_PRESENT)) return;
  if (!(*p & PTE_CODE)) {
    /* Any linear alias of the page may have a write tag: every store to
     * the page must now take the slow path. */
    mem_tlb_drop_writes(m);
  }
  *p |= PTE_CODE;
  if ((va >> 12) != ((uint64_t)pa >> 12)) *p |= PTE_ALIAS;
}

static void mem_mark_code_l(struct Machine *m, uint64_t va) {
  if (m->bare) {
    mem_mark_code_bare_l(m, va);
    return;
  }
  uint64_t *p = pte_fill(m->mem, va);
  if (p) {
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
  mem_unlock_all(m->mem);
  exec_fault(m, EXC_PF, err, va);
}

/* Bare machines: where nothing is mapped, reads see all ones (an open
 * bus) and writes vanish into a page nobody reads; ROM writes too. */
static const uint8_t ones_page[PAGE_SIZE] = {
#define X16 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, \
            0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff
#define X256 X16, X16, X16, X16, X16, X16, X16, X16, \
             X16, X16, X16, X16, X16, X16, X16, X16
    X256, X256, X256, X256, X256, X256, X256, X256,
    X256, X256, X256, X256, X256, X256, X256, X256,
#undef X256
#undef X16
};
static uint8_t sink_page[PAGE_SIZE];

/* The physical address of linear va in a bare machine (paging, A20, the
 * ROM alias); *perm: what the paging entries allow further accesses. */
static uint64_t bare_phys(struct Machine *m, uint64_t va, int acc, int *perm) {
  uint64_t pa = va;
  *perm = MPROT_READ | MPROT_WRITE | MPROT_EXEC;
  if (m->cr0 & CR0_PG) pa = paging_translate(m, va, acc, perm);
  else pa &= 0xffffffffull; /* 32-bit linear addresses wrap */
  return cpu_phys(m, pa);
}

/* A store hits a physical page with decoded code: drop what it hits, or
 * everything when the code was decoded under another linear address
 * (which the icache, keyed by linear page, is filed under). */
static void bare_code_store(struct Machine *m, uint64_t *p, uint64_t va,
                            uint64_t pa, unsigned size) {
  if ((*p & PTE_ALIAS) || (va >> 12) != (pa >> 12)) {
    icache_invalidate_all(m->mem->icache);
    m->stats.smc_flushes++;
    *p &= ~(PTE_CODE | PTE_ALIAS);
    return;
  }
  struct CodePage *cp = icache_find(m->mem->icache, va >> 12);
  if (!cp || icache_hits(cp, (unsigned)(va & PAGE_MASK), size)) {
    icache_invalidate(m->mem->icache, va >> 12);
    m->stats.smc_flushes++;
  }
  if (!cp || !cp->n) *p &= ~PTE_CODE;
}

static uint8_t *translate_bare_l(struct Machine *m, uint64_t va, int acc,
                                 unsigned size) {
  int perm;
  uint64_t pa = bare_phys(m, va, acc, &perm);
  uint64_t *p = pte_fill(m->mem, pa);
  uint64_t e = p ? *p : 0;
  uint8_t *host;
  if (!(e & PTE_PRESENT)) {
    host = acc == ACC_WRITE ? sink_page : (uint8_t *)ones_page;
    perm &= acc == ACC_WRITE ? 0 : MPROT_READ;
  } else if (!(e & PTE_W)) {
    host = acc == ACC_WRITE ? sink_page : (uint8_t *)(uintptr_t)(e & ~PTE_FLAGS);
    perm &= acc == ACC_WRITE ? 0 : ~MPROT_WRITE;
  } else {
    host = (uint8_t *)(uintptr_t)(e & ~PTE_FLAGS);
    if (acc == ACC_WRITE && (e & PTE_CODE)) {
      bare_code_store(m, p, va, pa, size);
      e = *p;
    }
    if (e & PTE_CODE) perm &= ~MPROT_WRITE;
  }
  struct TlbEntry *t = &m->tlb[(va >> 12) & (TLB_SIZE - 1)];
  m->stats.tlb_fills++;
  note_xlat(m, va, host);
  t->host = host;
  t->rtag = (perm & MPROT_READ) && !m->align_check ? va >> 12 : ~0ull;
  t->wtag = (perm & MPROT_WRITE) && !m->nowrite_fast && !m->align_check
                ? va >> 12 : ~0ull;
  if (__builtin_expect(m->nwatch != 0, 0)) {
    int kinds = watch_page(m, va);
    if (kinds & WATCH_READ) t->rtag = ~0ull;
    if (kinds & WATCH_WRITE) t->wtag = ~0ull;
    if (kinds & (acc == ACC_WRITE ? WATCH_WRITE : WATCH_READ))
      watch_access(m, va, size, acc == ACC_WRITE ? WATCH_WRITE : WATCH_READ);
  }
  if (__builtin_expect(m->rec_access, 0) || m->sys_acc) t->rtag = t->wtag = ~0ull;
  if (t->rtag != ~0ull || t->wtag != ~0ull) m->tlb_bare = false;
  return host + (va & PAGE_MASK);
}

/* Translate one guest address, checking the access, and fill the TLB.
 * Stores to pages with decoded code drop the overlapped records first. */
static uint8_t *translate_l(struct Machine *m, uint64_t va, int acc,
                            unsigned size) {
  if (__builtin_expect(m->bare, 0)) return translate_bare_l(m, va, acc, size);
  uint64_t *p = pte_fill(m->mem, va);
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
  note_xlat(m, va, host);
  t->host = host;
  t->rtag = ((e & PTE_R) && !m->align_check) ? va >> 12 : ~0ull;
  int wok = (e & PTE_W) && !(e & PTE_CODE) && !m->nowrite_fast &&
            !m->align_check;
  /* Recording: a page earns its write tag once saved in this epoch. */
  if (m->hist && (e & PTE_W))
    wok &= history_page_write(m, va & ~PAGE_MASK, host, acc == ACC_WRITE);
  t->wtag = wok ? va >> 12 : ~0ull;
  if (__builtin_expect(m->nwatch != 0, 0)) {
    /* Watched pages keep taking this path for the kinds watched. */
    int kinds = watch_page(m, va);
    if (kinds & WATCH_READ) t->rtag = ~0ull;
    if (kinds & WATCH_WRITE) t->wtag = ~0ull;
    if (kinds & (acc == ACC_WRITE ? WATCH_WRITE : WATCH_READ))
      watch_access(m, va, size, acc == ACC_WRITE ? WATCH_WRITE : WATCH_READ);
  }
  /* vm_step recording its accesses: every one must come here. */
  if (__builtin_expect(m->rec_access, 0)) t->rtag = t->wtag = ~0ull;
  if (t->rtag != ~0ull || t->wtag != ~0ull) m->tlb_bare = false;
  return host + (va & PAGE_MASK);
}

static uint8_t *translate(struct Machine *m, uint64_t va, int acc,
                          unsigned size) {
  mem_lock_(m->mem);
  uint8_t *h = translate_l(m, va, acc, size);
  mem_unlock_(m->mem);
  return h;
}

uint8_t *mem_host_rw_slow(struct Machine *m, uint64_t va, unsigned size) {
  /* One thread: the caller's plain read-modify-write is atomic enough,
   * and it records accesses for vm_step. */
  if (!m->mem->threaded || m->rec_access || (int64_t)va < 0) return NULL;
  if ((va & PAGE_MASK) > PAGE_SIZE - size) return NULL;
  if (m->align_check && (va & (size - 1))) return NULL; /* #AC there */
  return translate(m, va, ACC_WRITE, size);
}

/* vm_last_access: the first data read and write of the instruction
 * vm_step runs. */
static void note_access(struct Machine *m, uint64_t va, uint64_t n, int write) {
  uint64_t *a = write ? &m->acc_waddr : &m->acc_raddr;
  uint64_t *len = write ? &m->acc_wlen : &m->acc_rlen;
  if (!*len) {
    *a = va;
    *len = n;
  } else if (va == *a + *len && *len + n <= PAGE_SIZE) {
    *len += n; /* the second half of a 16-byte SSE access, say */
  }
}

uint64_t mem_load_slow(struct Machine *m, uint64_t va, unsigned size) {
  uint8_t buf[8] = {0};
  /* A bare machine's checked segment (cpu.h SEG_TAG). */
  if (__builtin_expect((int64_t)va < 0, 0) && m->bare) va = seg_linear(m, va, size, 0);
  /* #AC: Linux reports no address (si_addr 0). */
  if (m->align_check && (va & (size - 1))) exec_fault(m, EXC_AC, 0, 0);
  if (m->rec_access) note_access(m, va, size, 0);
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
  if (__builtin_expect((int64_t)va < 0, 0) && m->bare) va = seg_linear(m, va, size, 1);
  /* #AC: Linux reports no address (si_addr 0). */
  if (m->align_check && (va & (size - 1))) exec_fault(m, EXC_AC, 0, 0);
  if (m->rec_access) note_access(m, va, size, 1);
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
  if (__builtin_expect((int64_t)va < 0, 0) && m->bare) va = seg_linear(m, va, n, 0);
  if (m->rec_access && n) note_access(m, va, n, 0);
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
  if (__builtin_expect((int64_t)va < 0, 0) && m->bare) va = seg_linear(m, va, n, 1);
  /* Check every page first so that a faulting write changes nothing. */
  mem_lock_(m->mem);
  /* (bare machines: physical memory never faults; paging checks each
   * page as it comes) */
  for (uint64_t a = va & ~PAGE_MASK; !m->bare && a < va + n; a += PAGE_SIZE) {
    uint64_t e = pte_get(m->mem, a);
    if (!(e & PTE_PRESENT) || !(e & PTE_W))
      page_fault(m, a < va ? va : a, e, ACC_WRITE);
  }
  mem_unlock_(m->mem);
  const uint8_t *s = src;
  if (m->rec_access && n) note_access(m, va, n, 1);
  while (n) {
    size_t chunk = PAGE_SIZE - (va & PAGE_MASK);
    if (chunk > n) chunk = n;
    memcpy(translate(m, va, ACC_WRITE, (unsigned)chunk), s, chunk);
    s += chunk;
    va += chunk;
    n -= chunk;
  }
}

static const uint8_t *mem_fetch_bare_l(struct Machine *m, uint64_t va,
                                       size_t *avail) {
  int perm;
  uint64_t pa = bare_phys(m, va, ACC_FETCH, &perm);
  uint64_t *p = pte_fill(m->mem, pa);
  uint64_t e = p ? *p : 0;
  *avail = PAGE_SIZE - (va & PAGE_MASK);
  const uint8_t *host = (e & PTE_PRESENT) ? (const uint8_t *)(uintptr_t)(e & ~PTE_FLAGS)
                                          : ones_page;
  note_xlat(m, va, host);
  return host + (va & PAGE_MASK);
}

static inline __attribute__((always_inline)) const uint8_t *mem_fetch_l(
    struct Machine *m, uint64_t va, size_t *avail) {
  /* The entry is made here so that mem_mark_code() has one to mark. */
  uint64_t *p = pte_fill(m->mem, va);
  uint64_t e = p ? *p : 0;
  if (!(e & PTE_PRESENT) || !(e & PTE_X)) page_fault(m, va, e, ACC_FETCH);
  *avail = PAGE_SIZE - (va & PAGE_MASK);
  /* The decoder reads the bytes from there. */
  note_xlat(m, va, (const uint8_t *)(uintptr_t)(e & ~PTE_FLAGS));
  return (const uint8_t *)(uintptr_t)(e & ~PTE_FLAGS) + (va & PAGE_MASK);
}

/* Non-faulting copies for the system call layer. mem_peek is the same
 * copy in, but not a guest access: watchpoints and vm_last_access do not
 * see it (the debugger's vm_peek, logging the bytes of an instruction). */
/* Bare machines: copies between host and guest linear memory for the
 * debugger and logs, through the page tables without faulting or
 * setting accessed bits; unmapped physical memory reads as 0xFF. */
static int bare_copy(struct Machine *m, uint64_t va, void *buf, size_t n,
                     bool write) {
  uint8_t *b = buf;
  while (n) {
    size_t chunk = PAGE_SIZE - (va & PAGE_MASK);
    if (chunk > n) chunk = n;
    int64_t pa = (m->cr0 & CR0_PG) ? paging_peek(m, va) : (int64_t)(va & 0xffffffffull);
    if (pa < 0) return -EFAULT;
    pa = (int64_t)cpu_phys(m, (uint64_t)pa);
    uint64_t *p = pte_fill(m->mem, (uint64_t)pa);
    uint64_t e = p ? *p : 0;
    if (write) {
      if (!(e & PTE_PRESENT)) return -EFAULT;
      if (e & PTE_CODE) {
        icache_invalidate_all(m->mem->icache);
        *p &= ~(PTE_CODE | PTE_ALIAS);
      }
      memcpy((uint8_t *)(uintptr_t)(e & ~PTE_FLAGS) + (pa & PAGE_MASK), b, chunk);
    } else if (e & PTE_PRESENT) {
      memcpy(b, (uint8_t *)(uintptr_t)(e & ~PTE_FLAGS) + (pa & PAGE_MASK), chunk);
    } else {
      memset(b, 0xff, chunk);
    }
    b += chunk;
    va += chunk;
    n -= chunk;
  }
  return 0;
}

static int copy_in(struct Machine *m, void *dst, uint64_t va, size_t n,
                   bool guest) {
  if (m->bare) return bare_copy(m, va, dst, n, false);
  if (va >= VA_LIMIT || n > VA_LIMIT - va) return n ? -EFAULT : 0;
  for (uint64_t a = va & ~PAGE_MASK; a < va + n; a += PAGE_SIZE)
    if (!(pte_get(m->mem, a) & PTE_R)) return -EFAULT;
  if (guest && m->rec_access && n) note_access(m, va, n, 0);
  /* A system call's load is a load for the watchpoints too. */
  if (guest && __builtin_expect(m->nwatch != 0, 0) && n)
    watch_access(m, va, n, WATCH_READ);
  uint8_t *d = dst;
  while (n) {
    size_t chunk = PAGE_SIZE - (va & PAGE_MASK);
    if (chunk > n) chunk = n;
    /* A shared file page past the end of the file: EFAULT, as Linux
     * says when its copy from user memory meets SIGBUS. */
    if (hostfault_copy(d, (uint8_t *)(uintptr_t)(pte_get(m->mem, va) & ~PTE_FLAGS) + (va & PAGE_MASK), chunk))
      return -EFAULT;
    d += chunk;
    va += chunk;
    n -= chunk;
  }
  return 0;
}

int mem_copy_in(struct Machine *m, void *dst, uint64_t va, size_t n) {
  mem_lock_(m->mem);
  int r = copy_in(m, dst, va, n, true);
  mem_unlock_(m->mem);
  return r;
}

int mem_peek(struct Machine *m, void *dst, uint64_t va, size_t n) {
  mem_lock_(m->mem);
  int r = copy_in(m, dst, va, n, false);
  mem_unlock_(m->mem);
  return r;
}

static int mem_copy_out_l(struct Machine *m, uint64_t va, const void *src, size_t n) {
  if (m->bare) return bare_copy(m, va, (void *)src, n, true);
  if (va >= VA_LIMIT || n > VA_LIMIT - va) return n ? -EFAULT : 0;
  for (uint64_t a = va & ~PAGE_MASK; a < va + n; a += PAGE_SIZE) {
    uint64_t e = pte_get(m->mem, a);
    if (!(e & PTE_PRESENT) || !(e & PTE_W)) return -EFAULT;
  }
  if (m->rec_access && n) note_access(m, va, n, 1);
  /* A system call's store is a store for the watchpoints too. */
  if (__builtin_expect(m->nwatch != 0, 0) && n) watch_access(m, va, n, WATCH_WRITE);
  const uint8_t *s = src;
  while (n) {
    size_t chunk = PAGE_SIZE - (va & PAGE_MASK);
    if (chunk > n) chunk = n;
    /* Only a page with an entry can hold decoded code. */
    uint64_t *p = pte_ptr(m->mem, va, false);
    if (p && (*p & PTE_CODE)) {
      /* A system call (read into a code page) counts as a store too. */
      icache_invalidate(m->mem->icache, va >> 12);
      *p &= ~PTE_CODE;
      m->cp = NULL;
    }
    if (m->hist)
      history_copy_out(m, va,
                       (uint8_t *)(uintptr_t)(pte_get(m->mem, va) & ~PTE_FLAGS),
                       s, chunk);
    if (hostfault_copy((uint8_t *)(uintptr_t)(pte_get(m->mem, va) & ~PTE_FLAGS) + (va & PAGE_MASK), s, chunk))
      return -EFAULT; /* the bytes before it were written, as on Linux */
    s += chunk;
    va += chunk;
    n -= chunk;
  }
  return 0;
}

static uint8_t *mem_page_host_l(struct Machine *m, uint64_t va) {
  uint64_t e = pte_get(m->mem, va);
  return (e & PTE_PRESENT) ? (uint8_t *)(uintptr_t)(e & ~PTE_FLAGS) : NULL;
}

static void mem_poke_page_l(struct Machine *m, uint64_t va, const void *src, size_t n) {
  uint8_t *h = mem_page_host(m, va);
  if (!h) return;
  uint64_t *p = pte_ptr(m->mem, va, false);
  if (p && (*p & PTE_CODE)) {
    /* A bare machine's page is physical: its code may be filed under
     * any linear page. */
    if (m->bare) icache_invalidate_all(m->mem->icache);
    else icache_invalidate(m->mem->icache, va >> 12);
    *p &= ~(PTE_CODE | PTE_ALIAS);
    m->cp = NULL;
  }
  hostfault_copy(h + (va & PAGE_MASK), src, n); /* lost page: nothing */
}

static char *mem_strdup_in_l(struct Machine *m, uint64_t va, size_t max, int *err) {
  size_t cap = 256, len = 0;
  uint64_t start = va;
  char *s = malloc(cap);
  if (!s) {
    *err = -ENOMEM;
    return NULL;
  }
  for (;;) {
    uint64_t e = va < VA_LIMIT ? pte_get(m->mem, va) : 0;
    if (!(e & PTE_R)) {
      free(s);
      *err = -EFAULT;
      return NULL;
    }
    /* Copied a piece at a time (at most to the end of the page), through
     * hostfault_copy: a lost shared file page is EFAULT. */
    size_t chunk = PAGE_SIZE - (va & PAGE_MASK);
    if (chunk > 256) chunk = 256;
    if (len + chunk + 1 > cap) {
      while (len + chunk + 1 > cap) cap *= 2;
      char *t = realloc(s, cap);
      if (!t) {
        free(s);
        *err = -ENOMEM;
        return NULL;
      }
      s = t;
    }
    const char *h = (const char *)(uintptr_t)(e & ~PTE_FLAGS) + (va & PAGE_MASK);
    if (hostfault_copy(s + len, h, chunk)) {
      free(s);
      *err = -EFAULT;
      return NULL;
    }
    const char *nul = memchr(s + len, 0, chunk);
    size_t got = nul ? (size_t)(nul - (s + len)) : chunk;
    if (len + got > max) {
      free(s);
      *err = -ENAMETOOLONG;
      return NULL;
    }
    len += got;
    va += chunk;
    if (nul) {
      if (__builtin_expect(m->nwatch != 0, 0))
        watch_access(m, start, len + 1, WATCH_READ);
      return s;
    }
  }
}

/* The public entry points: each holds the address space's lock once
 * guest threads share it (see struct Mem). */
int mem_map(struct Machine *m, uint64_t va, uint64_t len, int prot, int fd,
            int64_t off) {
  mem_lock_(m->mem);
  int r = mem_map_l(m, va, len, prot, fd, off);
  shootdown(m);
  mem_unlock_(m->mem);
  return r;
}

int mem_unmap(struct Machine *m, uint64_t va, uint64_t len) {
  mem_lock_(m->mem);
  int r = mem_unmap_l(m, va, len);
  shootdown(m);
  mem_unlock_(m->mem);
  return r;
}

int mem_protect(struct Machine *m, uint64_t va, uint64_t len, int prot) {
  mem_lock_(m->mem);
  int r = mem_protect_l(m, va, len, prot);
  shootdown(m);
  mem_unlock_(m->mem);
  return r;
}

int mem_prot(struct Machine *m, uint64_t va) {
  mem_lock_(m->mem);
  int r = mem_prot_l(m, va);
  mem_unlock_(m->mem);
  return r;
}

uint64_t mem_run_end(struct Machine *m, uint64_t va, int *prot) {
  mem_lock_(m->mem);
  uint64_t r = mem_run_end_l(m, va, prot);
  mem_unlock_(m->mem);
  return r;
}

int mem_mapped(struct Machine *m, uint64_t va, uint64_t len) {
  mem_lock_(m->mem);
  int r = mem_mapped_l(m, va, len);
  mem_unlock_(m->mem);
  return r;
}

uint64_t mem_find(struct Machine *m, uint64_t hint, uint64_t len) {
  mem_lock_(m->mem);
  uint64_t r = mem_find_l(m, hint, len);
  mem_unlock_(m->mem);
  return r;
}

int mem_move(struct Machine *m, uint64_t old, uint64_t oldlen, uint64_t new,
             uint64_t newlen) {
  mem_lock_(m->mem);
  int r = mem_move_l(m, old, oldlen, new, newlen);
  shootdown(m);
  mem_unlock_(m->mem);
  return r;
}

void mem_each_region(struct Machine *m,
                     void (*fn)(void *ctx, uint64_t va, uint64_t len, int prot),
                     void *ctx) {
  mem_lock_(m->mem);
  mem_each_region_l(m, fn, ctx);
  mem_unlock_(m->mem);
}

void mem_mark_code(struct Machine *m, uint64_t va) {
  mem_lock_(m->mem);
  mem_mark_code_l(m, va);
  mem_unlock_(m->mem);
}

const uint8_t *mem_fetch(struct Machine *m, uint64_t va, size_t *avail) {
  mem_lock_(m->mem);
  const uint8_t *r = __builtin_expect(m->bare, 0) ? mem_fetch_bare_l(m, va, avail)
                                                  : mem_fetch_l(m, va, avail);
  mem_unlock_(m->mem);
  return r;
}

const uint8_t *mem_fetch_user(struct Machine *m, uint64_t va, size_t *avail) {
  mem_lock_(m->mem);
  const uint8_t *r = mem_fetch_l(m, va, avail);
  mem_unlock_(m->mem);
  return r;
}

int mem_copy_out(struct Machine *m, uint64_t va, const void *src, size_t n) {
  mem_lock_(m->mem);
  int r = mem_copy_out_l(m, va, src, n);
  mem_unlock_(m->mem);
  return r;
}

uint8_t *mem_page_host(struct Machine *m, uint64_t va) {
  mem_lock_(m->mem);
  uint8_t *r = mem_page_host_l(m, va);
  mem_unlock_(m->mem);
  return r;
}

void mem_poke_page(struct Machine *m, uint64_t va, const void *src, size_t n) {
  mem_lock_(m->mem);
  mem_poke_page_l(m, va, src, n);
  mem_unlock_(m->mem);
}

char *mem_strdup_in(struct Machine *m, uint64_t va, size_t max, int *err) {
  mem_lock_(m->mem);
  char *r = mem_strdup_in_l(m, va, max, err);
  mem_unlock_(m->mem);
  return r;
}

/* Bare machines (bare.h vm_phys_written): DMA wrote guest-physical
 * [pa, pa + len) behind the CPU's back. */
void mem_phys_written(struct Machine *m, uint64_t pa, uint64_t len) {
  mem_lock_(m->mem);
  for (uint64_t a = pa & ~PAGE_MASK; a < pa + len; a += PAGE_SIZE) {
    uint64_t *p = a < VA_LIMIT ? pte_ptr(m->mem, a, false) : NULL;
    if (p && (*p & PTE_CODE)) {
      /* Its code may be filed under any linear page. */
      icache_invalidate_all(m->mem->icache);
      *p &= ~(PTE_CODE | PTE_ALIAS);
    }
  }
  mem_unlock_(m->mem);
}
