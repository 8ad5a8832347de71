/* draw.c: small drawing helpers every panel uses. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include "ui/cursesw.h"
#include "ui/ui.h"

#include <string.h>

void draw_clear(struct Rect r) {
  for (int i = 0; i < r.h; ++i) mvhline(r.y + i, r.x, ' ', r.w);
}

/* A title bar: the panel's name on a reversed row across its width, so
 * panel boundaries are visible without spending columns on borders. */
void draw_title(struct Rect r, const char *title) {
  if (!r.h) return;
  int attr = has_colors() ? COLOR_PAIR(CP_TITLE) | A_BOLD : A_REVERSE;
  attron(attr);
  mvhline(r.y, r.x, ' ', r.w);
  draw_text(r.y, r.x + 1, r.w - 1, title, attr);
  attroff(attr);
}

int draw_text(int y, int x, int w, const char *s, int attr) {
  int n = (int)strlen(s);
  if (n > w) n = w;
  if (n <= 0) return 0;
  attron(attr);
  mvaddnstr(y, x, s, n);
  attroff(attr);
  return n;
}

int wheel_dir(unsigned long bstate, int natural) {
  int dir = 0;
  if (bstate & BUTTON4_PRESSED) dir = -1;
#ifdef BUTTON5_PRESSED /* ncurses built without 5-button mice has no 5 */
  if (bstate & BUTTON5_PRESSED) dir = 1;
#endif
  return natural ? -dir : dir;
}
