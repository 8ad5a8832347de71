/* memory.h: guest virtual memory.
 *
 * A 48-bit guest address space of 4 KiB pages, each backed by a host page,
 * described by a sorted set of regions and a software four-level page
 * table whose leaf entries are filled on first touch. Every access goes through
 * the per-CPU TLB; a miss or a page-crossing access takes the slow path,
 * which checks permissions and raises #PF (SIGSEGV in Linux mode) through
 * exec_fault(). All guest stores funnel through mem_store_slow() whenever
 * a page has no write tag, which is how code invalidation, watchpoints and
 * history recording see every write. */
#ifndef BLINK_VM_MEMORY_H
#define BLINK_VM_MEMORY_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "machine.h"

#define PAGE_SIZE 4096u
#define PAGE_MASK ((uint64_t)PAGE_SIZE - 1)

/* Guest page protections (same values as PROT_* on Linux). */
#define MPROT_READ  1
#define MPROT_WRITE 2
#define MPROT_EXEC  4
/* mem_map only, with no file: the pages are shared with the processes
 * the host forks (MAP_SHARED|MAP_ANONYMOUS), not copied on write. */
#define MPROT_SHARED 0x100

/* Page-fault error code bits (for fault_err and si_code decisions). */
#define PF_PRESENT 1  /* the page exists; a protection violation */
#define PF_WRITE   2
#define PF_FETCH   16

/* Create and destroy an empty address space. */
struct Mem *mem_new(void);
void mem_free(struct Mem *mem);

/* Mapping, for the loader and the mmap family. All return 0 or the guest
 * address on success and -errno on failure (never fault). len is rounded
 * up to whole pages; va must be page aligned.
 *
 * mem_map:      maps [va, va+len) with fresh zeroed pages, replacing what
 *               was there. With fd >= 0 the pages hold the file's contents
 *               from off (a private, copy-on-write mapping; past end of
 *               file they read as zero). prot may have MPROT_SHARED.
 * mem_find:     a free range of len bytes at or above hint, 0 if none. */
int mem_map(struct Machine *m, uint64_t va, uint64_t len, int prot, int fd,
            int64_t off);
/* mem_map for MAP_SHARED: anonymous pages (fd < 0) are host shared
 * memory (a host fork's child shares them); a file's pages are the
 * host's shared mapping of it, so writes reach the file and the file's
 * changes show (pages wholly past the end of the file are private zero
 * pages, where Linux would raise SIGBUS). The fd must be open for
 * reading and writing when prot has MPROT_WRITE (the caller checks). */
int mem_map_shared(struct Machine *m, uint64_t va, uint64_t len, int prot,
                   int fd, int64_t off);
int mem_unmap(struct Machine *m, uint64_t va, uint64_t len);
int mem_protect(struct Machine *m, uint64_t va, uint64_t len, int prot);
uint64_t mem_find(struct Machine *m, uint64_t hint, uint64_t len);
/* Moves the pages of [old, old+oldlen) to new (already free) and maps
 * the rest of newlen fresh; for mremap. */
int mem_move(struct Machine *m, uint64_t old, uint64_t oldlen, uint64_t new,
             uint64_t newlen);
/* For mremap growing a shared file mapping: [old, old+oldlen), shared
 * file pages mapped by one mmap, becomes [new, new+newlen) with more of
 * the same file after it (new == old grows in place; the caller checks
 * that the pages it takes are free). Pages past the end of the file
 * read as zero. -ENOMEM when the host cannot do it. */
int mem_grow_shared_file(struct Machine *m, uint64_t old, uint64_t oldlen,
                         uint64_t new, uint64_t newlen);
/* Protection of the page holding va, or -1 when unmapped. */
int mem_prot(struct Machine *m, uint64_t va);
/* The end of the maximal run of mapped pages with one protection that
 * holds va, storing that protection in *prot (if not NULL); 0 when va is
 * unmapped. Costs O(log regions), not O(pages), for callers that would
 * otherwise loop over mem_prot() page by page. */
uint64_t mem_run_end(struct Machine *m, uint64_t va, int *prot);
/* The same for runs of pages that are all private (*shared = 0), all
 * shared anonymous memory or all shared file pages (mem_map_shared). */
#define MEM_SHARED_ANON 1
#define MEM_SHARED_FILE 2
uint64_t mem_shared_end(struct Machine *m, uint64_t va, int *shared);
/* Whether every page of [va, va+len) is mapped. */
int mem_mapped(struct Machine *m, uint64_t va, uint64_t len);
/* Visit mapped regions in address order (for /proc/self/maps, the memory
 * maps panel): each call gets a maximal run of pages with one protection. */
void mem_each_region(struct Machine *m,
                     void (*fn)(void *ctx, uint64_t va, uint64_t len, int prot),
                     void *ctx);

/* Forget all TLB entries (after any change to mappings or protections). */
void mem_tlb_flush(struct Machine *m);
/* Forget only the write tags: every page's next store takes the slow
 * path (the history's copy-on-first-write per epoch). */
void mem_tlb_drop_writes(struct Machine *m);

/* Slow paths: translate, check, fault. */
uint64_t mem_load_slow(struct Machine *m, uint64_t va, unsigned size);
void mem_store_slow(struct Machine *m, uint64_t va, unsigned size, uint64_t v);
void mem_read_bytes(struct Machine *m, uint64_t va, void *dst, size_t n);
void mem_write_bytes(struct Machine *m, uint64_t va, const void *src, size_t n);

/* Host address of a guest byte for an instruction fetch; faults unless the
 * page is executable. *avail gets how many bytes follow on that page. */
const uint8_t *mem_fetch(struct Machine *m, uint64_t va, size_t *avail);
/* The same for a machine known not to be bare (the dispatch loop of
 * vm_run for a Linux process: one test less per code page entered). */
const uint8_t *mem_fetch_user(struct Machine *m, uint64_t va, size_t *avail);

/* For system calls: copy between guest and host without faulting.
 * Return 0 or -EFAULT. */
int mem_copy_in(struct Machine *m, void *dst, uint64_t va, size_t n);
int mem_copy_out(struct Machine *m, uint64_t va, const void *src, size_t n);
/* mem_copy_in for the VM's own reads (the debugger's vm_peek, logging an
 * instruction's bytes): not a guest access, so no watchpoint sees it. */
int mem_peek(struct Machine *m, void *dst, uint64_t va, size_t n);
/* Copy a NUL-terminated guest string into a malloc'd host string, at most
 * max bytes; NULL with *err = -EFAULT or -ENAMETOOLONG. */
char *mem_strdup_in(struct Machine *m, uint64_t va, size_t max, int *err);

/* For the history (history.c): the host address of the page holding va
 * whatever its protection, NULL when unmapped; and a write of n bytes
 * inside one page that ignores protection, is not recorded, and drops
 * the page's decoded code. */
uint8_t *mem_page_host(struct Machine *m, uint64_t va);
void mem_poke_page(struct Machine *m, uint64_t va, const void *src, size_t n);

/* Watchpoints (watch.c), for translate() and mem_copy_out(): the
 * WATCH_* kinds watched somewhere on the page holding va, and the check
 * of one access of len bytes at va (records a hit and sets trap). */
int watch_page(struct Machine *m, uint64_t va);
void watch_access(struct Machine *m, uint64_t va, uint64_t len, int kind);
/* For the history's replay across an epoch's end: a malloc'd copy of the
 * write-watched bytes, and whether they changed since (recording a hit
 * by the instruction at pc; frees the copy). */
uint8_t *watch_snapshot(struct Machine *m);
int watch_changed(struct Machine *m, uint8_t *before, uint64_t pc);

/* Bare machines (bare.h): guest-physical [pa, pa + len) was written
 * behind the CPU's back (DMA): decoded code there is dropped. */
void mem_phys_written(struct Machine *m, uint64_t pa, uint64_t len);

/* Code-page bookkeeping for the decoded-instruction cache: mark a page as
 * holding decoded code so that stores to it call icache_invalidate(). */
void mem_mark_code(struct Machine *m, uint64_t va);
/* The address space's decoded-instruction cache. */
struct ICache *mem_icache(struct Mem *mem);

/* Guest threads (src/sys/syscall-thread.c). Every machine using an
 * address space is attached to it (vm_new attaches the first); with two
 * or more, the slow paths above take the address space's lock (the fast
 * paths never do) and a change to mappings makes the other machines
 * empty their TLBs before their next instruction (Machine.tlb_stale).
 * mem_lock/mem_unlock: that lock, recursive, for callers that must see
 * the page tables stay put (a futex's host address); a no-op while one
 * machine runs. mem_wait_cpus: wait until at most n machines remain
 * (returns whether they do; gives up after timeout_ms). mem_fork_child:
 * in a fork()ed child, self is the one machine left. */
int mem_attach(struct Mem *mem, struct Machine *m);
void mem_detach(struct Mem *mem, struct Machine *m);
size_t mem_ncpus(struct Mem *mem);
/* -Z: the counters of every machine on this address space, those that
 * ran and detached (exited threads) included, and icount in sum->icount.
 * mem_stats_reset forgets the detached ones (a fork child). */
struct MachineStats;
void mem_stats(struct Mem *mem, struct MachineStats *sum);
void mem_stats_reset(struct Mem *mem);
void mem_each_cpu(struct Mem *mem, void (*fn)(void *ctx, struct Machine *m),
                  void *ctx);
int mem_wait_cpus(struct Mem *mem, size_t n, int timeout_ms);
void mem_fork_child(struct Mem *mem, struct Machine *self);
void mem_lock(struct Mem *mem);
void mem_unlock(struct Mem *mem);

/* The TLB side of threads (exec.c start()): with Machine.tlb_stale set,
 * empty the TLB and note that this machine is past the mapping changes so
 * far, so that host memory they unmapped can be given back (memory.c
 * keeps it mapped on the host until then). */
void mem_tlb_sync(struct Machine *m);
/* After a longjmp out of a slow path (exec.c's landing, hostfault.c):
 * give back every hold of the address space's lock this thread has. */
void mem_fault_release(struct Mem *mem);
/* For the host fault handler (hostfault.c), async-signal-safe (no lock,
 * no allocation; reads only m's own TLB and slow-path notes, which only
 * this thread writes): the guest address whose host byte is host, as
 * far as this machine's recent translations tell; 0 when unknown. */
int mem_host_to_guest(struct Machine *m, const void *host, uint64_t *va);
/* Split locks: a locked read-modify-write that mem_host_rw() cannot do
 * with one host atomic (it crosses a page, or is misaligned, which host
 * atomics need not support) is a load and a store between these: with
 * guest threads they hold the address space's lock, so that the same
 * operation on another thread cannot come between (one thread: no-op).
 * A fault in between is fine: the fault path gives the lock back. */
static inline void mem_rmw_begin(struct Machine *m) { mem_lock(m->mem); }
static inline void mem_rmw_end(struct Machine *m) { mem_unlock(m->mem); }

/* The host address of [va, va+size) when the TLB already holds both a
 * read and a write translation for its page and the bytes stay on that
 * page, else NULL: the caller then uses mem_load/mem_store, which fill the
 * TLB. Locked read-modify-writes use it to be atomic on the host, since
 * guest threads share guest memory. With guest threads, a miss inside
 * one page goes through the write slow path (permissions, faults, code
 * invalidation, watchpoints) and returns the host address whatever tags
 * that left, so that a locked operation is atomic from its first touch
 * of a page; only one that crosses pages (a split lock) is not. */
uint8_t *mem_host_rw_slow(struct Machine *m, uint64_t va, unsigned size);
static inline uint8_t *mem_host_rw(struct Machine *m, uint64_t va,
                                   unsigned size) {
  struct TlbEntry *e = &m->tlb[(va >> 12) & (TLB_SIZE - 1)];
  if (e->wtag == va >> 12 && e->rtag == va >> 12 &&
      (va & PAGE_MASK) <= PAGE_SIZE - size)
    return e->host + (va & PAGE_MASK);
  return mem_host_rw_slow(m, va, size);
}

/* The fast paths. */
static inline uint64_t mem_load(struct Machine *m, uint64_t va, unsigned size) {
  struct TlbEntry *e = &m->tlb[(va >> 12) & (TLB_SIZE - 1)];
  if (__builtin_expect(e->rtag == (va >> 12) &&
                       (va & PAGE_MASK) <= PAGE_SIZE - size, 1)) {
    const uint8_t *p = e->host + (va & PAGE_MASK);
    switch (size) {
      case 1: return *p;
      case 2: { uint16_t v; memcpy(&v, p, 2); return v; }
      case 4: { uint32_t v; memcpy(&v, p, 4); return v; }
      default: { uint64_t v; memcpy(&v, p, 8); return v; }
    }
  }
  return mem_load_slow(m, va, size);
}

static inline void mem_store(struct Machine *m, uint64_t va, unsigned size,
                             uint64_t v) {
  struct TlbEntry *e = &m->tlb[(va >> 12) & (TLB_SIZE - 1)];
  if (__builtin_expect(e->wtag == (va >> 12) &&
                       (va & PAGE_MASK) <= PAGE_SIZE - size, 1)) {
    uint8_t *p = e->host + (va & PAGE_MASK);
    switch (size) {
      case 1: *p = (uint8_t)v; return;
      case 2: { uint16_t x = (uint16_t)v; memcpy(p, &x, 2); return; }
      case 4: { uint32_t x = (uint32_t)v; memcpy(p, &x, 4); return; }
      default: memcpy(p, &v, 8); return;
    }
  }
  mem_store_slow(m, va, size, v);
}

static inline uint8_t mem_load8(struct Machine *m, uint64_t va) { return (uint8_t)mem_load(m, va, 1); }
static inline uint16_t mem_load16(struct Machine *m, uint64_t va) { return (uint16_t)mem_load(m, va, 2); }
static inline uint32_t mem_load32(struct Machine *m, uint64_t va) { return (uint32_t)mem_load(m, va, 4); }
static inline uint64_t mem_load64(struct Machine *m, uint64_t va) { return mem_load(m, va, 8); }
static inline void mem_store8(struct Machine *m, uint64_t va, uint8_t v) { mem_store(m, va, 1, v); }
static inline void mem_store16(struct Machine *m, uint64_t va, uint16_t v) { mem_store(m, va, 2, v); }
static inline void mem_store32(struct Machine *m, uint64_t va, uint32_t v) { mem_store(m, va, 4, v); }
static inline void mem_store64(struct Machine *m, uint64_t va, uint64_t v) { mem_store(m, va, 8, v); }

#endif
