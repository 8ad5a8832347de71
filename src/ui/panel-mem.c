/* panel-mem.c: memory panels, one byte per cell as its CP437 glyph.
 *
 * STACK around RSP and (on wide terminals) CODE around RIP; the READ,
 * WRITE and user panels of issue 4 will reuse mem_draw with another
 * address. Bytes that differ from the snapshot taken before the last
 * step, continue, n or f are highlighted: what the program just wrote.
 * A row is
 * the address and a power-of-two number of bytes, so columns stay
 * aligned to the data. Unmapped bytes are drawn as marked blanks, never
 * as zeros, so that a hole cannot be mistaken for data. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdio.h>

#include "ui/cursesw.h"
#include "ui/ui.h"

enum { ADDR_COLS = 13, MAX_ROW = 256 };

/* Draws memory from the row holding `focus`, which is marked, with one
 * row of lower addresses above it, moved by `scroll` rows (the wheel). */
static void mem_draw(struct Ui *u, struct Rect r, const char *name,
                     uint64_t focus, long scroll, struct MemView *v) {
  v->n = 0;
  if (!r.h) return;
  char title[64];
  if (scroll)
    snprintf(title, sizeof(title), "%s %+ld rows", name, scroll);
  else
    snprintf(title, sizeof(title), "%s", name);
  draw_title(r, title);
  int per = 8;
  while (per * 2 <= r.w - ADDR_COLS && per * 2 <= MAX_ROW) per *= 2;
  uint64_t start = (focus & ~(uint64_t)(per - 1));
  if (start >= (uint64_t)per) start -= per;
  start += (uint64_t)(scroll * per); /* wraps like the address space */
  size_t total = (size_t)per * (size_t)(r.h > 1 ? r.h - 1 : 0);
  v->start = start;
  v->n = total < MEMVIEW_MAX ? total : MEMVIEW_MAX;
  for (int i = 0; i + 1 < r.h; ++i) {
    int y = r.y + 1 + i;
    uint64_t a = start + (uint64_t)i * per;
    uint8_t b[MAX_ROW];
    size_t n = vm_peek(u->m, a, b, per);
    char addr[32];
    snprintf(addr, sizeof(addr), "%012llx ", (unsigned long long)a);
    draw_text(y, r.x, r.w, addr, A_DIM);
    for (int k = 0; k < per; ++k) {
      int x = r.x + ADDR_COLS + k;
      if (x >= r.x + r.w) break;
      wchar_t g[2] = {L' ', 0};
      int attr = 0;
      if ((size_t)k < n) {
        g[0] = cp437_glyph(b[k]);
        uint64_t d = a + k - v->before_start;
        if (v->have && d < v->before_n && v->before[d] != b[k])
          attr = u->colors ? (int)(COLOR_PAIR(CP_CHANGED) | A_BOLD)
                           : A_UNDERLINE;
      } else if (u->colors) {
        attr = COLOR_PAIR(CP_UNMAPPED);
      } else {
        g[0] = L'~';
        attr = A_DIM;
      }
      if (a + k == focus) attr |= A_REVERSE;
      attron(attr);
      mvaddwstr(y, x, g);
      attroff(attr);
    }
  }
}

void panel_stack(struct Ui *u, struct Rect r) {
  mem_draw(u, r, "stack (rsp)", u->regs.r[VM_RSP], u->stack_scroll,
           &u->mv[MV_STACK]);
}

void panel_code(struct Ui *u, struct Rect r) {
  mem_draw(u, r, "code (rip)", u->regs.rip, u->code_scroll,
           &u->mv[MV_CODE]);
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
