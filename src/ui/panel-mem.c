/* panel-mem.c: memory panels, one byte per cell as its CP437 glyph.
 *
 * CODE around RIP, STACK around RSP, READ and WRITE around the data the
 * last single-stepped instruction read and wrote (vm_last_access; the
 * bytes it touched are reversed, and the title names the address), and
 * the user panel at an address the user chose (mem_user_set; until then
 * the program's first writable mapping, where its globals are).
 *
 * Bytes that differ from the snapshot taken before the last step,
 * continue, n or f are highlighted: what the program just wrote. A row
 * is the address and a power-of-two number of cells, so columns stay
 * aligned to the data. Unmapped bytes are drawn as marked blanks, never
 * as zeros, so that a hole cannot be mistaken for data.
 *
 * Zoom (-z, ctrl+wheel): at level z a cell stands for 2^z bytes, their
 * low-pass-filtered value (mem-zoom.c) drawn as its glyph; a cell is
 * marked unmapped only when all its bytes are, and highlighted when any
 * of them changed. The title shows the ratio: "stack (rsp) 1:4". */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dbg/dbg.h"
#include "ui/cursesw.h"
#include "ui/ui.h"

enum { ADDR_COLS = 13, MAX_ROW = 256, PAGE = 4096 };

/* A scratch buffer per draw: bytes, and whether each was readable. */
static uint8_t *g_buf, *g_ok, *g_cells;
static size_t g_cap;

static int reserve(size_t n) {
  if (n <= g_cap) return 1;
  uint8_t *b = realloc(g_buf, n), *o = b ? realloc(g_ok, n) : NULL;
  if (b) g_buf = b;
  if (o) g_ok = o;
  uint8_t *c = o ? realloc(g_cells, n) : NULL;
  if (c) g_cells = c;
  if (!b || !o || !c) return 0;
  g_cap = n;
  return 1;
}

/* Reads n bytes at a, page by page (vm_peek stops at the first hole):
 * unreadable bytes read as 0 with ok[i] = 0. Wraps like the address
 * space. */
static void peek(struct Ui *u, uint64_t a, uint8_t *b, uint8_t *ok, size_t n) {
  size_t i = 0;
  while (i < n) {
    uint64_t va = a + i;
    size_t chunk = PAGE - (size_t)(va & (PAGE - 1));
    if (chunk > n - i) chunk = n - i;
    size_t got = vm_peek(u->m, va, b + i, chunk);
    memset(ok + i, 1, got);
    memset(b + i + got, 0, chunk - got);
    memset(ok + i + got, 0, chunk - got);
    i += chunk;
  }
}

int mem_zoom_level(const struct Ui *u, int panel) {
  if (panel < 0 || panel >= MV_COUNT) return 0;
  int z = u->zoom + u->mv[panel].zoom_delta;
  return z < 0 ? 0 : z > ZOOM_MAX ? ZOOM_MAX : z;
}

void mem_zoom(struct Ui *u, int panel, int dir) {
  if (panel < 0 || panel >= MV_COUNT) return;
  int z = mem_zoom_level(u, panel) + (dir > 0 ? 1 : dir < 0 ? -1 : 0);
  if (z < 0) z = 0;
  if (z > ZOOM_MAX) z = ZOOM_MAX;
  u->mv[panel].zoom_delta = z - u->zoom;
}

static long *scroll_of(struct Ui *u, int panel) {
  if (panel == MV_CODE) return &u->code_scroll;
  if (panel == MV_STACK) return &u->stack_scroll;
  return &u->mv[panel].scroll;
}

void mem_scroll(struct Ui *u, int panel, int dir) {
  if (panel < 0 || panel >= MV_COUNT) return;
  *scroll_of(u, panel) += dir;
}

static struct Rect rect_of(const struct Ui *u, int panel) {
  switch (panel) {
    case MV_CODE: return u->lay.code;
    case MV_STACK: return u->lay.stack;
    case MV_READ: return u->lay.read;
    case MV_WRITE: return u->lay.write;
    default: return u->lay.user;
  }
}

int mem_panel_at(const struct Ui *u, int y, int x) {
  for (int i = 0; i < MV_COUNT; ++i) {
    struct Rect r = rect_of(u, i);
    if (r.h && y >= r.y && y < r.y + r.h && x >= r.x && x < r.x + r.w)
      return i;
  }
  return -1;
}

/* Whether the byte at a (now b) differs from before the last step or
 * run: by this panel's snapshot, else by any other's that covers a (the
 * WRITE panel moves to a new address after a step, and the bytes there
 * may have been on another panel's snapshot). */
static int was_changed(const struct Ui *u, const struct MemView *v,
                       uint64_t a, uint8_t b) {
  uint64_t d = a - v->before_start;
  if (v->have && d < v->before_n) return v->before[d] != b;
  for (int i = 0; i < MV_COUNT; ++i) {
    const struct MemView *o = &u->mv[i];
    d = a - o->before_start;
    if (o != v && o->have && d < o->before_n) return o->before[d] != b;
  }
  return 0;
}

/* Draws memory from the row holding `focus`, with one row of lower
 * addresses above it, moved by the panel's scroll (the wheel). The
 * bytes [focus, focus+flen) are reversed. */
static void mem_draw(struct Ui *u, struct Rect r, int panel, const char *name,
                     uint64_t focus, uint64_t flen) {
  struct MemView *v = &u->mv[panel];
  long scroll = *scroll_of(u, panel);
  int z = mem_zoom_level(u, panel);
  v->n = 0;
  if (!r.h) return;
  char title[160];
  int k = snprintf(title, sizeof(title), "%s", name);
  if (z && k < (int)sizeof(title))
    k += snprintf(title + k, sizeof(title) - k, " 1:%d", 1 << z);
  if (scroll && k < (int)sizeof(title))
    snprintf(title + k, sizeof(title) - k, " %+ld rows", scroll);
  draw_title(r, title);
  if (r.h < 2 || r.w <= ADDR_COLS) return;
  int per = 8; /* cells a row */
  while (per * 2 <= r.w - ADDR_COLS && per * 2 <= MAX_ROW) per *= 2;
  uint64_t row = (uint64_t)per << z; /* bytes a row */
  int rows = r.h - 1;
  uint64_t start = focus & ~(row - 1);
  /* One row of lower addresses (wrapping like the address space; a PC's
   * stack at SS:0 starts the panel at 0 instead). */
  if (!(u->pc && start < row)) start -= row;
  start += (uint64_t)scroll * row;
  size_t total = (size_t)row * rows;
  /* A margin of two cells each side, so the filter at the panel's edges
   * sees the real neighbouring bytes rather than repeated ones. */
  size_t margin = z ? (size_t)2 << z : 0;
  v->start = start;
  v->n = total < MEMVIEW_MAX ? total : MEMVIEW_MAX;
  if (!reserve(total + 2 * margin)) {
    draw_text(r.y + 1, r.x, r.w, "(out of memory)", A_DIM);
    return;
  }
  peek(u, start - margin, g_buf, g_ok, total + 2 * margin);
  uint8_t *bytes = g_buf + margin, *ok = g_ok + margin;
  const uint8_t *cell = bytes;
  if (z) {
    zoom_reduce(g_buf, total + 2 * margin, z, g_cells);
    cell = g_cells + (margin >> z);
  }
  int changed_attr = u->colors ? (int)(COLOR_PAIR(CP_CHANGED) | A_BOLD)
                               : A_UNDERLINE;
  for (int i = 0; i < rows; ++i) {
    int y = r.y + 1 + i;
    uint64_t a = start + (uint64_t)i * row;
    char addr[32];
    snprintf(addr, sizeof(addr), "%012llx ", (unsigned long long)a);
    draw_text(y, r.x, r.w, addr, A_DIM);
    for (int c = 0; c < per; ++c) {
      int x = r.x + ADDR_COLS + c;
      if (x >= r.x + r.w) break;
      size_t off = ((size_t)i * per + c) << z; /* first byte of the cell */
      size_t nb = (size_t)1 << z;
      int mapped = 0, changed = 0, focused = 0;
      for (size_t j = 0; j < nb; ++j) {
        if (!ok[off + j]) continue;
        mapped = 1;
        if (!changed)
          changed = was_changed(u, v, a + ((uint64_t)c << z) + j, bytes[off + j]);
      }
      uint64_t ca = a + ((uint64_t)c << z);
      if (flen && ca - focus < flen) focused = 1; /* cell starts inside */
      if (flen && focus - ca < nb) focused = 1;   /* focus starts inside */
      wchar_t g[2] = {L' ', 0};
      int attr = 0;
      if (mapped) {
        g[0] = cp437_glyph(cell[(size_t)i * per + c]);
        if (changed) attr = changed_attr;
      } else if (u->colors) {
        attr = COLOR_PAIR(CP_UNMAPPED);
      } else {
        g[0] = L'~';
        attr = A_DIM;
      }
      if (focused) attr |= A_REVERSE;
      attron(attr);
      mvaddwstr(y, x, g);
      attroff(attr);
    }
  }
}

/* The panels take linear addresses: a PC's stack is SS's base plus SP
 * (ESP in 32- and 64-bit code). */
void panel_stack(struct Ui *u, struct Rect r) {
  uint64_t sp = u->regs.r[VM_RSP];
  if (u->pc && u->regs.mode == VM_MODE_REAL) sp &= 0xffff;
  if (u->pc) sp += u->regs.seg_base[2];
  mem_draw(u, r, MV_STACK, u->pc ? "stack (ss:sp)" : "stack (rsp)", sp, 1);
}

void panel_code(struct Ui *u, struct Rect r) {
  mem_draw(u, r, MV_CODE, u->pc ? "code (cs:ip)" : "code (rip)", u->regs.pc,
           1);
}

/* Takes in the last step's data addresses; a panel whose address moved
 * stops being scrolled, so it follows the program. */
static void access_update(struct Ui *u) {
  struct VmAccess a = {0};
  /* Back in time (a restart, a rewind): what was read later is not the
   * last read any more. */
  uint64_t now = vm_icount(u->m);
  if (now < u->acc_icount) u->read_len = u->write_len = 0;
  u->acc_icount = now;
  vm_last_access(u->m, &a);
  if (a.read_len && (a.read_addr != u->read_addr || a.read_len != u->read_len)) {
    u->read_addr = a.read_addr;
    u->read_len = a.read_len;
    u->mv[MV_READ].scroll = 0;
  }
  if (a.write_len &&
      (a.write_addr != u->write_addr || a.write_len != u->write_len)) {
    u->write_addr = a.write_addr;
    u->write_len = a.write_len;
    u->mv[MV_WRITE].scroll = 0;
  }
}

/* "write 0x404010 4 <buf+16>": address, length and the symbol when the
 * address is inside one. */
static void access_title(struct Ui *u, char *t, size_t n, const char *what,
                         uint64_t addr, uint64_t len, int show_len) {
  if (!len) {
    snprintf(t, n, "%s (no data access stepped yet)", what);
    return;
  }
  int k = show_len ? snprintf(t, n, "%s %#llx %llu", what,
                              (unsigned long long)addr, (unsigned long long)len)
                   : snprintf(t, n, "%s %#llx", what, (unsigned long long)addr);
  uint64_t off;
  const char *sym = u->dbg ? dbg_symbol_in(u->dbg, addr, &off) : NULL;
  if (sym && k > 0 && (size_t)k < n) {
    if (off)
      snprintf(t + k, n - k, " <%s+%#llx>", sym, (unsigned long long)off);
    else
      snprintf(t + k, n - k, " <%s>", sym);
  }
}

/* Before the first step that reads (or writes) data: only the title. */
static void none_yet(struct Ui *u, struct Rect r, int panel, const char *t) {
  u->mv[panel].n = 0;
  draw_title(r, t);
}

void panel_read(struct Ui *u, struct Rect r) {
  if (!r.h) return;
  access_update(u);
  char t[128];
  access_title(u, t, sizeof(t), "read", u->read_addr, u->read_len, 1);
  if (u->read_len)
    mem_draw(u, r, MV_READ, t, u->read_addr, u->read_len);
  else
    none_yet(u, r, MV_READ, t);
}

void panel_write(struct Ui *u, struct Rect r) {
  if (!r.h) return;
  access_update(u);
  char t[128];
  access_title(u, t, sizeof(t), "write", u->write_addr, u->write_len, 1);
  if (u->write_len)
    mem_draw(u, r, MV_WRITE, t, u->write_addr, u->write_len);
  else
    none_yet(u, r, MV_WRITE, t);
}

void mem_user_set(struct Ui *u, uint64_t addr) {
  u->user_addr = addr;
  u->user_set = 1;
  u->mv[MV_USER].scroll = 0;
}

static void first_writable(void *ctx, uint64_t va, uint64_t len, int prot) {
  uint64_t *found = ctx;
  (void)len;
  if (!*found && (prot & VM_PROT_WRITE) && (prot & VM_PROT_READ)) *found = va;
}

void panel_user(struct Ui *u, struct Rect r) {
  if (!r.h) return;
  uint64_t addr = u->user_addr;
  char t[128];
  if (!u->user_set) {
    addr = 0;
    vm_each_map(u->m, first_writable, &addr);
    snprintf(t, sizeof(t), "user %#llx (data)", (unsigned long long)addr);
  } else {
    access_title(u, t, sizeof(t), "user", addr, 1, 0);
  }
  mem_draw(u, r, MV_USER, t, addr, 1);
}

/* Copies what each memory panel shows (as of its last draw) so that the
 * next draw can highlight what changed. Also a little around it: a push
 * moves RSP and so the stack panel's window. */
void mem_snapshot(struct Ui *u) {
  for (int i = 0; i < MV_COUNT; ++i) {
    struct MemView *v = &u->mv[i];
    v->have = 0;
    if (!v->n) continue;
    uint64_t pad = (MEMVIEW_MAX - v->n) / 2;
    v->before_start = v->start >= pad ? v->start - pad : 0;
    v->before_n = vm_peek(u->m, v->before_start, v->before, MEMVIEW_MAX);
    v->have = 1;
  }
}
