/* breakpoints.c: the UI's view of the one breakpoint set, u->cmd's.
 *
 * The b key, -b and -w, the margin dots of the disassembly, the
 * breakpoints panel, `info breakpoints` and every run all use struct
 * Cmd's list (cmd.h), so there is nothing to keep in step. Only enabled
 * breakpoints stop a run or show a dot. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdio.h>

#include "ui/ui.h"

int bp_find(const struct Ui *u, uint64_t addr) {
  struct CmdBreak *b = cmd_break_at((struct Cmd *)&u->cmd, addr);
  return b ? (int)(b - u->cmd.bp) : -1;
}

int bp_toggle(struct Ui *u, uint64_t addr) {
  return cmd_break_toggle(&u->cmd, addr);
}

/* What the stop dialog says after a command stopped at entry num:
 * the interpreter's line for a breakpoint ("Breakpoint 1, 0x401000
 * <f>"); for a watchpoint, which access and the instruction that made
 * it ("watchpoint 2: write at 0x402000 by 0x40100f <store2>": the one
 * just executed going forward, the one at rip after a reverse run). */
void bp_hit_text(struct Ui *u, int num, int reverse, char *buf, size_t size) {
  struct Cmd *c = &u->cmd;
  struct CmdBreak *b = cmd_break_find(c, num);
  if (!b || b->kind == CMD_BREAK) {
    snprintf(buf, size, "%s", c->why[0] ? c->why : "stopped");
    return;
  }
  const char *what = b->kind == CMD_RWATCH ? "read" : "write";
  uint64_t addr = b->addr, pc = u->regs.pc;
  struct VmWatchHit h;
  if (!reverse && !vm_watch_hit(u->m, &h)) {
    pc = h.pc;
    addr = h.addr;
    what = h.kind == VM_WATCH_READ ? "read" : "write";
  } else if (!reverse) {
    pc = 0; /* found by comparing values: the writer is not known */
  }
  char by[160] = "";
  if (pc) cmd_addr_text(c, pc, by, sizeof(by));
  snprintf(buf, size, "watchpoint %d: %s at %#llx%s%s (%s)", b->num, what,
           (unsigned long long)addr, pc ? " by " : "", by,
           b->expr[0] ? b->expr : "");
}
