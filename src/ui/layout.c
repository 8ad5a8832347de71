/* layout.c: where each panel goes for a terminal of a given size.
 *
 * Pure arithmetic on rectangles (no curses), so it can be reasoned about
 * and tested alone (tests/ui/test-layout.c checks every size from 80x24
 * to 320x120). The bottom two rows are always the command line (readline
 * prompt) and the status line. The plan, from 80x24 up:
 *
 *   +------------------------------+ +-----------+
 *   | disassembly (half)           | | registers |
 *   +------------------------------+ |           |
 *   | stack memory (a quarter)     | +-----------+
 *   +------------------------------+ | flags     |
 *   | terminal (the rest)          | |           |
 *   +------------------------------+ |           |
 *   | command output (1/7, >= 3)   | |           |
 *   +------------------------------+-+-----------+
 *   command line
 *   status line
 *
 * The register column is fixed: "rax 0000000000000000" is 20 cells and
 * 16 GPRs + rip + rflags + a title is 19 rows (fs and gs bases follow
 * when there is room), which with the flags panel's 2 rows fits the 22
 * rows an 80x24 terminal has above the command line. At 80x24 the left
 * column is 10 rows of disassembly, 4 of stack, 5 of terminal and 3 of
 * command output.
 *
 * From WIDE_COLS on, memory moves to a middle column of its own and the
 * left column becomes source (a quarter), disassembly, terminal (3/10)
 * and command output (1/6, 3..16 rows):
 *
 *   +--------------------+ +-----------+ +-----------+
 *   | source             | | code      | | registers |
 *   +--------------------+ | stack     | |           |
 *   | disassembly        | | read      | | flags     |
 *   |                    | | write     | |           |
 *   +--------------------+ | user      | |           |
 *   | terminal           | | maps      | |           |
 *   +--------------------+ | frames    | |           |
 *   | command output     | | breaks    | |           |
 *   +--------------------+-+-----------+-+-----------+
 *
 * The middle column's panels get at least MIN_PANEL rows each, the rest
 * of its height in proportion (the stack a little more); on the shortest
 * terminals (below 26 lines) there is no room for 8 panels, and the user
 * memory panel, then the breakpoints panel, are left out.
 *
 * From WIDER_COLS and FPU_ROWS+2 lines on, the right column widens to
 * FPU_COLS and adds the x87 (10 rows) and SSE (17 rows) panels under the
 * flags; the breakpoint list then goes under SSE when at least 5 rows
 * are left there. From TWO_MEM_COLS on, the memory panels take two
 * columns: code, stack, maps, frames | read, write, user (and breaks
 * when the right column has no room for them).
 *
 * Memory rows are 64 bytes when the left column stays at least
 * LEFT_GOOD wide with them, else 32: at 200 columns 32-byte rows leave
 * disassembly and terminal 97 columns rather than 65. Extra width goes
 * to the left column, extra height to the stacked panels in proportion.
 * Every panel gets whole rows, and no panel is placed where it would be
 * cut: what does not fit is not shown. */
#include "ui/ui.h"

enum {
  REG_COLS = 22,
  WIDE_COLS = 140,     /* from here on, a middle column for memory */
  WIDER_COLS = 200,    /* from here on, x87 and SSE when tall enough */
  TWO_MEM_COLS = 260,  /* from here on, two memory columns */
  FPU_COLS = 56,       /* the right column when it holds x87 and SSE */
  FPU_ROWS = 50,       /* 21 registers + 2 flags + 10 x87 + 17 SSE */
  MEM_ADDR_COLS = 13,  /* "00007fffffff " */
  LEFT_GOOD = 100,     /* left column width that 64-byte rows must leave */
  MIN_PANEL = 3,       /* title + 2 rows */
  BREAKS_RIGHT_MIN = 5,
};

static struct Rect rect(int y, int x, int h, int w) {
  struct Rect r = {y, x, h > 0 ? h : 0, w > 0 ? w : 0};
  if (!r.h || !r.w) r.h = r.w = 0;
  return r;
}

/* Stacks n panels in a column of h rows from row y: each gets MIN_PANEL
 * rows, the rest is shared by weight (remainders go to the first ones). */
static void column(struct Rect **p, const int *weight, int n, int y, int x,
                   int h, int w) {
  int sum = 0, spare = h - n * MIN_PANEL, given = 0;
  for (int i = 0; i < n; ++i) sum += weight[i];
  int rows[16];
  for (int i = 0; i < n; ++i) {
    rows[i] = MIN_PANEL + (sum ? spare * weight[i] / sum : 0);
    given += rows[i];
  }
  for (int i = 0; given < h; i = (i + 1) % n, ++given) ++rows[i];
  for (int i = 0; i < n; ++i) {
    *p[i] = rect(y, x, rows[i], w);
    y += rows[i];
  }
}

void layout_compute(struct Layout *l, int lines, int cols) {
  struct Rect none = {0, 0, 0, 0};
  l->lines = lines;
  l->cols = cols;
  l->too_small = lines < UI_MIN_LINES || cols < UI_MIN_COLS;
  l->disasm = l->regs = l->flags = l->code = l->stack = l->term = none;
  l->x87 = l->sse = l->maps = l->source = l->frames = none;
  l->cmdline = l->cmdout = l->breaks = l->read = l->write = l->user = none;
  l->status = rect(lines - 1, 0, 1, cols);
  if (l->too_small) return;
  l->cmdline = rect(lines - 2, 0, 1, cols);
  int avail = lines - 2; /* rows above the command line */
  int fpu = cols >= WIDER_COLS && avail >= FPU_ROWS;
  int rw = fpu ? FPU_COLS : REG_COLS;
  int rx = cols - rw;
  /* Right column: registers (title, 16 GPRs, rip, rflags, then fs and
   * gs bases when there is room), then flags under them. */
  int regs_h = avail - 2 >= 21 ? 21 : avail - 2;
  l->regs = rect(0, rx, regs_h, rw);
  l->flags = rect(regs_h, rx, 2, rw);
  int breaks_right = 0;
  if (fpu) {
    l->x87 = rect(regs_h + 2, rx, 10, rw);
    l->sse = rect(regs_h + 12, rx, 17, rw);
    int y = regs_h + 29;
    if (avail - y >= BREAKS_RIGHT_MIN) {
      l->breaks = rect(y, rx, avail - y, rw);
      breaks_right = 1;
    }
  }
  if (cols < WIDE_COLS) {
    /* Left column: disassembly, stack, terminal, command output. */
    int lw = rx - 1; /* one blank column between the two columns */
    int out_h = avail / 7 > 3 ? avail / 7 : 3;
    int rest = avail - out_h;
    int dis_h = (rest + 1) / 2;
    int stack_h = rest / 4 > 3 ? rest / 4 : 3;
    int term_h = rest - dis_h - stack_h;
    l->disasm = rect(0, 0, dis_h, lw);
    l->stack = rect(dis_h, 0, stack_h, lw);
    l->term = rect(dis_h + stack_h, 0, term_h, lw);
    l->cmdout = rect(dis_h + stack_h + term_h, 0, out_h, lw);
    return;
  }
  /* Memory columns: 64-byte rows if the left column stays wide. */
  int ncol = cols >= TWO_MEM_COLS ? 2 : 1;
  int mw = MEM_ADDR_COLS + 64;
  int lw = cols - rw - ncol * (mw + 1) - 1;
  if (lw < LEFT_GOOD) {
    mw = MEM_ADDR_COLS + 32;
    lw = cols - rw - ncol * (mw + 1) - 1;
  }
  int mx = lw + 1;
  if (ncol == 1) {
    struct Rect *p[8] = {&l->code, &l->stack, &l->read,   &l->write,
                         &l->user, &l->maps,  &l->frames, &l->breaks};
    int wt[8] = {2, 3, 2, 2, 2, 2, 2, 2};
    int n = breaks_right ? 7 : 8;
    /* Too short for all: leave out user memory, then breakpoints. */
    if (n * MIN_PANEL > avail) {
      p[4] = p[5], p[5] = p[6], p[6] = p[7];
      --n;
    }
    if (n * MIN_PANEL > avail) --n;
    column(p, wt, n, 0, mx, avail, mw);
  } else {
    struct Rect *a[4] = {&l->code, &l->stack, &l->maps, &l->frames};
    struct Rect *b[4] = {&l->read, &l->write, &l->user, &l->breaks};
    int wa[4] = {2, 3, 2, 2}, wb[4] = {1, 1, 1, 1};
    column(a, wa, 4, 0, mx, avail, mw);
    column(b, wb, breaks_right ? 3 : 4, 0, mx + mw + 1, avail, mw);
  }
  /* Left column: source, disassembly, terminal, command output. */
  int out_h = avail / 6 < 3 ? 3 : avail / 6 > 16 ? 16 : avail / 6;
  int rest = avail - out_h;
  int src_h = rest / 4, term_h = rest * 3 / 10;
  int dis_h = rest - src_h - term_h;
  l->source = rect(0, 0, src_h, lw);
  l->disasm = rect(src_h, 0, dis_h, lw);
  l->term = rect(src_h + dis_h, 0, term_h, lw);
  l->cmdout = rect(src_h + dis_h + term_h, 0, out_h, lw);
}

/* -r: a PC's display, 80x25 text (or mode 13h scaled into it) and a
 * title row, takes the left column under the disassembly, which keeps
 * at least MIN_DIS rows. The terminal panel (COM1 and port E9 output)
 * keeps a third of what is left when that is at least BARE_TERM_MIN
 * rows; in the wide layout the source panel (the ROM's .S lines) a
 * third of the rest above the disassembly when both keep enough rows;
 * the narrow layout's stack panel goes. */
enum { SCREEN_ROWS = 26, MIN_DIS = 6, BARE_TERM_MIN = 4, BARE_SRC_MIN = 4 };
void layout_bare(struct Layout *l) {
  struct Rect none = {0, 0, 0, 0};
  if (l->too_small) return;
  int x = l->disasm.x, w = l->disasm.w, bottom = l->cmdout.y;
  int wide = l->source.h > 0;
  l->source = l->screen = none;
  if (l->stack.x == x) l->stack = none;
  int screen_h = bottom - MIN_DIS;
  if (screen_h > SCREEN_ROWS) screen_h = SCREEN_ROWS;
  int rest = bottom - screen_h;
  int term_h = (rest - MIN_DIS) / 3;
  if (term_h < BARE_TERM_MIN) term_h = 0;
  int src_h = wide ? (rest - term_h) / 3 : 0;
  if (src_h < BARE_SRC_MIN || rest - term_h - src_h < MIN_DIS) src_h = 0;
  int dis_h = rest - term_h - src_h;
  l->source = rect(0, x, src_h, w);
  l->disasm = rect(src_h, x, dis_h, w);
  l->screen = rect(src_h + dis_h, x, screen_h, w);
  l->term = rect(src_h + dis_h + screen_h, x, term_h, w);
}
