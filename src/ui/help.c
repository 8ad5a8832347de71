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
    {"s", "step one instruction"},
    {"n", "next: step over a call"},
    {"f", "finish: run until the current function returns"},
    {"R", "restart the program"},
    {"up/down", "move the disassembly cursor"},
    {"b", "toggle a breakpoint at the cursor (else at RIP)"},
    {"c", "continue, animated (any key or a breakpoint stops)"},
    {"C", "continue at full speed, no drawing (idem)"},
    {"ctrl-T", "animate faster"},
    {"alt-T", "animate slower"},
    {"ctrl-C", "stop a continue, or a program waiting in a system call"},
    {"ctrl-L", "redraw the screen"},
    {"ctrl-Z", "suspend blinkenlights"},
    {"i", "input mode: keys go to the program's terminal"},
    {"ctrl-]", "leave input mode"},
    {"v", "cycle the SSE lane format (hex8..hex64, i32, u32, f32, f64)"},
    {"wheel", "scroll the panel under the pointer (-N: natural)"},
    {"?", "this help"},
    {"q", "quit"},
};

void help_show(struct Ui *u) {
  (void)u;
  int n = (int)(sizeof(keys) / sizeof(keys[0]));
  int h = n + 4, w = 70;
  if (w > COLS) w = COLS;
  if (h > LINES) h = LINES;
  int y = (LINES - h) / 2, x = (COLS - w) / 2;
  struct Rect r = {y, x, h, w};
  draw_clear(r);
  draw_title(r, "keys (any key closes)");
  for (int i = 0; i < n && 2 + i < h; ++i) {
    char line[128];
    snprintf(line, sizeof(line), "  %-8s %s", keys[i][0], keys[i][1]);
    draw_text(y + 2 + i, x, w, line, 0);
  }
  refresh();
  timeout(-1);
  int ch;
  do ch = getch(); while (ch == KEY_RESIZE);
}
