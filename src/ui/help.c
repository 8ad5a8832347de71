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
    {"-r: c C i", "run the PC; keys then go to it, ctrl-C stops"},
    {"-r: ctrl-V", "while it runs: send the next key (ctrl-C) as is"},
    {"?", "this help"},
    {"q", "quit"},
};

/* One column, as wide as the screen allows (70 at most); when the keys
 * do not fit in the screen's height they come in pages: SPACE turns the
 * page, any other key closes. (Two narrow columns cut the descriptions
 * at 80 columns.) */
void help_show(struct Ui *u) {
  (void)u;
  int n = (int)(sizeof(keys) / sizeof(keys[0]));
  int per = LINES - 3 < n ? LINES - 3 : n; /* title, blank, keys, blank */
  if (per < 1) per = 1;
  int pages = (n + per - 1) / per;
  int w = COLS < 70 ? COLS : 70;
  for (int page = 0;; ++page) {
    int first = page * per, count = n - first < per ? n - first : per;
    int h = per + 3 > LINES ? LINES : per + 3;
    int y = (LINES - h) / 2, x = (COLS - w) / 2;
    struct Rect r = {y, x, h, w};
    char title[80];
    if (page + 1 < pages)
      snprintf(title, sizeof(title),
               "keys, page %d/%d (SPACE: next page, other keys close)",
               page + 1, pages);
    else if (pages > 1)
      snprintf(title, sizeof(title), "keys, page %d/%d (any key closes)",
               page + 1, pages);
    else
      snprintf(title, sizeof(title), "keys (any key closes)");
    draw_clear(r);
    draw_title(r, title);
    for (int i = 0; i < count; ++i) {
      char line[128];
      snprintf(line, sizeof(line), "  %-10s %s", keys[first + i][0],
               keys[first + i][1]);
      draw_text(y + 2 + i, x, w - 1, line, 0);
    }
    refresh();
    timeout(-1);
    int ch;
    do ch = getch(); while (ch == KEY_RESIZE);
    if (ch != ' ' || page + 1 >= pages) return;
  }
}
