/* panel-frames.c: the frames panel (a backtrace).
 *
 * Walks the stack from the current registers with src/dbg's dbg_unwind
 * (CFI where the program has it, else the RBP chain), reading guest
 * memory through debug.h's vm_peek, and lists one frame a line:
 * number, pc, function+offset, file:line. The walk is bounded (a
 * corrupt stack must not hang the UI) and redone on every draw: it is a
 * few dozen binary searches and 8-byte reads. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdio.h>
#include <string.h>

#include "dbg/dbg.h"
#include "ui/cursesw.h"
#include "ui/ui.h"

enum { MAX_FRAMES = 256 };

static bool read_u64(void *ctx, uint64_t addr, uint64_t *val) {
  uint8_t b[8];
  if (vm_peek((struct Machine *)ctx, addr, b, 8) != 8) return false;
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = v << 8 | b[i];
  *val = v;
  return true;
}

/* "name+0xoff at file:line" for a pc; look_up is pc-1 for a return
 * address, so a call that ends its function is named after the caller
 * of the right line. */
static void describe(struct Ui *u, uint64_t pc, uint64_t look_up, char *out,
                     size_t size) {
  struct DbgFunc f;
  struct DbgLine l;
  const char *name = NULL;
  uint64_t off = 0;
  if (dbg_func_at(u->dbg, look_up, &f)) {
    name = f.name;
    off = pc - f.entry;
  } else {
    name = dbg_symbol_in(u->dbg, look_up, &off);
    if (name) off = pc - (look_up - off);
  }
  int n = snprintf(out, size, "%s", name ? name : "??");
  if (name && off && n >= 0 && (size_t)n < size)
    n += snprintf(out + n, size - n, "+%#llx", (unsigned long long)off);
  if (dbg_line_at(u->dbg, look_up, &l) && l.line && n >= 0 &&
      (size_t)n < size) {
    const char *base = strrchr(l.file, '/');
    snprintf(out + n, size - n, " at %s:%u", base ? base + 1 : l.file,
             l.line);
  }
}

void panel_frames(struct Ui *u, struct Rect r) {
  if (!r.h) return;
  draw_title(r, "frames");
  if (r.h < 2) return;
  if (!u->dbg) {
    draw_text(r.y + 1, r.x + 1, r.w - 1, "no symbols", A_DIM);
    return;
  }
  struct DbgFrameRegs fr = {u->regs.pc, u->regs.r[VM_RSP], u->regs.r[VM_RBP],
                            true};
  int rows = r.h - 1;
  for (int i = 0; i < rows && i < MAX_FRAMES; ++i) {
    char what[256], line[320];
    describe(u, fr.rip, fr.top ? fr.rip : fr.rip - 1, what, sizeof(what));
    snprintf(line, sizeof(line), "#%-2d %012llx %s", i,
             (unsigned long long)fr.rip, what);
    int attr = i == 0 ? A_BOLD : 0;
    draw_text(r.y + 1 + i, r.x, r.w, line, attr);
    /* A PC outside long mode: the unwinder knows 64-bit frames only
     * (8-byte return addresses, no segments). */
    if (u->pc && u->regs.mode != VM_MODE_LONG) {
      if (i + 1 < rows)
        draw_text(r.y + 2 + i, r.x, r.w, "(no unwinding of 16/32-bit frames)",
                  A_DIM);
      break;
    }
    uint64_t rsp = fr.rsp;
    if (!dbg_unwind(u->dbg, &fr, read_u64, u->m)) break;
    fr.top = false;
    if (!fr.rip || fr.rsp <= rsp) break; /* the stack must go up */
  }
}
