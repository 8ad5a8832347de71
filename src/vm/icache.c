/* icache.c: the decoded-instruction cache (see icache.h). */
#include "icache.h"

void cpu_fpu_gate(struct Machine *m, struct Insn *i); /* ops-sys.c */

#include <stdlib.h>
#include <string.h>

#include "decode.h"
#include "fastpath.h"
#include "log.h"
#include "machine.h"
#include "memory.h"
#include "optab.h"
#include "ops.h"

/* An open-addressing hash of CodePages by guest page number. CodePages
 * are never freed while the address space lives: invalidation only
 * forgets their records, so pointers held by the dispatch loop stay good. */
struct ICache {
  struct CodePage **tab;
  size_t cap, count;
  /* Record arrays replaced by bigger ones: another guest thread may still
   * be running a record from one (Insn pointers are held without a
   * lock), so they are freed only with the cache. */
  struct Retired {
    struct Retired *next;
    struct Insn *insns;
  } *retired;
  /* Guest threads share the cache (icache_set_threaded): dropped records
   * are not overwritten in place either, since another thread may be
   * running one. */
  bool threaded;
  /* Reclaiming retired arrays: no record pointer outlives a machine's
   * vm_run (they are dispatch-loop locals), so once every machine has
   * passed exec.c start() after a request (icache_sync), the arrays
   * retired before it are free to go. retired_bytes counts since the
   * last request; waiting is the list the pending request covers. */
  size_t retired_bytes;
  struct Retired *waiting;
  int sync_pending; /* machines yet to pass start() */
};

void icache_set_threaded(struct ICache *ic) { ic->threaded = true; }

#define RECLAIM_BYTES (16u << 20)

/* Keep an array until it is safe to free; false when out of memory. */
static bool retire(struct ICache *ic, struct Insn *insns, uint32_t cap) {
  struct Retired *r = malloc(sizeof(*r));
  if (!r) return false;
  r->insns = insns;
  r->next = ic->retired;
  ic->retired = r;
  ic->retired_bytes += (size_t)cap * sizeof(struct Insn);
  return true;
}

static void free_list(struct Retired *r) {
  while (r) {
    struct Retired *next = r->next;
    free(r->insns);
    free(r);
    r = next;
  }
}

void icache_sync_ack(struct ICache *ic) {
  __atomic_sub_fetch(&ic->sync_pending, 1, __ATOMIC_SEQ_CST);
}

static void ask_sync(void *ctx, struct Machine *o) {
  struct ICache *ic = ctx;
  /* One blocked in a system call (pthread_join, say) uses no record. */
  if (__atomic_load_n(&o->in_syscall, __ATOMIC_SEQ_CST)) return;
  __atomic_add_fetch(&ic->sync_pending, 1, __ATOMIC_SEQ_CST);
  __atomic_store_n(&o->icache_sync, 1, __ATOMIC_SEQ_CST);
  __atomic_store_n(&o->trap, 1, __ATOMIC_SEQ_CST);
}

/* Under the address space's lock, from icache_decode. */
static void reclaim(struct Machine *m, struct ICache *ic) {
  if (ic->waiting && !__atomic_load_n(&ic->sync_pending, __ATOMIC_SEQ_CST)) {
    free_list(ic->waiting);
    ic->waiting = NULL;
  }
  if (!ic->waiting && ic->retired_bytes > RECLAIM_BYTES) {
    ic->waiting = ic->retired;
    ic->retired = NULL;
    ic->retired_bytes = 0;
    mem_each_cpu(m->mem, ask_sync, ic);
  }
}

struct ICache *icache_new(void) {
  struct ICache *ic = calloc(1, sizeof(*ic));
  if (!ic) return NULL;
  ic->cap = 256;
  ic->tab = calloc(ic->cap, sizeof(*ic->tab));
  if (!ic->tab) {
    free(ic);
    return NULL;
  }
  return ic;
}

void icache_free(struct ICache *ic) {
  if (!ic) return;
  for (size_t k = 0; k < ic->cap; ++k) {
    if (ic->tab[k]) {
      free(ic->tab[k]->insns);
      free(ic->tab[k]);
    }
  }
  free(ic->tab);
  free_list(ic->retired);
  free_list(ic->waiting);
  free(ic);
}

static size_t hash_vpn(uint64_t vpn, size_t cap) {
  return (size_t)((vpn * 0x9e3779b97f4a7c15ull) >> 20) & (cap - 1);
}

struct CodePage *icache_find(struct ICache *ic, uint64_t vpn) {
  for (size_t h = hash_vpn(vpn, ic->cap);; h = (h + 1) & (ic->cap - 1)) {
    struct CodePage *cp = ic->tab[h];
    if (!cp) return NULL;
    if (cp->vpn == vpn) return cp;
  }
}

static void grow(struct ICache *ic) {
  size_t cap = ic->cap * 2;
  struct CodePage **tab = calloc(cap, sizeof(*tab));
  if (!tab) return; /* keep the old table; it still has room */
  for (size_t k = 0; k < ic->cap; ++k) {
    struct CodePage *cp = ic->tab[k];
    if (!cp) continue;
    size_t h = hash_vpn(cp->vpn, cap);
    while (tab[h]) h = (h + 1) & (cap - 1);
    tab[h] = cp;
  }
  free(ic->tab);
  ic->tab = tab;
  ic->cap = cap;
}

struct CodePage *icache_page(struct ICache *ic, uint64_t vpn) {
  struct CodePage *cp = icache_find(ic, vpn);
  if (cp) return cp;
  if ((ic->count + 1) * 2 > ic->cap) grow(ic);
  if ((ic->count + 1) >= ic->cap) return NULL;
  cp = calloc(1, sizeof(*cp));
  if (!cp) return NULL;
  cp->vpn = vpn;
  size_t h = hash_vpn(vpn, ic->cap);
  while (ic->tab[h]) h = (h + 1) & (ic->cap - 1);
  ic->tab[h] = cp;
  ic->count++;
  return cp;
}

static void cover(struct CodePage *cp, unsigned off, unsigned len) {
  for (unsigned k = off; k < off + len && k < 4096; ++k)
    cp->covered[k >> 6] |= 1ull << (k & 63);
}

bool icache_hits(struct CodePage *cp, unsigned off, unsigned size) {
  for (unsigned k = off; k < off + size && k < 4096; ++k)
    if (cp->covered[k >> 6] & (1ull << (k & 63))) return true;
  return false;
}

static void reset(struct ICache *ic, struct CodePage *cp) {
  if (!cp->n && !cp->spill) return;
  /* gen is odd while the slots and the array change: fetch() (exec.c),
   * which reads them without the lock, then takes the locked path
   * instead of pairing an old slot with the new (or no) array. */
  __atomic_store_n(&cp->gen, cp->gen + 1, __ATOMIC_RELAXED);
  __atomic_thread_fence(__ATOMIC_RELEASE);
  /* With threads, new records go to a fresh array: the dropped ones
   * stay readable for a thread still running one. */
  if (ic->threaded && cp->insns && retire(ic, cp->insns, cp->cap)) {
    cp->insns = NULL;
    cp->cap = 0;
  }
  cp->n = 0;
  cp->spill = false;
  memset(cp->covered, 0, sizeof(cp->covered));
  memset(cp->slot, 0, sizeof(cp->slot));
  __atomic_store_n(&cp->gen, cp->gen + 1, __ATOMIC_RELEASE);
}

void icache_invalidate(struct ICache *ic, uint64_t vpn) {
  struct CodePage *cp = icache_find(ic, vpn);
  if (!cp) return;
  bool spill = cp->spill;
  reset(ic, cp);
  if (spill) {
    struct CodePage *prev = icache_find(ic, vpn - 1);
    if (prev) reset(ic, prev);
  }
}

void icache_invalidate_all(struct ICache *ic) {
  for (size_t k = 0; k < ic->cap; ++k)
    if (ic->tab[k]) reset(ic, ic->tab[k]);
}

static void op_toolong(struct Machine *m, const struct Insn *i) {
  (void)i;
  exec_gp(m);
}

/* Decode the instruction at va into *out (never cached); returns whether
 * it runs onto the next page. Fetch faults go through exec_fault. */
static bool decode_at(struct Machine *m, uint64_t va, struct Insn *out) {
  uint8_t buf[15];
  size_t avail;
  const uint8_t *p = mem_fetch(m, va, &avail);
  int rc;
  size_t n = avail < 15 ? avail : 15;
  bool spilled = false;
  if (avail < 15) {
    memcpy(buf, p, avail);
    rc = decode_insn(out, buf, avail, m->mode);
    if (rc == DECODE_SHORT) {
      /* The instruction runs onto the next page: fetch it (which may
       * fault there, as the CPU would) and decode again. */
      size_t more;
      const uint8_t *q = mem_fetch(m, va + avail, &more);
      memcpy(buf + avail, q, 15 - avail);
      n = 15;
      rc = decode_insn(out, buf, 15, m->mode);
      spilled = true;
    }
  } else {
    rc = decode_insn(out, p, 15, m->mode);
  }
  if (rc == DECODE_OK) {
    OpFn f = fast_select_sse(out, m->mode);
    if (f) out->fn = f;
    /* A bare machine with CR0.TS or CR0.EM: x87/MMX/SSE instructions
     * fault (#NM, #UD) instead (records are dropped when they change). */
    if (__builtin_expect(m->bare, 0) && (m->cr0 & 0xc)) cpu_fpu_gate(m, out);
  } else if (rc == DECODE_TOOLONG) {
    memset(out, 0, sizeof(*out));
    out->len = 15;
    out->fn = op_toolong;
  } else if (rc != DECODE_OK) {
    if (!out->len || out->len > n) out->len = (uint8_t)(n ? n : 1);
    out->fn = op_ud;
  }
  out->next = NULL;
  out->alt = 0;
  return spilled;
}

void icache_decode_insn(struct Machine *m, uint64_t va, struct Insn *out) {
  decode_at(m, va, out);
}

const struct Insn *icache_decode(struct Machine *m, struct CodePage *cp,
                                 uint64_t va) {
  struct Insn tmp;
  bool spilled = decode_at(m, va, &tmp);
  /* A breakpoint's record stops the loop before the instruction
   * (breakpoint.c); vm_break_set drops the page's records, so no link
   * into the page skips it. */
  if (__builtin_expect(m->nbreak != 0, 0) && break_at(m, va)) tmp.fn = op_break;
  /* Decoding read guest memory (and may have faulted) unlocked; the
   * cache itself changes under the address space's lock (memory.h). */
  mem_lock(m->mem);
  if (mem_icache(m->mem)->threaded) reclaim(m, mem_icache(m->mem));
  unsigned off = (unsigned)(va & 4095);
  if (cp->slot[off]) {
    /* Another thread decoded it meanwhile. */
    const struct Insn *have = &cp->insns[cp->slot[off] - 1];
    mem_unlock(m->mem);
    return have;
  }
  if (cp->n == cp->cap) {
    uint32_t cap = cp->cap ? cp->cap * 2 : 64;
    struct ICache *ic = mem_icache(m->mem);
    struct Insn *ins = malloc(cap * sizeof(*ins));
    if (!ins || (cp->insns && ic->threaded && !retire(ic, cp->insns, cp->cap))) {
      free(ins);
      mem_unlock(m->mem);
      /* Out of host memory: run the instruction from a scratch record
       * without caching it. */
      static __thread struct Insn scratch;
      scratch = tmp;
      return &scratch;
    }
    /* The records moved: links between them point into the old array.
     * With threads it stays allocated for a thread still running from
     * it; alone, the dispatch loop only compares its pointer to the new
     * array (exec-loop.h), as it did after a realloc. */
    if (cp->n) memcpy(ins, cp->insns, cp->n * sizeof(*ins));
    for (uint32_t k = 0; k < cp->n; ++k) {
      ins[k].next = NULL;
      ins[k].alt = 0;
    }
    if (!ic->threaded) free(cp->insns);
    /* (even: the new array holds every record the slots name, so a
     * lock-free reader may pair a slot with either array) */
    __atomic_store_n(&cp->gen, cp->gen + 2, __ATOMIC_RELEASE);
    __atomic_store_n(&cp->insns, ins, __ATOMIC_RELEASE);
    cp->cap = cap;
  }
  m->stats.decoded++;
  cp->insns[cp->n] = tmp;
  /* The record is complete before a lock-free reader (fetch) can find
   * it through the slot. */
  __atomic_store_n(&cp->slot[off], (uint16_t)(cp->n + 1), __ATOMIC_RELEASE);
  cp->n++;
  cover(cp, off, tmp.len);
  mem_mark_code(m, va);
  if (off + tmp.len > 4096 || spilled) {
    struct CodePage *next = icache_page(mem_icache(m->mem), (va >> 12) + 1);
    unsigned tail = off + tmp.len > 4096 ? off + tmp.len - 4096 : 0;
    if (next && tail) {
      next->spill = true;
      cover(next, 0, tail);
      mem_mark_code(m, va + tmp.len - 1);
    }
  }
  const struct Insn *res = &cp->insns[cp->n - 1];
  mem_unlock(m->mem);
  return res;
}
