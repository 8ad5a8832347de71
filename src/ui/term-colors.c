/* term-colors.c: the guest's colours on the terminal we have.
 *
 * libvterm gives each cell a foreground and a background that are the
 * default, an index into the 256-colour palette, or RGB. Curses draws
 * with numbered pairs of its own colours, so each (fg, bg) combination
 * the guest uses gets a pair the first time it is drawn (from PAIR_BASE
 * on; the UI's own pairs are below it), and colours the terminal does
 * not have (a 256-colour index or RGB on an 8-colour terminal) become
 * the nearest one it has (xterm-colors.c). The PC's screen panel
 * (panel-screen.c) takes its pairs from the same table: color_pair. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <string.h>
#include <wchar.h>

#include "ui/cursesw.h"
#include "ui/term.h"
#include "ui/ui.h"

/* PAIR_MAX: a mode 13h picture (blinkenlights -r) can use far more
 * (upper, lower) combinations of its 256 colours than a terminal
 * program does; the table stays at most half full. */
enum { PAIR_BASE = 40, PAIR_MAX = 16384, HASH = 32768 };

/* A libvterm colour as a curses colour number: -1 for the default. */
static int curses_color(const VTermColor *c, int is_fg) {
  if (is_fg ? VTERM_COLOR_IS_DEFAULT_FG(c) : VTERM_COLOR_IS_DEFAULT_BG(c))
    return -1;
  int have = COLORS >= 256 ? 256 : COLORS >= 16 ? 16 : 8;
  if (VTERM_COLOR_IS_INDEXED(c)) {
    int i = c->indexed.idx;
    if (i < have) return i;
    if (i < 16) return i & 7; /* bright on an 8-colour terminal */
    int r, g, b;
    xterm_rgb(i, &r, &g, &b);
    return xterm_nearest(r, g, b, have);
  }
  return xterm_nearest(c->rgb.red, c->rgb.green, c->rgb.blue, have);
}

static struct {
  short fg, bg;
  short pair; /* 0: empty slot */
} table[HASH];
static int next_pair = PAIR_BASE;

int term_color_pair(const VTermColor *fgc, const VTermColor *bgc) {
  return color_pair(curses_color(fgc, 1), curses_color(bgc, 0));
}

int color_pair(int fg, int bg) {
  if (fg == -1 && bg == -1) return 0;
  unsigned h = (unsigned)((fg + 1) * 257 + (bg + 1)) % HASH;
  for (int k = 0; k < HASH; ++k, h = (h + 1) % HASH) {
    if (table[h].pair && table[h].fg == fg && table[h].bg == bg)
      return table[h].pair;
    if (!table[h].pair) {
      if (next_pair >= COLOR_PAIRS || next_pair >= PAIR_MAX) return 0;
      if (init_pair((short)next_pair, (short)fg, (short)bg) == ERR) return 0;
      table[h].fg = (short)fg;
      table[h].bg = (short)bg;
      table[h].pair = (short)next_pair;
      return next_pair++;
    }
  }
  return 0;
}

int term_draw_cell(int y, int x, int room, const VTermScreenCell *c,
                   int colors, int cursor) {
  attr_t a = A_NORMAL;
  if (c->attrs.bold) a |= A_BOLD;
  if (c->attrs.underline) a |= A_UNDERLINE;
  if (c->attrs.italic) a |= A_ITALIC;
  if (c->attrs.blink) a |= A_BLINK;
  if (c->attrs.reverse) a |= A_REVERSE;
  if (cursor) a ^= A_REVERSE;
  int pair = colors ? term_color_pair(&c->fg, &c->bg) : 0;
  wchar_t w[VTERM_MAX_CHARS_PER_CELL + 1];
  int n = 0;
  for (; n < VTERM_MAX_CHARS_PER_CELL && n < CCHARW_MAX && c->chars[n] &&
         c->chars[n] != (uint32_t)-1;
       ++n)
    w[n] = (wchar_t)c->chars[n];
  int width = c->width > 1 ? c->width : 1;
  if (!n || w[0] < 0x20 || width > room) { /* a wide glyph cut: a blank */
    w[0] = L' ';
    n = 1;
    width = 1;
  }
  w[n] = 0;
  cchar_t cc;
  if (setcchar(&cc, w, a, (short)pair, NULL) == OK)
    mvadd_wch(y, x, &cc);
  return width;
}
