/* test-layout.c: the layout engine (src/ui/layout.c) for every terminal
 * size from 80x24 to 320x120: each panel inside the screen and above the
 * command line, which is the row above the status line; no two panels
 * overlapping; each shown exactly when it should be and big enough to
 * show what it must (the register panel all 16 GPRs, rip and rflags,
 * memory panels 32 bytes a row); disassembly and terminal generous at
 * the sizes people use (140x40, 200x60, 320x120). Sizes below 80x24 must
 * say too_small. Then layout_bare (-r) at every size: the PC's screen
 * panel under the disassembly, 26 rows when there is room, the source
 * panel above it when wide and tall enough. Prints "ok" or the first
 * failures. */
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
      /* The optional panels last. */
      struct Rect p[] = {l.disasm, l.regs,   l.flags, l.stack, l.term,
                         l.cmdout, l.code,   l.maps,  l.source, l.frames,
                         l.read,   l.write,  l.breaks, l.user, l.x87,
                         l.sse};
      const char *name[] = {"disasm", "regs",   "flags", "stack", "term",
                            "cmdout", "code",   "maps",  "source", "frames",
                            "read",   "write",  "breaks", "user", "x87",
                            "sse"};
      int np = sizeof(p) / sizeof(p[0]);
      int wide = cols >= 140;
      int fpu = cols >= 200 && lines >= 52;
      int user = wide && (lines >= 26 || cols >= 260);
      check((l.code.h > 0) == wide && (l.maps.h > 0) == wide, lines, cols,
            "code and maps panels shown iff at least 140 columns");
      check((l.x87.h > 0) == fpu && (l.sse.h > 0) == fpu, lines, cols,
            "x87 and sse shown iff at least 200x52");
      check((l.source.h > 0) == wide && (l.frames.h > 0) == wide, lines, cols,
            "source and frames panels shown iff at least 140 columns");
      check((l.read.h > 0) == wide && (l.write.h > 0) == wide &&
                (l.breaks.h > 0) == wide,
            lines, cols, "read, write and breaks shown iff at least 140 columns");
      check((l.user.h > 0) == user, lines, cols,
            "user memory shown iff >= 140 columns and >= 26 lines (or 260 columns)");
      check(l.cmdline.y == lines - 2 && l.cmdline.x == 0 &&
                l.cmdline.w == cols && l.cmdline.h == 1,
            lines, cols, "command line not the full row above the status line");
      check(l.cmdout.h >= 3 && l.cmdout.w >= 57, lines, cols,
            "command output panel too small");
      for (int i = 0; i < np; ++i) {
        char what[64];
        snprintf(what, sizeof(what), "%s overlaps the command line", name[i]);
        check(!overlap(p[i], l.cmdline), lines, cols, what);
        if (!p[i].h) continue;
        snprintf(what, sizeof(what), "%s outside the screen", name[i]);
        check(p[i].h > 0 && p[i].w > 0 && p[i].x >= 0 && p[i].y >= 0 &&
                  p[i].x + p[i].w <= cols && p[i].y + p[i].h <= lines - 2,
              lines, cols, what);
        for (int j = i + 1; j < np; ++j) {
          snprintf(what, sizeof(what), "%s overlaps %s", name[i], name[j]);
          check(!overlap(p[i], p[j]), lines, cols, what);
        }
      }
      /* Memory panels: at least 2 rows of 32 bytes under the title. */
      struct Rect mem[] = {l.code, l.read, l.write, l.user};
      for (int i = 0; i < 4; ++i)
        check(!mem[i].h || (mem[i].h >= 3 && mem[i].w >= 13 + 32), lines,
              cols, "a memory panel too small");
      if (wide) {
        check(l.source.h >= 3 && l.frames.h >= 3, lines, cols,
              "source or frames panel too small");
        check(l.maps.h >= 3 && l.breaks.h >= 3 && l.breaks.w >= 40, lines,
              cols, "maps or breaks panel too small");
        check(l.stack.w >= 13 + 32, lines, cols, "stack narrower than 32 bytes");
      }
      if (fpu)
        check(l.x87.h >= 10 && l.sse.h >= 17 && l.sse.w >= 54, lines, cols,
              "x87 or sse panel too small");
      /* Generous where people look: disassembly and terminal. */
      if (lines >= 40 && cols >= 140) {
        check(l.disasm.h >= 14 && l.disasm.w >= 70, lines, cols,
              "disassembly not generous at >= 140x40");
        check(l.term.h >= 8 && l.term.w >= 70, lines, cols,
              "terminal not generous at >= 140x40");
        check(l.read.h >= 4 && l.write.h >= 4 && l.user.h >= 4, lines, cols,
              "read/write/user memory under 3 rows at >= 140x40");
      }
      if (lines >= 60 && cols >= 200)
        check(l.disasm.h >= 20 && l.disasm.w >= 90 && l.term.h >= 14 &&
                  l.term.w >= 90 && l.read.h >= 6 && l.write.h >= 6 &&
                  l.user.h >= 6 && l.breaks.h >= 5 && l.cmdout.h >= 8,
              lines, cols, "a panel not generous at >= 200x60");
      check(l.status.y == lines - 1 && l.status.w == cols && l.status.h == 1,
            lines, cols, "status line not the last row");
      check(l.regs.h >= 19 && l.regs.w >= 20, lines, cols,
            "register panel too small for 16 GPRs, rip, rflags");
      check(l.flags.h >= 2 && l.flags.w >= 20, lines, cols, "flags too small");
      check(l.disasm.h >= 5 && l.stack.h >= 3 && l.term.h >= 3, lines, cols,
            "a left panel too small");
      check(l.disasm.w >= 57, lines, cols, "disassembly narrower than at 80");
    }
  }
  /* -r (layout_bare): the screen panel in the left column under the
   * disassembly (at least 6 rows), 80x25 text and its title whenever
   * the column has the rows, no source panel, no panel overlapping. */
  for (int lines = 24; lines <= 120; ++lines) {
    for (int cols = 80; cols <= 320; ++cols) {
      layout_compute(&l, lines, cols);
      struct Rect left = l.disasm;
      int wide = l.source.h > 0;
      layout_bare(&l);
      struct Rect p[] = {l.disasm, l.regs, l.flags, l.stack, l.term,
                         l.cmdout, l.code, l.maps,  l.frames, l.read,
                         l.write,  l.breaks, l.user, l.x87,  l.sse,
                         l.screen, l.source};
      int np = sizeof(p) / sizeof(p[0]);
      for (int i = 0; i < np; ++i) {
        check(!p[i].h || (p[i].y >= 0 && p[i].y + p[i].h <= lines - 2 &&
                          p[i].x >= 0 && p[i].x + p[i].w <= cols),
              lines, cols, "-r: a panel outside the screen");
        for (int j = i + 1; j < np; ++j)
          check(!overlap(p[i], p[j]), lines, cols, "-r: panels overlap");
      }
      check(!l.source.h || (wide && l.source.h >= 4 && l.source.y == 0 &&
                            l.source.y + l.source.h == l.disasm.y),
            lines, cols, "-r: the source panel is not above the disassembly");
      check(!wide || lines < 60 || l.source.h, lines, cols,
            "-r: no source panel at >= 140x60");
      check(l.screen.x == left.x && l.screen.w == left.w, lines, cols,
            "-r: the screen is not the left column's width");
      check(l.disasm.h >= 6 && l.disasm.y + l.disasm.h == l.screen.y &&
                l.disasm.y == (l.source.h ? l.source.h : 0), lines,
            cols, "-r: the disassembly is not above the screen, 6 rows+");
      int room = l.cmdout.y - 6;
      check(l.screen.h == (room < 26 ? room : 26), lines, cols,
            "-r: the screen panel does not take 26 rows when it can");
      check(!l.term.h || (l.term.h >= 4 && l.term.y == l.screen.y + l.screen.h),
            lines, cols, "-r: the output panel is not under the screen");
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
