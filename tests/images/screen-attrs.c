/* screen-attrs SECONDS IMAGE: boots IMAGE headless (no keys) for SECONDS
 * and prints the screen's colours, which `blink -r -S` (text only) does
 * not show: a line "mode M cols C rows R", then one line per text row
 * with each cell's attribute byte as two hex digits. The guest's console
 * output goes to stderr. For tests/images/tetros.sh: TetrOS draws its
 * well and pieces as coloured blanks. */
#include <stdio.h>
#include <stdlib.h>

#include "pc/pc.h"

static void to_stderr(void *ctx, int source, const char *s, size_t n) {
  (void)ctx;
  (void)source;
  fwrite(s, 1, n, stderr);
}

int main(int argc, char *argv[]) {
  if (argc != 3) {
    fprintf(stderr, "usage: %s SECONDS IMAGE\n", argv[0]);
    return 2;
  }
  struct PcOptions o = {.image = argv[2],
                        .time_limit = (uint64_t)(atof(argv[1]) * 1e9)};
  char err[256];
  struct Pc *pc = pc_new(&o, err, sizeof(err));
  if (!pc) {
    fprintf(stderr, "%s\n", err);
    return 2;
  }
  pc_set_output(pc, to_stderr, NULL);
  int status = pc_run(pc);
  struct PcScreen s;
  pc_screen(pc, &s);
  printf("mode %d cols %d rows %d\n", s.mode, s.cols, s.rows);
  for (int r = 0; !s.graphics && s.mem && r < s.rows; ++r) {
    for (int c = 0; c < s.cols; ++c) printf("%02x", s.mem[(r * s.cols + c) * 2 + 1]);
    putchar('\n');
  }
  pc_free(pc);
  fprintf(stderr, "screen-attrs: the run ended with status %d\n", status);
  return 0;
}
