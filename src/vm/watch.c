/* watch.c: watchpoints, the last instruction's data accesses, and the
 * debugger's memory writes (debug.h).
 *
 * Watchpoints cost nothing while none is set. While some are, the pages
 * they cover get no TLB read tag (read watches) or write tag (write
 * watches) from translate(), so every access to such a page takes the
 * slow path, which calls watch_access() with the bytes it touches; other
 * pages keep their tags. The string instructions' page-sized runs and
 * mem_host_rw() only use pages with tags, so nothing gets past; system
 * calls write through mem_copy_out(), which checks too. A hit records
 * what happened and sets trap, so the dispatch loop stops once the
 * instruction is done (a rep string instruction yields after the run of
 * elements that hit, rip still on it when iterations remain, as with the
 * CPU's data breakpoints, which trap after the iteration).
 *
 * While the history replays (history_seek and friends), a hit is only
 * recorded, not trapped: a trap would split a rep instruction at another
 * iteration than the recording did. history_run checks the record after
 * each replayed step instead. */
#include <stdlib.h>
#include <string.h>

#include "vm/debug.h"

#include "history.h"
#include "machine.h"
#include "memory.h"

_Static_assert(WATCH_WRITE == VM_WATCH_WRITE && WATCH_READ == VM_WATCH_READ &&
                   (WATCH_READ | WATCH_WRITE) == VM_WATCH_ACCESS,
               "watch kinds");

/* Every guest thread watches the same set (a new one copies its
 * creator's): the others' TLBs are emptied before their next
 * instruction (tlb_stale, as a mapping change's shootdown does). */
static void copy_set(void *ctx, struct Machine *o) {
  struct Machine *m = ctx;
  if (o == m) return;
  memcpy(o->watch, m->watch, sizeof(o->watch));
  o->nwatch = m->nwatch;
  __atomic_store_n(&o->tlb_stale, 1, __ATOMIC_SEQ_CST);
  o->trap = 1;
}

static void recount(struct Machine *m) {
  int n = 0;
  for (int k = 0; k < WATCH_MAX; ++k) n += m->watch[k].kind != 0;
  m->nwatch = n;
  /* Tags are given (or not) by translate: make every page earn its tags
   * again under the new set. */
  mem_tlb_flush(m);
  if (mem_ncpus(m->mem) > 1) mem_each_cpu(m->mem, copy_set, m);
}

int vm_watch_set(struct Machine *m, uint64_t addr, uint64_t len, int kind) {
  kind &= WATCH_READ | WATCH_WRITE;
  if (!len || !kind || addr + len < addr) return -1;
  for (int k = 0; k < WATCH_MAX; ++k) {
    if (!m->watch[k].kind) {
      m->watch[k].addr = addr;
      m->watch[k].len = len;
      m->watch[k].kind = kind;
      recount(m);
      return k;
    }
  }
  return -1;
}

void vm_watch_clear(struct Machine *m, int id) {
  if (id < 0 || id >= WATCH_MAX || !m->watch[id].kind) return;
  m->watch[id].kind = 0;
  recount(m);
}

void vm_watch_clear_all(struct Machine *m) {
  for (int k = 0; k < WATCH_MAX; ++k) m->watch[k].kind = 0;
  recount(m);
}

int vm_watch_hit(struct Machine *m, struct VmWatchHit *out) {
  if (!m->whit.valid) return -1;
  out->id = m->whit.id;
  out->kind = m->whit.kind;
  out->addr = m->whit.addr;
  out->len = m->whit.len;
  out->pc = m->whit.pc;
  return 0;
}

int watch_page(struct Machine *m, uint64_t va) {
  uint64_t lo = va & ~PAGE_MASK, hi = lo + PAGE_SIZE;
  int kinds = 0;
  for (int k = 0; k < WATCH_MAX; ++k) {
    const struct Watch *w = &m->watch[k];
    if (w->kind && w->addr < hi && lo < w->addr + w->len) kinds |= w->kind;
  }
  return kinds;
}

void watch_access(struct Machine *m, uint64_t va, uint64_t len, int kind) {
  for (int k = 0; k < WATCH_MAX; ++k) {
    const struct Watch *w = &m->watch[k];
    if (!(w->kind & kind) || va >= w->addr + w->len || w->addr >= va + len)
      continue;
    /* The first hit of an instruction is kept, but a write beats a read
     * (a read-modify-write is reported as the write). */
    if (!m->whit.valid || (kind == WATCH_WRITE && m->whit.kind == WATCH_READ &&
                           m->whit.pc == m->ip)) {
      m->whit.valid = 1;
      m->whit.id = k;
      m->whit.kind = kind;
      m->whit.addr = va;
      m->whit.len = len;
      m->whit.pc = m->ip;
    }
    if (m->hist && history_replaying(m)) {
      m->run_limit = m->icount + 1; /* exec_run_until: stop after it */
      return;
    }
    if (m->stop == STOP_NONE) m->stop = STOP_WATCH;
    m->trap = 1;
    return;
  }
}

/* The history's replay crosses an epoch's end by restoring the state
 * after it, not by running the instruction there, so translate() sees
 * nothing: the write watches' bytes are compared instead (a write of the
 * same value goes unseen there). At most WATCH_CMP bytes a watchpoint. */
#define WATCH_CMP 4096

uint8_t *watch_snapshot(struct Machine *m) {
  uint8_t *buf = malloc(WATCH_MAX * (size_t)WATCH_CMP);
  if (!buf) return NULL;
  for (int k = 0; k < WATCH_MAX; ++k) {
    const struct Watch *w = &m->watch[k];
    if (w->kind & WATCH_WRITE) {
      size_t n = w->len < WATCH_CMP ? (size_t)w->len : WATCH_CMP;
      uint8_t *b = buf + (size_t)k * WATCH_CMP;
      memset(b, 0, n);
      vm_peek(m, w->addr, b, n);
    }
  }
  return buf;
}

int watch_changed(struct Machine *m, uint8_t *before, uint64_t pc) {
  if (!before) return 0;
  uint8_t now[WATCH_CMP];
  int hit = 0;
  for (int k = 0; k < WATCH_MAX && !hit; ++k) {
    const struct Watch *w = &m->watch[k];
    if (!(w->kind & WATCH_WRITE)) continue;
    size_t n = w->len < WATCH_CMP ? (size_t)w->len : WATCH_CMP;
    memset(now, 0, n);
    vm_peek(m, w->addr, now, n);
    if (memcmp(now, before + (size_t)k * WATCH_CMP, n)) {
      m->whit.valid = 1;
      m->whit.id = k;
      m->whit.kind = WATCH_WRITE;
      m->whit.addr = w->addr;
      m->whit.len = w->len;
      m->whit.pc = pc;
      hit = 1;
    }
  }
  free(before);
  return hit;
}

void vm_last_access(struct Machine *m, struct VmAccess *out) {
  out->read_addr = m->acc_raddr;
  out->read_len = m->acc_rlen;
  out->write_addr = m->acc_waddr;
  out->write_len = m->acc_wlen;
}

size_t vm_poke(struct Machine *m, uint64_t va, const void *src, size_t n) {
  /* Editing the past would need the future dropped: refused. */
  if (m->hist && history_replaying(m)) return 0;
  const uint8_t *s = src;
  size_t done = 0;
  while (done < n) {
    uint64_t a = va + done;
    if (a < va) break; /* wrapped */
    size_t chunk = PAGE_SIZE - (a & PAGE_MASK);
    if (chunk > n - done) chunk = n - done;
    uint8_t *hp = mem_page_host(m, a);
    if (!hp) break;
    /* Recording: the page goes into the live epoch's undo set first, so
     * that going back restores what it held before the edit. */
    if (m->hist) history_page_write(m, a & ~PAGE_MASK, hp, 1);
    mem_poke_page(m, a, s + done, chunk);
    done += chunk;
  }
  if (done && m->hist) history_mark_edit(m);
  return done;
}
