/* history.c: reverse execution (the design is in history.h). */
#include "history.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "icache.h"
#include "log.h"
#include "machine.h"
#include "memory.h"
#include "vm.h"

/* The architectural state is the top of struct Machine, up to mem. */
#define ARCH_BYTES offsetof(struct Machine, mem)
#define DEFAULT_BUDGET ((size_t)1 << 30)
/* An epoch that has saved this much asks for a checkpoint, so that
 * stepping back never re-executes an unbounded stretch of stores. */
#define EPOCH_MAX_BYTES ((size_t)16 << 20)

struct PageSet {
  size_t n, cap;
  uint64_t *va;  /* page addresses */
  uint8_t *data; /* n pages of PAGE_SIZE bytes, in va's order */
};

struct Range {
  uint64_t va, len;
};

struct Region {
  uint64_t va, len;
  int prot;
};

/* Region lists are shared by consecutive checkpoints while mappings stay
 * the same, which is most of them (a syscall-heavy program would
 * otherwise copy its map at every call). */
struct Layout {
  int refs;
  size_t n;
  struct Region r[];
};

/* A system call inside an epoch: replayed, not re-executed. Its memory
 * writes are writes[w0, w0+nw) of its epoch; cpu is the state after it. */
struct SysRec {
  uint64_t pos; /* icount of the syscall instruction */
  size_t w0, nw;
  size_t cpu_off, cpu_len; /* a prefix of the state after, in cdata */
};
/* Most calls change only the general registers (RAX, RCX, R11): then
 * only the prefix up to RFLAGS is kept, the rest being what it was. */
#define SYS_HEAD offsetof(struct Machine, lf_op)

struct Write {
  uint64_t va;
  size_t len, off; /* bytes at wdata + off, within one page */
};

struct Epoch {
  uint64_t pos;  /* Machine.icount at its checkpoint */
  uint64_t seq;  /* unique, for the saved-page table */
  uint8_t cpu[ARCH_BYTES];
  bool align_check;
  int stop, exit_code, stop_signal;
  struct Layout *layout;
  struct PageSet undo; /* pages as they were at pos, before its writes */
  struct PageSet redo; /* the same pages (and remapped ones) at its end */
  bool has_redo;
  struct Range *touched; /* ranges mapped, unmapped or moved in it */
  size_t ntouched;
  struct SysRec *sys;    /* logged system calls, by pos */
  size_t nsys, capsys;
  struct Write *w;
  size_t nw, capw;
  uint8_t *wdata;
  size_t wlen, capwdata;
  uint8_t *cdata; /* SysRec states */
  size_t clen, capcdata;
};

struct History {
  struct Epoch **e; /* e[n-1] is the live epoch */
  size_t n, cap;
  size_t cur;       /* epoch holding the current position */
  bool replaying;
  bool quiet;       /* restoring: mapping hooks record nothing */
  bool rec_last;    /* history_step: the seek's last step records its
                       data accesses (vm_last_access) */
  uint64_t present; /* icount of the present while replaying */
  uint64_t seq;
  /* Which epoch last saved each page: vpn+1 -> seq, open addressing. */
  uint64_t *hkey, *hval;
  size_t hcap, hn;
  size_t bytes, budget;
  volatile int want; /* a checkpoint was asked for */
  /* Inside a live system call: pages stored to through translate(),
   * whose contents are logged when it ends. */
  bool in_sys;
  uint8_t sys_before[ARCH_BYTES];
  size_t sys_touched;
  uint64_t *sys_pages;
  size_t nsys_pages, capsys_pages;
  /* Watchpoint hits that stopped the live machine, each at an epoch end
   * (icount after the instruction): replay crosses those by redo, so it
   * reports them from here (replay_on). The oldest go past WHITS. */
  struct WatchRec {
    uint64_t pos, addr, len, pc;
    int kind;
  } whits[64];
  size_t nwhits;
  /* A guest thread was created (history_threads): the recording ends
   * when the live run or step that made it returns. */
  bool drop;
};
#define WHITS 64

/* ---- small containers ---- */

static bool pageset_add(struct PageSet *s, uint64_t va, const uint8_t *h) {
  if (s->n == s->cap) {
    size_t cap = s->cap ? s->cap * 2 : 2;
    uint64_t *v = realloc(s->va, cap * sizeof(*v));
    if (!v) return false;
    s->va = v;
    uint8_t *d = realloc(s->data, cap * PAGE_SIZE);
    if (!d) return false;
    s->data = d;
    s->cap = cap;
  }
  s->va[s->n] = va;
  memcpy(s->data + s->n * PAGE_SIZE, h, PAGE_SIZE);
  s->n++;
  return true;
}

static void pageset_free(struct PageSet *s) {
  free(s->va);
  free(s->data);
  memset(s, 0, sizeof(*s));
}

static size_t hslot(struct History *h, uint64_t vpn) {
  uint64_t k = vpn + 1;
  size_t i = (size_t)((k * 0x9e3779b97f4a7c15ull) >> 20) & (h->hcap - 1);
  while (h->hkey[i] && h->hkey[i] != k) i = (i + 1) & (h->hcap - 1);
  return i;
}

static bool hgrow(struct History *h) {
  size_t ocap = h->hcap;
  uint64_t *ok = h->hkey, *ov = h->hval;
  size_t cap = ocap ? ocap * 2 : 4096;
  uint64_t *k = calloc(cap, sizeof(*k)), *v = calloc(cap, sizeof(*v));
  if (!k || !v) {
    free(k);
    free(v);
    return false;
  }
  h->hkey = k;
  h->hval = v;
  h->hcap = cap;
  for (size_t i = 0; i < ocap; ++i)
    if (ok[i]) {
      size_t j = hslot(h, ok[i] - 1);
      h->hkey[j] = ok[i];
      h->hval[j] = ov[i];
    }
  free(ok);
  free(ov);
  return true;
}

/* ---- recording ---- */

static struct Epoch *live(struct History *h) { return h->e[h->n - 1]; }

static void want_checkpoint(struct Machine *m) {
  m->hist->want = 1;
  m->trap = 1;
}

/* Save page va (host h) into the live epoch unless already saved there. */
static void save_page(struct Machine *m, uint64_t va, const uint8_t *hp) {
  struct History *h = m->hist;
  struct Epoch *e = live(h);
  if ((h->hn + 1) * 2 > h->hcap && !hgrow(h)) return;
  size_t i = hslot(h, va >> 12);
  if (h->hkey[i] && h->hval[i] == e->seq) return;
  if (!pageset_add(&e->undo, va, hp)) {
    blog("history: out of memory saving a page");
    return;
  }
  if (!h->hkey[i]) h->hn++;
  h->hkey[i] = (va >> 12) + 1;
  h->hval[i] = e->seq;
  h->bytes += PAGE_SIZE;
  if (e->undo.n * PAGE_SIZE >= EPOCH_MAX_BYTES) want_checkpoint(m);
}

static bool grow(void **p, size_t *cap, size_t need, size_t size) {
  if (need <= *cap) return true;
  size_t c = *cap ? *cap : 8;
  while (c < need) c *= 2;
  void *q = realloc(*p, c * size);
  if (!q) return false;
  *p = q;
  *cap = c;
  return true;
}

/* Log n bytes at va (within one page) as written by the current call. */
static void log_write(struct History *h, uint64_t va, const void *src,
                      size_t n) {
  struct Epoch *e = live(h);
  if (!grow((void **)&e->w, &e->capw, e->nw + 1, sizeof(*e->w)) ||
      !grow((void **)&e->wdata, &e->capwdata, e->wlen + n, 1))
    return;
  e->w[e->nw++] = (struct Write){va, n, e->wlen};
  memcpy(e->wdata + e->wlen, src, n);
  e->wlen += n;
  h->bytes += n + sizeof(struct Write);
}

int history_page_write(struct Machine *m, uint64_t va, const uint8_t *hp,
                       int write) {
  struct History *h = m->hist;
  if (h->replaying || h->quiet) return 1;
  if (h->in_sys && write &&
      grow((void **)&h->sys_pages, &h->capsys_pages, h->nsys_pages + 1,
           sizeof(*h->sys_pages)))
    h->sys_pages[h->nsys_pages++] = va;
  if (h->hcap) {
    size_t i = hslot(h, va >> 12);
    if (h->hkey[i] && h->hval[i] == live(h)->seq) return 1;
  }
  if (!write) return 0;
  save_page(m, va, hp);
  return 1;
}

/* Call fn for each page of the host range [hp, hp+len) that the host has
 * resident: untouched anonymous memory is zero and needs no copy. */
static void each_resident(struct Machine *m, uint64_t va, uint64_t len,
                          const uint8_t *hp,
                          void (*fn)(struct Machine *, uint64_t,
                                     const uint8_t *, void *),
                          void *ctx) {
  size_t np = len / PAGE_SIZE;
  unsigned char vec[1024];
  for (size_t k = 0; k < np; k += sizeof(vec)) {
    size_t c = np - k < sizeof(vec) ? np - k : sizeof(vec);
    if (mincore((void *)(hp + k * PAGE_SIZE), c * PAGE_SIZE, vec)) {
      memset(vec, 1, c); /* unknown: assume resident */
    }
    for (size_t j = 0; j < c; ++j)
      if (vec[j] & 1)
        fn(m, va + (k + j) * PAGE_SIZE, hp + (k + j) * PAGE_SIZE, ctx);
  }
}

static void save_cb(struct Machine *m, uint64_t va, const uint8_t *hp,
                    void *ctx) {
  (void)ctx;
  save_page(m, va, hp);
}

static void add_touched(struct Epoch *e, uint64_t va, uint64_t len) {
  struct Range *r = realloc(e->touched, (e->ntouched + 1) * sizeof(*r));
  if (!r) return;
  e->touched = r;
  r[e->ntouched++] = (struct Range){va, len};
}

void history_copy_out(struct Machine *m, uint64_t va, const uint8_t *hp,
                      const void *src, size_t n) {
  struct History *h = m->hist;
  if (h->replaying || h->quiet) return;
  save_page(m, va & ~PAGE_MASK, hp);
  if (h->in_sys) log_write(h, va, src, n);
}

void history_range_lost(struct Machine *m, uint64_t va, uint64_t len,
                        const uint8_t *hp) {
  struct History *h = m->hist;
  if (h->replaying || h->quiet) return;
  add_touched(live(h), va, len);
  each_resident(m, va, len, hp, save_cb, NULL);
}

void history_range_mapped(struct Machine *m, uint64_t va, uint64_t len) {
  struct History *h = m->hist;
  if (h->replaying || h->quiet) return;
  add_touched(live(h), va, len);
}

struct Regions {
  struct Region *r;
  size_t n, cap;
};

static void collect_cb(void *ctx, uint64_t va, uint64_t len, int prot) {
  struct Regions *rs = ctx;
  if (rs->n == rs->cap) {
    size_t cap = rs->cap ? rs->cap * 2 : 32;
    struct Region *r = realloc(rs->r, cap * sizeof(*r));
    if (!r) return;
    rs->r = r;
    rs->cap = cap;
  }
  rs->r[rs->n++] = (struct Region){va, len, prot};
}

static void layout_put(struct Layout *l) {
  if (l && !--l->refs) free(l);
}

/* The current region list, shared with prev when equal. */
static struct Layout *layout_get(struct Machine *m, struct Layout *prev) {
  struct Regions c = {0};
  mem_each_region(m, collect_cb, &c);
  if (prev && prev->n == c.n && !memcmp(prev->r, c.r, c.n * sizeof(*c.r))) {
    free(c.r);
    prev->refs++;
    return prev;
  }
  struct Layout *l = malloc(sizeof(*l) + c.n * sizeof(*c.r));
  if (!l) {
    blog("history: out of memory for a checkpoint");
    abort();
  }
  l->refs = 1;
  l->n = c.n;
  memcpy(l->r, c.r, c.n * sizeof(*c.r));
  free(c.r);
  return l;
}

static size_t epoch_bytes(struct Epoch *e) {
  return sizeof(*e) + (e->undo.n + e->redo.n) * PAGE_SIZE +
         e->nsys * sizeof(*e->sys) + e->nw * sizeof(*e->w) + e->wlen +
         e->clen;
}

static void epoch_free(struct Epoch *e) {
  free(e->sys);
  free(e->w);
  free(e->wdata);
  free(e->cdata);
  pageset_free(&e->undo);
  pageset_free(&e->redo);
  layout_put(e->layout);
  free(e->touched);
  free(e);
}

static void snapshot(struct Machine *m, struct Epoch *e, struct Layout *prev) {
  memcpy(e->cpu, m, ARCH_BYTES);
  e->align_check = m->align_check;
  e->stop = m->stop;
  e->exit_code = m->exit_code;
  e->stop_signal = m->stop_signal;
  struct Layout *l = layout_get(m, prev);
  layout_put(e->layout);
  e->layout = l;
}

/* Drop the oldest epochs when over budget, down to 7/8 of it so that
 * the array moves once per many checkpoints, not at each. */
static void trim(struct History *h) {
  size_t k = 0;
  if (h->bytes <= h->budget) return;
  while (h->bytes > h->budget / 8 * 7 && k + 1 < h->n && k < h->cur) {
    h->bytes -= epoch_bytes(h->e[k]);
    epoch_free(h->e[k]);
    ++k;
  }
  if (k) {
    memmove(h->e, h->e + k, (h->n - k) * sizeof(*h->e));
    h->n -= k;
    h->cur -= k;
  }
}

/* A new epoch starting now, at icount pos. */
static void checkpoint(struct Machine *m, uint64_t pos) {
  struct History *h = m->hist;
  if (h->n) {
    struct Epoch *l = live(h);
    if (l->pos == pos && !l->undo.n && !l->ntouched) {
      /* Nothing ran since: refresh it (a debugger may have set state). */
      h->bytes -= epoch_bytes(l);
      snapshot(m, l, l->layout);
      h->bytes += epoch_bytes(l);
      return;
    }
  }
  struct Epoch *e = calloc(1, sizeof(*e));
  if (!e || (h->n == h->cap &&
             !(h->e = realloc(h->e, (h->cap = h->cap ? h->cap * 2 : 64) *
                                        sizeof(*h->e))))) {
    blog("history: out of memory for a checkpoint");
    free(e);
    abort();
  }
  e->pos = pos;
  e->seq = ++h->seq;
  snapshot(m, e, h->n ? live(h)->layout : NULL);
  h->e[h->n++] = e;
  h->cur = h->n - 1;
  h->bytes += epoch_bytes(e);
  /* Write tags are earned again in the new epoch; read tags and the
   * code TLB stay. */
  mem_tlb_drop_writes(m);
  trim(h);
}

void history_event(struct Machine *m, int retired) {
  struct History *h = m->hist;
  if (h->quiet) return;
  h->in_sys = false;
  if (h->replaying) {
    blog("history: an event was re-executed during replay at %#llx",
         (unsigned long long)m->ip);
    return;
  }
  if (!retired) m->icount++;
  /* After a system call the dispatch loop counts the instruction after
   * we return: the checkpoint's position is the state after it. */
  uint64_t icount = m->icount;
  m->icount += (unsigned)retired;
  checkpoint(m, m->icount);
  m->icount = icount;
}

/* System calls that change what an epoch cannot replay: mappings, the
 * process itself. (Mapping changes are also caught as they happen.) */
static bool ends_epoch(uint64_t nr) {
  switch (nr) {
    case 9: case 10: case 11: case 12: case 25: case 28: case 30: case 67:
    case 56: case 57: case 58: case 59: case 60: case 231: case 216:
    case 322: case 329: case 435:
      return true;
    default:
      return false;
  }
}

static struct SysRec *find_sys(struct Epoch *e, uint64_t pos) {
  size_t lo = 0, hi = e->nsys;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    if (e->sys[mid].pos < pos) lo = mid + 1;
    else hi = mid;
  }
  return lo < e->nsys && e->sys[lo].pos == pos ? &e->sys[lo] : NULL;
}

int history_syscall_begin(struct Machine *m) {
  struct History *h = m->hist;
  if (h->quiet) return 0;
  if (h->replaying) {
    struct Epoch *e = h->e[h->cur];
    struct SysRec *r = find_sys(e, m->icount);
    if (!r) {
      blog("history: no record of the system call at %#llx; not run",
           (unsigned long long)m->ip);
      return 1;
    }
    for (size_t i = r->w0; i < r->w0 + r->nw; ++i) {
      /* The call's stores, for watchpoints (recorded, not trapped). */
      if (m->nwatch) watch_access(m, e->w[i].va, e->w[i].len, WATCH_WRITE);
      mem_poke_page(m, e->w[i].va, e->wdata + e->w[i].off, e->w[i].len);
    }
    memcpy(m, e->cdata + r->cpu_off, r->cpu_len);
    return 1;
  }
  h->in_sys = true;
  memcpy(h->sys_before, m, ARCH_BYTES);
  h->nsys_pages = 0;
  h->sys_touched = live(h)->ntouched;
  /* Stores the call makes through the TLB must reach translate(). */
  mem_tlb_drop_writes(m);
  return 0;
}

void history_syscall_end(struct Machine *m, uint64_t nr) {
  struct History *h = m->hist;
  if (h->quiet || h->replaying || !h->in_sys) return;
  struct Epoch *e = live(h);
  h->in_sys = false;
  if (ends_epoch(nr) || e->ntouched != h->sys_touched ||
      m->stop != STOP_NONE) {
    /* Drop what was logged of it; the undo set has its effects. */
    size_t w0 = e->nsys ? e->sys[e->nsys - 1].w0 + e->sys[e->nsys - 1].nw : 0;
    for (size_t i = w0; i < e->nw; ++i) h->bytes -= e->w[i].len + sizeof(*e->w);
    e->nw = w0;
    e->wlen = w0 ? e->w[w0 - 1].off + e->w[w0 - 1].len : 0;
    history_event(m, 1);
    return;
  }
  size_t w0 = e->nsys ? e->sys[e->nsys - 1].w0 + e->sys[e->nsys - 1].nw : 0;
  for (size_t i = 0; i < h->nsys_pages; ++i) {
    const uint8_t *hp = mem_page_host(m, h->sys_pages[i]);
    if (hp) log_write(h, h->sys_pages[i], hp, PAGE_SIZE);
  }
  size_t len = memcmp(h->sys_before + SYS_HEAD, (uint8_t *)m + SYS_HEAD,
                      ARCH_BYTES - SYS_HEAD) ? ARCH_BYTES : SYS_HEAD;
  if (!grow((void **)&e->sys, &e->capsys, e->nsys + 1, sizeof(*e->sys)) ||
      !grow((void **)&e->cdata, &e->capcdata, e->clen + len, 1)) {
    history_event(m, 1);
    return;
  }
  struct SysRec *r = &e->sys[e->nsys++];
  r->pos = m->icount;
  r->w0 = w0;
  r->nw = e->nw - w0;
  r->cpu_off = e->clen;
  r->cpu_len = len;
  memcpy(e->cdata + e->clen, m, len);
  e->clen += len;
  h->bytes += sizeof(*r) + len;
}

int history_mark_edit(struct Machine *m) {
  struct History *h = m->hist;
  if (!h) return 0;
  if (h->replaying) return -1;
  checkpoint(m, m->icount);
  return 0;
}

void history_request_checkpoint(struct Machine *m) {
  /* Not while replaying: a trap in the middle of a replayed rep string
   * instruction would stop it at another iteration than the recording
   * did. (A request racing with the start of a seek can still do that:
   * front ends should stop their timer around seeks.) */
  struct History *h = __atomic_load_n(&m->hist, __ATOMIC_SEQ_CST);
  if (h && !h->replaying) {
    h->want = 1;
    m->trap = 1;
  }
}

int history_enable(struct Machine *m, size_t budget) {
  if (m->hist) return 0;
  /* One machine's instructions and writes are recorded; another guest
   * thread's writes would be missed (syscall-thread.c refuses clone
   * while recording). */
  if (mem_ncpus(m->mem) > 1) return -2;
  struct History *h = calloc(1, sizeof(*h));
  if (!h || !hgrow(h)) {
    free(h);
    return -1;
  }
  h->budget = budget ? budget : DEFAULT_BUDGET;
  m->hist = h;
  checkpoint(m, m->icount);
  return 0;
}

int history_enabled(struct Machine *m) { return m->hist != NULL; }

void history_forget(struct Machine *m) {
  struct History *h = m->hist;
  if (!h || h->replaying) return;
  for (size_t i = 0; i < h->n; ++i) epoch_free(h->e[i]);
  h->n = h->cur = 0;
  if (h->hcap) {
    memset(h->hkey, 0, h->hcap * sizeof(*h->hkey));
    memset(h->hval, 0, h->hcap * sizeof(*h->hval));
  }
  h->hn = 0;
  h->bytes = 0;
  h->nsys_pages = 0;
  h->nwhits = 0;
  h->want = 0;
  history_event(m, 1); /* the first epoch: the state after the call */
}

void history_threads(struct Machine *m) {
  struct History *h = m->hist;
  if (!h || h->replaying) return;
  /* The position after the clone: the dispatch loop counts it later. */
  if (!m->hist_threads) m->hist_threads = m->icount + 1;
  h->drop = true;
  m->trap = 1; /* history_run returns (STOP_NONE) and drops it */
}

static void release(struct History *h);

uint64_t history_threads_at(struct Machine *m) { return m->hist_threads; }

/* After a live vm_run/vm_step: a thread's creation ends the recording
 * here (not inside the clone, where history_run still uses it). */
static bool dropped(struct Machine *m) {
  if (!m->hist || !m->hist->drop) return false;
  blog("history: a guest thread was created at icount %llu: recording "
       "stopped", (unsigned long long)m->hist_threads);
  /* The bare struct is not freed: a front end's timer thread may be in
   * history_request_checkpoint with the pointer it read (a few KiB, once
   * per thread-creating run). */
  struct History *h = m->hist;
  __atomic_store_n(&m->hist, NULL, __ATOMIC_SEQ_CST);
  release(h);
  memset(h, 0, sizeof(*h));
  mem_tlb_flush(m);
  return true;
}

/* Everything h holds but itself. */
static void release(struct History *h) {
  for (size_t i = 0; i < h->n; ++i) epoch_free(h->e[i]);
  free(h->e);
  free(h->hkey);
  free(h->hval);
  free(h->sys_pages);
}

void history_disable(struct Machine *m) {
  struct History *h = m->hist;
  if (!h) return;
  if (h->replaying) history_seek(m, history_len(m));
  release(h);
  free(h);
  m->hist = NULL;
  mem_tlb_flush(m);
}

size_t history_bytes(struct Machine *m) { return m->hist ? m->hist->bytes : 0; }

/* ---- positions ---- */

static uint64_t present(struct Machine *m) {
  return m->hist->replaying ? m->hist->present : m->icount;
}

uint64_t history_len(struct Machine *m) {
  if (!m->hist) return 0;
  return present(m) - m->hist->e[0]->pos;
}

uint64_t history_position(struct Machine *m) {
  if (!m->hist) return 0;
  return m->icount - m->hist->e[0]->pos;
}

int history_replaying(struct Machine *m) {
  return m->hist && m->hist->replaying;
}

/* The epoch holding icount t: the last one starting at or before it. */
static size_t epoch_of(struct History *h, uint64_t t) {
  size_t lo = 0, hi = h->n;
  while (hi - lo > 1) {
    size_t mid = (lo + hi) / 2;
    if (h->e[mid]->pos <= t) lo = mid;
    else hi = mid;
  }
  return lo;
}

/* ---- restoring ---- */

/* Make the mapped regions exactly the list L: unmap what is not in it,
 * map fresh what is missing, and set protections. Contents of fresh
 * regions are zero until the page sets are applied. */
static void reconcile(struct Machine *m, const struct Region *L, size_t nl) {
  struct Regions c = {0};
  mem_each_region(m, collect_cb, &c);
  /* Unmap the parts of current regions that L does not cover. */
  for (size_t i = 0; i < c.n; ++i) {
    uint64_t a = c.r[i].va, end = a + c.r[i].len;
    for (size_t j = 0; j < nl && a < end; ++j) {
      uint64_t ls = L[j].va, le = ls + L[j].len;
      if (le <= a) continue;
      if (ls >= end) break;
      if (ls > a) mem_unmap(m, a, ls - a);
      a = le;
    }
    if (a < end) mem_unmap(m, a, end - a);
  }
  /* Map the parts of L that are missing; fix protections of the rest. */
  for (size_t j = 0; j < nl; ++j) {
    uint64_t a = L[j].va, end = a + L[j].len;
    for (size_t i = 0; i < c.n && a < end; ++i) {
      uint64_t cs = c.r[i].va, ce = cs + c.r[i].len;
      if (ce <= a) continue;
      if (cs >= end) break;
      if (cs > a) mem_map(m, a, cs - a, L[j].prot, -1, 0);
      uint64_t oe = ce < end ? ce : end, os = cs > a ? cs : a;
      if (c.r[i].prot != L[j].prot) mem_protect(m, os, oe - os, L[j].prot);
      a = oe;
    }
    if (a < end) mem_map(m, a, end - a, L[j].prot, -1, 0);
  }
  free(c.r);
}

static void apply(struct Machine *m, const struct PageSet *s) {
  for (size_t i = 0; i < s->n; ++i)
    mem_poke_page(m, s->va[i], s->data + i * PAGE_SIZE, PAGE_SIZE);
}

static void restore_cpu(struct Machine *m, size_t c) {
  struct History *h = m->hist;
  struct Epoch *e = h->e[c];
  memcpy(m, e->cpu, ARCH_BYTES);
  m->align_check = e->align_check;
  m->stop = e->stop;
  m->exit_code = e->exit_code;
  m->stop_signal = e->stop_signal;
  m->icount = e->pos;
  h->cur = c;
  mem_tlb_flush(m);
}

static bool in_touched(const struct Epoch *e, uint64_t va) {
  for (size_t i = 0; i < e->ntouched; ++i)
    if (va - e->touched[i].va < e->touched[i].len) return true;
  return false;
}

static void redo_cb(struct Machine *m, uint64_t va, const uint8_t *hp,
                    void *ctx) {
  struct Epoch *e = ctx;
  (void)m;
  pageset_add(&e->redo, va, hp);
}

/* Capture the end state of ended epoch c: every page it wrote, and what
 * the ranges its event mapped hold. The machine is at e[c+1]'s start. */
static void capture_redo(struct Machine *m, size_t c) {
  struct History *h = m->hist;
  struct Epoch *e = h->e[c];
  for (size_t i = 0; i < e->ntouched; ++i) {
    for (uint64_t a = e->touched[i].va; a < e->touched[i].va + e->touched[i].len;) {
      /* Contiguous host runs, for mincore. */
      uint8_t *hp = mem_page_host(m, a);
      uint64_t b = a + PAGE_SIZE;
      if (hp) {
        while (b < e->touched[i].va + e->touched[i].len &&
               mem_page_host(m, b) == hp + (b - a))
          b += PAGE_SIZE;
        each_resident(m, a, b - a, hp, redo_cb, e);
      }
      a = b;
    }
  }
  for (size_t i = 0; i < e->undo.n; ++i) {
    uint8_t *hp = mem_page_host(m, e->undo.va[i]);
    if (hp && !in_touched(e, e->undo.va[i])) pageset_add(&e->redo, e->undo.va[i], hp);
  }
  e->has_redo = true;
  h->bytes += e->redo.n * PAGE_SIZE;
}

static void unmap_touched(struct Machine *m, const struct Epoch *e) {
  for (size_t i = 0; i < e->ntouched; ++i)
    mem_unmap(m, e->touched[i].va, e->touched[i].len);
}

/* Back to the start of epoch c from anywhere in it (or from the start of
 * c+1, when c has ended). */
static void undo(struct Machine *m, size_t c) {
  struct History *h = m->hist;
  struct Epoch *e = h->e[c];
  h->quiet = true;
  if (c + 1 < h->n && !e->has_redo) capture_redo(m, c);
  unmap_touched(m, e);
  reconcile(m, e->layout->r, e->layout->n);
  apply(m, &e->undo);
  restore_cpu(m, c);
  h->quiet = false;
}

/* From anywhere in ended epoch c to the start of c+1, without running
 * its event. */
static void redo(struct Machine *m, size_t c) {
  struct History *h = m->hist;
  struct Epoch *e = h->e[c], *n = h->e[c + 1];
  h->quiet = true;
  unmap_touched(m, e);
  reconcile(m, n->layout->r, n->layout->n);
  apply(m, &e->redo);
  restore_cpu(m, c + 1);
  h->quiet = false;
}

uint64_t history_seek(struct Machine *m, uint64_t pos) {
  struct History *h = m->hist;
  if (!h) return 0;
  uint64_t oldest = h->e[0]->pos, now = present(m);
  uint64_t t = oldest + pos;
  if (t > now || t < oldest) t = now;
  if (!h->replaying) {
    if (t == m->icount) return t - oldest;
    h->present = m->icount;
    h->replaying = true;
  }
  size_t et = epoch_of(h, t);
  if (t < m->icount) {
    for (size_t d = h->cur + 1; d-- > et;) undo(m, d);
  } else {
    while (h->cur < et) redo(m, h->cur);
  }
  /* Within one epoch execution is deterministic: re-run it. */
  while (m->icount < t) {
    uint64_t before = m->icount;
    m->trap = 0;
    exec_step(m, h->rec_last && m->icount + 1 == t);
    if (m->icount == before) {
      blog("history: replay stalled at %#llx", (unsigned long long)m->rip);
      break;
    }
  }
  if (m->icount == h->present) h->replaying = false;
  return m->icount - oldest;
}

uint64_t history_step_back(struct Machine *m, uint64_t n) {
  uint64_t p = history_position(m);
  return history_seek(m, n > p ? 0 : p - n);
}

uint64_t history_replay_forward(struct Machine *m, uint64_t n) {
  uint64_t p = history_position(m), len = history_len(m);
  return history_seek(m, n > len - p ? len : p + n);
}

/* A live stop by a watchpoint: remember it for replay. */
static void note_watch_stop(struct Machine *m) {
  struct History *h = m->hist;
  if (m->stop != STOP_WATCH || !m->whit.valid) return;
  if (h->nwhits == WHITS) {
    memmove(h->whits, h->whits + 1, (WHITS - 1) * sizeof(*h->whits));
    h->nwhits--;
  }
  h->whits[h->nwhits++] = (struct WatchRec){m->icount, m->whit.addr,
                                            m->whit.len, m->whit.pc,
                                            m->whit.kind};
}

/* Replay crossed into position icount: a recorded live hit there that a
 * watchpoint set now would see. */
static bool recorded_hit(struct Machine *m) {
  struct History *h = m->hist;
  for (size_t i = h->nwhits; i-- > 0;) {
    const struct WatchRec *r = &h->whits[i];
    if (r->pos != m->icount) continue;
    for (int k = 0; k < WATCH_MAX; ++k) {
      const struct Watch *w = &m->watch[k];
      if (!(w->kind & r->kind) || r->addr >= w->addr + w->len ||
          w->addr >= r->addr + r->len)
        continue;
      m->whit = (struct WatchHit){1, k, r->kind, r->addr, r->len, r->pc};
      return true;
    }
  }
  return false;
}

int history_step(struct Machine *m) {
  struct History *h = m->hist;
  if (h && h->replaying) {
    /* Across an epoch's end nothing runs: no accesses to show. */
    m->acc_rlen = m->acc_wlen = 0;
    h->rec_last = true;
    history_seek(m, history_position(m) + 1);
    h->rec_last = false;
    return m->stop;
  }
  int s = vm_step(m);
  if (dropped(m)) return s;
  if (h) note_watch_stop(m);
  /* A trap during the step may have stopped a rep instruction half way:
   * that must be an epoch boundary. */
  if (h && (m->trap || h->want)) {
    h->want = 0;
    checkpoint(m, m->icount);
  }
  return s;
}

/* Continue in the past: replay forward up to the present, stopping
 * before an instruction at a breakpoint (not the first one: that is where
 * we resume from) or after one that a watchpoint saw, as vm_run would.
 * Each epoch runs at full speed (exec_run_until) up to its last
 * instruction; its end is crossed by history_seek. Returns STOP_NONE on
 * reaching the present. Seeking (history_seek, history_replay_forward)
 * never stops. */
static int replay_on(struct Machine *m) {
  struct History *h = m->hist;
  uint64_t start = history_position(m);
  int s = STOP_NONE;
  m->intr = 0;
  m->in_replay = 1;
  while (h->replaying) {
    uint64_t pos = history_position(m);
    if (m->intr) {
      s = STOP_INTERRUPT;
      break;
    }
    if (pos != start && m->nbreak && break_at(m, m->rip + m->seg_base[SEG_CS])) {
      s = STOP_BREAK;
      break;
    }
    m->whit.valid = 0;
    /* Inside an epoch: run at full speed up to the instruction before
     * its end (which may be its event, never re-executed). Breakpoints
     * stop the run themselves; a watchpoint's hit ends it after the
     * instruction (watch.c). */
    uint64_t next = h->cur + 1 < h->n ? h->e[h->cur + 1]->pos : h->present;
    if (m->icount + 1 < next && !(m->rflags & FLAG_TF)) {
      int r = exec_run_until(m, next - 1);
      if (r == STOP_BREAK) {
        s = STOP_BREAK;
        break;
      }
      if (m->whit.valid) {
        s = STOP_WATCH;
        break;
      }
      if (m->icount != pos) continue;
      /* Nothing ran (a trap from outside): step instead. */
    }
    /* One step, or across an epoch's end, which restores the state after
     * it (redo) rather than running it: there the watched bytes are
     * compared instead. */
    bool cross = m->icount + 1 >= next;
    uint8_t *snap = m->nwatch && cross ? watch_snapshot(m) : NULL;
    uint64_t ip = m->rip;
    if (history_seek(m, pos + 1) != pos + 1) {
      free(snap);
      break;
    }
    /* An access the live run stopped for is known exactly (reads too). */
    if (m->nwatch && cross && recorded_hit(m)) {
      free(snap);
      snap = NULL;
    }
    if (snap) watch_changed(m, snap, ip);
    if (m->whit.valid) {
      s = STOP_WATCH;
      break;
    }
  }
  m->in_replay = 0;
  m->intr = 0;
  /* At the present: a breakpoint here still stops before we go live. */
  if (s == STOP_NONE && history_position(m) != start && m->nbreak &&
      break_at(m, m->rip + m->seg_base[SEG_CS]))
    s = STOP_BREAK;
  m->stop = s;
  m->trap = 0;
  return s;
}

int history_run(struct Machine *m) {
  struct History *h = m->hist;
  if (!h) return vm_run(m);
  if (h->replaying) {
    int s = replay_on(m);
    if (s != STOP_NONE) return s;
    if (h->replaying) history_seek(m, history_len(m));
  }
  for (;;) {
    int s = vm_run(m);
    note_watch_stop(m);
    if (h->drop) {
      /* STOP_NONE as after vm_interrupt: the caller runs on (without
       * the recording) unless it was asked to stop. */
      dropped(m);
      return s;
    }
    checkpoint(m, m->icount);
    if (h->want && s == STOP_NONE) {
      h->want = 0;
      continue;
    }
    h->want = 0;
    return s;
  }
}

/* ---- searching ---- */

static bool epoch_may_write(const struct Epoch *e, uint64_t a, uint64_t b) {
  for (size_t i = 0; i < e->ntouched; ++i)
    if (e->touched[i].va < b && a < e->touched[i].va + e->touched[i].len)
      return true;
  for (size_t i = 0; i < e->undo.n; ++i)
    if (e->undo.va[i] < b && a < e->undo.va[i] + PAGE_SIZE) return true;
  return false;
}

/* The bytes of [a, a+n) into buf, with one more byte per page saying
 * whether it is mapped (unmapped bytes read as zero). */
static void read_range(struct Machine *m, uint64_t a, size_t n, uint8_t *buf) {
  size_t k = 0;
  for (uint64_t p = a & ~PAGE_MASK; p < a + n; p += PAGE_SIZE) {
    uint64_t lo = p < a ? a : p, hi = p + PAGE_SIZE < a + n ? p + PAGE_SIZE : a + n;
    uint8_t *hp = mem_page_host(m, p);
    if (hp) memcpy(buf + (lo - a), hp + (lo - p), hi - lo);
    else memset(buf + (lo - a), 0, hi - lo);
    buf[n + k++] = hp != NULL;
  }
}

int history_find_write(struct Machine *m, uint64_t a, uint64_t b,
                       uint64_t *pos) {
  struct History *h = m->hist;
  if (!h || b <= a || b - a > (1u << 20)) return 0;
  uint64_t from = history_position(m);
  uint64_t oldest = h->e[0]->pos;
  if (!from) return 0;
  size_t n = b - a, np = (n + 2 * PAGE_SIZE) / PAGE_SIZE + 1;
  uint8_t *prev = malloc(n + np), *cur = malloc(n + np);
  if (!prev || !cur) {
    free(prev);
    free(cur);
    return 0;
  }
  int found = 0;
  for (size_t c = epoch_of(h, oldest + from - 1) + 1; c-- > 0 && !found;) {
    if (!epoch_may_write(h->e[c], a, b)) continue;
    uint64_t start = h->e[c]->pos - oldest;
    uint64_t end = c + 1 < h->n ? h->e[c + 1]->pos - oldest : history_len(m);
    if (end > from) end = from;
    memset(prev, 0, n + np);
    memset(cur, 0, n + np);
    history_seek(m, start);
    read_range(m, a, n, prev);
    uint64_t last = 0;
    bool any = false;
    for (uint64_t k = start + 1; k <= end; ++k) {
      history_seek(m, k);
      read_range(m, a, n, cur);
      if (memcmp(prev, cur, n + np)) {
        last = k - 1;
        any = true;
        uint8_t *t = prev;
        prev = cur;
        cur = t;
      }
    }
    if (any) {
      history_seek(m, last);
      *pos = last;
      found = 1;
    }
  }
  if (!found) history_seek(m, from);
  free(prev);
  free(cur);
  return found;
}

int history_search_back(struct Machine *m,
                        int (*pred)(struct Machine *m, void *ctx), void *ctx,
                        uint64_t *pos) {
  struct History *h = m->hist;
  if (!h) return 0;
  uint64_t from = history_position(m), oldest = h->e[0]->pos;
  if (!from) return 0;
  /* Epoch by epoch from the newest: re-run it from its checkpoint to
   * (not including) from, keeping the last position where pred held. */
  for (size_t c = epoch_of(h, oldest + from - 1) + 1; c-- > 0;) {
    uint64_t start = h->e[c]->pos - oldest;
    uint64_t end = c + 1 < h->n ? h->e[c + 1]->pos - oldest : history_len(m);
    if (end > from) end = from;
    bool any = false;
    uint64_t last = 0;
    for (uint64_t k = start; k < end; ++k) {
      history_seek(m, k);
      if (pred(m, ctx)) {
        last = k;
        any = true;
      }
    }
    if (any) {
      history_seek(m, last);
      *pos = last;
      return 1;
    }
  }
  history_seek(m, from);
  return 0;
}
