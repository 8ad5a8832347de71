/* panel-screen.c: blinkenlights -r's view of the PC's display.
 *
 * What the video adapter shows (pc_screen: the BIOS mode, the text or
 * pixel memory, the cursor, the DAC), cell by cell as screen-cells.c
 * describes: text with its CGA colours or MDA attributes in CP437
 * glyphs, the hardware cursor as a reversed cell, mode 13h as upper-half
 * blocks scaled to fit (the title says the scale). A panel smaller than
 * the text screen shows its top-left part and says so. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdio.h>

#include "ui/cursesw.h"
#include "ui/screen.h"
#include "ui/ui.h"

static int terminal_colors(void) {
  return COLORS >= 256 ? 256 : COLORS >= 16 ? 16 : 8;
}

static void put_cell(struct Ui *u, int y, int x, const struct ScreenCell *c,
                     int cursor) {
  attr_t a = A_NORMAL;
  if (c->bold) a |= A_BOLD;
  if (c->underline) a |= A_UNDERLINE;
  if (c->blink) a |= A_BLINK;
  int pair = 0;
  if (u->colors) {
    pair = color_pair(c->fg, c->bg);
  } else if (c->reverse) {
    a |= A_REVERSE;
  }
  if (cursor) a ^= A_REVERSE;
  wchar_t w[2] = {c->ch ? c->ch : L' ', 0};
  cchar_t cc;
  if (setcchar(&cc, w, a, (short)pair, NULL) == OK) mvadd_wch(y, x, &cc);
}

void panel_screen(struct Ui *u, struct Rect r) {
  if (!r.h || !u->pc) return;
  struct PcScreen s;
  pc_screen(u->pc, &s);
  int rows = r.h - 1, colors = u->colors ? terminal_colors() : 8;
  char title[128];
  if (!s.mem || s.cols <= 0 || s.rows <= 0) {
    snprintf(title, sizeof(title), "screen (mode %02xh: nothing to show)",
             s.mode);
    draw_title(r, title);
    return;
  }
  struct ScreenCell c;
  if (s.graphics) {
    int k = screen_scale(&s, r.w, rows);
    snprintf(title, sizeof(title), "screen: mode %02xh %dx%d graphics, 1:%d",
             s.mode, s.cols, s.rows, k);
    draw_title(r, title);
    int cw = (s.cols + k - 1) / k, ch = (s.rows + 2 * k - 1) / (2 * k);
    for (int cy = 0; cy < ch && cy < rows; ++cy)
      for (int cx = 0; cx < cw && cx < r.w; ++cx) {
        screen_gfx_cell(&s, k, cx, cy, colors, &c);
        put_cell(u, r.y + 1 + cy, r.x + cx, &c, 0);
      }
    return;
  }
  int shown_rows = s.rows < rows ? s.rows : rows;
  int shown_cols = s.cols < r.w ? s.cols : r.w;
  int n = snprintf(title, sizeof(title), "screen: mode %02xh %dx%d text",
                   s.mode, s.cols, s.rows);
  if ((shown_rows < s.rows || shown_cols < s.cols) && n > 0 &&
      (size_t)n < sizeof(title))
    snprintf(title + n, sizeof(title) - n, " (top-left %dx%d shown)",
             shown_cols, shown_rows);
  draw_title(r, title);
  for (int y = 0; y < shown_rows; ++y)
    for (int x = 0; x < shown_cols; ++x) {
      screen_text_cell(&s, y, x, colors, &c);
      int cursor = s.cursor_visible && y == s.cursor_row && x == s.cursor_col;
      put_cell(u, r.y + 1 + y, r.x + x, &c, cursor);
    }
}
