/* status.c: the status line: mode, instruction count, the position in
 * the history ("-1234/50000": 1234 instructions before the present of
 * a 50000-instruction recording, and "replaying" while behind it; not
 * shown while the recording is empty), the last message, the speed. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdio.h>
#include <string.h>

#include "ui/cursesw.h"
#include "ui/ui.h"

void panel_status(struct Ui *u, struct Rect r) {
  if (!r.h) return;
  int attr = u->colors ? COLOR_PAIR(CP_STATUS) : A_REVERSE;
  attron(attr);
  mvhline(r.y, r.x, ' ', r.w);
  attroff(attr);
  char left[200];
  int n;
  if (u->pc)
    n = snprintf(left, sizeof(left), " %s%s | %s | icount %llu | recording: "
                 "off (bare metal)", u->mode,
                 u->regs.halted && !strcmp(u->mode, "stopped") ? " in hlt" : "",
                 pc_ui_mode(&u->regs), (unsigned long long)vm_icount(u->m));
  else
    n = snprintf(left, sizeof(left), " %s | icount %llu", u->mode,
                 (unsigned long long)vm_icount(u->m));
  char hist[64];
  if (run_history_text(u, hist, sizeof(hist)) && n > 0 &&
      (size_t)n < sizeof(left))
    snprintf(left + n, sizeof(left) - n, " | %s", hist);
  int col = draw_text(r.y, r.x, r.w, left, attr | A_BOLD);
  if (u->msg[0] && col + 3 < r.w) {
    col += draw_text(r.y, r.x + col, r.w - col, " | ", attr);
    int mattr = attr;
    if (u->msg_error && u->colors) mattr = (int)(COLOR_PAIR(CP_ERROR) | A_BOLD);
    col += draw_text(r.y, r.x + col, r.w - col, u->msg, mattr);
  }
  /* The speed after the message: the first to go when narrow. */
  if (u->ips > 0 && col + 16 < r.w) {
    char ips[32];
    snprintf(ips, sizeof(ips), " | %.3g ips", u->ips);
    col += draw_text(r.y, r.x + col, r.w - col, ips, attr);
  }
  /* "? help" at the right end when there is room. */
  static const char hint[] = "? help ";
  if (r.w - col > (int)sizeof(hint) + 4)
    draw_text(r.y, r.x + r.w - (int)sizeof(hint) + 1, sizeof(hint) - 1, hint,
              attr);
}
