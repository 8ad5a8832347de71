/* panel-cmdout.c: what the commands printed, newest at the bottom.
 *
 * A ring of the last OUT_LINES lines (each cut at OUT_COLS bytes), with
 * an error flag per line: errors are drawn in the error colour (bold
 * without colours). The typed command is echoed as "(bl) LINE" so the
 * panel reads like a gdb session. The wheel scrolls back. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/cursesw.h"
#include "ui/ui.h"

enum { OUT_LINES = 512, OUT_COLS = 240 };

struct CmdOut {
  char line[OUT_LINES][OUT_COLS];
  unsigned char err[OUT_LINES];
  long total;  /* lines added, ever */
  long scroll; /* lines scrolled back from the newest */
};

void cmdout_add(struct Ui *u, int err, const char *line) {
  if (!u->out && !(u->out = calloc(1, sizeof(*u->out)))) return;
  struct CmdOut *o = u->out;
  int i = (int)(o->total % OUT_LINES);
  /* Tabs (x/i's "=> addr:\tinsn") become spaces: one cell each. */
  size_t n = 0;
  for (const char *p = line; *p && n + 1 < OUT_COLS; ++p) {
    if (*p == '\t') {
      do o->line[i][n++] = ' ';
      while (n % 8 && n + 1 < OUT_COLS);
    } else {
      o->line[i][n++] = *p;
    }
  }
  o->line[i][n] = 0;
  o->err[i] = !!err;
  ++o->total;
  o->scroll = 0;
}

void cmdout_scroll(struct Ui *u, int lines) {
  if (!u->out) return;
  struct CmdOut *o = u->out;
  long max = o->total < OUT_LINES ? o->total : OUT_LINES;
  o->scroll += lines;
  if (o->scroll > max - 1) o->scroll = max - 1;
  if (o->scroll < 0) o->scroll = 0;
}

void panel_cmdout(struct Ui *u, struct Rect r) {
  if (!r.h) return;
  struct CmdOut *o = u->out;
  char title[64];
  if (o && o->scroll)
    snprintf(title, sizeof(title), "commands (-%ld lines)", o->scroll);
  else
    snprintf(title, sizeof(title), "commands (: to type one)");
  draw_title(r, title);
  int rows = r.h - 1;
  if (!o || rows <= 0) return;
  long kept = o->total < OUT_LINES ? o->total : OUT_LINES;
  long last = o->total - 1 - o->scroll; /* the newest line shown */
  for (int k = 0; k < rows; ++k) {
    long idx = last - (rows - 1 - k);
    if (idx < 0 || idx < o->total - kept) continue;
    int i = (int)(idx % OUT_LINES);
    int attr = 0;
    if (o->err[i]) attr = u->colors ? (int)COLOR_PAIR(CP_CHANGED) | A_BOLD
                                    : A_BOLD;
    draw_text(r.y + 1 + k, r.x, r.w, o->line[i], attr);
  }
}
