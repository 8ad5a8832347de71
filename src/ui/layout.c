/* layout.c: where each panel goes for a terminal of a given size.
 *
 * Pure arithmetic on rectangles (no curses), so it can be reasoned about
 * and tested alone. The plan, from 80x24 up:
 *
 *   +------------------------------+ +-----------+
 *   | disassembly (half the height)| | registers |
 *   +------------------------------+ |           |
 *   | stack memory (a quarter)     | +-----------+
 *   +------------------------------+ | flags     |
 *   | terminal (the rest)          | |           |
 *   +------------------------------+-+-----------+
 *   status line
 *
 * The register column is fixed: "rax 0000000000000000" is 20 cells and
 * 16 GPRs + rip + rflags + a title is 19 rows, which with the flags
 * panel's 2 rows fits the 23 rows an 80x24 terminal has above the status
 * line. From WIDE_COLS on, the memory panels move to a middle column of
 * their own (CODE around RIP, STACK, then the memory maps, a third of
 * the height each), memory rows 32 or 64 bytes, and the left column
 * keeps disassembly over terminal:
 *
 *   +--------------------+ +-----------+ +-----------+
 *   | disassembly (2/3)  | | code      | | registers |
 *   |                    | +-----------+ |           |
 *   +--------------------+ | stack     | | flags     |
 *   | terminal           | +-----------+ |           |
 *   |                    | | maps      | |           |
 *   +--------------------+-+-----------+-+-----------+
 *
 * From WIDER_COLS and FPU_ROWS+1 lines on, the right column widens to
 * FPU_COLS and adds the x87 (10 rows) and SSE (17 rows) panels under the
 * flags.
 *
 * The wide layout also has the source panel (a quarter of the height,
 * above the disassembly) and the frames panel (under maps; the middle
 * column is then split in quarters).
 *
 * Extra width goes to the left column, extra height to the stacked
 * panels in proportion. Every panel gets whole rows, and no panel is
 * placed where it would be cut: what does not fit is not shown. */
#include "ui/ui.h"

enum {
  REG_COLS = 22,
  WIDE_COLS = 140,    /* from here on, a middle column for memory */
  WIDER_COLS = 200,   /* from here on, 64 bytes a memory row, not 32 */
  FPU_COLS = 56,      /* the right column when it holds x87 and SSE */
  FPU_ROWS = 50,      /* 21 registers + 2 flags + 10 x87 + 17 SSE */
  MEM_ADDR_COLS = 13, /* "00007fffffff " */
};

static struct Rect rect(int y, int x, int h, int w) {
  struct Rect r = {y, x, h > 0 ? h : 0, w > 0 ? w : 0};
  if (!r.h || !r.w) r.h = r.w = 0;
  return r;
}

void layout_compute(struct Layout *l, int lines, int cols) {
  struct Rect none = {0, 0, 0, 0};
  l->lines = lines;
  l->cols = cols;
  l->too_small = lines < UI_MIN_LINES || cols < UI_MIN_COLS;
  l->disasm = l->regs = l->flags = l->code = l->stack = l->term = none;
  l->x87 = l->sse = l->maps = l->source = l->frames = none;
  l->status = rect(lines - 1, 0, 1, cols);
  if (l->too_small) return;
  int avail = lines - 1; /* rows above the status line */
  int fpu = cols >= WIDER_COLS && avail >= FPU_ROWS;
  int rx = cols - (fpu ? FPU_COLS : REG_COLS);
  int lw = rx - 1;       /* one blank column between the two columns */
  /* Right column: registers (title, 16 GPRs, rip, rflags, then fs and
   * gs bases when there is room), then flags under them. */
  int regs_h = avail - 2 >= 21 ? 21 : avail - 2;
  int rw = cols - rx;
  l->regs = rect(0, rx, regs_h, rw);
  l->flags = rect(regs_h, rx, 2, rw);
  if (fpu) {
    l->x87 = rect(regs_h + 2, rx, 10, rw);
    l->sse = rect(regs_h + 12, rx, 17, rw);
  }
  if (cols < WIDE_COLS) {
    /* Left column: disassembly, stack, terminal. */
    int dis_h = avail / 2;
    int stack_h = avail / 4;
    int term_h = avail - dis_h - stack_h;
    l->disasm = rect(0, 0, dis_h, lw);
    l->stack = rect(dis_h, 0, stack_h, lw);
    l->term = rect(dis_h + stack_h, 0, term_h, lw);
    return;
  }
  int mw = MEM_ADDR_COLS + (cols >= WIDER_COLS ? 64 : 32);
  int mx = rx - 1 - mw;
  lw = mx - 1;
  int code_h = avail / 4, stack_h = avail / 4, maps_h = avail / 4;
  l->code = rect(0, mx, code_h, mw);
  l->stack = rect(code_h, mx, stack_h, mw);
  l->maps = rect(code_h + stack_h, mx, maps_h, mw);
  l->frames = rect(code_h + stack_h + maps_h, mx,
                   avail - code_h - stack_h - maps_h, mw);
  int dis_h = avail * 2 / 3, src_h = avail / 4;
  l->source = rect(0, 0, src_h, lw);
  l->disasm = rect(src_h, 0, dis_h - src_h, lw);
  l->term = rect(dis_h, 0, avail - dis_h, lw);
}
