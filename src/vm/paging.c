/* paging.c: linear to physical translation of a bare machine with CR0.PG
 * set, as the Intel SDM vol. 3 chapter 4 describes it: 32-bit paging
 * (4 KiB pages, 4 MiB with CR4.PSE), PAE paging (4 KiB and 2 MiB) and
 * 4-level paging in long mode (4 KiB, 2 MiB, 1 GiB); U/S against the
 * CPL (descriptor-table and interrupt-frame accesses are supervisor),
 * R/W with CR0.WP, NX with EFER.NXE, accessed and dirty bits, #PF with
 * the error code (CR2 is written by the exception path, bare.c).
 *
 * memory.c calls this from its slow path only; the TLB then holds the
 * linear page with tags for what the walk allowed, so the CPU's TLB
 * semantics follow: stale until CR3 is written, invlpg, or a CR0/CR4/EFER
 * change (ops-sys.c flushes), and on every CPL change (the tags say what
 * the current level may do). PCD/PWT, PAT, global pages and reserved-bit
 * checks are not emulated. */
#include <string.h>

#include "cpu.h"
#include "machine.h"
#include "memory.h"

#define PG_P 1ull
#define PG_W 2ull
#define PG_U 4ull
#define PG_A 0x20ull
#define PG_D 0x40ull
#define PG_PS 0x80ull
#define PG_NX (1ull << 63)
#define ADDR_MASK 0x000ffffffffff000ull

enum { ACC_READ, ACC_WRITE, ACC_FETCH }; /* memory.c's */

static uint8_t *phys(struct Machine *m, uint64_t pa) {
  pa = cpu_phys(m, pa);
  uint8_t *h = mem_page_host(m, pa & ~(uint64_t)PAGE_MASK);
  return h ? h + (pa & PAGE_MASK) : NULL;
}

static uint64_t entry_get(struct Machine *m, uint64_t pa, bool wide) {
  uint8_t *h = phys(m, pa);
  uint64_t v = 0;
  if (!h) return wide ? ~0ull : 0xffffffffull; /* open bus */
  memcpy(&v, h, wide ? 8 : 4);
  return v;
}

static void entry_or(struct Machine *m, uint64_t pa, uint64_t bits) {
  uint8_t *h = phys(m, pa);
  if (!h) return;
  uint32_t v;
  memcpy(&v, h, 4);
  v |= (uint32_t)bits;
  memcpy(h, &v, 4);
}

struct Walk {
  uint64_t pa;           /* the physical address */
  uint64_t at[4];        /* physical addresses of the entries used */
  int n;                 /* how many */
  bool user, write, nx;  /* the combined permissions */
  bool present;
  uint64_t leaf_at;      /* the entry with the D bit */
  bool dirty;
};

static void walk(struct Machine *m, uint64_t va, struct Walk *w) {
  w->n = 0;
  w->user = w->write = true;
  w->nx = false;
  w->present = false;
  bool nxe = (m->efer & EFER_NXE) != 0;
  uint64_t e;
  if (!(m->cr4 & CR4_PAE)) {
    uint64_t at = (m->cr3 & 0xfffff000) + ((va >> 22) & 1023) * 4;
    e = entry_get(m, at, false);
    w->at[w->n++] = at;
    if (!(e & PG_P)) return;
    w->user &= !!(e & PG_U);
    w->write &= !!(e & PG_W);
    if ((e & PG_PS) && (m->cr4 & CR4_PSE)) {
      w->pa = (e & 0xffc00000) | (va & 0x3fffff);
      w->leaf_at = at;
      w->dirty = !!(e & PG_D);
      w->present = true;
      return;
    }
    at = (e & 0xfffff000) + ((va >> 12) & 1023) * 4;
    e = entry_get(m, at, false);
    w->at[w->n++] = at;
    if (!(e & PG_P)) return;
    w->user &= !!(e & PG_U);
    w->write &= !!(e & PG_W);
    w->pa = (e & 0xfffff000) | (va & 0xfff);
    w->leaf_at = at;
    w->dirty = !!(e & PG_D);
    w->present = true;
    return;
  }
  int level, shift;
  uint64_t table;
  if (m->efer & EFER_LMA) {
    level = 4;
    table = m->cr3 & ADDR_MASK;
  } else {
    /* PAE: the four PDPTEs (the CPU loads them with CR3; read here). */
    uint64_t at = (m->cr3 & 0xffffffe0) + ((va >> 30) & 3) * 8;
    e = entry_get(m, at, true);
    if (!(e & PG_P)) return;
    table = e & ADDR_MASK;
    level = 2;
  }
  for (; level >= 1; --level) {
    shift = 12 + 9 * (level - 1);
    uint64_t at = table + ((va >> shift) & 511) * 8;
    e = entry_get(m, at, true);
    w->at[w->n++] = at;
    if (!(e & PG_P)) return;
    w->user &= !!(e & PG_U);
    w->write &= !!(e & PG_W);
    if (nxe && (e & PG_NX)) w->nx = true;
    if (level == 1 || ((e & PG_PS) && level <= 3)) {
      uint64_t mask = (1ull << shift) - 1;
      w->pa = ((e & ADDR_MASK) & ~mask) | (va & mask);
      w->leaf_at = at;
      w->dirty = !!(e & PG_D);
      w->present = true;
      return;
    }
    table = e & ADDR_MASK;
  }
}

uint64_t paging_translate(struct Machine *m, uint64_t va, int acc, int *perm) {
  struct Walk w;
  if (m->mode != MODE_LONG) va &= 0xffffffffull;
  walk(m, va, &w);
  bool user = m->cpl == 3 && !m->sys_acc;
  bool wp = (m->cr0 & CR0_WP) != 0;
  uint64_t err = (acc == ACC_WRITE ? 2 : 0) | (user ? 4 : 0) |
                 (acc == ACC_FETCH && (m->efer & EFER_NXE) ? 16 : 0);
  if (!w.present) exec_fault(m, EXC_PF, err, va);
  bool can_write = w.write || (!user && !wp);
  if ((user && !w.user) || (acc == ACC_WRITE && !can_write) ||
      (acc == ACC_FETCH && w.nx))
    exec_fault(m, EXC_PF, err | 1, va);
  /* Accessed on every level, dirty on the page written. */
  for (int k = 0; k < w.n; ++k) entry_or(m, w.at[k], PG_A);
  if (acc == ACC_WRITE && !w.dirty) {
    entry_or(m, w.leaf_at, PG_D);
    w.dirty = true;
  }
  *perm = MPROT_READ | (can_write && w.dirty ? MPROT_WRITE : 0) |
          (w.nx ? 0 : MPROT_EXEC);
  if (user && !w.user) *perm = 0;
  return w.pa;
}

int64_t paging_peek(struct Machine *m, uint64_t va) {
  struct Walk w;
  if (m->mode != MODE_LONG) va &= 0xffffffffull;
  walk(m, va, &w);
  return w.present ? (int64_t)w.pa : -1;
}
