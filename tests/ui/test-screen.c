/* test-screen.c: the PC screen panel's cells (src/ui/screen-cells.c)
 * from a PcScreen filled here, against the adapters' documented
 * behaviour (IBM CGA/MDA technical references: the attribute byte's
 * layout, the CGA colour numbers; the VGA's mode 13h: one byte a pixel,
 * 320 a row, an index into the DAC).
 * Text: every attribute byte 00h-FFh in colour modes, with blinking on
 * and off, on 16- and 8-colour terminals, is checked against the CGA's
 * colour names mapped to ANSI's (named by RGB bits, not by a table
 * shared with the code); every byte's glyph is cp437_glyph's; the MDA's
 * special attributes. Graphics: the scale that fits each panel size
 * keeps the picture inside it and is the smallest that does; sampled
 * pixels are the ones at k-steps; DAC colours that are exactly xterm
 * colours map to those. Prints "ok" or the failures. */
#include <stdio.h>
#include <string.h>

#include "ui/screen.h"
#include "ui/ui.h"

static int fails;

static void check(int ok, const char *what, int a, int b) {
  if (!ok && fails++ < 30) printf("FAIL: %s (%d, %d)\n", what, a, b);
}

/* The CGA's colour by its RGBI bits, as the terminal numbers it: ANSI
 * colour n has red in bit 0, green in bit 1, blue in bit 2. */
static int ansi_of(int cga) {
  int red = (cga >> 2) & 1, green = (cga >> 1) & 1, blue = cga & 1;
  int bright = (cga >> 3) & 1;
  return red | green << 1 | blue << 2 | bright << 3;
}

static uint8_t text[25 * 80 * 2];

static int same_rgb(int a, int b) {
  int ra, ga, ba, rb, gb, bb;
  xterm_rgb(a, &ra, &ga, &ba);
  xterm_rgb(b, &rb, &gb, &bb);
  return ra == rb && ga == gb && ba == bb;
}
static uint8_t pix[320 * 200];

int main(void) {
  struct PcScreen s;
  memset(&s, 0, sizeof(s));
  s.mode = 3;
  s.cols = 80;
  s.rows = 25;
  s.mem = text;
  /* Every attribute with every character, somewhere on the screen. */
  for (int i = 0; i < 80 * 25; ++i) {
    text[2 * i] = (uint8_t)(i * 7);
    text[2 * i + 1] = (uint8_t)i;
  }
  struct ScreenCell c;
  for (int blink = 0; blink < 2; ++blink) {
    s.blink = blink;
    for (int i = 0; i < 256; ++i) {
      int row = i / 80, col = i % 80;
      screen_text_cell(&s, row, col, 16, &c);
      check(c.ch == cp437_glyph(text[2 * i]), "glyph", i, (int)c.ch);
      check(c.fg == ansi_of(i & 15), "fg", i, c.fg);
      int bgc = blink ? (i >> 4) & 7 : (i >> 4) & 15;
      check(c.bg == ansi_of(bgc), "bg", i, c.bg);
      check(c.blink == (blink && (i & 0x80)), "blink", i, c.blink);
      check(!c.underline && !c.reverse, "no mda attributes in cga", i, 0);
      /* 8 colours: bright foreground is bold, bright background dark. */
      screen_text_cell(&s, row, col, 8, &c);
      check(c.fg == (ansi_of(i & 15) & 7), "fg8", i, c.fg);
      check(c.bold == ((i & 8) != 0), "bold8", i, c.bold);
      check(c.bg == (ansi_of(bgc) & 7), "bg8", i, c.bg);
    }
  }
  /* Spot checks by name: white on blue, yellow on red, brown. */
  text[1] = 0x1f;
  s.blink = 1;
  screen_text_cell(&s, 0, 0, 16, &c);
  check(c.fg == 15 && c.bg == 4, "1Fh is bright white on blue", c.fg, c.bg);
  text[1] = 0x4e;
  screen_text_cell(&s, 0, 0, 16, &c);
  check(c.fg == 11 && c.bg == 1, "4Eh is yellow on red", c.fg, c.bg);
  text[1] = 0x06;
  screen_text_cell(&s, 0, 0, 16, &c);
  check(c.fg == 3, "brown shows as the terminal's yellow", c.fg, 0);
  /* CP437 pictures. */
  text[0] = 0x01;
  screen_text_cell(&s, 0, 0, 16, &c);
  check(c.ch == 0x263a, "01h is a smiley", (int)c.ch, 0);
  text[0] = 0xdb;
  screen_text_cell(&s, 0, 0, 16, &c);
  check(c.ch == 0x2588, "DBh is the full block", (int)c.ch, 0);
  text[0] = 0xc9;
  screen_text_cell(&s, 0, 0, 16, &c);
  check(c.ch == 0x2554, "C9h is a double corner", (int)c.ch, 0);
  /* 40 columns: the row stride follows cols. */
  s.cols = 40;
  text[2 * 41] = 'Q';
  text[2 * 41 + 1] = 0x02;
  screen_text_cell(&s, 1, 1, 16, &c);
  check(c.ch == 'Q' && c.fg == 2, "40-column stride", (int)c.ch, c.fg);
  s.cols = 80;

  /* MDA (mode 7). */
  s.mode = 7;
  s.blink = 1;
  static const struct {
    uint8_t a;
    int visible, fg, bg, underline, reverse, blink;
  } mda[] = {
      {0x00, 0, 0, 0, 0, 0, 0}, {0x08, 0, 0, 0, 0, 0, 0},
      {0x80, 0, 0, 0, 0, 0, 0}, {0x07, 1, 7, 0, 0, 0, 0},
      {0x0f, 1, 15, 0, 0, 0, 0}, {0x01, 1, 7, 0, 1, 0, 0},
      {0x09, 1, 15, 0, 1, 0, 0}, {0x70, 1, 0, 7, 0, 1, 0},
      {0x87, 1, 7, 0, 0, 0, 1},  {0xf0, 1, 0, 7, 0, 1, 1},
  };
  for (size_t k = 0; k < sizeof(mda) / sizeof(mda[0]); ++k) {
    text[0] = 'M';
    text[1] = mda[k].a;
    screen_text_cell(&s, 0, 0, 16, &c);
    if (!mda[k].visible) {
      check(c.fg == c.bg, "mda invisible", mda[k].a, c.fg);
      continue;
    }
    check(c.ch == 'M', "mda glyph", mda[k].a, (int)c.ch);
    check(c.fg == mda[k].fg && c.bg == mda[k].bg, "mda colours", mda[k].a,
          c.fg * 256 + c.bg);
    check(c.underline == mda[k].underline, "mda underline", mda[k].a,
          c.underline);
    check(c.reverse == mda[k].reverse, "mda reverse", mda[k].a, c.reverse);
    check(c.blink == mda[k].blink, "mda blink", mda[k].a, c.blink);
  }

  /* Mode 13h. */
  memset(&s, 0, sizeof(s));
  s.mode = 0x13;
  s.graphics = 1;
  s.cols = 320;
  s.rows = 200;
  s.mem = pix;
  for (int y = 0; y < 200; ++y)
    for (int x = 0; x < 320; ++x) pix[y * 320 + x] = (uint8_t)(x ^ (y * 3));
  /* The DAC: entry i = xterm colour i (exact), so the mapping is the
   * identity on a 256-colour terminal. */
  for (int i = 0; i < 256; ++i) {
    int r, g, b;
    xterm_rgb(i, &r, &g, &b);
    s.palette[i][0] = (uint8_t)r;
    s.palette[i][1] = (uint8_t)g;
    s.palette[i][2] = (uint8_t)b;
  }
  for (int i = 0; i < 256; ++i) {
    int t = screen_dac_color(&s, i, 256), r, g, b;
    xterm_rgb(t, &r, &g, &b);
    check(r == s.palette[i][0] && g == s.palette[i][1] &&
              b == s.palette[i][2],
          "an exact xterm colour maps to itself", i, t);
    check(screen_dac_color(&s, i, 16) < 16, "16-colour limit", i, 0);
  }
  for (int w = 20; w <= 400; w += 7)
    for (int h = 5; h <= 120; h += 3) {
      int k = screen_scale(&s, w, h);
      int cw = (320 + k - 1) / k, ch = (200 + 2 * k - 1) / (2 * k);
      check(cw <= w && ch <= h, "the picture fits", w, h);
      if (k > 1) {
        int k1 = k - 1;
        int cw1 = (320 + k1 - 1) / k1, ch1 = (200 + 2 * k1 - 1) / (2 * k1);
        check(cw1 > w || ch1 > h, "the scale is the smallest that fits", w,
              h);
      }
    }
  check(screen_scale(&s, 97, 25) == 4, "97x25 cells: 1:4", 0, 0);
  check(screen_scale(&s, 320, 100) == 1, "320x100 cells: 1:1", 0, 0);
  for (int k = 1; k <= 4; ++k)
    for (int cy = 0; cy < 100 / k; cy += 5)
      for (int cx = 0; cx < 320 / k; cx += 9) {
        screen_gfx_cell(&s, k, cx, cy, 256, &c);
        check(c.ch == 0x2580, "upper half block", cx, cy);
        /* By colour: xterm's palette repeats some (16 is 0's black). */
        check(same_rgb(c.fg, pix[(2 * cy * k) * 320 + cx * k]), "upper pixel",
              cx, cy);
        check(same_rgb(c.bg, pix[((2 * cy + 1) * k) * 320 + cx * k]),
              "lower pixel", cx, cy);
      }
  if (fails) {
    printf("%d failures\n", fails);
    return 1;
  }
  printf("ok\n");
  return 0;
}
