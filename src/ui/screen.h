/* screen.h: the PC's screen as terminal cells (screen-cells.c) and the
 * panel that draws them (panel-screen.c). */
#ifndef BLINK_UI_SCREEN_H
#define BLINK_UI_SCREEN_H

#include <wchar.h>

#include "pc/pc.h"

/* One terminal cell: a glyph and terminal colour numbers (0-255, as
 * many as the terminal has: `colors` below is 8, 16 or 256). */
struct ScreenCell {
  wchar_t ch;
  int fg, bg;
  int bold, underline, blink, reverse;
};

/* 8, 16 or 256: the palette the colours are chosen from. */
int screen_palette_size(int colors);
/* CGA colour 0-15 as the terminal's (ANSI) colour number. */
int screen_cga_color(int cga);
/* Text modes: the cell at (row, col) of the PC's screen. */
void screen_text_cell(const struct PcScreen *s, int row, int col, int colors,
                      struct ScreenCell *c);
/* Mode 13h: the scale k that fits s into w x h cells (one cell is k
 * pixels wide and 2k high), and cell (cx, cy) at that scale. */
int screen_scale(const struct PcScreen *s, int w, int h);
void screen_gfx_cell(const struct PcScreen *s, int k, int cx, int cy,
                     int colors, struct ScreenCell *c);
/* DAC entry index as the nearest terminal colour. */
int screen_dac_color(const struct PcScreen *s, int index, int colors);

#endif
