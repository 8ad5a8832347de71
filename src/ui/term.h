/* term.h: what the terminal panel's files (term*.c) share; private to
 * them (the rest of the UI sees struct Term in ui.h only). */
#ifndef BLINK_UI_TERM_H
#define BLINK_UI_TERM_H

#include <vterm.h>

/* A line that scrolled off the top of the guest's screen. */
struct TermLine {
  int cols;
  VTermScreenCell *cells;
};

/* term-colors.c: the curses colour pair for a cell's colours, allocated
 * on first use (0, the terminal's default, when colours are off or the
 * pairs ran out); mapping 256-colour and RGB colours to the nearest the
 * terminal has. */
int term_color_pair(const VTermColor *fg, const VTermColor *bg);
/* Draws one cell at (y, x) with room columns left on the row; cursor:
 * shown reversed. Returns the columns it took. */
int term_draw_cell(int y, int x, int room, const VTermScreenCell *c,
                   int colors, int cursor);

#endif
