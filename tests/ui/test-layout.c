/* test-layout.c: the layout engine (src/ui/layout.c) for every terminal
 * size from 80x24 to 320x120: each panel inside the screen and above the
 * status line, no two panels overlapping, and each big enough to show
 * what it must (the register panel all 16 GPRs, rip and rflags). Sizes
 * below 80x24 must say too_small. Prints "ok" or the first failure. */
#include <stdio.h>

#include "ui/ui.h"

static int fails;

static void check(int ok, int lines, int cols, const char *what) {
  if (!ok && fails++ < 10)
    printf("FAIL %dx%d: %s\n", cols, lines, what);
}

static int overlap(struct Rect a, struct Rect b) {
  if (!a.h || !b.h) return 0;
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
         b.y < a.y + a.h;
}

int main(void) {
  struct Layout l;
  for (int lines = 24; lines <= 120; ++lines) {
    for (int cols = 80; cols <= 320; ++cols) {
      layout_compute(&l, lines, cols);
      check(!l.too_small, lines, cols, "too_small at a supported size");
      /* The optional panels last: CODE from 140 columns, x87 and SSE
       * from 200 columns and 51 lines. */
      struct Rect p[] = {l.disasm, l.regs, l.flags, l.stack, l.term,
                         l.code,   l.maps, l.source, l.frames, l.x87, l.sse};
      const char *name[] = {"disasm", "regs", "flags", "stack", "term",
                            "code",   "maps", "source", "frames", "x87", "sse"};
      int n = 5;
      check((l.code.h > 0) == (cols >= 140) && (l.maps.h > 0) == (cols >= 140),
            lines, cols, "code and maps panels shown iff at least 140 columns");
      int fpu = cols >= 200 && lines >= 51;
      check((l.x87.h > 0) == fpu && (l.sse.h > 0) == fpu, lines, cols,
            "x87 and sse shown iff at least 200x51");
      check((l.source.h > 0) == (cols >= 140) && (l.frames.h > 0) == (cols >= 140),
            lines, cols, "source and frames panels shown iff at least 140 columns");
      if (l.code.h) {
        n = 9;
        check(l.source.h >= 3 && l.frames.h >= 3, lines, cols,
              "source or frames panel too small");
        check(l.maps.h >= 3, lines, cols, "maps panel too small");
      }
      if (fpu) {
        n = 11;
        check(l.x87.h >= 10 && l.sse.h >= 17 && l.sse.w >= 54, lines, cols,
              "x87 or sse panel too small");
      }
      for (int i = 0; i < n; ++i) {
        char what[64];
        snprintf(what, sizeof(what), "%s outside the screen", name[i]);
        check(p[i].h > 0 && p[i].w > 0 && p[i].x >= 0 && p[i].y >= 0 &&
                  p[i].x + p[i].w <= cols && p[i].y + p[i].h <= lines - 1,
              lines, cols, what);
        for (int j = i + 1; j < n; ++j) {
          snprintf(what, sizeof(what), "%s overlaps %s", name[i], name[j]);
          check(!overlap(p[i], p[j]), lines, cols, what);
        }
      }
      check(l.status.y == lines - 1 && l.status.w == cols && l.status.h == 1,
            lines, cols, "status line not the last row");
      check(l.regs.h >= 19 && l.regs.w >= 20, lines, cols,
            "register panel too small for 16 GPRs, rip, rflags");
      check(l.flags.h >= 2 && l.flags.w >= 20, lines, cols, "flags too small");
      check(l.disasm.h >= 5 && l.stack.h >= 3 && l.term.h >= 3, lines, cols,
            "a left panel too small");
      check(l.disasm.w >= 57, lines, cols, "disassembly narrower than at 80");
      check(!l.code.h || l.code.h >= 3, lines, cols, "code panel too small");
    }
  }
  int small[][2] = {{23, 80}, {24, 79}, {10, 40}, {1, 1}, {0, 0}};
  for (unsigned i = 0; i < sizeof(small) / sizeof(small[0]); ++i) {
    layout_compute(&l, small[i][0], small[i][1]);
    check(l.too_small, small[i][0], small[i][1], "not too_small");
  }
  if (fails) {
    printf("%d failures\n", fails);
    return 1;
  }
  printf("ok\n");
  return 0;
}
