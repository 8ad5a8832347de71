/* test-zoom.c: the memory panels' zoom filter (src/ui/mem-zoom.c) on
 * known arrays: a constant stays constant at every level; 0,255,0,255...
 * becomes about 127 at level 1 (not 0 or 255, which plain decimation
 * gives); a spike spreads symmetrically and keeps its mass; mirrored
 * input gives mirrored output; no output leaves the input's range (no
 * ringing); level 0 is a copy. Prints "ok" or the failures. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/ui.h"

static int fails;

static void check(int ok, const char *what, int a, int b) {
  if (!ok && fails++ < 20) printf("FAIL: %s (%d, %d)\n", what, a, b);
}

enum { N = 1024 };

int main(void) {
  static uint8_t in[N], out[N], rin[N], rout[N];

  /* Level 0 is a copy. */
  for (int i = 0; i < N; ++i) in[i] = (uint8_t)(i * 7);
  zoom_reduce(in, N, 0, out);
  check(!memcmp(in, out, N), "level 0 is not a copy", 0, 0);

  /* A constant stays that constant at every level. */
  for (int v = 0; v < 256; v += 85) {
    memset(in, v, N);
    for (int l = 1; l <= ZOOM_MAX; ++l) {
      zoom_reduce(in, N, l, out);
      for (int i = 0; i < N >> l; ++i)
        check(out[i] == v, "a constant changed", l, out[i]);
    }
  }

  /* 0,255,0,255...: about 127 (127 or 128) at level 1 and above, away
   * from the ends (there the first/last byte is repeated: the panel
   * passes two cells of margin each side, which are not drawn). */
  for (int i = 0; i < N; ++i) in[i] = i & 1 ? 255 : 0;
  for (int l = 1; l <= 4; ++l) {
    zoom_reduce(in, N, l, out);
    for (int i = 2; i < (N >> l) - 2; ++i)
      check(out[i] == 127 || out[i] == 128, "alternating 0/255 not ~127", l,
            out[i]);
  }

  /* A spike of two bytes in the middle: at each level the picture is
   * symmetric about the middle, nonzero near it, and its mass (the sum,
   * times 2^level) is kept to within rounding. */
  memset(in, 0, N);
  in[N / 2 - 1] = in[N / 2] = 255;
  for (int l = 1; l <= 6; ++l) {
    int m = N >> l;
    zoom_reduce(in, N, l, out);
    long sum = 0;
    for (int i = 0; i < m; ++i) {
      check(out[i] == out[m - 1 - i], "spike not symmetric", l, i);
      sum += out[i];
    }
    check(out[m / 2] > 0 && out[m / 2 - 1] > 0, "spike lost", l, out[m / 2]);
    check(labs((sum << l) - 510) <= (2L << l) * 4, "spike mass not kept", l,
          (int)sum);
  }
  /* A one-byte spike at an even offset spreads 1:3 over two cells; at the
   * next odd offset the same, mirrored. */
  memset(in, 0, N);
  in[100] = 255;
  zoom_reduce(in, N, 1, out);
  check(out[49] == 32 && out[50] == 96 && out[48] == 0 && out[51] == 0,
        "spike at 100", out[49], out[50]);
  memset(in, 0, N);
  in[101] = 255;
  zoom_reduce(in, N, 1, out);
  check(out[50] == 96 && out[51] == 32 && out[49] == 0 && out[52] == 0,
        "spike at 101", out[50], out[51]);

  /* Mirrored input, mirrored output; and no value outside the input's
   * range (a kernel with negative lobes would overshoot at edges). */
  srand(1);
  for (int round = 0; round < 50; ++round) {
    int lo = 255, hi = 0;
    for (int i = 0; i < N; ++i) {
      in[i] = (uint8_t)(round & 1 ? (rand() & 1) * 255 : rand() & 255);
      rin[N - 1 - i] = in[i];
      if (in[i] < lo) lo = in[i];
      if (in[i] > hi) hi = in[i];
    }
    for (int l = 1; l <= ZOOM_MAX; ++l) {
      int m = N >> l;
      zoom_reduce(in, N, l, out);
      zoom_reduce(rin, N, l, rout);
      for (int i = 0; i < m; ++i) {
        check(out[i] == rout[m - 1 - i], "mirror", l, i);
        check(out[i] >= lo && out[i] <= hi, "outside the input's range", l,
              out[i]);
      }
    }
  }

  /* A step 0 -> 255 stays a monotone ramp (no ringing). */
  for (int i = 0; i < N; ++i) in[i] = i < N / 2 + 3 ? 0 : 255;
  for (int l = 1; l <= 5; ++l) {
    zoom_reduce(in, N, l, out);
    for (int i = 1; i < N >> l; ++i)
      check(out[i] >= out[i - 1], "step not monotone", l, i);
  }

  if (fails) {
    printf("%d failures\n", fails);
    return 1;
  }
  printf("ok\n");
  return 0;
}
