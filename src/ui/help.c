/* help.c: the ? screen, listing every key.
 *
 * The table is the one place the keys are described; man/blinkenlights.1
 * lists the same keys (keep them in step). */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdio.h>
#include <string.h>

#include "ui/cursesw.h"
#include "ui/ui.h"

static const char *const keys[][2] = {
    {"s", "step one instruction (recorded: it can be undone)"},
    {"n", "next: step over a call"},
    {"f", "finish: run until the current function returns"},
    {"c", "continue, animated (any key or a breakpoint stops)"},
    {"C", "continue at full speed, no drawing (idem)"},
    {"S", "reverse step: back one instruction"},
    {"N", "reverse next: back one instruction, over calls"},
    {"F", "reverse finish: back to the call of this function"},
    {"B", "reverse continue: back to a breakpoint/watchpoint"},
    {":", "the command line (ESC leaves it)"},
    {"o", "the commands' output over the terminal panel, or back"},
    {"R", "restart the program"},
    {"up/down", "move the disassembly cursor"},
    {"b", "toggle a breakpoint at the cursor (else at RIP)"},
    {"a", "disassembly in AT&T or Intel syntax"},
    {"ctrl-T", "animate faster"},
    {"alt-T", "animate slower"},
    {"ctrl-C", "stop a continue, or a program waiting in a system call"},
    {"ctrl-L", "redraw the screen"},
    {"ctrl-Z", "suspend blinkenlights"},
    {"i", "input mode: keys go to the program's terminal"},
    {"ctrl-]", "leave input mode"},
    {"v", "cycle the SSE lane format (hex8..64, i32, u32, f32, f64)"},
    {"wheel", "over disassembly: through history; else scroll (-N)"},
    {"ctrl+wheel", "zoom a memory panel out (down) or in (up), 2:1"},
    {"?", "this help"},
    {"q", "quit"},
};

/* One column when it fits (title, a blank row, the keys, a blank row),
 * else two side by side. */
void help_show(struct Ui *u) {
  (void)u;
  int n = (int)(sizeof(keys) / sizeof(keys[0]));
  int ncol = n + 3 > LINES ? 2 : 1;
  int per = (n + ncol - 1) / ncol;
  int cw = 70;
  int w = cw * ncol;
  if (w > COLS) w = COLS, cw = COLS / ncol;
  int h = per + 3;
  if (h > LINES) h = LINES;
  int y = (LINES - h) / 2, x = (COLS - w) / 2;
  struct Rect r = {y, x, h, w};
  draw_clear(r);
  draw_title(r, "keys (any key closes)");
  for (int i = 0; i < n; ++i) {
    int row = i % per, col = i / per;
    if (2 + row >= h) continue;
    char line[128];
    snprintf(line, sizeof(line), "  %-10s %s", keys[i][0], keys[i][1]);
    draw_text(y + 2 + row, x + col * cw, cw - 1, line, 0);
  }
  refresh();
  timeout(-1);
  int ch;
  do ch = getch(); while (ch == KEY_RESIZE);
}
