/* panel-breaks.c: the breakpoints and watchpoints of u->cmd, one a row:
 *
 *   1  break  y  0x401000 <f+4>   hits 2
 *
 * (number, type, enabled, address with its symbol, hits, and the
 * condition when there is one). The same list `info breakpoints` prints
 * and the disassembly's margin dots come from. The wheel scrolls it. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdio.h>

#include "ui/cursesw.h"
#include "ui/ui.h"

void panel_breaks(struct Ui *u, struct Rect r) {
  if (!r.h) return;
  char title[64];
  snprintf(title, sizeof(title), "breakpoints (%d)", u->cmd.nbp);
  draw_title(r, title);
  int rows = r.h - 1;
  if (u->breaks_scroll > u->cmd.nbp - 1) u->breaks_scroll = u->cmd.nbp - 1;
  if (u->breaks_scroll < 0) u->breaks_scroll = 0;
  if (!u->cmd.nbp && rows > 0) {
    draw_text(r.y + 1, r.x, r.w, " none: b at the cursor, or :break LOC", 0);
    return;
  }
  for (int k = 0; k < rows; ++k) {
    int i = u->breaks_scroll + k;
    if (i >= u->cmd.nbp) break;
    const struct CmdBreak *b = &u->cmd.bp[i];
    char at[160], line[256];
    cmd_addr_text(&u->cmd, b->addr, at, sizeof(at));
    snprintf(line, sizeof(line), "%3d %-6s %s %s  hits %ld", b->num,
             b->temp ? "tbreak" : "break", b->enabled ? "y" : "n", at,
             b->hits);
    int attr = 0;
    if (b->addr == u->regs.rip && b->enabled)
      attr = u->colors ? (int)COLOR_PAIR(CP_CURRENT) : A_REVERSE;
    draw_text(r.y + 1 + k, r.x, r.w, line, attr);
  }
}
