/* screen-cells.c: what each terminal cell of the PC's screen panel
 * shows, from the display state the PC reports (pc.h's PcScreen).
 *
 * Text modes: a character and an attribute byte a cell. On colour
 * adapters (modes 0-3) the attribute's low nibble is the foreground,
 * one of the 16 CGA colours (bit 3 the bright half), and its high nibble
 * the background: bits 4-6 a colour, bit 7 blink, or the bright half
 * of the background when blinking is off (PcScreen.blink). The CGA
 * numbers colours blue = 1, green = 2, red = 4, while terminals (ANSI)
 * number them red = 1, green = 2, blue = 4: bits 0 and 2 swap, and the
 * bright bit is the same (8). CGA's brown (6, a dimmed yellow) becomes
 * the terminal's yellow. A terminal with only 8 colours shows a bright
 * foreground as bold and a bright background as its dark half.
 *
 * The monochrome adapter (mode 7) has no colours: per the IBM MDA
 * reference, attribute 00h (and 08h, 80h, 88h) shows nothing, 70h is
 * reverse video (black on green/white), foreground 1 underlines, bit 3
 * is high intensity, bit 7 blinks. They become light grey or white on
 * black, reverse and underline.
 *
 * Mode 13h: 320x200 pixels, one byte each, an index into the DAC's 256
 * colours. A cell shows two pixels, one above the other, as the upper
 * half block U+2580: foreground the upper pixel, background the lower.
 * The picture is scaled down by a whole factor k to fit the panel (a
 * cell is k pixels wide and 2k high, the pixel at its top-left corner of
 * each half taken as a sample), and DAC colours become the nearest the
 * terminal has (xterm-colors.c).
 *
 * No curses here (tests/ui/test-screen.c checks it alone). */
#include "ui/screen.h"

#include "ui/ui.h"

int screen_palette_size(int colors) {
  return colors >= 256 ? 256 : colors >= 16 ? 16 : 8;
}

/* CGA colour number (0-15) as the terminal's colour number. */
int screen_cga_color(int cga) {
  return (cga & 8) | (cga & 2) | ((cga & 1) << 2) | ((cga & 4) >> 2);
}

static void cga_cell(uint8_t a, int blink, int colors, struct ScreenCell *c) {
  int fg = screen_cga_color(a & 15);
  int bg;
  if (blink) {
    bg = screen_cga_color((a >> 4) & 7);
    c->blink = (a & 0x80) != 0;
  } else {
    bg = screen_cga_color((a >> 4) & 15);
  }
  if (colors < 16) {
    if (fg & 8) c->bold = 1;
    fg &= 7;
    bg &= 7;
  }
  c->fg = fg;
  c->bg = bg;
}

static void mda_cell(uint8_t a, int blink, int colors, struct ScreenCell *c) {
  int intense = (a & 0x08) != 0;
  c->bg = 0;
  if ((a & 0x77) == 0) {        /* 00h 08h 80h 88h: nothing visible */
    c->fg = 0;
    c->ch = L' ';
    return;
  }
  if ((a & 0x77) == 0x70) {     /* reverse video */
    c->fg = 0;
    c->bg = 7;
    c->reverse = 1;
  } else {
    c->fg = intense && colors >= 16 ? 15 : 7;
    c->underline = (a & 0x07) == 1;
    c->bold = intense && colors < 16;
  }
  if (blink && (a & 0x80)) c->blink = 1;
}

void screen_text_cell(const struct PcScreen *s, int row, int col, int colors,
                      struct ScreenCell *c) {
  *c = (struct ScreenCell){0};
  const uint8_t *p = s->mem + 2 * ((size_t)row * s->cols + col);
  c->ch = cp437_glyph(p[0]);
  if (s->mode == 7)
    mda_cell(p[1], s->blink, colors, c);
  else
    cga_cell(p[1], s->blink, colors, c);
}

int screen_scale(const struct PcScreen *s, int w, int h) {
  if (w <= 0 || h <= 0) return 0;
  int kx = (s->cols + w - 1) / w;
  int ky = (s->rows + 2 * h - 1) / (2 * h);
  int k = kx > ky ? kx : ky;
  return k < 1 ? 1 : k;
}

int screen_dac_color(const struct PcScreen *s, int index, int colors) {
  const uint8_t *rgb = s->palette[index & 255];
  return xterm_nearest(rgb[0], rgb[1], rgb[2], screen_palette_size(colors));
}

void screen_gfx_cell(const struct PcScreen *s, int k, int cx, int cy,
                     int colors, struct ScreenCell *c) {
  *c = (struct ScreenCell){0};
  c->ch = 0x2580; /* ▀ */
  int x = cx * k, y0 = 2 * cy * k, y1 = (2 * cy + 1) * k;
  c->fg = c->bg = 0;
  if (x >= s->cols) return;
  if (y0 < s->rows)
    c->fg = screen_dac_color(s, s->mem[(size_t)y0 * s->cols + x], colors);
  if (y1 < s->rows)
    c->bg = screen_dac_color(s, s->mem[(size_t)y1 * s->cols + x], colors);
}
