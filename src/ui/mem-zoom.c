/* mem-zoom.c: the memory panels' 2:1 zoom, one filtered step a level.
 *
 * At zoom level z a cell stands for 2^z bytes. Each level is computed
 * from the one below by low-pass filtering and then keeping every other
 * sample, never by picking every other byte (that would alias: a table
 * of alternating 0x00/0xff would look all 0x00 or all 0xff depending on
 * where it starts, and a lone nonzero byte would vanish half the time).
 *
 * The kernel is the binomial [1 3 3 1]/8, centred between the two bytes
 * a cell merges:
 *
 *   out[i] = (x[2i-1] + 3 x[2i] + 3 x[2i+1] + x[2i+2]) / 8
 *
 * Why this one rather than, say, Lanczos-2:
 *  - It is the pair average (what merging two cells means) convolved
 *    with the [1 2 1]/4 smoother, so its gain is exactly 1 at DC (a run
 *    of one value keeps that value) and exactly 0 at the Nyquist
 *    frequency (0,255,0,255,... becomes a flat 127.5 at level 1, not
 *    0 or 255).
 *  - It has no negative lobes. Memory is full of hard edges (zeroed
 *    padding next to data, strings next to pointers); Lanczos would ring
 *    around them and need clamping, drawing bytes that are nowhere in
 *    memory. A positive kernel's output is a weighted mean of its input.
 *  - It is short: a byte influences at most two cells of the next level,
 *    so what the panel shows stays where it is in memory.
 *  - It is symmetric about the cell boundary, so mirrored memory gives
 *    a mirrored picture, and it is exact in integers: the levels are
 *    kept with 8 fraction bits so that rounding does not drift over
 *    several levels, and rounded to a byte only at the end.
 *
 * Beyond the ends of the buffer the first/last sample is repeated; the
 * panel passes a margin of bytes on both sides so that the cells it
 * draws never depend on that. */
#ifdef HAVE_CONFIG_H
#include "config.h"
#endif
#include <stdint.h>
#include <stdlib.h>

#include "ui/ui.h"

enum { FRAC = 8 };

/* One level in place: w[0..n) -> w[0..n/2). w[i] is written after
 * w[2i-1..2i+2] are read, and 2i-1 >= i for i >= 1, so nothing needed
 * later is overwritten first. */
static void half(uint32_t *w, size_t n) {
  for (size_t i = 0; i < n / 2; ++i) {
    uint32_t a = w[i ? 2 * i - 1 : 0];
    uint32_t b = w[2 * i];
    uint32_t c = w[2 * i + 1 < n ? 2 * i + 1 : n - 1];
    uint32_t d = w[2 * i + 2 < n ? 2 * i + 2 : n - 1];
    w[i] = (a + 3 * b + 3 * c + d + 4) >> 3;
  }
}

void zoom_reduce(const uint8_t *in, size_t n, int levels, uint8_t *out) {
  if (levels <= 0) {
    for (size_t i = 0; i < n; ++i) out[i] = in[i];
    return;
  }
  uint32_t *w = malloc(n * sizeof(*w));
  if (!w) { /* no memory: plain decimation rather than nothing */
    for (size_t i = 0; i < n >> levels; ++i) out[i] = in[i << levels];
    return;
  }
  for (size_t i = 0; i < n; ++i) w[i] = (uint32_t)in[i] << FRAC;
  size_t m = n;
  for (int l = 0; l < levels && m >= 2; ++l) {
    half(w, m);
    m /= 2;
  }
  for (size_t i = 0; i < n >> levels; ++i) {
    uint32_t v = (w[i] + (1u << (FRAC - 1))) >> FRAC;
    out[i] = v > 255 ? 255 : (uint8_t)v;
  }
  free(w);
}
