/* panel-breaks.c: the breakpoints and watchpoints of u->cmd, one a row:
 *
 *   1 break  y 0x401000 <f+4>       hits 2  if $rax == 3
 *   2 watch  n 0x402000 8 counter   hits 0
 *
 * (number, type, enabled, address with its symbol or, for a watchpoint,
 * its size and expression, hits, ignore count and condition). The same
 * list `info breakpoints` prints and the disassembly's margin dots come
 * from. The breakpoint at RIP is highlighted. The wheel scrolls it. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdio.h>

#include "ui/cursesw.h"
#include "ui/ui.h"

static const char *kind_name(const struct CmdBreak *b) {
  switch (b->kind) {
    case CMD_WATCH:
      return "watch";
    case CMD_RWATCH:
      return "rwatch";
    case CMD_AWATCH:
      return "awatch";
    default:
      return b->temp ? "tbreak" : "break";
  }
}

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
    char at[160], line[400], extra[200] = "";
    if (b->kind == CMD_BREAK) {
      cmd_addr_text(&u->cmd, b->addr, at, sizeof(at));
    } else {
      snprintf(at, sizeof(at), "%#llx %llu %s", (unsigned long long)b->addr,
               (unsigned long long)b->len, b->expr);
    }
    int n = 0;
    if (b->ignore > 0)
      n += snprintf(extra + n, sizeof(extra) - n, "  ignore %ld", b->ignore);
    if (b->cond[0] && n >= 0 && (size_t)n < sizeof(extra))
      snprintf(extra + n, sizeof(extra) - n, "  if %s", b->cond);
    snprintf(line, sizeof(line), "%3d %-6s %s %s  hits %ld%s", b->num,
             kind_name(b), b->enabled ? "y" : "n", at, b->hits, extra);
    int attr = 0;
    if (b->kind == CMD_BREAK && b->addr == u->regs.pc && b->enabled)
      attr = u->colors ? (int)COLOR_PAIR(CP_CURRENT) : A_REVERSE;
    draw_text(r.y + 1 + k, r.x, r.w, line, attr);
  }
}
