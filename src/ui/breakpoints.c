/* breakpoints.c: the UI's breakpoint set (the b key, -b ADDR).
 *
 * Kept in the UI until the VM has breakpoints of its own: the stepping
 * loops (c, n, f, and C while any breakpoint is set) test RIP against
 * this set after each instruction. A handful of addresses, so a plain
 * array. When the VM grows vm_break_add() & co., this file becomes a
 * thin wrapper and C can run at full speed again. */
#include "ui/ui.h"

int bp_find(const struct Ui *u, uint64_t addr) {
  for (int i = 0; i < u->nbreaks; ++i)
    if (u->breaks[i] == addr) return i;
  return -1;
}

int bp_toggle(struct Ui *u, uint64_t addr) {
  int i = bp_find(u, addr);
  if (i >= 0) {
    u->breaks[i] = u->breaks[--u->nbreaks];
    return 0;
  }
  if (u->nbreaks == UI_MAX_BREAKS) return -1;
  u->breaks[u->nbreaks++] = addr;
  return 1;
}
