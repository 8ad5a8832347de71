/* panel-flags.c: RFLAGS decoded, one name per flag.
 *
 * A set flag shows its name in capitals, a clear one in lower case (so
 * the state reads without color); a flag the last step changed is
 * highlighted. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdio.h>

#include "ui/cursesw.h"
#include "ui/ui.h"

static const struct {
  unsigned bit;
  char set[3], clear[3];
} flags[] = {
    {VM_FLAG_CF, "CF", "cf"}, {VM_FLAG_ZF, "ZF", "zf"},
    {VM_FLAG_SF, "SF", "sf"}, {VM_FLAG_OF, "OF", "of"},
    {VM_FLAG_PF, "PF", "pf"}, {VM_FLAG_AF, "AF", "af"},
    {VM_FLAG_DF, "DF", "df"},
};

void panel_flags(struct Ui *u, struct Rect r) {
  if (!r.h) return;
  draw_title(r, "flags");
  if (r.h < 2) return;
  int col = 0;
  for (unsigned i = 0; i < sizeof(flags) / sizeof(flags[0]); ++i) {
    if (col + 2 > r.w) break;
    int on = (u->regs.rflags & flags[i].bit) != 0;
    int was = (u->prev.rflags & flags[i].bit) != 0;
    int attr = on ? A_BOLD : A_DIM;
    if (u->have_prev && on != was)
      attr = u->colors ? COLOR_PAIR(CP_CHANGED) | A_BOLD : A_REVERSE;
    col += draw_text(r.y + 1, r.x + col, r.w - col,
                     on ? flags[i].set : flags[i].clear, attr);
    col += 1;
  }
}
