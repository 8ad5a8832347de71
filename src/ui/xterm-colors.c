/* xterm-colors.c: the terminal's 256-colour palette as RGB, and the
 * entry nearest to a colour, for painting colours a guest chose (libvterm
 * cells, the PC's CGA text and VGA DAC) with the ones a terminal has.
 * Pure arithmetic: no curses, so tests/ui/test-screen.c links it alone. */
#include "ui/ui.h"

/* xterm's defaults: 16 system colours, a 6x6x6 cube, 24 greys. */
void xterm_rgb(int i, int *r, int *g, int *b) {
  static const unsigned char base[16][3] = {
      {0, 0, 0},       {205, 0, 0},     {0, 205, 0},   {205, 205, 0},
      {0, 0, 238},     {205, 0, 205},   {0, 205, 205}, {229, 229, 229},
      {127, 127, 127}, {255, 0, 0},     {0, 255, 0},   {255, 255, 0},
      {92, 92, 255},   {255, 0, 255},   {0, 255, 255}, {255, 255, 255}};
  if (i < 16) {
    *r = base[i][0];
    *g = base[i][1];
    *b = base[i][2];
  } else if (i < 232) {
    static const int level[6] = {0, 95, 135, 175, 215, 255};
    i -= 16;
    *r = level[i / 36];
    *g = level[(i / 6) % 6];
    *b = level[i % 6];
  } else {
    *r = *g = *b = 8 + 10 * (i - 232);
  }
}

/* Weighted squared distance (green counts most, blue least, roughly as
 * the eye does). */
int xterm_nearest(int r, int g, int b, int limit) {
  int best = 0;
  long bestd = -1;
  for (int i = 0; i < limit; ++i) {
    int pr, pg, pb;
    xterm_rgb(i, &pr, &pg, &pb);
    long d = (long)(pr - r) * (pr - r) * 3 + (long)(pg - g) * (pg - g) * 4 +
             (long)(pb - b) * (pb - b) * 2;
    if (bestd < 0 || d < bestd) {
      bestd = d;
      best = i;
    }
  }
  return best;
}
