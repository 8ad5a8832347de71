/* breakpoints.c: the UI's view of the one breakpoint set, u->cmd's.
 *
 * The b key, -b and -w, the margin dots of the disassembly, the
 * breakpoints panel, `info breakpoints` and the key-driven runs all use
 * struct Cmd's list, so there is nothing to keep in step. Only enabled
 * breakpoints stop a run or show a dot.
 *
 * bp_toggle adds or deletes through cmd_exec ("break *ADDR" / "delete
 * N"), so numbering and messages are the interpreter's; when cmd.h
 * grows cmd_break_toggle() this becomes a call to it. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdio.h>

#include "ui/ui.h"

int bp_find(const struct Ui *u, uint64_t addr) {
  for (int i = 0; i < u->cmd.nbp; ++i)
    if (u->cmd.bp[i].enabled && u->cmd.bp[i].addr == addr) return i;
  return -1;
}

/* Any breakpoint at addr, enabled or not. */
static int bp_any(const struct Ui *u, uint64_t addr) {
  for (int i = 0; i < u->cmd.nbp; ++i)
    if (u->cmd.bp[i].addr == addr) return i;
  return -1;
}

int bp_toggle(struct Ui *u, uint64_t addr) {
  char line[64];
  int i = bp_any(u, addr);
  if (i >= 0) {
    snprintf(line, sizeof(line), "delete %d", u->cmd.bp[i].num);
    cmdline_exec(u, line);
    return 0;
  }
  if (u->cmd.nbp >= CMD_MAX_BREAKS) return -1;
  snprintf(line, sizeof(line), "break *%#llx", (unsigned long long)addr);
  return cmdline_exec(u, line) ? -1 : 1;
}

void bp_hit_text(struct Ui *u, uint64_t addr, char *buf, size_t size) {
  char at[160];
  cmd_addr_text(&u->cmd, addr, at, sizeof(at));
  int i = bp_find(u, addr);
  if (i < 0) {
    snprintf(buf, size, "breakpoint at %s", at);
    return;
  }
  ++u->cmd.bp[i].hits;
  snprintf(buf, size, "breakpoint %d at %s", u->cmd.bp[i].num, at);
}
